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
# The same workbook as dossier export --xlsx: the Evidence sheet, and the
# rows' statuses with what reading the files found (the changed V&V
# report is an Error row).
"$DOSSIER" export "$tmp/d.yaml" --xlsx "$tmp/cli.xlsx" >/dev/null 2>&1 ||
    fail "dossier export failed"
"$PYTHON3" - "$tmp/d.xlsx" "$tmp/cli.xlsx" <<'PYEOF' || fail "workbook does not read back"
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
cli = openpyxl.load_workbook(sys.argv[2])
assert "Checklist" in wb.sheetnames and "Summary" in wb.sheetnames, wb.sheetnames
assert wb.sheetnames == cli.sheetnames, (wb.sheetnames, cli.sheetnames)
assert "Evidence" in wb.sheetnames, wb.sheetnames
ws = wb["Checklist"]
assert ws.max_row > 50, ws.max_row
def rows(book):
    sh = book["Checklist"]
    head = [c.value for c in sh[1]]
    p, st = head.index("Path"), head.index("Status")
    return {r[p]: r[st] for r in sh.iter_rows(min_row=2, values_only=True)}
a, b = rows(wb), rows(cli)
assert a == b, [k for k in a if a[k] != b.get(k)][:5]
assert a["tr-007.verification.vv_report"] == "Error", a["tr-007.verification.vv_report"]
PYEOF
cmp -s "$tmp/d.yaml" "$EXAMPLES/demo.yaml" || fail "exporting changed the dossier"
finish
