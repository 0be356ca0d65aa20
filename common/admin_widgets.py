"""Admin autocomplete widgets that survive a value that is not an id.

Django's autocomplete widget looks the submitted value up to show it again beside the form's
error, and a value such as "abc" or one with a NUL makes that lookup raise: a 500 where the
form should simply say "Select a valid choice". Values that cannot be an id are left out of
the lookup; the form field reports them as it always does.
"""

from __future__ import annotations

from django.contrib.admin.widgets import AutocompleteSelect, AutocompleteSelectMultiple
from django.core.exceptions import ValidationError


class _ValidValuesOnly:
    def optgroups(self, name, value, attr=None):
        target = self.field.remote_field.get_related_field()
        valid = []
        for item in value:
            try:
                target.get_prep_value(target.to_python(item))
            except (TypeError, ValueError, ValidationError):
                continue
            valid.append(item)
        return super().optgroups(name, valid, attr)


class SafeAutocompleteSelect(_ValidValuesOnly, AutocompleteSelect):
    pass


class SafeAutocompleteSelectMultiple(_ValidValuesOnly, AutocompleteSelectMultiple):
    pass


class SafeAutocompleteMixin:
    """For a ModelAdmin with `autocomplete_fields`: the same widgets, safe with any value."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = SafeAutocompleteSelect(db_field, self.admin_site, using=kwargs.get("using"))
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = SafeAutocompleteSelectMultiple(db_field, self.admin_site, using=kwargs.get("using"))
        return super().formfield_for_manytomany(db_field, request, **kwargs)
