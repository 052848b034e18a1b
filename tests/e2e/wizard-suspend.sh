#!/bin/sh
# Ctrl+Z hands the terminal back to the shell and fg brings the wizard
# back, fully redrawn, from the main screen and from inside the long-text
# editor; what was typed in the editor is still there.
. "$srcdir/tests/e2e/lib.sh"

copy_example demo.yaml d.yaml
# An interactive shell with job control, instead of lib.sh's runner.
nstart=$((nstart + 1))
sock=$sockbase-$nstart
# shellcheck disable=SC2086
t new-session -d -s w -x 80 -y 24 -c "$tmp" \
    env -i $E2E_ENV PS1='$ ' sh -i || exit 99
wait_for '$'
type_text "$DOSSIER d.yaml"
keys Enter
wait_for "87% complete"
keys C-z
wait_for "Stopped"
type_text "echo shell-is-usable"
keys Enter
wait_for "shell-is-usable"
type_text fg
keys Enter
wait_for "87% complete"
wait_for "F1/? Help"
goto_question version_justification
keys Enter
wait_for "Enter: new line"
type_text "Typed before the suspension."
keys C-z
wait_for "Stopped"
type_text fg
keys Enter
wait_for "Enter: new line"
wait_for "Typed before the suspension."
keys C-s
wait_for "[unsaved]"
keys s
wait_for "Saved d.yaml"
keys q
wait_gone "F1/? Help"
# A list such as "dossier; echo" would echo when the job stops; ask the
# shell for fg's status instead.
type_text 'echo "[status $?]"'
keys Enter
wait_for "[status 0]"
assert_restored
grep -q "version_justification: Typed before the suspension." \
    "$tmp/d.yaml" || fail "typed text not saved"
finish
