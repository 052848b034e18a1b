#!/bin/sh
# Yes/no answers (issue 13): y and n answer straight away and go on to
# the next question, Space switches and stays, and Enter opens a two-way
# picker with the current answer highlighted, never a blind flip (one
# Enter used to switch the answer, and two Enters nearly cleared 59).
. "$srcdir/tests/e2e/lib.sh"

start_demo_copy
goto_question covers_cyber_incidents
wait_for "y: yes   n: no   Space: switch   Enter: answer"
# Enter, Enter: the picker opens on the current answer and takes it back.
keys Enter
wait_for "─ Yes or no ─"
wait_for "Enter/Space: choose   Esc: cancel"
keys Enter
wait_gone "─ Yes or no ─"
sleep 0.3
screen | grep -q "\[unsaved\]" && fail "Enter, Enter changed the answer"
# The picker: Up to yes, Enter.
goto_question covers_cyber_incidents
keys Enter
wait_for "─ Yes or no ─"
keys Up Enter
wait_gone "─ Yes or no ─"
wait_for "[unsaved]"
keys u
wait_gone "[unsaved]"
# y answers and goes on; the top line says where the focus went.
goto_question covers_cyber_incidents
here=$(screen | sed -n 1p | grep -o 'question [0-9]* of [0-9]*')
keys y
wait_for "[unsaved]"
wait_gone "$here"
keys s
wait_for "Saved d.yaml"
grep -q "covers_cyber_incidents: yes" "$tmp/d.yaml" || fail "y did not answer yes"
# n answers no; Space switches and stays.
goto_question covers_cyber_incidents
keys n
wait_for "[unsaved]"
keys s
wait_for "Saved d.yaml"
grep -q "covers_cyber_incidents: no" "$tmp/d.yaml" || fail "n did not answer no"
goto_question covers_cyber_incidents
here=$(screen | sed -n 1p | grep -o 'question [0-9]* of [0-9]*')
keys Space
wait_for "[unsaved]"
screen | sed -n 1p | grep -q "$here" || fail "Space moved on"
keys Space
wait_gone "[unsaved]"
keys q
[ "$(wait_exit)" = 0 ] || fail "exit status not 0"
finish
