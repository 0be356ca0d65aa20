from __future__ import annotations

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from PIL import ExifTags, Image

from common.images import PhotoField, clean_uploaded_image, make_rendition
from common.tests.imaging import (
    SVG,
    gif_bytes,
    jpeg_bytes,
    png_bomb_bytes,
    png_bytes,
    truncated_jpeg_bytes,
    upload,
    webp_bytes,
)


def _refused(data: bytes, name: str = "photo.jpg") -> ValidationError:
    with pytest.raises(ValidationError) as caught:
        clean_uploaded_image(upload(data, name))
    return caught.value


def _opened(clean) -> Image.Image:
    return Image.open(io.BytesIO(clean.file.read()))


def test_text_file_renamed_jpg_is_refused_as_unreadable():
    error = _refused(b"Just some notes, not a photo.\n" * 20, "notes.jpg")
    assert error.code == "invalid_image"
    assert "JPEG, PNG or WebP" in error.messages[0]


def test_svg_is_refused_even_with_an_image_name():
    assert _refused(SVG, "logo.svg").code == "invalid_image"
    assert _refused(SVG, "logo.png").code == "invalid_image"


def test_gif_is_refused_by_content():
    assert _refused(gif_bytes(), "photo.jpg").code == "invalid_image"


def test_truncated_jpeg_is_refused_as_damaged():
    error = _refused(truncated_jpeg_bytes())
    assert error.code == "damaged"
    assert "damaged or incomplete" in error.messages[0]


def test_png_declaring_50000_by_50000_is_refused_before_decoding():
    error = _refused(png_bomb_bytes(), "tiny.png")
    assert error.code == "too_many_pixels"
    assert "16 megapixels" in error.messages[0]


def test_image_between_the_limit_and_twice_the_limit_is_refused(settings):
    # Pillow only warns (no error) up to twice its limit; the validator refuses anyway.
    settings.MAX_IMAGE_PIXELS = 100 * 100
    assert _refused(jpeg_bytes(150, 100)).code == "too_many_pixels"


def test_file_over_the_size_limit_is_refused_without_reading_it(settings):
    settings.MAX_UPLOAD_BYTES = 8 * 1024 * 1024
    error = _refused(b"\xff\xd8" + b"0" * (9 * 1024 * 1024))
    assert error.code == "too_large"
    assert "8.0" in error.messages[0]


def test_empty_file_is_refused():
    assert _refused(b"").code in {"empty", "invalid_image"}


def test_gps_and_all_exif_are_stripped_and_orientation_applied():
    # Orientation 6: the camera was turned; the stored image must be upright (portrait).
    clean = clean_uploaded_image(upload(jpeg_bytes(64, 48, orientation=6, gps=True)))
    image = _opened(clean)
    assert image.format == "JPEG"
    assert image.size == (48, 64)
    assert (clean.width, clean.height) == (48, 64)
    exif = image.getexif()
    assert ExifTags.IFD.GPSInfo not in exif
    assert not exif.get_ifd(ExifTags.IFD.GPSInfo)
    assert ExifTags.Base.Make not in exif
    assert ExifTags.Base.Orientation not in exif
    clean.file.seek(0)
    assert b"TestCam" not in clean.file.read()
    # The blue corner marker was top-left; rotated 90° clockwise it is now top-right.
    red, green, blue = image.convert("RGB").getpixel((image.width - 2, 1))
    assert blue > 200 and red < 60


def test_png_and_webp_are_accepted_and_reencoded_as_jpeg_photos():
    for data in (png_bytes(), webp_bytes()):
        clean = clean_uploaded_image(upload(data, "picture.bin"))
        assert clean.file.name.endswith(".jpg")
        assert _opened(clean).format == "JPEG"


def test_logo_keeps_its_transparency_as_png():
    clean = clean_uploaded_image(upload(png_bytes(mode="RGBA"), "logo.png"), keep_transparency=True)
    image = _opened(clean)
    assert image.format == "PNG"
    assert image.mode == "RGBA"


def test_photo_field_cleans_to_a_clean_image_and_reports_errors():
    field = PhotoField()
    assert field.widget.attrs["accept"] == "image/jpeg,image/png,image/webp"
    clean = field.clean(upload(jpeg_bytes()))
    assert clean.width == 64
    with pytest.raises(ValidationError):
        field.clean(upload(b"nope", "x.jpg"))


def test_rendition_is_webp_bounded_by_long_edge_and_never_enlarged(tmp_path):
    big = ContentFile(jpeg_bytes(900, 600), name="big.jpg")
    from django.core.files.storage import default_storage

    name = default_storage.save("test/big.jpg", big)
    rendition = make_rendition(default_storage.open(name), long_edge=320)
    image = Image.open(io.BytesIO(rendition.read()))
    assert image.format == "WEBP"
    assert image.size == (320, 213)
    small = default_storage.save("test/small.jpg", ContentFile(jpeg_bytes(100, 80)))
    assert Image.open(io.BytesIO(make_rendition(default_storage.open(small), long_edge=640).read())).size == (100, 80)


def test_default_cap_refuses_a_40_megapixel_header_before_decoding():
    # Under the old 40-megapixel cap this PNG was decoded whole (about 300 MB) before failing.
    from django.conf import settings

    assert settings.MAX_IMAGE_PIXELS == 16_000_000
    error = _refused(png_bomb_bytes(6324, 6324), "tiny.png")
    assert error.code == "too_many_pixels"


def test_a_large_jpeg_is_stored_at_most_the_original_long_edge_and_still_turned_upright():
    from common.images import ORIGINAL_LONG_EDGE

    # Orientation 6: the camera was turned; the stored photo is portrait, marker top-right.
    clean = clean_uploaded_image(upload(jpeg_bytes(4032, 3024, orientation=6)))
    image = _opened(clean)
    assert max(image.size) == ORIGINAL_LONG_EDGE
    assert image.size == (clean.width, clean.height) == (1500, 2000)
    red, green, blue = image.getpixel((image.width - 20, 20))
    assert blue > 200 and red < 60


def test_a_large_jpeg_is_decoded_reduced_not_at_full_size():
    from common.images import ORIGINAL_LONG_EDGE, _decode

    image = _decode(jpeg_bytes(4032, 3024))
    # The decoder was told to scale by 1/2 (2016 x 1512 decoded), then the resize made 2000.
    assert image.decoderconfig[0] == 2
    assert image.size == (ORIGINAL_LONG_EDGE, 1500)
    # A photo that is already small enough is decoded at full scale.
    assert _decode(jpeg_bytes(1800, 1200)).decoderconfig[0] == 1


def test_a_large_png_is_shrunk_to_the_original_long_edge_keeping_transparency():
    clean = clean_uploaded_image(upload(png_bytes(3000, 1000), "logo.png"), keep_transparency=True)
    image = _opened(clean)
    assert image.size == (2000, 667)
    assert image.mode == "RGBA"
    assert image.getpixel((10, 10))[3] == 128


def test_an_upload_waits_for_a_decode_slot_and_is_refused_when_none_frees(settings):
    from common.images import decode_slot

    settings.IMAGE_DECODE_CONCURRENCY = 1
    settings.IMAGE_DECODE_WAIT_SECONDS = 0.2
    with decode_slot():
        error = _refused(jpeg_bytes())
    assert error.code == "busy"
    assert "Please send yours again in a minute" in error.messages[0]
    # The slot is free again once the first decode is done.
    assert clean_uploaded_image(upload(jpeg_bytes())).width == 64


def test_a_rendition_waits_for_a_decode_slot_instead_of_failing(settings, tmp_path):
    import threading

    from django.core.files.storage import default_storage

    from common.images import decode_slot

    settings.IMAGE_DECODE_CONCURRENCY = 1
    settings.IMAGE_DECODE_WAIT_SECONDS = 0.05
    name = default_storage.save("test/wait.jpg", ContentFile(jpeg_bytes(900, 600)))
    made = []
    with decode_slot():
        worker = threading.Thread(target=lambda: made.append(make_rendition(default_storage.open(name), long_edge=320)))
        worker.start()
        worker.join(timeout=0.5)
        assert worker.is_alive() and made == []  # waiting, not refused
    worker.join(timeout=10)
    assert Image.open(io.BytesIO(made[0].read())).size == (320, 213)
