"""Every model that holds a person is answered for by some app's personal-data declaration."""

from __future__ import annotations

import pytest
from django.apps import apps
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import models

from common import personal_data
from common.personal_data import PersonalData
from privacy.services import RETENTION_DAYS


def holds_a_person(model: type[models.Model]) -> list[str]:
    user_model = apps.get_model(settings.AUTH_USER_MODEL)
    return [
        field.name for field in model._meta.get_fields()
        if getattr(field, "concrete", False) and (
            (field.is_relation and field.related_model is user_model) or isinstance(field, models.EmailField)
        )
    ]


def test_every_model_with_a_user_key_or_an_email_is_declared():
    # Third-party models too (allauth's addresses, the admin's history): the app that handles
    # them declares them, so there is no list of exceptions.
    covered = personal_data.covered_models()
    missing = [
        f"{model._meta.label} ({', '.join(fields)})"
        for model in apps.get_models()
        if (fields := holds_a_person(model)) and model._meta.label not in covered
    ]
    assert not missing, (
        "Models holding a person that no app's personal_data.py declares (add them to its "
        "PERSONAL_DATA, with what export and deletion do to them):\n" + "\n".join(missing)
    )


def test_declarations_name_installed_models():
    installed = {model._meta.label for model in apps.get_models()}
    assert personal_data.covered_models() - installed == set()


def test_each_app_with_a_person_in_its_models_declares_itself():
    declared = {declaration.app_label for declaration in personal_data.registrations()}
    holding = {model._meta.app_label for model in apps.get_models() if holds_a_person(model)}
    ours = {config.label for config in apps.get_app_configs() if not config.name.startswith(("django.", "allauth"))}
    assert holding & ours <= declared


def test_each_kind_of_expiring_data_has_one_retention_period_and_one_app():
    declared = [kind for declaration in personal_data.registrations() for kind in declaration.expiries]
    assert sorted(declared) == sorted(RETENTION_DAYS)


def test_two_apps_cannot_claim_the_same_export_section():
    first = personal_data.registrations()[0]
    section = next(iter(first.sections))
    with pytest.raises(ImproperlyConfigured, match=section):
        personal_data.register(PersonalData(app_label="intruder", models=(), sections={section: lambda user: None}))
    assert "intruder" not in {declaration.app_label for declaration in personal_data.registrations()}
