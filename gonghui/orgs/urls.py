from django.urls import path

from . import views

app_name = "orgs"
urlpatterns = [
    path("", views.org_list, name="list"),
    path("tree/", views.org_tree, name="tree"),
    path("search/", views.org_search, name="search"),
    path("<int:org_id>/", views.org_detail, name="detail"),
    path("<int:org_id>/edit/", views.org_edit, name="edit"),
    path("<int:org_id>/new/", views.org_create_child, name="create_child"),
    path("<int:org_id>/move/", views.org_move, name="move"),
    path("<int:org_id>/merge/", views.org_merge, name="merge"),
    path("<int:org_id>/split/", views.org_split, name="split"),
    path("<int:org_id>/dissolve/", views.org_dissolve, name="dissolve"),
    path("<int:org_id>/reveal/bank-account/", views.org_reveal_bank_account, name="reveal_bank_account"),
]
