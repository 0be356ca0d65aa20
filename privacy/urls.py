from django.urls import path

from privacy import views

app_name = "privacy"

# Mounted at the site's root: the export and deletion keep the addresses they had under accounts/.
urlpatterns = [
    path("privacy/", views.privacy_page, name="page"),
    path("accounts/data/", views.data_export, name="data-export"),
    path("accounts/delete/", views.account_delete_view, name="account-delete"),
]
