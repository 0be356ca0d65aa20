"""Account deletion removes each file from its own field's storage: a private file from private storage."""

from __future__ import annotations

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage, storages
from django.core.files.uploadedfile import SimpleUploadedFile

from common.attachments import clean_attachment
from common.personal_data import Erasure
from deals import services
from deals.models import DealAttachment
from deals.tests.factories import quoted_deal
from deals.tests.test_deal_thread import pdf_bytes
from privacy.services import _delete_files

pytestmark = pytest.mark.django_db


def test_a_private_file_is_removed_from_private_storage_and_a_public_namesake_stays():
    deal, _quote = quoted_deal()
    buyer = deal.buyer.user
    upload = SimpleUploadedFile("order.pdf", pdf_bytes(), content_type="application/pdf")
    services.deal_message_post(user=buyer, deal=deal, body="PO", attachments=[clean_attachment(upload)])
    attachment = DealAttachment.objects.get()
    name = attachment.file.name
    assert storages["private"].exists(name)
    # The same name in public media: deleting from the wrong storage would remove this one.
    assert default_storage.save(name, ContentFile(b"public")) == name

    erasure = Erasure(user=buyer, emails=frozenset({buyer.email}))
    erasure.forget_files(attachment)
    assert [stored for _storage, stored in erasure.files] == [name]
    _delete_files(erasure.files)

    assert not storages["private"].exists(name)
    assert default_storage.exists(name)
