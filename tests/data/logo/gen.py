#!/usr/bin/env python3
"""Writes the logo fixtures of test_logo (run from this folder; standard
library only). ok-*: decode; bad-*: refused as damaged or not a PNG;
big-*: refused as too large. Adding a case means adding a file."""
import struct
import zlib


def chunk(kind, data):
    c = struct.pack(">I", len(data)) + kind + data
    return c + struct.pack(">I", zlib.crc32(kind + data) & 0xffffffff)


def ihdr(w, h, depth, ctype, interlace=0):
    return chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, depth, ctype, 0, 0, interlace))


def png(w, h, depth, ctype, rows, extra=b"", interlace=0, pre=b""):
    """rows: list of raw scanline bytes (without filter bytes)."""
    if interlace:
        raw = adam7(w, h, depth, ctype, rows)
    else:
        raw = b"".join(b"\0" + r for r in rows)
    return (b"\x89PNG\r\n\x1a\n" + ihdr(w, h, depth, ctype, interlace) + pre +
            chunk(b"IDAT", zlib.compress(raw, 9)) + extra + chunk(b"IEND", b""))


def adam7(w, h, depth, ctype, rows):
    bpp = {2: 3, 6: 4, 0: 1, 4: 2}[ctype] * depth // 8
    out = b""
    for x0, y0, dx, dy in ((0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4),
                           (0, 2, 2, 4), (1, 0, 2, 2), (0, 1, 1, 2)):
        for y in range(y0, h, dy):
            line = b"".join(rows[y][x * bpp:(x + 1) * bpp] for x in range(x0, w, dx))
            if line:
                out += b"\0" + line
    return out


def rgba(w, h):
    return [bytes(v for x in range(w) for v in (x * 255 // w, y * 255 // h, 128, (x + y) * 255 // (w + h)))
            for y in range(h)]


def write(name, data):
    with open(name, "wb") as f:
        f.write(data)


good = png(64, 32, 8, 6, rgba(64, 32))
write("ok-rgba-64x32.png", good)
write("ok-rgb-40x40.png", png(40, 40, 8, 2, [bytes([200, 30, 30] * 40)] * 40))
write("ok-gray16-20x10.png", png(20, 10, 16, 0, [bytes([0x80, 0x00] * 20)] * 10))
write("ok-palette-trns-16x16.png",
      png(16, 16, 8, 3, [bytes([(x + y) % 2 for x in range(16)]) for y in range(16)],
          pre=chunk(b"PLTE", bytes([255, 255, 255, 10, 60, 140])) + chunk(b"tRNS", bytes([0, 255]))))
write("ok-interlaced-33x17.png", png(33, 17, 8, 6, rgba(33, 17), interlace=1))
# at the dimension limit: stored scaled down to 512 on its longer side
write("ok-large-1024x800.png", png(1024, 800, 8, 2, [bytes([20, 120, 220] * 1024)] * 800))
# a valid image with a zTXt chunk that would inflate to 64 MB (ignored, capped)
ztxt = chunk(b"zTXt", b"Comment\0\0" + zlib.compress(b"\0" * (64 << 20), 9))
write("ok-ztxt-bomb-8x8.png", png(8, 8, 8, 6, rgba(8, 8), extra=b"", pre=ztxt))
write("bad-truncated.png", good[:len(good) // 2])
write("bad-header-only.png", good[:33])
write("bad-not-png.png", b"This is a text file called logo.png, not an image.\n")
write("bad-jpeg.png", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\0" * 64)
bad = bytearray(good)
bad[60] ^= 0xff  # inside the IDAT data: its CRC no longer matches
write("bad-idat-crc.png", bytes(bad))
write("bad-zero-width.png", png(1, 1, 8, 6, [b"\0\0\0\0"]).replace(
    ihdr(1, 1, 8, 6), ihdr(0, 1, 8, 6)))
# a decompression bomb: 60000x60000 pixels (3.6 GB as RGBA) in a few KB
bomb = zlib.compress(b"\0" * (8 << 20), 9)
write("big-bomb-60000x60000.png", b"\x89PNG\r\n\x1a\n" + ihdr(60000, 60000, 1, 0) +
      chunk(b"IDAT", bomb) + chunk(b"IEND", b""))
write("big-1025x10.png", png(1025, 10, 8, 2, [bytes(3 * 1025)] * 10))


def emblem(w, h):
    """A made-up emblem: a ring with a dot, and three bars (anti-aliased by
    4x4 supersampling), on a transparent background."""
    rows = []
    for y in range(h):
        row = bytearray()
        for x in range(w):
            cov_ring = cov_bar = 0
            for sy in range(4):
                for sx in range(4):
                    px, py = x + (sx + 0.5) / 4, y + (sy + 0.5) / 4
                    d = ((px - h / 2) ** 2 + (py - h / 2) ** 2) ** 0.5
                    if h * 0.30 < d < h * 0.44 or d < h * 0.14:
                        cov_ring += 1
                    for i, length in enumerate((0.95, 0.75, 0.85)):
                        y0 = h * (0.22 + 0.22 * i)
                        if y0 <= py < y0 + h * 0.12 and h * 1.1 <= px < h * 1.1 + (w - h * 1.15) * length:
                            cov_bar += 1
            if cov_ring:
                row += bytes([242, 169, 0, cov_ring * 255 // 16])
            elif cov_bar:
                row += bytes([255, 255, 255, cov_bar * 255 // 16])
            else:
                row += bytes(4)
        rows.append(bytes(row))
    return rows


write("ok-emblem-240x96.png", png(240, 96, 8, 6, emblem(240, 96)))
# found by fuzz_logo: a zTXt chunk declaring 1 GB in a 47-byte file (libpng
# allocates a chunk's declared length before reading it)
write("bad-chunk-1gb-length.png", good[:33] + bytes.fromhex("4000fedf7a545874975b3d320375"))
