from __future__ import annotations

import factory
from allauth.account.models import EmailAddress

from accounts.models import User

PASSWORD = "correct horse battery staple"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    full_name = factory.Faker("name")
    role = User.Role.BUYER
    time_zone = "UTC"

    @factory.post_generation
    def password(self, create, extracted, **kwargs):
        self.set_password(extracted or PASSWORD)
        if create:
            self.save(update_fields=["password"])

    @factory.post_generation
    def verified(self, create, extracted, **kwargs):
        # Mandatory verification: a factory-made person has confirmed their address unless told not to.
        if create and extracted is not False:
            EmailAddress.objects.create(user=self, email=self.email, verified=True, primary=True)


class ArtisanUserFactory(UserFactory):
    role = User.Role.ARTISAN
    time_zone = "Europe/Madrid"
    # English by default: tests assert English texts; a test about another language sets it explicitly.
    language = "en"


class BuyerUserFactory(UserFactory):
    role = User.Role.BUYER
    time_zone = "America/New_York"


class StaffUserFactory(UserFactory):
    role = User.Role.STAFF
    is_staff = True
    is_superuser = True
