#!/usr/bin/python3
"""Writes the image folder the ImageFolder cases read (both python3 and the
compiled program): DEST/<class>/<file>, PNG and JPEG files of several sizes
and modes, written by PIL, with a file that is not an image and a nested
folder, as torchvision.datasets.ImageFolder finds them.

    make_image_folder.py DEST_DIR
"""
import os
import sys

from PIL import Image


def pattern(w, h, seed):
    """Deterministic pixels with edges and gradients, so that a resize
    exercises its filter."""
    return [((x * 37 + y * 11 + seed * 53) % 256, (x * y + seed * 7) % 256, ((x ^ y) * 19 + seed) % 256)
            for y in range(h) for x in range(w)]


def image(mode, w, h, seed):
    rgb = Image.new("RGB", (w, h))
    rgb.putdata(pattern(w, h, seed))
    if mode == "RGB":
        return rgb
    if mode == "P":
        return rgb.quantize(colors=16)
    return rgb.convert(mode)


# (class, relative path, mode, width, height, seed)
FILES = [
    ("cat", "a.png", "RGB", 40, 30, 1),
    ("cat", "b.jpg", "RGB", 33, 47, 2),
    ("cat", "c.PNG", "L", 24, 24, 3),
    ("cat", "notes.txt", None, 0, 0, 0),
    ("cat", "more/d.png", "RGBA", 20, 36, 4),
    ("dog", "e.jpeg", "L", 50, 28, 5),
    ("dog", "f.png", "P", 31, 31, 6),
    ("dog", "g.png", "LA", 17, 45, 7),
    ("zebra", "h.jpg", "RGB", 64, 64, 8),
    ("zebra", "i.png", "RGB", 12, 9, 9),
]


def main():
    dest = sys.argv[1]
    for cls, rel, mode, w, h, seed in FILES:
        path = os.path.join(dest, cls, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        if mode is None:
            with open(path, "w") as f:
                f.write("not an image\n")
            continue
        fmt = "JPEG" if rel.lower().endswith((".jpg", ".jpeg")) else "PNG"
        image(mode, w, h, seed).save(path, fmt, **({"quality": 90} if fmt == "JPEG" else {}))
    with open(os.path.join(dest, "README"), "w") as f:
        f.write("a file at the top is not a class\n")


if __name__ == "__main__":
    main()
