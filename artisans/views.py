"""The artisan's own pages: dashboard, profile, workshop photos, products, and the preview.

Every view is for the signed-in artisan only (others get 403, anonymous people the sign-in page)
and only ever loads objects through the artisan's own profile, so another artisan's product or
photo is a 404 whatever the method.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial, wraps

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from artisans import selectors, services
from artisans.forms import ArtisanProfileForm
from artisans.models import ArtisanProfile, WorkshopPhoto
from catalog import curation, visibility
from catalog import services as catalog_services
from catalog.forms import ProductForm
from catalog.models import Product, ProductPhoto
from common.choices import Language
from common.limits import LimitReached
from common.permissions import artisan_required
from common.photos import services as photo_services
from common.photos.forms import PhotoDescribeForm, PhotoUploadForm
from deals.selectors import waiting_for
from matchmaking.selectors import matches_for
from programs.selectors import invitations_to_apply

BAD_REQUEST = 400


def profile_required(view):
    """The artisan's profile as the view's second argument; without one, go and create it."""

    @artisan_required
    @wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        profile = ArtisanProfile.objects.filter(user=request.user).first()
        if profile is None:
            messages.info(request, _("First, tell buyers about your workshop."))
            return redirect("artisans:profile-edit")
        return view(request, profile, *args, **kwargs)

    return wrapped


def _post_only(request: HttpRequest) -> HttpResponse | None:
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    return None


def _offset(request: HttpRequest) -> int:
    return -1 if request.POST.get("direction") == "up" else 1


# --- Dashboard and profile ------------------------------------------------------------------


@artisan_required
def dashboard(request: HttpRequest) -> HttpResponse:
    profile = ArtisanProfile.objects.filter(user=request.user).first()
    if profile is None:
        return redirect("artisans:profile-edit")
    context = {
        "profile": profile,
        "completeness": selectors.profile_completeness(profile),
        "product_counts": selectors.product_counts(profile),
        "products": selectors.dashboard_products(profile),
        "matches": matches_for(request.user),
        "invitations": invitations_to_apply(profile),
        "waiting": waiting_for(request.user),
    }
    return render(request, "artisans/dashboard.html", context)


@artisan_required
def profile_edit(request: HttpRequest) -> HttpResponse:
    profile = ArtisanProfile.objects.filter(user=request.user).first()
    creating = profile is None
    if creating:
        instance = ArtisanProfile(
            user=request.user, time_zone=request.user.time_zone,
            language=request.user.language or ArtisanProfile._meta.get_field("language").default,
        )
    else:
        instance = profile
    form = ArtisanProfileForm(request.POST or None, request.FILES or None, instance=instance,
                              uploader=request.user)
    if request.method == "POST":
        if not form.is_valid():
            return render(request, "artisans/profile_form.html", {"form": form, "creating": creating},
                          status=BAD_REQUEST)
        if creating:
            services.artisan_profile_create(
                user=request.user, data=form.profile_data(), crafts=list(form.cleaned_data["crafts"]),
                logo=form.logo_change() or None,
            )
            messages.success(request, _("Your profile is saved and sent to the agency for review."))
        else:
            resubmitted = services.artisan_profile_update(
                profile=instance, data=form.profile_data(), crafts=list(form.cleaned_data["crafts"]),
                logo=form.logo_change(),
            )
            if resubmitted:
                messages.success(request, _("Your profile is saved and sent to the agency for review."))
            else:
                messages.success(request, _("Your profile is saved."))
        return redirect("artisans:dashboard")
    return render(request, "artisans/profile_form.html", {"form": form, "creating": creating})


# --- Photos: one upload, describe and change handler for workshop and product photos --------


def _photo_upload(request: HttpRequest, add: Callable[..., object], *, full: str) -> tuple[PhotoUploadForm, bool]:
    """The upload form of a photo page, handled on POST by `add`; True when it added the photo."""
    form = PhotoUploadForm(request.POST or None, request.FILES or None, uploader=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            add(image=form.cleaned_data["image"], alt_text=form.cleaned_data["alt_text"])
        except LimitReached:
            form.add_error("image", full)
        else:
            return form, True
    return form, False


def _photo_change(request: HttpRequest, change: Callable[[], object], *, done: str | None, back: HttpResponse) -> HttpResponse:
    if refused := _post_only(request):
        return refused
    change()
    if done:
        messages.success(request, done)
    return back


Described = tuple[int, PhotoDescribeForm]


def _photo_forms(photos, described: Described | None) -> list[tuple[object, PhotoDescribeForm]]:
    """Each photo with its description form; the one just sent keeps its input and errors."""
    return [
        (photo, described[1] if described and described[0] == photo.pk else PhotoDescribeForm(photo=photo))
        for photo in photos
    ]


def _photo_describe(request: HttpRequest, photo, set_alt: Callable[..., object], *, back: HttpResponse,
                    page: Callable[[Described], HttpResponse]) -> HttpResponse:
    if refused := _post_only(request):
        return refused
    form = PhotoDescribeForm(request.POST, photo=photo)
    if not form.is_valid():
        return page((photo.pk, form))
    set_alt(photo=photo, alt_text=form.cleaned_data["alt_text"])
    messages.success(request, _("The photo's description is saved."))
    return back


def _workshop_photos_page(request: HttpRequest, profile: ArtisanProfile, *, form: PhotoUploadForm,
                          described: Described | None = None, status: int = 200) -> HttpResponse:
    context = {"profile": profile, "form": form,
               "photo_forms": _photo_forms(selectors.workshop_photos(profile), described)}
    return render(request, "artisans/workshop_photos.html", context, status=status)


@profile_required
def profile_photos(request: HttpRequest, profile: ArtisanProfile) -> HttpResponse:
    form, added = _photo_upload(
        request, partial(photo_services.photo_add, model=WorkshopPhoto, owner=profile),
        full=_("You already have the maximum number of photos; delete one first."),
    )
    if added:
        messages.success(request, _("Photo added."))
        return redirect("artisans:profile-photos")
    return _workshop_photos_page(request, profile, form=form, status=BAD_REQUEST if request.method == "POST" else 200)


@profile_required
def workshop_photo_describe(request: HttpRequest, profile: ArtisanProfile, photo_id: int) -> HttpResponse:
    photo = get_object_or_404(WorkshopPhoto, pk=photo_id, artisan=profile)
    return _photo_describe(
        request, photo, photo_services.photo_set_alt, back=redirect("artisans:profile-photos"),
        page=lambda described: _workshop_photos_page(
            request, profile, form=PhotoUploadForm(uploader=request.user), described=described, status=BAD_REQUEST),
    )


@profile_required
def workshop_photo_delete(request: HttpRequest, profile: ArtisanProfile, photo_id: int) -> HttpResponse:
    photo = get_object_or_404(WorkshopPhoto, pk=photo_id, artisan=profile)
    return _photo_change(request, partial(photo_services.photo_delete, photo=photo), done=_("Photo deleted."),
                         back=redirect("artisans:profile-photos"))


@profile_required
def workshop_photo_move(request: HttpRequest, profile: ArtisanProfile, photo_id: int) -> HttpResponse:
    photo = get_object_or_404(WorkshopPhoto, pk=photo_id, artisan=profile)
    return _photo_change(request, lambda: photo_services.photo_move(photo=photo, offset=_offset(request)), done=None,
                         back=redirect("artisans:profile-photos"))


@profile_required
def preview(request: HttpRequest, profile: ArtisanProfile) -> HttpResponse:
    context = {
        "profile": profile,
        "crafts": profile.crafts.all(),
        "languages_spoken": [Language(code).label for code in profile.languages_spoken if code in Language.values],
        "photos": selectors.workshop_photos(profile),
        "products": selectors.preview_products(profile),
    }
    return render(request, "artisans/preview.html", context)


# --- Products -------------------------------------------------------------------------------


@profile_required
def product_list(request: HttpRequest, profile: ArtisanProfile) -> HttpResponse:
    products = selectors.products_of_artisan(profile)
    return render(request, "artisans/product_list.html", {"profile": profile, "products": products})


@profile_required
def product_create(request: HttpRequest, profile: ArtisanProfile) -> HttpResponse:
    initial = {"language": profile.language, "currency": profile.currency,
               "lead_time_days": profile.lead_time_days or 30}
    form = ProductForm(request.POST or None, instance=Product(artisan=profile), initial=initial,
                       review=curation.review_required(profile))
    if request.method == "POST":
        if form.is_valid():
            product = catalog_services.product_create(artisan=profile, data=form.cleaned_data)
            if product.status == Product.Status.IN_REVIEW:
                messages.success(request, _("Product saved and sent to the agency for review. Now add its photos."))
            else:
                messages.success(request, _("Product saved. Now add its photos."))
            return redirect("artisans:product-photos", public_id=product.public_id)
        return render(request, "artisans/product_form.html", {"form": form, "creating": True}, status=BAD_REQUEST)
    return render(request, "artisans/product_form.html", {"form": form, "creating": True})


def _own_product(profile: ArtisanProfile, public_id) -> Product:
    return get_object_or_404(Product, public_id=public_id, artisan=profile)


@profile_required
def product_edit(request: HttpRequest, profile: ArtisanProfile, public_id) -> HttpResponse:
    product = _own_product(profile, public_id)
    form = ProductForm(request.POST or None, instance=product, review=curation.review_required(profile))
    context = {"form": form, "creating": False, "product": product}
    if request.method == "POST":
        if form.is_valid():
            catalog_services.product_update(product=product, data=form.cleaned_data)
            if product.status == Product.Status.IN_REVIEW:
                messages.success(request, _("Product saved. It waits for the agency's review; buyers see it once it is "
                                            "approved."))
            else:
                messages.success(request, _("Product saved."))
            return redirect("artisans:product-list")
        return render(request, "artisans/product_form.html", context, status=BAD_REQUEST)
    return render(request, "artisans/product_form.html", context)


@profile_required
def product_status(request: HttpRequest, profile: ArtisanProfile, public_id) -> HttpResponse:
    product = _own_product(profile, public_id)
    if refused := _post_only(request):
        return refused
    action = request.POST.get("action")
    if action == "publish":
        catalog_services.product_set_status(product=product, status=Product.Status.PUBLISHED)
        if product.status == Product.Status.IN_REVIEW:
            messages.success(request, _("“%(title)s” is sent to the agency for review; buyers see it once it is "
                                        "approved.") % {"title": product.title})
        else:
            messages.success(request, _("“%(title)s” is published.") % {"title": product.title})
    elif action == "unpublish":
        catalog_services.product_set_status(product=product, status=Product.Status.DRAFT)
        messages.success(request, _("“%(title)s” is back to draft; buyers no longer see it.") % {"title": product.title})
    return redirect("artisans:product-list")


@profile_required
def product_delete(request: HttpRequest, profile: ArtisanProfile, public_id) -> HttpResponse:
    product = _own_product(profile, public_id)
    if request.method == "POST":
        catalog_services.product_delete(product=product)
        messages.success(request, _("“%(title)s” is deleted.") % {"title": product.title})
        return redirect("artisans:product-list")
    return render(request, "artisans/product_confirm_delete.html", {"product": product})


@profile_required
def product_photos(request: HttpRequest, profile: ArtisanProfile, public_id) -> HttpResponse:
    product = _own_product(profile, public_id)
    was_published = visibility.is_published(product)
    form, added = _photo_upload(
        request, partial(catalog_services.product_photo_add, product=product),
        full=_("This product already has the maximum number of photos; delete one first."),
    )
    if added:
        if product.status == Product.Status.IN_REVIEW and was_published:
            messages.success(request, _("Photo added. The product waits for the agency's review again; buyers "
                                        "see it once it is approved."))
        else:
            messages.success(request, _("Photo added."))
        return redirect("artisans:product-photos", public_id=product.public_id)
    return _product_photos_page(request, profile, product, form=form,
                                status=BAD_REQUEST if request.method == "POST" else 200)


def _product_photos_page(request: HttpRequest, profile: ArtisanProfile, product: Product, *, form: PhotoUploadForm,
                         described: Described | None = None, status: int = 200) -> HttpResponse:
    context = {"product": product, "form": form, "review": curation.review_required(profile),
               "photo_forms": _photo_forms(selectors.product_photos(product), described)}
    return render(request, "artisans/product_photos.html", context, status=status)


@profile_required
def product_photo_describe(request: HttpRequest, profile: ArtisanProfile, public_id, photo_id: int) -> HttpResponse:
    product = _own_product(profile, public_id)
    photo = get_object_or_404(ProductPhoto, pk=photo_id, product=product)
    return _photo_describe(
        request, photo, catalog_services.product_photo_set_alt,
        back=redirect("artisans:product-photos", public_id=product.public_id),
        page=lambda described: _product_photos_page(
            request, profile, product, form=PhotoUploadForm(uploader=request.user), described=described,
            status=BAD_REQUEST),
    )


@profile_required
def product_photo_delete(request: HttpRequest, profile: ArtisanProfile, public_id, photo_id: int) -> HttpResponse:
    product = _own_product(profile, public_id)
    photo = get_object_or_404(ProductPhoto, pk=photo_id, product=product)
    return _photo_change(request, partial(catalog_services.product_photo_delete, photo=photo), done=_("Photo deleted."),
                         back=redirect("artisans:product-photos", public_id=product.public_id))


@profile_required
def product_photo_move(request: HttpRequest, profile: ArtisanProfile, public_id, photo_id: int) -> HttpResponse:
    product = _own_product(profile, public_id)
    photo = get_object_or_404(ProductPhoto, pk=photo_id, product=product)
    return _photo_change(request, lambda: catalog_services.product_photo_move(photo=photo, offset=_offset(request)),
                         done=None, back=redirect("artisans:product-photos", public_id=product.public_id))
