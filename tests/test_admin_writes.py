"""The admin is not a second write path: whatever the superuser posts, the invariants hold.

For every registered model with a row in the world (tests/security/world.py), the change form
is posted as the superuser with every editable field altered (a foreign key to another row, a
choice to another choice, a flag flipped, a number, date or text changed), first all at once and
then one field at a time; each inline gets a new row too. Every admin action is run on every row
of its model. After each request:

- a meeting's people are its artisan's and buyer's users, and it ends `duration_minutes` after
  it starts;
- a meeting whose status changed has the history row of that change;
- history, messages and outcomes are as before (a change form never edits or deletes them; a
  staff action of the meeting service only adds the history of what it changed);
- an application decided, a buyer verified, an artisan approved or rejected, a product approved or
  declined says who and when;
- no application appears without the invitation service (which emails it).
Each request runs in a savepoint that is rolled back.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Any

import pytest
from django.contrib import admin
from django.db import models, transaction
from django.test import Client
from django.urls import reverse

from tests.security.conftest import _private_cache, world  # noqa: F401 (fixtures)
from tests.security.html_forms import post_forms

pytestmark = pytest.mark.django_db

ADMIN_MODELS = sorted(admin.site._registry, key=lambda m: m._meta.label_lower)
SKIPPED_NAMES = {"csrfmiddlewaretoken", "_save", "_continue", "_addanother", "_saveasnew"}


@pytest.fixture
def superuser(world, settings):  # noqa: F811
    settings.REQUIRE_STAFF_MFA = False
    settings.MEDIA_ROOT = world.misc["media_root"]  # the world's photos
    client = Client()
    client.force_login(world.users["superuser"])
    return client


# --- The invariants -------------------------------------------------------------------------


def snapshot() -> dict[str, Any]:
    from artisans.models import ArtisanProfile
    from buyers.models import BuyerProfile
    from catalog.models import Product
    from meetings.models import Meeting, MeetingEvent, Message, Outcome
    from programs.models import Application

    return {
        "meetings": {m["pk"]: m for m in Meeting.objects.values(
            "pk", "status", "artisan_id", "buyer_id", "artisan_user_id", "buyer_user_id",
            "artisan__user_id", "buyer__user_id", "start_at", "end_at", "duration_minutes")},
        "events": sorted(MeetingEvent.objects.values_list()),
        "messages": sorted(Message.objects.values_list()),
        "outcomes": sorted(Outcome.objects.values_list()),
        "applications": {a["pk"]: a for a in Application.objects.values("pk", "status", "decided_at", "decided_by")},
        "buyers": {b["pk"]: b for b in BuyerProfile.objects.values("pk", "is_verified", "verified_at", "verified_by")},
        "artisans": {a["pk"]: a for a in ArtisanProfile.objects.values("pk", "status", "reviewed_at", "reviewed_by")},
        "products": {p["pk"]: p for p in Product.objects.values("pk", "status", "reviewed_at", "reviewed_by")},
    }


def broken(before: dict, after: dict, *, records_kept: bool, history_grows: bool = False) -> list[str]:
    from meetings.models import MeetingEvent

    problems = []
    for pk, m in after["meetings"].items():
        if (m["artisan_user_id"], m["buyer_user_id"]) != (m["artisan__user_id"], m["buyer__user_id"]):
            problems.append(f"meeting {pk}: its people are not its artisan's and buyer's users")
        if m["start_at"] and m["end_at"] != m["start_at"] + timedelta(minutes=m["duration_minutes"]):
            problems.append(f"meeting {pk}: ends {m['end_at']}, not {m['duration_minutes']} minutes after it starts")
        old = before["meetings"].get(pk)
        if old and old["status"] != m["status"] and not MeetingEvent.objects.filter(
            meeting_id=pk, from_status=old["status"], to_status=m["status"]
        ).exists():
            problems.append(f"meeting {pk}: {old['status']} -> {m['status']} without its history row")
    if records_kept:
        for kind in ("events", "messages", "outcomes"):
            unchanged = set(before[kind]) <= set(after[kind]) if kind == "events" and history_grows \
                else before[kind] == after[kind]
            if not unchanged:
                problems.append(f"{kind} changed")
    for pk, a in after["applications"].items():
        old = before["applications"].get(pk)
        if old is None:
            problems.append(f"application {pk} created outside the invitation service")
        elif old["status"] != a["status"] and not (a["decided_at"] and a["decided_by"]):
            problems.append(f"application {pk}: {old['status']} -> {a['status']} without who and when")
    for pk, b in after["buyers"].items():
        old = before["buyers"].get(pk, {"is_verified": False})
        if b["is_verified"] and not old["is_verified"] and not (b["verified_at"] and b["verified_by"]):
            problems.append(f"buyer {pk} verified without who and when")
    for pk, a in after["artisans"].items():
        old = before["artisans"].get(pk)
        if old and old["status"] != a["status"] and not (a["reviewed_at"] and a["reviewed_by"]):
            problems.append(f"artisan {pk}: {old['status']} -> {a['status']} without who and when")
    for pk, product in after["products"].items():
        old = before["products"].get(pk)
        # Only the review (artisans.services) changes a product's status in the admin, and records it.
        if old and old["status"] != product["status"] and not (
            product["reviewed_by"] and product["reviewed_at"] and product["reviewed_at"] != old["reviewed_at"]
        ):
            problems.append(f"product {pk}: {old['status']} -> {product['status']} without who and when")
    return problems


# --- Altering a change form -----------------------------------------------------------------


def _model_field(model: type[models.Model], name: str):
    try:
        return model._meta.get_field(name)
    except Exception:
        return None


def _other_pk(related: type[models.Model], current: str) -> str | None:
    other = related._default_manager.exclude(pk=current).order_by("pk").values_list("pk", flat=True).first() \
        if current.isdigit() else related._default_manager.order_by("pk").values_list("pk", flat=True).first()
    return None if other is None else str(other)


def altered(model: type[models.Model] | None, name: str, kind: str, offered: list[str], sent: list[str]):
    """Another valid value for the field, or None when there is nothing sensible to try."""
    base, _, part = name.rpartition("_") if re.search(r"_[01]$", name) else (name, "", "")
    field = _model_field(model, base) if model else None
    current = sent[0] if sent else ""
    if kind == "checkbox":
        return [] if sent else offered[:1] or ["on"]
    if kind in ("select", "select-multiple", "radio"):
        others = [value for value in offered if value not in sent and value != ""]
        return others[:1] or None
    if field is not None and field.is_relation and kind in ("text", "hidden") and current != "":
        other = _other_pk(field.related_model, current.split(",")[0])
        return [other] if other else None
    if kind in ("hidden", "file", "password"):
        return None
    if field is not None and isinstance(field, models.DateTimeField) and part == "0" or (
            field is not None and isinstance(field, models.DateField) and not part):
        try:
            return [(date.fromisoformat(current) + timedelta(days=1)).isoformat()]
        except ValueError:
            return None
    if field is not None and isinstance(field, models.DateTimeField) and part == "1":
        return ["11:00:00"] if current else None
    if kind == "number" or (field is not None and isinstance(field, (models.IntegerField, models.DecimalField))):
        try:
            return [str(int(float(current)) + 1)] if current else ["1"]
        except ValueError:
            return None
    if field is not None and type(field).__name__ in ("ArrayField", "JSONField", "TimeField"):
        return None
    if kind == "email" or isinstance(field, models.EmailField):
        return ["changed." + current] if current else None
    if kind in ("text", "textarea", "url", "search", "tel"):
        return [current + "-2"] if current else ["changed"]
    return None


def change_form(client: Client, obj: models.Model):
    url = reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", args=[obj.pk])
    response = client.get(url)
    assert response.status_code == 200, url
    forms = [f for f in post_forms(response.content.decode(), url) if "_save" in f.fields or f.action == url]
    inlines = {}
    for formset in (response.context or {}).get("inline_admin_formsets", []):
        inlines[formset.formset.prefix] = formset.formset.model
    return url, (forms[0] if forms else None), inlines


def _model_of(name: str, model: type[models.Model], inlines: dict) -> tuple[type[models.Model] | None, str]:
    match = re.fullmatch(r"(.+)-(\d+|__prefix__)-(.+)", name)
    if match and match.group(1) in inlines:
        return inlines[match.group(1)], match.group(3)
    if "-" in name:
        return None, name
    return model, name


def variants(model, form, inlines) -> list[dict[str, list[str]]]:
    """All fields altered at once, each field alone, and each inline with one more row."""
    untouched = form.untouched()
    changes = {}
    for name, field in form.fields.items():
        if name in SKIPPED_NAMES or name.endswith(("-TOTAL_FORMS", "-INITIAL_FORMS", "-MIN_NUM_FORMS",
                                                    "-MAX_NUM_FORMS", "-id", "-DELETE")) or "__prefix__" in name:
            continue
        owner, field_name = _model_of(name, model, inlines)
        if owner is None and "-" in name:
            continue
        value = altered(owner, field_name, field.kind, field.offered, field.sent)
        if value is not None and value != field.sent:
            changes[name] = value
    result = [{**untouched, **changes}] + [{**untouched, name: value} for name, value in changes.items()]
    for prefix in inlines:
        total = f"{prefix}-TOTAL_FORMS"
        if total not in untouched:
            continue
        count = int(untouched[total][0])
        added = {**untouched, total: [str(count + 1)]}
        for name, field in form.fields.items():
            match = re.fullmatch(rf"{re.escape(prefix)}-__prefix__-(.+)", name)
            if match and match.group(1) not in ("id", "DELETE"):
                fresh = f"{prefix}-{count}-{match.group(1)}"
                added[fresh] = altered(inlines[prefix], match.group(1), field.kind, field.offered, []) or []
        result.append(added)
    return result


def _first_row(model: type[models.Model]):
    return model._default_manager.order_by("pk").first()


@pytest.mark.parametrize("model", ADMIN_MODELS, ids=lambda m: m._meta.label_lower)
def test_every_change_form_post_keeps_the_invariants(model, world, superuser):  # noqa: F811
    obj = _first_row(model)
    if obj is None:
        pytest.skip(f"the world has no {model._meta.label_lower}")
    url, form, inlines = change_form(superuser, obj)
    if form is None:
        return  # read-only: nothing to post
    problems = []
    for data in variants(model, form, inlines):
        with transaction.atomic():
            before = snapshot()
            response = superuser.post(url, data)
            assert response.status_code in (200, 302, 403), (response.status_code, data)
            problems += [f"{p} (posted {sorted(set(data) - {'csrfmiddlewaretoken'})})"
                         for p in broken(before, snapshot(), records_kept=True)]
            transaction.set_rollback(True)
    assert problems == []


# Actions that change meetings through meetings.services, which records the history itself.
SERVICE_ACTIONS = ("cancel_for_both",)


def _actions() -> list[tuple[type[models.Model], str]]:
    return [(model, name) for model in ADMIN_MODELS
            for _func, name, _description in admin.site._registry[model]._get_base_actions()]


@pytest.mark.parametrize("model,action", _actions(), ids=lambda v: v if isinstance(v, str) else v._meta.label_lower)
def test_every_admin_action_keeps_the_invariants(model, action, world, superuser):  # noqa: F811
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
    with transaction.atomic():
        pks = list(model._default_manager.values_list("pk", flat=True))
        if not pks:
            pytest.skip(f"the world has no {model._meta.label_lower}")
        before = snapshot()
        response = superuser.post(url, {"action": action, admin.helpers.ACTION_CHECKBOX_NAME: pks,
                                        "post": "yes", "reason": "Not what the program is for."})
        assert response.status_code < 500
        # A staff action of the meeting service adds history rows (and keeps every old one).
        problems = broken(before, snapshot(), records_kept=action != "delete_selected",
                          history_grows=action in SERVICE_ACTIONS)
        transaction.set_rollback(True)
    assert problems == []


def test_application_decision_and_buyer_verification_record_who(world, superuser):  # noqa: F811
    from buyers.models import BuyerProfile
    from programs.models import Application

    application = Application.objects.get(program=world.programs["A"], artisan=world.artisans["A"])
    buyer = world.buyers["none"]
    changelist = "admin:{}_changelist"
    with transaction.atomic():
        superuser.post(reverse(changelist.format("programs_application")),
                       {"action": "accept", admin.helpers.ACTION_CHECKBOX_NAME: [application.pk]})
        superuser.post(reverse(changelist.format("buyers_buyerprofile")),
                       {"action": "verify", admin.helpers.ACTION_CHECKBOX_NAME: [buyer.pk]})
        application.refresh_from_db()
        buyer = BuyerProfile.objects.get(pk=buyer.pk)
        assert (application.status, application.decided_by) == ("accepted", world.users["superuser"])
        assert application.decided_at is not None
        assert (buyer.is_verified, buyer.verified_by) == (True, world.users["superuser"])
        assert buyer.verified_at is not None
        transaction.set_rollback(True)


def test_meeting_records_are_neither_editable_nor_deletable(world, superuser):  # noqa: F811
    from meetings.models import Meeting, MeetingEvent, Message, Outcome, Reminder

    for model in (Meeting, MeetingEvent, Message, Outcome, Reminder):
        model_admin = admin.site._registry[model]
        request = superuser.get(reverse("admin:index")).wsgi_request
        obj = _first_row(model)
        assert not model_admin.has_add_permission(request)
        assert not model_admin.has_change_permission(request, obj)
        assert not model_admin.has_delete_permission(request, obj)
        delete_url = reverse(f"admin:meetings_{model._meta.model_name}_delete", args=[obj.pk])
        with transaction.atomic():
            assert superuser.post(delete_url, {"post": "yes"}).status_code == 403
            assert model.objects.filter(pk=obj.pk).exists()
            transaction.set_rollback(True)
