from django.urls import path

from matchmaking import views

app_name = "matchmaking"

urlpatterns = [
    path("", views.recommendations, name="recommendations"),
    path("<int:pk>/hide/", views.recommendation_hide, name="hide"),
    path("<int:pk>/show/", views.recommendation_unhide, name="unhide"),
    path("preference/", views.preference_set, name="preference"),
]
