#!/bin/sh
# A manifest that cannot be read: the wizard still opens the dossier, shows
# the manifest's error (file, line and column) as an error finding that
# counts, and writes no checklist, as dossier export refuses one.
. "$srcdir/tests/e2e/lib.sh"

copy_example demo.yaml d.yaml
printf 'patient_key,image_sha256\n"p-1,abc\n' >"$tmp/evidence/demo-cxr-val.csv"
"$DOSSIER" export "$tmp/d.yaml" --xlsx "$tmp/cli.xlsx" >/dev/null 2>&1
[ $? = 2 ] || fail "dossier export of a bad manifest: not exit 2"
start -- d.yaml
wait_for "% complete"
keys F6
wait_for "Findings │"
keys End
wait_for "demo-cxr-val.csv:2:"
keys Escape
wait_gone "Findings │"
keys x
wait_for "XLSX checklist"
keys Enter
wait_for "Checklist not written"
wait_for "demo-cxr-val.csv:2:"
[ -e "$tmp/d.xlsx" ] && fail "a checklist was written"
keys Enter
wait_gone "Checklist not written"
keys q
[ "$(wait_exit)" = 0 ] || fail "exit status not 0"
finish
