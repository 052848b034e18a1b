#!/bin/sh
# Benchmark (issue 5): export a checklist of about 10,000 rows with dossier
# and write the same rows with openpyxl (tests/bench/xlsx_peer.py), in one
# run; print both times and the ratio.  Target: dossier at most 0.2x
# openpyxl.  dossier is timed as a whole process (load, validate, export);
# openpyxl only for writing, its rows already in memory.  Not part of
# `make check`.
#
# usage: tests/bench/xlsx-bench.sh [DOSSIER] [RECORDS]
#   run from the source tree; DOSSIER defaults to _build/dossier, RECORDS
#   (datasets in the generated dossier, about ten rows each) to 1025.
set -e
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
DOSSIER=${1:-$top/_build/dossier}
N=${2:-1025}
RUNS=${RUNS:-5}
PY=/usr/bin/python3

"$PY" -c 'import openpyxl' 2>/dev/null || {
	echo "xlsx-bench: $PY cannot import openpyxl (python3-openpyxl)" >&2
	exit 77
}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
cp -R "$top/share/examples/evidence" "$T/"
"$PY" "$here/gen-dossier.py" "$top/share/examples/demo.yaml" "$N" >"$T/big.yaml"
export DOSSIER_TEMPLATE_PATH="$top/templates"

# dossier: median of RUNS whole-process runs.
dossier_secs=$("$PY" - "$DOSSIER" "$T/big.yaml" "$T/big.xlsx" "$RUNS" <<'PY'
import statistics, subprocess, sys, time
exe, src, out, runs = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
times = []
for _ in range(runs):
    t = time.perf_counter()
    subprocess.run([exe, "export", src, "--xlsx", out, "--date",
                    "2026-02-03"], check=True)
    times.append(time.perf_counter() - t)
print("%.3f" % statistics.median(times))
PY
)
set -- $("$PY" "$here/xlsx_peer.py" "$T/big.xlsx" "$T/peer.xlsx" "$RUNS")
rows=$1 peer_secs=$2
ratio=$(awk -v a="$dossier_secs" -v b="$peer_secs" 'BEGIN { printf "%.3f", a / b }')
echo "checklist rows:      $rows"
echo "dossier export:      ${dossier_secs} s (whole process, median of $RUNS)"
echo "openpyxl, same rows: ${peer_secs} s (write only, median of $RUNS)"
echo "ratio:               ${ratio}x (target <= 0.2x)"
awk -v r="$ratio" 'BEGIN { exit !(r <= 0.2) }' || echo "xlsx-bench: above target" >&2
