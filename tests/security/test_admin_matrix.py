"""Every admin action and every custom admin view × three staff personas.

    viewer     staff who may view every model and change nothing
    editor     the viewer plus the model permissions of the objects the row acts on (`needs`)
    superuser  everything

The actions are read from `admin.site._registry` (Django's `delete_selected` included) and the
custom views from the URL resolver (admin patterns whose view is not Django's or allauth's), so
a new action or view without a row here fails `test_every_admin_action_has_a_row` or
`test_every_custom_admin_view_has_a_row`.

An action row's outcome, per persona:
    done     the action ran: what it acts on changed (an export: the CSV came back)
    refused  nothing changed, and the admin answered 403 or did not offer the action
             (its "No action selected." redirect, or the list shown again)
A view row's outcome is its status (200 403 404) or `done` (a POST that changed what it acts on,
answered 200 or 302). A refused POST must also leave its object unchanged.
Each request runs in a savepoint that is rolled back, so a POST never changes the next row's world.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

import pytest
from django.contrib import admin
from django.contrib.admin.utils import NestedObjects
from django.contrib.auth.models import Permission
from django.db import models, transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tests.security.test_access_matrix import served_patterns
from tests.security.world import World

pytestmark = pytest.mark.django_db

PERSONAS = ("staff_viewer", "staff_editor", "superuser")
# The admin's own pages (index, login, password change...) are rows of the access matrix.
SITE_VIEWS = {"admin:login"}


@dataclass(frozen=True)
class ActionRow:
    target: Callable[[World], models.Model]
    expect: str = "refused done done"
    needs: tuple[str, ...] = ()
    # What the action changes, read before and after the request; a change means it ran.
    state: Callable[[models.Model], Any] | None = None
    data: dict = field(default_factory=dict)
    # For actions that answer with a file instead of changing rows.
    answered: Callable[[Any], bool] | None = None
    label: str = ""


@dataclass(frozen=True)
class ViewRow:
    url: Callable[[World], str]
    method: str
    expect: str
    needs: tuple[str, ...] = ()
    data: dict | Callable[[World], dict] = field(default_factory=dict)
    state: Callable[[World], Any] | None = None
    label: str = ""


def reload(obj: models.Model, *fields: str) -> Any:
    return type(obj).objects.filter(pk=obj.pk).values_list(*fields).first()


def status_of(obj: models.Model) -> Any:
    return reload(obj, "status")


def is_csv(response) -> bool:
    return response.status_code == 200 and response.get("Content-Type", "").startswith("text/csv")


def failed_email(w: World):
    from notifications.models import Email

    return Email.objects.create(key="admin-matrix:failed", to="buyer.b@example.org", subject="Hello",
                                body_text="Hello", status=Email.Status.FAILED, last_error="SMTP down")


def sent_invitation(w: World):
    """An invitation mailed two hours ago: a reminder now is a new intent (programs.services)."""
    from datetime import timedelta

    from notifications.models import Email

    invitation = w.invitations["none"]
    sent = Email.objects.create(key="admin-matrix:invitation", to=invitation.email, subject="Invitation",
                                body_text="Join", status=Email.Status.SENT)
    Email.objects.filter(pk=sent.pk).update(created_at=timezone.now() - timedelta(hours=2))
    invitation.outbox = sent
    invitation.save(update_fields=["outbox"])
    return invitation


def unverified_address(w: World):
    from allauth.account.models import EmailAddress

    return EmailAddress.objects.create(user=w.users["buyer_b"], email="second.b@example.org", verified=False)


def staff_enrolment(w: World):
    from accounts.models import StaffEnrolment
    from accounts.services import staff_enrolment_issue

    staff_enrolment_issue(user=w.users["staff"], issued_by=w.users["superuser"])
    return StaffEnrolment.objects.get(user=w.users["staff"], used_at__isnull=True, expires_at__gt=timezone.now())


def join_request(w: World):
    from programs.models import JoinRequest

    return JoinRequest.objects.get(invitation=w.invitations["none"], user=w.users["buyer_c"])


def in_review(w: World):
    """Nobody's published product, sent back to staff by an edit (catalog.curation)."""
    from catalog.models import Product

    product = w.products["none"]
    Product.objects.filter(pk=product.pk).update(status=Product.Status.IN_REVIEW, submitted_at=timezone.now())
    return product


def applied(w: World):
    from programs.models import Application

    return Application.objects.get(program=w.programs["A"], artisan=w.artisans["A"])


def _blocked_stand(w: World) -> models.Model:
    from fairs.tests.world import blocked_stand

    return blocked_stand(w)


def _fresh_exhibitor(w: World) -> models.Model:
    from fairs.tests.world import fresh_exhibitor

    return fresh_exhibitor(w)


def _fresh_venue(w: World) -> models.Model:
    from fairs.models import Venue

    return Venue.objects.create(program=w.misc["fairs"]["program"], name="Unused venue")


def candidate_url(side: str) -> Callable[[World], str]:
    """A candidate's decision page, under its round in the admin."""

    def url(w: World) -> str:
        candidate = w.misc["candidates"][side]
        return f"/admin/referencing/referencinground/{candidate.round_id}/candidates/{candidate.pk}/"

    return url


# app_label.model_name:action → its row. `delete_selected` rows are made for every model below.
ACTIONS: dict[str, ActionRow] = {
    "artisans.artisanprofile:approve_selected": ActionRow(
        lambda w: w.artisans["none"], needs=("artisans.change_artisanprofile",), state=status_of),
    "artisans.artisanprofile:reject_selected": ActionRow(
        lambda w: w.artisans["none"], needs=("artisans.change_artisanprofile",), state=status_of,
        data={"reason": "Photos of someone else's work."}),
    # Reading is what export needs: a viewer may take the list away as CSV.
    "artisans.artisanprofile:export_csv": ActionRow(lambda w: w.artisans["A"], "done done done", answered=is_csv),
    "meetings.meeting:export_csv": ActionRow(lambda w: w.meetings["A"], "done done done", answered=is_csv),
    "meetings.meeting:cancel_for_both": ActionRow(
        lambda w: w.meetings["A"], needs=("meetings.change_meeting",), state=status_of,
        data={"reason": "The speaker is ill."}),
    "buyers.buyerprofile:verify": ActionRow(
        lambda w: w.buyers["none"], needs=("buyers.change_buyerprofile",), state=lambda b: reload(b, "is_verified")),
    "notifications.email:retry_now": ActionRow(
        failed_email, needs=("notifications.change_email",), state=lambda e: reload(e, "status", "attempts")),
    "programs.program:make_catalog_pdf": ActionRow(
        lambda w: w.programs["A"], needs=("programs.change_program",),
        state=lambda p: reload(p, "catalog_pdf_requested_at")),
    "programs.buyerinvitation:resend": ActionRow(
        sent_invitation, needs=("programs.change_buyerinvitation",),
        state=lambda i: reload(i, "resends", "outbox")),
    "programs.joinrequest:confirm": ActionRow(
        join_request, needs=("programs.change_joinrequest",), state=status_of),
    "programs.joinrequest:decline": ActionRow(
        join_request, needs=("programs.change_joinrequest",), state=status_of),
    "catalog.product:approve_selected": ActionRow(
        in_review, needs=("catalog.change_product",), state=lambda p: reload(p, "status", "reviewed_by")),
    "catalog.product:send_to_review_selected": ActionRow(
        lambda w: w.products["none"], needs=("catalog.change_product",), state=status_of),
    "catalog.product:decline_selected": ActionRow(
        in_review, needs=("catalog.change_product",), state=lambda p: reload(p, "status", "review_reason"),
        data={"reason": "The photos show another piece."}),
    "programs.application:accept": ActionRow(applied, needs=("programs.change_application",), state=status_of),
    "programs.application:decline": ActionRow(applied, needs=("programs.change_application",), state=status_of),
    "account.emailaddress:make_verified": ActionRow(
        unverified_address, needs=("account.change_emailaddress",), state=lambda a: reload(a, "verified")),
    # Visitors: registrations decided and passes replaced or revoked through visitors.services.
    "visitors.visitor:accept_selected": ActionRow(
        lambda w: w.misc["visitors"]["pending"], needs=("visitors.change_visitor",), state=status_of),
    "visitors.visitor:refuse_selected": ActionRow(
        lambda w: w.misc["visitors"]["pending"], needs=("visitors.change_visitor",), state=status_of),
    "visitors.visitor:replace_pass": ActionRow(
        lambda w: w.misc["visitors"]["public"], needs=("visitors.change_visitor",),
        state=lambda v: sorted(v.passes.filter(revoked_at__isnull=True).values_list("pk", flat=True))),
    "visitors.visitor:revoke_passes": ActionRow(
        lambda w: w.misc["visitors"]["public"], needs=("visitors.change_visitor",),
        state=lambda v: v.passes.filter(revoked_at__isnull=True).count()),
    # Fairs: the allocator's run and publishing, and stands blocked, unblocked or freed, through fairs.services.
    "fairs.fairsettings:run_allocator": ActionRow(
        lambda w: w.misc["fairs"]["fair"], needs=("fairs.change_fairsettings",),
        state=lambda f: f.program.allocation_runs.count()),
    "fairs.fairsettings:publish_stands": ActionRow(
        lambda w: w.misc["fairs"]["fair"], needs=("fairs.change_fairsettings",),
        state=lambda f: reload(f, "published_at")),
    "fairs.stand:block_selected": ActionRow(
        lambda w: w.misc["fairs"]["free_stand"], needs=("fairs.change_stand",), state=status_of),
    "fairs.stand:unblock_selected": ActionRow(_blocked_stand, needs=("fairs.change_stand",), state=status_of),
    "fairs.stand:release_selected": ActionRow(
        lambda w: w.misc["fairs"]["stand"], needs=("fairs.change_stand",), state=status_of),
    "accounts.user:send_enrolment_link": ActionRow(
        lambda w: w.users["staff"], needs=("accounts.change_user",), state=lambda u: _enrolments(u)),
    # Referencing rounds move through referencing.services.round_move (its table's guards apply).
    "referencing.referencinground:start_scoring": ActionRow(
        lambda w: w.misc["rounds"]["open"], needs=("referencing.change_referencinground",), state=status_of),
    "referencing.referencinground:decide": ActionRow(
        lambda w: w.misc["rounds"]["B"], needs=("referencing.change_referencinground",), state=status_of),
    "referencing.referencinground:close": ActionRow(
        lambda w: w.misc["rounds"]["decided"], needs=("referencing.change_referencinground",), state=status_of),
}


def _enrolments(user) -> int:
    from accounts.models import StaffEnrolment

    return StaffEnrolment.objects.filter(user=user).count()


def unattached(kind: str) -> Callable[[World], models.Model]:
    """A fresh row nothing protects (the world's people and crafts have meetings and products)."""

    def make(w: World) -> models.Model:
        from accounts.tests.factories import UserFactory
        from catalog.models import Craft
        from catalog.tests.factories import ArtisanProfileFactory
        from meetings.tests.factories import BuyerProfileFactory
        from programs.tests.factories import ProgramFactory

        factories = {
            "user": lambda: UserFactory(email="nobody.yet@example.org"),
            "artisan": lambda: ArtisanProfileFactory(indexed=False),
            "buyer": BuyerProfileFactory,
            "craft": lambda: Craft.objects.create(slug="unused-craft", name_en="Unused craft"),
            # A program with applications is not deleted from the admin (applications are not).
            "program": lambda: ProgramFactory(slug="unused-program", name="Unused program"),
        }
        return factories[kind]()

    return make


def _fresh_room(w: World) -> models.Model:
    from visitors.models import Room

    return Room.objects.create(program=w.misc["visitors"]["fair"], name="Unused room")


def _fresh_tour(w: World) -> models.Model:
    from programs.models import Program
    from programs.tests.factories import ProgramFactory
    from tours.models import Tour

    program = ProgramFactory(slug="tour-fresh", kind=Program.Kind.WORKSHOP_TOUR)
    return Tour.objects.create(program=program, start_name="Bab Boujloud", start_latitude=34.06, start_longitude=-4.97)


def _fresh_candidate(w: World) -> models.Model:
    from tours.models import CandidateStop

    tour = w.misc["tours"]["A"]["tour"]
    return CandidateStop.objects.create(tour=tour, artisan=w.artisans["none"], address="Fresh", latitude=34.0,
                                        longitude=-5.0)


def _fresh_show(w: World) -> models.Model:
    from shows.tests.factories import ForeignShowFactory

    return ForeignShowFactory(program=w.programs["B"], name="Fresh show")


# Which row `delete_selected` removes, where the first row by primary key would not do.
DELETE_TARGETS: dict[str, Callable[[World], models.Model]] = {
    "accounts.user": unattached("user"),
    "artisans.artisanprofile": unattached("artisan"),
    "buyers.buyerprofile": unattached("buyer"),
    "catalog.craft": unattached("craft"),
    "programs.program": unattached("program"),
    # A room with sessions is protected (PROTECT); a fresh one is what staff may delete.
    "visitors.room": lambda w: _fresh_room(w),
    "accounts.staffenrolment": staff_enrolment,
    "account.emailaddress": unverified_address,
    "notifications.email": failed_email,
    # An exhibitor on a stand is protected (PROTECT); one without a stand is what staff may delete.
    "fairs.exhibitor": _fresh_exhibitor,
    # A stand or a venue with history is kept (its history is a record); fresh ones may go.
    "fairs.stand": _blocked_stand,
    "fairs.venue": _fresh_venue,
    # A tour or a candidate workshop with planned stops keeps them (records); fresh ones may go.
    "tours.tour": _fresh_tour,
    "tours.candidatestop": _fresh_candidate,
    # A show with applications keeps them (the services' records); a fresh one may go.
    "shows.foreignshow": _fresh_show,
}
# Nobody deletes these from the admin: settings, and the records services own (a meeting, its
# history, messages, outcomes and reminders, an application); privacy's services erase them.
UNDELETABLE = {
    "privacy.privacysettings", "meetings.meeting", "meetings.meetingevent", "meetings.message",
    "meetings.outcome", "meetings.reminder", "programs.application", "catalog.exchangerate",
    "catalog.catalogsettings", "deals.deal",
    "referencing.retailer", "referencing.referencinground",
    "fairs.standevent", "fairs.allocationrun", "fairs.standapplication", "fairs.standapplicationentry",
    "tours.plannedstop", "tours.stopoutcome",
    "shows.application", "shows.lead",
}


def first_row(model: type[models.Model]) -> Callable[[World], models.Model]:
    def pick(w: World) -> models.Model:
        obj = model._default_manager.order_by("pk").first()
        assert obj is not None, f"the world has no {model._meta.label_lower} to delete"
        return obj

    return pick


def delete_rows() -> dict[str, ActionRow]:
    rows = {}
    for model in admin.site._registry:
        label = model._meta.label_lower
        rows[f"{label}:delete_selected"] = ActionRow(
            DELETE_TARGETS.get(label, first_row(model)),
            "refused refused refused" if label in UNDELETABLE else "refused done done",
            state=lambda obj: type(obj)._default_manager.filter(pk=obj.pk).exists(),
            data={"post": "yes"},
        )
    return rows


ALL_ACTIONS = {**delete_rows(), **ACTIONS}


def registered_actions() -> list[str]:
    return sorted(
        f"{model._meta.label_lower}:{name}"
        for model, model_admin in admin.site._registry.items()
        for _func, name, _description in model_admin._get_base_actions()
    )


def test_every_admin_action_has_a_row():
    missing = [key for key in registered_actions() if key not in ALL_ACTIONS]
    assert missing == [], "admin actions without a row in tests/security/test_admin_matrix.py"


def test_every_admin_action_declares_the_permission_it_needs():
    # An action without `permissions=[...]` is offered to whoever may open the list.
    undeclared = [
        f"{model._meta.label_lower}:{name}"
        for model, model_admin in admin.site._registry.items()
        for func, name, _description in model_admin._get_base_actions()
        if not getattr(func, "allowed_permissions", None)
        or not all(hasattr(model_admin, f"has_{p}_permission") for p in func.allowed_permissions)
    ]
    assert undeclared == []


def test_no_row_for_an_action_that_is_gone():
    assert sorted(set(ALL_ACTIONS) - set(registered_actions())) == []


def _grant(user, needs: tuple[str, ...]) -> None:
    for need in needs:
        app_label, codename = need.split(".")
        user.user_permissions.add(Permission.objects.get(content_type__app_label=app_label, codename=codename))


def _delete_needs(obj: models.Model) -> tuple[str, ...]:
    """What Django's delete confirmation asks: delete rights on every registered model it cascades to."""
    collector = NestedObjects(using="default")
    collector.collect([obj])
    return tuple(
        f"{model._meta.app_label}.delete_{model._meta.model_name}"
        for model in collector.model_objs
        if model in admin.site._registry
    )


def _signed_in(world: World, persona: str) -> Client:
    client = Client()
    client.force_login(world.users[persona])
    return client


@pytest.fixture
def admin_clients(world, settings):
    settings.REQUIRE_STAFF_MFA = False
    return {persona: _signed_in(world, persona) for persona in PERSONAS}


def run_action(key: str, row: ActionRow, persona: str, world: World, client: Client) -> str:
    label, name = key.split(":")
    model = next(m for m in admin.site._registry if m._meta.label_lower == label)
    model_admin = admin.site._registry[model]
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
    with transaction.atomic():
        obj = row.target(world)
        if persona == "staff_editor":
            _grant(world.users[persona], row.needs + (_delete_needs(obj) if name == "delete_selected" else ()))
        before = row.state(obj) if row.state else None
        response = client.post(url, {"action": name, admin.helpers.ACTION_CHECKBOX_NAME: [obj.pk], **row.data})
        after = row.state(obj) if row.state else None
        offered = name in model_admin.get_actions(response.wsgi_request)
        transaction.set_rollback(True)
    status = response.status_code
    ran = row.answered(response) if row.answered else before != after
    if status >= 500:
        return str(status)
    if ran:
        return "done" if status in (200, 302) else f"changed-but-{status}"
    if status == 403 or (status in (200, 302) and not offered):
        return "refused"
    return f"offered-but-nothing-changed-{status}"


@pytest.mark.parametrize("key", sorted(ALL_ACTIONS))
def test_admin_action(key, world, admin_clients):
    row = ALL_ACTIONS[key]
    failures = []
    for persona, want in zip(PERSONAS, row.expect.split(), strict=True):
        got = run_action(key, row, persona, world, admin_clients[persona])
        if got != want:
            failures.append(f"{key} as {persona}: expected {want}, got {got}")
    assert not failures, "\n".join(failures)


# Custom admin views ------------------------------------------------------------------------
def program_url(side: str, tail: str) -> Callable[[World], str]:
    return lambda w: f"/admin/programs/program/{w.programs[side].pk}/{tail}"


def review_url(w: World) -> str:
    return f"/admin/artisans/artisanprofile/{w.artisans['none'].pk}/review/"


def session_url(tail: str) -> Callable[[World], str]:
    return lambda w: f"/admin/matchmaking/session/{w.misc['session'].pk}/{tail}"


def count_of(model_path: str, **filters: Callable[[World], Any]) -> Callable[[World], int]:
    def count(w: World) -> int:
        from django.apps import apps

        model = apps.get_model(model_path)
        return model.objects.filter(**{name: pick(w) for name, pick in filters.items()}).count()

    return count


def meeting_url(tail: str) -> Callable[[World], str]:
    return lambda w: f"/admin/meetings/meeting/{w.meetings['A'].pk}/{tail}"


PROGRAM_CHANGE = ("programs.change_program",)
MEETING_CHANGE = ("meetings.change_meeting",)
VIEWS: dict[str, list[ViewRow]] = {
    # An allocator run's page (read-only; it reloads itself while the run waits or runs).
    "admin:fairs_allocationrun_progress": [
        ViewRow(lambda w: f"/admin/fairs/allocationrun/{w.misc['fairs']['fair'].program.allocation_runs.get().pk}"
                "/progress/", "GET", "200 200 200"),
    ],
    "admin:fairs_exhibitor_move": [
        ViewRow(lambda w: f"/admin/fairs/exhibitor/{w.misc['fairs']['exhibitor'].pk}/move/", "GET", "403 200 200",
                needs=("fairs.change_exhibitor",)),
        ViewRow(lambda w: f"/admin/fairs/exhibitor/{w.misc['fairs']['exhibitor'].pk}/move/", "POST", "403 done done",
                needs=("fairs.change_exhibitor",), data=lambda w: {"stand": w.misc["fairs"]["free_stand"].pk},
                state=lambda w: reload(w.misc["fairs"]["free_stand"], "status", "exhibitor"), label="move to A02"),
    ],
    # Staff enter an exhibitor's stand application (fairs.services.stand_application_submit).
    "admin:fairs_exhibitor_stand_application": [
        ViewRow(lambda w: f"/admin/fairs/exhibitor/{w.misc['fairs']['exhibitor'].pk}/stand-application/", "GET",
                "403 200 200", needs=("fairs.add_standapplication",)),
        ViewRow(lambda w: f"/admin/fairs/exhibitor/{w.misc['fairs']['exhibitor'].pk}/stand-application/", "POST",
                "403 done done", needs=("fairs.add_standapplication",),
                data={"min_size_m2": "12", "needs_power": "on"},
                state=lambda w: reload(w.misc["fairs"]["exhibitor"].application, "min_size_m2"),
                label="size 12 m²"),
    ],
    "admin:artisans_artisanprofile_review": [
        ViewRow(review_url, "GET", "403 200 200", needs=("artisans.change_artisanprofile",)),
        ViewRow(review_url, "POST", "403 done done", needs=("artisans.change_artisanprofile",),
                data={"decision": "approve"}, state=lambda w: status_of(w.artisans["none"]), label="approve"),
        ViewRow(review_url, "POST", "403 done done", needs=("artisans.change_artisanprofile",),
                data={"decision": "reject", "reason": "Not handmade."}, state=lambda w: status_of(w.artisans["none"]),
                label="reject"),
    ],
    "admin:programs_program_invite": [
        ViewRow(program_url("B", "invite-buyers/"), "GET", "403 200 200", needs=PROGRAM_CHANGE),
        ViewRow(program_url("B", "invite-buyers/"), "POST", "403 done done", needs=PROGRAM_CHANGE,
                data={"emails": "fresh.buyer@example.org"},
                state=count_of("programs.BuyerInvitation", program=lambda w: w.programs["B"])),
    ],
    "admin:programs_program_invite_artisans": [
        ViewRow(program_url("A", "invite-artisans/"), "GET", "403 200 200", needs=PROGRAM_CHANGE),
        ViewRow(program_url("A", "invite-artisans/"), "POST", "403 done done", needs=PROGRAM_CHANGE,
                data={"emails": "fresh.artisan@example.org"},
                state=count_of("programs.Application", program=lambda w: w.programs["A"])),
    ],
    "admin:programs_program_import": [
        ViewRow(program_url("A", "import-artisans/"), "GET", "403 200 200", needs=PROGRAM_CHANGE),
        ViewRow(program_url("A", "import-artisans/"), "POST", "403 200 200", needs=PROGRAM_CHANGE,
                data={"confirm": "1", "key": "no-such-import"},
                state=count_of("programs.Application", program=lambda w: w.programs["A"]),
                label="an expired import"),
    ],
    "admin:programs_program_results": [ViewRow(program_url("B", "results/"), "GET", "200 200 200")],
    "admin:programs_program_results_csv": [ViewRow(program_url("B", "results.csv"), "GET", "200 200 200")],
    "admin:programs_program_catalog_pdf": [ViewRow(program_url("A", "catalog.pdf"), "GET", "200 200 200")],
    "admin:programs_program_import_template": [
        ViewRow(lambda w: "/admin/programs/program/import-artisans-template.csv", "GET", "403 200 200",
                needs=PROGRAM_CHANGE),
    ],
    "admin:matchmaking_preference_matrix": [
        ViewRow(lambda w: f"/admin/matchmaking/preference/matrix/{w.programs['B'].pk}/", "GET", "200 200 200"),
    ],
    "admin:matchmaking_session_schedule": [
        ViewRow(session_url("schedule/"), "GET", "200 200 200"),
        ViewRow(session_url("schedule/"), "POST", "403 done done", needs=("matchmaking.change_session",),
                state=count_of("matchmaking.SchedulePlan", session=lambda w: w.misc["session"]),
                label="run the scheduler"),
    ],
    "admin:matchmaking_session_plan": [
        ViewRow(session_url("plans/999999/"), "GET", "404 404 404"),
        ViewRow(session_url("plans/999999/"), "POST", "403 404 404", needs=("matchmaking.change_session",),
                data={"publish": "1"}),
    ],
    # A retailer's product sheet: reading is what it needs (staff send it to the retailer).
    "admin:referencing_referencinground_sheet_csv": [
        ViewRow(lambda w: f"/admin/referencing/referencinground/{w.misc['rounds']['A'].pk}/sheet.csv", "GET",
                "200 200 200"),
    ],
    "admin:referencing_referencinground_sheet_xlsx": [
        ViewRow(lambda w: f"/admin/referencing/referencinground/{w.misc['rounds']['A'].pk}/sheet.xlsx", "GET",
                "200 200 200"),
    ],
    "admin:referencing_referencinground_candidate": [
        ViewRow(candidate_url("A"), "GET", "403 200 200", needs=("referencing.change_candidate",)),
        ViewRow(candidate_url("A"), "POST",
                "403 done done", needs=("referencing.change_candidate",),
                data={"action": "not_select", "reason": "Too close to a product the store already sells."},
                state=lambda w: reload(w.misc["candidates"]["A"], "status", "reason"), label="not selected"),
        ViewRow(candidate_url("decided_selected"), "POST", "403 done done", needs=("referencing.change_candidate",),
                data={"action": "list", "article_number": "STB-777"},
                state=lambda w: reload(w.misc["candidates"]["decided_selected"], "status"), label="listed"),
    ],
    "admin:meetings_meeting_add_participant": [
        ViewRow(meeting_url("add-participant/"), "GET", "403 200 200", needs=MEETING_CHANGE),
        ViewRow(meeting_url("add-participant/"), "POST", "403 done done", needs=MEETING_CHANGE,
                data={"email": "buyer.b@example.org", "role": "buyer"},
                state=lambda w: w.meetings["A"].participants.count(), label="buyer B joins meeting A"),
    ],
    "admin:meetings_meeting_reschedule": [
        ViewRow(meeting_url("reschedule/"), "GET", "403 200 200", needs=MEETING_CHANGE),
        ViewRow(meeting_url("reschedule/"), "POST", "403 done done", needs=MEETING_CHANGE,
                data=lambda w: {"start": (timezone.now() + timedelta(days=12)).strftime("%Y-%m-%dT10:00")},
                state=lambda w: reload(w.meetings["A"], "start_at"), label="move for both sides"),
    ],
}


def custom_admin_views() -> list[str]:
    return sorted({
        pattern.name or pattern.route
        for pattern in served_patterns()
        if pattern.route.startswith("admin/")
        and not pattern.module.startswith(("django.", "allauth."))
        and pattern.name not in SITE_VIEWS
    })


def test_every_custom_admin_view_has_a_row():
    missing = [name for name in custom_admin_views() if not VIEWS.get(name)]
    assert missing == [], "custom admin views without a row in tests/security/test_admin_matrix.py"
    assert sorted(set(VIEWS) - set(custom_admin_views())) == []


def run_view(row: ViewRow, persona: str, world: World, client: Client) -> str:
    with transaction.atomic():
        if persona == "staff_editor":
            _grant(world.users[persona], row.needs)
        url = row.url(world)
        data = row.data(world) if callable(row.data) else row.data
        before = row.state(world) if row.state else None
        response = client.get(url, data) if row.method == "GET" else client.post(url, data)
        after = row.state(world) if row.state else None
        transaction.set_rollback(True)
    status = response.status_code
    if before != after:
        return "done" if status in (200, 302) else f"changed-but-{status}"
    if status in (301, 302):
        return f"302:{response['Location']}"
    return str(status)


@pytest.mark.parametrize("name", sorted(VIEWS))
def test_custom_admin_view(name, world, admin_clients):
    failures = []
    for row in VIEWS[name]:
        for persona, want in zip(PERSONAS, row.expect.split(), strict=True):
            got = run_view(row, persona, world, admin_clients[persona])
            if got != want:
                failures.append(f"{row.method} {row.url(world)} {row.label} as {persona}: expected {want}, got {got}")
    assert not failures, "\n".join(failures)
