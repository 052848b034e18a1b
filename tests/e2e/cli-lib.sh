# Shared by the shell tests of the command-line verbs; sourced, not run.
# make check exports DOSSIER (the binary), TESTDATA, HOSTILE, EXAMPLES and
# DOSSIER_TEMPLATE_PATH.  Everything a test writes goes under $TMP, a
# mktemp folder removed on exit.  Exit 77 skips, 99 is a harness error.

set -u

for var in DOSSIER TESTDATA HOSTILE EXAMPLES DOSSIER_TEMPLATE_PATH; do
	eval "val=\${$var:-}"
	if [ -z "$val" ]; then
		echo "harness: $var is not set (run through make check)" >&2
		exit 99
	fi
done
if [ ! -x "$DOSSIER" ]; then
	echo "harness: $DOSSIER is not an executable" >&2
	exit 99
fi
if ! command -v timeout >/dev/null 2>&1; then
	echo "harness: timeout (coreutils) is missing" >&2
	exit 99
fi
PYTHON3=${PYTHON3:-/usr/bin/python3}

# need_python [MODULE...]: skip the whole test (exit 77, visibly) unless
# PYTHON3 can import every MODULE.  A check that needs Python is never
# passed over while the rest says "ok".
need_python() {
	for m in json "$@"; do
		"$PYTHON3" -c "import $m" 2>/dev/null && continue
		echo "SKIP: $PYTHON3 cannot import $m"
		exit 77
	done
}

LC_ALL=C.UTF-8
TZ=UTC
export LC_ALL TZ
# A sanitizer report must never pass for an ordinary exit status.
ASAN_OPTIONS="${ASAN_OPTIONS:-}${ASAN_OPTIONS:+:}exitcode=86"
UBSAN_OPTIONS="${UBSAN_OPTIONS:-}${UBSAN_OPTIONS:+:}exitcode=86"
export ASAN_OPTIONS UBSAN_OPTIONS

TMP=$(mktemp -d "${TMPDIR:-/tmp}/dossier-e2e.XXXXXX") || exit 99
trap 'chmod -R u+w "$TMP" 2>/dev/null; rm -rf "$TMP"' EXIT
trap 'exit 99' HUP INT TERM

checks=0
fails=0

pass() {
	checks=$((checks + 1))
}

fail() {
	checks=$((checks + 1))
	fails=$((fails + 1))
	printf 'FAIL: %s\n' "$*"
}

# check WHAT COMMAND...: one check that COMMAND succeeds.
check() {
	what=$1
	shift
	if "$@"; then
		pass
	else
		fail "$what"
	fi
}

# A guard against hangs, not a speed bar (speed is measured in
# tests/bench): generous enough for a sanitizer or coverage build on a
# loaded 2-core machine, where the million-key hostile file took over 10 s.
HANG=${DOSSIER_TEST_HANG:-120}

# run ARGS...: the binary under the hang guard; $TMP/out, $TMP/err and $rc.
run() {
	timeout "$HANG" "$DOSSIER" "$@" </dev/null >"$TMP/out" 2>"$TMP/err"
	rc=$?
}

# expect_rc N WHAT: the last run exited N; shows stderr when not.
expect_rc() {
	if [ "$rc" -eq "$1" ]; then
		pass
	else
		fail "$2: exit $rc, expected $1"
		sed 's/^/  stderr: /' "$TMP/err" | head -5
	fi
}

# lines FILE: its number of lines.
lines() {
	wc -l <"$1" | tr -d ' '
}

# no_sanitizer WHAT: stderr of the last run has no sanitizer report.
no_sanitizer() {
	if grep -Eq 'Sanitizer|runtime error:' "$TMP/err"; then
		fail "$1: sanitizer report"
		head -20 "$TMP/err"
	else
		pass
	fi
}

# is_json FILE: the file parses as JSON.
is_json() {
	"$PYTHON3" -c 'import json, sys; json.load(open(sys.argv[1]))' "$1"
}

# finish: print the tally and exit with the test's status.
finish() {
	echo "$checks checks, $fails failed"
	[ "$fails" -eq 0 ] || exit 1
	exit 0
}
