#!/bin/sh
# Quitting asks only when there are unsaved changes: Esc goes back,
# "discard" leaves the file as it was and removes the recovery file.
. "$srcdir/tests/e2e/lib.sh"

start_demo_copy
keys q
[ "$(wait_exit)" = 0 ] || fail "clean quit asked or failed"
stop
start -- d.yaml
wait_for "87% complete"
goto_question default_password
keys Enter
wait_for "Space: choose"
keys Home Enter
wait_for "[unsaved]"
wait_file "$tmp/.d.yaml.dossier-recover"
keys F10
wait_for "Unsaved changes"
wait_for "Save and quit"
keys Escape
wait_gone "Unsaved changes"
keys C-c
wait_for "Unsaved changes"
keys d
[ "$(wait_exit)" = 0 ] || fail "exit status not 0"
assert_restored
cmp -s "$tmp/d.yaml" "$EXAMPLES/demo.yaml" || fail "file changed"
[ -e "$tmp/.d.yaml.dossier-recover" ] && fail "recovery file left"
finish
