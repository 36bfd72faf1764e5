from django.urls import path

from . import views

app_name = "honours"

urlpatterns = [
    path("", views.rounds, name="rounds"),
]
