#!/usr/bin/python3
"""Writes md5_expected.h: hashlib.md5's hexdigest of byte patterns of
lengths around MD5's 64-byte blocks and its 56-byte padding boundary, and
of a file larger than gt_md5_file's 1 MiB pieces (test_core_md5.c makes
the same bytes with pattern_byte).

    gen_md5_expected.py OUT_HEADER
"""
import hashlib
import sys

LENGTHS = [0, 1, 3, 55, 56, 57, 63, 64, 65, 119, 120, 127, 128, 129, 1000, 4096, 100003, (3 << 20) + 17]


def pattern(n):
    return bytes((k * 31 + 7 + (k >> 8)) & 0xFF for k in range(n))


def main():
    lines = ["/* md5_expected.h - written by gen_md5_expected.py from hashlib. */",
             "typedef struct { long long len; const char *hex; } md5_case;",
             "static const md5_case md5_cases[] = {"]
    for n in LENGTHS:
        lines.append('  {%d, "%s"},' % (n, hashlib.md5(pattern(n)).hexdigest()))
    lines.append("};")
    lines.append('static const char md5_abc[] = "%s";' % hashlib.md5(b"abc").hexdigest())
    with open(sys.argv[1], "w") as f:
        f.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
