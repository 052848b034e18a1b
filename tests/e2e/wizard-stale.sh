#!/bin/sh
# When an answer makes answered questions stop applying, the wizard says
# which and offers to clear or keep them; nothing is deleted silently.
. "$srcdir/tests/e2e/lib.sh"

start_demo_copy
goto_question is_medical_device
keys n
wait_for "no longer apply"
wait_for "Qualification and classification: 1 answer"
keys c
wait_for "Cleared 149 answers"
keys s
wait_for "Saved d.yaml"
keys q
[ "$(wait_exit)" = 0 ] || fail "exit status not 0"
grep -q "is_medical_device: no" "$tmp/d.yaml" || fail "answer not saved"
grep -q "software_type" "$tmp/d.yaml" && fail "stale answer kept"
grep -q "^- tr-008:2026$" "$tmp/d.yaml" || fail "template list changed"
# The names the listing template asks are the device's facts: they name
# the device in the top line and the checklist whatever applies.
grep -q "^  manufacturer: Harbourline Imaging Analytics Pte Ltd$" \
    "$tmp/d.yaml" || fail "device fact cleared with the listing answers"
stop
copy_example demo.yaml d.yaml
start -- d.yaml
wait_for "87% complete"
goto_question is_medical_device
keys Enter
wait_for "Space: choose"
keys Down Enter
wait_for "no longer apply"
keys k
wait_for "Kept 149 answers"
keys u
wait_for "Undone"
keys q
[ "$(wait_exit)" = 0 ] || fail "exit status not 0"
finish
