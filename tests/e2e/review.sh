#!/bin/sh
# The checklist's round trip: export, a reviewer fills the Reviewer
# columns (openpyxl, then LibreOffice), dossier review takes them back by
# Path; edited rows are refused by row number; check reports Rejected as
# an error, Query as a warning and stale reviews; the next export
# carries the verdicts.

. "${srcdir:-.}/tests/e2e/cli-lib.sh"

if ! "$PYTHON3" -c 'import openpyxl' 2>/dev/null; then
	echo "openpyxl is not installed"
	exit 77
fi

has() {
	if grep -qF -- "$3" "$2"; then pass; else
		fail "$1: no '$3' in:"; head -20 "$2" | sed 's/^/  /'; fi
}

work=$TMP/w
mkdir -p "$work"
cp -r "$EXAMPLES/evidence" "$work/"
cp "$EXAMPLES/demo.yaml" "$work/d.yaml"
chmod -R u+w "$work"   # make distcheck: the sources are read-only
dos=$work/d.yaml

# review_sheet IN OUT PYTHON: OUT is IN with the Checklist changed by
# PYTHON; set(path, column, value) writes a cell of the row with that
# Path.  Rows are reversed first: import must go by Path, not position.
review_sheet() {
	"$PYTHON3" - "$1" "$2" "$3" <<'PY' || exit 99
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
ws = wb["Checklist"]
head = [c.value for c in ws[1]]
col = {h: i + 1 for i, h in enumerate(head)}
rows = [[c.value for c in r] for r in ws.iter_rows(min_row=2)]
rows.reverse()
for i, r in enumerate(rows):
    for j, v in enumerate(r):
        ws.cell(i + 2, j + 1).value = v
def row_of(path):
    for r in range(2, ws.max_row + 1):
        if ws.cell(r, col["Path"]).value == path:
            return r
    raise SystemExit("no row " + path)
def set(path, column, value):
    ws.cell(row_of(path), col[column]).value = value
wb.properties.lastModifiedBy = "Rita Reviewer"
exec(sys.argv[3])
wb.save(sys.argv[2])
PY
}

run export "$dos" --xlsx "$work/out.xlsx" --date 2026-03-01
expect_rc 0 "export"
review_sheet "$work/out.xlsx" "$work/back.xlsx" '
set("tr-007.versioning.listed_version", "Reviewer", "Rejected")
set("tr-007.versioning.listed_version", "Reviewer notes", "The IFU says 2.4.0")
set("tr-007.lifecycle.safety_class", "Reviewer", "Query")
set("tr-007.lifecycle.safety_class", "Reviewer notes", "Why class B?")
set("mdacs-listing.classification.device_class", "Reviewer", " accepted ")
set("tr-008.datasets.datasets[1].name", "Reviewer", "Accepted")
set("tr-007.lifecycle.lifecycle_process", "Reviewer", "Accepted")
set("tr-007.lifecycle.lifecycle_process", "Answer", "IEC 62304:2006")
set("tr-007.qualification.software_type", "Reviewer", "Accepted")
set("tr-007.qualification.software_type", "Path", "tr-007.qualification.invented")
set("tr-007.lifecycle.tplc_approach", "Reviewer", "Maybe")
set("tr-007.verification.vv_summary", "Reviewer notes", "nice")
'
row_lp=$("$PYTHON3" -c '
import sys, openpyxl
ws = openpyxl.load_workbook(sys.argv[1])["Checklist"]
p = [c.value for c in ws[1]].index("Path")
print([r[0].row for r in ws.iter_rows(min_row=2) if r[p].value == "tr-007.lifecycle.lifecycle_process"][0])
' "$work/back.xlsx")

cp "$dos" "$work/before.yaml"
run review "$dos" "$work/back.xlsx"
expect_rc 1 "rows refused: exit 1"
no_sanitizer "review"
has "summary" "$TMP/out" \
    "4 verdicts recorded (2 accepted, 1 queries, 1 rejected), 0 unchanged, 0 stale, 4 rows refused"
has "an edited answer is refused by row" "$TMP/out" \
    "back.xlsx:$row_lp: refused: Checklist row $row_lp (tr-007.lifecycle.lifecycle_process): the Answer or Evidence cell was edited in the workbook"
has "an edited path is refused" "$TMP/out" \
    "refused: Checklist row"
has "...naming the path found" "$TMP/out" "the Path 'tr-007.qualification.invented' is not one this checklist was exported with"
has "an unknown verdict is refused" "$TMP/out" "the Reviewer cell says 'Maybe'"
has "a note without a verdict is refused" "$TMP/out" "a note without a decision"

run check "$dos"
expect_rc 1 "check: a rejection is an error"
has "Rejected is an error" "$TMP/out" \
    "error: TR-007, software versioning and traceability (topic; no clause number known): rejected by Rita Reviewer: The IFU says 2.4.0 [tr-007.versioning.listed_version]"
has "Query is a warning" "$TMP/out" \
    "warning: IEC 62304 software safety classification (peer practice): query from Rita Reviewer: Why class B? [tr-007.lifecycle.safety_class]"
check "stored per question: status, note, who, when" "$PYTHON3" - "$dos" <<'PY'
import re, sys, yaml
d = yaml.load(open(sys.argv[1]), Loader=yaml.BaseLoader)
r = d["reviews"]["tr-007.versioning.listed_version"]
assert r["status"] == "Rejected" and r["note"] == "The IFU says 2.4.0"
assert r["by"] == "Rita Reviewer", r
assert re.fullmatch(r"20\d\d-\d\d-\d\dT\d\d:\d\d:\d\dZ", r["at"]), r
assert len(r["answer"]) == 64
assert d["reviews"]["mdacs-listing.classification.device_class"]["status"] == "Accepted"
assert "tr-007.lifecycle.lifecycle_process" not in d["reviews"]
assert set(d["reviews"]) == {"tr-007.versioning.listed_version",
    "tr-007.lifecycle.safety_class", "mdacs-listing.classification.device_class",
    "tr-008.datasets.datasets[1].name"}, set(d["reviews"])
PY

run review "$dos" "$work/back.xlsx"
has "the same workbook again changes nothing" "$TMP/out" "0 verdicts recorded (0 accepted, 0 queries, 0 rejected), 4 unchanged"

run status --format json "$dos"
check "portfolio review state" "$PYTHON3" -c '
import json, sys; assert json.load(open(sys.argv[1]))[0]["review_state"] == "rejected"' "$TMP/out"

# The next export carries the verdicts.
run export "$dos" --xlsx "$work/next.xlsx" --date 2026-03-01
check "the next export has the Reviewer columns filled" "$PYTHON3" - "$work/next.xlsx" <<'PY'
import sys, openpyxl
ws = openpyxl.load_workbook(sys.argv[1])["Checklist"]
h = [c.value for c in ws[1]]
got = {r[h.index("Path")].value: (r[h.index("Reviewer")].value, r[h.index("Reviewer notes")].value)
       for r in ws.iter_rows(min_row=2)}
assert got["tr-007.versioning.listed_version"] == ("Rejected", "The IFU says 2.4.0"), got["tr-007.versioning.listed_version"]
assert got["tr-007.lifecycle.safety_class"] == ("Query", "Why class B?")
assert got["mdacs-listing.classification.device_class"][0] == "Accepted"
assert got["tr-007.lifecycle.lifecycle_process"] == (None, None)
PY

# The answer changes: the review goes stale, and leaves the workbook.
sed -i 's/^      safety_class: Class B$/      safety_class: Class A/' "$dos"
run check "$dos"
has "a changed answer makes its review stale" "$TMP/out" \
    "warning: IEC 62304 software safety classification (peer practice): review is stale: the answer changed after Rita Reviewer marked it Query (Why class B?)"
run export "$dos" --xlsx "$work/stale.xlsx" --date 2026-03-01
check "a stale verdict is not exported" "$PYTHON3" - "$work/stale.xlsx" <<'PY'
import sys, openpyxl
ws = openpyxl.load_workbook(sys.argv[1])["Checklist"]
h = [c.value for c in ws[1]]
for r in ws.iter_rows(min_row=2):
    if r[h.index("Path")].value == "tr-007.lifecycle.safety_class":
        assert r[h.index("Reviewer")].value is None
PY

# A verdict on an answer that changed after the export: recorded, stale.
review_sheet "$work/out.xlsx" "$work/late.xlsx" '
set("tr-007.lifecycle.safety_class", "Reviewer", "Accepted")
'
run review "$dos" "$work/late.xlsx"
expect_rc 0 "late verdict taken"
has "late verdict named as stale" "$TMP/out" \
    "stale: Checklist row"
has "...with its path" "$TMP/out" \
    "(tr-007.lifecycle.safety_class): Accepted judged an answer that has changed in the dossier since the export; recorded as stale"
check "history keeps the earlier verdict" "$PYTHON3" - "$dos" <<'PY'
import sys, yaml
d = yaml.load(open(sys.argv[1]), Loader=yaml.BaseLoader)
r = d["reviews"]["tr-007.lifecycle.safety_class"]
assert r["status"] == "Accepted" and r["history"][0]["status"] == "Query", r
PY

# --- LibreOffice saves the workbook -----------------------------------
if command -v soffice >/dev/null 2>&1; then
	cp "$work/before.yaml" "$work/lo.yaml"
	mkdir -p "$work/lo" "$TMP/lohome"
	HOME=$TMP/lohome timeout 120 soffice --headless --convert-to xlsx \
	    --outdir "$work/lo" "$work/back.xlsx" >/dev/null 2>&1
	check "LibreOffice wrote the workbook" test -f "$work/lo/back.xlsx"
	run review "$work/lo.yaml" "$work/lo/back.xlsx"
	expect_rc 1 "LibreOffice's workbook: same outcome"
	has "LibreOffice's workbook: same verdicts" "$TMP/out" \
	    "4 verdicts recorded (2 accepted, 1 queries, 1 rejected), 0 unchanged, 0 stale, 4 rows refused"
	check "LibreOffice's workbook: same reviews stored" "$PYTHON3" - \
	    "$work/lo.yaml" "$dos" <<'PY'
import sys, yaml
a = yaml.load(open(sys.argv[1]), Loader=yaml.BaseLoader)["reviews"]
assert set(a) == {"tr-007.versioning.listed_version",
    "tr-007.lifecycle.safety_class", "mdacs-listing.classification.device_class",
    "tr-008.datasets.datasets[1].name"}, set(a)
assert a["tr-007.versioning.listed_version"]["note"] == "The IFU says 2.4.0"
PY
else
	echo "note: soffice not installed; LibreOffice part skipped"
fi

# --- unusable input ----------------------------------------------------
run review "$dos" "$dos"
expect_rc 2 "a YAML file is no workbook"
"$PYTHON3" -c '
import openpyxl, sys; wb = openpyxl.Workbook(); wb.active.title = "Checklist"; wb.save(sys.argv[1])' "$work/plain.xlsx"
run review "$dos" "$work/plain.xlsx"
expect_rc 2 "a workbook without the hidden sheet"
has "says what is missing" "$TMP/err" "not a checklist exported by dossier"
run review "$dos"
expect_rc 2 "one file is bad usage"

# Hostile workbooks: an entity bomb in the first sheet (the export
# streams its rows, so strings are inline, not shared), a cut file.
"$PYTHON3" - "$work/out.xlsx" "$work/bomb.xlsx" <<'PY' || exit 99
import sys, zipfile
src, dst = zipfile.ZipFile(sys.argv[1]), zipfile.ZipFile(sys.argv[2], "w")
for n in src.namelist():
    data = src.read(n)
    if n == "xl/worksheets/sheet1.xml":
        data = (b'<?xml version="1.0"?><!DOCTYPE worksheet [<!ENTITY a "aaaaaaaaaa">'
                b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>' +
                data[data.index(b"<worksheet"):])
    dst.writestr(n, data)
dst.close()
PY
run review "$dos" "$work/bomb.xlsx"
expect_rc 2 "a document type declaration is refused"
has "...saying where" "$TMP/err" "xl/worksheets/sheet1.xml, line 1: a document type declaration (refused)"
head -c 3000 "$work/out.xlsx" >"$work/cut.xlsx"
run review "$dos" "$work/cut.xlsx"
expect_rc 2 "a cut workbook"
check "one line about it" test "$(lines "$TMP/err")" -eq 1
no_sanitizer "hostile workbooks"

finish
