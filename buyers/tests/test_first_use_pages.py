"""First use: dashboards say what matters (a joined program, an invitation to apply), forms are labelled,
the password rules are a list screen readers reach, and signed-in people are not asked to sign in."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest
from django.urls import reverse

from accounts.tests.factories import ArtisanUserFactory, BuyerUserFactory
from buyers.models import BuyerProfile
from catalog.tests.factories import ArtisanProfileFactory, ProductFactory
from programs.models import Application, Program, ProgramBuyer
from programs.tests.factories import ProgramFactory

pytestmark = pytest.mark.django_db

SIGN_IN_AS_VERIFIED = "Sign in as a verified buyer"


class _Labels(HTMLParser):
    """Every `<label for>` and the ids of the page, and each <p> that holds a block (invalid HTML)."""

    BLOCKS = {"ul", "ol", "div", "fieldset", "table", "p"}

    def __init__(self):
        super().__init__()
        self.fors, self.ids, self.blocks_in_p, self.open_p = [], set(), [], 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.add(attrs["id"])
        if tag == "label":
            self.fors.append(attrs.get("for"))
        if self.open_p and tag in self.BLOCKS:
            self.blocks_in_p.append(tag)
        if tag == "p":
            self.open_p += 1

    def handle_endtag(self, tag):
        if tag == "p" and self.open_p:
            self.open_p -= 1


def _parse(content: str) -> _Labels:
    parser = _Labels()
    parser.feed(content)
    return parser


def test_the_buyer_dashboard_shows_the_program_the_buyer_joined(login):
    buyer = BuyerUserFactory()
    BuyerProfile.objects.create(user=buyer, organisation_name="Met Store", country="US")
    joined = ProgramFactory(name="US Museum Shops Mission")
    ProgramFactory(name="Another mission")
    ProgramBuyer.objects.create(program=joined, user=buyer)
    content = login(buyer).get(reverse("buyers:dashboard")).content.decode()
    assert "My programs" in content and "US Museum Shops Mission" in content
    assert f"?program={joined.slug}" in content
    assert "Another mission" not in content


def test_the_artisan_dashboard_mentions_an_invitation_to_apply(login):
    workshop = ArtisanProfileFactory(user=ArtisanUserFactory())
    open_program = ProgramFactory(name="Madrid Design Week", status=Program.Status.OPEN_ARTISANS)
    closed = ProgramFactory(name="Last year's fair", status=Program.Status.CLOSED)
    Application.objects.create(program=open_program, artisan=workshop, status=Application.Status.INVITED)
    Application.objects.create(program=closed, artisan=workshop, status=Application.Status.INVITED)
    content = login(workshop.user).get(reverse("artisans:dashboard")).content.decode()
    assert "Invitations to apply" in content
    assert "invites you to apply to <bdi>Madrid Design Week</bdi>" in content
    assert reverse("programs:artisan-programs") in content
    assert "Last year" not in content


def test_every_label_of_the_buyer_profile_form_points_at_a_field(login):
    buyer = BuyerUserFactory()
    content = login(buyer).get(reverse("buyers:profile")).content.decode()
    page = _parse(content)
    assert page.fors and all(target and target in page.ids for target in page.fors), page.fors
    # The groups of checkboxes are named by a legend.
    assert "<legend>Languages</legend>" in content and "<legend>Crafts of interest</legend>" in content


def test_the_password_rules_are_not_a_list_inside_a_paragraph(client):
    content = client.get(reverse("accounts:signup-buyer")).content.decode()
    assert "<ul" in content
    page = _parse(content)
    assert page.blocks_in_p == []
    assert 'aria-describedby="id_password1_helptext"' in content and 'id="id_password1_helptext"' in content


def test_signed_in_people_are_not_offered_to_sign_in(client, login):
    product = ProductFactory()
    url = reverse("catalog:product-detail", args=[product.public_id])
    assert SIGN_IN_AS_VERIFIED in client.get(url).content.decode()
    buyer = BuyerUserFactory()
    BuyerProfile.objects.create(user=buyer, organisation_name="Met Store", country="US")
    signed_in = login(buyer)
    for page in (url, reverse("catalog:artisan-list"), reverse("catalog:artisan-detail", args=[product.artisan.slug])):
        content = signed_in.get(page).content.decode()
        assert SIGN_IN_AS_VERIFIED not in content, page
        assert "once the agency has verified your buyer profile" in content, page
    artisan = ArtisanProfileFactory().user
    assert SIGN_IN_AS_VERIFIED not in login(artisan).get(url).content.decode()
