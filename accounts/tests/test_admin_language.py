"""Staff read the admin in their account's language, as they read the site, whatever the browser says."""

from __future__ import annotations

import pytest

from accounts.tests.factories import StaffUserFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("language", "title"), [("fr", "<html lang=\"fr\""), ("es", "Programas, personas y reuniones")])
def test_the_admin_follows_the_staff_accounts_language(client, settings, language, title):
    settings.REQUIRE_STAFF_MFA = False
    staff = StaffUserFactory(language=language, is_superuser=True)
    client.force_login(staff)
    response = client.get("/admin/", headers={"accept-language": "en-US,en;q=0.9"})
    content = response.content.decode()
    assert response.status_code == 200
    assert f'lang="{language}"' in content
    assert title in content


def test_the_site_and_the_admin_agree_on_the_language(client, settings):
    settings.REQUIRE_STAFF_MFA = False
    staff = StaffUserFactory(language="fr", is_superuser=True)
    client.force_login(staff)
    site = client.get("/", headers={"accept-language": "es-ES"})
    admin = client.get("/admin/", headers={"accept-language": "es-ES"})
    assert site.wsgi_request.LANGUAGE_CODE == admin.wsgi_request.LANGUAGE_CODE == "fr"
