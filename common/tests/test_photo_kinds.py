"""The photo registry: kinds keyed by model label, registered by the apps that own them."""

from __future__ import annotations

import pytest
from django.core.exceptions import FieldDoesNotExist, ImproperlyConfigured

from artisans.models import MAX_WORKSHOP_PHOTOS, ArtisanProfile, WorkshopPhoto
from artisans.tests.factories import WorkshopPhotoFactory
from catalog.models import MAX_PHOTOS_PER_PRODUCT, ProductPhoto
from common.images import clean_uploaded_image
from common.photos import kinds
from common.photos import services as photo_services
from common.tests.imaging import jpeg_bytes, upload


def test_each_app_registers_its_kinds_by_model_label():
    assert kinds.kind_for("catalog.productphoto").model is ProductPhoto
    assert kinds.kind_of(ProductPhoto).maximum == MAX_PHOTOS_PER_PRODUCT
    assert kinds.kind_of(WorkshopPhoto).owner_field == "artisan"
    assert kinds.kind_of(WorkshopPhoto).maximum == MAX_WORKSHOP_PHOTOS
    logo = kinds.kind_of(ArtisanProfile)
    assert (logo.source, dict(logo.renditions)) == ("logo", {"logo_thumb": 320})
    assert {kind.model for kind in kinds.ordered_kinds()} >= {ProductPhoto, WorkshopPhoto}


def test_registering_again_is_harmless_but_differently_is_an_error():
    assert kinds.register(WorkshopPhoto, owner_field="artisan", maximum=MAX_WORKSHOP_PHOTOS) == kinds.kind_of(WorkshopPhoto)
    with pytest.raises(ImproperlyConfigured):
        kinds.register(WorkshopPhoto, owner_field="artisan", maximum=MAX_WORKSHOP_PHOTOS + 1)
    assert kinds.kind_of(WorkshopPhoto).maximum == MAX_WORKSHOP_PHOTOS


def test_a_field_that_does_not_exist_fails_at_registration():
    with pytest.raises(FieldDoesNotExist):
        kinds.register(ArtisanProfile, source="avatar")


@pytest.mark.django_db
def test_a_logo_is_no_ordered_photo():
    with pytest.raises(LookupError):
        photo_services.photo_add(model=ArtisanProfile, owner=None,
                                 image=clean_uploaded_image(upload(jpeg_bytes())), alt_text="logo")


@pytest.mark.django_db
def test_setting_the_same_description_changes_nothing():
    photo = WorkshopPhotoFactory(alt_text="The kiln")
    assert photo_services.photo_set_alt(photo=photo, alt_text="The kiln") is False
    assert photo_services.photo_set_alt(photo=photo, alt_text="The kiln at dusk") is True
    photo.refresh_from_db()
    assert photo.alt_text == "The kiln at dusk"
