from __future__ import annotations

import datetime as dt

import factory
from django.contrib.auth.models import Permission
from django.utils import timezone

from accounts.models import User
from accounts.tests.factories import StaffUserFactory
from catalog.tests.factories import ArtisanProfileFactory
from programs.models import Program
from programs.tests.factories import ProgramFactory
from shows.models import Application, ForeignShow, RequiredDocument, Stand


def show_program(**kwargs) -> Program:
    return ProgramFactory(**{"kind": Program.Kind.TRADE_SHOW_ABROAD, "time_zone": "Europe/Madrid", **kwargs})


class ForeignShowFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ForeignShow

    program = factory.LazyFunction(show_program)
    name = factory.Sequence(lambda n: f"NY NOW {n}")
    city = "New York"
    country = "US"
    starts_on = factory.LazyFunction(lambda: timezone.localdate() + dt.timedelta(days=60))
    ends_on = factory.LazyAttribute(lambda o: o.starts_on + dt.timedelta(days=3))
    time_zone = "America/New_York"
    pavilion = "Pavilion of Spain"
    criteria = "Export-ready, a catalog in English."
    cofunding_percent = 50
    applications_close_on = factory.LazyFunction(lambda: timezone.localdate() + dt.timedelta(days=10))
    documents_due_on = factory.LazyFunction(lambda: timezone.localdate() + dt.timedelta(days=30))


class StandFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Stand

    show = factory.SubFactory(ForeignShowFactory)
    code = factory.Sequence(lambda n: f"B{n:03d}")


class RequiredDocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RequiredDocument

    show = factory.SubFactory(ForeignShowFactory)
    name = factory.Sequence(lambda n: f"Document {n}")


class ApplicationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Application

    show = factory.SubFactory(ForeignShowFactory)
    artisan = factory.SubFactory(ArtisanProfileFactory)
    status = Application.Status.DRAFT


def selected_with_stand(**kwargs) -> Application:
    application = ApplicationFactory(status=Application.Status.SELECTED, **kwargs)
    application.stand = StandFactory(show=application.show)
    application.save(update_fields=["stand"])
    return application


def show_staff(**kwargs):
    """Staff who run the trade shows: they hold shows.change_application (shows.transitions)."""
    user = StaffUserFactory(**{"is_superuser": False, **kwargs})
    user.user_permissions.add(
        Permission.objects.get(content_type__app_label="shows", codename="change_application")
    )
    return User.objects.get(pk=user.pk)  # a fresh object: permissions are cached on the user
