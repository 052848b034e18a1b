#!/bin/sh
# The XLSX checklist, end to end (issue 5; RELIABILITY.md cases 18, 43-48):
# export the demo and a hostile dossier, read them back with openpyxl
# (tests/e2e/xlsx_check.py) against `dossier check --format json`, and
# check that exports are deterministic and atomic (read-only folder, full
# disk).  Runs from the build tree under `make check`; writes only to a
# mktemp folder.  Exit 77 (skipped) without Debian's python3-openpyxl;
# a part that cannot run here (no mount, no LibreOffice) is named on a
# SKIP line, the rest still runs, and the test then exits 77, never 0.

PY=/usr/bin/python3
: "${srcdir:=.}"
: "${DOSSIER:=./dossier}"
: "${TESTDATA:=$srcdir/tests/data}"
: "${EXAMPLES:=$srcdir/share/examples}"
CHECK="$srcdir/tests/e2e/xlsx_check.py"
XLT="$TESTDATA/xlsx"

if ! "$PY" -c 'import openpyxl' 2>/dev/null; then
	echo "SKIP: $PY cannot import openpyxl (apt-get install python3-openpyxl)"
	exit 77
fi

T=$(mktemp -d) || exit 99
MOUNTS=
cleanup() {
	for m in $MOUNTS; do umount "$m" 2>/dev/null; done
	rm -rf "$T"
}
trap cleanup EXIT
trap 'exit 99' INT TERM HUP

passed=0
failed=0
skipped=0
ok() { passed=$((passed + 1)); echo "ok - $1"; }
not_ok() { failed=$((failed + 1)); echo "not ok - $1"; }
skip() { skipped=$((skipped + 1)); echo "SKIP: $1: $2"; }
check() { if "$@"; then ok "$name"; else not_ok "$name"; fi; }
# The parts of a workbook whose names start with PREFIX, concatenated (no
# unzip on a fresh Debian; Python's zipfile is there with openpyxl).
parts() {
	"$PY" -c 'import sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
for n in sorted(z.namelist()):
    if n.startswith(sys.argv[2]):
        sys.stdout.write(z.read(n).decode("utf-8") + "\n")' "$1" "$2"
}

export_xlsx() {	# dossier out [options...]: exports, stderr in $T/err
	d=$1 out=$2
	shift 2
	"$DOSSIER" export "$d" --xlsx "$out" "$@" 2>"$T/err"
}

# --- the demo ---------------------------------------------------------------
cp -R "$EXAMPLES/." "$T/demo"
name="demo exports"
export_xlsx "$T/demo/demo.yaml" "$T/demo.xlsx" --date 2026-02-03
check test $? -eq 0 -a ! -s "$T/err" -a -s "$T/demo.xlsx"
"$DOSSIER" check --format json "$T/demo/demo.yaml" >"$T/demo.json" 2>/dev/null
name="demo workbook agrees with check, row for row"
check "$PY" "$CHECK" "$T/demo.xlsx" "$T/demo.json" --date 2026-02-03 --lists
name="demo has a Datasets sheet, one block per record"
check "$PY" -c 'import openpyxl, sys
wb = openpyxl.load_workbook(sys.argv[1])
ws = wb["Datasets"]
sys.exit(ws.max_row < 3 or ws["A1"].value != "Field" or
         ws["A2"].value != "Datasets #1: HL-CXR-Train" or
         ws["A3"].value != "Dataset name" or ws["B3"].value != "HL-CXR-Train")' "$T/demo.xlsx"
"$DOSSIER" check --format json "$T/demo/complete.yaml" >"$T/complete.json" 2>/dev/null
export_xlsx "$T/demo/complete.yaml" "$T/complete.xlsx" --date 2026-02-03
name="complete dossier: no finding, every row Complete, Optional or N/A"
check "$PY" "$CHECK" "$T/complete.xlsx" "$T/complete.json"

# --- hostile answers ----------------------------------------------------------
long=$(head -c 40000 /dev/zero | tr '\0' 'a')
sed "s/LONG/$long/" "$XLT/hostile.yaml" >"$T/hostile.yaml"
H="--template-dir $XLT/tpl"
name="hostile dossier exports, warning once about the cut answer"
# shellcheck disable=SC2086
export_xlsx "$T/hostile.yaml" "$T/hostile.xlsx" $H --date 2026-01-02
rc=$?
check test $rc -eq 0 -a "$(wc -l <"$T/err")" -eq 1 -a \
    "$(grep -c 'warning: Checklist!G6 (xlt.answers.long_answer): text of 40000 characters cut' "$T/err")" -eq 1
# shellcheck disable=SC2086
"$DOSSIER" check --format json $H "$T/hostile.yaml" >"$T/hostile.json" 2>/dev/null
# 29 rows: 9 fields of "answers" (gated does not apply), 14 entries + the
# one note that applies, 2 rules without a field, the "twins" group and its
# record, and the unknown key "colour"; the section "hidden" gives none.
name="hostile workbook: text cells only, escapes, cut, long list, rows"
check "$PY" "$CHECK" "$T/hostile.xlsx" "$T/hostile.json" --rows 29 \
    --date 2026-01-02 --planted "$XLT/planted.txt" --long 40000 --lists
name="no formula element in any sheet"
check test "$(parts "$T/hostile.xlsx" xl/worksheets/ | grep -c '<f>')" -eq 0
name="literal _x0041_ is stored escaped"
check test "$(parts "$T/hostile.xlsx" xl/worksheets/ |
    grep -c '_x005F_x0041_ _x005F_x000D_ _x005F_x005F_')" -ge 1

# --- invisible characters ------------------------------------------------------
# Text that hides in a cell (issue 12): Unicode tags, soft hyphen,
# invisible operators, Mongolian vowel separator, Hangul filler,
# interlinear annotation, deprecated format characters, combining grapheme
# joiner, zero widths, bidi isolates and overrides.  Every cell, sheet
# name and document property must show each as <U+XXXX>, as check does.
name="invisible characters are shown as <U+XXXX> in every cell"
"$PY" - "$T/demo/demo.yaml" "$T/invisible.yaml" <<'PYEOF'
import sys
INV = "\U000E0041\u00ad\u2061\u2064\u180e\u3164\ufff9\ufffb\u206a\u206f\u034f\u200b\ufeff\u2066\u202e"
hide = lambda s: "".join(s[i] + INV[i % len(INV)] for i in range(len(s)))
doc = open(sys.argv[1], encoding="utf-8").read()
doc = doc.replace("name: ThoraxFlag CXR Triage",
                  "name: '%s'" % hide("ThoraxFlag CXR Triage"), 1)
doc = doc.replace("- name: HL-CXR-Train", "- name: '%s'" % hide("HL-CXR-Train-x"), 1)
doc += "'%s': kept\n" % hide("extra-key-here")
open(sys.argv[2], "w", encoding="utf-8").write(doc)
PYEOF
export_xlsx "$T/invisible.yaml" "$T/invisible.xlsx" --date 2026-02-03
check "$PY" - "$T/invisible.xlsx" <<'PYEOF'
import sys, openpyxl
INV = "\U000E0041\u00ad\u2061\u2064\u180e\u3164\ufff9\ufffb\u206a\u206f\u034f\u200b\ufeff\u2066\u202e"
wb = openpyxl.load_workbook(sys.argv[1])
texts = list(wb.sheetnames)
p = wb.properties
texts += [v for v in (p.title, p.subject, p.creator, p.keywords) if v]
for ws in wb:
    for row in ws.iter_rows(values_only=True):
        texts += [v for v in row if isinstance(v, str)]
bad = [t for t in texts if any(c in t for c in INV)]
if bad:
    sys.exit("hidden characters in %d texts, e.g. %r" % (len(bad), bad[0]))
everything = "\n".join(texts)
missing = ["<U+%04X>" % ord(c) for c in INV if "<U+%04X>" % ord(c) not in everything]
if missing:
    sys.exit("placeholders missing: %s" % missing)
# Where the planted text went: Summary (device), the Datasets sheet, the
# Findings sheet (the unknown key); not one of them dropped.
for sheet, want in (("Summary", "T<U+E0041>h"), ("Datasets", "H<U+E0041>L"),
                    ("Findings", "e<U+E0041>x")):
    if not any(want in str(v) for row in wb[sheet].iter_rows(values_only=True)
               for v in row):
        sys.exit("%s lacks %r" % (sheet, want))
PYEOF

# --- deterministic -------------------------------------------------------------
same_parts() {	# a.xlsx b.xlsx: every part of the zip the same
	"$PY" -c 'import sys, zipfile
a, b = (zipfile.ZipFile(p) for p in sys.argv[1:])
sys.exit(sorted(a.namelist()) != sorted(b.namelist()) or
         any(a.read(n) != b.read(n) for n in a.namelist()))' "$1" "$2"
}
# shellcheck disable=SC2086
export_xlsx "$T/hostile.yaml" "$T/again.xlsx" $H --date 2026-01-02
name="same answers and date: same workbook"
check same_parts "$T/hostile.xlsx" "$T/again.xlsx"
export_xlsx "$T/demo/demo.yaml" "$T/d1.xlsx"
sleep 1
export_xlsx "$T/demo/demo.yaml" "$T/d2.xlsx"
name="without --date: the date comes from the dossier file, still the same"
check cmp -s "$T/d1.xlsx" "$T/d2.xlsx"
name="without --date: the creation date is the day the file last changed"
touch -d '2025-03-04 12:00:00 UTC' "$T/demo/demo.yaml"
export_xlsx "$T/demo/demo.yaml" "$T/mtime.xlsx"
check test "$(parts "$T/mtime.xlsx" docProps/core.xml | grep -c '2025-03-04T00:00:00Z')" -eq 1
name="SOURCE_DATE_EPOCH wins over the file's date"
(SOURCE_DATE_EPOCH=1700000000 && export SOURCE_DATE_EPOCH &&
    export_xlsx "$T/demo/demo.yaml" "$T/sde.xlsx")
check test "$(parts "$T/sde.xlsx" docProps/core.xml | grep -c '2023-11-14T00:00:00Z')" -eq 1
name="another date: another creation date"
export_xlsx "$T/demo/demo.yaml" "$T/d3.xlsx" --date 2026-02-04
check test "$(parts "$T/d3.xlsx" docProps/core.xml | grep -c '2026-02-04T00:00:00Z')" -eq 1

# --- usage ------------------------------------------------------------------------
name="a bad --date is a usage error"
export_xlsx "$T/demo/demo.yaml" "$T/x.xlsx" --date 2026-02-30
check test $? -eq 2 -a ! -e "$T/x.xlsx"
name="--xlsx - is refused"
export_xlsx "$T/demo/demo.yaml" -
check test $? -eq 2

# --- atomic -------------------------------------------------------------------
# out.xlsx exists beforehand; a failed export must leave it as it was, say
# why in one line of its own (nothing from libxlsxwriter) and exit 4.
failed_export() {	# folder reason-pattern
	f=$1 why=$2
	sum=$(sha256sum <"$f/out.xlsx")
	export_xlsx "$T/demo/demo.yaml" "$f/out.xlsx"
	rc=$?
	[ $rc -eq 4 ] || { echo "exit $rc, expected 4"; return 1; }
	[ "$(wc -l <"$T/err")" -eq 1 ] || { cat "$T/err"; return 1; }
	grep -q "cannot write the checklist.*$why" "$T/err" || { cat "$T/err"; return 1; }
	[ "$(sha256sum <"$f/out.xlsx")" = "$sum" ] || { echo "out.xlsx changed"; return 1; }
	[ "$(ls -A "$f" | grep -cv '^out.xlsx$\|^fill$')" -eq 0 ] || { ls -A "$f"; return 1; }
}

mkdir "$T/ro" "$T/full"
name="read-only folder: old workbook untouched, exit 4"
if [ "$(id -u)" = 0 ] && mount -t tmpfs -o size=1m tmpfs "$T/ro" 2>/dev/null; then
	MOUNTS="$T/ro $MOUNTS"
	cp "$T/demo.xlsx" "$T/ro/out.xlsx"
	if mount -o remount,ro "$T/ro" 2>/dev/null; then
		check failed_export "$T/ro" "Read-only file system"
	else
		skip "$name" "remount read-only not permitted"
	fi
elif [ "$(id -u)" != 0 ]; then
	cp "$T/demo.xlsx" "$T/ro/out.xlsx"
	chmod 555 "$T/ro"
	check failed_export "$T/ro" "Permission denied"
	chmod 755 "$T/ro"
else
	skip "$name" "mount not permitted"
fi

name="disk full: old workbook untouched, no temporary file left, exit 4"
if [ "$(id -u)" = 0 ] && mount -t tmpfs -o size=64k tmpfs "$T/full" 2>/dev/null; then
	MOUNTS="$T/full $MOUNTS"
	head -c 3000 /dev/urandom >"$T/full/out.xlsx"
	dd if=/dev/zero of="$T/full/fill" bs=1k 2>/dev/null
	check failed_export "$T/full" "No space left on device\|Error"
else
	skip "$name" "mount not permitted"
fi

name="file size limit: old workbook untouched, exit 4, not killed"
mkdir "$T/fsize"
echo old >"$T/fsize/out.xlsx"
printf 'ulimit -f 16\nexec "$1" export "$2" --xlsx "$3"\n' >"$T/fsize.sh"
sh "$T/fsize.sh" "$DOSSIER" "$T/demo/demo.yaml" "$T/fsize/out.xlsx" 2>"$T/err"
rc=$?
check test $rc -eq 4 -a "$(cat "$T/fsize/out.xlsx")" = old -a \
    "$(ls -A "$T/fsize")" = out.xlsx -a \
    "$(grep -c 'cannot write the checklist: File too large' "$T/err")" -eq 1

name="TMPDIR unusable: libxlsxwriter's scratch files go beside OUT"
env TMPDIR="$T/no/such/folder" "$DOSSIER" export "$T/demo/demo.yaml" \
    --xlsx "$T/tmpdir.xlsx" --date 2026-02-03 2>"$T/err"
check test $? -eq 0 -a ! -s "$T/err" -a -s "$T/tmpdir.xlsx"

# --- LibreOffice --------------------------------------------------------------
SOFFICE=$(command -v soffice || command -v libreoffice || true)
name="LibreOffice reads the literal text back"
if [ -n "$SOFFICE" ]; then
	(cd "$T" && HOME="$T" timeout 300 "$SOFFICE" --headless \
	    --convert-to csv hostile.xlsx >"$T/soffice.out" 2>&1) ||
	    cat "$T/soffice.out"
	check "$PY" -c 'import csv, sys
rows = list(csv.reader(open(sys.argv[1], encoding="utf-8", errors="replace")))
answers = {r[6] for r in rows if len(r) > 6}
want = ["=1+1", "+1", "-1+2", "@SUM(1)", "=HYPERLINK(\"http://x\",\"y\")",
        "=cmd|\x27/c calc\x27!A1", "{=1+1}", "_x0041_ _x000D_ _x005F_"]
missing = [w for w in want if w not in answers]
print("missing:", missing) if missing else None
sys.exit(bool(missing))' "$T/hostile.csv"
else
	skip "$name" "LibreOffice is not installed"
fi

echo "$passed passed, $failed failed, $skipped skipped"
[ $failed -eq 0 ] || exit 1
[ $skipped -eq 0 ] || exit 77
[ $passed -gt 0 ] || exit 99
