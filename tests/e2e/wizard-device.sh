#!/bin/sh
# A new dossier starts unnamed; D opens one form with every device fact,
# Chinese names and addresses included (issue 13: it used to close after
# each fact, and Chinese names could be set only in the file).  The top
# line shows the name at once, one undo takes the whole form back, and
# the facts are saved under device:, where the checklist reads them.
. "$srcdir/tests/e2e/lib.sh"

start -- new.yaml
wait_for "New dossier"
keys Enter
wait_for "device not named yet: D"
keys D
wait_for "─ The device ─"
wait_for "Device name in Chinese"
wait_for "Manufacturer's address"
wait_for "LRP in Chinese"
wait_for "Enter/F2/Ctrl+S: done   Tab/Down: next field   Esc: cancel"
type_text "PulseWatch ECG"
keys Tab
type_text "脈搏手錶心電圖"
keys Tab
type_text "PW-2"
keys Tab
type_text "Acme Medical Ltd"
keys Tab
type_text "艾克米醫療有限公司"
keys Down Down
type_text "Harbour MedReg Ltd"
keys Tab
type_text "海港醫療法規有限公司"
keys Tab
type_text "Unit 1, 2 Example Road, Kowloon"
# Up goes back a field; what was typed stays.
keys Up
wait_for "海港醫療法規有限公司"
keys Enter
wait_gone "─ The device ─"
wait_for "PulseWatch ECG"
wait_for "Changed 8 device facts"
wait_for "[unsaved]"
keys u
wait_for "device not named yet: D"
keys U
wait_for "PulseWatch ECG"
# Esc changes nothing.
keys D
wait_for "─ The device ─"
keys C-u
type_text "Something else"
keys Escape
wait_gone "─ The device ─"
screen | grep -q "Something else" && fail "Esc kept the form"
keys s
wait_for "Saved new.yaml"
keys q
[ "$(wait_exit)" = 0 ] || fail "exit status not 0"
for line in "name: PulseWatch ECG" "name_zh: 脈搏手錶心電圖" "model: PW-2" \
    "manufacturer: Acme Medical Ltd" "manufacturer_zh: 艾克米醫療有限公司" \
    "lrp: Harbour MedReg Ltd" "lrp_zh: 海港醫療法規有限公司" \
    "lrp_address: Unit 1, 2 Example Road, Kowloon"; do
	grep -q "^  $line\$" "$tmp/new.yaml" || fail "not saved: $line"
done
grep -q "manufacturer_address" "$tmp/new.yaml" && fail "an empty field was saved"
finish
