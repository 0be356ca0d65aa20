"""Response headers in production: CSP without unsafe-inline, HSTS, cookies, policies; safe media."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.urls import reverse

from tests.security.prod import production_settings

pytestmark = pytest.mark.django_db

TEMPLATE_DIRS = [Path(django_settings.BASE_DIR) / "templates"]


@pytest.fixture(scope="module")
def production():
    return production_settings(
        "DEBUG", "SESSION_COOKIE_SECURE", "CSRF_COOKIE_SECURE", "SESSION_COOKIE_HTTPONLY",
        "CSRF_COOKIE_HTTPONLY", "SESSION_COOKIE_SAMESITE", "CSRF_COOKIE_SAMESITE",
        "SECURE_HSTS_SECONDS", "SECURE_HSTS_INCLUDE_SUBDOMAINS", "SECURE_SSL_REDIRECT",
        "SECURE_CONTENT_TYPE_NOSNIFF", "SECURE_REFERRER_POLICY", "X_FRAME_OPTIONS",
        "REQUIRE_STAFF_MFA", "CONTENT_SECURITY_POLICY", "CONTENT_SECURITY_POLICY_REPORT_ONLY", "MIDDLEWARE",
    )


def test_production_settings_are_strict(production):
    assert production["DEBUG"] is False
    assert production["SESSION_COOKIE_SECURE"] and production["CSRF_COOKIE_SECURE"]
    assert production["SESSION_COOKIE_HTTPONLY"] and production["CSRF_COOKIE_HTTPONLY"]
    assert production["SESSION_COOKIE_SAMESITE"] == "Lax" == production["CSRF_COOKIE_SAMESITE"]
    assert production["SECURE_HSTS_SECONDS"] >= 31536000
    assert production["SECURE_HSTS_INCLUDE_SUBDOMAINS"] and production["SECURE_SSL_REDIRECT"]
    assert production["SECURE_CONTENT_TYPE_NOSNIFF"]
    assert production["SECURE_REFERRER_POLICY"] == "same-origin"
    assert production["X_FRAME_OPTIONS"] == "DENY"
    assert production["REQUIRE_STAFF_MFA"] is True
    # Enforced, not merely reported.
    assert production["CONTENT_SECURITY_POLICY"]
    assert not production["CONTENT_SECURITY_POLICY_REPORT_ONLY"]
    assert "csp.middleware.CSPMiddleware" in production["MIDDLEWARE"]
    assert "common.security.SecurityHeadersMiddleware" in production["MIDDLEWARE"]
    assert "common.security.StaffSecondFactorMiddleware" in production["MIDDLEWARE"]


def _apply(settings, production):
    for name, value in production.items():
        if name not in {"DEBUG", "MIDDLEWARE", "SECURE_SSL_REDIRECT"}:
            setattr(settings, name, value)
    settings.SECURE_HSTS_PRELOAD = True


def test_pages_carry_csp_hsts_and_policies_in_production(settings, production, client):
    _apply(settings, production)
    response = client.get(reverse("home"), secure=True)
    assert response.status_code == 200
    csp = response["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in csp.split(";"))
    assert directives["default-src"] == "'self'"
    assert directives["script-src"] == "'self'"
    assert directives["style-src"] == "'self'"
    assert directives["img-src"] == "'self' data:"
    assert directives["frame-ancestors"] == "'none'"
    assert directives["form-action"] == "'self'"
    assert directives["base-uri"] == "'self'"
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert "camera=()" in response["Permissions-Policy"]
    assert "geolocation=()" in response["Permissions-Policy"]


def test_session_and_csrf_cookies_are_secure_httponly_samesite(settings, production, client, buyer, password):
    _apply(settings, production)
    page = client.get(reverse("account_login"), secure=True)
    csrf = page.cookies["csrftoken"]
    assert csrf["secure"] and csrf["httponly"] and csrf["samesite"] == "Lax"
    response = client.post(
        reverse("account_login"), {"login": buyer.email, "password": password}, secure=True
    )
    assert response.status_code == 302
    session = response.cookies["sessionid"]
    assert session["secure"] and session["httponly"] and session["samesite"] == "Lax"


def test_the_https_proxy_header_is_trusted_only_when_the_environment_names_it():
    # A client could send X-Forwarded-Proto itself: only a proxy that sets it may be believed.
    assert production_settings("SECURE_PROXY_SSL_HEADER") == {"SECURE_PROXY_SSL_HEADER": None}
    named = production_settings("SECURE_PROXY_SSL_HEADER", SECURE_PROXY_SSL_HEADER="X-Forwarded-Proto")
    assert named == {"SECURE_PROXY_SSL_HEADER": ["HTTP_X_FORWARDED_PROTO", "https"]}


def test_a_forwarded_proto_header_makes_a_request_secure_only_with_the_setting(settings, client):
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_PROXY_SSL_HEADER = None
    refused = client.get(reverse("home"), HTTP_X_FORWARDED_PROTO="https")
    assert refused.status_code == 301 and refused.url.startswith("https://")

    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    assert client.get(reverse("home"), HTTP_X_FORWARDED_PROTO="https").status_code == 200


def test_admin_pages_carry_the_csp_too(login, staff):
    response = login(staff).get("/admin/")
    assert response.status_code == 200
    assert "script-src 'self'" in response["Content-Security-Policy"]


def test_templates_hold_no_inline_script_or_style():
    """The CSP forbids them: scripts and styles are static files; JSON data blocks are inert."""
    offences = []
    for base in TEMPLATE_DIRS:
        for path in base.rglob("*.html"):
            if "emails" in path.parts:
                continue  # mail clients, not browsers under our CSP, read those
            text = path.read_text()
            for match in re.finditer(r"<script\b([^>]*)>", text):
                attributes = match.group(1)
                if "src=" not in attributes and "application/json" not in attributes:
                    offences.append(f"{path}: inline <script>")
            if re.search(r"<style\b", text):
                offences.append(f"{path}: <style> block")
            if re.search(r"\sstyle=\"", text):
                offences.append(f"{path}: style attribute")
            if re.search(r"\son[a-z]+=\"", text):
                offences.append(f"{path}: inline event handler")
            if "javascript:" in text:
                offences.append(f"{path}: javascript: URL")
    assert offences == []


def _media_file(settings, name: str, content: bytes) -> str:
    settings.ROOT_URLCONF = "tests.security.media_urls"
    path = Path(settings.MEDIA_ROOT) / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)
    return f"{settings.MEDIA_URL}{name}"


def test_media_image_is_served_inline_with_nosniff(settings, client):
    from common.tests.imaging import jpeg_bytes

    url = _media_file(settings, "products/x/photo.jpg", jpeg_bytes())
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert not response.get("Content-Disposition", "").startswith("attachment")


def test_media_file_that_is_not_an_image_is_a_sandboxed_download(settings, client):
    url = _media_file(settings, "products/x/evil.html", b"<script>alert(1)</script>")
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Disposition"] == "attachment"
    assert response["Content-Security-Policy"].startswith("sandbox")
    assert response["X-Content-Type-Options"] == "nosniff"
    svg = client.get(_media_file(settings, "logos/evil.svg", b"<svg onload='alert(1)'/>"))
    assert svg["Content-Disposition"] == "attachment"
