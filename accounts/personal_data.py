"""The account itself: its export section, and the tombstone it becomes on deletion.

The User row stays (meetings, outcomes and messages point at it and PROTECT it), stripped of
everything that says who the person was. allauth's addresses and authenticators belong to the
account, so they are answered for here.
"""

from __future__ import annotations

from typing import Any

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator

from accounts.models import User
from common.personal_data import DELETED_NAME, Erasure, PersonalData, iso, tombstone_email


def _account(user: User) -> dict[str, Any]:
    return {
        "email": user.email, "full_name": user.full_name, "role": user.role, "language": user.language,
        "time_zone": user.time_zone, "date_joined": iso(user.date_joined),
        "last_login": iso(user.last_login),
        "email_addresses": [
            {"email": address.email, "verified": address.verified, "primary": address.primary}
            for address in user.emailaddress_set.all()
        ],
    }


def _addresses(user: User) -> set[str]:
    return {user.email, *EmailAddress.objects.filter(user=user).values_list("email", flat=True)}


def _erase(erasure: Erasure) -> None:
    user = erasure.user
    erasure.forget_admin_history(user, *EmailAddress.objects.filter(user=user))
    EmailAddress.objects.filter(user=user).delete()
    Authenticator.objects.filter(user=user).delete()
    user.email = tombstone_email()
    user.full_name = DELETED_NAME
    user.is_active = False
    user.is_staff = False
    user.is_superuser = False
    user.set_unusable_password()
    user.save()
    user.groups.clear()
    user.user_permissions.clear()


PERSONAL_DATA = PersonalData(
    app_label="accounts",
    models=(
        "accounts.User",
        "account.EmailAddress",
        "mfa.Authenticator",
        # Kept: who vouched for whose first second factor, and when (a security record); it holds
        # only a token's hash and points at the tombstone, which can no longer sign in.
        "accounts.StaffEnrolment",
        # The admin's history: its user is the member of staff who acted (kept, like our own
        # *_by keys); what it says of the person's rows goes (Erasure.forget_admin_history, called
        # by each app for its own rows).
        "admin.LogEntry",
    ),
    sections={"account": _account},
    erase=_erase,
    addresses=_addresses,
)
