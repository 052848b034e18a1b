#!/bin/sh
# TERM=dumb, an unknown TERM, or no terminal at all: one clear line that
# points to dossier check, exit 2, and the file is not touched.
. "$srcdir/tests/e2e/lib.sh"

copy_example demo.yaml d.yaml
start -x 200 TERM=dumb -- d.yaml
[ "$(wait_exit)" = 2 ] || fail "TERM=dumb: exit status not 2"
wait_for "cannot run the wizard on terminal 'dumb'"
wait_for "dossier check FILE"
stop
start TERM=nosuchterm -- d.yaml
[ "$(wait_exit)" = 2 ] || fail "unknown TERM: exit status not 2"
wait_for "terminal 'nosuchterm'"
stop
cmp -s "$tmp/d.yaml" "$EXAMPLES/demo.yaml" || fail "file changed"
(cd "$tmp" && "$DOSSIER" new.yaml </dev/null >out.txt 2>&1)
rc=$?
[ $rc = 2 ] || fail "stdin not a terminal: exit status $rc"
grep -q "dossier check" "$tmp/out.txt" || fail "no pointer to dossier check"
[ "$(wc -l <"$tmp/out.txt")" -eq 1 ] || fail "more than one line"
[ -e "$tmp/new.yaml" ] && fail "file created"
finish
