"""Who may see what of the catalog: the one home of the visibility rule.

Every output asks this module (pages, lists, counts, search, the in-memory index's SQL, match
reasons, dashboards, PDFs, CSV, mail, .ics); nothing else writes these conditions:

- **Public**: an artisan is public when approved; a product when published and its artisan is
  public. `ARTISAN_PUBLIC` and `PRODUCT_PUBLIC` are the conditions, as column values; the ORM's
  `Q` and the index's SQL are both made from them, so a new condition (a review state) is one
  line here.
- **Program scope**: an artisan accepted only into programs with a private catalog is seen only
  by the buyers who joined one of those programs; artisans in no program, or in one with a
  public catalog, are seen by everyone; staff see every public artisan. Written with relation
  names (`applications`, `memberships`), since the catalog sits below `programs` and may not
  import it.
- **Wholesale terms** (prices, the minimum order value, price ranges, and the sorts and filters
  on them) only for staff and verified buyers: `can_see_wholesale`.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from accounts.models import User
from artisans.models import ArtisanProfile
from catalog.models import Product
from common.statements import Statement

# The conditions themselves, as {column: value}.
ARTISAN_PUBLIC: dict[str, str] = {"status": ArtisanProfile.Status.APPROVED}
PRODUCT_PUBLIC: dict[str, str] = {"status": Product.Status.PUBLISHED}
# programs.Application.Status.ACCEPTED: the catalog may not import programs (issue 17's layers).
ACCEPTED = "accepted"
PROGRAM_DRAFT = "draft"  # programs.Program.Status.DRAFT
# Every other programs.Program.Status (programs' tests check the two lists agree).
LIVE_PROGRAM_STATUSES = ("open_artisans", "open_buyers", "closed")


# --- Public: approved artisans, published products ---------------------------------------------
def public_artisan_q(prefix: str = "") -> Q:
    """Approved artisans; `prefix` reaches an artisan through a relation ("artisan__")."""
    return Q(**{f"{prefix}{column}": value for column, value in ARTISAN_PUBLIC.items()})


def public_product_q(prefix: str = "") -> Q:
    """Published products of public artisans; `prefix` reaches a product through a relation."""
    return Q(**{f"{prefix}{column}": value for column, value in PRODUCT_PUBLIC.items()}) & public_artisan_q(
        f"{prefix}artisan__"
    )


def published_q(prefix: str = "") -> Q:
    """The product's own part of being public (for an artisan's own list of products)."""
    return Q(**{f"{prefix}{column}": value for column, value in PRODUCT_PUBLIC.items()})


def _sql(alias: str, conditions: dict[str, str]) -> str:
    for value in conditions.values():
        assert "'" not in value  # constants of this module, never input
    return " AND ".join(f"{alias}.{column} = '{value}'" for column, value in conditions.items())


def public_artisan_sql(alias: str) -> str:
    """The same rule as `public_artisan_q`, for the catalog index's SQL (catalog.index)."""
    return _sql(alias, ARTISAN_PUBLIC)


def published_sql(product: str) -> str:
    """The same rule as `published_q`, in SQL (catalog.rows reads an artisan's own list with it)."""
    return _sql(product, PRODUCT_PUBLIC)


def public_product_sql(product: str, artisan: str) -> str:
    """The same rule as `public_product_q`: `artisan` is the alias of the product's artisan, joined."""
    return f"{published_sql(product)} AND {public_artisan_sql(artisan)}"


def artisan_is_public(artisan: ArtisanProfile) -> bool:
    return all(getattr(artisan, column) == value for column, value in ARTISAN_PUBLIC.items())


def is_published(product: Product) -> bool:
    """The product's own part of being public (its artisan may still not be)."""
    return all(getattr(product, column) == value for column, value in PRODUCT_PUBLIC.items())


def product_is_public(product: Product) -> bool:
    return is_published(product) and artisan_is_public(product.artisan)


def may_preview(viewer: Any, artisan: ArtisanProfile) -> bool:
    """The owner and staff may open a page that is not public (to preview it); it is never listed."""
    return bool(getattr(viewer, "is_authenticated", False) and (viewer.is_staff or artisan.user_id == viewer.pk))


# --- Program scope ------------------------------------------------------------------------------
def _accepted(*conditions: Q, **lookups: Any) -> QuerySet[ArtisanProfile, Any]:
    # One filter() call, so every condition holds for the same application row.
    return ArtisanProfile.objects.filter(*conditions, applications__status=ACCEPTED, **lookups).values("pk")


# The same statement on every page: compiled once per process, not per request.
_PRIVATE_MEMBER = Statement(
    lambda: _accepted(applications__program__public_catalog=False)[:1],
    wrap="SELECT EXISTS ({0})",
    label="private_program_member",
)


def _any_private_member() -> bool:
    """Is any artisan accepted into a program with a private catalog? (one query)"""
    return bool(_PRIVATE_MEMBER.rows()[0][0])


def scope_q(viewer: Any) -> Q | None:
    """The artisans the viewer's programs let them see, or None when no program narrows it.

    One query (is any artisan accepted into a private program at all?); the condition itself
    is subqueries of the caller's query.
    """
    if getattr(viewer, "is_staff", False):
        return None
    if not _any_private_member():
        return None
    # A draft program never widens what anyone sees (its public catalog, its members), as the
    # programs a viewer may filter by leave drafts out; its private catalog already hides.
    live = Q(applications__program__status__in=LIVE_PROGRAM_STATUSES)
    allowed = ~Q(pk__in=_accepted(applications__program__public_catalog=False)) | Q(
        pk__in=_accepted(live, applications__program__public_catalog=True)
    )
    if getattr(viewer, "is_authenticated", False) and viewer.is_buyer:
        allowed |= Q(pk__in=_accepted(live, applications__program__memberships__user_id=viewer.pk))
    return allowed


def accepted_into(program: Any) -> QuerySet[ArtisanProfile]:
    """The artisans accepted into one program (the catalog's program filter)."""
    return ArtisanProfile.objects.filter(applications__program=program, applications__status=ACCEPTED)


def scope(viewer: Any) -> QuerySet[ArtisanProfile] | None:
    """`scope_q` as a queryset of artisans (None: every public artisan)."""
    allowed = scope_q(viewer)
    return None if allowed is None else ArtisanProfile.objects.filter(allowed)


def program_is_public(program: Any) -> bool:
    """Whether a program's artisans are shown to everyone (programs.Program.public_catalog)."""
    return bool(program is not None and program.public_catalog)


def public_programs_q() -> Q:
    """The programs (programs.Program) whose catalog the public sees now: public and live."""
    return Q(public_catalog=True, status__in=LIVE_PROGRAM_STATUSES)


def program_filter_q(viewer: Any) -> Q:
    """The programs (programs.Program) a viewer may narrow the catalog to: the ones they joined and
    those with a public catalog; staff any. Never a draft."""
    listed = ~Q(status=PROGRAM_DRAFT)
    if getattr(viewer, "is_staff", False):
        return listed
    joined = Q(memberships__user_id=viewer.pk) if getattr(viewer, "is_authenticated", False) else Q(pk__in=[])
    return listed & (joined | Q(public_catalog=True))


# --- What a viewer sees -------------------------------------------------------------------------
def visible_artisans(
    viewer: Any = None, *, within: QuerySet[ArtisanProfile] | None = None
) -> QuerySet[ArtisanProfile]:
    """Public artisans, narrowed to the viewer's programs (no viewer: to none) and to `within`."""
    artisans = ArtisanProfile.objects.filter(public_artisan_q())
    allowed = scope_q(viewer)
    if allowed is not None:
        artisans = artisans.filter(allowed)
    if within is not None:
        artisans = artisans.filter(pk__in=within.values("pk"))
    return artisans


def visible_products(viewer: Any = None, *, within: QuerySet[ArtisanProfile] | None = None) -> QuerySet[Product]:
    """Public products of the artisans `visible_artisans` gives the same viewer."""
    products = Product.objects.filter(public_product_q())
    allowed = scope_q(viewer)
    if allowed is not None:
        products = products.filter(artisan__in=ArtisanProfile.objects.filter(allowed).values("pk"))
    if within is not None:
        products = products.filter(artisan__in=within.values("pk"))
    return products


def artisan_visible_to(artisan: ArtisanProfile, viewer: Any) -> bool:
    """Whether the viewer may see (and so ask to meet) this artisan: public and in their scope."""
    if not artisan_is_public(artisan):
        return False
    allowed = scope_q(viewer)
    return allowed is None or ArtisanProfile.objects.filter(allowed, pk=artisan.pk).exists()


def can_open_artisan(artisan: ArtisanProfile, viewer: Any) -> bool:
    """A page of the artisan opens for those who see them, and for the owner and staff (a preview)."""
    return may_preview(viewer, artisan) or artisan_visible_to(artisan, viewer)


def can_open_product(product: Product, viewer: Any) -> bool:
    return may_preview(viewer, product.artisan) or (
        product_is_public(product) and artisan_visible_to(product.artisan, viewer)
    )


# --- Wholesale terms ----------------------------------------------------------------------------
# Asked on every page a buyer opens: compiled once per process. Through the user's relation, as
# the catalog sits below buyers (buyers.BuyerProfile.is_verified).
_VERIFIED_BUYER = Statement(
    lambda user_id: User.objects.filter(pk=user_id, buyer_profile__is_verified=True).values("pk")[:1],
    "user_id",
    wrap="SELECT EXISTS ({0})",
    label="verified_buyer",
)


def can_see_wholesale(viewer: Any) -> bool:
    """Wholesale terms are for staff and verified buyers only. Cached on the user object."""
    if not getattr(viewer, "is_authenticated", False):
        return False
    cached = getattr(viewer, "_can_see_wholesale", None)
    if cached is None:
        if viewer.is_staff:
            cached = True
        elif viewer.is_buyer:
            if User.buyer_profile.related.is_cached(viewer):  # loaded already: no query
                profile = getattr(viewer, "buyer_profile", None)
                cached = bool(profile is not None and profile.is_verified)
            else:
                cached = bool(_VERIFIED_BUYER.rows(user_id=viewer.pk)[0][0])
        else:
            cached = False
        viewer._can_see_wholesale = cached
    return cached


def can_see_prices(viewer: Any, *, prices_public: bool) -> bool:
    """Wholesale prices on the pages of a program that shows them to the public (a fair's site,
    as its `fairs.FairSettings.show_public_prices` says): everyone; otherwise `can_see_wholesale`."""
    return prices_public or can_see_wholesale(viewer)
