from django.urls import path

from . import views

app_name = "mutualaid"
urlpatterns = [
    path("", views.home, name="home"),
    path("me/", views.me, name="me"),
]
