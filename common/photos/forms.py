"""The forms of every photo kind: the artisan's upload and description forms, and the admin's."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from common.images import CleanImage, PhotoField, PhotoUploaderMixin
from common.text import SingleLineFormField


class PhotoUploadForm(PhotoUploaderMixin, forms.Form):
    """One photo with its description, for every kind (`uploader=` the account)."""

    image = PhotoField(label=_("Photo"))
    alt_text = SingleLineFormField(
        label=_("Describe the photo"),
        max_length=200,
        help_text=_("A short description for people who cannot see it, e.g. “Blue glazed bowl seen from above”."),
    )


class StoredPhotoField(PhotoField):
    """A PhotoField for a model form: the cleaned image's file, which the model field stores."""

    def clean(self, data, initial=None):
        value = super().clean(data, initial)
        return value.file if isinstance(value, CleanImage) else value


class PhotoAdminForm(forms.ModelForm):
    """Admin uploads of an ordered photo go through the same validation and cleaning as the artisan's.

    The admin makes the model form from it (ModelAdmin.form, InlineModelAdmin.form).
    """

    image = StoredPhotoField(label=_("Photo"))

    class Meta:
        fields = ["image", "alt_text", "position"]


class PhotoDescribeForm(forms.Form):
    """A photo's description changed on its own, one form per photo on a photo page."""

    alt_text = SingleLineFormField(label=_("Describe the photo"), max_length=200)

    def __init__(self, data=None, *, photo, **kwargs):
        kwargs.setdefault("initial", {"alt_text": photo.alt_text})
        # One of these per photo on a page: the ids must differ.
        super().__init__(data, auto_id=f"id_photo_{photo.pk}_%s", **kwargs)
