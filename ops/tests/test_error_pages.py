from __future__ import annotations

import pytest
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.test import Client
from django.urls import path


def lost_connection(request):
    raise OperationalError("terminating connection due to administrator command")


def closed_connection(request):
    raise InterfaceError("connection already closed")


def broken(request):
    raise RuntimeError("a bug")


def fine(request):
    return HttpResponse("ok")


urlpatterns = [
    path("lost/", lost_connection),
    path("closed/", closed_connection),
    path("broken/", broken),
    path("fine/", fine),
]

pytestmark = [pytest.mark.urls(__name__), pytest.mark.django_db]


@pytest.mark.parametrize("url", ["/lost/", "/closed/"])
def test_a_lost_database_connection_is_a_503_asking_to_try_again(url):
    response = Client().get(url)
    assert response.status_code == 503
    assert response["Retry-After"] == "5"
    page = response.content.decode()
    assert "Please try again" in page
    assert f'href="{url}"' in page  # a GET can simply be repeated
    assert response["X-Request-ID"] in page  # the reference staff can find in the logs


def test_after_a_failed_form_post_the_page_says_to_send_it_again():
    page = Client().post("/lost/").content.decode()
    assert "Go back and send the form again." in page


def test_any_other_error_is_the_plain_500_page(settings):
    settings.DEBUG = False
    response = Client(raise_request_exception=False).get("/broken/")
    assert response.status_code == 500
    page = response.content.decode()
    assert "Something went wrong" in page
    assert "a bug" not in page


def test_normal_responses_are_untouched():
    assert Client().get("/fine/").content == b"ok"
