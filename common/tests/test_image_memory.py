"""What uploads cost in memory, measured in fresh processes (bench/uploads.py; bench/README.md)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest
from django.conf import settings

_spec = importlib.util.spec_from_file_location("bench_uploads", Path(settings.BASE_DIR) / "bench" / "uploads.py")
bench = importlib.util.module_from_spec(_spec)
sys.modules[_spec.name] = bench
_spec.loader.exec_module(bench)

MB = 1


@pytest.fixture(scope="module")
def png_under_the_cap() -> bytes:
    # A few tens of KB that decode into just under MAX_IMAGE_PIXELS of RGBA: the dearest upload.
    side = int(settings.MAX_IMAGE_PIXELS**0.5) - 1
    return bench.png_of_one_colour(side, side)


def test_one_upload_under_the_cap_costs_under_200_mb(png_under_the_cap):
    # 16 megapixels of RGBA are 64 MB; decoding, the premultiplied copy for resizing and the
    # resize itself stay under 200 MB. The old 40-megapixel cap let one such file take ~300 MB.
    result = bench.measure(png_under_the_cap, count=1, env={"IMAGE_DECODE_CONCURRENCY": "2"})
    assert result["errors"] == []
    assert result["peak_mb"] < 200 * MB


def test_three_at_once_cost_at_most_two_decodes(png_under_the_cap):
    one = bench.measure(png_under_the_cap, count=1, env={"IMAGE_DECODE_CONCURRENCY": "2"})
    three = bench.measure(png_under_the_cap, count=3, env={"IMAGE_DECODE_CONCURRENCY": "2"})
    assert three["errors"] == []
    # Two decode slots: the third waits, so three cost about two (1.95x measured; the old code,
    # every upload decoding at once, 3x). The margin is for the allocator's reuse of freed blocks.
    assert three["peak_mb"] < 2.5 * one["peak_mb"]
    assert three["peak_mb"] < 450 * MB


def test_a_40_megapixel_png_costs_nothing_to_refuse():
    side = 6324  # just under the old cap
    result = bench.measure(bench.png_of_one_colour(side, side), count=3)
    assert result["errors"] == ["too_many_pixels"] * 3
    assert result["peak_mb"] < 20 * MB
