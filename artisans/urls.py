from django.urls import path

from artisans import views

app_name = "artisans"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
]
