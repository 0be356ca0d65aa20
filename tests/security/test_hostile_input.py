"""Hostile input on every form and query parameter: never a 500, nothing saved on error,
stored scripts shown escaped everywhere, no SQL injection, no redirect off the site.

The forms are found by reading the pages themselves: every page of the access matrix that some
role may open, as that role, and every <form method="post"> on it with its fields' kinds and the
values an untouched submission would send (tests/security/html_forms.py). A field added to a form
is attacked without a change here. Each attack starts from the untouched submission, so the rest
of the form is valid and the request reaches the services and the database, and replaces one or
two fields with hostile values of their kind: text with NUL, lone surrogates, bidi controls and
70,000 characters; numbers past every column's range; dates and date-times at years 1 and 9999,
in DST gaps and folds, read in the zones furthest from UTC. The world is the access matrix's
(tests/security/world.py); every request runs in a savepoint that is rolled back.
"""

from __future__ import annotations

import csv
import io
import re
from datetime import datetime
from urllib.parse import urlencode, urlparse

import pytest
from django.apps import apps
from django.contrib.postgres.fields import ArrayField
from django.db import models, transaction
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.security.html_forms import TEXT_KINDS, PageForm, post_forms
from tests.security.test_access_matrix import ENTRIES, ROLES

pytestmark = pytest.mark.django_db

XSS = "<script>alert(1)</script>"
SQL = ["' OR 1=1 --", "'; DROP TABLE catalog_product; --", "1) OR (1=1", "\" OR \"\"=\"", "%' AND 1=1 AND '%'='"]
NASTY = [
    "", " ", "\x00", "a\x00b", "\u202eevil\u202c", "\u200f\u200e", "😀🧶🏺", "\r\n\t\x0b\x0c", "\x1b[31m",
    "A" * 5000, "9" * 40, "-1", "0", "1e309", "NaN", "Infinity", "1,5", "0x10", "2026-02-30", "25:61",
    "2026-13-01T99:99", "../../etc/passwd", "{{ 7*7 }}", "${7*7}", XSS, "javascript:alert(1)", *SQL,
    "\ud800", "a\udfffb", "wool, \x00, cotton", "\u2066\u2067\u2068\u2069\u202a\u202b\u202c\u202d", "A" * 70_000,
]
hostile_text = st.one_of(
    st.sampled_from(NASTY),
    st.text(max_size=300),
    st.text(alphabet=st.characters(codec="utf-8"), min_size=1, max_size=30).map(lambda s: s + "\x00"),
    # Lone surrogates: what a broken client sends as bytes that are not UTF-8. Made by map, as
    # hypothesis does not replay drawn surrogates faithfully.
    st.tuples(st.text(max_size=10), st.sampled_from(["\ud800", "\udbff", "\udc00", "\udfff"])).map("".join),
)
# A value: one hostile string, or the field sent twice or more.
hostile_value = st.one_of(hostile_text, st.lists(hostile_text, min_size=2, max_size=3))

# Each field kind's extremes first, then anything of that kind hypothesis makes up.
NUMBER_EXTREMES = [
    "9" * 40, "-" + "9" * 40, "1e309", "-1e309", "1e-400", "NaN", "-0", "0", "-1", "2147483648", "-2147483649",
    "9223372036854775808", "99999999999999.99", "0.000000000001", "1" + "0" * 30 + ".5", "١٢", "1_000",
]
DATE_EXTREMES = ["0001-01-01", "9999-12-31", "0000-00-00", "10000-01-01", "2026-02-29", "2028-02-29", "-0001-01-01"]
TIME_EXTREMES = ["00:00", "23:59", "24:00", "23:59:60", "23:59:59.999999", "-01:00", "2:30"]
# Years 1 and 9999 at the ends of the day, and DST gaps and folds of the zones below.
DATETIME_EXTREMES = [
    "9999-12-31T23:59", "9999-12-31T12:00", "0001-01-01T00:00", "0001-01-01T12:00", "2026-03-08T02:30",
    "2026-11-01T01:30", "2026-03-29T02:30", "2026-10-25T02:30", "2026-04-05T02:30", "2026-02-30T10:00",
]
# The signed-in person's zone, read by every date and time they type: both ends of the world.
ZONES = ["UTC", "America/Los_Angeles", "America/New_York", "Pacific/Pago_Pago", "Pacific/Kiritimati", "Asia/Tokyo",
         "Europe/Madrid", "Australia/Lord_Howe"]

number_values = st.one_of(
    st.sampled_from(NUMBER_EXTREMES),
    st.integers(min_value=-(10**20), max_value=10**20).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
    st.decimals(allow_nan=False, allow_infinity=False, places=4).map(str),
)
date_values = st.one_of(st.sampled_from(DATE_EXTREMES), st.dates().map(lambda d: d.isoformat()))
time_values = st.one_of(st.sampled_from(TIME_EXTREMES), st.times().map(lambda t: t.isoformat(timespec="minutes")))
datetime_values = st.one_of(
    st.sampled_from(DATETIME_EXTREMES),
    st.datetimes(min_value=datetime(1, 1, 1), max_value=datetime(9999, 12, 31, 23, 59)).map(
        lambda d: d.isoformat(timespec="minutes")
    ),
)
KIND_STRATEGIES = {"number": number_values, "date": date_values, "time": time_values,
                   "datetime-local": datetime_values, "range": number_values}


def values_for(field) -> st.SearchStrategy[list[str]]:
    """Values one field is sent: of its own kind, one of the offered values, or hostile text."""
    if field.kind in KIND_STRATEGIES:
        one = st.one_of(KIND_STRATEGIES[field.kind], hostile_text)
    elif field.kind in TEXT_KINDS:
        one = hostile_text
    elif field.offered:
        one = st.one_of(st.sampled_from(field.offered), hostile_text)
    else:
        one = hostile_text
    # One value, or the field sent twice or more (a list where one is expected, or a multiple choice).
    return st.one_of(one.map(lambda v: [v]), st.lists(one, min_size=2, max_size=3))


# Every field kind's worst values, each sent alone in an otherwise untouched form, with the zone
# that takes it off the calendar (year 9999 west of UTC, year 1 east of it). Lone surrogates,
# bidi controls and the rest are left to the hypothesis test: they are refused before the database.
SWEEP = {
    "text": [("a\x00b", None)],
    "number": [("9" * 40, None)],
    "date": [("9999-12-31", "America/Los_Angeles"), ("0001-01-01", "Pacific/Kiritimati")],
    "time": [("24:00", None)],
    "datetime-local": [("9999-12-31T23:59", "America/Los_Angeles"), ("0001-01-01T00:00", "Pacific/Kiritimati"),
                       ("2026-03-08T02:30", "America/Los_Angeles")],
}


def sweep_kind(field) -> str | None:
    if field.kind in ("number", "date", "time", "datetime-local"):
        return field.kind
    # Hidden, e-mail, password and choice fields get NUL in the all-fields test below.
    return "text" if field.kind in ("text", "textarea", "search", "url") else None


# Rows counted before and after a refused request: a refusal saves nothing.
WATCHED = [
    "accounts.User", "artisans.ArtisanProfile", "artisans.WorkshopPhoto", "catalog.Product",
    "catalog.ProductPhoto", "buyers.BuyerProfile", "buyers.ShortlistItem", "meetings.Meeting",
    "meetings.Message", "meetings.Outcome", "meetings.AvailabilityWindow", "meetings.AvailabilitySlot",
    "meetings.AvailabilityException", "programs.Application", "programs.BuyerInvitation",
    "matchmaking.Preference", "notifications.Email",
]
# Admin pages whose forms are attacked: changing one object (its values make a valid start) and
# the custom views.
ADMIN_FORM_PAGE = re.compile(r"^/admin/\w+/\w+/(\d+/change/|\d+/(?!delete/|history/)[\w-]+/)$")
ID_IN_PATH = re.compile(r"/(\d+|[0-9a-f-]{36})/")


def _counts() -> dict[str, int]:
    return {label: apps.get_model(label).objects.count() for label in WATCHED}


def form_pages(world) -> list[tuple[str, str]]:
    """(role, url) of every HTML page of the matrix, opened by the first role allowed to see it."""
    pages = []
    for rows in ENTRIES.values():
        for row in rows:
            if row.method != "GET":
                continue
            allowed = [role for role, want in zip(ROLES, row.expect.split(), strict=True) if want == "200"]
            url = row.url(world)
            if not allowed or (url.startswith("/admin/") and not ADMIN_FORM_PAGE.match(url)):
                continue
            if url.startswith("/admin/"):
                allowed = ["superuser"]
            pages.append((allowed[0], url))
    return sorted(set(pages))


_FORMS: dict[int, list[PageForm]] = {}


@pytest.fixture(autouse=True)
def _world_media(world, settings):
    # The world's photos are files of its own folder; a form changing a photo reads its size.
    settings.MEDIA_ROOT = world.misc["media_root"]


@pytest.fixture
def forms(world, clients) -> list[PageForm]:
    # The pages are read once per module's world: reading them costs more than the attacks.
    if id(world) not in _FORMS:
        found, shapes = [], set()
        for role, url in form_pages(world):
            response = clients[role].get(url)
            if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
                continue
            for form in post_forms(response.content.decode(), url, role):
                # One form of each shape: A's product and B's draft are the same form twice.
                shape = (ID_IN_PATH.sub("/id/", form.action), tuple(sorted(form.fields)))
                if form.fields and shape not in shapes:
                    shapes.add(shape)
                    found.append(form)
        _FORMS[id(world)] = found
    found = _FORMS[id(world)]
    assert len(found) >= 50
    return found


def _post(client: Client, world, form: PageForm, data: dict[str, list[str]], zone: str | None = None):
    from accounts.models import User

    # Lone surrogates go out as the bytes a broken client would send.
    body = urlencode(data, doseq=True, encoding="utf-8", errors="surrogatepass")
    with transaction.atomic():
        if zone and form.role != "anonymous":
            User.objects.filter(pk=world.users[form.role].pk).update(time_zone=zone)
        before = _counts()
        response = client.post(form.action, body, content_type="application/x-www-form-urlencoded")
        after = _counts()
        transaction.set_rollback(True)
    return response, before, after


def _assert_refused_cleanly(response, before, after, what) -> None:
    assert response.status_code < 500, what
    if response.status_code not in (301, 302):
        assert after == before, f"{what} refused with {response.status_code} yet saved rows"


def test_every_field_at_its_kinds_extremes_in_an_otherwise_valid_form_is_refused_cleanly(world, clients, forms):
    failures = []
    for form in forms:
        if form.action.startswith("/admin/"):
            continue  # the hypothesis test below covers the admin's forms: they are long and slow
        for name, field in form.fields.items():
            kind = sweep_kind(field)
            if kind is None:
                continue
            for value, zone in SWEEP[kind]:
                data = {**form.untouched(), name: [value]}
                what = (form.role, form.action, name, value[:20], zone)
                try:
                    response, before, after = _post(clients[form.role], world, form, data, zone)
                    _assert_refused_cleanly(response, before, after, what)
                except Exception as error:  # noqa: BLE001 - every field is tried, then all failures shown
                    failures.append(f"{what}: {type(error).__name__}: {str(error)[:200]}")
    assert not failures, "\n".join(failures)


# Derandomized: the same 40 examples each run, so a failure in CI is the one a developer replays
# (a random run under load once ended in FlakyStrategyDefinition, which names no example).
@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True, database=None)
@given(data=st.data())
def test_hostile_values_in_every_form_never_500_and_save_nothing_when_refused(data, world, clients, forms):
    form = data.draw(st.sampled_from(forms))
    names = sorted(n for n, f in form.fields.items() if f.kind != "file")
    if not names:
        return
    chosen = data.draw(st.lists(st.sampled_from(names), min_size=1, max_size=min(2, len(names)), unique=True))
    payload = form.untouched()
    for name in chosen:
        payload[name] = data.draw(values_for(form.fields[name]), label=name)
    zone = data.draw(st.sampled_from(ZONES), label="zone")
    response, before, after = _post(clients[form.role], world, form, payload, zone)
    _assert_refused_cleanly(response, before, after, (form.role, form.action, chosen))


def test_null_bytes_in_every_field_of_every_form_are_refused_cleanly(world, clients, forms):
    # PostgreSQL cannot store a NUL: a value that got through would be a 500 here, not a row.
    for form in forms:
        payload = {name: ["zqhostile\x00value"] for name in form.fields}
        response, before, after = _post(clients[form.role], world, form, payload)
        _assert_refused_cleanly(response, before, after, (form.role, form.action))


def test_an_admin_autocomplete_given_a_value_that_is_not_an_id_says_so(world, clients, forms):
    photo = world.workshop_photos["A"]
    url = f"/admin/artisans/workshopphoto/{photo.pk}/change/"
    form = next(f for f in forms if f.action == url)
    invalid = "Select a valid choice. That choice is not one of the available choices."
    for value, message in (("abc", invalid), ("99999999999999999999999", invalid),
                           ("1\x00", "Null characters are not allowed.")):
        response, before, after = _post(clients["superuser"], world, form, {**form.untouched(), "artisan": [value]})
        assert response.status_code == 200
        errors = re.findall(r'class="errorlist[^"]*"[^>]*><li>([^<]*)', response.content.decode())
        assert errors == [message], value
        assert after == before


# --- The two 500s the outside test found, as the person who met them ---------------------
def test_a_nul_in_a_list_field_is_a_message_beside_the_field_and_saves_nothing(world, clients):
    from catalog.models import Product

    product = world.products["A"]
    url = reverse("artisans:product-edit", args=[product.public_id])
    form = next(f for f in post_forms(clients["artisan_a"].get(url).content.decode(), url, "artisan_a")
                if "materials" in f.fields)
    for name in ("materials", "techniques", "colours"):
        response, before, after = _post(clients["artisan_a"], world, form, {**form.untouched(), name: ["wool\x00, silk"]})
        assert response.status_code == 400
        assert "Null characters are not allowed." in response.content.decode()
        assert after == before
    product.refresh_from_db()
    assert Product.objects.get(pk=product.pk).materials == product.materials


@pytest.mark.parametrize(("zone", "when"), [("America/New_York", "9999-12-31T23:00"), ("Asia/Tokyo", "0001-01-01T00:00")])
def test_a_proposed_time_off_the_calendar_in_the_buyers_zone_is_a_message_and_saves_nothing(world, clients, zone, when):
    url = reverse("meetings:request-create", args=[world.artisans["A"].slug])
    form = next(f for f in post_forms(clients["buyer_a"].get(url).content.decode(), url, "buyer_a")
                if "proposed_1" in f.fields)
    data = {**form.untouched(), "slot": [""], "proposed_1": [when]}
    response, before, after = _post(clients["buyer_a"], world, form, data, zone)
    assert response.status_code == 400
    assert "Enter a date between 0001-01-02 and 9999-12-30." in response.content.decode()
    assert after == before


# --- Bidi controls cannot reorder the page around user text --------------------------------
def test_names_shown_on_pages_and_in_mail_cannot_reorder_the_text_around_them(world, clients):
    from artisans.models import ArtisanProfile

    artisan = world.artisans["A"]
    with transaction.atomic():
        ArtisanProfile.objects.filter(pk=artisan.pk).update(
            business_name="Taller \u202eexe.elif", story="قصة \u202eone\u202c two"
        )
        page = clients["buyer_b"].get(reverse("catalog:artisan-detail", args=[artisan.slug])).content.decode()
        listing = clients["buyer_b"].get(reverse("catalog:artisan-list")).content.decode()
        transaction.set_rollback(True)
    # Stored without the override (update() goes through the model field), shown isolated.
    assert "\u202e" not in page.split("<main", 1)[1].split("<div lang", 1)[0]
    assert '<h1 dir="auto">Taller exe.elif</h1>' in page
    assert 'dir="auto">قصة \u202eone\u202c two' in page or 'dir="auto"><p>قصة \u202eone\u202c two' in page
    assert re.search(r'<h3 dir="auto"><a href="[^"]+">Taller exe\.elif</a></h3>', listing)


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
    query = urlencode(params, doseq=True, encoding="utf-8", errors="surrogatepass")
    for url in (reverse("catalog:product-list"), reverse("catalog:artisan-list")):
        with transaction.atomic():
            response = client.get(f"{url}?{query}")
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
