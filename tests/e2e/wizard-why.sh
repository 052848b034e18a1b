#!/bin/sh
# "Why is this asked?" (w): for a hidden question and a shown one, the
# reasons in words with the answers they depend on; Tab picks a question
# named, Enter jumps to it; the words follow the answers as they change.
. "$srcdir/tests/e2e/lib.sh"

start -- --demo xray-triage
wait_for "88% complete"
wait_for "Tour 1 of 6"
keys Escape
wait_gone "Tour 1 of 6"

# A hidden question: the answer that hides it is named, with its value.
goto_question "How does rollback work"
keys w
wait_for "Why is this not asked?"
wait_for "Not asked, because"
screen | grep -q "Can the device return to a previous stable" ||
    fail "the deciding question not named"
screen | grep -q "(now: no)" || fail "the answer it depends on not shown"
screen | grep -q "rollback_possible ==" && fail "condition source shown"
# The first link after the title is that question: Enter goes there.
keys Enter
wait_gone "Why is this not asked?"
wait_for "known-good version"

# A shown question, and Tab to the second question named.
goto_question "How are drift and anomalies detected"
keys w
wait_for "Why is this asked?"
wait_for "Asked because"
screen | grep -q "Does the device keep learning after it is" ||
    fail "reason not shown"
keys Tab
keys Enter
wait_gone "Why is this asked?"
wait_for "artificial intelligence"

# Esc closes it where it was; w works inside a record too.
goto_question "How does rollback work"
keys w
wait_for "Why is this not asked?"
keys Escape
wait_gone "Why is this not asked?"
wait_for "88% complete"

# Inside a record: its own record's answers decide, and the link to a
# sibling question stays in that record.
goto_question "share patients or images"
keys w
wait_for "Datasets [tr-008.datasets.datasets]"
keys Escape
wait_gone "Why is this"
keys Down
keys Enter
wait_for "HL-CXR-Val"
keys End
keys Up
keys w
wait_for "[tr-008.datasets.datasets[2].overlaps_training]"
wait_for 'Asked because Role is not "training" (now: "validation").'
keys Enter
wait_gone "Why is this asked?"
wait_for "validation"
keys Escape
keys Escape

# The explanation follows the answer: say yes, and it is asked.
goto_question "Can the device return to a previous"
keys Enter
wait_for "yes"
keys y
wait_for "[unsaved]"
goto_question "How does rollback work"
keys w
wait_for "Why is this asked?"
wait_for "Asked because"
keys Escape
keys q
wait_for "Discard the changes"
keys d
[ "$(wait_exit)" = 0 ] || fail "exit status not 0"
finish
