"""The DEBUG media view, reading MEDIA_ROOT per request (tests point it at a temporary folder)."""

from django.conf import settings
from django.urls import re_path
from django.views.static import serve


def media(request, path):
    return serve(request, path, document_root=settings.MEDIA_ROOT)


urlpatterns = [re_path(r"^media/(?P<path>.*)$", media)]
