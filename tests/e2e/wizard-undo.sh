#!/bin/sh
# Undo takes back several changes in turn, redo brings one back, and
# undoing everything makes the dossier clean again.
. "$srcdir/tests/e2e/lib.sh"

start_demo_copy
goto_question listed_version
keys Enter
wait_for "Ctrl+U: clear"
keys C-u
type_text "9.9.9"
keys Enter
wait_gone "Ctrl+U: clear"
wait_for "9.9.9"
goto_question default_password
keys Enter
wait_for "Space: choose"
keys Home Enter
wait_gone "Space: choose"
wait_for "unique password per device"
keys u
wait_for "Undone: change \"How does the product avoid"
wait_for "    universal default password"
keys u
wait_for "Undone: change \"Version to be listed"
screen | grep -q "\[unsaved\]" && fail "still unsaved after undoing all"
keys U
wait_for "Redone"
wait_for "[unsaved]"
keys u
wait_gone "[unsaved]"
keys q
[ "$(wait_exit)" = 0 ] || fail "exit status not 0"
cmp -s "$tmp/d.yaml" "$EXAMPLES/demo.yaml" || fail "file changed"
finish
