#!/bin/sh
# Edit a one-line answer, save, quit: the value is in the YAML, the
# finding it caused is gone, and the terminal is restored.
. "$srcdir/tests/e2e/lib.sh"

start_demo_copy
goto_question listed_version
keys Enter
wait_for "2.4.1"
keys C-u
type_text "2.4.0"
keys Enter
wait_for "[unsaved]"
wait_for "18 errors"
keys s
wait_for "Saved d.yaml"
screen | grep -q "\[unsaved\]" && fail "still marked unsaved"
keys q
[ "$(wait_exit)" = 0 ] || fail "exit status not 0"
assert_restored
grep -q "^      listed_version: \"2.4.0\"$" "$tmp/d.yaml" || fail "value not saved"
[ -e "$tmp/.d.yaml.dossier-recover" ] && fail "recovery file left behind"
"$DOSSIER" check "$tmp/d.yaml" >"$tmp/check.out" 2>/dev/null
grep -q "version_justification" "$tmp/check.out" && fail "finding still there"
finish
