"""Who may open what: every URL pattern the project serves × every role × GET/POST.

The patterns are read from the URL resolver, so a new page without an entry here fails
`test_every_url_pattern_has_an_entry`. Each row states, for the roles in ROLES order
(anonymous, artisan A, artisan B, buyer A, buyer B, staff, superuser), the outcome of one
request on an object that belongs to A, to B or to nobody (artisan C / buyer C, never signed in):

    200 / 400 / 403 / 404 / 405   that status (400: allowed, the form was refused)
    302      a redirect to a page of this site that is not a login page (done, or "go there")
    login    a redirect to allauth's sign-in page
    admin    a redirect to the admin's sign-in door (which is allauth's, see common/security.py)
    public   200 or 503, the same for everyone (the health check reports the worker's state)

Admin model pages and allauth's pages follow rules (ADMIN_* and ALLAUTH below); everything
else is listed explicitly. Staff hold only "view program"; the superuser holds everything.
Every admin action and custom admin view is tried again, as view-only staff, staff with the
rights it needs and the superuser, in tests/security/test_admin_matrix.py.
Each request runs in a savepoint that is rolled back, so a POST never changes the next row's world.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urlparse

import pytest
from django.core.files.base import ContentFile
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from deals.followups import followup_token
from deals.models import Sample
from tests.security.world import ROLES, World

pytestmark = pytest.mark.django_db

Url = Callable[[World], str]


@dataclass(frozen=True)
class Row:
    url: Url
    method: str
    expect: str
    data: dict | Callable[[World], dict] = field(default_factory=dict)
    label: str = ""


def R(url: Url | str, method: str, expect: str, data=None, label: str = "") -> Row:  # noqa: N802
    if isinstance(url, str):
        path = url
        url = lambda w: path  # noqa: E731
    return Row(url=url, method=method, expect=expect, data=data or {}, label=label)


def rev(name: str, *args: Callable[[World], object]) -> Url:
    return lambda w: reverse(name, args=[arg(w) for arg in args])


# Object pickers --------------------------------------------------------------------------
def product(side: str):
    return lambda w: w.products[side].public_id


def product_photo(side: str):
    return lambda w: w.product_photos[side].pk


def workshop_photo(side: str):
    return lambda w: w.workshop_photos[side].pk


def meeting(side: str):
    return lambda w: w.meetings[side].public_id


def deal(side: str):
    return lambda w: w.deals[side].public_id


def deal_quote(side: str):
    return lambda w: w.deals[side].quote.pk


def deal_order(side: str):
    return lambda w: w.deals[side].order.pk


def deal_sample(side: str):
    """An approved sample on the deal (its buyer may order it), added on first use."""

    def pick(w):
        deal = w.deals[side]
        product = w.products[side]
        sample, _created = Sample.objects.get_or_create(
            deal=deal, description=product.title, round=1,
            defaults={"product": product, "status": Sample.Status.ACCEPTED, "policy": "free"},
        )
        return sample.pk

    return pick


def deal_file(side: str):
    """A file of the deal's thread; written into this test's private storage on first use."""

    def pick(w):
        attachment = w.deals[side].attachment
        storage = attachment.file.storage
        if not storage.exists(attachment.file.name):
            storage.save(attachment.file.name, ContentFile(b"%PDF-1.4 matrix"))
        return attachment.public_id

    return pick


def follow_up(side: str):
    return lambda w: w.follow_ups[side].public_id


def follow_up_token(side: str):
    return lambda w: followup_token(w.follow_ups[side])


def shortlist(side: str):
    return lambda w: w.shortlist[side].public_id


def window(side: str):
    return lambda w: w.windows[side].pk


def rec(side: str):
    return lambda w: w.recommendations[side].pk


def slug(side: str):
    return lambda w: w.artisans[side].slug


def token(side: str):
    return lambda w: w.invitations[side].token


def program_slug(side: str):
    return lambda w: w.programs[side].slug


def program_pk(side: str):
    return lambda w: w.programs[side].pk


def ref_round(side: str):
    return lambda w: w.misc["rounds"][side].public_id


def ref_candidate(side: str):
    return lambda w: w.misc["candidates"][side].public_id


def ref_retailer(side: str):
    return lambda w: w.misc["retailers"][side].public_id


def ref_marks(side: str):
    """A mark for each criterion of the candidate's round, as the committee's form posts them."""

    def data(w):
        candidate = w.misc["candidates"][side]
        return {f"c{candidate.pk}-criterion_{c.pk}": "4" for c in candidate.round.criteria.all()}

    return data


def const(value):
    return lambda w: value


#                                         anon   art_a  art_b  buy_a  buy_b  staff  super
ARTISAN_PAGE = "login 200 200 403 403 403 403"
ARTISAN_FORM_REFUSED = "login 400 400 403 403 403 403"
BUYER_PAGE = "login 403 403 200 200 403 403"
SIGNED_IN_PAGE = "login 200 200 200 200 200 200"
PUBLIC_PAGE = "200 200 200 200 200 200 200"
NOT_ALLOWED = "405 405 405 405 405 405 405"

# Visitors (visitors/tests/world.py): fair A, its passes, sessions and seats.
def vis(name: str):
    return lambda w: w.misc["visitors"][name]


def vis_code(name: str):
    return lambda w: w.misc["visitors"]["codes"][name]


def vis_seat(name: str):
    return lambda w: w.misc["visitors"]["seats"][name].public_id


def vis_pass_data(name: str):
    return lambda w: {"pass": w.misc["visitors"]["codes"][name]}


VISITOR_STAFF_PAGE = "login 403 403 403 403 403 200"


# Tours (tours/tests/world.py): buyer A rides tour A, artisan A hosts its confirmed stop; buyer B
# is a journalist on tour B, whose stop artisan B hosts (proposed).
def tour(side: str):
    return lambda w: w.misc["tours"][side]["tour"].public_id


def tour_stop(side: str):
    return lambda w: w.misc["tours"][side]["stop"].public_id


def tour_run(side: str):
    return lambda w: w.misc["tours"][side]["run"].public_id


def tour_stop_action(side: str, action: str):
    return lambda w: action


TOUR_A_ONLY = "login 404 404 200 404 404 404"
TOUR_B_ONLY = "login 404 404 404 200 404 404"
TOUR_STAFF = "login 403 403 403 403 403 200"
TOUR_POST_ONLY = "login 405 405 405 405 405 405"


# Shows (shows/tests/world.py): artisan A selected for show A (stand A1), artisan B submitted to
# show B; the press kits are tour B's, whose journalist is buyer B.
def show_application(side: str):
    return lambda w: w.misc["shows"]["applications"][side].public_id


def show_of(side: str):
    return lambda w: w.misc["shows"]["applications"][side].show.public_id


def show_document(side: str):
    return lambda w: w.misc["shows"]["applications"][side].show.required_documents.get().pk


def show_word(word: str):
    return lambda w: word


def press_program():
    return lambda w: w.misc["shows"]["press_program"].public_id


def press_artisan(side: str):
    return lambda w: w.artisans[side].public_id


SHOW_A_ONLY = "login 200 404 404 404 404 200"
# A lead's staff page: staff who run the shows (shows.change_application; the superuser here).
SHOW_STAFF = "login 403 403 403 403 403 200"


def show_lead(side: str):
    return lambda w: w.misc["shows"]["applications"][side].leads.get().pk
PRESS_B_ONLY = "login 404 404 404 200 404 200"


# Every non-admin, non-allauth URL name → its rows. ----------------------------------------
MATRIX: dict[str, list[Row]] = {
    "home": [R("/", "GET", PUBLIC_PAGE)],
    "dashboard": [R(rev("dashboard"), "GET", "login 302 302 302 302 302 302")],
    "privacy:page": [R(rev("privacy:page"), "GET", PUBLIC_PAGE)],
    "favicon": [R(rev("favicon"), "GET", "302 302 302 302 302 302 302")],
    "set_language": [
        R(rev("set_language"), "POST", "302 302 302 302 302 302 302", {"language": "fr", "next": "/"}),
        R(rev("set_language"), "GET", NOT_ALLOWED),
    ],
    "accounts:signup": [R(rev("accounts:signup"), "GET", PUBLIC_PAGE)],
    "accounts:signup-artisan": [R(rev("accounts:signup-artisan"), "GET", "200 302 302 302 302 302 302")],
    "accounts:signup-buyer": [R(rev("accounts:signup-buyer"), "GET", "200 302 302 302 302 302 302")],
    "accounts:preferences": [
        R(rev("accounts:preferences"), "GET", SIGNED_IN_PAGE),
        R(rev("accounts:preferences"), "POST", SIGNED_IN_PAGE),
    ],
    "privacy:data-export": [R(rev("privacy:data-export"), "GET", SIGNED_IN_PAGE)],
    "privacy:account-delete": [
        R(rev("privacy:account-delete"), "GET", "login 200 200 200 200 403 403"),
        R(rev("privacy:account-delete"), "POST", "login 200 200 200 200 403 403", {"password": "wrong"}),
    ],
    # allauth's authenticator set-up behind reauthentication (nobody here just did it).
    "accounts:totp-activate": [R(rev("accounts:totp-activate"), "GET", "login 302 302 302 302 302 302")],
    # A staff member's first authenticator: the explanation, and the link another administrator sends.
    "accounts:staff-enrol": [R(rev("accounts:staff-enrol"), "GET", "login 403 403 403 403 200 200")],
    "accounts:staff-enrol-link": [
        R(rev("accounts:staff-enrol-link", const("not-a-token")), "GET", "login 403 403 403 403 200 200"),
        R(rev("accounts:staff-enrol-link", const("not-a-token")), "POST", "login 403 403 403 403 400 400"),
    ],
    # Artisan portal: A's objects, B's objects, objects of nobody (artisan C).
    "artisans:dashboard": [R(rev("artisans:dashboard"), "GET", ARTISAN_PAGE)],
    "artisans:profile-edit": [
        R(rev("artisans:profile-edit"), "GET", ARTISAN_PAGE),
        R(rev("artisans:profile-edit"), "POST", ARTISAN_FORM_REFUSED),
    ],
    "artisans:profile-photos": [
        R(rev("artisans:profile-photos"), "GET", ARTISAN_PAGE),
        R(rev("artisans:profile-photos"), "POST", ARTISAN_FORM_REFUSED),
    ],
    "artisans:workshop-photo-delete": [
        R(rev("artisans:workshop-photo-delete", workshop_photo("A")), "POST", "login 302 404 403 403 403 403"),
        R(rev("artisans:workshop-photo-delete", workshop_photo("B")), "POST", "login 404 302 403 403 403 403"),
        R(rev("artisans:workshop-photo-delete", workshop_photo("none")), "POST", "login 404 404 403 403 403 403"),
        # The photo is looked up among the artisan's own before the method is checked.
        R(rev("artisans:workshop-photo-delete", workshop_photo("A")), "GET", "login 405 404 403 403 403 403"),
    ],
    "artisans:workshop-photo-move": [
        R(rev("artisans:workshop-photo-move", workshop_photo("A")), "POST", "login 302 404 403 403 403 403"),
        R(rev("artisans:workshop-photo-move", workshop_photo("B")), "POST", "login 404 302 403 403 403 403"),
        R(rev("artisans:workshop-photo-move", workshop_photo("none")), "POST", "login 404 404 403 403 403 403"),
    ],
    "artisans:workshop-photo-describe": [
        R(rev("artisans:workshop-photo-describe", workshop_photo("A")), "POST", "login 302 404 403 403 403 403",
          data={"alt_text": "The kiln, lit"}),
        R(rev("artisans:workshop-photo-describe", workshop_photo("B")), "POST", "login 404 302 403 403 403 403",
          data={"alt_text": "The kiln, lit"}),
        R(rev("artisans:workshop-photo-describe", workshop_photo("A")), "POST", "login 400 404 403 403 403 403",
          label="no description"),
        R(rev("artisans:workshop-photo-describe", workshop_photo("A")), "GET", "login 405 404 403 403 403 403"),
    ],
    "artisans:preview": [R(rev("artisans:preview"), "GET", ARTISAN_PAGE)],
    "artisans:product-list": [R(rev("artisans:product-list"), "GET", ARTISAN_PAGE)],
    "artisans:product-create": [
        R(rev("artisans:product-create"), "GET", ARTISAN_PAGE),
        R(rev("artisans:product-create"), "POST", ARTISAN_FORM_REFUSED),
    ],
    "artisans:product-edit": [
        R(rev("artisans:product-edit", product("A")), "GET", "login 200 404 403 403 403 403"),
        R(rev("artisans:product-edit", product("A_draft")), "GET", "login 200 404 403 403 403 403"),
        R(rev("artisans:product-edit", product("B_draft")), "GET", "login 404 200 403 403 403 403"),
        R(rev("artisans:product-edit", product("none_draft")), "GET", "login 404 404 403 403 403 403"),
        R(rev("artisans:product-edit", product("B_draft")), "POST", "login 404 400 403 403 403 403"),
    ],
    "artisans:product-status": [
        R(rev("artisans:product-status", product("A_draft")), "POST", "login 302 404 403 403 403 403"),
        R(rev("artisans:product-status", product("B")), "POST", "login 404 302 403 403 403 403"),
        R(rev("artisans:product-status", product("none")), "POST", "login 404 404 403 403 403 403"),
    ],
    "artisans:product-delete": [
        R(rev("artisans:product-delete", product("A_draft")), "GET", "login 200 404 403 403 403 403"),
        R(rev("artisans:product-delete", product("A")), "POST", "login 302 404 403 403 403 403"),
        R(rev("artisans:product-delete", product("B")), "POST", "login 404 302 403 403 403 403"),
        R(rev("artisans:product-delete", product("none")), "POST", "login 404 404 403 403 403 403"),
    ],
    "artisans:product-photos": [
        R(rev("artisans:product-photos", product("A")), "GET", "login 200 404 403 403 403 403"),
        R(rev("artisans:product-photos", product("B_draft")), "GET", "login 404 200 403 403 403 403"),
        R(rev("artisans:product-photos", product("none")), "POST", "login 404 404 403 403 403 403"),
    ],
    "artisans:product-photo-delete": [
        R(rev("artisans:product-photo-delete", product("A"), product_photo("A")), "POST",
          "login 302 404 403 403 403 403"),
        R(rev("artisans:product-photo-delete", product("B"), product_photo("B")), "POST",
          "login 404 302 403 403 403 403"),
        # A's own product with B's photo: the photo is looked up within the product.
        R(rev("artisans:product-photo-delete", product("A"), product_photo("B")), "POST",
          "login 404 404 403 403 403 403", label="own product, other's photo"),
    ],
    "artisans:product-photo-move": [
        R(rev("artisans:product-photo-move", product("A"), product_photo("A")), "POST",
          "login 302 404 403 403 403 403"),
        R(rev("artisans:product-photo-move", product("none"), product_photo("none")), "POST",
          "login 404 404 403 403 403 403"),
    ],
    "artisans:product-photo-describe": [
        R(rev("artisans:product-photo-describe", product("A"), product_photo("A")), "POST",
          "login 302 404 403 403 403 403", data={"alt_text": "A blue plate, from above"}),
        R(rev("artisans:product-photo-describe", product("A"), product_photo("A")), "POST",
          "login 400 404 403 403 403 403", label="no description"),
        # A's own product with B's photo: the photo is looked up within the product.
        R(rev("artisans:product-photo-describe", product("A"), product_photo("B")), "POST",
          "login 404 404 403 403 403 403", data={"alt_text": "A blue plate"}, label="own product, other's photo"),
    ],
    # Buyers.
    "buyers:dashboard": [R(rev("buyers:dashboard"), "GET", BUYER_PAGE)],
    "buyers:profile": [R(rev("buyers:profile"), "GET", BUYER_PAGE), R(rev("buyers:profile"), "POST", BUYER_PAGE)],
    "buyers:shortlist": [R(rev("buyers:shortlist"), "GET", BUYER_PAGE)],
    "buyers:shortlist-add": [
        R(rev("buyers:shortlist-add"), "POST", "login 403 403 302 302 403 403", {"artisan": "workshop-a"}),
        R(rev("buyers:shortlist-add"), "POST", "login 403 403 404 404 403 403", {"artisan": "workshop-c"},
          label="an artisan not in the catalog"),
        R(rev("buyers:shortlist-add"), "GET", NOT_ALLOWED),
    ],
    "buyers:shortlist-remove": [
        R(rev("buyers:shortlist-remove"), "POST", "login 403 403 302 302 403 403", {"artisan": "workshop-b"}),
        R(rev("buyers:shortlist-remove"), "GET", NOT_ALLOWED),
    ],
    "buyers:shortlist-note": [
        R(rev("buyers:shortlist-note", shortlist("A")), "POST", "login 403 403 302 404 403 403", {"note": "x"}),
        R(rev("buyers:shortlist-note", shortlist("B")), "POST", "login 403 403 404 302 403 403", {"note": "x"}),
        R(rev("buyers:shortlist-note", shortlist("none")), "POST", "login 403 403 404 404 403 403", {"note": "x"}),
        R(rev("buyers:shortlist-note", shortlist("A")), "GET", NOT_ALLOWED),
    ],
    # The catalog: published work of approved artisans is public; drafts only for their owner.
    "catalog:artisan-list": [R(rev("catalog:artisan-list"), "GET", PUBLIC_PAGE)],
    "catalog:product-list": [R(rev("catalog:product-list"), "GET", PUBLIC_PAGE)],
    "catalog:product-detail": [
        R(rev("catalog:product-detail", product("A")), "GET", PUBLIC_PAGE),
        R(rev("catalog:product-detail", product("A_draft")), "GET", "404 200 404 404 404 200 200"),
        R(rev("catalog:product-detail", product("B_draft")), "GET", "404 404 200 404 404 200 200"),
        R(rev("catalog:product-detail", product("none")), "GET", "404 404 404 404 404 200 200",
          label="published product of an artisan pending review"),
    ],
    "catalog:artisan-detail": [
        R(rev("catalog:artisan-detail", slug("A")), "GET", PUBLIC_PAGE),
        R(rev("catalog:artisan-detail", slug("none")), "GET", "404 404 404 404 404 200 200"),
    ],
    # Visitors: registration and passes are public (a pass's code is its holder's proof); seats
    # are taken by artisans and buyers signed in or by a pass posted with the form; the desk,
    # scanners and counts need visitors.add_visitor, add_scan, view_scan (the superuser here).
    # Fairs (fairs/tests/world.py): program B's public site; artisan A exhibits on stand A01.
    "fairs:site": [
        R("/fairs/program-b/", "GET", PUBLIC_PAGE),
        R("/fairs/program-b/?by=craft", "GET", PUBLIC_PAGE, label="by craft"),
        R("/fairs/program-a/", "GET", "404 404 404 404 404 404 404", label="a private program, no fair"),
    ],
    "tours:mine": [R(rev("tours:mine"), "GET", SIGNED_IN_PAGE)],
    "shows:apply": [
        R(rev("shows:apply", show_of("A")), "POST", "login 302 302 302 302 302 302",
          label="an artisan gets its draft; anyone else is told on the dashboard"),
        R(rev("shows:apply", show_of("A")), "GET", TOUR_POST_ONLY),
    ],
    "shows:application": [
        R(rev("shows:application", show_application("A")), "GET", SHOW_A_ONLY),
        R(rev("shows:application", show_application("B")), "GET", "login 404 200 404 404 404 200",
          label="an SME sees only its own application"),
    ],
    "shows:application-action": [
        R(rev("shows:application-action", show_application("A"), show_word("withdraw")), "POST",
          "login 302 404 404 404 404 400", label="only the SME withdraws"),
        R(rev("shows:application-action", show_application("B"), show_word("select")), "POST",
          "login 404 400 404 404 404 302", {"reason": "Meets the criteria"}, label="only staff select"),
        R(rev("shows:application-action", show_application("A"), show_word("submit")), "GET", TOUR_POST_ONLY),
    ],
    "shows:document-upload": [
        R(rev("shows:document-upload", show_application("A"), show_document("A")), "POST",
          "login 400 404 404 404 404 400", label="no file"),
    ],
    "shows:samples-csv": [R(rev("shows:samples-csv", show_application("A")), "GET", SHOW_A_ONLY)],
    "shows:samples-pdf": [
        R(rev("shows:samples-pdf", show_application("A"), show_word("carnet")), "GET", SHOW_A_ONLY),
    ],
    "shows:samples-set": [
        R(rev("shows:samples-set", show_application("A")), "POST", "login 302 404 404 404 404 302",
          lambda w: {f"product-{w.products['A'].pk}": "3"}, label="the SME or staff who run the shows"),
        R(rev("shows:samples-set", show_application("A")), "POST", "login 400 404 404 404 404 400",
          lambda w: {f"product-{w.products['A'].pk}": "-1"}, label="a quantity below 0"),
        R(rev("shows:samples-set", show_application("A")), "GET", TOUR_POST_ONLY),
    ],
    "shows:lead-capture": [
        R(rev("shows:lead-capture", show_application("A")), "POST", "login 302 404 404 404 404 302",
          {"full_name": "Kim Lee", "organisation": "MoMA Store"}),
        R(rev("shows:lead-capture", show_application("A")), "POST", "login 400 404 404 404 404 400",
          {"code": "AAAA-BBBB-CCCC-DDDD-EEEE"}, label="a forged badge"),
        R(rev("shows:lead-capture", show_application("A")), "GET", TOUR_POST_ONLY),
    ],
    "shows:calls": [R(rev("shows:calls"), "GET", SIGNED_IN_PAGE)],
    "shows:application-stand": [
        R(rev("shows:application-stand", show_application("A")), "POST", "login 403 403 403 403 403 302", {"code": "A1"}),
        R(rev("shows:application-stand", show_application("A")), "GET", "login 403 403 403 403 403 405"),
    ],
    "shows:lead": [
        R(rev("shows:lead", show_application("A"), show_lead("A")), "GET", SHOW_STAFF),
        R(rev("shows:lead", show_application("B"), show_lead("A")), "GET", "login 403 403 403 403 403 404",
          label="a lead under another application"),
    ],
    "shows:lead-meeting": [
        R(rev("shows:lead-meeting", show_application("A"), show_lead("A")), "POST", "login 403 403 403 403 403 400",
          label="no time"),
        R(rev("shows:lead-meeting", show_application("A"), show_lead("A")), "GET", "login 403 403 403 403 403 405"),
    ],
    "shows:lead-inquiry": [
        R(rev("shows:lead-inquiry", show_application("A"), show_lead("A")), "POST", "login 403 403 403 403 403 400",
          label="no product"),
    ],
    "shows:press-kits": [
        R(rev("shows:press-kits", press_program()), "GET", PRESS_B_ONLY, label="journalists see only their tour's kits"),
    ],
    "shows:press-kit-zip": [R(rev("shows:press-kit-zip", press_program(), press_artisan("B")), "GET", PRESS_B_ONLY)],
    "shows:press-kit-pdf": [R(rev("shows:press-kit-pdf", press_program(), press_artisan("B")), "GET", PRESS_B_ONLY)],
    "tours:itinerary": [
        R(rev("tours:itinerary", tour("A")), "GET", TOUR_A_ONLY),
        R(rev("tours:itinerary", tour("B")), "GET", TOUR_B_ONLY, label="a journalist sees only their tour"),
    ],
    "tours:itinerary-pdf": [R(rev("tours:itinerary-pdf", tour("A")), "GET", TOUR_A_ONLY)],
    "tours:itinerary-ics": [R(rev("tours:itinerary-ics", tour("B")), "GET", TOUR_B_ONLY)],
    "tours:stop": [
        R(rev("tours:stop", tour_stop("A")), "GET", TOUR_A_ONLY),
        R(rev("tours:stop", tour_stop("B")), "GET", TOUR_B_ONLY),
    ],
    "tours:stop-outcome": [
        R(rev("tours:stop-outcome", tour_stop("A")), "POST", "login 404 404 302 404 404 404",
          {"held": "on", "interest": "3", "next_step": "samples", "notes": "Tiles"}),
        R(rev("tours:stop-outcome", tour_stop("A")), "POST", "login 404 404 400 404 404 404", {"interest": "lots"},
          label="refused form"),
        R(rev("tours:stop-outcome", tour_stop("B")), "POST", "login 404 404 404 400 404 404",
          {"held": "on", "interest": "2", "next_step": "none"}, label="no outcome before the host confirms"),
        R(rev("tours:stop-outcome", tour_stop("A")), "GET", TOUR_POST_ONLY),
    ],
    "tours:stop-deal": [
        R(rev("tours:stop-deal", tour_stop("A")), "POST", "login 404 404 302 404 404 404",
          {"specification": "Blue zellige tiles", "quantity": "200"}),
        R(rev("tours:stop-deal", tour_stop("A")), "POST", "login 404 404 400 404 404 404", {"quantity": "0"},
          label="refused form"),
        R(rev("tours:stop-deal", tour_stop("A")), "GET", TOUR_POST_ONLY),
    ],
    "tours:host": [R(rev("tours:host"), "GET", ARTISAN_PAGE)],
    "tours:host-answer": [
        R(rev("tours:host-answer", tour_stop("B"), tour_stop_action("B", "confirm")), "POST",
          "login 404 302 403 403 403 403"),
        R(rev("tours:host-answer", tour_stop("A"), tour_stop_action("A", "propose")), "POST",
          "login 400 404 403 403 403 403", label="refused form"),
        R(rev("tours:host-answer", tour_stop("A"), tour_stop_action("A", "confirm")), "GET",
          "login 405 405 403 403 403 403"),
    ],
    "tours:host-locate": [
        R(lambda w: reverse("tours:host-locate", args=[w.misc["tours"]["A_place"].public_id]), "POST",
          "login 302 404 403 403 403 403",
          lambda w: {f"place-{w.misc['tours']['A_place'].pk}-address": "12 Derb Sidi",
                     f"place-{w.misc['tours']['A_place'].pk}-latitude": "34.061",
                     f"place-{w.misc['tours']['A_place'].pk}-longitude": "-4.979"}),
        R(lambda w: reverse("tours:host-locate", args=[w.misc["tours"]["A_place"].public_id]), "POST",
          "login 400 404 403 403 403 403", {}, label="refused form"),
        R(lambda w: reverse("tours:host-locate", args=[w.misc["tours"]["B"]["stop"].candidate.public_id]), "POST",
          "login 404 400 403 403 403 403",
          lambda w: {f"place-{w.misc['tours']['B']['stop'].candidate_id}-address": "Elsewhere",
                     f"place-{w.misc['tours']['B']['stop'].candidate_id}-latitude": "34.0",
                     f"place-{w.misc['tours']['B']['stop'].candidate_id}-longitude": "-5.0"},
          label="a visit is planned there"),
    ],
    "tours:plan": [R(rev("tours:plan", tour("A")), "GET", TOUR_STAFF)],
    "tours:plan-run": [
        R(rev("tours:plan-run", tour("A")), "POST", "login 403 403 403 403 403 302",
          label="refused: the host answered"),
    ],
    "tours:plan-run-status": [
        R(rev("tours:plan-run-status", tour("A"), tour_run("A")), "GET", TOUR_STAFF),
        R(rev("tours:plan-run-status", tour("A"), tour_run("B")), "GET", "login 403 403 403 403 403 404",
          label="another tour's run"),
    ],
    "tours:plan-send": [R(rev("tours:plan-send", tour("A")), "POST", "login 403 403 403 403 403 302")],
    "tours:plan-stop": [
        R(rev("tours:plan-stop", tour("A"), tour_stop("A"), tour_stop_action("A", "cancel")), "POST",
          "login 403 403 403 403 403 302"),
        R(rev("tours:plan-stop", tour("A"), tour_stop("A"), tour_stop_action("A", "move")), "POST",
          "login 403 403 403 403 403 400", label="refused form"),
        R(rev("tours:plan-stop", tour("A"), tour_stop("B"), tour_stop_action("B", "cancel")), "POST",
          "login 403 403 403 403 403 404", label="another tour's stop"),
    ],
    "fairs:plan": [R("/fairs/program-b/plan/", "GET", PUBLIC_PAGE)],
    "fairs:plan-pdf": [R("/fairs/program-b/plan.pdf", "GET", PUBLIC_PAGE)],
    "fairs:delegation": [
        R("/fairs/program-b/countries/portugal/", "GET", PUBLIC_PAGE),
        R("/fairs/program-b/countries/nowhere/", "GET", "404 404 404 404 404 404 404", label="no such delegation"),
    ],
    "fairs:exhibitor": [
        R("/fairs/program-b/exhibitors/workshop-a/", "GET", PUBLIC_PAGE),
        R("/fairs/program-b/exhibitors/workshop-b/", "GET", "404 404 404 404 404 404 404", label="not exhibiting"),
        R("/fairs/program-b/exhibitors/workshop-c/", "GET", "404 404 404 404 404 404 404", label="pending review"),
    ],
    # The QR label sheet: for the exhibitor and staff.
    "fairs:labels": [
        R("/fairs/program-b/exhibitors/workshop-a/labels.pdf", "GET", "login 200 404 404 404 200 200"),
    ],
    "fairs:product": [
        R(lambda w: f"/fairs/program-b/products/{w.products['A'].public_id}/", "GET", PUBLIC_PAGE),
        R(lambda w: f"/fairs/program-b/products/{w.products['B'].public_id}/", "GET", "404 404 404 404 404 404 404",
          label="not an exhibitor's product"),
        R(lambda w: f"/fairs/program-b/products/{w.products['A_draft'].public_id}/", "GET",
          "404 404 404 404 404 404 404", label="a draft"),
    ],
    "fairs:apply": [
        R("/fairs/program-b/stand-application/", "GET", "login 200 404 403 403 403 403"),
        R("/fairs/program-b/stand-application/", "POST", "login 400 404 403 403 403 403", {"min_size_m2": "lots"}),
        R("/fairs/program-b/stand-application/", "POST", "login 302 404 403 403 403 403",
          {"min_size_m2": "9", "needs_power": "on"}, label="saved"),
    ],
    "visitors:register": [
        R(lambda w: reverse("visitors:register", args=["fair-a"]), "GET", PUBLIC_PAGE),
        R(lambda w: reverse("visitors:register", args=["fair-a"]), "POST", "400 400 400 400 400 400 400",
          label="empty form"),
        R(lambda w: reverse("visitors:register", args=["program-a"]), "GET", "404 404 404 404 404 404 404",
          label="not a fair"),
    ],
    "visitors:confirm": [
        R(rev("visitors:confirm", const("not-a-token")), "GET", PUBLIC_PAGE),
        R(rev("visitors:confirm", const("not-a-token")), "POST", "400 400 400 400 400 400 400"),
    ],
    "visitors:pass": [
        R(rev("visitors:pass", vis_code("public")), "GET", PUBLIC_PAGE),
        R(rev("visitors:pass", const("AAAA-AAAA-AAAA-AAAA-AAAA")), "GET", "404 404 404 404 404 404 404",
          label="tampered code"),
    ],
    "visitors:badge": [
        R(rev("visitors:badge", vis_code("trade")), "GET", PUBLIC_PAGE),
        R(rev("visitors:badge", vis_code("public")), "GET", "404 404 404 404 404 404 404",
          label="no badge for the public"),
    ],
    "visitors:agenda": [
        R(lambda w: reverse("visitors:agenda", args=["fair-a"]), "GET", PUBLIC_PAGE),
        R(lambda w: reverse("visitors:agenda", args=["program-a"]), "GET", "404 404 404 404 404 404 404",
          label="not a fair"),
    ],
    "visitors:session": [R(lambda w: reverse("visitors:session", args=[vis("conference")(w).public_id]), "GET",
                           PUBLIC_PAGE)],
    "visitors:session-ics": [
        R(lambda w: reverse("visitors:session-ics", args=[vis("conference")(w).public_id]), "GET", PUBLIC_PAGE),
    ],
    "visitors:seat-take": [
        # Artisan A and buyer B hold seats already; staff and the superuser hold no role that takes one.
        R(lambda w: reverse("visitors:seat-take", args=[vis("conference")(w).public_id]), "POST",
          "403 400 302 302 400 403 403"),
        R(lambda w: reverse("visitors:seat-take", args=[vis("conference")(w).public_id]), "POST",
          "302 302 302 302 302 302 302", vis_pass_data("trade"), label="with a pass"),
        R(lambda w: reverse("visitors:seat-take", args=[vis("conference")(w).public_id]), "POST",
          "403 403 403 403 403 403 403", {"pass": "AAAA-AAAA-AAAA-AAAA-AAAA"}, label="tampered pass"),
        R(lambda w: reverse("visitors:seat-take", args=[vis("conference")(w).public_id]), "GET", NOT_ALLOWED),
    ],
    "visitors:seat-action": [
        R(rev("visitors:seat-action", vis_seat("A"), const("cancel")), "POST", "403 302 404 404 404 403 403"),
        R(rev("visitors:seat-action", vis_seat("visitor"), const("cancel")), "POST", "302 302 302 302 302 302 302",
          vis_pass_data("public"), label="the visitor's own, with the pass"),
        R(rev("visitors:seat-action", vis_seat("visitor"), const("cancel")), "POST", "404 404 404 404 404 404 404",
          vis_pass_data("trade"), label="another visitor's pass"),
        R(rev("visitors:seat-action", vis_seat("A"), const("nonsense")), "POST", "404 404 404 404 404 404 404"),
    ],
    "visitors:certificate": [
        R(rev("visitors:certificate", vis_seat("training_visitor")), "GET", PUBLIC_PAGE, vis_pass_data("public")),
        R(rev("visitors:certificate", vis_seat("training_visitor")), "GET", "404 404 404 404 404 404 404",
          label="without the pass"),
        R(rev("visitors:certificate", vis_seat("training_A")), "GET", "login 200 404 404 404 404 404"),
        R(rev("visitors:certificate", vis_seat("A")), "GET", "404 404 404 404 404 404 404",
          label="not a training session"),
    ],
    "visitors:my-agenda": [R(rev("visitors:my-agenda"), "GET", SIGNED_IN_PAGE)],
    "visitors:desk": [
        R(lambda w: reverse("visitors:desk", args=["fair-a"]), "GET", VISITOR_STAFF_PAGE),
        R(lambda w: reverse("visitors:desk", args=["fair-a"]), "POST", "login 403 403 403 403 403 400",
          label="empty form"),
    ],
    "visitors:check-in": [
        R(lambda w: reverse("visitors:check-in", args=["fair-a"]), "GET", VISITOR_STAFF_PAGE),
        R(lambda w: reverse("visitors:check-in", args=["fair-a"]), "GET", VISITOR_STAFF_PAGE,
          lambda w: {"gate": vis("gate")(w).pk}, label="at a gate"),
    ],
    "visitors:scans": [
        R(lambda w: reverse("visitors:scans", args=["fair-a"]), "POST", "login 403 403 403 403 403 400",
          label="not JSON"),
        R(lambda w: reverse("visitors:scans", args=["fair-a"]), "GET", "login 403 403 403 403 403 405"),
    ],
    # The check-in page's service worker: a script with nothing in it but static URLs.
    "visitors:check-in-worker": [R(rev("visitors:check-in-worker"), "GET", PUBLIC_PAGE)],
    "visitors:counts": [
        R(lambda w: reverse("visitors:counts", args=["fair-a"]), "GET", VISITOR_STAFF_PAGE),
        R(lambda w: reverse("visitors:counts", args=["fair-a"]), "GET", VISITOR_STAFF_PAGE, {"format": "json"},
          label="as JSON"),
    ],
    # Meetings: parties only; staff work on meetings in the admin.
    "meetings:list": [R(rev("meetings:list"), "GET", SIGNED_IN_PAGE)],
    "deals:list": [R(rev("deals:list"), "GET", SIGNED_IN_PAGE)],
    # A deal is its two parties' only, and staff's who may change deals (they may act for the
    # artisan there): the superuser; staff holding only "view program" find nothing.
    "deals:detail": [
        R(rev("deals:detail", deal("A")), "GET", "login 200 404 200 404 404 200"),
        R(rev("deals:detail", deal("B")), "GET", "login 404 200 404 200 404 200"),
        R(rev("deals:detail", deal("none")), "GET", "login 404 404 404 404 404 200"),
    ],
    # The thread: its two parties write and download its files; anyone else finds nothing.
    "deals:message": [
        R(rev("deals:message", deal("A")), "POST", "login 302 404 302 404 404 400", {"body": "Hello"}),
        R(rev("deals:message", deal("B")), "POST", "login 404 400 404 400 404 400", label="empty message"),
        R(rev("deals:message", deal("none")), "POST", "login 404 404 404 404 404 400", {"body": "Hello"}),
        R(rev("deals:message", deal("A")), "GET", "login 405 405 405 405 405 405"),
    ],
    "deals:attachment": [
        R(rev("deals:attachment", deal("A"), deal_file("A")), "GET", "login 200 404 200 404 404 200"),
        R(rev("deals:attachment", deal("B"), deal_file("B")), "GET", "login 404 200 404 200 404 200"),
        R(rev("deals:attachment", deal("none"), deal_file("none")), "GET", "login 404 404 404 404 404 200"),
        # Another deal's file named under one's own deal.
        R(rev("deals:attachment", deal("A"), deal_file("B")), "GET", "login 404 404 404 404 404 404"),
    ],
    "deals:action": [
        # Only the buyer accepts a quote: the artisan (and staff, even acting for the artisan) is
        # told so (400), everyone else finds nothing.
        R(rev("deals:action", deal("A"), const("quote"), deal_quote("A"), const("accept")), "POST",
          "login 400 404 302 404 404 400"),
        R(rev("deals:action", deal("A"), const("quote"), deal_quote("A"), const("accept")), "POST",
          "login 400 404 302 404 404 400", {"for_artisan": "1"}, label="acting for the artisan"),
        # The artisan's move: staff take it only with the switch (a POST field).
        R(rev("deals:action", deal("B"), const("quote"), deal_quote("B"), const("withdraw")), "POST",
          "login 404 302 404 400 404 400"),
        R(rev("deals:action", deal("B"), const("quote"), deal_quote("B"), const("withdraw")), "POST",
          "login 404 302 404 400 404 302", {"for_artisan": "1"}, label="acting for the artisan"),
        R(rev("deals:action", deal("none"), const("quote"), deal_quote("none"), const("accept")), "POST",
          "login 404 404 404 404 404 400"),
        # Another deal's quote under A's deal, and an action no service has.
        R(rev("deals:action", deal("A"), const("quote"), deal_quote("B"), const("accept")), "POST",
          "login 404 404 404 404 404 404"),
        R(rev("deals:action", deal("A"), const("quote"), deal_quote("A"), const("nonsense")), "POST",
          "login 404 404 404 404 404 404"),
        R(rev("deals:action", deal("A"), const("quote"), deal_quote("A"), const("accept")), "GET",
          "login 405 405 405 405 405 405"),
    ],
    # Starting a deal from a product page: signed-in buyers, on products they may see.
    "deals:start": [
        R(rev("deals:start", product("A")), "GET", "login 403 403 200 200 403 403"),
        R(rev("deals:start", product("none")), "GET", "login 403 403 404 404 403 403",
          label="product of an artisan pending review"),
        R(rev("deals:start", product("A_draft")), "GET", "login 403 403 404 404 403 403"),
    ],
    "deals:inquire": [
        R(rev("deals:inquire", product("A")), "POST", "login 403 403 302 302 403 403",
          {"quantity": 5, "unit": "piece", "currency": "USD"}),
        R(rev("deals:inquire", product("A")), "POST", "login 403 403 400 400 403 403", label="empty form"),
        R(rev("deals:inquire", product("none")), "POST", "login 403 403 404 404 403 403",
          {"quantity": 5, "unit": "piece", "currency": "USD"}),
        R(rev("deals:inquire", product("A")), "GET", "login 403 403 405 405 403 403"),
    ],
    "deals:sample": [
        R(rev("deals:sample", product("B")), "POST", "login 403 403 302 302 403 403", {"message": "One in blue"}),
        R(rev("deals:sample", product("B_draft")), "POST", "login 403 403 404 404 403 403"),
        R(rev("deals:sample", product("B")), "GET", "login 403 403 405 405 403 403"),
    ],
    # Ordering directly needs wholesale terms: the world's buyers are not verified.
    "deals:order": [
        R(rev("deals:order", product("A")), "POST", "login 403 403 404 404 403 403",
          {"quantity": 12, "delivery_address": "1 Museum Mile"}),
    ],
    # The artisan's own deal terms: order minimums, and a product's pack size and samples.
    "deals:terms": [
        R(rev("deals:terms"), "GET", ARTISAN_PAGE),
        R(rev("deals:terms"), "POST", "login 302 302 403 403 403 403",
          {"currency": "EUR", "opening_order_minimum": "500", "reorder_minimum": "200"}),
        R(rev("deals:terms"), "POST", ARTISAN_FORM_REFUSED, label="empty form"),
    ],
    "deals:product-terms": [
        R(rev("deals:product-terms", product("A")), "GET", "login 200 404 403 403 403 403"),
        R(rev("deals:product-terms", product("B_draft")), "GET", "login 404 200 403 403 403 403"),
        R(rev("deals:product-terms", product("none")), "GET", "login 404 404 403 403 403 403"),
        R(rev("deals:product-terms", product("A")), "POST", "login 302 404 403 403 403 403",
          {"pack_multiple": 6, "sample_policy": "free"}),
        R(rev("deals:product-terms", product("A")), "POST", "login 400 404 403 403 403 403", label="empty form"),
    ],
    # Starting a deal from the shortlist (buyer A shortlisted a product of B), a held meeting (each
    # meeting's buyer said it took place; none names products, so no sample), an artisan's page.
    "deals:shortlist-inquire": [
        R(rev("deals:shortlist-inquire", slug("B")), "GET", "login 403 403 200 404 403 403"),
        R(rev("deals:shortlist-inquire", slug("B")), "POST", "login 403 403 302 404 403 403",
          lambda w: {f"quantity_{w.products['B'].public_id.hex}": 12, "unit": "piece"}),
        R(rev("deals:shortlist-inquire", slug("B")), "POST", "login 403 403 400 404 403 403", label="empty form"),
        R(rev("deals:shortlist-inquire", slug("A")), "GET", "login 403 403 404 404 403 403",
          label="nothing of A shortlisted"),
        R(rev("deals:shortlist-inquire", slug("none")), "GET", "login 403 403 404 404 403 403"),
    ],
    "deals:meeting-start": [
        R(rev("deals:meeting-start", meeting("A")), "GET", "login 403 403 200 404 403 403"),
        R(rev("deals:meeting-start", meeting("B")), "GET", "login 403 403 404 200 403 403"),
        R(rev("deals:meeting-start", meeting("none")), "GET", "login 403 403 404 404 403 403"),
    ],
    "deals:meeting-inquire": [
        R(rev("deals:meeting-inquire", meeting("A")), "POST", "login 403 403 302 404 403 403",
          {"quote-specification": "The same in blue", "quote-specification_quantity": 10, "quote-unit": "piece"}),
        R(rev("deals:meeting-inquire", meeting("B")), "POST", "login 403 403 404 400 403 403", label="empty form"),
        R(rev("deals:meeting-inquire", meeting("none")), "POST", "login 403 403 404 404 403 403"),
        R(rev("deals:meeting-inquire", meeting("A")), "GET", "login 403 403 405 405 403 403"),
    ],
    "deals:meeting-sample": [
        R(rev("deals:meeting-sample", meeting("A")), "POST", "login 403 403 404 404 403 403"),
        R(rev("deals:meeting-sample", meeting("A")), "GET", "login 403 403 405 405 403 403"),
    ],
    "deals:public-inquire-artisan": [
        R(rev("deals:public-inquire-artisan", slug("A")), "GET", "200 404 404 404 404 404 404"),
        R(rev("deals:public-inquire-artisan", slug("A")), "POST", "200 404 404 404 404 404 404",
          {"name": "Ana", "email": "ana@example.org", "specification": "A rug, 2 by 3 m", "quantity": 1,
           "unit": "piece"}),
        R(rev("deals:public-inquire-artisan", slug("A")), "POST", "400 404 404 404 404 404 404", label="empty form"),
        R(rev("deals:public-inquire-artisan", slug("B")), "GET", "404 404 404 404 404 404 404",
          label="not in a public catalog"),
        R(rev("deals:public-inquire-artisan", slug("none")), "GET", "404 404 404 404 404 404 404"),
    ],
    # The public of a public catalog (program B accepted artisan A); account holders use deals:start.
    "deals:public-inquire": [
        R(rev("deals:public-inquire", product("A")), "GET", "200 404 404 404 404 404 404"),
        R(rev("deals:public-inquire", product("A")), "POST", "200 404 404 404 404 404 404",
          {"name": "Ana", "email": "ana@example.org", "quantity": 12}),
        R(rev("deals:public-inquire", product("A")), "POST", "400 404 404 404 404 404 404", label="empty form"),
        R(rev("deals:public-inquire", product("B")), "GET", "404 404 404 404 404 404 404",
          label="artisan in no public catalog"),
    ],
    # The artisan's quote: only the artisan's is taken; the buyer is told so; strangers find nothing.
    "deals:quote": [
        R(rev("deals:quote", deal("A")), "POST", "login 302 404 400 404 404 400", lambda w: {
            "line-TOTAL_FORMS": 1, "line-INITIAL_FORMS": 1, "line-MIN_NUM_FORMS": 1, "line-MAX_NUM_FORMS": 50,
            "line-0-description": "Bowl", "line-0-product": w.products["A"].pk, "line-0-quantity": 24,
            "line-0-unit_price": "18.00", "line-0-pack_multiple": 6, "line-0-minimum_quantity": 12,
            "currency": "EUR", "incoterm": "FCA", "lead_time_days": 30, "valid_until": "2099-01-01"}),
        R(rev("deals:quote", deal("A")), "POST", "login 400 404 400 404 404 400", label="empty form"),
        R(rev("deals:quote", deal("none")), "POST", "login 404 404 404 404 404 400"),
        R(rev("deals:quote", deal("A")), "GET", "login 405 405 405 405 405 405"),
    ],
    # Ordering a quote: its buyer only, once accepted (the world's quotes wait for an answer).
    "deals:quote-order": [
        R(rev("deals:quote-order", deal("A"), deal_quote("A")), "POST", "login 403 403 400 404 403 403",
          {"delivery_address": "1 Museum Mile", "po_number": "PO-1"}),
        R(rev("deals:quote-order", deal("A"), deal_quote("B")), "POST", "login 403 403 404 404 403 403",
          {"delivery_address": "1 Museum Mile"}, label="another deal's quote"),
        R(rev("deals:quote-order", deal("none"), deal_quote("none")), "POST", "login 403 403 404 404 403 403",
          {"delivery_address": "1 Museum Mile"}),
    ],
    # An order accepted with changes: its artisan (or staff who tick that they act for them) only;
    # the buyer reaches the form but the table refuses them (400). The world's orders wait.
    "deals:order-changes": [
        R(rev("deals:order-changes", deal("A"), deal_order("A")), "POST", "login 302 404 400 404 404 400",
          lambda w: {f"quantity_{w.deals['A'].order.lines.get().pk}": 30, "ship_by": "2099-01-01", "note": "Kiln"}),
        R(rev("deals:order-changes", deal("A"), deal_order("A")), "POST", "login 302 404 400 404 404 302",
          lambda w: {f"quantity_{w.deals['A'].order.lines.get().pk}": 30, "for_artisan": "1"},
          label="staff acting for the artisan"),
        R(rev("deals:order-changes", deal("A"), deal_order("A")), "POST", "login 400 404 400 404 404 400",
          label="empty form"),
        R(rev("deals:order-changes", deal("A"), deal_order("B")), "POST", "login 404 404 404 404 404 404",
          label="another deal's order"),
        R(rev("deals:order-changes", deal("none"), deal_order("none")), "POST", "login 404 404 404 404 404 400"),
        R(rev("deals:order-changes", deal("A"), deal_order("A")), "GET", "login 405 405 405 405 405 405"),
    ],
    # An approved sample ordered, or a quote asked from it: its buyer only (the order: once verified;
    # deals/tests/test_deal_own_pages.py). The world's deals have an inquiry already, so the quote
    # request is refused (one inquiry per deal).
    "deals:sample-order": [
        R(rev("deals:sample-order", deal("A"), deal_sample("A")), "POST", "login 403 403 400 404 403 403",
          {"quantity": 600, "delivery_address": "1 Museum Mile", "po_number": "PO-2"},
          label="the world's buyers are not verified: a direct order is refused"),
        R(rev("deals:sample-order", deal("A"), deal_sample("A")), "POST", "login 403 403 400 404 403 403",
          label="empty form"),
        R(rev("deals:sample-order", deal("A"), deal_sample("B")), "POST", "login 403 403 404 404 403 403",
          {"quantity": 600, "delivery_address": "1 Museum Mile"}, label="another deal's sample"),
        R(rev("deals:sample-order", deal("none"), deal_sample("none")), "POST", "login 403 403 404 404 403 403",
          {"quantity": 600, "delivery_address": "1 Museum Mile"}),
    ],
    "deals:sample-quote": [
        R(rev("deals:sample-quote", deal("A"), deal_sample("A")), "POST", "login 403 403 400 404 403 403",
          {"quantity": 24, "unit": "piece", "currency": "EUR"}),
        R(rev("deals:sample-quote", deal("A"), deal_sample("B")), "POST", "login 403 403 404 404 403 403",
          {"quantity": 24, "unit": "piece", "currency": "EUR"}, label="another deal's sample"),
        R(rev("deals:sample-quote", deal("none"), deal_sample("none")), "POST", "login 403 403 404 404 403 403",
          {"quantity": 24, "unit": "piece", "currency": "EUR"}),
    ],
    # A follow-up is its own person's (buyer A's here); the emailed link works signed out, and is
    # refused (400, with a message) to anyone signed in as someone else.
    "deals:followup": [
        R(rev("deals:followup", follow_up("A")), "GET", "login 404 404 200 404 404 404"),
        R(rev("deals:followup", follow_up("A")), "POST", "login 404 404 400 404 404 404"),
        R(rev("deals:followup", follow_up("A")), "POST", "login 404 404 302 404 404 404",
          {"answer": "order", "value": "100", "currency": "EUR"}),
        R(rev("deals:followup", follow_up("none")), "GET", "login 404 404 404 404 404 404"),
    ],
    "deals:followup-link": [
        R(rev("deals:followup-link", follow_up_token("A")), "GET", "200 400 400 200 400 400 400"),
        R(rev("deals:followup-link", follow_up_token("A")), "POST", "200 400 400 200 400 400 400",
          {"answer": "order", "value": "100", "currency": "EUR"}),
        R(rev("deals:followup-link", const("not-a-token")), "GET", "400 400 400 400 400 400 400"),
        R(rev("deals:followup-link", const("not-a-token")), "POST", "400 400 400 400 400 400 400"),
    ],
    "deals:confirm": [
        R(rev("deals:confirm", const("not-a-token")), "GET", PUBLIC_PAGE),
        R(rev("deals:confirm", const("not-a-token")), "POST", "400 400 400 400 400 400 400"),
    ],
    # Referencing: a round is its retailer's committee's (buyer A sits on Store A's, buyer B on Store
    # B's); a candidacy, its checklist and decisions are its artisan's. Staff run rounds in the admin.
    "referencing:rounds": [R(rev("referencing:rounds"), "GET", BUYER_PAGE)],
    "referencing:round": [
        R(rev("referencing:round", ref_round("A")), "GET", "login 403 403 200 404 403 403"),
        R(rev("referencing:round", ref_round("B")), "GET", "login 403 403 404 200 403 403"),
    ],
    "referencing:score": [
        R(rev("referencing:score", ref_candidate("A")), "POST", "login 403 403 302 404 403 403", ref_marks("A")),
        R(rev("referencing:score", ref_candidate("A")), "POST", "login 403 403 400 404 403 403", label="no mark"),
        R(rev("referencing:score", ref_candidate("B")), "POST", "login 403 403 404 400 403 403", ref_marks("B"),
          label="a decided candidate takes no marks"),
        R(rev("referencing:score", ref_candidate("A")), "GET", "login 403 403 405 405 403 403"),
    ],
    "referencing:trial": [
        R(rev("referencing:trial", ref_candidate("decided_selected")), "POST", "login 403 403 404 400 403 403",
          label="empty form"),
        R(rev("referencing:trial", ref_candidate("A")), "GET", "login 403 403 405 405 403 403"),
    ],
    "referencing:reorder": [
        R(rev("referencing:reorder", ref_retailer("B")), "GET", "login 403 403 404 200 403 403"),
        R(rev("referencing:reorder", ref_retailer("B")), "POST", "login 403 403 404 400 403 403", label="empty form"),
        R(rev("referencing:reorder", ref_retailer("A")), "GET", "login 403 403 404 404 403 403",
          label="nothing listed yet"),
    ],
    "referencing:artisan": [R(rev("referencing:artisan"), "GET", ARTISAN_PAGE)],
    "referencing:tick": [
        R(rev("referencing:tick", ref_round("A"), const("labels")), "POST", "login 302 302 403 403 403 403",
          {"done": "1"}),
        R(rev("referencing:tick", ref_round("B"), const("labels")), "POST", "login 404 302 403 403 403 403",
          {"done": "1"}),
        R(rev("referencing:tick", ref_round("A"), const("gtin")), "POST", "login 404 404 403 403 403 403",
          {"done": "1"}, label="an item read from the products"),
        R(rev("referencing:tick", ref_round("A"), const("labels")), "GET", "login 405 405 403 403 403 403"),
    ],
    "referencing:withdraw": [
        R(rev("referencing:withdraw", ref_candidate("A")), "POST", "login 302 404 403 403 403 403"),
        R(rev("referencing:withdraw", ref_candidate("A_of_B")), "POST", "login 404 302 403 403 403 403"),
    ],
    "meetings:availability": [
        R(rev("meetings:availability"), "GET", ARTISAN_PAGE),
        R(rev("meetings:availability"), "POST", ARTISAN_FORM_REFUSED, {"form": "window"}),
        R(rev("meetings:availability"), "POST", "login 302 302 403 403 403 403",
          {"form": "window", "window-weekday": "2", "window-start_time": "09:00", "window-end_time": "12:00"}),
        R(rev("meetings:availability"), "POST", "login 404 404 403 403 403 403", {"form": "nonsense"},
          label="no such form"),
    ],
    "meetings:availability-delete": [
        R(rev("meetings:availability-delete", const("window"), window("A")), "POST", "login 302 404 403 403 403 403"),
        R(rev("meetings:availability-delete", const("window"), window("B")), "POST", "login 404 302 403 403 403 403"),
        R(rev("meetings:availability-delete", const("window"), window("none")), "POST",
          "login 404 404 403 403 403 403"),
        R(rev("meetings:availability-delete", const("window"), window("A")), "GET", "login 405 405 403 403 403 403"),
    ],
    "meetings:request-create": [
        R(rev("meetings:request-create", slug("A")), "GET", BUYER_PAGE),
        R(rev("meetings:request-create", slug("B")), "POST", "login 403 403 200 200 403 403"),
        R(rev("meetings:request-create", slug("none")), "GET", "login 403 403 404 404 403 403",
          label="artisan pending review"),
    ],
    "meetings:detail": [
        R(rev("meetings:detail", meeting("A")), "GET", "login 200 404 200 404 404 404"),
        R(rev("meetings:detail", meeting("B")), "GET", "login 404 200 404 200 404 404"),
        R(rev("meetings:detail", meeting("none")), "GET", "login 404 404 404 404 404 404"),
    ],
    "meetings:ics": [
        R(rev("meetings:ics", meeting("A")), "GET", "login 200 404 200 404 404 404"),
        R(rev("meetings:ics", meeting("B")), "GET", "login 404 200 404 200 404 404"),
        R(rev("meetings:ics", meeting("none")), "GET", "login 404 404 404 404 404 404"),
    ],
    "meetings:message": [
        R(rev("meetings:message", meeting("A")), "POST", "login 302 404 302 404 404 404", {"body": "Hello"}),
        R(rev("meetings:message", meeting("B")), "POST", "login 404 302 404 302 404 404", {"body": "Hello"}),
        R(rev("meetings:message", meeting("none")), "POST", "login 404 404 404 404 404 404", {"body": "Hello"}),
        R(rev("meetings:message", meeting("A")), "GET", "login 405 405 405 405 405 405"),
    ],
    "meetings:outcome": [
        R(rev("meetings:outcome", meeting("A")), "POST", "login 400 404 400 404 404 404"),
        R(rev("meetings:outcome", meeting("B")), "POST", "login 404 400 404 400 404 404"),
        R(rev("meetings:outcome", meeting("none")), "POST", "login 404 404 404 404 404 404"),
    ],
    # A group meeting's participant's own place (meetings/tests/test_group_meetings.py: the
    # participant's 200s); the world's meetings have only their lead buyer: no place to act on.
    "meetings:place": [
        R(rev("meetings:place", meeting("A"), const("confirm")), "POST", "login 404 404 404 404 404 404"),
        R(rev("meetings:place", meeting("B"), const("cancel")), "POST", "login 404 404 404 404 404 404"),
        R(rev("meetings:place", meeting("none"), const("confirm")), "POST", "login 404 404 404 404 404 404"),
        R(rev("meetings:place", meeting("A"), const("confirm")), "GET", "login 405 405 405 405 405 405"),
    ],
    "meetings:action": [
        R(rev("meetings:action", meeting("A"), const("cancel")), "POST", "login 400 404 400 404 404 404"),
        R(rev("meetings:action", meeting("B"), const("confirm")), "POST", "login 404 302 404 302 404 404"),
        R(rev("meetings:action", meeting("none"), const("cancel")), "POST", "login 404 404 404 404 404 404"),
        R(rev("meetings:action", meeting("A"), const("nonsense")), "POST", "login 404 404 404 404 404 404"),
        R(rev("meetings:action", meeting("A"), const("cancel")), "GET", "login 405 405 405 405 405 405"),
    ],
    # Programs: opening an invitation changes nothing; joining is a POST by a buyer, bound to the
    # invited address (neither buyer holds newcomer@, so theirs becomes a request for staff).
    "programs:join": [
        R(rev("programs:join", token("none")), "GET", "200 403 403 200 200 403 403"),
        R(rev("programs:join", token("A")), "GET", "200 403 403 200 200 403 403",
          label="an invitation already used by buyer A"),
        R(rev("programs:join", token("none")), "POST", "login 403 403 302 302 403 403"),
        R(rev("programs:join", token("A")), "POST", "login 403 403 302 302 403 403",
          label="an invitation already used by buyer A"),
        R(rev("programs:join", const("not-a-token")), "GET", "404 404 404 404 404 404 404"),
        R(rev("programs:join", const("not-a-token")), "POST", "404 404 404 404 404 404 404"),
    ],
    "programs:artisan-programs": [R(rev("programs:artisan-programs"), "GET", ARTISAN_PAGE)],
    "programs:apply": [
        R(rev("programs:apply", program_slug("A")), "POST", "login 302 302 403 403 403 403"),
        R(rev("programs:apply", const("no-such-program")), "POST", "login 404 404 403 403 403 403"),
        R(rev("programs:apply", program_slug("A")), "GET", NOT_ALLOWED),
    ],
    # Matchmaking: a recommendation is seen and hidden by its buyer and its artisan only.
    "matchmaking:recommendations": [R(rev("matchmaking:recommendations"), "GET", "login 200 200 200 200 403 403")],
    "matchmaking:hide": [
        R(rev("matchmaking:hide", rec("A")), "POST", "login 302 404 302 404 403 403"),
        R(rev("matchmaking:hide", rec("B")), "POST", "login 404 302 404 302 403 403"),
        R(rev("matchmaking:hide", rec("none")), "POST", "login 404 404 404 404 403 403"),
        R(rev("matchmaking:hide", rec("A")), "GET", NOT_ALLOWED),
    ],
    "matchmaking:unhide": [
        R(rev("matchmaking:unhide", rec("A")), "POST", "login 302 404 302 404 403 403"),
        R(rev("matchmaking:unhide", rec("none")), "POST", "login 404 404 404 404 403 403"),
    ],
    "matchmaking:preference": [
        R(rev("matchmaking:preference"), "POST", "login 404 404 302 404 403 403",
          lambda w: {"program": w.programs["B"].pk, "other": w.artisans["A"].pk, "level": 3},
          label="buyer A marks artisan A in the program buyer A joined"),
        R(rev("matchmaking:preference"), "POST", "login 400 400 400 400 403 403", {"level": "x"}),
        R(rev("matchmaking:preference"), "GET", NOT_ALLOWED),
    ],
    "ops:health": [R(rev("ops:health"), "GET", "public public public public public public public")],
    # Prometheus metrics: staff, or a scraper with METRICS_TOKEN (ops/tests/test_metrics.py).
    "metrics": [
        R(rev("metrics"), "GET", "403 403 403 403 403 200 200"),
        R(rev("metrics"), "POST", NOT_ALLOWED),
    ],
    # Uploaded photos are public by design (random names); the server sends them as images only.
    "media": [
        R(lambda w: w.product_photos["A"].image.url, "GET", PUBLIC_PAGE),
        R(lambda w: w.workshop_photos["B"].image.url, "GET", PUBLIC_PAGE),
        R("/media/no/such/file.jpg", "GET", "404 404 404 404 404 404 404"),
    ],
}


# A deal's documents go to whoever may open the deal's page (deals.selectors.deal_for), and to no one
# else: their rows take the deal page's outcomes, so the two cannot drift apart.
_DEAL_PAGE = {side: row.expect for side, row in zip(("A", "B", "none"), MATRIX["deals:detail"], strict=True)}
NOBODY = "login 404 404 404 404 404 404"


def _with_lang(url: Url, lang: str) -> Url:
    return lambda w: f"{url(w)}?lang={lang}"


for _name, _item in (("deals:quote-pdf", deal_quote), ("deals:order-proforma", deal_order),
                     ("deals:order-packing-list", deal_order)):
    MATRIX[_name] = [
        R(rev(_name, deal("A"), _item("A")), "GET", _DEAL_PAGE["A"]),
        R(_with_lang(rev(_name, deal("B"), _item("B")), "ar"), "GET", _DEAL_PAGE["B"], label="in Arabic"),
        R(rev(_name, deal("none"), _item("none")), "GET", _DEAL_PAGE["none"]),
        R(rev(_name, deal("A"), _item("B")), "GET", NOBODY, label="another deal's document"),
        R(rev(_name, deal("A"), _item("A")), "POST", "login 405 405 405 405 405 405"),
    ]

# Admin pages built by Django for each registered model follow these rules. ---------------
# Models staff may view (their only permission); models whose admin forbids adding.
STAFF_VIEWS = {"programs.program"}
NO_ADD = {"visitors.visitor", "mfa.authenticator", "accounts.staffenrolment", "notifications.email", "programs.buyerinvitation", "programs.joinrequest", "privacy.privacysettings", "catalog.exchangerate",
          "catalog.catalogsettings"}
NO_DELETE = {"privacy.privacysettings", "catalog.exchangerate", "catalog.catalogsettings"}
# Records the services own (a meeting, its history, messages, outcomes, reminders; an application; a deal).
SERVICE_RECORDS = {"meetings.meeting", "meetings.meetingevent", "meetings.message", "meetings.outcome",
                   "meetings.reminder", "programs.application", "deals.deal"}
# Fairs: stand history, allocator runs and stand applications are the services' records.
SERVICE_RECORDS |= {"fairs.standevent", "fairs.allocationrun", "fairs.standapplication",
                    "fairs.standapplicationentry"}
# Referencing: rounds and retailers keep their history (candidates move on the round's own pages).
NO_DELETE |= {"referencing.retailer", "referencing.referencinground"}
# Tours: planned stops (the plan page and the services), their history and visits' outcomes.
SERVICE_RECORDS |= {"tours.plannedstop", "tours.stopevent", "tours.stopoutcome"}
# Shows: applications (the application's page and the services) and leads captured at stands.
SERVICE_RECORDS |= {"shows.application", "shows.lead"}
NO_ADD |= SERVICE_RECORDS
ADMIN_SITE: dict[str, list[Row]] = {
    "admin:index": [R("/admin/", "GET", "admin admin admin admin admin 200 200")],
    "admin:login": [R("/admin/login/", "GET", "login 403 403 403 403 login login")],
    # Signing out is harmless for anyone; only staff see the admin's "logged out" page.
    "admin:logout": [R("/admin/logout/", "POST", "302 302 302 302 302 200 200")],
    "admin:password_change": [R("/admin/password_change/", "GET", "admin admin admin admin admin 200 200")],
    "admin:password_change_done": [R("/admin/password_change/done/", "GET", "admin admin admin admin admin 200 200")],
    "admin:autocomplete": [R("/admin/autocomplete/", "GET", "admin admin admin admin admin 403 403")],
    "admin:jsi18n": [R("/admin/jsi18n/", "GET", "admin admin admin admin admin 200 200")],
    "admin:view_on_site": [R("/admin/r/1/1/", "GET", "admin admin admin admin admin 404 404")],
    "admin:app_list": [
        R("/admin/programs/", "GET", "admin admin admin admin admin 200 200"),
        R("/admin/meetings/", "GET", "admin admin admin admin admin 404 200"),
    ],
    "admin:catch_all": [R("/admin/no-such-page/", "GET", "admin admin admin admin admin 404 404")],
    # Custom admin views: exports, downloads, imports, reviews, schedules.
    "admin:artisans_artisanprofile_review": [
        R(lambda w: f"/admin/artisans/artisanprofile/{w.artisans['none'].pk}/review/", "GET",
          "admin admin admin admin admin 403 200"),
    ],
    "admin:meetings_meeting_add_participant": [
        R(lambda w: f"/admin/meetings/meeting/{w.meetings['A'].pk}/add-participant/", "GET",
          "admin admin admin admin admin 403 200"),
    ],
    "admin:meetings_meeting_reschedule": [
        R(lambda w: f"/admin/meetings/meeting/{w.meetings['A'].pk}/reschedule/", "GET",
          "admin admin admin admin admin 403 200"),
    ],
    "admin:programs_program_invite": [
        R(lambda w: f"/admin/programs/program/{w.programs['A'].pk}/invite-buyers/", "GET",
          "admin admin admin admin admin 403 200"),
    ],
    "admin:programs_program_invite_artisans": [
        R(lambda w: f"/admin/programs/program/{w.programs['A'].pk}/invite-artisans/", "GET",
          "admin admin admin admin admin 403 200"),
    ],
    "admin:programs_program_import": [
        R(lambda w: f"/admin/programs/program/{w.programs['A'].pk}/import-artisans/", "GET",
          "admin admin admin admin admin 403 200"),
    ],
    "admin:programs_program_results": [
        R(lambda w: f"/admin/programs/program/{w.programs['B'].pk}/results/", "GET",
          "admin admin admin admin admin 200 200"),
    ],
    "admin:programs_program_results_csv": [
        R(lambda w: f"/admin/programs/program/{w.programs['B'].pk}/results.csv", "GET",
          "admin admin admin admin admin 200 200"),
    ],
    "admin:programs_program_catalog_pdf": [
        R(lambda w: f"/admin/programs/program/{w.programs['A'].pk}/catalog.pdf", "GET",
          "admin admin admin admin admin 200 200"),
        R(lambda w: f"/admin/programs/program/{w.programs['B'].pk}/catalog.pdf", "GET",
          "admin admin admin admin admin 404 404", label="no PDF made yet"),
    ],
    "admin:programs_program_import_template": [
        R("/admin/programs/program/import-artisans-template.csv", "GET", "admin admin admin admin admin 403 200"),
    ],
    "admin:matchmaking_preference_matrix": [
        R(lambda w: f"/admin/matchmaking/preference/matrix/{w.programs['B'].pk}/", "GET",
          "admin admin admin admin admin 403 200"),
    ],
    "admin:matchmaking_session_schedule": [
        R(lambda w: f"/admin/matchmaking/session/{w.misc['session'].pk}/schedule/", "GET",
          "admin admin admin admin admin 403 200"),
    ],
    "admin:referencing_referencinground_sheet_csv": [
        R(lambda w: f"/admin/referencing/referencinground/{w.misc['rounds']['A'].pk}/sheet.csv", "GET",
          "admin admin admin admin admin 403 200"),
    ],
    "admin:referencing_referencinground_sheet_xlsx": [
        R(lambda w: f"/admin/referencing/referencinground/{w.misc['rounds']['A'].pk}/sheet.xlsx", "GET",
          "admin admin admin admin admin 403 200"),
    ],
    "admin:referencing_referencinground_candidate": [
        R(lambda w: f"/admin/referencing/referencinground/{w.misc['rounds']['A'].pk}/candidates/"
                    f"{w.misc['candidates']['A'].pk}/", "GET", "admin admin admin admin admin 403 200"),
        R(lambda w: f"/admin/referencing/referencinground/{w.misc['rounds']['B'].pk}/candidates/"
                    f"{w.misc['candidates']['A'].pk}/", "GET", "admin admin admin admin admin 403 404",
          label="a candidate of another round"),
    ],
    "admin:fairs_allocationrun_progress": [
        R(lambda w: f"/admin/fairs/allocationrun/{w.misc['fairs']['fair'].program.allocation_runs.get().pk}/progress/",
          "GET", "admin admin admin admin admin 403 200"),
    ],
    "admin:fairs_exhibitor_move": [
        R(lambda w: f"/admin/fairs/exhibitor/{w.misc['fairs']['exhibitor'].pk}/move/", "GET",
          "admin admin admin admin admin 403 200"),
    ],
    "admin:fairs_exhibitor_stand_application": [
        R(lambda w: f"/admin/fairs/exhibitor/{w.misc['fairs']['exhibitor'].pk}/stand-application/", "GET",
          "admin admin admin admin admin 403 200"),
    ],
    "admin:matchmaking_session_plan": [
        R(lambda w: f"/admin/matchmaking/session/{w.misc['session'].pk}/plans/999999/", "GET",
          "admin admin admin admin admin 403 404"),
    ],
    # CSV export actions (formula-safe cells are tested in common/tests/test_admin_export.py).
    "admin:artisans_artisanprofile_changelist": [
        R("/admin/artisans/artisanprofile/", "POST", "admin admin admin admin admin 403 200",
          lambda w: {"action": "export_csv", "_selected_action": [w.artisans["A"].pk]}, label="CSV export"),
    ],
    "admin:meetings_meeting_changelist": [
        R("/admin/meetings/meeting/", "POST", "admin admin admin admin admin 403 200",
          lambda w: {"action": "export_csv", "_selected_action": [w.meetings["A"].pk]}, label="CSV export"),
    ],
}
ADMIN_MODEL_PAGE = re.compile(
    r"^admin/(?P<app>\w+)/(?P<model>\w+)/(?:(?P<add>add/)|(?P<object><path:object_id>/)"
    r"|(?P<change><path:object_id>/change/)|(?P<history><path:object_id>/history/)"
    r"|(?P<delete><path:object_id>/delete/)|(?P<password><id>/password/))?$"
)


ADMIN_MODEL_NAME = re.compile(r"^admin:\w+_(changelist|add|change|history|delete|password_change)$")


def admin_model_rows(route: str, name: str | None) -> list[Row]:
    match = ADMIN_MODEL_PAGE.match(route)
    if match is None or (name is not None and not ADMIN_MODEL_NAME.match(name)):
        return []
    label = f"{match['app']}.{match['model']}"
    viewer = label in STAFF_VIEWS
    staff_read = "200" if viewer else "403"
    outsiders = "admin admin admin admin admin"

    def first_pk(w: World):
        from django.apps import apps

        model = apps.get_model(match["app"], match["model"])
        obj = model.objects.order_by("pk").first()
        return obj.pk if obj is not None else 999999

    base = f"/admin/{match['app']}/{match['model']}/"
    if match["add"]:
        return [R(base + "add/", "GET", f"{outsiders} 403 {'403' if label in NO_ADD else '200'}")]
    if match["object"]:
        return [R(lambda w: f"{base}{first_pk(w)}/", "GET", f"{outsiders} 302 302")]
    if match["change"]:
        return [R(lambda w: f"{base}{first_pk(w)}/change/", "GET", f"{outsiders} {staff_read} 200")]
    if match["history"]:
        return [R(lambda w: f"{base}{first_pk(w)}/history/", "GET", f"{outsiders} {staff_read} 200")]
    if match["delete"]:
        deletable = "403" if label in NO_DELETE or label in SERVICE_RECORDS else "200"
        return [R(lambda w: f"{base}{first_pk(w)}/delete/", "GET", f"{outsiders} 403 {deletable}")]
    if match["password"]:
        return [R(lambda w: f"{base}{w.users['buyer_a'].pk}/password/", "GET", f"{outsiders} 403 200")]
    return [R(base, "GET", f"{outsiders} {staff_read} 200")]


# allauth's pages, by kind. Signed-in pages send anonymous visitors to sign in. -----------
SIGNED_IN_ALLAUTH = "login 200 200 200 200 200 200"
# Pages about an authenticator the person has not set up (nobody signed in here has one).
NO_AUTHENTICATOR = "login 404 404 404 404 404 404"
ALLAUTH: dict[str, list[Row]] = {
    "account_login": [
        R(rev("account_login"), "GET", "200 302 302 302 302 302 302"),
        R(rev("account_login"), "POST", "200 302 302 302 302 302 302", {"login": "x@example.org", "password": "x"}),
    ],
    # Shadowed by accounts:signup (the same path, listed first): the public choice of role.
    "account_signup": [R(rev("account_signup"), "GET", PUBLIC_PAGE)],
    "account_logout": [R(rev("account_logout"), "POST", "302 302 302 302 302 302 302")],
    "account_inactive": [R(rev("account_inactive"), "GET", PUBLIC_PAGE)],
    "account_reauthenticate": [R(rev("account_reauthenticate"), "GET", SIGNED_IN_ALLAUTH)],
    "account_email": [R(rev("account_email"), "GET", SIGNED_IN_ALLAUTH)],
    "account_email_verification_sent": [R(rev("account_email_verification_sent"), "GET", PUBLIC_PAGE)],
    # allauth's own password views wrapped in reauthentication (accounts/urls.py, listed first).
    "accounts:password-change": [
        R(rev("accounts:password-change"), "GET", "login 302 302 302 302 302 302"),
        R(rev("accounts:password-change"), "POST", "login 302 302 302 302 302 302",
          {"oldpassword": "x", "password1": "y", "password2": "y"}),
    ],
    "accounts:password-set": [R(rev("accounts:password-set"), "GET", "login 302 302 302 302 302 302")],
    # Shadowed by accounts:password-change (the same path, listed first): reauthentication first.
    "account_change_password": [R(rev("account_change_password"), "GET", "login 302 302 302 302 302 302")],
    "account_set_password": [R(rev("account_set_password"), "GET", "login 302 302 302 302 302 302")],
    "account_reset_password": [R(rev("account_reset_password"), "GET", PUBLIC_PAGE)],
    "account_reset_password_done": [R(rev("account_reset_password_done"), "GET", PUBLIC_PAGE)],
    "account_reset_password_from_key_done": [R(rev("account_reset_password_from_key_done"), "GET", PUBLIC_PAGE)],
    "account_reset_password_from_key": [
        R(lambda w: reverse("account_reset_password_from_key", kwargs={"uidb36": "1", "key": "bad-key"}), "GET",
          PUBLIC_PAGE),
    ],
    "account_confirm_email": [
        R(lambda w: reverse("account_confirm_email", args=["bad-key"]), "GET", PUBLIC_PAGE),
    ],
    "account_confirm_login_code": [R(rev("account_confirm_login_code"), "GET", "login 302 302 302 302 302 302")],
    "mfa_index": [R(rev("mfa_index"), "GET", SIGNED_IN_ALLAUTH)],
    # Only during a sign-in that is waiting for its second factor; otherwise back to sign-in.
    "mfa_authenticate": [R(rev("mfa_authenticate"), "GET", "login 302 302 302 302 302 302")],
    "mfa_reauthenticate": [R(rev("mfa_reauthenticate"), "GET", "login 302 302 302 302 302 302")],
    # Asks for the password again first (reauthentication), then shows the QR code.
    "mfa_activate_totp": [R(rev("mfa_activate_totp"), "GET", "login 302 302 302 302 302 302")],
    "mfa_deactivate_totp": [R(rev("mfa_deactivate_totp"), "GET", NO_AUTHENTICATOR)],
    "mfa_view_recovery_codes": [R(rev("mfa_view_recovery_codes"), "GET", NO_AUTHENTICATOR)],
    "mfa_generate_recovery_codes": [R(rev("mfa_generate_recovery_codes"), "GET", "login 302 302 302 302 302 302")],
    "mfa_download_recovery_codes": [R(rev("mfa_download_recovery_codes"), "GET", NO_AUTHENTICATOR)],
}


# The resolver, walked. ------------------------------------------------------------------
@dataclass(frozen=True)
class Pattern:
    route: str
    name: str | None
    module: str


def served_patterns() -> list[Pattern]:
    found: list[Pattern] = []

    def walk(patterns, prefix: str, namespace: str | None):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                inner = namespace
                if pattern.namespace:
                    inner = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
                walk(pattern.url_patterns, prefix + str(pattern.pattern), inner)
            elif isinstance(pattern, URLPattern):
                name = pattern.name and (f"{namespace}:{pattern.name}" if namespace else pattern.name)
                found.append(Pattern(prefix + str(pattern.pattern), name, pattern.callback.__module__))

    walk(get_resolver().url_patterns, "", None)
    return found


def rows_for(pattern: Pattern) -> tuple[str, list[Row]]:
    """The key of a pattern's entry and its rows; no rows means no entry."""
    if pattern.route.startswith("^media/"):
        return "media", MATRIX["media"]
    if pattern.route.startswith("admin/"):
        if pattern.route == "admin/(?P<url>.*)$":
            return "admin:catch_all", ADMIN_SITE["admin:catch_all"]
        rows = list(ADMIN_SITE.get(pattern.name or "", []))
        rows += admin_model_rows(pattern.route, pattern.name)
        return pattern.name or pattern.route, rows
    if pattern.module.startswith("allauth."):
        return pattern.name or pattern.route, ALLAUTH.get(pattern.name or "", [])
    return pattern.name or pattern.route, MATRIX.get(pattern.name or "", [])


def test_every_url_pattern_has_an_entry():
    missing = [f"{p.route} ({p.name})" for p in served_patterns() if not rows_for(p)[1]]
    assert missing == [], "URL patterns without a row in the access matrix"


def _entries() -> dict[str, list[Row]]:
    entries: dict[str, list[Row]] = {}
    for pattern in served_patterns():
        key, rows = rows_for(pattern)
        if rows:
            entries.setdefault(key, [])
            entries[key] += [row for row in rows if row not in entries[key]]
    return entries


ENTRIES = _entries()


def outcome(response, login_path: str) -> str:
    status = response.status_code
    if status in (301, 302):
        target = urlparse(response["Location"])
        if target.netloc not in ("", "testserver"):
            return f"offsite:{response['Location']}"
        if target.path == login_path:
            return "login"
        if target.path == "/admin/login/":
            return "admin"
        return "302"
    return str(status)


def _request(client: Client, row: Row, world: World) -> str:
    url = row.url(world)
    data = row.data(world) if callable(row.data) else row.data
    with transaction.atomic():
        response = client.get(url, data) if row.method == "GET" else client.post(url, data)
        transaction.set_rollback(True)
    return outcome(response, reverse("account_login"))


def check_rows(key: str, rows: list[Row], world: World, clients: dict[str, Client]) -> list[str]:
    failures = []
    for row in rows:
        expected = row.expect.split()
        assert len(expected) == len(ROLES), f"{key}: {row.expect!r} needs one outcome per role"
        seen = set()
        for role, want in zip(ROLES, expected, strict=True):
            got = _request(clients[role], row, world)
            seen.add(got)
            ok = (got in ("200", "503") and len(seen) == 1) if want == "public" else got == want
            if not ok:
                failures.append(f"{row.method} {row.url(world)} {row.label} as {role}: expected {want}, got {got}")
    return failures


@pytest.mark.parametrize("key", sorted(ENTRIES))
def test_access_matrix(key, world, clients):
    failures = check_rows(key, ENTRIES[key], world, clients)
    assert not failures, "\n".join(failures)
