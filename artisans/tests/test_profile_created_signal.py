"""profile_created: how artisans tell the apps above them of a new profile.

That programs binds calls through it is tested in programs/tests/test_call_for_artisans.py.
"""

from __future__ import annotations

import pytest

from artisans import services
from artisans.models import ArtisanProfile
from artisans.signals import profile_created

pytestmark = pytest.mark.django_db


class Refused(Exception):
    pass


def test_a_receiver_runs_inside_the_transaction_that_creates_the_profile(artisan):
    seen = []

    def refuse(sender, *, profile, **kwargs):
        seen.append(ArtisanProfile.objects.filter(pk=profile.pk).exists())
        raise Refused

    profile_created.connect(refuse, dispatch_uid="test-refuse")
    try:
        with pytest.raises(Refused):
            services.artisan_profile_create(user=artisan, data={"business_name": "Taller", "country": "ES"})
    finally:
        profile_created.disconnect(dispatch_uid="test-refuse")
    # The receiver saw the saved profile, and its failure rolled the creation back.
    assert seen == [True]
    assert not ArtisanProfile.objects.filter(user=artisan).exists()

