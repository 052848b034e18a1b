#!/bin/sh
# dossier status --class DIR: the classroom view over the working copies
# students made with --demo NAME --into DIR/STUDENT: per student the
# scenario, exercises done (documented findings no longer reported),
# completeness, errors left and last saved; students without a copy are
# listed; answer keys and other files are passed over; a copy that cannot
# be read is named and the rest still shown.

. "${srcdir:-.}/tests/e2e/cli-lib.sh"

class=$TMP/class
mkdir -p "$class"
for s in "alice xray-triage" "bob pump-firmware" "chen rhythm-app"; do
	set -- $s
	run --demo "$2" --into "$class/$1" --reset
	expect_rc 0 "copy for $1"
done
mkdir "$class/dana"
# Bob fixes one exercise (GN-03's 30 days), and has the key beside it.
sed 's/other_event_days: 45/other_event_days: 30/' \
    "$class/bob/pump-firmware.yaml" >"$TMP/p" &&
    mv "$TMP/p" "$class/bob/pump-firmware.yaml"
run --demo pump-firmware --solution --into "$class/bob" --reset
# Chen hands in the answer key's text: every exercise done.
cp "$EXAMPLES/rhythm-app/solution.yaml" "$class/chen/rhythm-app.yaml"
touch -d '2026-11-30 09:14:00 UTC' "$class/chen/rhythm-app.yaml"
echo "notes" >"$class/chen/notes.txt"

run status --class "$class"
expect_rc 0 "status --class"
has() {
	if grep -qE -- "$2" "$TMP/out"; then pass; else
		fail "$1: no /$2/ in:"; sed 's/^/  /' "$TMP/out"; fi
}
has "header" '^student +scenario +exercises +complete +errors +last saved$'
has "alice: nothing done yet" '^alice +xray-triage +0/28 +[0-9]+% +[0-9]+ '
has "bob: one exercise done, the key not counted" \
    '^bob +pump-firmware +1/10 +[0-9]+% +[0-9]+ '
has "chen: all done, no errors, last saved" \
    '^chen +rhythm-app +10/10 +100% +0 +2026-11-30 09:14$'
has "dana has no copy" '^dana +- +\(no working copy yet\)$'
has "summary" '^4 students, 3 copies; exercises done: 11 of 48$'
has "the exercise most often left" '^most often left: '
check "one line per copy" test "$(grep -c 'pump-firmware' "$TMP/out")" = 1
no_sanitizer "status --class"

# CSV for a spreadsheet: a header and one row per copy (and per student
# without one), numbers as numbers, a formula in a folder name defused.
mkdir "$class/=cmd"
run status --class --format csv "$class"
expect_rc 0 "status --class --format csv"
check "CSV rows" "$PYTHON3" - "$TMP/out" <<'PY'
import csv, sys
rows = list(csv.reader(open(sys.argv[1], newline="")))
assert rows[0] == ["student", "scenario", "file", "exercises_done",
    "exercises", "percent_complete", "errors", "warnings", "last_saved"], rows[0]
by = {r[0]: r for r in rows[1:]}
assert len(rows) == 6, rows
assert by["bob"][1:2] == ["pump-firmware"] and by["bob"][3:5] == ["1", "10"], by["bob"]
assert by["chen"][3:7] == ["10", "10", "100", "0"], by["chen"]
assert by["chen"][8] == "2026-11-30 09:14", by["chen"]
assert by["dana"][1:] == ["", "", "", "", "", "", "", ""], by["dana"]
assert "'=cmd" in by, sorted(by)
PY
# The same records as JSON: numbers as numbers, null for a student
# without a copy, a folder name as it is (JSON needs no defusing).
run status --class --format json "$class"
expect_rc 0 "status --class --format json"
check "JSON records" "$PYTHON3" - "$TMP/out" <<'PY'
import json, sys
rows = json.load(open(sys.argv[1]))
by = {r["student"]: r for r in rows}
assert len(rows) == 5, rows
assert by["bob"]["scenario"] == "pump-firmware", by["bob"]
assert (by["bob"]["exercises_done"], by["bob"]["exercises"]) == (1, 10), by["bob"]
assert (by["chen"]["exercises_done"], by["chen"]["percent_complete"],
        by["chen"]["errors"]) == (10, 100, 0), by["chen"]
assert by["dana"]["scenario"] is None and by["dana"]["errors"] is None, by["dana"]
# The time as status --format json writes it: ISO 8601, UTC.
assert by["chen"]["last_saved"] == "2026-11-30T09:14:00Z", by["chen"]
assert "=cmd" in by, sorted(by)
PY
rmdir "$class/=cmd"

# A copy that does not load: named on stderr, the others still shown.
printf 'format: 1\ntemplates: [tr-007:2026\n' >"$class/alice/xray-triage.yaml"
run status --class "$class"
expect_rc 2 "a broken copy"
check "the broken copy named" grep -q "alice/xray-triage.yaml:" "$TMP/err"
has "the broken copy listed" '^alice +xray-triage +\(cannot be read\)$'
has "the others still shown" '^chen +rhythm-app +10/10'

# Not a class folder.
run status --class "$TMP/nosuch"
expect_rc 2 "missing folder"
check "one error line" test "$(lines "$TMP/err")" = 1
mkdir "$TMP/empty"
run status --class "$TMP/empty"
expect_rc 2 "a folder without students"
check "says how to make one" grep -q "into" "$TMP/err"
run status --class
expect_rc 2 "no folder"
finish
