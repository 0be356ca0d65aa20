from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView

from accounts import views as account_views
from common.security import admin_login
from ops import views as ops_views

# Staff sign in through allauth like everyone: its rate limits and second factor apply.
admin.site.login = admin_login

urlpatterns = [
    path("", account_views.home, name="home"),
    path("dashboard/", account_views.dashboard, name="dashboard"),
    # The privacy page, and the data export and account deletion (under accounts/ as before).
    path("", include("privacy.urls")),
    # Browsers ask for /favicon.ico whatever the page links; the file is a static one.
    path("favicon.ico", RedirectView.as_view(url=f"{settings.STATIC_URL}favicon.ico", permanent=True), name="favicon"),
    path("i18n/setlang/", account_views.set_language, name="set_language"),
    path("accounts/", include("accounts.urls")),
    path("accounts/", include("allauth.urls")),
    path("artisan/", include("artisans.urls")),
    path("buyer/", include("buyers.urls")),
    path("catalog/", include("catalog.urls")),
    path("meetings/", include("meetings.urls")),
    path("programs/", include("programs.urls")),
    path("matchmaking/", include("matchmaking.urls")),
    path("deals/", include("deals.urls")),
    path("fairs/", include("fairs.urls")),
    path("visitors/", include("visitors.urls")),
    path("referencing/", include("referencing.urls")),
    path("tours/", include("tours.urls")),
    path("shows/", include("shows.urls")),
    path("admin/", admin.site.urls),
    path("health/", include("ops.urls")),
    path("metrics/", ops_views.metrics_view, name="metrics"),
]

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
