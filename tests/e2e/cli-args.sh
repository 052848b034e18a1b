#!/bin/sh
# The command line refuses what it would otherwise ignore or misread
# (issue 13): an option a verb does not take is exit 2 with one line
# naming it, and a word within two edits of a verb that is no file is
# taken for a typo ("did you mean 'status'?"), unless --new says it names
# a new dossier.
. "$srcdir/tests/e2e/cli-lib.sh"

cp "$EXAMPLES/demo.yaml" "$TMP/d.yaml" || exit 99
cd "$TMP" || exit 99

for typo in stauts statsu chekc exprot templtes; do
	run "$typo"
	expect_rc 2 "$typo"
	check "$typo: did you mean" grep -q "did you mean '" "$TMP/err"
	check "$typo: no file made" test ! -e "$TMP/$typo"
done
run stauts
check "stauts names status" grep -q "'stauts' is not a file; did you mean 'status'?" "$TMP/err"
check "one line and a way out" grep -q "dossier --new stauts" "$TMP/err"
# Further than two edits: a new dossier's name, as before (the wizard
# then needs a terminal, which a test has not).
run statuses.yaml
check "a far name is a file name" sh -c '! grep -q "did you mean" "$1"' sh "$TMP/err"
# --new: the name is taken as given.
run --new stauts
check "--new takes the name" sh -c '! grep -q "did you mean" "$1"' sh "$TMP/err"
check "--new reaches the wizard" grep -q "needs a terminal" "$TMP/err"
# An existing file of that name is opened, not questioned.
cp d.yaml chekc
run chekc
check "an existing file is a file" sh -c '! grep -q "did you mean" "$1"' sh "$TMP/err"

# Options a verb does not take: refused, never ignored.
run status --strict d.yaml
expect_rc 2 "status --strict"
check "status --strict named" grep -q "status does not take --strict" "$TMP/err"
# The verbs of issues 15 and 17 are checked the same way.
run check --class d.yaml
expect_rc 2 "check --class"
check "check --class named" grep -q "check does not take --class" "$TMP/err"
run explain --format json d.yaml tr-007.qualification.software_function
expect_rc 2 "explain --format"
run diff --by me d.yaml d.yaml
expect_rc 2 "diff --by"
check "diff --by named" grep -q "diff does not take --by" "$TMP/err"
run merge --out-dir x d.yaml d.yaml d.yaml
expect_rc 2 "merge --out-dir"
run verify --template-dir . x.zip
expect_rc 2 "verify --template-dir"
run evidence --bundle x.zip d.yaml
expect_rc 2 "evidence --bundle"
check "no bundle made" test ! -e x.zip
run templates --strict
expect_rc 2 "templates --strict"
run export d.yaml --strict --xlsx out.xlsx
expect_rc 2 "export --strict"
check "nothing exported" test ! -e out.xlsx
run check --yaml x.yaml d.yaml
expect_rc 2 "check --yaml"
run --format json d.yaml
expect_rc 2 "wizard --format"
check "the wizard names it" grep -q "the wizard does not take --format" "$TMP/err"
# What they take still works.
run check --format json --strict d.yaml
expect_rc 1 "check --format json --strict"
check "json" is_json "$TMP/out"
run status d.yaml
expect_rc 0 "status"
run status --format json d.yaml
expect_rc 0 "status --format json"
check "status json" is_json "$TMP/out"
run status --format csv d.yaml
expect_rc 0 "status --format csv"
run diff --format json d.yaml d.yaml
expect_rc 0 "diff --format json"
run explain d.yaml tr-007.qualification.software_function
expect_rc 0 "explain"
mkdir outdir || exit 99
run export --out-dir outdir --date 2026-01-02 d.yaml
expect_rc 0 "export --out-dir --date"
check "one checklist" test -s outdir/d.xlsx
run --demo --list
expect_rc 0 "--demo --list"
run templates
expect_rc 0 "templates"

# The wizard's --record dates each save: an unusable SOURCE_DATE_EPOCH is
# refused before the screen opens, not dropped at every save.
SOURCE_DATE_EPOCH=yesterday run --record d.yaml
expect_rc 2 "wizard --record, bad SOURCE_DATE_EPOCH"
check "says SOURCE_DATE_EPOCH" grep -q "SOURCE_DATE_EPOCH='yesterday'" "$TMP/err"
# --date echoes what was typed, made printable.
run evidence --date "$(printf '2026\033[2J')" d.yaml
expect_rc 2 "evidence, bad --date"
check "--date named" grep -q "not '2026" "$TMP/err"
esc=$(printf '\033')
if grep -q "$esc" "$TMP/err"; then
	fail "--date echoed with its escape byte"
else
	pass
fi
finish
