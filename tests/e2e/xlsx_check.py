#!/usr/bin/python3
"""Read a checklist workbook back with openpyxl and check it against
`dossier check --format json` for the same dossier (tests/e2e/xlsx.sh).

usage: xlsx_check.py BOOK.xlsx CHECK.json [options]
  --rows N          the Checklist must have N item rows
  --date YYYY-MM-DD the document's creation date
  --planted FILE    each line (Python string literal) is an answer that must
                    appear, as typed, as a string cell of the Checklist
  --long N          one answer had N characters: its cell must be cut, with
                    the marker, to at most 32,767
  --lists           a drop-down must use the hidden Lists sheet

It checks what share/doc/checklist.md promises: the sheets and headers,
the frozen header and autofilter, the Reviewer drop-down, that every
finding of check sits on exactly one Checklist row whose status and
severity follow from the findings on it, and that no cell anywhere is a
formula.  Exit 0 when all holds, 1 with one line per failure otherwise.
"""

import argparse
import ast
import datetime
import html
import json
import re
import sys
import zipfile

import openpyxl

CHECKLIST_HEADS = ["Template", "Clause", "Section", "Item", "Status",
                   "Severity", "Answer", "Evidence", "Finding", "Reviewer",
                   "Reviewer notes", "Path"]
FINDINGS_HEADS = ["#", "Severity", "Template", "Clause", "Section", "Path",
                  "Message", "Line", "Column", "Checklist row"]
CELL_MAX = 32767
CUT_MARK = "cut: the full text has"
TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "{")
SEV_RANK = {"error": 0, "warning": 1, "info": 2}

failures = []


def fail(msg):
    failures.append(msg)


def hazard(cp):
    """core/text.c text_is_hazard()."""
    if cp < 0x20 or cp == 0x7F or 0x80 <= cp <= 0x9F:
        return True
    if cp in (0x061C, 0x200B, 0x200C, 0x200D, 0x200E, 0x200F, 0x2028,
              0x2029, 0x2060, 0xFEFF):
        return True
    return 0x202A <= cp <= 0x202E or 0x2066 <= cp <= 0x2069


def as_cell(s):
    """What the export makes of text s (core/xltext.h), as a reader that
    decodes _xHHHH_ shows it: controls as ^X or <U+XXXX>."""
    out = []
    for ch in s:
        cp = ord(ch)
        if ch in "\n\t":
            out.append(ch)
        elif cp < 0x20 or cp == 0x7F:
            out.append("^" + ("?" if cp == 0x7F else chr(cp + 64)))
        elif hazard(cp):
            out.append("<U+%04X>" % cp)
        else:
            out.append(ch)
    return "".join(out)


def is_missing(f):
    """A "not answered" finding (FIND_MISSING in core/validate.h)."""
    return f["rule"] is None and (f["message"].endswith(": not answered") or
                                  f["message"].endswith(": no records yet"))


def expected_status(row, finds):
    """checklist.h: Error > Missing > Warning > Info > the answer."""
    sevs = [f["severity"] for f in finds]
    if any(f["severity"] == "error" and not is_missing(f) for f in finds):
        return "Error"
    if any(is_missing(f) and f["severity"] != "info" for f in finds):
        return "Missing"
    if "warning" in sevs:
        return "Warning"
    if finds and is_finding_row(row):
        return "Info"
    answer = row["Answer"] or ""
    if answer.startswith("Not applicable:"):
        return "Not applicable"
    if answer or row["Evidence"]:
        return "Complete"
    return "Optional"


def is_finding_row(row):
    item = row["Item"] or ""
    return (item.startswith("Rule: ") or item == "Not in the template" or
            item == "Finding")


def sheet_rows(ws, heads):
    got = [c.value for c in ws[1]]
    if got[:len(heads)] != heads:
        fail("%s: headers %r, expected %r" % (ws.title, got, heads))
    rows = []
    for r in ws.iter_rows(min_row=2, values_only=True):
        rows.append(dict(zip(heads, r)))
    return rows


def check_sheets(wb):
    names = wb.sheetnames
    if names[0] != "Checklist" or "Summary" not in names or \
            "Findings" not in names:
        fail("sheets: %r" % names)
    for n in names:
        if len(n) > 31 or any(c in n for c in "[]:*?/\\") or \
                n.startswith("'") or n.endswith("'"):
            fail("sheet name not valid in Excel: %r" % n)
    if len({n.lower() for n in names}) != len(names):
        fail("sheet names not unique: %r" % names)
    for n in names:
        want = "hidden" if n.startswith("Lists") or n == "Review data" \
            else "visible"
        if wb[n].sheet_state != want:
            fail("sheet %s is %s" % (n, wb[n].sheet_state))


def check_layout(ws, n):
    if ws.freeze_panes != "A2":
        fail("Checklist: frozen pane at %r, expected A2" % ws.freeze_panes)
    if ws.auto_filter.ref != "A1:L%d" % (n + 1):
        fail("Checklist: autofilter %r, expected A1:L%d" %
             (ws.auto_filter.ref, n + 1))
    reviewer = [dv for dv in ws.data_validations.dataValidation
                if str(dv.sqref) == "J2:J%d" % (n + 1)]
    if n > 0 and (len(reviewer) != 1 or reviewer[0].type != "list" or
                  reviewer[0].formula1 != '"Accepted,Query,Rejected"'):
        fail("Checklist: no Reviewer drop-down on J2:J%d" % (n + 1))


def check_findings(rows, frows, findings):
    """Findings sheet = check's findings; each sits on one matching row."""
    if not findings:
        # A clean dossier's sheet says so instead of printing blank.
        if [r["Message"] for r in frows] != ["No findings"]:
            fail("Findings: %r, expected one 'No findings' row" % frows)
        return {}
    if len(frows) != len(findings):
        fail("Findings: %d rows, check reports %d" %
             (len(frows), len(findings)))
        return {}
    on_row = {}
    for i, (fr, f) in enumerate(zip(frows, findings)):
        want = (i + 1, f["severity"], as_cell(f["path"] or ""),
                as_cell(f["message"]), f["line"], f["column"])
        got = (fr["#"], fr["Severity"], fr["Path"] or "", fr["Message"],
               fr["Line"], fr["Column"])
        if want != got:
            fail("Findings row %d: %r, check says %r" % (i + 2, got, want))
        if (fr["Clause"] or "") != as_cell(f["cite"] or ""):
            fail("Findings row %d: clause %r, check cites %r" %
                 (i + 2, fr["Clause"], f["cite"]))
        r = fr["Checklist row"]
        if not isinstance(r, (int, float)) or not 2 <= r <= len(rows) + 1:
            fail("finding %d: no Checklist row (%r)" % (i + 1, r))
            continue
        row = rows[int(r) - 2]
        if (row["Path"] or "") != as_cell(f["path"] or ""):
            fail("finding %d (%s) sits on row %d, whose path is %r" %
                 (i + 1, f["path"], r, row["Path"]))
        on_row.setdefault(int(r), []).append(f)
    return on_row


def check_statuses(rows, on_row):
    field_paths = {}
    for i, row in enumerate(rows):
        r = i + 2
        finds = on_row.get(r, [])
        if is_finding_row(row):
            if len(finds) != 1:
                fail("row %d: a finding row with %d findings" %
                     (r, len(finds)))
        else:
            p = row["Path"]
            if p in field_paths:
                fail("rows %d and %d are both %s" % (field_paths[p], r, p))
            field_paths[p] = r
        want = expected_status(row, finds)
        if row["Status"] != want:
            fail("row %d (%s): status %r, findings say %r" %
                 (r, row["Path"], row["Status"], want))
        sev = min((f["severity"] for f in finds), key=SEV_RANK.get,
                  default=None)
        if (row["Severity"] or None) != sev:
            fail("row %d (%s): severity %r, expected %r" %
                 (r, row["Path"], row["Severity"], sev))
        msgs = "\n".join(as_cell(f["message"]) for f in finds)
        if (row["Finding"] or "") != msgs:
            fail("row %d: finding text %r, expected %r" %
                 (r, row["Finding"], msgs))
    # A finding row only when no field row holds that path.
    for i, row in enumerate(rows):
        if is_finding_row(row) and row["Path"] in field_paths:
            fail("row %d: finding row for %s, which has field row %d" %
                 (i + 2, row["Path"], field_paths[row["Path"]]))


def check_text_cells(wb, book):
    """No formulas anywhere: openpyxl's type and the XML itself."""
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for c in row:
                if isinstance(c.value, str) and c.data_type != "s":
                    fail("%s!%s: type %s" % (ws.title, c.coordinate,
                                             c.data_type))
                if c.data_type == "f":
                    fail("%s!%s: a formula" % (ws.title, c.coordinate))
    with zipfile.ZipFile(book) as z:
        for name in z.namelist():
            if not name.startswith("xl/worksheets/"):
                continue
            xml = z.read(name).decode("utf-8")
            if "<f>" in xml or "<f " in xml:
                fail("%s has a formula element" % name)
            if "<hyperlink" in xml:
                fail("%s has a hyperlink" % name)


def xml_text(s):
    """s as the strings' XML must hold it: a literal _xHHHH_ escaped
    as _x005F_xHHHH_, so spreadsheets that decode such escapes show s."""
    s = re.sub(r"_x[0-9A-Fa-f]{4}_", lambda m: "_x005F" + m.group(0), s)
    return html.escape(s, quote=False)


def check_planted(rows, path, book):
    values = {row["Answer"] for row in rows} | {row["Evidence"] for row in rows}
    # The export streams its rows (constant memory): strings are inline
    # in the sheets rather than shared.  Either place holds the text.
    with zipfile.ZipFile(book) as z:
        strings = "".join(z.read(n).decode("utf-8") for n in z.namelist()
                          if n == "xl/sharedStrings.xml" or
                          n.startswith("xl/worksheets/"))
    with open(path, encoding="utf-8") as fp:
        for line in fp:
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            s = as_cell(ast.literal_eval(line))
            if ">%s</t>" % xml_text(s) not in strings:
                fail("planted answer %r is not in the strings as "
                     "%r" % (s, xml_text(s)))
            # openpyxl 3.0 decodes _xHHHH_ more than once: not an oracle.
            if "_x" not in s and s not in values:
                fail("planted answer %r is not a cell as typed" % s)


def check_long(rows, n):
    cut = [row["Answer"] for row in rows
           if isinstance(row["Answer"], str) and CUT_MARK in row["Answer"]]
    if len(cut) != 1:
        fail("expected one cut answer, found %d" % len(cut))
        return
    s = cut[0]
    units = len(s.encode("utf-16-le")) // 2
    if units > CELL_MAX:
        fail("cut answer still has %d UTF-16 units" % units)
    if "has %d characters" % n not in s:
        fail("cut marker does not give the full length %d" % n)
    if units < CELL_MAX - 200:
        fail("cut answer keeps only %d units" % units)


def check_lists(wb):
    ws = wb["Checklist"]
    uses = [dv for dv in ws.data_validations.dataValidation
            if dv.formula1 and dv.formula1.startswith("'Lists'!")]
    if not uses:
        fail("no drop-down uses the hidden Lists sheet")
        return
    ref = uses[0].formula1.split("!")[1].replace("$", "")
    lists = wb["Lists"]
    vals = [c.value for row in lists[ref] for c in row]
    if not vals or any(not isinstance(v, str) for v in vals):
        fail("Lists %s: %r" % (ref, vals))


def check_properties(wb, date):
    p = wb.properties
    for name in ("title", "subject", "creator", "keywords"):
        if not getattr(p, name):
            fail("document property %s is empty" % name)
    for s in (p.title, p.subject, p.creator, p.keywords):
        if s and any(ord(ch) < 0x20 for ch in s):
            fail("control character in a property: %r" % s)
    if date:
        want = datetime.datetime.strptime(date, "%Y-%m-%d")
        if p.created != want:
            fail("created %r, expected %r" % (p.created, want))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("book")
    ap.add_argument("check")
    ap.add_argument("--rows", type=int)
    ap.add_argument("--date")
    ap.add_argument("--planted")
    ap.add_argument("--long", type=int)
    ap.add_argument("--lists", action="store_true")
    a = ap.parse_args()

    with open(a.check, encoding="utf-8") as fp:
        report = json.load(fp)[0]
    wb = openpyxl.load_workbook(a.book)
    check_sheets(wb)
    rows = sheet_rows(wb["Checklist"], CHECKLIST_HEADS)
    frows = sheet_rows(wb["Findings"], FINDINGS_HEADS)
    if a.rows is not None and len(rows) != a.rows:
        fail("Checklist: %d rows, expected %d" % (len(rows), a.rows))
    check_layout(wb["Checklist"], len(rows))
    on_row = check_findings(rows, frows, report["findings"])
    check_statuses(rows, on_row)
    check_text_cells(wb, a.book)
    check_properties(wb, a.date)
    if a.planted:
        check_planted(rows, a.planted, a.book)
    if a.long:
        check_long(rows, a.long)
    if a.lists:
        check_lists(wb)
    for f in failures:
        print("xlsx_check: %s: %s" % (a.book, f))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
