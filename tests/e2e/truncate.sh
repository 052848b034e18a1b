#!/bin/sh
# RELIABILITY case 32: every prefix of the demo dossier (cut after each
# byte) gives exit 0, 1 or 2, never a crash, hang or sanitizer report, and
# every line on stderr is about one of the files or a draft note.  The
# prefixes are checked in batches of files per process; a batch that
# fails is re-run one file at a time to name the prefix.

. "${srcdir:-.}/tests/e2e/cli-lib.sh"

demo=$EXAMPLES/demo.yaml
size=$(wc -c <"$demo" | tr -d ' ')
mkdir "$TMP/p" || exit 99
if "$PYTHON3" -c "import sys" 2>/dev/null; then
	"$PYTHON3" -c 'import sys
data = open(sys.argv[1], "rb").read()
for n in range(1, len(data) + 1):
    open("%s/%05d.yaml" % (sys.argv[2], n), "wb").write(data[:n])
' "$demo" "$TMP/p" || exit 99
else
	n=1
	while [ "$n" -le "$size" ]; do
		head -c "$n" "$demo" >"$TMP/p/$(printf %05d "$n").yaml"
		n=$((n + 1))
	done
fi

# sweep FILE...: check the files in one process; 0 when all is well.
sweep() {
	timeout 120 "$DOSSIER" check "$@" </dev/null >/dev/null \
	    2>"$TMP/err.$$"
	status=$?
	bad=0
	case $status in
	0 | 1 | 2) ;;
	*) bad=1 ;;
	esac
	if grep -Eq 'Sanitizer|runtime error:' "$TMP/err.$$"; then
		bad=1
	fi
	if grep -Ev "^($TMP/p/[0-9]+\\.yaml|dossier: note: )" "$TMP/err.$$" \
	    | grep -q .; then
		bad=1
	fi
	return $bad
}

batch=250
set -- "$TMP"/p/*.yaml
total=$#
while [ $# -gt 0 ]; do
	files=
	i=0
	while [ $# -gt 0 ] && [ $i -lt $batch ]; do
		files="$files $1"
		shift
		i=$((i + 1))
	done
	# shellcheck disable=SC2086
	if sweep $files; then
		pass
		continue
	fi
	for f in $files; do
		if ! sweep "$f"; then
			fail "prefix $(basename "$f" .yaml) of $size bytes:" \
			    "exit $status"
			head -5 "$TMP/err.$$" | sed 's/^/  stderr: /'
		fi
	done
done
check "all $size prefixes made ($total)" test "$total" -eq "$size"

# The whole file and the empty prefix, for the record.
run check "$demo"
expect_rc 1 "check demo.yaml"
: >"$TMP/empty.yaml"
run check "$TMP/empty.yaml"
expect_rc 2 "check of the empty prefix"

finish
