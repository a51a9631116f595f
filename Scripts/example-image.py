#!/usr/bin/env python3
"""Writes an example image tarball for the HTML report and the README screenshot: a NestJS
"finance" service like the team's (Debian base, build tools, pnpm install with TensorFlow and
canvas, the app, a cleanup layer that wastes bytes), as a Docker 25+ `docker save` archive
(OCI layout with gzip layers). File contents are zeros, so the 1.3 GB of content compresses
to a few megabytes. Deterministic: same bytes every run.

usage: Scripts/example-image.py OUT.tar
"""
import gzip
import hashlib
import io
import json
import os
import sys
import tarfile
import tempfile

MB = 1_000_000
KB = 1_000
PNPM = "/app/node_modules/.pnpm"


class Zeros(io.RawIOBase):
    """A readable stream of `size` zero bytes."""

    def __init__(self, size):
        self.left = size

    def readable(self):
        return True

    def readinto(self, buffer):
        count = min(len(buffer), self.left)
        buffer[:count] = bytes(count)
        self.left -= count
        return count


class HashingWriter(io.RawIOBase):
    """Passes writes on and hashes them: the diff_id is the sha256 of the uncompressed tar."""

    def __init__(self, target):
        self.target = target
        self.sha = hashlib.sha256()

    def writable(self):
        return True

    def write(self, data):
        self.sha.update(data)
        self.target.write(data)
        return len(data)


def package(name, version, files):
    """Files of a pnpm package: NAME@VERSION/node_modules/NAME/..., its package.json, and the
    top-level symlink node_modules/NAME that Node resolution follows; scoped names use '+'."""
    store = name.replace("/", "+")
    root = "%s/%s@%s/node_modules/%s" % (PNPM, store, version, name)
    manifest = json.dumps({"name": name, "version": version, "main": "index.js"})
    entries = [(root + "/" + path, size) for path, size in files if path != "package.json"]
    entries.append((root + "/package.json", manifest))
    target = "../" * name.count("/") + ".pnpm/%s@%s/node_modules/%s" % (store, version, name)
    entries.append(("/app/node_modules/" + name, "->" + target))
    return entries


APP_MANIFEST = json.dumps({
    "name": "finance", "version": "2.14.0", "private": True,
    "dependencies": {"@nestjs/core": "10.3.8", "@tensorflow/tfjs-node": "4.22.0", "canvas": "2.11.2", "rxjs": "7.8.1",
                     "@aws-sdk/client-s3": "3.583.0", "@prisma/engines": "5.14.0"},
    "devDependencies": {"typescript": "5.4.5", "@swc/core-linux-x64-gnu": "1.5.7", "esbuild": "0.21.4"},
}, indent=2)


LAYERS = [
    ("/bin/sh -c #(nop) ADD file:a3f1b2c4d5e6 in / ", [
        ("/usr/lib/x86_64-linux-gnu/libicudata.so.72.1", 30_700 * KB),
        ("/usr/lib/x86_64-linux-gnu/libcrypto.so.3", 4_700 * KB),
        ("/usr/lib/x86_64-linux-gnu/libperl.so.5.36.0", 3_900 * KB),
        ("/usr/lib/x86_64-linux-gnu/libstdc++.so.6.0.30", 2_300 * KB),
        ("/usr/lib/x86_64-linux-gnu/libc.so.6", 2_100 * KB),
        ("/usr/bin/perl", 3_800 * KB), ("/usr/bin/bash", 1_300 * KB), ("/usr/bin/ls", 150 * KB),
        ("/usr/share/locale/locale-archive", 8_100 * KB), ("/usr/share/doc/bundle.txt", 5_200 * KB),
        ("/var/lib/dpkg/status", 310 * KB), ("/etc/passwd", 1 * KB), ("/etc/os-release", 1 * KB),
    ]),
    ("/bin/sh -c apt-get update && apt-get install -y python3 make g++ libcairo2-dev libpango1.0-dev libgl1", [
        ("/usr/lib/x86_64-linux-gnu/libLLVM-15.so.1", 110_000 * KB),
        ("/usr/lib/gcc/x86_64-linux-gnu/12/cc1plus", 35_400 * KB),
        ("/usr/lib/gcc/x86_64-linux-gnu/12/lto1", 33_100 * KB),
        ("/usr/lib/gcc/x86_64-linux-gnu/12/cc1", 30_200 * KB),
        ("/usr/lib/x86_64-linux-gnu/dri/swrast_dri.so", 20_300 * KB),
        ("/usr/lib/python3.11/lib-dynload/bundle.so", 25_000 * KB),
        ("/usr/lib/x86_64-linux-gnu/libcairo.so.2.11600.0", 1_200 * KB),
        ("/var/lib/apt/lists/deb.debian.org_debian_dists_bookworm_main_binary-amd64_Packages", 45_000 * KB),
        ("/var/cache/apt/archives/llvm-15_amd64.deb", 60_000 * KB),
        ("/var/cache/apt/archives/gcc-12_amd64.deb", 35_000 * KB),
    ]),
    ("COPY package.json pnpm-lock.yaml pnpm-workspace.yaml ./ # buildkit", [
        ("/app/package.json", APP_MANIFEST), ("/app/pnpm-lock.yaml", 410 * KB), ("/app/pnpm-workspace.yaml", 1 * KB),
    ]),
    ("RUN /bin/sh -c pnpm install --frozen-lockfile # buildkit",
        package("@tensorflow/tfjs-node", "4.22.0", [
            ("deps/lib/libtensorflow.so.2.9.1", 331_000 * KB), ("deps/lib/libtensorflow_framework.so.2.9.1", 39_500 * KB),
            ("lib/napi-v8/tfjs_binding.node", 12_600 * KB), ("package.json", 3 * KB)])
        + package("canvas", "2.11.2", [
            ("build/Release/canvas.node", 2_100 * KB), ("build/Release/libcairo.so.2", 1_300 * KB),
            ("build/Release/libpango-1.0.so.0", 400 * KB), ("build/Release/obj.target/bundle.o", 55_000 * KB)])
        + package("@swc/core-linux-x64-gnu", "1.5.7", [("swc.linux-x64-gnu.node", 49_800 * KB)])
        + package("typescript", "5.4.5", [("lib/typescript.js", 9_100 * KB), ("lib/tsc.js", 8_700 * KB),
                                           ("lib/lib.dom.d.ts", 1_200 * KB)])
        + package("@prisma/engines", "5.14.0", [("libquery_engine-debian-openssl-3.0.x.so.node", 16_400 * KB),
                                                ("schema-engine-debian-openssl-3.0.x", 21_300 * KB)])
        + package("esbuild", "0.21.4", [("bin/esbuild", 9_400 * KB)])
        + package("rxjs", "7.8.1", [("dist/bundles/rxjs.umd.js", 5_200 * KB)])
        + package("@nestjs/core", "10.3.8", [("index.js", 1_100 * KB)])
        + package("@aws-sdk/client-s3", "3.583.0", [("dist-cjs/index.js", 4_900 * KB)])
        + [("/root/.local/share/pnpm/store/v3/files/00/bundle", 96_000 * KB),
           ("/root/.cache/node-gyp/20.13.1/include/node/bundle.h", 48_000 * KB)]),
    ("COPY . . # buildkit", [
        ("/app/.git/objects/pack/pack-1.pack", 24_800 * KB), ("/app/src/main.ts", 2 * KB), ("/app/src/bundle.ts", 3_100 * KB),
        ("/app/dist/main.js", 6_100 * KB), ("/app/test/bundle.spec.ts", 1_900 * KB),
        ("/app/.claude/sessions/bundle.jsonl", 1_200 * KB),
    ]),
    ("RUN /bin/sh -c pnpm build # buildkit", [("/app/dist/main.js", 7_200 * KB), ("/app/dist/main.js.map", 9_800 * KB)]),
    ("RUN /bin/sh -c rm -rf /var/cache/apt/archives/*.deb # buildkit", [
        ("/var/cache/apt/archives/.wh.llvm-15_amd64.deb", 0), ("/var/cache/apt/archives/.wh.gcc-12_amd64.deb", 0),
    ]),
]


def write_layer(files, directory):
    """Writes one gzip layer blob; returns (diff_id, blob digest, blob path)."""
    handle, path = tempfile.mkstemp(dir=directory)
    with os.fdopen(handle, "wb") as raw:
        with gzip.GzipFile(fileobj=raw, mode="wb", compresslevel=1, mtime=0) as compressed:
            hashing = HashingWriter(compressed)
            with tarfile.open(fileobj=hashing, mode="w|", format=tarfile.PAX_FORMAT) as tar:
                made = set()
                for name, body in files:
                    parts = name.strip("/").split("/")
                    for depth in range(1, len(parts)):
                        parent = "/".join(parts[:depth])
                        if parent not in made:
                            made.add(parent)
                            info = tarfile.TarInfo(parent)
                            info.type, info.mode, info.mtime = tarfile.DIRTYPE, 0o755, 1714521600
                            tar.addfile(info)
                    info = tarfile.TarInfo("/".join(parts))
                    info.mode, info.mtime = 0o644, 1714521600
                    if isinstance(body, str) and body.startswith("->"):
                        info.type, info.linkname = tarfile.SYMTYPE, body[2:]
                        tar.addfile(info)
                    elif isinstance(body, str):
                        data = body.encode()
                        info.size = len(data)
                        tar.addfile(info, io.BytesIO(data))
                    else:
                        info.size = body
                        tar.addfile(info, io.BufferedReader(Zeros(body), 1 << 20))
    sha = hashlib.sha256()
    with open(path, "rb") as blob:
        for chunk in iter(lambda: blob.read(1 << 20), b""):
            sha.update(chunk)
    return "sha256:" + hashing.sha.hexdigest(), "sha256:" + sha.hexdigest(), path


def main():
    out = sys.argv[1]
    work = tempfile.mkdtemp(dir=os.path.dirname(os.path.abspath(out)))
    layers = [write_layer(files, work) for _, files in LAYERS]
    history = [{"created": "2024-05-01T09:00:00Z", "created_by": step} for step, _ in LAYERS]
    history[0:0] = []
    history += [{"created": "2024-05-01T09:00:00Z", "created_by": "WORKDIR /app", "empty_layer": True},
                {"created": "2024-05-01T09:00:00Z", "created_by": 'CMD ["node", "dist/main.js"]', "empty_layer": True}]
    config = {
        "architecture": "amd64", "os": "linux", "created": "2024-05-01T09:00:00Z",
        "config": {"WorkingDir": "/app", "Cmd": ["node", "dist/main.js"], "Env": ["NODE_ENV=production"]},
        "rootfs": {"type": "layers", "diff_ids": [diff for diff, _, _ in layers]},
        "history": history,
    }
    config_bytes = json.dumps(config, indent=2).encode()
    config_digest = "sha256:" + hashlib.sha256(config_bytes).hexdigest()
    manifest = {
        "schemaVersion": 2, "mediaType": "application/vnd.oci.image.manifest.v1+json",
        "config": {"mediaType": "application/vnd.oci.image.config.v1+json", "digest": config_digest, "size": len(config_bytes)},
        "layers": [{"mediaType": "application/vnd.oci.image.layer.v1.tar+gzip", "digest": blob, "size": os.path.getsize(path)}
                   for _, blob, path in layers],
    }
    manifest_bytes = json.dumps(manifest, indent=2).encode()
    manifest_digest = "sha256:" + hashlib.sha256(manifest_bytes).hexdigest()
    tag = "registry.example.com/finance:2.14.0"
    index = {"schemaVersion": 2, "mediaType": "application/vnd.oci.image.index.v1+json", "manifests": [{
        "mediaType": "application/vnd.oci.image.manifest.v1+json", "digest": manifest_digest, "size": len(manifest_bytes),
        "annotations": {"io.containerd.image.name": tag, "org.opencontainers.image.ref.name": "2.14.0"}}]}
    docker_manifest = [{"Config": "blobs/sha256/" + config_digest[7:], "RepoTags": [tag],
                        "Layers": ["blobs/sha256/" + blob[7:] for _, blob, _ in layers]}]

    def add_bytes(tar, name, data):
        info = tarfile.TarInfo(name)
        info.size, info.mode, info.mtime = len(data), 0o644, 1714521600
        tar.addfile(info, io.BytesIO(data))

    with tarfile.open(out + ".tmp", "w", format=tarfile.PAX_FORMAT) as tar:
        for _, blob, path in layers:
            info = tarfile.TarInfo("blobs/sha256/" + blob[7:])
            info.size, info.mode, info.mtime = os.path.getsize(path), 0o644, 1714521600
            with open(path, "rb") as handle:
                tar.addfile(info, handle)
        add_bytes(tar, "blobs/sha256/" + config_digest[7:], config_bytes)
        add_bytes(tar, "blobs/sha256/" + manifest_digest[7:], manifest_bytes)
        add_bytes(tar, "oci-layout", b'{"imageLayoutVersion": "1.0.0"}')
        add_bytes(tar, "index.json", json.dumps(index).encode())
        add_bytes(tar, "manifest.json", json.dumps(docker_manifest).encode())
    os.replace(out + ".tmp", out)
    for _, _, path in layers:
        os.remove(path)
    os.rmdir(work)


if __name__ == "__main__":
    main()
