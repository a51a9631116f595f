#!/usr/bin/env python3
"""Write a `docker save` tarball (legacy layout, uncompressed layers) of realistic mixed content.

usage: mixed_image.py OUT.tar [--scale S] [--seed N] [--gzip-layers] [--duplicates]

Each layer mixes what real images hold, in the proportions and clustering they have:
  text              source and headers cut from /usr/include and /usr/lib/python3* (compresses ~4:1)
  shared libraries  bytes cut from /usr/lib/x86_64-linux-gnu/*.so* (~2.5:1)
  already compressed gzip'd text and seeded random bytes (~1:1, like .gz, .png, .woff2)
  zero-filled       sparse model weights, preallocated files (~1000:1)
Layers (at --scale 1, about 95 MB in all): a base OS layer of libraries and headers; a
node_modules-like layer of many small files of every kind; a "model" layer where a few large
files of one kind each sit between runs of small files (the case that defeats naive sampling);
and a small config layer. --scale multiplies file counts and large-file sizes (--scale 16: ~1.5 GB).
--duplicates adds to the config layer what ML images ship twice: a second copy of the model
layer's libtensorflow.so (a native library vendored by two packages) and of its embeddings.npy
(a model copied twice), and a file of embeddings.npy's size with other bytes. The first three
layers stay byte for byte those of the image without the flag.
Everything is seeded, so the same arguments write the same bytes.
"""
import glob, gzip, hashlib, io, json, os, random, sys, tarfile, tempfile

args = [a for a in sys.argv[1:]]
if not args or args[0].startswith("-"):
    sys.exit(__doc__)
out = args[0]
scale = 1.0
seed = 7
gzip_layers = False
duplicates = False
i = 1
while i < len(args):
    if args[i] == "--scale":
        scale = float(args[i + 1]); i += 2
    elif args[i] == "--seed":
        seed = int(args[i + 1]); i += 2
    elif args[i] == "--gzip-layers":
        gzip_layers = True; i += 1
    elif args[i] == "--duplicates":
        duplicates = True; i += 1
    else:
        sys.exit(f"unknown argument {args[i]}\n{__doc__}")
rng = random.Random(seed)


def pool_of(patterns, limit):
    files = sorted(p for pat in patterns for p in glob.glob(pat, recursive=True)
                   if os.path.isfile(p) and not os.path.islink(p))
    parts, total = [], 0
    for p in files:
        with open(p, "rb") as fh:
            data = fh.read()
        parts.append(data)
        total += len(data)
        if total >= limit:
            break
    return b"".join(parts)


text = pool_of(["/usr/include/**/*.h", "/usr/lib/python3*/**/*.py"], 48 << 20)
binary = pool_of(["/usr/lib/x86_64-linux-gnu/*.so*"], 96 << 20)
# Already-compressed bytes: gzip'd slices of text (real deflate streams) and seeded random bytes.
packed = b"".join(gzip.compress(text[o:o + (1 << 20)], 6, mtime=0) for o in range(0, 16 << 20, 1 << 20))


def cut(pool, size):
    if size <= 0:
        return b""
    if size >= len(pool):
        return (pool * (size // len(pool) + 1))[:size]
    start = rng.randrange(0, len(pool) - size)
    return pool[start:start + size]


def content(kind, size):
    if kind == "text":
        return cut(text, size)
    if kind == "binary":
        return cut(binary, size)
    if kind == "gz":
        return cut(packed, size)
    if kind == "random":
        return rng.randbytes(size)
    return bytes(size)  # zero


def n(count):
    return max(1, int(count * scale))


def big(size):
    return int(size * scale)


# Each layer: a list of (path, kind, size).
def base_layer():
    files = []
    for f in range(n(120)):
        files.append((f"usr/lib/x86_64-linux-gnu/lib{f}.so.1", "binary", int(rng.lognormvariate(11.5, 1.2))))
    for f in range(n(900)):
        files.append((f"usr/include/pkg{f % 40}/h{f}.h", "text", int(rng.lognormvariate(8.5, 1.1))))
    for f in range(n(60)):
        files.append((f"usr/share/doc/p{f}/changelog.gz", "gz", int(rng.lognormvariate(9.5, 1.0))))
    rng.shuffle(files)
    return files


def node_modules_layer():
    files = []
    for f in range(n(3000)):
        r = rng.random()
        pkg = f"app/node_modules/pkg{f % 150}"
        if r < 0.70:
            files.append((f"{pkg}/lib/f{f}.js", "text", int(rng.lognormvariate(8.0, 1.3))))
        elif r < 0.80:
            files.append((f"{pkg}/build/Release/b{f}.node", "binary", int(rng.lognormvariate(11.0, 1.0))))
        elif r < 0.90:
            files.append((f"{pkg}/assets/i{f}.png", "random", int(rng.lognormvariate(9.0, 1.2))))
        elif r < 0.95:
            files.append((f"{pkg}/dist/d{f}.js.gz", "gz", int(rng.lognormvariate(9.0, 1.0))))
        else:
            files.append((f"{pkg}/cache/z{f}.bin", "zero", int(rng.lognormvariate(10.0, 1.5))))
    files.sort(key=lambda item: item[0])  # tar writers walk directories in order: kinds cluster
    return files


def model_layer():
    files = []
    for f in range(n(200)):
        files.append((f"opt/model/a/t{f}.py", "text", int(rng.lognormvariate(8.5, 1.0))))
    files.append(("opt/model/b/weights.bin", "zero", big(14 << 20)))
    for f in range(n(40)):
        files.append((f"opt/model/c/lib{f}.so", "binary", int(rng.lognormvariate(11.0, 1.0))))
    files.append(("opt/model/d/vocab.json.gz", "gz", big(6 << 20)))
    files.append(("opt/model/e/libtensorflow.so", "binary", big(12 << 20)))
    files.append(("opt/model/f/embeddings.npy", "random", big(5 << 20)))
    for f in range(n(200)):
        files.append((f"opt/model/g/t{f}.txt", "text", int(rng.lognormvariate(8.0, 1.0))))
    return files


def config_layer():
    files = [(f"etc/app/c{f}.yaml", "text", int(rng.lognormvariate(7.0, 1.0))) for f in range(n(50))]
    if duplicates:
        files += [("opt/serving/lib/libtensorflow.so", "copy:opt/model/e/libtensorflow.so", big(12 << 20)),
                  ("srv/models/embeddings.npy", "copy:opt/model/f/embeddings.npy", big(5 << 20)),
                  ("srv/models/other.npy", "random", big(5 << 20))]
    return files


# Bytes of the files --duplicates copies, kept as they are written.
copied = {"opt/model/e/libtensorflow.so": None, "opt/model/f/embeddings.npy": None} if duplicates else {}


tmp = tempfile.mkdtemp(dir=os.path.dirname(os.path.abspath(out)) or ".")
layers = []
for index, files in enumerate([base_layer(), node_modules_layer(), model_layer(), config_layer()]):
    raw = os.path.join(tmp, f"layer{index}.tar")
    with tarfile.open(raw, "w", format=tarfile.PAX_FORMAT) as t:
        for path, kind, size in files:
            info = tarfile.TarInfo(path)
            info.size = size
            info.mode = 0o644
            data = copied[kind[5:]] if kind.startswith("copy:") else content(kind, size)
            if path in copied:
                copied[path] = data
            t.addfile(info, io.BytesIO(data))
    digest = hashlib.sha256()
    with open(raw, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    blob = raw
    if gzip_layers:
        blob = raw + ".gz"
        with open(raw, "rb") as src, gzip.GzipFile(blob, "wb", 6, mtime=0) as dst:
            for chunk in iter(lambda: src.read(1 << 20), b""):
                dst.write(chunk)
        os.remove(raw)
    layers.append((blob, digest.hexdigest()))

config = {"architecture": "amd64", "os": "linux", "config": {"User": "1001"},
          "rootfs": {"type": "layers", "diff_ids": ["sha256:" + d for _, d in layers]},
          "history": [{"created_by": f"RUN step {i}"} for i in range(len(layers))]}
config_bytes = json.dumps(config).encode()
config_digest = hashlib.sha256(config_bytes).hexdigest()
manifest = [{"Config": f"{config_digest}.json", "RepoTags": ["mixed:latest"],
             "Layers": [f"{d}/layer.tar" for _, d in layers]}]
with tarfile.open(out, "w") as t:
    for path, digest in layers:
        info = tarfile.TarInfo(f"{digest}/layer.tar")
        info.size = os.path.getsize(path)
        with open(path, "rb") as fh:
            t.addfile(info, fh)
        os.remove(path)
    for name, data in ((f"{config_digest}.json", config_bytes), ("manifest.json", json.dumps(manifest).encode())):
        info = tarfile.TarInfo(name)
        info.size = len(data)
        t.addfile(info, io.BytesIO(data))
os.rmdir(tmp)
