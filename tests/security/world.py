"""A small world for access and hostile-input tests: everything belongs to A, to B or to nobody.

Artisan A and buyer A share a meeting (A's); artisan B and buyer B another (B's); artisan C and
buyer C, whom no test signs in as, own "nobody's" objects. Staff hold view permission on
programs only; the superuser holds everything; two more staff personas try the admin's actions
and custom views (view-only on every model, and view plus the rights a row grants).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from django.contrib.auth.models import Permission
from django.core.files.base import ContentFile
from django.utils import timezone

from accounts.tests.factories import ArtisanUserFactory, BuyerUserFactory, StaffUserFactory, UserFactory
from artisans.tests.factories import ProductPhotoFactory, WorkshopPhotoFactory
from buyers.tests.factories import ShortlistItemFactory
from catalog.models import Product
from catalog.tests.factories import ArtisanProfileFactory, ProductFactory
from deals.models import FollowUp, Order, OrderLine
from meetings.models import AvailabilitySlot, AvailabilityWindow, Meeting, MeetingEvent, Message, Outcome
from meetings.tests.factories import BuyerProfileFactory, MeetingFactory, in_days
from programs.models import Application, BuyerInvitation, JoinRequest, Program, ProgramBuyer
from programs.tests.factories import ProgramFactory

ROLES = ("anonymous", "artisan_a", "artisan_b", "buyer_a", "buyer_b", "staff", "superuser")


@dataclass
class World:
    users: dict[str, Any] = field(default_factory=dict)
    artisans: dict[str, Any] = field(default_factory=dict)
    buyers: dict[str, Any] = field(default_factory=dict)
    products: dict[str, Any] = field(default_factory=dict)
    product_photos: dict[str, Any] = field(default_factory=dict)
    workshop_photos: dict[str, Any] = field(default_factory=dict)
    shortlist: dict[str, Any] = field(default_factory=dict)
    meetings: dict[str, Any] = field(default_factory=dict)
    windows: dict[str, Any] = field(default_factory=dict)
    slots: dict[str, Any] = field(default_factory=dict)
    programs: dict[str, Any] = field(default_factory=dict)
    invitations: dict[str, Any] = field(default_factory=dict)
    recommendations: dict[str, Any] = field(default_factory=dict)
    deals: dict[str, Any] = field(default_factory=dict)
    follow_ups: dict[str, Any] = field(default_factory=dict)
    misc: dict[str, Any] = field(default_factory=dict)


def _confirmed_meeting(artisan, buyer, day: int, program=None) -> Meeting:
    start = in_days(day)
    meeting = MeetingFactory(
        artisan=artisan, buyer=buyer, program=program, status=Meeting.Status.CONFIRMED,
        start_at=start, end_at=start + timedelta(hours=1), confirmed_at=timezone.now(), video_token="tok",
    )
    MeetingEvent.objects.create(meeting=meeting, actor=buyer.user, action="request", to_status="requested")
    return meeting


def build_world() -> World:
    from matchmaking.models import Preference, Recommendation
    from matchmaking.tests.factories import SessionFactory

    w = World()
    w.users = {
        "artisan_a": ArtisanUserFactory(email="artisan.a@example.org", full_name="Artisan A", language="en"),
        "artisan_b": ArtisanUserFactory(email="artisan.b@example.org", full_name="Artisan B", language="en"),
        "buyer_a": BuyerUserFactory(email="buyer.a@example.org", full_name="Buyer A", language="en"),
        "buyer_b": BuyerUserFactory(email="buyer.b@example.org", full_name="Buyer B", language="en"),
        "staff": UserFactory(email="staff.viewer@example.org", full_name="Staff Viewer", role="staff", is_staff=True),
        "superuser": StaffUserFactory(email="root@example.org", full_name="Super User"),
        "artisan_c": ArtisanUserFactory(email="artisan.c@example.org", full_name="Artisan C", language="en"),
        "buyer_c": BuyerUserFactory(email="buyer.c@example.org", full_name="Buyer C", language="en"),
        # The admin's personas (tests/security/test_admin_matrix.py): one who may view every model
        # and nothing more, one who may view everything and is given, per row, the rights to change
        # what that row acts on.
        "staff_viewer": UserFactory(email="staff.all-views@example.org", full_name="Staff All Views", role="staff",
                                    is_staff=True),
        "staff_editor": UserFactory(email="staff.editor@example.org", full_name="Staff Editor", role="staff",
                                    is_staff=True),
    }
    w.users["staff"].user_permissions.add(Permission.objects.get(codename="view_program"))
    every_view = Permission.objects.filter(codename__startswith="view_")
    w.users["staff_viewer"].user_permissions.add(*every_view)
    w.users["staff_editor"].user_permissions.add(*every_view)
    w.artisans = {
        "A": ArtisanProfileFactory(user=w.users["artisan_a"], slug="workshop-a", business_name="Workshop A"),
        "B": ArtisanProfileFactory(user=w.users["artisan_b"], slug="workshop-b", business_name="Workshop B"),
        "none": ArtisanProfileFactory(user=w.users["artisan_c"], slug="workshop-c", business_name="Workshop C",
                                      status="pending"),
    }
    w.buyers = {
        "A": BuyerProfileFactory(user=w.users["buyer_a"], organisation_name="Shop A"),
        "B": BuyerProfileFactory(user=w.users["buyer_b"], organisation_name="Shop B"),
        "none": BuyerProfileFactory(user=w.users["buyer_c"], organisation_name="Shop C"),
    }
    for side in ("A", "B", "none"):
        artisan = w.artisans[side]
        w.products[side] = ProductFactory(artisan=artisan, title=f"Published {side}")
        w.products[f"{side}_draft"] = ProductFactory(artisan=artisan, title=f"Draft {side}",
                                                     status=Product.Status.DRAFT)
        w.product_photos[side] = ProductPhotoFactory(product=w.products[side])
        w.product_photos[f"{side}_draft"] = ProductPhotoFactory(product=w.products[f"{side}_draft"])
        w.workshop_photos[side] = WorkshopPhotoFactory(artisan=artisan)
        w.windows[side] = AvailabilityWindow.objects.create(
            artisan=artisan, weekday=1, start_time="09:00", end_time="13:00")
        w.slots[side] = AvailabilitySlot.objects.create(
            artisan=artisan, date=in_days(20).date(), start_time="09:00", end_time="12:00")
    w.shortlist = {
        "A": ShortlistItemFactory(buyer=w.buyers["A"], artisan=w.artisans["B"], note="A's note"),
        "B": ShortlistItemFactory(buyer=w.buyers["B"], artisan=w.artisans["A"], note="B's note"),
        "none": ShortlistItemFactory(buyer=w.buyers["none"], artisan=w.artisans["A"], note="C's note"),
    }
    # Buyer A keeps one of B's products in mind: a request for a quote may start from it.
    w.shortlist["A_product"] = ShortlistItemFactory(buyer=w.buyers["A"], artisan=None, product=w.products["B"])
    program = ProgramFactory(slug="program-a", name="Program A", status=Program.Status.OPEN_ARTISANS)
    other_program = ProgramFactory(slug="program-b", name="Program B", status=Program.Status.OPEN_BUYERS)
    w.programs = {"A": program, "B": other_program}
    program.catalog_pdf.save("catalog.pdf", ContentFile(b"%PDF-1.4 test"), save=True)
    ProgramBuyer.objects.create(program=other_program, user=w.users["buyer_a"])
    # Program B shows its artisans in the public catalog: membership changes what buyers may do, not see.
    Program.objects.filter(pk=other_program.pk).update(public_catalog=True)
    Application.objects.create(program=other_program, artisan=w.artisans["A"], status=Application.Status.ACCEPTED)
    Application.objects.create(program=program, artisan=w.artisans["A"], status=Application.Status.APPLIED)
    w.invitations = {
        "A": BuyerInvitation.objects.create(program=other_program, email="buyer.a@example.org",
                                            user=w.users["buyer_a"]),
        "none": BuyerInvitation.objects.create(program=other_program, email="newcomer@example.org"),
    }
    w.meetings = {
        "A": _confirmed_meeting(w.artisans["A"], w.buyers["A"], 5, program=other_program),
        "B": _confirmed_meeting(w.artisans["B"], w.buyers["B"], 6),
        "none": _confirmed_meeting(w.artisans["none"], w.buyers["none"], 7),
    }
    for side, meeting in w.meetings.items():
        Message.objects.create(meeting=meeting, author=meeting.buyer_user, body=f"Message {side}")
        Outcome.objects.create(meeting=meeting, user=meeting.buyer_user, attendance="held", notes=f"Notes {side}")
    now = timezone.now()
    w.recommendations = {
        "A": Recommendation.objects.create(program=other_program, buyer_user=w.users["buyer_a"],
                                           artisan=w.artisans["A"], score=0.9, computed_at=now),
        "B": Recommendation.objects.create(program=other_program, buyer_user=w.users["buyer_b"],
                                           artisan=w.artisans["B"], score=0.8, computed_at=now),
        "none": Recommendation.objects.create(program=other_program, buyer_user=w.users["buyer_c"],
                                              artisan=w.artisans["none"], score=0.7, computed_at=now),
    }
    Preference.objects.create(program=other_program, buyer_user=w.users["buyer_a"], artisan=w.artisans["A"],
                              side="buyer", level=3)
    w.misc["session"] = SessionFactory(program=other_program)
    w.deals = {side: _quoted_deal(w.artisans[side], w.buyers[side], w.products[side]) for side in ("A", "B", "none")}
    # Each meeting's buyer asked what it led to (deals.followups), not answered yet.
    w.follow_ups = {
        side: FollowUp.objects.create(meeting=meeting, user=meeting.buyer_user, milestone=3)
        for side, meeting in w.meetings.items()
    }
    _one_of_every_admin_model(w)
    from referencing.tests.world import build_referencing

    build_referencing(w)
    from visitors.tests.world import build_visitors

    build_visitors(w)
    from fairs.tests.world import build_fairs

    build_fairs(w)
    from tours.tests.world import build_tours

    build_tours(w)
    from shows.tests.world import build_shows

    build_shows(w)
    return w


def _quoted_deal(artisan, buyer, product):
    """An inquiry answered by a quote waiting for the buyer, written directly (the world is data)."""
    from deals.models import (
        Deal,
        DealAttachment,
        DealEvent,
        DealMessage,
        Inquiry,
        InquiryLine,
        Quote,
        QuoteLine,
    )

    deal = Deal.objects.create(artisan=artisan, buyer=buyer, source=Deal.Source.PRODUCT)
    inquiry = Inquiry.objects.create(deal=deal, status=Inquiry.Status.QUOTED, message="Inquiry message")
    InquiryLine.objects.create(inquiry=inquiry, product=product, description=product.title, quantity=20)
    quote = Quote.objects.create(deal=deal, version=1, currency="EUR", incoterm="FCA", lead_time_days=30,
                                 valid_until=in_days(30).date(), notes="Quote notes")
    QuoteLine.objects.create(quote=quote, product=product, description=product.title, quantity=20,
                             unit_price="18.50")
    DealEvent.objects.create(deal=deal, subject="quote", subject_id=quote.pk, action="send", to_status="sent",
                             actor=artisan.user)
    deal.quote = quote
    # An order placed directly, waiting for the artisan: its pro forma invoice and packing list.
    deal.order = Order.objects.create(deal=deal, currency="EUR", po_number="PO-1", delivery_address="1 Museum Mile")
    OrderLine.objects.create(order=deal.order, product=product, description=product.title, quantity=20,
                             unit_price="18.50")
    # A message with a file in the deal's thread (the file itself is written by the matrix's picker).
    message = DealMessage.objects.create(deal=deal, author=buyer.user, body="Thread message")
    deal.attachment = DealAttachment.objects.create(
        message=message, file=f"deal-attachments/matrix-{deal.pk}.pdf", content_type="application/pdf",
        name="matrix.pdf", size=15,
    )
    return deal


def _one_of_every_admin_model(w: World) -> None:
    """So each admin change, history and delete page is tried on a real row."""
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
    from django.contrib.auth.models import Group

    from catalog.models import CatalogSettings
    from matchmaking.models import ScoreWeights
    from matchmaking.tests.factories import InterpreterFactory
    from meetings.models import AvailabilityException, AvailabilitySettings, Reminder
    from notifications.models import Email
    from privacy.models import PrivacySettings

    Group.objects.create(name="Agency")
    TOTP.activate(w.users["artisan_c"], generate_totp_secret())
    InterpreterFactory(program=w.programs["B"])
    ScoreWeights.objects.create(program=w.programs["B"])
    artisan = w.artisans["A"]
    AvailabilityException.objects.create(artisan=artisan, start_date=in_days(40).date(), end_date=in_days(41).date())
    AvailabilitySettings.objects.create(artisan=artisan)
    email = Email.objects.create(key="matrix:1", to="buyer.a@example.org", subject="Hello", body_text="Hello")
    Reminder.objects.create(meeting=w.meetings["A"], user=w.users["buyer_a"], kind="24h", email=email)
    PrivacySettings.current()
    CatalogSettings.current()
    from deals.models import DealTerms, ProductTerms, ProgramRate

    DealTerms.objects.create(artisan=artisan, opening_order_minimum=500, reorder_minimum=200)
    ProductTerms.objects.create(product=w.products["A"], pack_multiple=6)
    ProgramRate.objects.create(program=w.programs["B"], currency="EUR", usd_per_unit="1.10", as_of=in_days(-1).date())
    JoinRequest.objects.create(invitation=w.invitations["none"], user=w.users["buyer_c"])
