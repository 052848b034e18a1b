#!/bin/sh
# The editing session as the wizard shows it (core/session.c).  Before
# issue 10: switching an answer to yes and back to no left [unsaved],
# and recovered changes could not be undone.
. "$srcdir/tests/e2e/lib.sh"

start_demo_copy
goto_question covers_cyber_incidents
keys Space
wait_for "[unsaved]"
keys Space
wait_gone "[unsaved]"
keys q
[ "$(wait_exit)" = 0 ] || fail "quit asked about changes that are not there"
cmp -s "$tmp/d.yaml" "$EXAMPLES/demo.yaml" || fail "file changed"
stop

# A recovery file newer than the dossier: recover, then undo it.
sed 's/listed_version: .*/listed_version: "9.9.9"/' "$tmp/d.yaml" \
    >"$tmp/.d.yaml.dossier-recover"
grep -q '9.9.9' "$tmp/.d.yaml.dossier-recover" || exit 99
touch -d '2030-01-01' "$tmp/.d.yaml.dossier-recover"
start -- d.yaml
wait_for "Recovery file found"
wait_for "Keep the file aside"
# Every key of the dialog inside its frame, none on the border.
screen | grep "└" | grep -qv "└─*┘" && fail "keys drawn on the frame"
keys r
wait_for "Recovered the unsaved changes"
wait_for "[unsaved]"
keys u
wait_for "Undone: recover unsaved changes."
wait_gone "[unsaved]"
keys U
wait_for "Redone: recover unsaved changes."
wait_for "[unsaved]"
keys s
wait_for "Saved d.yaml"
keys q
[ "$(wait_exit)" = 0 ] || fail "exit status not 0"
grep -q 'listed_version: "9.9.9"' "$tmp/d.yaml" || fail "recovered change not saved"
finish
