"""The account's own writes: a staff member's first second factor, issued by link.

A person's data export and account deletion live in privacy.services (each app declares its
share in its personal_data.py).
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import StaffEnrolment, User
from common.security import staff_has_second_factor
from notifications.services import email_enqueue_to_user


# --- A staff member's first second factor -----------------------------------------------------
class EnrolmentError(Exception):
    """The enrolment link cannot be issued or used; the message says why, for the person."""


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def staff_enrolment_issue(*, user: User, issued_by: User | None) -> str:
    """Issue a single-use link to set up `user`'s first authenticator; returns its URL.

    `issued_by` is the administrator who sends it (None: `manage.py staff_enrolment_link` on the
    server, which prints the link instead of mailing it). An administrator cannot issue one to
    themselves: the point is that someone other than the password holder vouches. Older unused
    links of the same person stop working. Only the token's hash is stored.
    """
    if not user.is_staff or not user.is_active:
        raise EnrolmentError(_("Only active staff members enrol a second factor by link."))
    if issued_by is not None and issued_by.pk == user.pk:
        raise EnrolmentError(_("Another administrator must send you the enrolment link."))
    if staff_has_second_factor(user):
        raise EnrolmentError(_("%(user)s already has an authenticator.") % {"user": user})
    token = secrets.token_urlsafe(32)
    now = timezone.now()
    url = settings.SITE_URL + reverse("accounts:staff-enrol-link", args=[token])
    with transaction.atomic():
        StaffEnrolment.objects.filter(user=user, used_at__isnull=True).update(expires_at=now)
        enrolment = StaffEnrolment.objects.create(
            user=user, token_hash=_token_hash(token), issued_by=issued_by,
            expires_at=now + timedelta(hours=settings.STAFF_ENROLMENT_LINK_HOURS),
        )
        if issued_by is not None:
            email_enqueue_to_user(
                key=f"staff-enrolment:{enrolment.pk}", user=user, template="staff_enrolment",
                context={"user": user, "issued_by": issued_by, "url": url, "hours": settings.STAFF_ENROLMENT_LINK_HOURS},
            )
    return url


def staff_enrolment_redeem(*, user: User, token: str) -> StaffEnrolment:
    """Use an enrolment link: valid, unused, unexpired and the signed-in person's own.

    Claimed with a conditional UPDATE, so the same link opened twice at once is redeemed once.
    """
    now = timezone.now()
    enrolment = StaffEnrolment.objects.filter(token_hash=_token_hash(token), user=user).first()
    if enrolment is None or StaffEnrolment.objects.filter(
        pk=enrolment.pk, used_at__isnull=True, expires_at__gt=now
    ).update(used_at=now) != 1:
        raise EnrolmentError(
            _("This enrolment link is not valid any more. Ask another administrator for a new one.")
        )
    enrolment.used_at = now
    return enrolment
