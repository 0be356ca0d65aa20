"""Production error pages in the visitor's language with the site's styles; a favicon; readable zones."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from django.contrib.staticfiles import finders
from django.core.exceptions import PermissionDenied
from django.urls import path

from accounts.tests.factories import BuyerUserFactory
from common.zones import zone_label
from config.urls import urlpatterns as site_urlpatterns


def _forbidden(request):
    raise PermissionDenied


urlpatterns = [*site_urlpatterns, path("forbidden-for-test/", _forbidden)]


@pytest.fixture
def production(settings):
    settings.DEBUG = False
    settings.ROOT_URLCONF = __name__


@pytest.mark.django_db
@pytest.mark.parametrize(("language", "heading"), [
    ("en", "Page not found"), ("fr", "Page introuvable"), ("es", "Página no encontrada"), ("ar", "الصفحة غير موجودة"),
])
def test_the_404_page_is_translated_and_styled(client, production, language, heading):
    response = client.get("/no-such-page/", headers={"accept-language": language})
    content = response.content.decode()
    assert response.status_code == 404
    assert f"<h1>{heading}</h1>" in content
    assert f'lang="{language}"' in content
    assert ('dir="rtl"' in content) == (language == "ar")
    assert '<link rel="stylesheet" href="/static/css/error.css">' in content
    assert "The requested resource was not found on this server." not in content


@pytest.mark.django_db
def test_the_403_page_follows_the_accounts_language(client, production):
    client.force_login(BuyerUserFactory(language="es"))
    response = client.get("/forbidden-for-test/", headers={"accept-language": "en"})
    content = response.content.decode()
    assert response.status_code == 403
    assert "<h1>No puede abrir esta página</h1>" in content and 'lang="es"' in content
    assert "/static/css/error.css" in content


def test_the_500_page_says_its_language(client, production, settings):
    from django.template.loader import render_to_string
    from django.utils import translation

    with translation.override("fr"):
        content = render_to_string("500.html")
    assert 'lang="fr"' in content and "/static/css/error.css" in content


@pytest.mark.django_db
def test_favicon_ico_exists_and_is_linked(client):
    assert finders.find("favicon.ico")
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"] == "/static/favicon.ico"
    page = client.get("/").content.decode()
    assert 'href="/static/favicon.ico"' in page


def test_zone_label_reads_as_a_place_and_an_offset():
    winter, summer = datetime(2026, 1, 15, tzinfo=UTC), datetime(2026, 7, 15, tzinfo=UTC)
    assert zone_label("America/New_York", at=winter) == "New York (UTC\u221205:00)"
    assert zone_label("America/New_York", at=summer) == "New York (UTC\u221204:00)"
    assert zone_label("Asia/Kolkata", at=winter) == "Kolkata (UTC+05:30)"
    assert zone_label("America/Argentina/Buenos_Aires", at=winter) == "Buenos Aires (UTC\u221203:00)"
    assert zone_label("UTC") == "UTC"


@pytest.mark.django_db
def test_the_footer_names_the_zone_readably(client):
    client.force_login(BuyerUserFactory(time_zone="America/New_York"))
    content = client.get("/").content.decode()
    assert "Times are shown in New York (UTC" in content
    assert "America/New_York" not in content.split('<footer')[1]
