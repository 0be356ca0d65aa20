from django.urls import path

from accounts import views

app_name = "accounts"

urlpatterns = [
    path("signup/", views.signup_choose, name="signup"),
    path("signup/artisan/", views.artisan_signup, name="signup-artisan"),
    path("signup/buyer/", views.buyer_signup, name="signup-buyer"),
    path("preferences/", views.preferences, name="preferences"),
    # The same paths as allauth's own (which come later): reauthentication first, enrolment gated.
    path("password/change/", views.password_change, name="password-change"),
    path("password/set/", views.password_set, name="password-set"),
    path("2fa/totp/activate/", views.totp_activate, name="totp-activate"),
    path("2fa/enrol/", views.staff_enrol, name="staff-enrol"),
    path("2fa/enrol/<str:token>/", views.staff_enrol_link, name="staff-enrol-link"),
]
