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
# TERM unset, and standard output a pipe, each on a real terminal.
start_raw() {
	# shellcheck disable=SC2086
	start_cmd -x 200 env -i $E2E_ENV "$@"
}
start_raw env -u TERM "$DOSSIER" d.yaml
[ "$(wait_exit)" = 2 ] || fail "TERM unset: exit status not 2"
wait_for "TERM is not set; use 'dossier check FILE'"
stop
start_raw sh -c '"$0" d.yaml >out.txt; echo "[status $?]"' "$DOSSIER"
wait_for "[status 2]"
grep -q "standard output is not one; use 'dossier check FILE'" \
    "$tmp/out.txt" && fail "message went to standard output"
wait_for "standard output is not one; use 'dossier check FILE'"
stop
start_raw sh -c '"$0" d.yaml | cat' "$DOSSIER"
wait_for "standard output is not one; use 'dossier check FILE'"
stop
cmp -s "$tmp/d.yaml" "$EXAMPLES/demo.yaml" || fail "file changed"
(cd "$tmp" && "$DOSSIER" new.yaml </dev/null >out.txt 2>&1)
rc=$?
[ $rc = 2 ] || fail "stdin not a terminal: exit status $rc"
grep -q "dossier check" "$tmp/out.txt" || fail "no pointer to dossier check"
[ "$(wc -l <"$tmp/out.txt")" -eq 1 ] || fail "more than one line"
[ -e "$tmp/new.yaml" ] && fail "file created"
finish
