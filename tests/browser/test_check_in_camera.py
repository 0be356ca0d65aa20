"""A staff phone scans a pass with its camera: Chromium's fake camera shows the pass's QR code.

The fake camera plays a Y4M file made here from the pass's QR image (the PNG its email carries),
so the page's own path runs: getUserMedia, frames drawn on a canvas, the vendored jsQR, the queue
and the scans endpoint. Typed codes are tested in test_visitor_pass.py.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from django.contrib.auth.models import Permission
from PIL import Image
from playwright.sync_api import expect

from accounts.tests.factories import PASSWORD, UserFactory
from tests.browser.conftest import CHROMIUM_ARGS, PHONE, _chromium_path
from visitors import codes
from visitors.models import Scan
from visitors.qr import qr_png
from visitors.tests.factories import GateFactory, PassFactory, fair_program

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

FRAME = (640, 480)


def write_y4m(path: Path, picture: Image.Image, *, frames: int = 5) -> Path:
    """A still picture as a few frames of raw video, the format Chromium's fake camera plays."""
    width, height = picture.size
    luma, blue, red = picture.convert("YCbCr").split()
    half = (width // 2, height // 2)  # 4:2:0, the chroma planes at half size
    with path.open("wb") as out:
        out.write(f"YUV4MPEG2 W{width} H{height} F10:1 Ip A1:1 C420jpeg\n".encode("ascii"))
        for _ in range(frames):
            out.write(b"FRAME\n")
            out.write(luma.tobytes())
            out.write(blue.resize(half).tobytes())
            out.write(red.resize(half).tobytes())
    return path


def camera_showing(code: str, tmp_path: Path) -> Path:
    """The camera's view of a pass: its QR code held up in the middle of the frame."""
    qr = Image.open(io.BytesIO(qr_png(code))).convert("RGB")
    qr.thumbnail((400, 400))
    frame = Image.new("RGB", FRAME, "white")
    frame.paste(qr, ((FRAME[0] - qr.width) // 2, (FRAME[1] - qr.height) // 2))
    return write_y4m(tmp_path / "camera.y4m", frame)


@pytest.fixture
def camera_page(browser, live_server, tmp_path):
    """camera_page(video) -> (page, CSP refusals): a phone page in a Chromium whose camera plays `video`."""
    launched = []

    def _camera_page(video: Path):
        camera = browser.browser_type.launch(
            executable_path=_chromium_path(),
            headless=True,
            args=[
                *CHROMIUM_ARGS,
                "--use-fake-ui-for-media-stream",
                "--use-fake-device-for-media-stream",
                f"--use-file-for-fake-video-capture={video}",
            ],
        )
        launched.append(camera)
        context = camera.new_context(base_url=live_server.url, permissions=["camera"], **PHONE)
        context.set_default_timeout(15_000)
        page = context.new_page()
        blocked: list[str] = []  # what the Content Security Policy refused
        page.on(
            "console",
            lambda message: (
                blocked.append(message.text) if "Content Security Policy" in message.text else None
            ),
        )
        return page, blocked

    yield _camera_page
    for camera in launched:
        camera.close()


@pytest.fixture
def fair(settings):
    settings.REQUIRE_STAFF_MFA = False
    program = fair_program(slug="fes-fair", name="Fès crafts fair")
    gate = GateFactory(program=program, name="Bab Boujloud")
    staff = UserFactory(email="desk@agency.example", full_name="Desk Staff", role="staff", is_staff=True)
    staff.user_permissions.add(*Permission.objects.filter(codename__in=["add_scan", "view_scan"]))
    return program, gate, staff


def _scan_with_camera(page, program, gate, staff):
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(staff.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(lambda url: "/accounts/login/" not in url)
    page.goto(f"/visitors/{program.slug}/check-in/?gate={gate.pk}")
    page.get_by_role("button", name="Scan with the camera").click()
    expect(page.locator("#camera-video")).to_be_visible()
    return page.locator("#scan-result")


def test_the_camera_reads_a_pass_and_the_scan_is_recorded(fair, camera_page, tmp_path):
    program, gate, staff = fair
    pass_obj = PassFactory(visitor__program=program, visitor__full_name="Nadia Berrada")
    page, blocked = camera_page(camera_showing(codes.sign(pass_obj.code), tmp_path))

    result = _scan_with_camera(page, program, gate, staff)

    expect(result).to_have_class(re.compile(r"\bscan-admitted\b"))
    expect(result).to_contain_text("Welcome, Nadia Berrada.")
    expect(page.locator("#scan-queue")).to_have_text("")
    # The camera goes on seeing the same pass: it stays one scan while it is in view (four
    # seconds more here, twice the time after which a code out of view is a new scan).
    page.wait_for_timeout(4000)
    expect(page.locator("#scan-queue")).to_have_text("")
    scans = list(Scan.objects.filter(program=program))
    assert [(s.pass_obj_id, s.gate_id, s.outcome, s.scanned_by_id) for s in scans] == [
        (pass_obj.pk, gate.pk, Scan.Outcome.ADMITTED, staff.pk)
    ]
    assert blocked == []  # the camera path (canvas, jsQR) runs under the CSP


def test_a_forged_code_shown_to_the_camera_is_refused_and_recorded_as_such(fair, camera_page, tmp_path):
    program, gate, staff = fair
    real = codes.sign(PassFactory(visitor__program=program).code)
    forged = ("B" if real[0] != "B" else "C") + real[1:]
    page, _blocked = camera_page(camera_showing(forged, tmp_path))

    result = _scan_with_camera(page, program, gate, staff)

    expect(result).to_have_class(re.compile(r"\bscan-refused\b"))
    expect(result).to_contain_text("not a valid pass")
    outcomes = set(Scan.objects.filter(program=program).values_list("outcome", "pass_obj"))
    assert outcomes == {(Scan.Outcome.TAMPERED, None)}
