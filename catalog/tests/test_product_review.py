"""Product curation: when staff require it, a product waits for their approval before anyone sees it.

Review applies site-wide (CatalogSettings) or to the artisans of a program that asks for it; a
product in review or declined is simply not published (catalog.visibility is unchanged), and
staff decide through the approval service (artisans.services), which records who and when and
mails the artisan once, in their language.
"""

from __future__ import annotations

import pytest
from django.contrib import admin
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from artisans import services as review
from artisans.tests.factories import ProductPhotoFactory
from catalog import services
from catalog.models import CatalogSettings, Product
from catalog.tests.factories import ArtisanProfileFactory, ProductFactory
from common.tests.imaging import jpeg_bytes, upload
from notifications.models import Email
from programs.models import Application
from programs.tests.factories import ProgramFactory

pytestmark = pytest.mark.django_db

PRODUCT_LIST = reverse("catalog:product-list")


def data(**overrides) -> dict:
    values = {
        "title": "Zellige fountain tile", "description": "Hand-cut glazed tile.", "language": "en",
        "materials": ["clay"], "techniques": ["hand-cut"], "colours": ["green"], "currency": "EUR",
        "wholesale_price": 12, "min_order_qty": 10, "lead_time_days": 30, "status": "published",
    }
    values.update(overrides)
    return values


@pytest.fixture
def profile(artisan):
    return ArtisanProfileFactory(user=artisan, business_name="Atelier Zellige", slug="atelier-zellige")


@pytest.fixture
def site_review():
    row = CatalogSettings.current()
    row.review_products = True
    row.save()
    return row


def create(profile, craft=None, **overrides) -> Product:
    from catalog.models import Craft

    return services.product_create(artisan=profile, data=data(craft=craft or Craft.objects.first(), **overrides))


def public_sees(client, product: Product) -> dict[str, bool]:
    """Whether each public output names the product: list, search, count, detail, artisan page."""
    listing = client.get(PRODUCT_LIST)
    search = client.get(PRODUCT_LIST, {"q": "zellige"})
    detail = client.get(reverse("catalog:product-detail", args=[product.public_id]))
    artisan_page = client.get(reverse("catalog:artisan-detail", args=[product.artisan.slug]))
    return {
        "list": product.title in listing.content.decode(),
        "search": str(product.public_id) in search.content.decode(),  # the title is highlighted
        "count": listing.context["page"].total == 1,
        "detail": detail.status_code == 200,
        "artisan page": product.title in artisan_page.content.decode(),
    }


EVERYWHERE = {"list": True, "search": True, "count": True, "detail": True, "artisan page": True}
NOWHERE = dict.fromkeys(EVERYWHERE, False)


def test_without_review_publishing_and_editing_are_unchanged(client, profile):
    product = create(profile)
    assert product.status == Product.Status.PUBLISHED and product.submitted_at is None
    services.product_update(product=product, data={"title": "Zellige star tile"})
    assert Product.objects.get(pk=product.pk).status == Product.Status.PUBLISHED
    assert public_sees(client, product) == EVERYWHERE


def test_a_product_waiting_for_review_is_seen_by_nobody_until_approved(
    client, buyer, profile, site_review, staff, django_capture_on_commit_callbacks
):
    product = create(profile)
    assert product.status == Product.Status.IN_REVIEW and product.submitted_at is not None
    assert public_sees(client, product) == NOWHERE
    client.force_login(buyer)
    assert public_sees(client, product) == NOWHERE

    with django_capture_on_commit_callbacks(execute=True):
        review.product_approve(product=product, reviewer=staff)
    product.refresh_from_db()
    assert (product.status, product.reviewed_by) == (Product.Status.PUBLISHED, staff)
    assert product.reviewed_at is not None
    assert public_sees(client, product) == EVERYWHERE


def test_approving_twice_publishes_and_mails_once(profile, site_review, staff, django_capture_on_commit_callbacks):
    product = create(profile)
    with django_capture_on_commit_callbacks(execute=True):
        review.product_approve(product=product, reviewer=staff)
    reviewed_at = Product.objects.get(pk=product.pk).reviewed_at
    with pytest.raises(review.ReviewConflict), django_capture_on_commit_callbacks(execute=True):
        review.product_approve(product=product, reviewer=staff)
    assert Product.objects.get(pk=product.pk).reviewed_at == reviewed_at
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["artisan@example.org"]
    assert "Zellige fountain tile" in mail.outbox[0].subject
    assert Email.objects.filter(to="artisan@example.org").count() == 1


def test_declining_needs_a_reason_mails_it_once_in_the_artisans_language_and_the_artisan_reads_it(
    login, artisan, profile, site_review, staff, django_capture_on_commit_callbacks
):
    artisan.language = "fr"
    artisan.save(update_fields=["language"])
    product = create(profile)
    with pytest.raises(ValueError):
        review.product_decline(product=product, reviewer=staff, reason=" ")
    reason = "Les photos montrent une autre pièce."
    with django_capture_on_commit_callbacks(execute=True):
        review.product_decline(product=product, reviewer=staff, reason=reason)
    with pytest.raises(review.ReviewConflict), django_capture_on_commit_callbacks(execute=True):
        review.product_decline(product=product, reviewer=staff, reason="Again")
    product.refresh_from_db()
    assert (product.status, product.review_reason, product.reviewed_by) == (Product.Status.DECLINED, reason, staff)
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert "doit être modifié" in message.subject
    assert reason in message.body
    assert message.extra_headers.get("Content-Language") == "fr"

    client = login(artisan)
    for url in (reverse("artisans:product-list"), reverse("artisans:dashboard"),
                reverse("artisans:product-edit", args=[product.public_id])):
        page = client.get(url).content.decode()
        assert reason.replace("'", "&#x27;") in page, url
        assert "Refusé par l’agence" in page, url


def test_a_declined_product_saved_again_as_published_goes_back_to_review(profile, site_review, staff):
    product = create(profile)
    review.product_decline(product=product, reviewer=staff, reason="Blurry photos.")
    product.refresh_from_db()
    services.product_update(product=product, data={"status": Product.Status.DRAFT})
    assert Product.objects.get(pk=product.pk).status == Product.Status.DECLINED  # the reason stays in view
    services.product_update(product=product, data={"status": Product.Status.PUBLISHED})
    assert Product.objects.get(pk=product.pk).status == Product.Status.IN_REVIEW


@pytest.mark.parametrize("field,value", [
    ("title", "Zellige star tile"), ("description", "Now with gold."), ("materials", ["clay", "gold"]),
    ("techniques", ["moulded"]), ("colours", ["blue"]),
])
def test_editing_the_texts_of_a_reviewed_product_sends_it_back(profile, site_review, staff, field, value):
    product = create(profile)
    review.product_approve(product=product, reviewer=staff)
    product.refresh_from_db()
    services.product_update(product=product, data={field: value})
    assert Product.objects.get(pk=product.pk).status == Product.Status.IN_REVIEW


def test_prices_and_quantities_need_no_second_review(profile, site_review, staff):
    product = create(profile)
    review.product_approve(product=product, reviewer=staff)
    product.refresh_from_db()
    services.product_update(product=product, data={"wholesale_price": 14, "min_order_qty": 20})
    assert Product.objects.get(pk=product.pk).status == Product.Status.PUBLISHED


def test_a_new_photo_of_a_reviewed_product_sends_it_back_and_the_artisan_is_told(
    login, artisan, profile, site_review, staff
):
    product = create(profile)
    review.product_approve(product=product, reviewer=staff)
    client = login(artisan)
    url = reverse("artisans:product-photos", args=[product.public_id])
    assert "a new photo or a changed description sends a published product back" in client.get(url).content.decode()
    response = client.post(url, {"image": upload(jpeg_bytes()), "alt_text": "The tile from above"}, follow=True)
    assert Product.objects.get(pk=product.pk).status == Product.Status.IN_REVIEW
    assert "waits for the agency&#x27;s review again" in response.content.decode()


def test_without_review_a_new_photo_keeps_the_product_published(login, artisan, profile):
    product = create(profile)
    url = reverse("artisans:product-photos", args=[product.public_id])
    login(artisan).post(url, {"image": upload(jpeg_bytes()), "alt_text": "The tile from above"})
    assert Product.objects.get(pk=product.pk).status == Product.Status.PUBLISHED


def test_a_programs_review_applies_to_its_artisans_only(profile, other_artisan):
    reviewing = ProgramFactory(slug="curated-mission", review_products=True)
    other = ProgramFactory(slug="open-fair")
    Application.objects.create(program=reviewing, artisan=profile, status=Application.Status.ACCEPTED)
    elsewhere = ArtisanProfileFactory(user=other_artisan, slug="elsewhere")
    Application.objects.create(program=other, artisan=elsewhere, status=Application.Status.ACCEPTED)
    assert create(profile).status == Product.Status.IN_REVIEW
    assert create(elsewhere).status == Product.Status.PUBLISHED
    # Invited but not applied: not yet one of the program's artisans.
    invited = ArtisanProfileFactory(slug="invited-only")
    Application.objects.create(program=reviewing, artisan=invited, status=Application.Status.INVITED)
    assert create(invited).status == Product.Status.PUBLISHED


def test_the_product_form_says_what_review_means(login, artisan, profile, site_review):
    client = login(artisan)
    page = client.get(reverse("artisans:product-create")).content.decode()
    assert "Published, once the agency approves it" in page
    assert "Changes to prices and quantities need no review." in page
    assert "in_review" not in page and "declined" not in page  # the artisan asks for draft or published

    from catalog.models import Craft

    form = {**data(craft=Craft.objects.first().pk), "materials": "clay", "techniques": "", "colours": "",
            "width_cm": "", "height_cm": "", "depth_cm": "", "weight_kg": "", "retail_price": "",
            "monthly_capacity": ""}
    response = client.post(reverse("artisans:product-create"), form, follow=True)
    assert "sent to the agency for review" in response.content.decode()
    product = Product.objects.get(artisan=profile)
    assert product.status == Product.Status.IN_REVIEW
    # Asked to be published, still waiting: the form shows the artisan's wish, not the review state.
    edit = client.get(reverse("artisans:product-edit", args=[product.public_id]))
    assert edit.context["form"]["status"].value() == Product.Status.PUBLISHED
    assert "The agency reviews it before buyers see it." in edit.content.decode()


def test_publish_button_sends_for_review_and_withdraw_returns_to_draft(login, artisan, profile, site_review):
    product = create(profile, status="draft")
    client = login(artisan)
    url = reverse("artisans:product-status", args=[product.public_id])
    response = client.post(url, {"action": "publish"}, follow=True)
    assert Product.objects.get(pk=product.pk).status == Product.Status.IN_REVIEW
    assert "is sent to the agency for review" in response.content.decode()
    assert "Withdraw from review" in response.content.decode()
    client.post(url, {"action": "unpublish"})
    assert Product.objects.get(pk=product.pk).status == Product.Status.DRAFT


def test_dashboard_counts_and_states_keep_constant_queries(login, artisan, profile, site_review):
    client = login(artisan)
    create(profile, title="Tile one")
    client.get(reverse("artisans:dashboard"))
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("artisans:dashboard"))
    for n in range(4):
        create(profile, title=f"Tile {n + 2}")
    with CaptureQueriesContext(connection) as many:
        page = client.get(reverse("artisans:dashboard")).content.decode()
    assert len(many) == len(few)
    assert "5 wait for the agency's review." in page


def test_staff_approve_and_decline_in_the_admin_with_who_and_when(login, profile, site_review, staff):
    waiting = create(profile, title="Waiting tile")
    other = create(profile, title="Other tile")
    client = login(staff)
    changelist = reverse("admin:catalog_product_changelist")
    client.post(changelist, {"action": "approve_selected", admin.helpers.ACTION_CHECKBOX_NAME: [waiting.pk]})
    waiting.refresh_from_db()
    assert (waiting.status, waiting.reviewed_by) == (Product.Status.PUBLISHED, staff)

    asked = client.post(changelist, {"action": "decline_selected", admin.helpers.ACTION_CHECKBOX_NAME: [other.pk]})
    assert asked.status_code == 200 and "Reason, shown to the artisan" in asked.content.decode()
    assert Product.objects.get(pk=other.pk).status == Product.Status.IN_REVIEW
    client.post(changelist, {"action": "decline_selected", admin.helpers.ACTION_CHECKBOX_NAME: [other.pk],
                             "reason": "Not handmade."})
    other.refresh_from_db()
    assert (other.status, other.review_reason, other.reviewed_by) == (Product.Status.DECLINED, "Not handmade.", staff)


def test_the_admin_change_form_does_not_write_the_status(login, profile, staff):
    product = ProductFactory(artisan=profile, status=Product.Status.DRAFT)
    page = login(staff).get(reverse("admin:catalog_product_change", args=[product.pk])).content.decode()
    assert 'name="status"' not in page


def test_the_site_setting_is_edited_in_the_admin(login, staff, profile):
    client = login(staff)
    CatalogSettings.current()
    response = client.post(reverse("admin:catalog_catalogsettings_change", args=[1]), {"review_products": "on"})
    assert response.status_code == 302
    assert create(profile).status == Product.Status.IN_REVIEW


def test_staff_require_review_for_a_program_in_its_admin_form(login, staff, settings):
    from programs.models import Program

    settings.REQUIRE_STAFF_MFA = False
    client = login(staff)
    page = client.get(reverse("admin:programs_program_add")).content.decode()
    assert 'name="review_products"' in page and "Other programs' artisans are not affected." in page
    response = client.post(reverse("admin:programs_program_add"), {
        "name": "Curated mission", "slug": "curated", "kind": Program.Kind.VIRTUAL_MISSION, "organiser": "Agency",
        "status": Program.Status.DRAFT, "review_products": "on", "starts_on": "2026-12-09", "ends_on": "2026-12-10",
        "time_zone": "Europe/Madrid", "meeting_minutes": "30",
        "applications-TOTAL_FORMS": "0", "applications-INITIAL_FORMS": "0",
    })
    assert response.status_code == 302
    assert Program.objects.get(slug="curated").review_products is True


def test_the_admin_home_says_how_many_products_wait(login, staff, profile, site_review, settings):
    settings.REQUIRE_STAFF_MFA = False
    create(profile)
    page = login(staff).get(reverse("admin:index")).content.decode()
    assert "1 product waits for review" in page
    assert reverse("admin:catalog_product_changelist") + "?status__exact=in_review" in page


def test_the_program_states_curation_names_are_the_programs_own():
    # catalog.curation sits below programs and names its states by value.
    from catalog import curation

    assert curation.IN_PROGRAM == (Application.Status.APPLIED, Application.Status.ACCEPTED)


def test_staff_send_a_product_published_before_review_back_for_review_once(
    login, profile, staff, django_capture_on_commit_callbacks
):
    product = create(profile)  # published while nothing required review
    assert product.status == Product.Status.PUBLISHED
    program = ProgramFactory(slug="now-curated", review_products=True)
    Application.objects.create(program=program, artisan=profile, status=Application.Status.ACCEPTED)
    client = login(staff)
    changelist = reverse("admin:catalog_product_changelist")
    # The program's products are found by the list's program filter.
    listed = client.get(changelist, {"artisan__applications__program__id__exact": program.pk})
    assert product.title in listed.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(changelist, {"action": "send_to_review_selected", admin.helpers.ACTION_CHECKBOX_NAME: [product.pk]})
    product.refresh_from_db()
    assert (product.status, product.reviewed_by) == (Product.Status.IN_REVIEW, staff)
    assert product.submitted_at is not None
    with pytest.raises(review.ReviewConflict), django_capture_on_commit_callbacks(execute=True):
        review.product_send_to_review(product=product, reviewer=staff)
    assert len(mail.outbox) == 1 and "is being reviewed" in mail.outbox[0].subject


def test_a_new_description_of_a_reviewed_products_photo_sends_it_back(login, artisan, profile, site_review, staff):
    product = create(profile)
    photo = ProductPhotoFactory(product=product, alt_text="The tile from above")
    review.product_approve(product=product, reviewer=staff)
    assert services.product_photo_set_alt(photo=photo, alt_text="The tile from above") is False
    assert Product.objects.get(pk=product.pk).status == Product.Status.PUBLISHED
    assert services.product_photo_set_alt(photo=photo, alt_text="A tile of another workshop") is True
    assert Product.objects.get(pk=product.pk).status == Product.Status.IN_REVIEW
