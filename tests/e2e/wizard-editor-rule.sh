#!/bin/sh
# One rule for every editor, written in its frame (issue 13): F2 and
# Ctrl+S finish any editor, Enter finishes a one-line one and starts a new
# line in long text, Esc cancels with nothing changed.  The question's
# help and example stay in view while typing; what check would call an
# error is stopped as you type, with the message under the box; and a
# character an answer cannot take is refused with a reason, never dropped
# silently.
. "$srcdir/tests/e2e/lib.sh"

start_demo_copy
# A one-line editor: the rule in its frame, the example beside the box.
goto_question listed_version
keys Enter
wait_for "Enter/F2/Ctrl+S: done   Esc: cancel   Ctrl+U: clear"
wait_for "Example: 2.4.1"
keys C-u
type_text "3.0.0"
keys F2
wait_gone "Ctrl+U: clear"
wait_for "    3.0.0"
keys Up Enter
wait_for "Ctrl+U: clear"
keys C-u
type_text "3.0.1"
keys C-s
wait_gone "Ctrl+U: clear"
wait_for "    3.0.1"
keys Up Enter
wait_for "Ctrl+U: clear"
keys C-u
type_text "3.0.2"
keys Enter
wait_gone "Ctrl+U: clear"
wait_for "    3.0.2"
# Esc: nothing changed.
keys Up Enter
wait_for "Ctrl+U: clear"
keys C-u
type_text "9.9.9"
keys Escape
wait_gone "Ctrl+U: clear"
screen | grep -q "9\.9\.9" && fail "Esc kept what was typed"
wait_for "    3.0.2"

# Long text: the same rule, Enter a new line; help and example above.
goto_question version_justification
keys Enter
wait_for "F2/Ctrl+S: done   Esc: cancel   Enter: new line"
wait_for "Example: "
type_text " First line."
keys Enter
type_text "Second line."
keys F2
wait_gone "Enter: new line"
# Answered, the focus went on (to the next section: this was the last
# question of its section).
wait_for "Section 6 of "
goto_question version_justification
keys Enter
wait_for "Enter: new line"
type_text " Third."
keys C-s
wait_gone "Enter: new line"
goto_question version_justification
keys Enter
wait_for "Enter: new line"
type_text " Not kept."
keys Escape
wait_for "Discard changes?"
keys d
wait_gone "Enter: new line"

# A whole number: a unit is refused, visibly, with the reason.
goto_question public_health_hours
keys Enter
wait_for "Ctrl+U: clear"
wait_for "Example: 24"
keys C-u
type_text "48h"
wait_for "'h' not taken: a whole number is digits only"
keys Enter
wait_gone "Ctrl+U: clear"

# A pattern: checked as you type; Enter does not take a wrong form.
goto_question collection_period
wait_for "Datasets: 2 records"
keys Enter
wait_for "record 1 of 2, question 1 of"
keys f
wait_for "The months when the data was collected"
keys Enter
wait_for "Ctrl+U: clear"
keys C-u
type_text "Mar 2023 - Dec 2024"
wait_for "Write the period as YYYY-MM to YYYY-MM"
keys Enter
sleep 0.3
screen | grep -q "Ctrl+U: clear" || fail "Enter took an answer of the wrong form"
keys C-u
type_text "2023-03 to 2024-12"
keys Enter
wait_gone "Ctrl+U: clear"
wait_gone "Write the period as YYYY-MM to YYYY-MM"

keys s
wait_for "Saved d.yaml"
keys q
[ "$(wait_exit)" = 0 ] || fail "exit status not 0"
grep -q 'listed_version: "\{0,1\}3.0.2' "$tmp/d.yaml" || fail "one-line answer not kept"
grep -q "Second line. Third." "$tmp/d.yaml" || fail "long text not kept"
grep -q "First line.$" "$tmp/d.yaml" || fail "Enter did not start a new line"
grep -q "Not kept" "$tmp/d.yaml" && fail "Esc kept the text"
grep -q "public_health_hours: 48$" "$tmp/d.yaml" || fail "number not kept"
grep -q "collection_period: 2023-03 to 2024-12" "$tmp/d.yaml" || fail "period not kept"
finish
