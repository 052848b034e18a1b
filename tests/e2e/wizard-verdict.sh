#!/bin/sh
# The wizard's marks and help line say what core's one verdict says, as
# check and the checklist do.  Before issue 10: a required question of
# warning severity left empty was "?" (the checklist says Missing), and a
# dataset that overlaps training data without a justification showed a
# tick on its record and no mark on the justification question.
. "$srcdir/tests/e2e/lib.sh"

start_demo_copy
goto_question end_of_support
wait_for "Until when will the software be supported"
screen | grep -q "○ Until when will the software be supported" ||
    fail "an unanswered required question is not marked open"
screen | grep -q "required" || fail "help line does not say required"
goto_question shares_with
wait_for "Datasets: 2 records"
# Record 2 justifies its shared data with "x": filler, so to fix.
screen | grep -q "! 2\. " || fail "record 2 (a filler justification) is not marked to fix"
screen | grep -q "! 1\. " || fail "record 1 (a malformed period) is not marked to fix"
keys Down Enter
wait_for "record 2 of 2"
keys End
wait_for "Why is the shared data acceptable?"
screen | grep -q "! Why is the shared data acceptable?" ||
    fail "the filler justification is not marked to fix"
keys q
[ "$(wait_exit)" = 0 ] || fail "exit status not 0"
finish
