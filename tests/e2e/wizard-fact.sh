#!/bin/sh
# Names are asked once (issue 9, point 9): the listing template's device
# name and manufacturer are the device: facts.  Answered as questions,
# they name the device in the top line at once and show in the D form;
# changed in the D form, the question shows the new value; saved, they
# live under device: only, check reads them there and the checklist's
# Summary sheet and question rows show the same value.
. "$srcdir/tests/e2e/lib.sh"

start -- new.yaml
wait_for "New dossier"
keys Enter
wait_for "device not named yet: D"
set_line "Name of the device" "PulseWatch ECG"
wait_for "PulseWatch ECG │ new.yaml"
set_line "Manufacturer's name" "Acme Medical Ltd"
keys D
wait_for "─ The device ─"
screen | grep -q "Device name .*PulseWatch ECG" || fail "D form misses the name"
screen | grep -q "Manufacturer  .*Acme Medical Ltd" ||
    fail "D form misses the manufacturer answered as a question"
# Change the manufacturer in the D form (issue 13: one form, every
# fact): the question follows.
keys Tab Tab Tab C-u
type_text "Acme Medical Limited"
keys Enter
wait_gone "─ The device ─"
goto_question "Manufacturer's name"
wait_for "    Acme Medical Limited"
keys s
wait_for "Saved new.yaml"
keys q
[ "$(wait_exit)" = 0 ] || fail "exit status not 0"
grep -q "^  name: PulseWatch ECG$" "$tmp/new.yaml" || fail "name not in device:"
grep -q "^  manufacturer: Acme Medical Limited$" "$tmp/new.yaml" ||
    fail "manufacturer not in device:"
[ "$(grep -c "Acme Medical" "$tmp/new.yaml")" = 1 ] ||
    fail "the manufacturer is stored more than once"
[ "$(grep -c "PulseWatch ECG" "$tmp/new.yaml")" = 1 ] ||
    fail "the name is stored more than once"

PY=${PYTHON3:-/usr/bin/python3}
"$PY" -c 'import openpyxl' 2>/dev/null || { echo "no openpyxl: XLSX part skipped"; finish; }
"$DOSSIER" check --format json "$tmp/new.yaml" >"$tmp/check.json" 2>/dev/null
[ $? = 1 ] || fail "check of an unfinished dossier did not exit 1"
"$DOSSIER" export "$tmp/new.yaml" --xlsx "$tmp/new.xlsx" >/dev/null 2>&1 ||
    fail "export failed"
"$PY" - "$tmp/check.json" "$tmp/new.xlsx" <<'PY' || fail "check or checklist disagree"
import json, sys, openpyxl
items = {i["path"]: i for i in json.load(open(sys.argv[1]))[0]["items"]}
for path in ("mdacs-listing.application.device_name",
             "mdacs-listing.manufacturer.name"):
    assert items[path]["status"] == "Complete", (path, items[path])
wb = openpyxl.load_workbook(sys.argv[2])
summary = {r[0]: r[1] for r in wb["Summary"].iter_rows(values_only=True)
           if r and r[0] is not None}
assert summary.get("Device") == "PulseWatch ECG", summary
assert summary.get("Manufacturer") == "Acme Medical Limited", summary
ws = wb["Checklist"]
head = [c.value for c in ws[1]]
rows = {r[head.index("Path")]: r for r in ws.iter_rows(min_row=2, values_only=True)}
row = rows["mdacs-listing.manufacturer.name"]
assert "Acme Medical Limited" in str(row[head.index("Answer")]), row
PY
finish
