#!/bin/sh
# The portfolio: status over folders (text, JSON, CSV) and export
# --out-dir for many dossiers at once, through the real binary.

. "${srcdir:-.}/tests/e2e/cli-lib.sh"

tree=$TMP/clients
mkdir -p "$tree/alpha/2026" "$tree/beta" "$tree/.git/objects" "$tree/tpl"
cp "$EXAMPLES/demo.yaml" "$tree/alpha/2026/dossier.yaml"
cp "$EXAMPLES/complete.yaml" "$tree/beta/dossier.yaml"
cp -r "$EXAMPLES/evidence" "$tree/beta/"
# Same file name a third time: export must not overwrite.
sed 's/^  name: .*/  name: "=HYPERLINK(1)"/' "$EXAMPLES/complete.yaml" \
    >"$tree/beta/dossier.yml"
cp "$EXAMPLES/demo.yaml" "$tree/.git/objects/hidden.yaml"
cp "$DOSSIER_TEMPLATE_PATH/tr007-2026.yaml" "$tree/tpl/"
echo 'not: [a dossier' >"$tree/beta/broken.yaml"
echo 'hello' >"$tree/beta/notes.txt"
touch -d '2026-03-02 10:15:00 UTC' "$tree/beta/dossier.yaml"

run status "$tree"
expect_rc 0 "status of a folder"
check "three dossiers found, hidden folders, templates and others skipped" \
    test "$(lines "$TMP/out")" -eq 3
check "found in name order, recursively" test "$(head -1 "$TMP/out" |
    cut -d: -f1)" = "$tree/alpha/2026/dossier.yaml"
no_sanitizer "status folder"

run status --format json "$tree" "$EXAMPLES/demo.yaml"
expect_rc 0 "status --format json"
check "status JSON parses" is_json "$TMP/out"
check "JSON holds the portfolio columns" "$PYTHON3" - "$TMP/out" "$tree" <<'PY'
import json, sys
rows = json.load(open(sys.argv[1]))
tree = sys.argv[2]
assert len(rows) == 4, len(rows)
keys = ["file", "device", "model", "manufacturer", "listed_version",
        "templates", "percent_complete", "errors", "warnings",
        "evidence_changed", "review_state", "last_saved"]
for r in rows:
    assert list(r) == keys, list(r)
b = [r for r in rows if r["file"] == tree + "/beta/dossier.yaml"][0]
assert b["device"] == "ThoraxFlag CXR Triage", b
assert b["model"] == "TF-CXR"
assert b["listed_version"] == "2.4.1"
assert b["templates"] == ["tr-007:2026", "tr-008:2026", "mdacs-listing:2026"]
assert b["percent_complete"] == 100 and b["errors"] == 0
assert b["evidence_changed"] == 0 and b["review_state"] == "none"
assert b["last_saved"] == "2026-03-02T10:15:00Z", b["last_saved"]
a = rows[0]
assert a["percent_complete"] < 100 and a["errors"] > 0, a
PY

# Errors and warnings as check counts them, the files it reads included;
# evidence changed since the register recorded it.
run check --format json "$tree/beta/dossier.yaml" "$EXAMPLES/demo.yaml"
cp "$TMP/out" "$TMP/check.json"
echo "tampered" >>"$tree/beta/evidence/vv-report.md"
run status --format json "$tree/beta/dossier.yaml" "$EXAMPLES/demo.yaml"
check "evidence changed since recorded, and check's counts" "$PYTHON3" - \
    "$TMP/out" "$TMP/check.json" <<'PY'
import json, sys
rows, checks = json.load(open(sys.argv[1])), json.load(open(sys.argv[2]))
assert rows[0]["evidence_changed"] == 1, rows[0]
assert rows[1]["evidence_changed"] == 1, rows[1]    # the demo's changed file
c = checks[1]
# The same totals as check, which count what the files say (file_errors
# is the part of errors that reading the files found).
assert rows[1]["errors"] == c["errors"], (rows[1], c)
assert rows[1]["warnings"] == c["warnings"], (rows[1], c)
assert c["file_errors"] == 2, c
PY
head -c -9 "$tree/beta/evidence/vv-report.md" >"$TMP/vv" &&
    cat "$TMP/vv" >"$tree/beta/evidence/vv-report.md"

run status --format csv "$tree"
expect_rc 0 "status --format csv"
check "CSV: a header and one row per dossier, formulas defused" \
    "$PYTHON3" - "$TMP/out" <<'PY'
import csv, sys
rows = list(csv.reader(open(sys.argv[1], newline="")))
assert rows[0] == ["file", "device", "model", "manufacturer",
    "listed_version", "templates", "percent_complete", "errors",
    "warnings", "evidence_changed", "review_state", "last_saved"], rows[0]
assert len(rows) == 4, rows
assert rows[3][1] == "'=HYPERLINK(1)", rows[3][1]
assert rows[2][5] == "tr-007:2026 tr-008:2026 mdacs-listing:2026", rows[2][5]
assert rows[2][6] == "100"
PY

run status --format xml "$tree"
expect_rc 2 "unknown format"
run check --format csv "$EXAMPLES/demo.yaml"
expect_rc 2 "check refuses csv"
run status "$TMP/nothing-here"
expect_rc 2 "a missing file"
mkdir "$TMP/empty"
run status "$TMP/empty"
expect_rc 2 "a folder without dossiers"
check "an empty folder says so" grep -q "$TMP/empty: no dossier found in this folder" "$TMP/err"

# A link loop is not followed.
ln -s .. "$tree/beta/loop"
run status "$tree"
check "a link to a folder is not followed" test "$(lines "$TMP/out")" -eq 3

# --- export --out-dir -------------------------------------------------
out=$TMP/sheets
mkdir "$out"
run export --out-dir "$out" "$tree"
expect_rc 0 "export --out-dir"
no_sanitizer "export --out-dir"
check "one workbook per dossier, names kept apart" test -f "$out/dossier.xlsx" \
    -a -f "$out/dossier-2.xlsx" -a -f "$out/dossier-3.xlsx"
check "each line says where it went" test "$(grep -c ' -> ' "$TMP/out")" -eq 3
check "the workbooks open" "$PYTHON3" - "$out" <<'PY'
import sys, openpyxl
for n in ("dossier.xlsx", "dossier-2.xlsx", "dossier-3.xlsx"):
    wb = openpyxl.load_workbook(sys.argv[1] + "/" + n)
    assert "Checklist" in wb.sheetnames
PY
run export --out-dir "$TMP/no-such-dir" "$tree"
expect_rc 2 "--out-dir must be a folder"

finish
