#!/bin/sh
# NO_COLOR: no colour at all, and the statuses are still told apart by
# their marks; without it, colours are used.
. "$srcdir/tests/e2e/lib.sh"

has_colour() {
	t capture-pane -e -p -t w | grep -q "$(printf '\033')\[[0-9;]*\(3[0-7]\|4[0-7]\|38;\|48;\)[0-9;]*m"
}

start_demo_copy NO_COLOR=1
has_colour && fail "colour with NO_COLOR set"
screen | grep -q "! Basic cyber reqs" || fail "no error mark"
screen | grep -q "○ Total product life" || fail "no open mark"
screen | grep -q "✓ Qualif\. class\." || fail "no done mark"
keys q
[ "$(wait_exit)" = 0 ] || fail "exit status not 0"
stop
start -- d.yaml
wait_for "87% complete"
has_colour || fail "no colour without NO_COLOR (the check is broken)"
keys q
[ "$(wait_exit)" = 0 ] || fail "exit status not 0"
finish
