#!/bin/sh
# A new dossier starts unnamed; D names the device and its manufacturer,
# the top line shows the name at once, undo takes it back, and the facts
# are saved under device:, where the checklist reads them.
. "$srcdir/tests/e2e/lib.sh"

start -- new.yaml
wait_for "New dossier"
keys Enter
wait_for "device not named yet: D"
keys D
wait_for "Which fact?"
keys Enter
wait_for "Type it as it should appear"
type_text "PulseWatch 中文 ECG"
keys Enter
wait_for "PulseWatch 中文 ECG"
wait_for "[unsaved]"
keys u
wait_for "device not named yet: D"
keys U
wait_for "PulseWatch 中文 ECG"
keys D
wait_for "Which fact?"
keys Down Down Enter
wait_for "Manufacturer"
type_text "Acme Medical Ltd"
keys Enter
wait_for "[unsaved]"
keys s
wait_for "Saved new.yaml"
keys q
[ "$(wait_exit)" = 0 ] || fail "exit status not 0"
grep -q "^  name: PulseWatch 中文 ECG$" "$tmp/new.yaml" || fail "name not saved"
grep -q "^  manufacturer: Acme Medical Ltd$" "$tmp/new.yaml" ||
    fail "manufacturer not saved"
finish
