"""What artisans tell the apps above them, which artisans may not import (issue 17's layers)."""

from __future__ import annotations

from django.dispatch import Signal

# Sent by artisan_profile_create inside the transaction that creates the profile, with `profile`:
# a receiver's writes commit or roll back with the profile, and its errors reach the caller.
profile_created = Signal()
