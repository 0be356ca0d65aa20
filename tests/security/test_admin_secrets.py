"""No admin page or admin export shows a usable secret, to view-only staff or to the superuser.

The secrets are made the way the site makes them: a password-reset link for the superuser (the
reset form), an email confirmation link, a staff enrolment link (all three in the outbox), a
TOTP secret with its recovery codes, the world's invitation tokens and meeting video tokens.
Then every registered ModelAdmin's list, change, history and delete pages, its own views (results,
CSV files, plans) and every CSV export action are opened as each persona, and none may contain
any of them.

`test_every_secret_looking_field_is_hidden_in_its_admin` walks the registry itself: a model
field that looks like a secret must be named in its ModelAdmin's `secret_fields`
(common.admin_secrets) and be neither shown nor searched, so a new token field fails here.
"""

from __future__ import annotations

import re
from secrets import token_urlsafe

import pytest
from allauth.account.models import EmailAddress, EmailConfirmationHMAC
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.contrib import admin
from django.contrib.admin.utils import quote
from django.contrib.sessions.middleware import SessionMiddleware
from django.test import Client, RequestFactory
from django.urls import reverse

from accounts.services import staff_enrolment_issue
from accounts.tests.factories import UserFactory
from common.admin_secrets import SecretFieldsAdminMixin
from common.crypto import decrypt_text
from common.fields import EncryptedTextField
from meetings.models import Meeting
from notifications.models import Email
from programs.models import Application, BuyerInvitation

pytestmark = pytest.mark.django_db

PERSONAS = ("staff_viewer", "superuser")
SECRET_NAME = re.compile(r"token|secret|password|otp|recovery|passphrase")
# Not secrets although named like one: a hash of a random token cannot be turned back into it.
NOT_SECRET = re.compile(r"_hash$")
# Models with a secret: every row's pages are opened, not only the first.
SECRET_MODELS = {Email, Authenticator, BuyerInvitation, Application, Meeting}


def _link(body: str, pattern: str) -> str:
    match = re.search(pattern, body)
    assert match, f"no {pattern} in {body!r}"
    return match.group(1)


def _request_for(user):
    request = RequestFactory().get("/")
    SessionMiddleware(lambda r: None).process_request(request)
    request.user = user
    return request


@pytest.fixture
def secrets(world, settings) -> dict[str, str]:
    settings.REQUIRE_STAFF_MFA = False
    superuser = world.users["superuser"]
    found: dict[str, str] = {}

    Client().post(reverse("account_reset_password"), {"email": superuser.email})
    reset = Email.objects.filter(to=superuser.email, key__contains="password_reset").latest("pk")
    found["reset key"] = _link(reset.body_text, r"/password/reset/key/([^/\s]+)/")

    buyer = world.users["buyer_a"]
    address = EmailAddress.objects.create(user=buyer, email="second.a@example.org", verified=False)
    confirmation = EmailConfirmationHMAC(address)
    confirmation.send(_request_for(buyer), signup=False)
    # An HMAC key carries the second it was signed in: read the one the mail was sent with.
    body = Email.objects.filter(to="second.a@example.org").latest("pk").body_text
    found["confirmation key"] = _link(body, r"/confirm-email/([^/\s]+)/")
    assert EmailConfirmationHMAC.from_key(found["confirmation key"]).email_address == address

    newcomer = UserFactory(email="new.staff@example.org", role="staff", is_staff=True)
    found["enrolment token"] = _link(staff_enrolment_issue(user=newcomer, issued_by=superuser),
                                     r"/2fa/enrol/([^/\s]+)/")

    holder = UserFactory(email="totp.holder@example.org")
    found["totp secret"] = generate_totp_secret()
    TOTP.activate(holder, found["totp secret"])
    codes = RecoveryCodes.activate(holder)
    found["recovery seed"] = decrypt_text(codes.instance.data["seed"])
    for index, code in enumerate(codes.get_unused_codes()):
        found[f"recovery code {index}"] = code

    for model in (BuyerInvitation, Application):
        for pk, token in model.objects.values_list("pk", "token"):
            found[f"{model.__name__} {pk} token"] = token
    # The world's meetings carry a placeholder; give them tokens like meetings.services makes.
    for meeting in Meeting.objects.exclude(video_token=""):
        Meeting.objects.filter(pk=meeting.pk).update(video_token=token_urlsafe(24))
    for pk, token in Meeting.objects.exclude(video_token="").values_list("pk", "video_token"):
        found[f"meeting {pk} video token"] = token
    assert any(label.startswith("BuyerInvitation") for label in found)
    assert any(label.startswith("meeting") for label in found)
    return found


def _admin_url(model, page: str, *args) -> str:
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{page}", args=args)


def _custom_views(model, model_admin, pk) -> list[str]:
    """The ModelAdmin's own views (results, CSV files, plans...), on its first row when they take one."""
    standard = {"changelist", "add", "change", "history", "delete"}
    urls = []
    for pattern in model_admin.get_urls():
        name = pattern.name or ""
        if not name or name.rsplit("_", 1)[-1] in standard or not hasattr(pattern, "callback"):
            continue
        arguments = pattern.pattern.converters
        if not arguments:
            urls.append(reverse(f"admin:{name}"))
        elif len(arguments) == 1 and pk is not None:
            urls.append(reverse(f"admin:{name}", args=[pk]))
    return urls


def _admin_pages(model, model_admin) -> list[str]:
    pages = [_admin_url(model, "changelist")]
    rows = model._default_manager.all()
    rows = rows if model in SECRET_MODELS else rows[:1]
    for pk in rows.values_list("pk", flat=True):
        for page in ("change", "history", "delete"):
            pages.append(_admin_url(model, page, quote(pk)))
    first = model._default_manager.values_list("pk", flat=True).first()
    return pages + _custom_views(model, model_admin, first)


def _body(response) -> bytes:
    if response.streaming:  # the catalog PDF
        return b"".join(response.streaming_content)
    return response.content


def _leaks(content: bytes, secrets: dict[str, str]) -> list[str]:
    text = content.decode(errors="replace")
    # Recovery codes are eight digits: look for them as whole numbers, not inside longer ones.
    return [
        label for label, value in secrets.items()
        if (re.search(rf"(?<!\d){re.escape(value)}(?!\d)", text) if value.isdigit() else value in text)
    ]


@pytest.mark.parametrize("persona", PERSONAS)
def test_no_admin_page_shows_a_secret(world, secrets, persona):
    client = Client()
    client.force_login(world.users[persona])
    leaks, opened = [], 0
    for model, model_admin in admin.site._registry.items():
        for url in _admin_pages(model, model_admin):
            response = client.get(url)
            if response.status_code == 200:
                opened += 1
                leaks += [(url, label) for label in _leaks(_body(response), secrets)]
    assert leaks == []
    # The pages that would show them were opened, not refused.
    for model in (Email, Authenticator, BuyerInvitation, Application, Meeting):
        pk = model._default_manager.values_list("pk", flat=True).first()
        assert client.get(_admin_url(model, "change", pk)).status_code == 200
    assert opened > 50


@pytest.mark.parametrize("persona", PERSONAS)
def test_no_admin_export_shows_a_secret(world, secrets, persona):
    client = Client()
    client.force_login(world.users[persona])
    exported = 0
    for model, model_admin in admin.site._registry.items():
        request = _request_for(world.users[persona])
        actions = model_admin.get_actions(request)
        if "export_csv" not in actions:
            continue
        pks = [str(pk) for pk in model._default_manager.values_list("pk", flat=True)]
        response = client.post(_admin_url(model, "changelist"),
                               {"action": "export_csv", "_selected_action": pks, "index": "0"})
        assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
        exported += 1
        assert _leaks(response.content, secrets) == []
    assert exported >= 2


def test_a_changelist_refuses_lookups_on_secrets(world, secrets, settings):
    client = Client()
    client.force_login(world.users["staff_viewer"])
    token = next(value for label, value in secrets.items() if label.startswith("BuyerInvitation"))
    for url, lookup in [
        (reverse("admin:programs_buyerinvitation_changelist"), "token__startswith"),
        (reverse("admin:programs_application_changelist"), "token"),
        (reverse("admin:meetings_meeting_changelist"), "video_token__startswith"),
        (reverse("admin:accounts_user_changelist"), "password__startswith"),
        (reverse("admin:mfa_authenticator_changelist"), "data__secret__startswith"),
        (reverse("admin:notifications_email_changelist"), "body_text__contains"),
    ]:
        # Each answer would tell whether a guessed prefix is right, one character at a time.
        assert client.get(url, {lookup: token[:1]}).status_code == 400, (url, lookup)


def test_the_authenticator_admin_is_read_only(world, secrets):
    client = Client()
    client.force_login(world.users["superuser"])
    authenticator = Authenticator.objects.filter(type=Authenticator.Type.TOTP).first()
    before = authenticator.data
    page = client.get(reverse("admin:mfa_authenticator_change", args=[authenticator.pk]))
    assert page.status_code == 200 and b'name="data"' not in page.content
    client.post(reverse("admin:mfa_authenticator_change", args=[authenticator.pk]),
                {"user": world.users["superuser"].pk, "type": "totp", "data": '{"secret": "AAAA"}'})
    authenticator.refresh_from_db()
    assert authenticator.data == before
    assert client.get(reverse("admin:mfa_authenticator_add")).status_code == 403


def _looks_secret(model, field) -> bool:
    if isinstance(field, EncryptedTextField):
        return True
    if model is Authenticator and field.name == "data":
        return True
    return bool(SECRET_NAME.search(field.name)) and not NOT_SECRET.search(field.name)


def test_every_secret_looking_field_is_hidden_in_its_admin(rf):
    request = rf.get("/")
    request.user = UserFactory(is_staff=True, is_superuser=True)
    checked = []
    for model, model_admin in admin.site._registry.items():
        for field in model._meta.concrete_fields:
            if not _looks_secret(model, field):
                continue
            label = f"{model._meta.label}.{field.name}"
            checked.append(label)
            assert isinstance(model_admin, SecretFieldsAdminMixin), label
            assert field.name in model_admin.secret_fields, label
            assert not model_admin.lookup_allowed(f"{field.name}__startswith", "a", request), label
            shown = set(model_admin.get_list_display(request)) | set(model_admin.get_readonly_fields(request))
            if field.name != "password":  # Django's own widget shows the hash masked, never whole
                shown |= set(model_admin.get_fields(request))
            assert field.name not in shown, label
            assert not [s for s in model_admin.get_search_fields(request) if s.lstrip("^=@").split("__")[0] == field.name], label
    assert {"programs.BuyerInvitation.token", "meetings.Meeting.video_token", "mfa.Authenticator.data",
            "notifications.Email.body_text", "accounts.User.password"} <= set(checked)
