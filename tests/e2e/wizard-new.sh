#!/bin/sh
# A missing FILE starts a new dossier: the wizard asks which templates
# apply (all of them ticked, the listing template included, in the
# templates' order: TR-007 first, whatever the files are called), opens on
# TR-007's qualification, and the file is created on the first save.
. "$srcdir/tests/e2e/lib.sh"

start -- new.yaml
wait_for "New dossier"
wait_for "[x] TR-008:2026"
screen | grep -q "\[x\] MDACS-LISTING:2026" || fail "listing template not ticked"
screen | grep -o "\[x\] [A-Z0-9-]*:2026" | tr '\n' ' ' |
    grep -qx "\[x\] TR-007:2026 \[x\] TR-008:2026 \[x\] MDACS-LISTING:2026 " ||
    fail "templates not offered in their order"
keys Down Space
wait_for "[ ] TR-008:2026"
keys Enter
wait_for "TR-007:2026 Software"
screen | grep -q "TR-008:2026" && fail "TR-008 was not left out"
[ -e "$tmp/new.yaml" ] && fail "created before saving"
goto_question software_function
keys Enter
wait_for "Enter: new line"
type_text "Reads sensor data and flags arrhythmias for cardiologists."
keys F2
wait_for "[unsaved]"
keys s
wait_for "Saved new.yaml"
keys q
[ "$(wait_exit)" = 0 ] || fail "exit status not 0"
[ "$(grep "^- " "$tmp/new.yaml" | tr '\n' ' ')" = \
    "- tr-007:2026 - mdacs-listing:2026 " ] || fail "templates not written in order"
grep -q "^- mdacs-listing:2026$" "$tmp/new.yaml" ||
    fail "listing template not used by default"
grep -q "tr-008" "$tmp/new.yaml" && fail "TR-008 written"
grep -q "software_function: Reads sensor data" "$tmp/new.yaml" ||
    fail "answer not written"
finish
