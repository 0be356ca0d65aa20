"""When a product waits for staff before it is public: the one home of that rule.

Review applies to an artisan's products when staff require it for the whole site
(`CatalogSettings.review_products`, in the admin) or for a program the artisan applied to or was
accepted into (`programs.Program.review_products`). The program is reached by relation names, as
in catalog.visibility: the catalog sits below `programs` and may not import it.

What is reviewed: publishing a product, and a change to the texts (`REVIEWED_FIELDS`), a new
photo or a photo's new description of a published one. A product in review or declined is
simply not published, so the visibility rule (catalog.visibility) needs no second copy. Staff
decide through the approval service (artisans.services.product_approve / product_decline, and
product_send_to_review for a product published before review applied), which records who and
when and mails the artisan.
"""

from __future__ import annotations

from django.db.models import Q

from catalog.models import CatalogSettings, Product

# The texts buyers read; a change to one of them on a published product is reviewed again.
REVIEWED_FIELDS = ("title", "description", "materials", "techniques", "colours")
# programs.Application.Status values of an artisan taking part in a program.
IN_PROGRAM = ("applied", "accepted")

Status = Product.Status
# Staff decisions and the states they are taken from (artisans.services claims them): a declined
# product may still be approved, a published one taken down with a reason.
APPROVE_FROM = (Status.IN_REVIEW, Status.DECLINED)
DECLINE_FROM = (Status.IN_REVIEW, Status.PUBLISHED)
# A product published before review applied to it (or approved long ago) reviewed again.
SEND_TO_REVIEW_FROM = (Status.PUBLISHED,)


def review_required(artisan) -> bool:
    """Whether this artisan's products wait for staff approval before they are public."""
    if CatalogSettings.objects.filter(pk=1, review_products=True).exists():
        return True
    return artisan.applications.filter(Q(status__in=IN_PROGRAM) & Q(program__review_products=True)).exists()


def next_status(*, current: str, wanted: str, review: bool, content_changed: bool) -> str:
    """The status a product takes when its artisan asks for `wanted` (draft or published).

    Under review, publishing sends the product to staff, and so does a change of its texts or
    photos once published; a declined product keeps its reason until it is sent again.
    """
    if wanted not in (Status.DRAFT, Status.PUBLISHED):
        raise ValueError(f"An artisan asks for draft or published, not {wanted!r}")
    if wanted == Status.DRAFT:
        return Status.DECLINED if current == Status.DECLINED else Status.DRAFT
    if not review:
        return Status.PUBLISHED
    if current == Status.PUBLISHED and not content_changed:
        return Status.PUBLISHED
    return Status.IN_REVIEW


def wanted_status(current: str) -> str:
    """What the artisan's form shows as chosen: a product in review is one they asked to publish."""
    return Status.PUBLISHED if current in (Status.PUBLISHED, Status.IN_REVIEW) else Status.DRAFT
