"""The visibility rule has one home, catalog/visibility.py: grep finds its conditions nowhere else.

The conditions are what decides who sees what: an artisan's approval, a product's "published",
a buyer's verification (wholesale terms) and a program's public catalog, written as a filter,
a comparison or SQL. Writes of those states (the approval and publishing services, an import)
and the owner's own status badges are not reads of the rule: they are the allow-list below.
"""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HOME = "catalog/visibility.py"

CONDITIONS = {
    "approval": re.compile(
        r"(?:==|!=|\bstatus(?:__in)?\s*=\s*\[?)\s*ArtisanProfile\.Status\.APPROVED|\.is_approved\b"
    ),
    "published": re.compile(r"(?:==|!=|\bstatus(?:__in)?\s*=\s*\[?)\s*Product\.Status\.PUBLISHED"),
    # Filters, template comparisons and SQL on the states' stored values ("plan" is a schedule's state).
    "status literal": re.compile(r"(?<!plan\.)\bstatus\s*(?:=|==|!=)\s*['\"](?:approved|published)['\"]"),
    "verified buyer": re.compile(r"\.is_verified\b|\bis_verified\s*=(?!=)"),
    "public catalog": re.compile(r"public_catalog\s*(?:=(?!=)|__)|\.public_catalog\b"),
}

# (path or folder, condition): why it is not a second copy of the rule.
ALLOWED = {
    # The approval and publishing state machines write and move these states.
    ("artisans/services.py", "approval"),
    ("catalog/services.py", "published"),
    # The artisan's "publish" button hands the wanted state to catalog.services.product_set_status.
    ("artisans/views.py", "published"),
    # An agency's import creates artisans it has already vetted, approved.
    ("programs/importing.py", "approval"),
    # The owner's own status badges (their profile's review, each product's state).
    ("templates/artisans/", "status literal"),
    # Partial indexes on the public rows: a model's Meta cannot ask catalog.visibility (which
    # imports the models); a test there checks each index's condition equals the rule's.
    ("artisans/models.py", "status literal"),
    ("catalog/models.py", "status literal"),
    # The buyer's own verification badge on their dashboard, and their personal data export.
    ("templates/buyers/dashboard.html", "verified buyer"),
    ("buyers/personal_data.py", "verified buyer"),
}

SKIPPED_FOLDERS = {".venv", ".git", "bench", "demo", "locale", "static", "node_modules", "migrations", "tests"}


def _sources():
    for path in sorted(ROOT.rglob("*")):
        relative = path.relative_to(ROOT)
        if path.suffix not in {".py", ".html", ".txt", ".ics"} or not path.is_file():
            continue
        if SKIPPED_FOLDERS.intersection(relative.parts[:-1]) or relative.parts[0].startswith("."):
            continue
        yield relative.as_posix(), path.read_text(errors="ignore")


def _allowance(path: str, condition: str) -> tuple[str, str] | None:
    return next(((where, name) for where, name in ALLOWED if path.startswith(where) and condition == name), None)


def test_the_visibility_conditions_live_only_in_catalog_visibility():
    copies, used = [], set()
    for path, text in _sources():
        if path == HOME:
            continue
        for number, line in enumerate(text.splitlines(), 1):
            # Writes of a state (an update, a model field's definition) are not conditions on it.
            if ".update(" in line or re.search(r"=\s*models\.\w+Field\(", line):
                continue
            for name, pattern in CONDITIONS.items():
                if not pattern.search(line):
                    continue
                allowance = _allowance(path, name)
                if allowance is None:
                    copies.append(f"{path}:{number}: {name}: {line.strip()}")
                used.add(allowance)
    assert not copies, "visibility written outside catalog/visibility.py:\n" + "\n".join(copies)
    assert used - {None} == ALLOWED, f"allow-list entries no longer needed: {ALLOWED - used}"


def test_the_home_holds_every_condition_and_the_grep_finds_a_copy():
    home = (ROOT / HOME).read_text()
    for name in ("approval", "published"):
        assert re.search(rf"Status\.{'APPROVED' if name == 'approval' else 'PUBLISHED'}", home)
    assert CONDITIONS["status literal"].search("WHERE a.status = 'approved'")
    assert CONDITIONS["approval"].search("ArtisanProfile.objects.filter(status=ArtisanProfile.Status.APPROVED)")
    assert CONDITIONS["published"].search('products.filter(status=Product.Status.PUBLISHED)')
    assert CONDITIONS["verified buyer"].search("BuyerProfile.objects.filter(user=user, is_verified=True)")
    assert CONDITIONS["public catalog"].search("Q(program__public_catalog=False)")


def test_the_partial_indexes_on_public_rows_follow_the_rule():
    from artisans.models import ArtisanProfile
    from catalog import visibility
    from catalog.models import Product

    by_name = {index.name: index for index in ArtisanProfile._meta.indexes}
    assert by_name["artisan_approved_name"].condition == visibility.public_artisan_q()
    published = [index for index in Product._meta.indexes if index.name.startswith(("product_pub_", "product_index_"))]
    assert published and all(index.condition == visibility.published_q() for index in published)
