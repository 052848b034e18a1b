#!/bin/sh
# A choice picker: the options are listed, Enter takes one, and the rule
# the old answer broke no longer fires.
. "$srcdir/tests/e2e/lib.sh"

start_demo_copy
goto_question default_password
keys Enter
wait_for "Enter: choose"
screen | grep -q "user must set a password at first use" || fail "no options"
keys Home Down Enter
wait_gone "Enter: choose"
wait_for "user must set a password at first use"
wait_for "12 errors"
keys s
wait_for "Saved d.yaml"
keys q
[ "$(wait_exit)" = 0 ] || fail "exit status not 0"
grep -q "default_password: user must set a password at first use" \
    "$tmp/d.yaml" || fail "choice not saved"
finish
