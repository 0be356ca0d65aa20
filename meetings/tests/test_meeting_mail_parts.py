"""Meeting mail: an HTML part in the recipient's language and direction, Content-Language, a
calendar part whose type carries the METHOD inside, a decline that says with whom and when, and
dates in each language's own form."""

from __future__ import annotations

import email
import re
from datetime import UTC, datetime

import pytest
from django.core import mail
from django.utils import translation
from django.utils.formats import date_format

from meetings import services
from meetings.models import Meeting
from meetings.tests.factories import in_days

pytestmark = pytest.mark.django_db


@pytest.fixture
def requested(workshop, shop, buyer):
    return services.meeting_request(buyer_user=buyer, artisan=workshop, proposed_starts=[in_days(7)],
                                    duration_minutes=45, mode=Meeting.Mode.VIRTUAL)


def _sent(to: str, purpose: str):
    messages = [m for m in mail.outbox if m.to == [to] and m.extra_headers["X-CraftMatch-Key"].startswith(purpose)]
    assert messages, [m.extra_headers["X-CraftMatch-Key"] for m in mail.outbox]
    return messages[-1]


def _html(message) -> str:
    (html,) = [content for content, mimetype in message.alternatives if mimetype == "text/html"]
    return html


def test_invitations_have_html_in_the_recipients_language_and_a_calendar_part_with_its_method(
    requested, artisan, buyer, django_capture_on_commit_callbacks
):
    artisan.language = "ar"
    artisan.save(update_fields=["language"])
    with django_capture_on_commit_callbacks(execute=True):
        services.meeting_accept(meeting_id=requested.pk, actor=artisan, start_at=in_days(7))
    for user, lang, direction in ((artisan, "ar", "rtl"), (buyer, buyer.language, "ltr")):
        message = _sent(user.email, "meeting-invitation")
        assert message.subject == message.subject.strip() and message.subject
        assert message.extra_headers["Content-Language"] == lang
        html = _html(message)
        assert f'<html lang="{lang}" dir="{direction}">' in html
        assert 'href="http://' in html  # the meeting link is clickable
        parsed = email.message_from_bytes(message.message().as_bytes())
        (calendar,) = [part for part in parsed.walk() if part.get_content_type() == "text/calendar"]
        assert calendar.get_param("method") == "REQUEST"
        assert re.search(rb"^METHOD:REQUEST\r?$", calendar.get_payload(decode=True), re.MULTILINE)
        assert parsed["Content-Language"] == lang


def test_a_cancellation_part_says_cancel(requested, artisan, buyer, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.meeting_accept(meeting_id=requested.pk, actor=artisan, start_at=in_days(7))
        services.meeting_cancel(meeting_id=requested.pk, actor=buyer, reason="Travel plans changed")
    parsed = email.message_from_bytes(_sent(buyer.email, "meeting-cancellation").message().as_bytes())
    (calendar,) = [part for part in parsed.walk() if part.get_content_type() == "text/calendar"]
    assert calendar.get_param("method") == "CANCEL"


def test_the_decline_mail_names_the_artisan_and_the_time(requested, artisan, buyer, workshop,
                                                         django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.meeting_decline(meeting_id=requested.pk, actor=artisan, reason="Fully booked that week")
    message = _sent(buyer.email, "meeting-event")
    with translation.override(buyer.language):
        from django.utils import timezone

        with timezone.override(buyer.time_zone):
            when = date_format(timezone.localtime(in_days(7)), "LONG_DATETIME_FORMAT")
    assert workshop.business_name in message.subject
    assert workshop.business_name in message.body and when in message.body
    assert "<html" in _html(message)


@pytest.mark.parametrize(
    ("language", "expected_long", "expected_short"),
    [
        ("es", "miércoles, 3 de noviembre de 2027, 14:00", "1 dic, 19:03"),
        ("fr", "mercredi 3 novembre 2027 à 14:00", "1 déc 19:03"),
        ("en", "Wednesday 3 November 2027, 14:00", "1 Dec, 19:03"),
    ],
)
def test_dates_read_in_each_languages_own_form(language, expected_long, expected_short):
    with translation.override(language):
        assert date_format(datetime(2027, 11, 3, 14, 0, tzinfo=UTC), "LONG_DATETIME_FORMAT") == expected_long
        assert date_format(datetime(2026, 12, 1, 19, 3, tzinfo=UTC), "DAY_TIME_FORMAT") == expected_short
