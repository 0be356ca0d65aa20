"""Media and private files on an S3-compatible store (MEDIA_STORAGE_URL), against a real S3 server
on loopback (moto's server mode): photos public, private files private objects with expiring links."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import uuid
from urllib.parse import parse_qs, urlparse

import pytest
import requests
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage, storages

from artisans.tests.factories import ProductPhotoFactory
from common.tests.imaging import jpeg_bytes
from tests.cluster.processes import BASE_DIR

ALL_USERS = "http://acs.amazonaws.com/groups/global/AllUsers"


def deployed_settings(**env: str) -> dict:
    """STORAGES and the CSP's img-src as config.settings computes them from this environment."""
    code = (
        "import json, django; django.setup(); from django.conf import settings as s; "
        "print(json.dumps({'STORAGES': s.STORAGES, 'img': s.CONTENT_SECURITY_POLICY['DIRECTIVES']['img-src']}))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=BASE_DIR,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings", **env},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.splitlines()[-1])


@pytest.fixture(scope="module")
def store_storages(s3_server) -> dict:
    found = deployed_settings(MEDIA_STORAGE_URL=s3_server.storage_url(f"site-{uuid.uuid4().hex[:6]}"))
    assert f"{s3_server.endpoint}" in found["img"]
    return found["STORAGES"]


@pytest.fixture
def on_store(settings, store_storages):
    settings.STORAGES = {**store_storages, "staticfiles": settings.STORAGES["staticfiles"]}
    yield store_storages


def test_without_a_store_url_files_stay_on_the_disk():
    found = deployed_settings(MEDIA_STORAGE_URL="")
    assert found["STORAGES"]["default"]["BACKEND"] == "django.core.files.storage.FileSystemStorage"
    assert found["STORAGES"]["private"]["OPTIONS"]["base_url"] is None
    assert found["img"] == ["'self'", "data:"]


def test_a_photo_is_stored_in_the_bucket_and_anyone_can_load_it(on_store, s3_server):
    data = jpeg_bytes(64, 48)
    name = default_storage.save("photos/sample.jpg", ContentFile(data))
    url = default_storage.url(name)
    key = on_store["default"]["OPTIONS"]["location"] + "/" + name
    assert url == f"{s3_server.endpoint}/{s3_server.bucket}/{key}"  # no signature: a stable, cacheable link
    answer = requests.get(url, timeout=10)
    assert answer.status_code == 200 and answer.content == data
    assert "immutable" in answer.headers["Cache-Control"]


@pytest.mark.django_db
def test_a_product_photo_upload_lands_in_the_store(on_store, s3_server):
    photo = ProductPhotoFactory()
    listed = s3_server.client().list_objects_v2(
        Bucket=s3_server.bucket, Prefix=on_store["default"]["OPTIONS"]["location"]
    )
    assert photo.image.name in {obj["Key"].split("/media/", 1)[1] for obj in listed["Contents"]}
    assert requests.get(photo.image.url, timeout=10).content[:2] == b"\xff\xd8"


def test_a_private_file_is_a_private_object_behind_an_expiring_signed_link(on_store, s3_server):
    private = storages["private"]
    name = private.save("catalogs/program-7.pdf", ContentFile(b"%PDF-1.4 secret"))
    key = on_store["private"]["OPTIONS"]["location"] + "/" + name
    acl = s3_server.client().get_object_acl(Bucket=s3_server.bucket, Key=key)
    assert all(grant["Grantee"].get("URI") != ALL_USERS for grant in acl["Grants"])
    # Not readable without a signature: the store itself refuses.
    unsigned = f"{s3_server.endpoint}/{s3_server.bucket}/{key}"
    assert requests.get(unsigned, timeout=10).status_code == 403
    url = private.url(name)
    query = parse_qs(urlparse(url).query)
    assert query["X-Amz-Expires"] == ["300"] and "X-Amz-Signature" in query
    assert requests.get(url, timeout=10).content == b"%PDF-1.4 secret"
    with private.open(name) as handle:  # what the staff download view reads
        assert handle.read() == b"%PDF-1.4 secret"
    assert "/private/" in key and "/media/" not in key
