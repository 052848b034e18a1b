#!/bin/sh
# The findings screen shows what its keys did: s saved (the message used
# to wait until the user left the screen), Enter on a finding that is
# not about a question says so instead of doing nothing, and the list
# says where in it the cursor is.
. "$srcdir/tests/e2e/lib.sh"

copy_example demo.yaml d.yaml
printf 'extra_key: 1\n' >>"$tmp/d.yaml"
start -- d.yaml
wait_for "87% complete"
keys Right c
wait_for "[unsaved]"
keys F6
wait_for "Findings │ 23 errors, 6 warnings, 1 note"
wait_for "1 of 30"
keys s
wait_for "Saved d.yaml"
wait_for "Findings │"
keys Down
wait_gone "Saved d.yaml"
wait_for "2 of 30"
keys End
wait_for "30 of 30"
wait_for "'extra_key' is not a dossier key"
keys Enter
wait_for "not about a question"
wait_for "Findings │"
keys Escape
wait_gone "Findings │"
keys q
[ "$(wait_exit)" = 0 ] || fail "exit status not 0"
grep -q "^extra_key: 1" "$tmp/d.yaml" || fail "unknown key lost"
finish
