from django.urls import path

from accounts import views

app_name = "accounts"

urlpatterns = [
    path("signup/", views.signup_choose, name="signup"),
    path("signup/artisan/", views.artisan_signup, name="signup-artisan"),
    path("signup/buyer/", views.buyer_signup, name="signup-buyer"),
    path("preferences/", views.preferences, name="preferences"),
    path("data/", views.data_export, name="data-export"),
    path("delete/", views.account_delete_view, name="delete"),
]
