#!/bin/sh
# The file reopens where you left it (issue 13): the question in focus
# when the wizard closed is kept in the XDG state folder
# ($XDG_STATE_HOME/dossier/places, else ~/.local/state/dossier/places),
# never beside the dossier; inside a record too.
. "$srcdir/tests/e2e/lib.sh"

where() {
	screen | sed -n 1p | grep -o 'Section [^│]*'
}

start_demo_copy
goto_question public_health_hours
wait_for "· integer · requi"
left=$(where)
keys q
[ "$(wait_exit)" = 0 ] || fail "exit status not 0"
stop
[ -s "$tmp/.local/state/dossier/places" ] || fail "no place kept in ~/.local/state"
ls -a "$tmp" | grep -q place && fail "a place file beside the dossier"
start -- d.yaml
wait_for "% complete"
wait_for "$left"
wait_for "· integer · requi"
# Inside a record, from another folder (the real path is the key), and
# with XDG_STATE_HOME set.
mkdir -p "$tmp/state" "$tmp/sub"
goto_question collection_period
wait_for "Datasets: 2 records"
keys Down Enter
wait_for "record 2 of 2, question 1 of"
keys q
[ "$(wait_exit)" = 0 ] || fail "exit status not 0"
stop
start XDG_STATE_HOME="$tmp/state" -- d.yaml
wait_for "% complete"
wait_for "Section 1 of"
keys Tab
wait_gone "Section 1 of"
keys q
[ "$(wait_exit)" = 0 ] || fail "exit status not 0"
stop
[ -s "$tmp/state/dossier/places" ] || fail "XDG_STATE_HOME not used"
start -- d.yaml
wait_for "record 2 of 2, question 1 of"
keys q
[ "$(wait_exit)" = 0 ] || fail "exit status not 0"
finish
