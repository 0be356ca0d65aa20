from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from common.permissions import artisan_required
from programs import selectors, services
from programs.forms import ApplicationForm
from programs.models import BuyerInvitation, Program


@require_http_methods(["GET", "POST"])
def join(request: HttpRequest, token: str) -> HttpResponse:
    """The link in a buyer's invitation: a page saying what this person may do; joining is a POST.

    Opening the link changes nothing, so a link that leaked (a forwarded email, a preview bot)
    joins nobody; what the POST may do is programs.services.invitation_state's to say.
    """
    invitation = get_object_or_404(BuyerInvitation.objects.select_related("program"), token=token)
    user = request.user
    if user.is_authenticated and not user.is_buyer:
        raise PermissionDenied
    if request.method == "POST":
        if not user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        try:
            state = services.invitation_join(token=token, user=user)
        except services.ProgramError as error:
            messages.error(request, str(error))
            return redirect("programs:join", token=token)
        if state == services.JoinState.MEMBER:
            messages.success(
                request,
                _("You joined %(program)s: its artisans are in your catalog.") % {"program": invitation.program.name},
            )
            return redirect("catalog:artisan-list")
        messages.info(
            request,
            _("The agency will confirm that this account may join %(program)s; until then nothing changes.")
            % {"program": invitation.program.name},
        )
        return redirect("programs:join", token=token)
    here = reverse("programs:join", kwargs={"token": token})
    context = {
        "invitation": invitation,
        "program": invitation.program,
        "state": services.invitation_state(invitation=invitation, user=user).value,
        "signup_url": f"{reverse('accounts:signup-buyer')}?{urlencode({'invitation': token, 'next': here})}",
        "login_url": f"{reverse('account_login')}?{urlencode({'next': here})}",
    }
    return render(request, "programs/join.html", context)


def _artisan_page(request: HttpRequest, form: ApplicationForm, status: int = 200) -> HttpResponse:
    artisan = getattr(request.user, "artisan_profile", None)
    applications = list(selectors.applications_of(artisan)) if artisan else []
    # An application's status is said by its own label, in the table and on the program's card alike.
    applied = {application.program_id: application for application in applications if application.applied_at}
    open_programs = list(selectors.programs_open_to_artisans())
    for program in open_programs:
        program.my_application = applied.get(program.pk)
    context = {"artisan": artisan, "applications": applications, "open_programs": open_programs, "form": form}
    return render(request, "programs/artisan_programs.html", context, status=status)


@artisan_required
def artisan_programs(request: HttpRequest) -> HttpResponse:
    return _artisan_page(request, ApplicationForm())


@require_POST
@artisan_required
def apply(request: HttpRequest, slug: str) -> HttpResponse:
    program = get_object_or_404(Program, slug=slug)
    artisan = getattr(request.user, "artisan_profile", None)
    if artisan is None:
        messages.error(request, _("Describe your workshop first: programs look at your profile."))
        return redirect("artisans:dashboard")
    form = ApplicationForm(request.POST)
    if not form.is_valid():
        return _artisan_page(request, form, status=400)
    try:
        services.application_submit(program=program, artisan=artisan, motivation=form.cleaned_data["motivation"])
    except services.ProgramError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _("Your application to %(program)s is sent. The agency will tell you its decision.")
            % {"program": program.name},
        )
    return redirect("programs:artisan-programs")
