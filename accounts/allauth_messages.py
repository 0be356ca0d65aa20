"""allauth's own messages that CraftMatch translates again.

allauth's Spanish mail mixes tú and usted; our catalogs (LOCALE_PATHS come first) give the same
messages in usted. They are marked here, never used, only so that ``makemessages`` finds them in
our sources and keeps them instead of marking them obsolete.
"""

from __future__ import annotations

from django.utils.translation import gettext_noop

OVERRIDDEN = (
    gettext_noop("Hello from %(site_name)s!"),
    gettext_noop(
        "You're receiving this email because user %(user_display)s has given your email address to "
        "register an account on %(site_domain)s."
    ),
    gettext_noop("Your email verification code is listed below. Please enter it in your open browser window."),
    gettext_noop("To confirm this is correct, go to %(activate_url)s"),
    gettext_noop("Your email has been changed from %(from_email)s to %(to_email)s."),
    gettext_noop("Email address %(deleted_email)s has been removed from your account."),
    gettext_noop("Please Confirm Your Email Address"),
)
