#!/usr/bin/env python3
"""image_facts.py - independent oracle for Plimsoll's tests.

Reads a container image tarball (legacy `docker save`, Docker 25+ OCI layout
with manifest.json, OCI archive, skopeo/kaniko/go-containerregistry variants,
optionally gzip-compressed as a whole) with nothing but the Python standard
library (plus the `zstd` binary for zstd layers) and prints JSON facts about
every image in it: per-layer digests and sizes, and a deliberately simple
overlay merge giving final/wasted bytes.

Usage: python3 image_facts.py IMAGE.tar [--image TAG] [--platform os/arch[/variant]]
Exit status: 0 ok, 2 unusable input or no image matched (one line on stderr).

Size definitions follow /work/shared/design/FORMATS.md "What size means":
  contentBytes = sum of regular-file sizes (hardlinks, whiteouts count 0)
  tarBytes     = length of the uncompressed layer stream (what diff_id hashes)
  compressedBytes = stored blob size if the blob is compressed, else null
  finalBytes   = regular-file bytes visible after merging all layers
  wastedBytes  = contentBytes - finalBytes, attributed to the layer whose copy
                 was overwritten or deleted (each superseded copy counted once)

This file must not share code or logic with Plimsoll's Swift sources.
"""

import argparse
import gzip
import hashlib
import json
import os
import posixpath
import shutil
import subprocess
import sys
import tarfile
import tempfile

GZIP_MAGIC = b"\x1f\x8b"
ZSTD_MAGIC = b"\x28\xb5\x2f\xfd"
AUFS_META = {".wh..wh.aufs", ".wh..wh.orph", ".wh..wh.plnk"}
OPAQUE = ".wh..wh..opq"
WH = ".wh."
ESTARGZ_TOC = "stargz.index.json"

INDEX_TYPES = {
    "application/vnd.oci.image.index.v1+json",
    "application/vnd.docker.distribution.manifest.list.v2+json",
}
IMAGE_CONFIG_TYPES = {
    "application/vnd.oci.image.config.v1+json",
    "application/vnd.docker.container.image.v1+json",
}


class Fail(Exception):
    """Unusable input: exit 2 with a one-line message."""


def warn(msg):
    print("image_facts: warning: " + msg, file=sys.stderr)


def norm(name):
    """Normalise a tar entry name: strip leading './' and '/', trailing '/'."""
    while name.startswith("./"):
        name = name[2:]
    name = name.lstrip("/")
    name = name.rstrip("/")
    if name == ".":
        name = ""
    return name


# --------------------------------------------------------------------------
# Outer archive access


class Outer:
    def __init__(self, path):
        self._tmp = None
        with open(path, "rb") as f:
            magic = f.read(4)
        if magic[:2] == GZIP_MAGIC:
            self._tmp = tempfile.TemporaryFile()
            with gzip.open(path, "rb") as g:
                shutil.copyfileobj(g, self._tmp)
            self._tmp.seek(0)
            self.tar = tarfile.open(fileobj=self._tmp, mode="r:")
        elif magic == ZSTD_MAGIC:
            self._tmp = tempfile.TemporaryFile()
            with open(path, "rb") as f:
                subprocess.run(["zstd", "-dc"], stdin=f, stdout=self._tmp, check=True)
            self._tmp.seek(0)
            self.tar = tarfile.open(fileobj=self._tmp, mode="r:")
        else:
            self.tar = tarfile.open(path, mode="r:")
        self.members = {}
        for m in self.tar.getmembers():
            # last one wins, like extraction would
            self.members[norm(m.name)] = m

    def resolve(self, name, depth=0):
        """Follow symlinks/hardlinks inside the outer archive.
        Returns (resolved_name, member) or (None, None) if absent."""
        name = norm(name)
        m = self.members.get(name)
        if m is None or depth > 32:
            return None, None
        if m.issym():
            target = posixpath.normpath(posixpath.join(posixpath.dirname(name), m.linkname))
            return self.resolve(target, depth + 1)
        if m.islnk():
            return self.resolve(m.linkname, depth + 1)
        if not m.isreg():
            return None, None
        return name, m

    def has(self, name):
        return self.resolve(name)[1] is not None

    def open(self, name):
        rname, m = self.resolve(name)
        if m is None:
            raise KeyError(name)
        return self.tar.extractfile(m)

    def read(self, name):
        with self.open(name) as f:
            return f.read()

    def read_json(self, name):
        return json.loads(self.read(name))


# --------------------------------------------------------------------------
# Layer analysis (per layer, independent of other layers)


def decompress_to_temp(outer, blob_name):
    """Return (tempfile positioned at 0, compression, tar_bytes, sha256 hex)."""
    src = outer.open(blob_name)
    head = src.read(4)
    src.seek(0)
    out = tempfile.TemporaryFile()
    h = hashlib.sha256()
    n = 0

    def pump(stream):
        nonlocal n
        while True:
            chunk = stream.read(1 << 20)
            if not chunk:
                break
            h.update(chunk)
            n += len(chunk)
            out.write(chunk)

    if head[:2] == GZIP_MAGIC:
        comp = "gzip"
        with gzip.GzipFile(fileobj=src, mode="rb") as g:  # handles multi-member (estargz)
            pump(g)
    elif head == ZSTD_MAGIC:
        comp = "zstd"
        # python has no zstd here: spool the blob and let the zstd binary decode it
        blob = tempfile.TemporaryFile()
        shutil.copyfileobj(src, blob)
        blob.seek(0)
        p = subprocess.Popen(["zstd", "-dc"], stdin=blob, stdout=subprocess.PIPE)
        pump(p.stdout)
        if p.wait() != 0:
            raise Fail("zstd -dc failed on %s" % blob_name)
        blob.close()
    else:
        comp = "none"
        pump(src)
    out.seek(0)
    return out, comp, n, "sha256:" + h.hexdigest()


def classify(path):
    """Return one of: 'root', 'aufs', 'opaque', 'whiteout', 'entry'."""
    if path == "":
        return "root"
    parts = path.split("/")
    if any(p in AUFS_META for p in parts):
        return "aufs"
    base = parts[-1]
    if base == OPAQUE:
        return "opaque"
    if base.startswith(WH + WH):
        return "aufs"  # other .wh..wh.* metadata: not a whiteout, not a file
    if base.startswith(WH):
        return "whiteout"
    return "entry"


def analyze_layer(outer, blob_name):
    tmp, comp, tar_bytes, digest = decompress_to_temp(outer, blob_name)
    rname, m = outer.resolve(blob_name)
    entries = []  # (kind, path, size, type) in tar order; kind from classify
    entry_count = 0
    content = 0
    files = 0
    hardlinks = 0
    symlinks = 0
    toc = False
    if tar_bytes > 0:
        # ignore_zeros: read past an early end-of-archive (estargz TOC tar)
        with tarfile.open(fileobj=tmp, mode="r:", ignore_zeros=True) as t:
            for ti in t:
                p = norm(ti.name)
                if p == ESTARGZ_TOC:
                    toc = True
                    continue  # estargz index, not content
                entry_count += 1
                kind = classify(p)
                if ti.isreg():
                    typ = "file"
                elif ti.isdir():
                    typ = "dir"
                elif ti.islnk():
                    typ = "hardlink"
                    hardlinks += 1
                else:
                    typ = "other"
                    if ti.issym():
                        symlinks += 1
                if kind == "entry" and typ == "file":
                    content += ti.size
                    files += 1
                entries.append((kind, p, ti.size if typ == "file" else 0, typ))
    tmp.close()
    return {
        "blobPath": blob_name,
        "resolvedBlobPath": rname,
        "computedDiffID": digest,
        "compression": comp,
        "tarBytes": tar_bytes,
        "compressedBytes": m.size if comp != "none" else None,
        "contentBytes": content,
        "entryCount": entry_count,
        "fileCount": files,
        "hardlinkCount": hardlinks,
        "symlinkCount": symlinks,
        "estargzTOC": toc,
        "_entries": entries,
    }


# --------------------------------------------------------------------------
# Overlay merge: flat dict path -> (type, size, layer)


def merge(layers):
    state = {}
    wasted = [0] * len(layers)
    wasted_files = [0] * len(layers)

    def drop(path):
        """Remove one state entry, charging waste if it was a regular file."""
        typ, size, li = state.pop(path)
        if typ == "file":
            wasted[li] += size
            wasted_files[li] += 1

    def drop_below(path):
        prefix = path + "/"
        for k in [k for k in state if k.startswith(prefix)]:
            drop(k)

    for i, layer in enumerate(layers):
        entries = layer["_entries"]
        # 1. whiteouts act on the lower layers only, wherever they sit in the tar
        for kind, p, _, _ in entries:
            d, base = posixpath.split(p)
            if kind == "opaque":
                if d == "":
                    for k in list(state):
                        drop(k)
                else:
                    drop_below(d)
            elif kind == "whiteout":
                target = posixpath.join(d, base[len(WH):])
                if target in state:
                    drop(target)
                drop_below(target)
        # 2. entries in tar order
        for kind, p, size, typ in entries:
            if kind != "entry":
                continue
            # an entry below a non-directory implies that ancestor became a directory
            parts = p.split("/")
            for j in range(1, len(parts)):
                anc = "/".join(parts[:j])
                if anc in state and state[anc][0] != "dir":
                    drop(anc)
            if p in state:
                old_typ = state[p][0]
                if old_typ == "dir" and typ == "dir":
                    pass  # directories merge
                else:
                    drop(p)
                    if old_typ == "dir":
                        drop_below(p)
            state[p] = (typ, size, i)
    return state, wasted, wasted_files


# --------------------------------------------------------------------------
# Image discovery


def pick_history(config, n_layers):
    hist = config.get("history") or []
    nonempty = [h for h in hist if not h.get("empty_layer", False)]
    if len(nonempty) == n_layers and n_layers > 0:
        return [h.get("created_by") for h in nonempty], None
    if hist:
        return [None] * n_layers, "history has %d non-empty entries for %d layers; createdBy left null" % (
            len(nonempty), n_layers)
    return [None] * n_layers, "config has no history"


def config_platform(config):
    plat = "%s/%s" % (config.get("os", ""), config.get("architecture", ""))
    if config.get("variant"):
        plat += "/" + config["variant"]
    return plat


def from_manifest_json(outer, mj):
    images = []
    for i, e in enumerate(mj):
        if not isinstance(e, dict):
            raise Fail("manifest.json entry %d is not an object" % i)
        cfg = e.get("Config")
        if not cfg or not outer.has(cfg):
            raise Fail("manifest.json entry %d: config %r not in archive" % (i, cfg))
        layers = e.get("Layers") or []
        for lp in layers:
            if not outer.has(lp):
                raise Fail("manifest.json entry %d: layer %r not in archive" % (i, lp))
        images.append({"tags": list(e.get("RepoTags") or []), "config": cfg, "layers": list(layers),
                       "source": "manifest.json"})
    return images


def blob_path(digest):
    alg, _, hexd = digest.partition(":")
    return "blobs/%s/%s" % (alg, hexd)


def from_index(outer):
    idx = outer.read_json("index.json")
    out = []

    def tags_of(desc, inherited):
        ann = desc.get("annotations") or {}
        name = ann.get("io.containerd.image.name") or ann.get("org.opencontainers.image.ref.name")
        return [name] if name else inherited

    def walk(desc, tags, depth):
        if depth > 8:
            return
        ann = desc.get("annotations") or {}
        if ann.get("vnd.docker.reference.type") == "attestation-manifest":
            return
        plat = desc.get("platform") or {}
        if plat.get("os") == "unknown" and plat.get("architecture") == "unknown":
            return
        bp = blob_path(desc["digest"])
        if not outer.has(bp):
            return  # containerd: other platforms listed but absent
        doc = outer.read_json(bp)
        mt = desc.get("mediaType") or doc.get("mediaType")
        if mt in INDEX_TYPES or "manifests" in doc:
            for d in doc.get("manifests") or []:
                walk(d, tags, depth + 1)
            return
        cfgd = doc.get("config") or {}
        if cfgd.get("mediaType") and cfgd["mediaType"] not in IMAGE_CONFIG_TYPES:
            return  # artifact / attestation, not an image
        if any("in-toto" in (l.get("mediaType") or "") for l in doc.get("layers") or []):
            return
        cp = blob_path(cfgd["digest"])
        lps = [blob_path(l["digest"]) for l in doc.get("layers") or []]
        missing = [p for p in [cp] + lps if not outer.has(p)]
        if missing:
            warn("skipping manifest %s: blobs absent: %s" % (desc["digest"], ", ".join(missing)))
            return
        out.append({"tags": list(tags), "config": cp, "layers": lps, "source": "index.json"})

    for d in idx.get("manifests") or []:
        walk(d, tags_of(d, []), 0)
    return out


def discover(outer):
    mj = None
    if outer.has("manifest.json"):
        try:
            mj = outer.read_json("manifest.json")
        except ValueError as e:
            raise Fail("manifest.json is not JSON: %s" % e)
    if isinstance(mj, list) and mj:
        return from_manifest_json(outer, mj)
    if outer.has("index.json"):
        imgs = from_index(outer)
        if imgs:
            return imgs
        raise Fail("index.json lists no image whose blobs are present" +
                   ("" if mj is None else " and manifest.json is %s" % json.dumps(mj)))
    if outer.has("manifest.json"):
        raise Fail("manifest.json is %s and there is no index.json" % json.dumps(mj))
    raise Fail("no manifest.json or index.json in archive")


# --------------------------------------------------------------------------


def build(outer, img, cache):
    cfg_bytes = outer.read(img["config"])
    config = json.loads(cfg_bytes)
    warnings = []
    layers = []
    for lp in img["layers"]:
        key = outer.resolve(lp)[0]
        if key not in cache:
            cache[key] = analyze_layer(outer, lp)
        L = dict(cache[key])
        L["blobPath"] = lp
        layers.append(L)

    diff_ids = (config.get("rootfs") or {}).get("diff_ids") or []
    if len(diff_ids) != len(layers):
        warnings.append("config has %d diff_ids for %d layers; diffID left null" % (len(diff_ids), len(layers)))
        diff_ids = [None] * len(layers)
    created, hw = pick_history(config, len(layers))
    if hw and layers:
        warnings.append(hw)

    state, wasted, wasted_files = merge(layers)

    out_layers = []
    for i, L in enumerate(layers):
        if diff_ids[i] is not None and diff_ids[i] != L["computedDiffID"]:
            warnings.append("layer %d: diffID %s != computed %s" % (i, diff_ids[i], L["computedDiffID"]))
        out_layers.append({
            "index": i,
            "blobPath": L["blobPath"],
            "resolvedBlobPath": L["resolvedBlobPath"],
            "diffID": diff_ids[i],
            "computedDiffID": L["computedDiffID"],
            "compression": L["compression"],
            "tarBytes": L["tarBytes"],
            "compressedBytes": L["compressedBytes"],
            "contentBytes": L["contentBytes"],
            "entryCount": L["entryCount"],
            "fileCount": L["fileCount"],
            "hardlinkCount": L["hardlinkCount"],
            "symlinkCount": L["symlinkCount"],
            "wastedBytes": wasted[i],
            "wastedFiles": wasted_files[i],
            "createdBy": created[i],
        })

    files = sorted(("/" + p, size, li) for p, (typ, size, li) in state.items() if typ == "file")
    content = sum(L["contentBytes"] for L in layers)
    final = sum(s for _, s, _ in files)
    wasted_total = sum(wasted)
    assert content - wasted_total == final, (content, wasted_total, final)
    assert sum(L["fileCount"] for L in layers) - sum(wasted_files) == len(files)

    cc = config.get("config") or {}
    hc = cc.get("Healthcheck") or {}
    test = hc.get("Test") or []
    return {
        "tags": img["tags"],
        "source": img["source"],
        "configPath": img["config"],
        "configDigest": "sha256:" + hashlib.sha256(cfg_bytes).hexdigest(),
        "platform": config_platform(config),
        "user": cc.get("User") or "",
        "workdir": cc.get("WorkingDir") or "",
        "healthcheck": bool(test) and test[0] != "NONE",
        "layers": out_layers,
        "contentBytes": content,
        "finalBytes": final,
        "wastedBytes": wasted_total,
        "fileCount": len(files),
        "warnings": warnings,
        "files": [{"path": p, "size": s, "layer": li} for p, s, li in files],
    }


def main(argv):
    ap = argparse.ArgumentParser(description="Independent facts about images in a container image tarball.")
    ap.add_argument("tarball")
    ap.add_argument("--image", help="only images with this tag")
    ap.add_argument("--platform", help="only images whose config platform is os/arch[/variant]")
    a = ap.parse_args(argv)
    try:
        try:
            outer = Outer(a.tarball)
        except (OSError, tarfile.TarError, EOFError) as e:
            raise Fail("cannot read %s: %s" % (a.tarball, e))
        imgs = discover(outer)
        if a.image:
            imgs = [i for i in imgs if a.image in i["tags"]]
            if not imgs:
                raise Fail("no image tagged %r" % a.image)
        cache = {}
        try:
            result = [build(outer, i, cache) for i in imgs]
        except (tarfile.TarError, EOFError, OSError, ValueError) as e:
            raise Fail("cannot read image contents: %s" % e)
        if a.platform:
            want = a.platform.split("/")
            result = [r for r in result if r["platform"].split("/")[:len(want)] == want]
            if not result:
                raise Fail("no image for platform %s" % a.platform)
    except Fail as e:
        print("image_facts: error: %s" % e, file=sys.stderr)
        return 2
    json.dump({"images": result}, sys.stdout, indent=1)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
