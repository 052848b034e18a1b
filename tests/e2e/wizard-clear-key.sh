#!/bin/sh
# The hint above the help names the key that clears an answer: c (or
# Delete).  x writes the XLSX checklist, so a hint saying "x: clear" sent
# users to the export instead.
. "$srcdir/tests/e2e/lib.sh"

start_demo_copy
goto_question listed_version
wait_for "Enter: answer   c/Delete: clear"
screen | grep -q "x: clear" && fail "the hint still says x clears"
keys c
wait_for "[unsaved]"
wait_for "(no answer yet)"
keys u
wait_gone "[unsaved]"
goto_question default_password
wait_for "Enter: answer   c/Delete: clear"
goto_question version_justification
wait_for "Enter: answer   Ctrl+G/e: your editor   c/Delete: clear"
goto_question threat_model
wait_for "-/N: not applicable   c/Delete: clear"
keys q
[ "$(wait_exit)" = 0 ] || fail "exit status not 0"
cmp -s "$tmp/d.yaml" "$EXAMPLES/demo.yaml" || fail "file changed"
finish
