#!/bin/sh
# Mouse clicks select sections and questions; a click on the selected
# question opens its editor.  With --no-mouse, clicks do nothing.
. "$srcdir/tests/e2e/lib.sh"

start_demo_copy
# Line 8 of the section list is "Basic cybersecurity requirements".
click 3 8
wait_for "Basic cybersecurity requirements  TR-007"
# The first question of the section, on the right.
click 40 2
wait_for "avoid a universal default"
# The focus is on the question (the top line says so) before the second
# click, which must find it selected.
wait_for "Section 7 of "
wait_for ", question 1 of"
click 40 2
wait_for "Choose one"
keys Escape
wait_gone "Choose one"
keys q
[ "$(wait_exit)" = 0 ] || fail "exit status not 0"
stop

# A fresh state folder: the first run left its place there, and the
# wizard would reopen on it (issue 13).
start XDG_STATE_HOME="$tmp/fresh" --  --no-mouse d.yaml
wait_for "87% complete"
click 3 8
# Input is read in order: once the help is up, the click was handled.
keys "?"
wait_for "─ Help ─"
keys Escape
wait_gone "─ Help ─"
wait_for "Qualification and classification  TR-007"
screen | grep -q "Basic cybersecurity requirements  TR-007" &&
    fail "--no-mouse still follows clicks"
keys q
[ "$(wait_exit)" = 0 ] || fail "exit status not 0"
finish
