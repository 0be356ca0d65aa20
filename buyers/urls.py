from django.urls import path

from buyers import views

app_name = "buyers"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("profile/", views.profile_edit, name="profile"),
    path("shortlist/", views.shortlist, name="shortlist"),
    path("shortlist/add/", views.shortlist_add, name="shortlist-add"),
    path("shortlist/remove/", views.shortlist_remove, name="shortlist-remove"),
    path("shortlist/<uuid:public_id>/note/", views.shortlist_note, name="shortlist-note"),
]
