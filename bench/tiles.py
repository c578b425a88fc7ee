#!/usr/bin/env python3
"""A local base-map tile server in the XYZ ("slippy map") format the web map is configured with
(PATROLMAP_TILE_URL, default https://tile.openstreetmap.org/{z}/{x}/{y}.png).

Answers GET /{z}/{x}/{y}.png with a real 256x256 PNG (a light ground with a grid line at the tile
edges, shaded by zoom), GET /{z}/{x}/{y}@2x.png with the same at 512x512 for high-density screens
(the "{r}" of a template such as /{z}/{x}/{y}{r}.png, which Leaflet fills with "@2x" there), and
404 for anything else, with the caching headers a public tile server sends. Used by bench/lighthouse.sh so Lighthouse measures the page as in production, where the
tiles are reachable, on a machine without internet.

    python3 bench/tiles.py PORT
"""
import re
import struct
import sys
import zlib
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

TILE_PATH = re.compile(r"^/(\d{1,2})/(\d+)/(\d+)(@2x)?\.png$")


def png(shade, size):
    """A size x size greyscale PNG: ground `shade`, a darker line along the top and left edges."""
    edge = max(shade - 24, 0)
    rows = []
    for y in range(size):
        if y == 0:
            rows.append(b"\x00" + bytes([edge]) * size)
        else:
            rows.append(b"\x00" + bytes([edge]) + bytes([shade]) * (size - 1))

    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", size, size, 8, 0, 0, 0, 0)  # 8-bit greyscale
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"".join(rows), 9))
        + chunk(b"IEND", b"")
    )


TILES = {(z, hi): png(246 - z, 512 if hi else 256) for z in range(0, 20) for hi in (False, True)}


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_GET(self):
        match = TILE_PATH.match(self.path.split("?", 1)[0])
        z = int(match.group(1)) if match else -1
        hi = bool(match and match.group(4))
        if not match or (z, hi) not in TILES or max(int(match.group(2)), int(match.group(3))) >= 2**z:
            body = b"not a tile: use /{z}/{x}/{y}.png\n"
            self.send_response(404)
            self.send_header("Content-Type", "text/plain; charset=utf-8")
        else:
            body = TILES[(z, hi)]
            self.send_response(200)
            self.send_header("Content-Type", "image/png")
            self.send_header("Cache-Control", "public, max-age=86400")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        try:
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the browser closed the page before the tile arrived

    def log_message(self, fmt, *args):
        pass


if __name__ == "__main__":
    port = int(sys.argv[1]) if len(sys.argv) > 1 else 18141
    ThreadingHTTPServer(("127.0.0.1", port), Handler).serve_forever()
