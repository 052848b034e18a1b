#!/bin/sh
# 80x24, the smallest screen (issue 13): Quit is always in the key bar,
# on the main screen and the findings screen; section names too long for
# the list are abbreviated by one rule (short forms, no small words, long
# words cut after a consonant), and the full name shows in the header
# when the section has the focus.
. "$srcdir/tests/e2e/lib.sh"

start_demo_copy
screen | tail -n 1 | grep -q "F10/q Quit" || fail "no Quit in the key bar"
# "Qualification and classification": short forms, no "and".
wait_for " Qualif. class. "
wait_for "│ Qualification and classification "
# "Software version identification": SW ... ident.
keys Down Down Down Down
wait_for "│ Software version identification"
screen | grep -q " SW version ident. " || fail "not abbreviated by the rule"
keys Right
screen | tail -n 1 | grep -q "F10/q Quit" || fail "no Quit with the questions"
keys F6
wait_for "Findings │"
screen | tail -n 1 | grep -q "F10/q Quit" || fail "no Quit on the findings screen"
keys q
[ "$(wait_exit)" = 0 ] || fail "exit status not 0"
finish
