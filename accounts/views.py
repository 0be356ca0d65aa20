from __future__ import annotations

from allauth.account import views as allauth_views
from allauth.account.adapter import get_adapter
from allauth.account.decorators import reauthentication_required
from allauth.account.views import SignupView
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.i18n import set_language as django_set_language

from accounts.forms import PreferencesForm
from accounts.models import User
from programs import services as program_services


def home(request: HttpRequest) -> HttpResponse:
    return render(request, "home.html")


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    """Send each role to its own landing page."""
    user = request.user
    if user.is_staff:
        return redirect("admin:index")
    if user.is_artisan:
        return redirect("artisans:dashboard")
    return redirect("buyers:dashboard")


def signup_choose(request: HttpRequest) -> HttpResponse:
    return render(request, "account/signup_choose.html")


class RoleSignupView(SignupView):
    role = User.Role.BUYER
    template_name = "account/signup.html"

    def get_initial(self):
        initial = super().get_initial()
        invitation = self._invitation()
        if invitation is not None:
            initial["email"] = invitation.email
        return initial

    def _invitation(self):
        # Named and filled in only while unused; joining is the invitation page's POST.
        if self.role != User.Role.BUYER:
            return None
        return program_services.invitation_for_sign_up(self.request.GET.get("invitation", ""))

    def form_valid(self, form):
        adapter = get_adapter(self.request)
        adapter.unstash_verified_email(self.request)
        # An unused invitation reached its address: signing up with that address (and no other)
        # needs no second verification.
        if self.role == User.Role.BUYER and program_services.invitation_verifies_email(
            token=self.request.GET.get("invitation", ""), email=form.cleaned_data.get("email", "")
        ):
            adapter.stash_verified_email(self.request, form.cleaned_data["email"])
        return super().form_valid(form)

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        form.role = self.role
        return form

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["role"] = self.role
        context["invitation"] = self._invitation()
        return context


artisan_signup = RoleSignupView.as_view(role=User.Role.ARTISAN)
buyer_signup = RoleSignupView.as_view(role=User.Role.BUYER)


@require_POST
def set_language(request: HttpRequest) -> HttpResponse:
    """Django's set_language, remembered on the account of a signed-in user."""
    response = django_set_language(request)
    code = request.POST.get("language")
    if request.user.is_authenticated and code in dict(User._meta.get_field("language").choices):
        User.objects.filter(pk=request.user.pk).update(language=code)
    return response


@login_required
def preferences(request: HttpRequest) -> HttpResponse:
    form = PreferencesForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Your preferences are saved."))
        return redirect("accounts:preferences")
    return render(request, "account/preferences.html", {"form": form})


# --- Changes that a borrowed session must not make alone ---------------------------------------
# allauth asks for reauthentication on email changes (ACCOUNT_REAUTHENTICATION_REQUIRED) and on
# second-factor changes; its password pages do not, so these wrap them (same paths, listed first).
password_change = login_required(
    reauthentication_required(allauth_views.password_change, app="allauth.account")
)
password_set = login_required(reauthentication_required(allauth_views.password_set, app="allauth.account"))


ENROLMENT_SESSION_KEY = "staff_enrolment_id"


def _may_enrol_first_factor(request: HttpRequest) -> bool:
    """A staff member's first authenticator needs a redeemed enrolment link in this session."""
    from accounts.models import StaffEnrolment

    user = request.user
    if not (settings.REQUIRE_STAFF_MFA and user.is_staff):
        return True
    enrolment_id = request.session.get(ENROLMENT_SESSION_KEY)
    return bool(enrolment_id) and StaffEnrolment.objects.filter(
        pk=enrolment_id, user=user, used_at__isnull=False
    ).exists()


@login_required
def totp_activate(request: HttpRequest) -> HttpResponse:
    """allauth's authenticator set-up, refused to staff who came without an enrolment link."""
    from allauth.account.internal.flows.login import record_authentication
    from allauth.mfa.models import Authenticator
    from allauth.mfa.totp.views import activate_totp

    from common.security import staff_has_second_factor

    user = request.user
    had_factor = staff_has_second_factor(user)
    if not had_factor and not _may_enrol_first_factor(request):
        messages.warning(request, _("Ask another administrator to send you an enrolment link."))
        return redirect("accounts:staff-enrol")
    response = activate_totp(request)
    if not had_factor and staff_has_second_factor(user):
        # The code from the new authenticator was just entered in this session: it counts as
        # having passed the second factor (common.security.session_passed_second_factor).
        totp = Authenticator.objects.get(user=user, type=Authenticator.Type.TOTP)
        record_authentication(request, user, "mfa", id=totp.pk, type=totp.type, enrolled=True)
        request.session.pop(ENROLMENT_SESSION_KEY, None)
    return response


def _staff_required(request: HttpRequest) -> None:
    from django.core.exceptions import PermissionDenied

    if not request.user.is_staff:
        raise PermissionDenied


@login_required
def staff_enrol(request: HttpRequest) -> HttpResponse:
    """What a staff member without a second factor sees: how to get an enrolment link."""
    from common.security import staff_has_second_factor

    _staff_required(request)
    if staff_has_second_factor(request.user):
        return redirect("mfa_index")
    return render(request, "account/staff_enrol.html", {"may_enrol": _may_enrol_first_factor(request)})


@login_required
def staff_enrol_link(request: HttpRequest, token: str) -> HttpResponse:
    """An enrolment link: opening it shows a button; pressing it spends the link for this session."""
    from accounts.services import EnrolmentError, staff_enrolment_redeem

    _staff_required(request)
    error = ""
    if request.method == "POST":
        try:
            enrolment = staff_enrolment_redeem(user=request.user, token=token)
        except EnrolmentError as failure:
            error = str(failure)
        else:
            request.session[ENROLMENT_SESSION_KEY] = enrolment.pk
            return redirect("accounts:totp-activate")
    return render(
        request, "account/staff_enrol_link.html", {"error": error}, status=400 if error else 200
    )
