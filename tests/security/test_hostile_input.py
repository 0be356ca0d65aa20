"""Hostile input on every form and query parameter: never a 500, nothing saved on error,
stored scripts shown escaped everywhere, no SQL injection, no redirect off the site.

The forms are found by reading the pages themselves (every <form method="post"> and its field
names), so a field added to a form is attacked without a change here. The world is the access
matrix's (tests/security/world.py); every request runs in a savepoint that is rolled back.
"""

from __future__ import annotations

import csv
import io
import re
from html import unescape
from urllib.parse import urlparse

import pytest
from django.apps import apps
from django.contrib.postgres.fields import ArrayField
from django.db import models, transaction
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.security.test_access_matrix import ENTRIES, ROLES

pytestmark = pytest.mark.django_db

XSS = "<script>alert(1)</script>"
SQL = ["' OR 1=1 --", "'; DROP TABLE catalog_product; --", "1) OR (1=1", "\" OR \"\"=\"", "%' AND 1=1 AND '%'='"]
NASTY = [
    "", " ", "\x00", "a\x00b", "\u202eevil\u202c", "\u200f\u200e", "😀🧶🏺", "\r\n\t\x0b\x0c", "\x1b[31m",
    "A" * 5000, "9" * 40, "-1", "0", "1e309", "NaN", "Infinity", "1,5", "0x10", "2026-02-30", "25:61",
    "2026-13-01T99:99", "../../etc/passwd", "{{ 7*7 }}", "${7*7}", XSS, "javascript:alert(1)", *SQL,
]
hostile_text = st.one_of(
    st.sampled_from(NASTY),
    st.text(max_size=300),
    st.text(alphabet=st.characters(codec="utf-8"), min_size=1, max_size=30).map(lambda s: s + "\x00"),
)
# A field's value: one hostile string, or the field sent twice or more.
hostile_value = st.one_of(hostile_text, st.lists(hostile_text, min_size=2, max_size=3))

FORM_RE = re.compile(r"<form\b([^>]*)>(.*?)</form>", re.S | re.I)
ATTR_RE = re.compile(r'(\w[\w-]*)="([^"]*)"')
FIELD_RE = re.compile(r"<(?:input|select|textarea|button)\b[^>]*\bname=\"([^\"]+)\"", re.I)
SKIPPED_ACTIONS = ("/accounts/logout/", "/admin/logout/", "/i18n/setlang/")

# The pages whose forms are attacked, and who opens them.
FORM_PAGES = [
    ("anonymous", lambda w: reverse("accounts:signup-artisan")),
    ("anonymous", lambda w: reverse("accounts:signup-buyer")),
    ("anonymous", lambda w: reverse("account_login")),
    ("anonymous", lambda w: reverse("account_reset_password")),
    ("artisan_a", lambda w: reverse("accounts:preferences")),
    ("artisan_a", lambda w: reverse("accounts:delete")),
    ("artisan_a", lambda w: reverse("artisans:profile-edit")),
    ("artisan_a", lambda w: reverse("artisans:profile-photos")),
    ("artisan_a", lambda w: reverse("artisans:product-create")),
    ("artisan_a", lambda w: reverse("artisans:product-edit", args=[w.products["A"].public_id])),
    ("artisan_a", lambda w: reverse("artisans:product-photos", args=[w.products["A"].public_id])),
    ("artisan_a", lambda w: reverse("artisans:product-list")),
    ("artisan_a", lambda w: reverse("meetings:availability")),
    ("artisan_a", lambda w: reverse("meetings:detail", args=[w.meetings["A"].public_id])),
    ("artisan_a", lambda w: reverse("programs:artisan-programs")),
    ("artisan_a", lambda w: reverse("matchmaking:recommendations")),
    ("buyer_a", lambda w: reverse("buyers:profile")),
    ("buyer_a", lambda w: reverse("buyers:shortlist")),
    ("buyer_a", lambda w: reverse("meetings:request-create", args=[w.artisans["A"].slug])),
    ("buyer_a", lambda w: reverse("meetings:detail", args=[w.meetings["A"].public_id])),
    ("buyer_a", lambda w: reverse("catalog:artisan-detail", args=[w.artisans["B"].slug])),
    ("buyer_a", lambda w: reverse("catalog:product-detail", args=[w.products["B"].public_id])),
    ("buyer_a", lambda w: reverse("matchmaking:recommendations")),
    ("superuser", lambda w: f"/admin/programs/program/{w.programs['A'].pk}/invite-buyers/"),
    ("superuser", lambda w: f"/admin/programs/program/{w.programs['A'].pk}/import-artisans/"),
    ("superuser", lambda w: f"/admin/programs/program/{w.programs['A'].pk}/invite-artisans/"),
]

# Rows counted before and after a refused request: a refusal saves nothing.
WATCHED = [
    "accounts.User", "artisans.ArtisanProfile", "artisans.WorkshopPhoto", "catalog.Product",
    "catalog.ProductPhoto", "buyers.BuyerProfile", "buyers.ShortlistItem", "meetings.Meeting",
    "meetings.Message", "meetings.Outcome", "meetings.AvailabilityWindow", "meetings.AvailabilitySlot",
    "meetings.AvailabilityException", "programs.Application", "programs.BuyerInvitation",
    "matchmaking.Preference", "notifications.Email",
]


def _counts() -> dict[str, int]:
    return {label: apps.get_model(label).objects.count() for label in WATCHED}


def post_forms(html: str, page_url: str) -> list[tuple[str, list[str]]]:
    """(action, field names) of each POST form on a page."""
    found = []
    for attributes, body in FORM_RE.findall(html):
        attrs = {k.lower(): unescape(v) for k, v in ATTR_RE.findall(attributes)}
        if attrs.get("method", "get").lower() != "post":
            continue
        action = attrs.get("action") or page_url
        if action.startswith(SKIPPED_ACTIONS):
            continue
        names = sorted({unescape(n) for n in FIELD_RE.findall(body)} - {"csrfmiddlewaretoken"})
        found.append((action, names))
    return found


@pytest.fixture
def forms(world, clients):
    result = []
    for role, page in FORM_PAGES:
        url = page(world)
        response = clients[role].get(url)
        assert response.status_code == 200, (role, url, response.status_code)
        for action, names in post_forms(response.content.decode(), url):
            result.append((role, action, names))
    assert len(result) >= 30
    return result


def _post(client: Client, url: str, data: dict):
    with transaction.atomic():
        before = _counts()
        response = client.post(url, data)
        after = _counts()
        transaction.set_rollback(True)
    return response, before, after


@settings(max_examples=12, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=st.data())
def test_hostile_values_in_every_form_never_500_and_save_nothing_when_refused(data, world, clients, forms):
    role, action, names = data.draw(st.sampled_from(forms))
    if not names:
        return
    chosen = data.draw(st.lists(st.sampled_from(names), min_size=1, max_size=len(names), unique=True))
    payload = {name: data.draw(hostile_value) for name in chosen}
    response, before, after = _post(clients[role], action, payload)
    assert response.status_code < 500
    if response.status_code != 302:
        assert after == before, f"{action} refused with {response.status_code} yet saved rows"


def test_null_bytes_in_every_field_of_every_form_are_refused_cleanly(world, clients, forms):
    for role, action, names in forms:
        payload = {name: "zqhostile\x00value" for name in names}
        response, before, after = _post(clients[role], action, payload)
        assert response.status_code < 500, (role, action)
        if response.status_code != 302:
            assert after == before, (role, action)
        for label in ("catalog.Product", "meetings.Message", "artisans.ArtisanProfile"):
            model = apps.get_model(label)
            text_fields = [f.name for f in model._meta.fields if isinstance(f, models.CharField | models.TextField)]
            for name in text_fields:
                assert not model.objects.filter(**{f"{name}__contains": "zqhostile"}).exists()


# --- Catalog query parameters -------------------------------------------------------------
CATALOG_PARAMS = ["q", "craft", "country", "material", "materials", "technique", "colour", "language",
                  "price_min", "price_max", "moq_max", "lead_max", "min_price", "max_price", "moq", "lead",
                  "sort", "page", "program", "kind", "export", "verified", "view"]


def _catalog_param_names(client: Client) -> list[str]:
    html = client.get(reverse("catalog:product-list")).content.decode()
    names = set(re.findall(r"\bname=\"([^\"]+)\"", html)) - {"csrfmiddlewaretoken", "next", "language"}
    return sorted(names | set(CATALOG_PARAMS))


@pytest.fixture
def catalog_params(world, clients) -> list[str]:
    return _catalog_param_names(clients["anonymous"])


@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=st.data())
def test_catalog_query_parameters_never_break_the_page(data, world, clients, catalog_params):
    role = data.draw(st.sampled_from(["anonymous", "buyer_a", "artisan_b", "superuser"]))
    client = clients[role]
    names = catalog_params
    params = {name: data.draw(hostile_value) for name in data.draw(st.lists(st.sampled_from(names), max_size=6))}
    for url in (reverse("catalog:product-list"), reverse("catalog:artisan-list")):
        with transaction.atomic():
            response = client.get(url, params)
            transaction.set_rollback(True)
        assert response.status_code in (200, 400, 404), (url, params, response.status_code)
        if response.status_code == 200:
            html = response.content.decode()
            assert XSS not in html
            assert "Draft A" not in html and "Draft B" not in html


@pytest.mark.parametrize("injection", SQL)
def test_sql_injection_in_search_and_filters_finds_nothing_more(world, clients, injection):
    client = clients["anonymous"]
    for name in _catalog_param_names(client):
        response = client.get(reverse("catalog:product-list"), {name: injection})
        assert response.status_code in (200, 400, 404)
        html = response.content.decode()
        assert "Draft A" not in html and "Published none" not in html, name
    from catalog.models import Product

    assert Product.objects.filter(title="Draft A").exists()


# --- Stored scripts, shown escaped on every page -----------------------------------------
SKIP_FIELD_NAMES = {"slug", "email", "token", "key", "password", "public_id", "video_token", "time_zone",
                    "language", "currency", "country", "status", "role", "kind", "action", "from_status",
                    "to_status", "side", "type", "proposed_time_zone", "to"}
PAYLOAD_APPS = {"accounts", "artisans", "buyers", "catalog", "meetings", "programs", "matchmaking"}


def _store_payload_everywhere() -> int:
    """Put XSS into every free-text field of every row of the apps people write into."""
    changed = 0
    for model in apps.get_models():
        if model._meta.app_label not in PAYLOAD_APPS:
            continue
        updates = {}
        for field in model._meta.concrete_fields:
            if field.name in SKIP_FIELD_NAMES or field.choices or not field.editable:
                continue
            if isinstance(field, models.URLField | models.EmailField | models.SlugField | models.FileField):
                continue
            if isinstance(field, models.CharField | models.TextField):
                if field.max_length is None or field.max_length >= len(XSS):
                    updates[field.name] = XSS
            elif (
                isinstance(field, ArrayField) and isinstance(field.base_field, models.CharField)
                and not field.base_field.choices and (field.base_field.max_length or 99) >= len(XSS)
            ):
                updates[field.name] = [XSS]
        if updates:
            changed += model.objects.update(**updates)
    return changed


def test_stored_script_in_every_text_field_is_escaped_on_every_page(world, clients):
    checked = 0
    with transaction.atomic():
        assert _store_payload_everywhere() > 50
        for key, rows in ENTRIES.items():
            for row in rows:
                if row.method != "GET":
                    continue
                for role, want in zip(ROLES, row.expect.split(), strict=True):
                    if want != "200":
                        continue
                    response = clients[role].get(row.url(world))
                    if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
                        continue
                    html = response.content.decode()
                    assert XSS not in html, f"{key}: {row.url(world)} as {role} shows a stored script unescaped"
                    checked += 1
        transaction.set_rollback(True)
    assert checked > 100


def test_stored_script_is_shown_escaped_where_the_text_appears(world, clients):
    from artisans.models import ArtisanProfile

    with transaction.atomic():
        ArtisanProfile.objects.filter(pk=world.artisans["A"].pk).update(story=XSS, business_name=XSS)
        html = clients["buyer_b"].get(reverse("catalog:artisan-detail", args=[world.artisans["A"].slug])).content
        transaction.set_rollback(True)
    assert b"&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert XSS.encode() not in html


# --- Redirects stay on this site ---------------------------------------------------------
EVIL_NEXT = ["https://evil.example/", "//evil.example/", "/\\evil.example/", "\\\\evil.example", "https:evil.example",
             " //evil.example", "javascript:alert(1)", "http://testserver@evil.example/", "///evil.example"]


def _assert_local(response) -> None:
    if response.status_code in (301, 302):
        location = response["Location"]
        parsed = urlparse(location)
        assert parsed.scheme in ("", "http", "https") and parsed.netloc in ("", "testserver"), location
        assert not location.lstrip().startswith(("//", "\\\\", "/\\")), location


@pytest.mark.parametrize("evil", EVIL_NEXT)
def test_next_and_other_redirects_stay_on_this_site(world, clients, evil, password):
    anonymous = Client()
    _assert_local(anonymous.post(reverse("account_login") + f"?next={evil}",
                                 {"login": "buyer.a@example.org", "password": password}))
    _assert_local(Client().post(reverse("account_login"),
                                {"login": "buyer.a@example.org", "password": password, "next": evil}))
    _assert_local(Client().get(f"/admin/login/?next={evil}"))
    _assert_local(clients["buyer_a"].post(reverse("set_language"), {"language": "en", "next": evil}))
    buyer = clients["buyer_a"]
    with transaction.atomic():
        _assert_local(buyer.post(reverse("buyers:shortlist-add"), {"artisan": world.artisans["B"].slug, "next": evil}))
        _assert_local(buyer.post(reverse("buyers:shortlist-remove"), {"artisan": world.artisans["B"].slug,
                                                                      "next": evil}))
        _assert_local(buyer.post(reverse("buyers:profile"), {"next": evil}))
        _assert_local(buyer.post(reverse("matchmaking:hide", args=[world.recommendations["A"].pk]), {"next": evil}))
        _assert_local(buyer.post(reverse("matchmaking:preference"), {
            "program": world.programs["B"].pk, "other": world.artisans["A"].pk, "level": 3, "next": evil}))
        transaction.set_rollback(True)


# --- CSV in and out ----------------------------------------------------------------------
def test_csv_import_refuses_bad_encodings_and_saves_nothing(world, clients):
    from artisans.models import ArtisanProfile

    url = f"/admin/programs/program/{world.programs['A'].pk}/import-artisans/"
    text = "email,business_name,country\nnew@example.org,Tienda Ñandú,ES\n"
    for raw in (text.encode("utf-16"), text.encode("latin-1"), b"\xff\xfe\x00\x00garbage", b"\x00\x00\x00"):
        upload = io.BytesIO(raw)
        upload.name = "artisans.csv"
        before = ArtisanProfile.objects.count()
        response = clients["superuser"].post(url, {"csv_file": upload})
        assert response.status_code == 200
        assert b"errorlist" in response.content or b"error" in response.content
        assert ArtisanProfile.objects.count() == before


def test_results_csv_neutralises_formulas(world, clients):
    from artisans.models import ArtisanProfile

    with transaction.atomic():
        ArtisanProfile.objects.filter(pk=world.artisans["A"].pk).update(business_name="=HYPERLINK(\"http://x\")")
        response = clients["superuser"].get(f"/admin/programs/program/{world.programs['B'].pk}/results.csv")
        transaction.set_rollback(True)
    assert response.status_code == 200
    cells = [cell for row in csv.reader(io.StringIO(response.content.decode("utf-8-sig"))) for cell in row]
    assert not any(cell.startswith(("=", "+", "-", "@")) for cell in cells if cell and not _is_number(cell))
    assert any("HYPERLINK" in cell for cell in cells)


def _is_number(cell: str) -> bool:
    try:
        float(cell)
    except ValueError:
        return False
    return True
