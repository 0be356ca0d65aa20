"""Staff approve or reject in the admin; the artisan is emailed in their language and sees why."""

from __future__ import annotations

import pytest
from django.core import mail
from django.urls import reverse

from artisans import services
from artisans.models import ArtisanProfile
from catalog.models import Product
from catalog.tests.factories import ArtisanProfileFactory, ProductFactory
from notifications.models import Email

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:artisans_artisanprofile_changelist")


@pytest.fixture
def pending(artisan):
    return ArtisanProfileFactory(user=artisan, business_name="Cerámica Moreno", status="pending")


@pytest.fixture
def pending_fr(other_artisan):
    return ArtisanProfileFactory(user=other_artisan, business_name="Atelier Alami", status="pending")


def visible_products():
    return Product.objects.filter(artisan__status="approved", status="published")


def test_approve_sets_status_reviewer_and_emails_once(pending, staff, django_capture_on_commit_callbacks):
    ProductFactory(artisan=pending, title="Plate")
    assert not visible_products().exists()
    with django_capture_on_commit_callbacks(execute=True):
        services.artisan_approve(profile=pending, reviewer=staff)
    pending.refresh_from_db()
    assert pending.status == ArtisanProfile.Status.APPROVED
    assert pending.reviewed_by == staff and pending.reviewed_at is not None
    assert [p.title for p in visible_products()] == ["Plate"]
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["artisan@example.org"]
    assert "Cerámica Moreno" in mail.outbox[0].subject

    # A second click finds it approved already: no second email.
    with pytest.raises(services.ReviewConflict), django_capture_on_commit_callbacks(execute=True):
        services.artisan_approve(profile=pending, reviewer=staff)
    assert len(mail.outbox) == 1
    assert Email.objects.filter(to="artisan@example.org").count() == 1


def test_reject_needs_a_reason_and_emails_it_in_the_artisans_language(
    pending_fr, staff, django_capture_on_commit_callbacks
):
    with pytest.raises(ValueError):
        services.artisan_reject(profile=pending_fr, reviewer=staff, reason="  ")
    with django_capture_on_commit_callbacks(execute=True):
        services.artisan_reject(profile=pending_fr, reviewer=staff, reason="Ajoutez des photos de l'atelier.")
    pending_fr.refresh_from_db()
    assert pending_fr.status == ArtisanProfile.Status.REJECTED
    assert pending_fr.rejection_reason == "Ajoutez des photos de l'atelier."
    message = mail.outbox[-1]
    assert message.to == ["other.artisan@example.org"]
    assert "Ajoutez des photos de l'atelier." in message.body
    assert "&#x27;" not in message.body  # the text part is not HTML-escaped
    html = message.alternatives[0][0]
    assert "Ajoutez des photos de l&#x27;atelier." in html


def test_rejected_artisan_sees_the_reason_on_the_dashboard(login, pending, staff):
    services.artisan_reject(profile=pending, reviewer=staff, reason="Please add a story.")
    content = login(pending.user).get(reverse("artisans:dashboard")).content.decode()
    assert "Please add a story." in content
    assert "badge-error" in content


def test_approval_after_rejection_clears_the_reason(pending, staff):
    services.artisan_reject(profile=pending, reviewer=staff, reason="Add photos")
    services.artisan_approve(profile=pending, reviewer=staff)
    pending.refresh_from_db()
    assert pending.status == ArtisanProfile.Status.APPROVED
    assert pending.rejection_reason == ""


def test_admin_changelist_filters_and_searches(login, staff, pending, pending_fr):
    client = login(staff)
    response = client.get(CHANGELIST, {"status__exact": "pending", "q": "Alami"})
    assert response.status_code == 200
    assert list(response.context["cl"].result_list) == [pending_fr]


def test_admin_approve_action_approves_and_emails(login, staff, pending, pending_fr, django_capture_on_commit_callbacks):
    client = login(staff)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(CHANGELIST, {"action": "approve_selected", "_selected_action": [pending.pk, pending_fr.pk]})
    assert response.status_code == 302
    assert set(ArtisanProfile.objects.values_list("status", flat=True)) == {"approved"}
    assert sorted(m.to[0] for m in mail.outbox) == ["artisan@example.org", "other.artisan@example.org"]


def test_admin_reject_action_asks_for_a_reason_first(login, staff, pending, django_capture_on_commit_callbacks):
    client = login(staff)
    response = client.post(CHANGELIST, {"action": "reject_selected", "_selected_action": [pending.pk]})
    assert response.status_code == 200
    assert "Reason, shown to the artisan" in response.content.decode()
    pending.refresh_from_db()
    assert pending.status == "pending"

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(CHANGELIST, {
            "action": "reject_selected", "_selected_action": [pending.pk], "reason": "Photos are too dark.",
        })
    assert response.status_code == 302
    pending.refresh_from_db()
    assert pending.status == "rejected"
    assert pending.rejection_reason == "Photos are too dark."
    assert len(mail.outbox) == 1


def test_admin_review_page_approves_or_rejects_one_profile(login, staff, pending, pending_fr):
    client = login(staff)
    url = reverse("admin:artisans_artisanprofile_review", args=[pending.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"decision": "approve"})
    assert response.status_code == 302
    pending.refresh_from_db()
    assert pending.status == "approved"

    url = reverse("admin:artisans_artisanprofile_review", args=[pending_fr.pk])
    assert client.post(url, {"decision": "reject", "reason": ""}).status_code == 400
    client.post(url, {"decision": "reject", "reason": "Missing crafts."})
    pending_fr.refresh_from_db()
    assert pending_fr.status == "rejected"


def test_admin_is_closed_to_artisans(login, artisan, pending):
    response = login(artisan).get(CHANGELIST)
    assert response.status_code == 302
    assert "/admin/login/" in response.url
