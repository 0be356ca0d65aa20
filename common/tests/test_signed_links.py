"""Signed links: a token reads back for its purpose only, until it expires; its callers refuse replays."""

from __future__ import annotations

import time
from datetime import timedelta

import pytest
from django.core import signing

from common import signed_links
from deals import followups
from deals.models import FollowUp
from deals.services import inquiries
from deals.tests.test_followups import _held
from visitors import services as visitor_services
from visitors.models import Pass, Visitor
from visitors.services import registration
from visitors.tests.factories import fair_program

ONE = signed_links.register("tests.signed-links.one")
OTHER = signed_links.register("tests.signed-links.other")


def _made_ago(monkeypatch: pytest.MonkeyPatch, seconds: int, purpose: str, value: object) -> str:
    issued = time.time() - seconds
    with monkeypatch.context() as past:
        past.setattr(signing.time, "time", lambda: issued)
        return signed_links.make(purpose, value)


def test_a_token_reads_back_its_value():
    for value in (42, "a b/c", {"f": 3, "u": 9}, [1, None, True]):
        assert signed_links.read(ONE, signed_links.make(ONE, value), max_age=60) == value


def test_a_token_is_url_safe():
    token = signed_links.make(ONE, {"f": 3, "u": 9, "text": "é/?&#"})
    assert all(ch.isalnum() or ch in "-_:" for ch in token)


def test_an_old_token_is_expired_and_a_young_one_is_not(monkeypatch):
    token = _made_ago(monkeypatch, 120, ONE, 7)
    with pytest.raises(signed_links.Expired):
        signed_links.read(ONE, token, max_age=60)
    with pytest.raises(signed_links.Expired):
        signed_links.read(ONE, token, max_age=timedelta(minutes=1))
    assert signed_links.read(ONE, token, max_age=timedelta(minutes=5)) == 7


def test_expired_is_a_kind_of_invalid():
    # Callers that do not tell the two apart catch Invalid alone.
    assert issubclass(signed_links.Expired, signed_links.Invalid)


def test_a_tampered_token_is_invalid():
    token = signed_links.make(ONE, 5)
    value, stamp, signature = token.split(":")
    other_value = signed_links.make(ONE, 6).split(":")[0]
    flipped = signature[:-1] + ("A" if signature[-1] != "A" else "B")
    for bad in (
        f"{value}:{stamp}:{flipped}",
        f"{other_value}:{stamp}:{signature}",  # another id under this signature
        f"{value}:{stamp}",
        "",
        "1:abc:def",
    ):
        with pytest.raises(signed_links.Invalid) as refused:
            signed_links.read(ONE, bad, max_age=60)
        assert not isinstance(refused.value, signed_links.Expired)


def test_a_token_of_another_purpose_is_invalid():
    token = signed_links.make(OTHER, 5)
    with pytest.raises(signed_links.Invalid):
        signed_links.read(ONE, token, max_age=60)
    assert signed_links.read(OTHER, token, max_age=60) == 5


def test_a_purpose_is_registered_once_and_only_registered_ones_are_used():
    with pytest.raises(ValueError, match="already registered"):
        signed_links.register(ONE)
    with pytest.raises(ValueError, match="not registered"):
        signed_links.make("tests.signed-links.typo", 1)
    with pytest.raises(ValueError, match="not registered"):
        signed_links.read("tests.signed-links.typo", signed_links.make(ONE, 1), max_age=60)


def test_every_caller_has_its_own_purpose():
    purposes = [registration.CONFIRM_SALT, inquiries.CONFIRM_SALT, followups.LINK_SALT]
    assert len(set(purposes)) == len(purposes)


# The callers, through their real tokens.


def _registered_visitor(django_capture_on_commit_callbacks) -> Visitor:
    program = fair_program()
    with django_capture_on_commit_callbacks(execute=True):
        return visitor_services.visitor_register(
            program=program,
            kind=Visitor.Kind.PUBLIC,
            full_name="Amina Benali",
            email="amina@example.org",
            days=[program.starts_on],
        )


@pytest.mark.django_db
def test_a_confirmation_link_mailed_before_the_module_still_confirms(django_capture_on_commit_callbacks):
    visitor = _registered_visitor(django_capture_on_commit_callbacks)
    mailed = signing.dumps(visitor.pk, salt="visitors.registration-confirm")  # as links were signed
    assert visitor_services.visitor_confirm(token=mailed).status == Visitor.Status.ACCEPTED


@pytest.mark.django_db
def test_an_inquiry_confirmation_token_does_not_confirm_a_visitor(django_capture_on_commit_callbacks):
    visitor = _registered_visitor(django_capture_on_commit_callbacks)
    # Both sign a bare id: only the purpose tells them apart.
    borrowed = signed_links.make(inquiries.CONFIRM_SALT, visitor.pk)
    with pytest.raises(visitor_services.Refused, match="not valid"):
        visitor_services.visitor_confirm(token=borrowed)
    visitor.refresh_from_db()
    assert visitor.status == Visitor.Status.UNCONFIRMED and not Pass.objects.exists()


@pytest.mark.django_db
def test_a_replayed_confirmation_link_issues_nothing_more(django_capture_on_commit_callbacks):
    visitor = _registered_visitor(django_capture_on_commit_callbacks)
    token = registration.confirm_token(visitor)
    first = visitor_services.visitor_confirm(token=token)
    confirmed_at = first.confirmed_at
    again = visitor_services.visitor_confirm(token=token)
    assert again.confirmed_at == confirmed_at
    assert Pass.objects.filter(visitor=visitor).count() == 1


@pytest.mark.django_db
def test_a_replayed_follow_up_answer_is_refused(django_capture_on_commit_callbacks):
    meeting = _held(100)
    with django_capture_on_commit_callbacks(execute=True):
        followups.followups_send_due()
    asked = FollowUp.objects.get(meeting=meeting, user=meeting.buyer_user)
    token = followups.followup_token(asked)
    first = followups.followup_from_token(token=token, user=None)
    followups.followup_answer(follow_up=first, user_id=first.user_id, answer=followups.Answer("order"))
    replay = followups.followup_from_token(token=token, user=None)  # the link itself still reads
    with pytest.raises(followups.TransitionRefused, match="already recorded"):
        followups.followup_answer(
            follow_up=replay, user_id=replay.user_id, answer=followups.Answer("reorder")
        )
    asked.refresh_from_db()
    assert (asked.status, asked.answer) == (FollowUp.Status.ANSWERED, "order")
