#!/bin/sh
# Search finds questions by clause number, id and label, and Enter goes to
# the question in its section.
. "$srcdir/tests/e2e/lib.sh"

start_demo_copy
keys /
wait_for "Search questions"
type_text "5.5.4.1"
wait_for "How does the product avoid a universal default password?"
keys Escape
wait_gone "Search questions"
goto_question "drift" "How are drift and anomalies detected in use?"
wait_for "Continuous learning"
screen | grep -q "○ How are drift and anomalies detected in use?" ||
    fail "not on the question"
wait_for "How are drift and anomalies detected in use?: not answered"
keys q
[ "$(wait_exit)" = 0 ] || fail "exit status not 0"
finish
