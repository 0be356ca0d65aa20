from django.urls import path

from catalog import views

app_name = "catalog"

urlpatterns = [
    path("", views.artisan_list, name="artisan-list"),
]
