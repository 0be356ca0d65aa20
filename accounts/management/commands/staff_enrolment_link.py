"""Print a second-factor enrolment link for a staff member (the first administrator, say).

Whoever runs it holds a shell on the server: more than the password a thief may have. Later
staff are usually sent their link by another administrator from the admin (Users action).
"""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from accounts.models import User
from accounts.services import EnrolmentError, staff_enrolment_issue


class Command(BaseCommand):
    help = "Print a single-use link with which a staff member sets up their first authenticator."

    def add_arguments(self, parser):
        parser.add_argument("email")

    def handle(self, *args, email: str, **options):
        user = User.objects.filter(email__iexact=email.strip()).first()
        if user is None:
            raise CommandError(f"No account with the address {email}.")
        try:
            url = staff_enrolment_issue(user=user, issued_by=None)
        except EnrolmentError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(url)
