#!/bin/sh
# F9 (or x) writes the XLSX checklist beside the dossier, with no
# libxlsxwriter noise on the screen; the workbook opens in openpyxl.
. "$srcdir/tests/e2e/lib.sh"
need_python openpyxl

start_demo_copy
keys F9
wait_for "XLSX checklist"
wait_for "d.xlsx"
keys Enter
wait_for "Wrote the checklist to"
[ -s "$tmp/d.xlsx" ] || fail "no workbook"
keys x
wait_for "XLSX checklist"
keys C-u
type_text "$tmp/again.xlsx"
keys Enter
wait_for "Wrote the checklist to"
[ -s "$tmp/again.xlsx" ] || fail "no second workbook"
keys q
[ "$(wait_exit)" = 0 ] || fail "exit status not 0"
"$PYTHON3" - "$tmp/d.xlsx" <<'PYEOF' || fail "workbook does not read back"
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
assert "Checklist" in wb.sheetnames and "Summary" in wb.sheetnames, wb.sheetnames
ws = wb["Checklist"]
assert ws.max_row > 50, ws.max_row
PYEOF
cmp -s "$tmp/d.yaml" "$EXAMPLES/demo.yaml" || fail "exporting changed the dossier"
finish
