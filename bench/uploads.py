"""What one photo upload costs in memory, and three at once (bench/README.md, "Uploads").

    .venv/bin/python bench/uploads.py                  # the table of bench/README.md
    .venv/bin/python bench/uploads.py --module old.py  # the same cases through another images.py

Each case runs in a fresh process: it reads the file, notes its peak resident memory
(VmHWM: unlike ru_maxrss it is not inherited from the process that started it), cleans the photo as an upload does (`common.images.clean_uploaded_image`) in 1 or 3
threads at once, and reports how far the peak rose. The files are made here, outside the
measured process: a PNG of one colour just under the pixel cap (tens of KB that decode into
the cap's worth of pixels, the costly case), a 12-megapixel phone JPEG and a WebP.
"""

from __future__ import annotations

import argparse
import importlib.util
import io
import json
import os
import struct
import subprocess
import sys
import tempfile
import threading
import time
import zlib
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent


def png_of_one_colour(width: int, height: int, *, alpha: bool = True) -> bytes:
    """A valid PNG of width x height pixels, compressed row by row (never whole in memory)."""
    channels = 4 if alpha else 3
    row = b"\x00" + bytes([200, 80, 20, 255][:channels]) * width
    packer = zlib.compressobj(9)
    parts = [packer.compress(row) for _ in range(height)]
    parts.append(packer.flush())
    data = b"".join(parts)

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", width, height, 8, 6 if alpha else 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", data) + chunk(b"IEND", b"")


def photo_bytes(width: int, height: int, fmt: str) -> bytes:
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (width, height), (200, 80, 20))
    draw = ImageDraw.Draw(image)
    for x in range(0, width, 97):  # some detail, so the encoder has something to do
        draw.line([(x, 0), (width - x, height)], fill=(x % 255, 40, 200), width=9)
    buffer = io.BytesIO()
    image.save(buffer, format=fmt, quality=90)
    return buffer.getvalue()


def cases(max_pixels: int) -> dict[str, bytes]:
    side = int(max_pixels**0.5) - 1
    return {
        f"PNG {side}x{side} (just under the cap), RGBA": png_of_one_colour(side, side),
        "JPEG 4032x3024 (a 12-megapixel phone photo)": photo_bytes(4032, 3024, "JPEG"),
        "WebP 4000x3000": photo_bytes(4000, 3000, "WEBP"),
        f"WebP {side}x{side} (just under the cap)": photo_bytes(side, side, "WEBP"),
    }


def _peak_rss_kb() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    raise RuntimeError("no VmHWM in /proc/self/status (Linux only)")


def _child(path: str, count: int, module: str | None) -> None:
    sys.path.insert(0, str(BASE_DIR))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from django.core.exceptions import ValidationError
    from django.core.files.uploadedfile import SimpleUploadedFile

    if module:
        spec = importlib.util.spec_from_file_location("images_under_test", module)
        images = importlib.util.module_from_spec(spec)
        sys.modules[spec.name] = images
        spec.loader.exec_module(images)
    else:
        from common import images
    data = Path(path).read_bytes()
    errors: list[str] = []
    start = time.perf_counter()
    baseline = _peak_rss_kb()

    def clean() -> None:
        try:
            images.clean_uploaded_image(SimpleUploadedFile("photo", data))
        except ValidationError as error:
            errors.append(error.code or "invalid")

    threads = [threading.Thread(target=clean) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    peak = _peak_rss_kb()
    print(json.dumps({
        "peak_mb": round((peak - baseline) / 1024, 1),
        "seconds": round(time.perf_counter() - start, 2),
        "errors": errors,
        "bytes": len(data),
    }))


def measure(data: bytes, *, count: int, module: str | None = None, env: dict | None = None) -> dict:
    """Clean `data` as `count` simultaneous uploads in a fresh process; its memory rise and time."""
    with tempfile.NamedTemporaryFile(suffix=".img") as handle:
        handle.write(data)
        handle.flush()
        command = [sys.executable, str(Path(__file__).resolve()), "--child", handle.name, "--count", str(count)]
        if module:
            command += ["--module", module]
        result = subprocess.run(command, cwd=BASE_DIR, capture_output=True, text=True, timeout=300,
                                env={**os.environ, **(env or {})})
    if result.returncode != 0:
        raise RuntimeError(result.stderr)
    return json.loads(result.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--child")
    parser.add_argument("--count", type=int, default=1)
    parser.add_argument("--module", help="an images.py to measure instead of common/images.py")
    parser.add_argument("--max-pixels", type=int, help="the pixel cap the PNG case sits under (default: the setting)")
    args = parser.parse_args()
    if args.child:
        _child(args.child, args.count, args.module)
        return
    max_pixels = args.max_pixels or int(os.environ.get("MAX_IMAGE_PIXELS", "16000000"))
    env = {"MAX_IMAGE_PIXELS": str(max_pixels)}
    print("| case | size | 1 upload: MB, s | 3 at once: MB, s |\n|---|---:|---:|---:|")
    for name, data in cases(max_pixels).items():
        one = measure(data, count=1, module=args.module, env=env)
        three = measure(data, count=3, module=args.module, env=env)
        refused = f" (refused: {', '.join(one['errors'])})" if one["errors"] else ""
        print(f"| {name}{refused} | {len(data) // 1024} KB | {one['peak_mb']}, {one['seconds']} "
              f"| {three['peak_mb']}, {three['seconds']} |")


if __name__ == "__main__":
    main()
