from django.urls import path

from programs import views

app_name = "programs"

urlpatterns = [
    path("join/<str:token>/", views.join, name="join"),
    path("artisan/", views.artisan_programs, name="artisan-programs"),
    path("artisan/<slug:slug>/apply/", views.apply, name="apply"),
]
