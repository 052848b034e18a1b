#!/bin/sh
# The checklist prints: LibreOffice turns the demo's and the complete
# dossier's workbooks into PDF, and the PDF's own font sizes (the Tf
# operators of every page) must be 8 points or more on A4 landscape.
# Also: labels instead of raw keys, paragraphs joined, sheet names cut at
# a word, one block per dataset, "No findings", repeated headers.
#
# Column widths are planned for Calibri's metrics; LibreOffice uses its
# metric twin Carlito (Debian fonts-crosextra-carlito).  Without it, it
# falls back to a wider font and the measure says nothing: skip.

. "${srcdir:-.}/tests/e2e/cli-lib.sh"

for tool in soffice pdfinfo pdftotext; do
	command -v "$tool" >/dev/null 2>&1 || {
		echo "$tool is not installed"; exit 77; }
done
if ! fc-list 2>/dev/null | grep -qi carlito; then
	echo "the Carlito font (fonts-crosextra-carlito) is not installed"
	exit 77
fi

has() {
	if grep -qF -- "$3" "$2"; then pass; else
		fail "$1: no '$3'"; fi
}

cp -r "$EXAMPLES/evidence" "$TMP/"
for name in demo complete; do
	cp "$EXAMPLES/$name.yaml" "$TMP/$name.yaml"
	run export "$TMP/$name.yaml" --xlsx "$TMP/$name.xlsx" --date 2026-03-01
	expect_rc 0 "export $name"
	(cd "$TMP" && HOME=$TMP timeout 180 soffice --headless \
	    --convert-to pdf "$name.xlsx" >/dev/null 2>&1)
	check "LibreOffice printed $name" test -s "$TMP/$name.pdf"
	pdfinfo "$TMP/$name.pdf" >"$TMP/$name.info" 2>&1
	has "$name prints on A4 landscape" "$TMP/$name.info" \
	    "Page size:       841.89 x 595.3"
	check "$name: every page's text is 8 pt or larger" \
	    "$PYTHON3" - "$TMP/$name.pdf" "$TMP/$name.sizes" <<'PY'
import re, sys, zlib
data = open(sys.argv[1], "rb").read()
pages = []
for s in re.findall(rb"stream\r?\n(.*?)endstream", data, re.S):
    try:
        t = zlib.decompress(s)
    except zlib.error:
        continue
    sizes = [float(x) for x in re.findall(rb"/F\d+ ([\d.]+) Tf", t)]
    if sizes:
        pages.append(min(sizes))
n = int(re.search(rb"/Type\s*/Pages.*?/Count (\d+)", data, re.S).group(1))
open(sys.argv[2], "w").write("pages %d smallest %.2f\n" % (n, min(pages)))
assert len(pages) == n, (len(pages), n)
small = [(i + 1, p) for i, p in enumerate(pages) if p < 8.0]
assert not small, "pages below 8 pt: %r" % small
PY
	echo "$name: $(cat "$TMP/$name.sizes")"
	pdftotext -layout "$TMP/$name.pdf" "$TMP/$name.txt"
	check "$name: no row cuts its text off on paper" \
	    "$PYTHON3" - "$TMP/$name.xlsx" "$TMP/$name.txt" <<'PY'
import collections, re, sys, openpyxl
from openpyxl.utils import get_column_letter
wb = openpyxl.load_workbook(sys.argv[1])
pages = open(sys.argv[2]).read().split("\f")
def words(s):
    return collections.Counter(re.findall(r"[A-Za-z0-9]+", s))
bad = []
for name in wb.sheetnames:
    ws = wb[name]
    if ws.sheet_state != "visible":
        continue
    # A page of this sheet starts with its header, the sheet's name.
    paper = words("".join(p for p in pages if p.strip().startswith(name)))
    head = [c.value for c in ws[1]]
    cells = collections.Counter()
    for row in ws.iter_rows():
        for c in row:
            if not isinstance(c.value, str):
                continue
            if name == "Checklist" and head[c.column - 1] == "Path":
                continue    # not printed
            # A token wider than its column (an e-mail address) cannot
            # wrap and is cut by the column, not the row: not measured.
            width = ws.column_dimensions[get_column_letter(c.column)].width
            if max(len(t) for t in c.value.split() or [""]) > width:
                continue
            cells += words(c.value)
    short = {w: n - paper[w] for w, n in cells.items() if paper[w] < n}
    if short:
        bad.append((name, sorted(short.items())[:8]))
assert not bad, "text cut off on paper: %r" % bad
PY
done

# The length on paper.  A row of a sheet is a question, a finding or a
# record field with its text wrapped in narrow columns, four lines on
# average, and a page holds about 33 lines at the print scale: 7 rows a
# page is what rows as tall as their text reach.  So the bound follows the
# dossier's size, sheet by sheet, instead of a page count that each new
# template or demo finding breaks.
check "the demo's length on paper follows its rows" \
    "$PYTHON3" - "$TMP/demo.xlsx" "$TMP/demo.txt" <<'PY'
import collections, math, sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
pages = [p.strip() for p in open(sys.argv[2]).read().split("\f") if p.strip()]
count = collections.Counter()
for p in pages:
    count[[n for n in wb.sheetnames if p.startswith(n)][0]] += 1
assert sum(count.values()) == len(pages)
over = []
for n in wb.sheetnames:
    if wb[n].sheet_state != "visible":
        continue
    limit = max(1, math.ceil((wb[n].max_row - 1) / 7))
    print("%s: %d rows on %d pages (at most %d)" % (n, wb[n].max_row - 1,
          count[n], limit))
    if count[n] > limit:
        over.append(n)
assert not over, over
PY

has "device facts are labelled, not keyed" "$TMP/demo.txt" \
    "Manufacturer (Chinese name)"
check "no raw device key on paper" sh -c "! grep -q 'manufacturer_zh\|lrp_address' '$TMP/demo.txt'"
has "sheet names end on a word" "$TMP/demo.txt" "Released versions…"
has "one block per dataset" "$TMP/demo.txt" "Datasets #2: HL-CXR-Val"
has "a clean dossier's Findings says so" "$TMP/complete.txt" "No findings"
has "each page names its sheet" "$TMP/demo.txt" "Sections"

check "paragraphs joined, blank lines and lists kept; headers repeat" \
    "$PYTHON3" - "$TMP/demo.xlsx" "$TMP/demo.yaml" <<'PY'
import sys, openpyxl, yaml
wb = openpyxl.load_workbook(sys.argv[1])
d = yaml.load(open(sys.argv[2]), Loader=yaml.BaseLoader)
ws = wb["Checklist"]
h = [c.value for c in ws[1]]
cells = {r[h.index("Path")].value: r[h.index("Answer")].value
         for r in ws.iter_rows(min_row=2)}
src = d["answers"]["tr-007"]["software_description"]["description"]
assert "\n" in src.strip()
got = cells["tr-007.software_description.description"]
assert "\n" not in got and got == " ".join(src.split()), got
for name in ("Checklist", "Templates", "Sections", "Findings", "Datasets"):
    assert wb[name].print_title_rows.replace("$", "") == "1:1", (name, wb[name].print_title_rows)
# Rows are as tall as their wrapped text needs (15 pt a line).
tall = [ws.row_dimensions[r].height for r in range(2, ws.max_row + 1)]
assert max(h or 15 for h in tall) > 15
PY

finish
