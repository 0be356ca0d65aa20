from django.urls import path

from ops import views

app_name = "ops"
urlpatterns = [path("", views.health_view, name="health")]
