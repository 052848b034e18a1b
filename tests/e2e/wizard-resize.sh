#!/bin/sh
# Below 80x24 the wizard shows a clear notice instead of garbage, keeps
# what was typed, and redraws fully when the terminal is large again.
. "$srcdir/tests/e2e/lib.sh"

start_demo_copy
goto_question listed_version
keys Enter
wait_for "Ctrl+U: clear"
type_text "-rc1"
t resize-window -t w -x 40 -y 10
wait_for "Terminal too small (40x10, need 80x24)."
screen | grep -q "2.4.1-rc1" && fail "wizard drawn on a small screen"
t resize-window -t w -x 80 -y 24
wait_for "2.4.1-rc1"
wait_for "Ctrl+U: clear"
keys Enter
wait_gone "Ctrl+U: clear"
t resize-window -t w -x 20 -y 5
wait_for "Terminal too"
t resize-window -t w -x 100 -y 40
wait_for "87% complete"
wait_for "2.4.1-rc1"
keys q
wait_for "Unsaved changes"
keys d
[ "$(wait_exit)" = 0 ] || fail "exit status not 0"
assert_restored
finish
