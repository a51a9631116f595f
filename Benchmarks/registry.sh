#!/usr/bin/env bash
# Registry rows (issue 11): inspect from a loopback docker-registry against the same image's OCI
# tarball (gzip layers) on disk, peak RSS of the registry read, and --manifest-only over 15 images.
# Usage: Benchmarks/registry.sh [--skip-build]. Holds /tmp/plimsoll-swift.lock while timing.
set -euo pipefail
ROOT=$(git -C "$(dirname "${BASH_SOURCE[0]}")" rev-parse --show-toplevel)
cd "$ROOT"
SHARED_DIR=${SHARED_DIR:-$ROOT/../shared}
D=${DATA_DIR:-$ROOT/Benchmarks/data}
RUNS=${RUNS:-3}
mkdir -p "$D"
LOCK=/tmp/plimsoll-swift.lock
if [[ ${1:-} != --skip-build ]]; then flock "$LOCK" swift build -c release --product plimsoll >/dev/null; fi
PLIMSOLL=${PLIMSOLL:-$ROOT/.build/release/plimsoll}

# ~480 MB of content in 6 gzip layers cut from real shared libraries (inflate at a realistic speed).
if [[ ! -s $D/gzreg.tar ]]; then
  python3 "$SHARED_DIR/bench/synth-image.py" "$D/gzreg.tar.tmp" 6 2000 40000 --gzip --real-bytes
  mv "$D/gzreg.tar.tmp" "$D/gzreg.tar"
fi
if [[ ! -s $D/gzreg-oci.tar ]]; then
  skopeo copy --quiet --insecure-policy "docker-archive:$D/gzreg.tar" "oci-archive:$D/gzreg-oci.tar.tmp:bench/gzreg:1"
  mv "$D/gzreg-oci.tar.tmp" "$D/gzreg-oci.tar"
fi

WORK=$(mktemp -d)
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
cat >"$WORK/config.yml" <<YML
version: 0.1
log:
  level: error
storage:
  filesystem:
    rootdirectory: $WORK/data
http:
  addr: 127.0.0.1:$PORT
YML
docker-registry serve "$WORK/config.yml" >"$WORK/registry.log" 2>&1 &
REGISTRY_PID=$!
trap 'kill $REGISTRY_PID 2>/dev/null; wait $REGISTRY_PID 2>/dev/null || true; rm -rf "$WORK"' EXIT
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$PORT/v2/" >/dev/null && break; sleep 0.1; done
HOST=127.0.0.1:$PORT
skopeo copy --quiet --insecure-policy --dest-tls-verify=false "oci-archive:$D/gzreg-oci.tar" "docker://$HOST/bench/gzreg:1"
SMALL=()
for i in $(seq -w 1 15); do
  skopeo copy --quiet --insecure-policy --dest-tls-verify=false "docker-archive:$ROOT/Examples/configuration.tar" "docker://$HOST/fleet/service-$i:1"
  SMALL+=("registry:$HOST/fleet/service-$i:1")
done

flock "$LOCK" bash -c "
  set -e
  hyperfine --runs $RUNS --warmup 1 --export-json '$WORK/h.json' \
    -n registry \"$PLIMSOLL inspect registry:$HOST/bench/gzreg:1 --format json -q > /dev/null\" \
    -n oci-tarball \"$PLIMSOLL inspect oci-archive:$D/gzreg-oci.tar --format json -q > /dev/null\" \
    -n manifest-only-15 \"$PLIMSOLL inspect --manifest-only ${SMALL[*]} --format json -q > /dev/null\" >/dev/null
  /usr/bin/time -f '%M' -o '$WORK/rss' $PLIMSOLL inspect registry:$HOST/bench/gzreg:1 --format json -q > /dev/null
"
python3 - "$WORK/h.json" "$WORK/rss" <<'PY'
import json, sys
runs = {r["command"]: r["median"] for r in json.load(open(sys.argv[1]))["results"]}
rss_mb = int(open(sys.argv[2]).read().split()[-1]) * 1024 / 1e6
ratio = runs["registry"] / runs["oci-tarball"]
rows = [
    ("inspect from the loopback registry", "%.2f s" % runs["registry"], ""),
    ("inspect of its OCI tarball (gzip layers) on disk", "%.2f s" % runs["oci-tarball"], ""),
    ("registry / tarball", "%.2fx" % ratio, "<= 1.2x: " + ("ok" if ratio <= 1.2 else "OVER")),
    ("peak RSS, registry read", "%.0f MB" % rss_mb, "<= 200 MB: " + ("ok" if rss_mb <= 200 else "OVER")),
    ("--manifest-only over 15 images", "%.2f s" % runs["manifest-only-15"], "< 2 s: " + ("ok" if runs["manifest-only-15"] < 2 else "OVER")),
]
for name, value, goal in rows:
    print("| %s | %s | %s |" % (name, value, goal))
PY
