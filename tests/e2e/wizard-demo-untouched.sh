#!/bin/sh
# dossier --demo works on a private copy: saving changes the copy (kept,
# and named on exit), never the bundled demo.
. "$srcdir/tests/e2e/lib.sh"

before=$(cksum <"$EXAMPLES/demo.yaml")
start -- --demo
wait_for "87% complete"
wait_for "Tour 1 of 6"
keys Escape
wait_gone "Tour 1 of 6"
set_line listed_version "5.0.0"
keys s
wait_for "Saved xray-triage.yaml"
keys q
[ "$(wait_exit)" = 0 ] || fail "exit status not 0"
wait_for "your copy of the demo is kept in"
[ "$(cksum <"$EXAMPLES/demo.yaml")" = "$before" ] || fail "demo changed"
copy=$(ls "$tmp"/dossier-demo-*/xray-triage.yaml)
grep -q 'listed_version: "5.0.0"' "$copy" || fail "copy not saved"
[ -f "$(dirname "$copy")/evidence/patch-plan.md" ] || fail "no evidence copy"
stop
# Without a save the private copy is removed on exit.
rm -rf "$tmp"/dossier-demo-*
start -- --demo
wait_for "87% complete"
wait_for "Tour 1 of 6"
keys Escape
wait_gone "Tour 1 of 6"
keys q
[ "$(wait_exit)" = 0 ] || fail "exit status not 0"
ls -d "$tmp"/dossier-demo-* >/dev/null 2>&1 && fail "unsaved copy left"
finish
