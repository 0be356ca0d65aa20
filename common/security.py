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


def session_passed_second_factor(request: HttpRequest) -> bool:
    """This session proved the second factor: at sign-in, by reauthentication or by enrolling it."""
    from allauth.account.internal.flows.login import get_authentication_records

    return any(record.get("method") == "mfa" for record in get_authentication_records(request, request.user))


def staff_second_factor_missing(request: HttpRequest) -> bool:
    """Whether this request's user is staff who may not use staff powers yet (REQUIRE_STAFF_MFA).

    The one rule for every staff power, in the admin or outside it (private catalogs, wholesale
    terms, unapproved artisans' pages): with REQUIRE_STAFF_MFA, a staff member needs a TOTP
    authenticator *and* a session that passed it. A session signed in before the authenticator
    was set up (by a thief who had the password, say) does not count.
    """
    user = getattr(request, "user", None)
    if not settings.REQUIRE_STAFF_MFA or user is None:
        return False
    if not (user.is_authenticated and user.is_staff):
        return False
    return not (staff_has_second_factor(user) and session_passed_second_factor(request))


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
    """With REQUIRE_STAFF_MFA, staff without a second factor reach only the pages to get one.

    Every page but these is refused to them (`staff_second_factor_missing` decides), so no view,
    selector or template has to ask again: staff visibility anywhere implies the factor. Staff
    with an authenticator whose session has not used it are asked for a code; staff without one
    are sent to the page that explains the enrolment link another administrator sends them.
    """

    # URL names open to staff without a second factor: signing out, proving who they are, and
    # the enrolment steps (the activation page itself refuses a first enrolment without a link).
    OPEN = frozenset({
        "account_logout", "account_reauthenticate", "mfa_reauthenticate", "mfa_authenticate",
        "accounts:staff-enrol", "accounts:staff-enrol-link", "accounts:totp-activate", "mfa_activate_totp",
        "set_language", "ops:health",
    })

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(self, request: HttpRequest, view_func, view_args, view_kwargs):
        match = request.resolver_match
        if match is None or match.view_name in self.OPEN or not staff_second_factor_missing(request):
            return None
        if staff_has_second_factor(request.user):
            messages.warning(request, _("Enter a code from your authenticator app to use the agency's pages."))
            return HttpResponseRedirect(
                f"{reverse('mfa_reauthenticate')}?{urlencode({'next': request.get_full_path()})}"
            )
        messages.warning(
            request, _("Set up an authenticator app before using the agency's pages."),
        )
        return HttpResponseRedirect(reverse("accounts:staff-enrol"))
