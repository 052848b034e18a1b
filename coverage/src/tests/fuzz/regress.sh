#!/bin/sh
# Replays every input that once crashed a fuzz harness (tests/fuzz/regress/
# NAME/) and the seed corpora through the harnesses built without libFuzzer
# (tests/fuzz/replay_NAME).  Each crash found by fuzzing lands here as a
# file named after the bug, before its fix.
set -u
: "${top_srcdir:=.}" "${top_builddir:=.}"
rc=0
for name in dossier template cond; do
	bin=$top_builddir/tests/fuzz/replay_$name
	if [ ! -x "$bin" ]; then
		echo "regress: $bin not built" >&2
		exit 99
	fi
	# git keeps no empty folder: a harness may have no regressions yet.
	set -- "$top_srcdir/tests/fuzz/corpus/$name"
	[ -d "$top_srcdir/tests/fuzz/regress/$name" ] &&
	    set -- "$top_srcdir/tests/fuzz/regress/$name" "$@"
	"$bin" "$@" || rc=1
done
exit $rc
