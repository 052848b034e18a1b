#!/bin/sh
# The guided tour: a new demo copy starts with it; each key shows the next
# part of the screen (top line, sections, questions, help, findings, keys),
# Backspace goes back, Esc ends it at once, t shows it again; at 80x24 the
# note and what it points at both stay on the screen.
. "$srcdir/tests/e2e/lib.sh"

start -- --demo dose-calculator
wait_for "Tour 1 of 6: The top line"
# The note's hint comes from the key table (KC_TOUR); no way back yet.
wait_for "Enter: next   Esc: end"
screen | grep -q "Backspace: back" && fail "back offered on step 1"
# Keys the tour does not take do nothing: s is no step and no save.
keys s
sleep 0.3
screen | grep -q "Tour 1 of 6" || fail "s moved the tour on"
# Where each step's note sits: never over the part it describes.
line_of() {
	screen | grep -n -F -- "$1" | head -n 1 | cut -d: -f1
}
for step in "2 of 6: Sections" "3 of 6: Questions" "4 of 6: Help" \
    "5 of 6: Findings" "6 of 6: Keys"; do
	keys Enter
	wait_for "Tour $step"
done
# The last notes sit above the help area, the key bar still shows.
[ "$(line_of "Tour 6 of 6")" -lt 19 ] || fail "note over the help area"
screen | tail -n 1 | grep -q "F1/? Help" || fail "key bar hidden"
wait_for "Enter: next   Backspace: back   Esc: end"
keys BSpace
wait_for "Tour 5 of 6: Findings"
keys Enter
wait_for "Tour 6 of 6"
keys Enter
wait_gone "Tour 6 of 6"
# The tour took the keys: nothing was edited.
screen | grep -q "\[unsaved\]" && fail "the tour changed something"

# t shows it again; Esc ends it at once.
keys t
wait_for "Tour 1 of 6"
keys Escape
wait_gone "Tour 1 of 6"
wait_for "complete"
keys q
[ "$(wait_exit)" = 0 ] || fail "exit status not 0"
stop

# The same at 100x30 and in a resumed working copy: no tour by itself.
start -x 100 -y 30 -- --demo rhythm-app --into ws
wait_for "Tour 1 of 6"
keys Escape
wait_gone "Tour 1 of 6"
keys q
[ "$(wait_exit)" = 0 ] || fail "exit status not 0"
stop
start -- --demo rhythm-app --into ws
wait_for "complete"
screen | grep -q "Tour 1 of 6" && fail "tour on a resumed copy"
keys t
wait_for "Tour 1 of 6"
keys Escape
keys q
[ "$(wait_exit)" = 0 ] || fail "exit status not 0"
finish
