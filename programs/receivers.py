"""Programs' answers to what lower apps announce (connected in ProgramsConfig.ready)."""

from __future__ import annotations

from typing import Any

from django.dispatch import receiver

from artisans.models import ArtisanProfile
from artisans.signals import profile_created
from programs.services import applications_bind_email


@receiver(profile_created, dispatch_uid="programs.bind_calls_to_new_artisan")
def bind_calls_to_new_artisan(sender: type, *, profile: ArtisanProfile, **kwargs: Any) -> None:
    # Calls for artisans sent to this address before the account existed now apply.
    applications_bind_email(artisan=profile)
