#!/bin/sh
# "Not applicable" needs a reason where the template allows it, and is
# refused where it does not.
. "$srcdir/tests/e2e/lib.sh"

start_demo_copy
goto_question listed_version
keys N
wait_for "cannot be marked not applicable"
goto_question threat_model
keys N
wait_for "Why does \"Threat model"
keys Enter
wait_for "A reason is required."
type_text "No network interface: the device is never connected."
keys Enter
wait_for "n/a: No network interface"
keys s
wait_for "Saved d.yaml"
keys q
[ "$(wait_exit)" = 0 ] || fail "exit status not 0"
grep -q "not_applicable: 'No network interface: the device is never connected.'" \
    "$tmp/d.yaml" || grep -q "not_applicable: \"No network interface" \
    "$tmp/d.yaml" || fail "reason not saved"
finish
