"""Answering a follow-up: from the email's signed link (no sign-in needed) or in the app."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from common.statemachine import TransitionRefused
from deals import followups
from deals.followup_forms import FollowUpForm
from deals.models import FollowUp


def _answer(request: HttpRequest, follow_up: FollowUp, *, done_url: str | None) -> HttpResponse:
    if follow_up.status == FollowUp.Status.ANSWERED:
        # A replayed link or a second tab: the first answer stands, and the page says so.
        return render(request, "deals/followup.html", {"follow_up": follow_up, "answered": True},
                      status=400 if request.method == "POST" else 200)
    if request.method == "POST":
        form = FollowUpForm(request.POST)
        if form.is_valid():
            try:
                followups.followup_answer(
                    follow_up=follow_up, user_id=follow_up.user_id,
                    answer=followups.Answer(form.cleaned_data["answer"], form.cleaned_data["value"],
                                            form.cleaned_data["currency"]),
                )
            except TransitionRefused as refused:
                return render(request, "deals/followup.html", {"error": refused.message}, status=400)
            messages.success(request, _("Thank you: your answer is recorded."))
            if done_url:
                return redirect(done_url)
            follow_up.refresh_from_db()
            return render(request, "deals/followup.html", {"follow_up": follow_up, "answered": True})
        return render(request, "deals/followup.html", {"follow_up": follow_up, "form": form}, status=400)
    # GET never records: mail scanners open links. The chosen answer is only preselected.
    initial = {"answer": request.GET.get("answer")} if request.GET.get("answer") in FollowUp.Answer.values else {}
    return render(request, "deals/followup.html", {"follow_up": follow_up, "form": FollowUpForm(initial=initial)})


def followup_link(request: HttpRequest, token: str) -> HttpResponse:
    try:
        follow_up = followups.followup_from_token(token=token, user=request.user)
    except TransitionRefused as refused:
        return render(request, "deals/followup.html", {"error": refused.message}, status=400)
    return _answer(request, follow_up, done_url=None)


@login_required
def followup_detail(request: HttpRequest, public_id) -> HttpResponse:
    follow_up = FollowUp.objects.select_related("meeting__artisan", "meeting__buyer").filter(
        public_id=public_id, user=request.user
    ).first()
    if follow_up is None:
        raise Http404
    return _answer(request, follow_up, done_url="deals:list")
