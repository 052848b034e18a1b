#!/bin/sh
# "Why is this asked?" (w): for a hidden question and a shown one, the
# reasons in words with the answers they depend on; Tab picks a question
# named, Enter jumps to it; the words follow the answers as they change.
. "$srcdir/tests/e2e/lib.sh"

start -- --demo xray-triage
wait_for "% complete"
wait_for "Tour 1 of 6"
keys Escape
wait_gone "Tour 1 of 6"

# A hidden question: the answer that hides it is named, with its value.
goto_question "How does rollback work"
keys w
wait_for "Why is this not asked?"
wait_for "Not asked, because"
# The hint line is the key table's (KC_WHY).
wait_for "Tab: next link   Enter: go there   Right: next question   Esc: back"
screen | grep -q "Can the device return to a previous stable" ||
    fail "the deciding question not named"
screen | grep -q "(now: no)" || fail "the answer it depends on not shown"
screen | grep -q "rollback_possible ==" && fail "condition source shown"
# The first link after the title is that question: Enter goes there.
keys Enter
wait_gone "Why is this not asked?"
wait_for "known-good algorithm"

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
# Where it was: the rollback question's help (the top line shows the
# position now, not "complete", issue 13).
wait_for "TR-008, rollback"

# Inside a record, and Left/Right to a question not asked: its own
# record's answers decide, and a link to a sibling stays in that record.
goto_question "Is the device already on the MDACS list"
keys Down
keys Enter
keys Down
keys Enter
wait_for "version · required"
keys w
wait_for "[tr-007.change_history.changes[2].version]"
keys Right Right Right Right
wait_for "[tr-007.change_history.changes[2].aware_date]"
wait_for "Why is this not asked?"
wait_for "Not asked, because Is the device already on the MDACS"
wait_for '"initial release" (now: "major")'
keys Tab Tab Tab
keys Enter
wait_gone "Why is this"
wait_for "Initial release: the first released version"
keys Escape
keys Escape

# The explanation follows the answer: say yes, and it is asked.
goto_question "Can the device return to a previous"
# y answers a yes/no question where it is (issue 13).
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
