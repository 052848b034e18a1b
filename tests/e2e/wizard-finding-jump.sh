#!/bin/sh
# The findings screen lists every finding; Enter on one inside a group
# record opens that record with the field focused.
. "$srcdir/tests/e2e/lib.sh"

start_demo_copy
keys F6
wait_for "Findings │ 22 errors, 5 warnings, 1 note"
screen | grep -q "Until when will the software be supported" || fail "first finding missing"
# The collection period of dataset 1 is the thirteenth finding (the V&V
# report that changed since it was recorded is the second).
keys Down Down Down Down Down Down Down Down Down Down Down Down
wait_for "record 1 › Collect"
wait_for "Answer: 2015 - 2021"
keys Enter
wait_for "Datasets › record 1 of 2"
wait_for "Write the period as YYYY-MM to YYYY-MM"
keys Escape
wait_for "Datasets: 2 records"
keys '!'
wait_for "Findings │"
keys Escape
wait_gone "Findings │"
keys q
[ "$(wait_exit)" = 0 ] || fail "exit status not 0"
finish
