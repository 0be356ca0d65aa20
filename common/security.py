"""Security plumbing that no single app owns: headers, the admin's door, uploaded files.

SECURITY.md lists what is enforced where; these are the pieces that live in middleware.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

# Features a marketplace page never needs; a compromised or third-party script cannot use them.
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer", "autoplay", "camera", "display-capture", "geolocation", "gyroscope",
        "magnetometer", "microphone", "midi", "payment", "usb", "interest-cohort",
    )
)

# What the storage ever holds under MEDIA_URL: re-encoded images (common/images.py).
SAFE_MEDIA_TYPES = {"image/jpeg", "image/png", "image/webp"}


def safe_next_url(request: HttpRequest, url: str | None, default: str) -> str:
    """A `next=` value when it is a path on this site, else `default`.

    Only absolute paths pass: besides other hosts ("//evil", "https://evil"), a bare word
    would be taken by `redirect()` for a URL name and fail with a 500.
    """
    if (
        url
        and url.startswith("/")
        and "\x00" not in url
        and url_has_allowed_host_and_scheme(url, allowed_hosts={request.get_host()}, require_https=request.is_secure())
    ):
        return url
    return default


def admin_login(request: HttpRequest, extra_context=None) -> HttpResponse:
    """The admin's login page, replaced by allauth's: one door, one rate limit, one second factor.

    Django's admin login would otherwise accept passwords without allauth's throttle or MFA stage.
    A signed-in user who is not staff is refused here: sending them back to allauth's login would
    bounce them straight back to /admin/ in a loop.
    """
    if request.user.is_authenticated and not request.user.is_staff:
        raise PermissionDenied
    target = request.GET.get("next") or reverse("admin:index")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()},
                                           require_https=request.is_secure()):
        target = reverse("admin:index")
    return HttpResponseRedirect(f"{reverse('account_login')}?{urlencode({'next': target})}")


def staff_has_second_factor(user) -> bool:
    from allauth.mfa.models import Authenticator
    from allauth.mfa.utils import is_mfa_enabled

    return is_mfa_enabled(user, [Authenticator.Type.TOTP])


class SecurityHeadersMiddleware:
    """Permissions-Policy on every response; uploaded files that can never run as a page.

    Django's SecurityMiddleware sets nosniff, HSTS and the referrer policy; django-csp the CSP.
    A file under MEDIA_URL that is not one of our re-encoded image types (it should not exist,
    but a web server or a mistake might put one there) is served as a download in a sandbox.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        if settings.MEDIA_URL and request.path.startswith(settings.MEDIA_URL):
            response["X-Content-Type-Options"] = "nosniff"
            content_type = response.get("Content-Type", "").split(";")[0].strip().lower()
            if content_type not in SAFE_MEDIA_TYPES:
                response["Content-Disposition"] = "attachment"
                response["Content-Security-Policy"] = "sandbox; default-src 'none'"
        return response


class StaffSecondFactorMiddleware:
    """With REQUIRE_STAFF_MFA, staff reach /admin/ only with a TOTP authenticator activated.

    allauth then asks for the code at every login, so a stolen staff password alone opens
    nothing. Without one, the staff member is sent to the page that sets it up.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if getattr(settings, "REQUIRE_STAFF_MFA", False) and self._guarded(request):
            user = request.user
            if user.is_authenticated and user.is_staff and not staff_has_second_factor(user):
                messages.warning(
                    request,
                    _("Set up an authenticator app before using the agency's administration."),
                )
                return HttpResponseRedirect(reverse("mfa_activate_totp"))
        return self.get_response(request)

    @staticmethod
    def _guarded(request: HttpRequest) -> bool:
        admin_prefix = reverse("admin:index")
        return request.path.startswith(admin_prefix)
