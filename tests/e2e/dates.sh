#!/bin/sh
# Checklist dates: every date from 1900 to 9999, and the epoch itself,
# gives a workbook that is reproducible (byte for byte, exports seconds
# apart) and that openpyxl (and LibreOffice, where installed) opens with
# that date in its properties.  libxlsxwriter took a creation time of 0
# (1970-01-01) for "not set" and put the current time there; years before
# 1000 gave metadata openpyxl refused.  An out-of-range SOURCE_DATE_EPOCH
# is an error that names it.

. "${srcdir:-.}/tests/e2e/cli-lib.sh"

cp "$TESTDATA/acme-partial.yaml" "$TMP/d.yaml"
tpl="--template-dir $TESTDATA/tpl"
have_openpyxl=no
"$PYTHON3" -c 'import openpyxl' 2>/dev/null && have_openpyxl=yes
soffice=$(command -v soffice || command -v libreoffice || true)

for case in "1900-01-01" "1969-12-31" "1970-01-01" "1999-12-31" \
    "2026-11-30" "9999-12-31"; do
	for i in 1 2; do
		"$DOSSIER" export $tpl "$TMP/d.yaml" --date "$case" --xlsx \
		    "$TMP/d$case.$i.xlsx" >/dev/null 2>"$TMP/err"
		rc=$?
		[ $i = 1 ] && sleep 1.1
	done
	expect_rc 0 "--date $case"
	check "--date $case reproducible" cmp -s "$TMP/d$case.1.xlsx" \
	    "$TMP/d$case.2.xlsx"
	if [ $have_openpyxl = yes ]; then
		check "--date $case: openpyxl reads it with that date" \
		    "$PYTHON3" -c '
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
c = wb.properties.created
want = sys.argv[2]
assert c is not None and c.strftime("%Y-%m-%d") == want, (c, want)
' "$TMP/d$case.1.xlsx" "$case"
	fi
	# LibreOffice is slow to start: the ends of the range and the epoch.
	if [ -n "$soffice" ] && [ "$case" != 1969-12-31 ] &&
	    [ "$case" != 1999-12-31 ] && [ "$case" != 2026-11-30 ]; then
		check "--date $case: LibreOffice converts it" sh -c \
		    "cd '$TMP' && HOME='$TMP' timeout 60 '$soffice' --headless --convert-to csv \
		    'd$case.1.xlsx' >/dev/null 2>&1 && test -s 'd$case.1.csv'"
	fi
done

# SOURCE_DATE_EPOCH=0 is 1970-01-01, reproducible too.
for i in 1 2; do
	SOURCE_DATE_EPOCH=0 "$DOSSIER" export $tpl "$TMP/d.yaml" --xlsx \
	    "$TMP/e0.$i.xlsx" >/dev/null 2>"$TMP/err"
	rc=$?
	[ $i = 1 ] && sleep 1.1
done
expect_rc 0 "SOURCE_DATE_EPOCH=0"
check "SOURCE_DATE_EPOCH=0 reproducible" cmp -s "$TMP/e0.1.xlsx" \
    "$TMP/e0.2.xlsx"

for bad in -1 abc 253402300800 99999999999999999999; do
	SOURCE_DATE_EPOCH=$bad run export $tpl "$TMP/d.yaml" --xlsx "$TMP/x.xlsx"
	expect_rc 2 "SOURCE_DATE_EPOCH=$bad"
	check "SOURCE_DATE_EPOCH=$bad named" grep -q "SOURCE_DATE_EPOCH='$bad'" \
	    "$TMP/err"
done
for bad in 0999-12-31 0001-01-01 1899-12-31; do
	run export $tpl "$TMP/d.yaml" --date $bad --xlsx "$TMP/x.xlsx"
	expect_rc 2 "--date $bad"
	check "--date $bad: says the range" grep -q "1900-01-01 to 9999-12-31" \
	    "$TMP/err"
done
check "nothing written for refused dates" test ! -e "$TMP/x.xlsx"

finish
