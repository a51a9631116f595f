#!/usr/bin/env python3
"""Independent reference for wire sizes: gzip each uncompressed layer blob of an image tarball.

usage: gzip_sizes.py IMAGE.tar [--level N]

Prints a JSON object {blob path: size}, where size is the length of
zlib.compressobj(N, zlib.DEFLATED, 31) over the blob's bytes: a gzip member as zlib writes it
(10-byte header without name or time, deflate data, 8-byte trailer). Blobs that start with the
gzip or zstd magic are skipped (their stored size is their wire size). Shares no code with Plimsoll.
"""
import json, sys, tarfile, zlib

args = [a for a in sys.argv[1:]]
if not args:
    sys.exit(__doc__)
level = 6
if "--level" in args:
    level = int(args[args.index("--level") + 1])
sizes = {}
with tarfile.open(args[0], "r:") as outer:
    for member in outer:
        if not member.isfile() or member.size < 512:
            continue
        blob = outer.extractfile(member)
        head = blob.read(4)
        if head[:2] == b"\x1f\x8b" or head == b"\x28\xb5\x2f\xfd" or head[:1] in (b"{", b"["):
            continue
        compressor = zlib.compressobj(level, zlib.DEFLATED, 31)
        total = len(compressor.compress(head))
        for chunk in iter(lambda: blob.read(1 << 20), b""):
            total += len(compressor.compress(chunk))
        total += len(compressor.flush())
        sizes[member.name] = total
print(json.dumps(sizes, sort_keys=True))
