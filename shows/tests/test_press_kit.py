"""A media tour's press kit: texts per language and photos with their credits, zipped; for the tour's
journalists and staff only."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

import pytest
from django.core.files.base import ContentFile

from accounts.tests.factories import StaffUserFactory, UserFactory
from catalog.models import ProductPhoto
from catalog.tests.factories import ProductFactory
from common.tests.imaging import jpeg_bytes
from programs.models import Program
from programs.tests.factories import ProgramFactory
from shows.models import PressPhotoCredit, PressText
from shows.presskit import press_kit, press_kit_pdf, press_kit_zip
from shows.selectors import press_kit_allowed, press_kit_artisans
from tours.models import Participant
from tours.tests.factories import FIRST_DAY, make_tour

pytestmark = pytest.mark.django_db


def _media_tour():
    program = ProgramFactory(
        kind=Program.Kind.MEDIA_TOUR,
        time_zone="Africa/Casablanca",
        starts_on=FIRST_DAY,
        ends_on=FIRST_DAY + dt.timedelta(days=1),
    )
    return make_tour(program=program, artisans=2, buyers=0)


def _journalist(tour, role=Participant.Role.JOURNALIST):
    user = UserFactory()
    Participant.objects.create(tour=tour, user=user, role=role, arrives_on=FIRST_DAY, leaves_on=FIRST_DAY)
    return user


def test_zip_holds_each_language_and_each_photo_with_its_credit(django_assert_max_num_queries):
    tour = _media_tour()
    artisan = press_kit_artisans(tour.program).first()
    artisan.business_name = "Dar Zellij"
    artisan.save()
    for language, headline in [("en", "Tiles of Fez"), ("ar", "زليج فاس"), ("fr", "Les zelliges de Fès")]:
        PressText.objects.create(
            program=tour.program,
            artisan=artisan,
            language=language,
            headline=headline,
            body=f"{headline}: body",
        )
    product = ProductFactory(artisan=artisan, title="Star tile", indexed=False)
    credited = ProductPhoto.objects.create(
        product=product, alt_text="A tile", image=ContentFile(jpeg_bytes(), name="tile.jpg")
    )
    PressPhotoCredit.objects.create(photo=credited, credit="Amina Benali")
    ProductPhoto.objects.create(
        product=product,
        alt_text="Another",
        position=1,
        image=ContentFile(jpeg_bytes(colour=(10, 10, 200)), name="tile2.jpg"),
    )
    with django_assert_max_num_queries(2):
        kit = press_kit(tour.program, artisan)
    archive = zipfile.ZipFile(io.BytesIO(press_kit_zip(kit)))
    assert sorted(archive.namelist()) == [
        "dar-zellij/CREDITS.txt",
        "dar-zellij/photos/photo-01.jpg",
        "dar-zellij/photos/photo-02.jpg",
        "dar-zellij/text-ar.txt",
        "dar-zellij/text-en.txt",
        "dar-zellij/text-fr.txt",
    ]
    assert archive.read("dar-zellij/text-ar.txt").decode() == "زليج فاس\n\nزليج فاس: body\n"
    credits = archive.read("dar-zellij/CREDITS.txt").decode().splitlines()
    assert credits[2:] == [
        "photo-01.jpg: Star tile — © Amina Benali",
        "photo-02.jpg: Star tile — © Dar Zellij",
    ]
    assert archive.read("dar-zellij/photos/photo-01.jpg")[:3] == b"\xff\xd8\xff"
    assert press_kit_pdf(kit).startswith(b"%PDF")


def test_without_press_texts_the_kit_has_the_artisans_story():
    tour = _media_tour()
    artisan = press_kit_artisans(tour.program).first()
    artisan.story, artisan.language = "Three generations of potters.", "en"
    artisan.save()
    kit = press_kit(tour.program, artisan)
    assert [(t.language, t.body) for t in kit.texts] == [("en", "Three generations of potters.")]


def test_only_the_tours_journalists_and_staff_may_have_the_kits():
    tour, other = _media_tour(), _media_tour()
    assert press_kit_allowed(_journalist(tour), tour.program)
    assert press_kit_allowed(StaffUserFactory(), tour.program)
    assert not press_kit_allowed(_journalist(other), tour.program)
    assert not press_kit_allowed(_journalist(tour, Participant.Role.DRIVER), tour.program)
    assert not press_kit_allowed(UserFactory(), tour.program)
