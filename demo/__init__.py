"""Demo data for CraftMatch: a virtual buyer mission of Spanish and Moroccan artisans to US museum shops.

Kept free of model imports: `manage.py serve` (demo.management.commands.serve) imports the logins
below for its banner.
"""

DEMO_DOMAIN = "craftmatch.example"
DEMO_PASSWORD = "craftmatch-demo"  # noqa: S105 -- a published demo password, by design

STAFF_EMAIL = f"agency@{DEMO_DOMAIN}"

# (role label, email) of the accounts worth trying first; all share DEMO_PASSWORD.
DEMO_LOGINS: list[tuple[str, str]] = [
    ("staff", STAFF_EMAIL),
    ("artisan", f"lucia.prieto@{DEMO_DOMAIN}"),
    ("artisan", f"karim.bennani@{DEMO_DOMAIN}"),
    ("buyer", f"emma.whitfield@{DEMO_DOMAIN}"),
    ("buyer", f"isabel.trujillo@{DEMO_DOMAIN}"),
]
