#!/bin/sh
# A choice picker: the options are listed under a title that says what to
# do (not the template's type name), Enter takes one, and the rule the
# old answer broke no longer fires; a multichoice picker ticks.
. "$srcdir/tests/e2e/lib.sh"

start_demo_copy
goto_question default_password
keys Enter
wait_for "Space: choose"
wait_for "─ Choose one ─"
screen | grep -q "user must set a password at first use" || fail "no options"
keys Home Down Enter
wait_gone "Space: choose"
wait_for "user must set a password at first use"
wait_for "21 errors"
goto_question test_levels
keys Enter
wait_for "─ Tick all that apply ─"
wait_for "[x] unit"
keys Escape
wait_gone "Tick all that apply"
goto_question recovery_plan
keys Enter
wait_for "─ A file beside the dossier ─"
keys Escape
keys s
wait_for "Saved d.yaml"
keys q
[ "$(wait_exit)" = 0 ] || fail "exit status not 0"
grep -q "default_password: user must set a password at first use" \
    "$tmp/d.yaml" || fail "choice not saved"
finish
