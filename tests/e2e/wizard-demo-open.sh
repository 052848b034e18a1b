#!/bin/sh
# dossier --demo opens a private copy of the demo: the top line shows the
# device, the file and the overall completeness, the sections their marks.
. "$srcdir/tests/e2e/lib.sh"

start -- --demo
wait_for "87% complete"
wait_for "Tour 1 of 6"
keys Escape
wait_gone "Tour 1 of 6"
screen | grep -q "ThoraxFlag CXR Triage" || fail "device name not shown"
screen | grep -q "xray-triage.yaml" || fail "file name not shown"
screen | grep -q "Qualification and" || fail "section list not shown"
screen | grep -q "22 errors, 5 warnings" || fail "findings line not shown"
screen | grep -q "F1/? Help" || fail "key bar not shown"
keys q
[ "$(wait_exit)" = 0 ] || fail "exit status not 0"
assert_restored
finish
