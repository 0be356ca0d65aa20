"""Choice lists shared by artisans, buyers and products."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Currency(models.TextChoices):
    EUR = "EUR", _("Euro (EUR)")
    USD = "USD", _("US dollar (USD)")
    MAD = "MAD", _("Moroccan dirham (MAD)")


class Language(models.TextChoices):
    EN = "en", _("English")
    FR = "fr", _("French")
    ES = "es", _("Spanish")
    AR = "ar", _("Arabic")
    DE = "de", _("German")
    IT = "it", _("Italian")
    PT = "pt", _("Portuguese")
    ZGH = "zgh", _("Amazigh (Tamazight)")


class Incoterm(models.TextChoices):
    EXW = "EXW", _("EXW – Ex works")
    FCA = "FCA", _("FCA – Free carrier")
    FOB = "FOB", _("FOB – Free on board")
    CIF = "CIF", _("CIF – Cost, insurance and freight")
    DAP = "DAP", _("DAP – Delivered at place")
    DDP = "DDP", _("DDP – Delivered duty paid")
