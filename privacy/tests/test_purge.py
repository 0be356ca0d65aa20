from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from meetings.models import Message
from meetings.tests.factories import MeetingFactory
from privacy.models import PrivacySettings
from privacy.services import messages_purge
from privacy.tasks import purge_old_messages_task

pytestmark = pytest.mark.django_db


def _message(meeting, days_old: int, body: str) -> Message:
    message = Message.objects.create(meeting=meeting, author=meeting.buyer_user, body=body)
    Message.objects.filter(pk=message.pk).update(created_at=timezone.now() - timedelta(days=days_old))
    return message


def test_messages_older_than_the_retention_are_purged_and_a_second_run_finds_nothing():
    meeting = MeetingFactory()
    _message(meeting, 800, "old")
    _message(meeting, 700, "recent")
    assert purge_old_messages_task.delay().get() == 1
    assert list(Message.objects.values_list("body", flat=True)) == ["recent"]
    assert purge_old_messages_task.delay().get() == 0
    assert Message.objects.count() == 1


def test_staff_retention_setting_applies(settings):
    settings.MESSAGE_RETENTION_DAYS = 730
    row = PrivacySettings.current()
    row.message_retention_days = 60
    row.save()
    meeting = MeetingFactory()
    _message(meeting, 61, "old")
    _message(meeting, 59, "recent")
    assert messages_purge() == 1
    assert Message.objects.get().body == "recent"
    assert meeting.__class__.objects.filter(pk=meeting.pk).exists()


def test_default_retention_comes_from_the_environment_setting(settings):
    settings.MESSAGE_RETENTION_DAYS = 365
    assert PrivacySettings.current().message_retention_days == 365


def test_privacy_settings_stay_one_row():
    PrivacySettings.current()
    PrivacySettings(message_retention_days=100).save()
    assert PrivacySettings.objects.count() == 1
    assert PrivacySettings.current().message_retention_days == 100


def test_staff_edit_retention_in_admin(login, staff):
    row = PrivacySettings.current()
    client = login(staff)
    url = f"/admin/privacy/privacysettings/{row.pk}/change/"
    assert client.get(url).status_code == 200
    response = client.post(url, {"message_retention_days": "90"})
    assert response.status_code == 302
    assert PrivacySettings.current().message_retention_days == 90
    assert client.post(url, {"message_retention_days": "5"}).status_code == 200
    assert PrivacySettings.current().message_retention_days == 90
