#!/bin/sh
# Small defects of issue 12, each once wrong: --help and --version to a
# full device exited 0; an empty DOSSIER_TEMPLATE_PATH entry was reported
# as a folder searched; an integer beyond 64 bits was "not a whole number";
# an empty --template-dir was taken for a folder.

. "${srcdir:-.}/tests/e2e/cli-lib.sh"

if [ -w /dev/full ]; then
	timeout "$HANG" "$DOSSIER" --help >/dev/full 2>"$TMP/err"
	rc=$?
	expect_rc 4 "--help to /dev/full"
	check "--help to /dev/full says why" grep -q "standard output" "$TMP/err"
	timeout "$HANG" "$DOSSIER" --version >/dev/full 2>"$TMP/err"
	rc=$?
	expect_rc 4 "--version to /dev/full"
else
	echo "SKIP: /dev/full missing: the full-device cases cannot run"
	exit 77
fi

DOSSIER_TEMPLATE_PATH=: run templates
expect_rc 2 "DOSSIER_TEMPLATE_PATH=:"
check "an empty entry is not reported as a folder searched" \
    sh -c "! grep -q 'looked in' '$TMP/err'"
check "says the entries are empty" grep -q "only empty entries" "$TMP/err"
DOSSIER_TEMPLATE_PATH="::$DOSSIER_TEMPLATE_PATH:" run templates
expect_rc 0 "empty entries around a real one are skipped"
run --template-dir "" templates
expect_rc 2 "--template-dir ''"
check "--template-dir '' is named" grep -q "template-dir needs a folder" \
    "$TMP/err"

# 2^64 and beyond: out of range, not a malformed number.
sed 's/^      units: .*/      units: 99999999999999999999/' \
    "$TESTDATA/acme-partial.yaml" >"$TMP/big.yaml"
run check --template-dir "$TESTDATA/tpl" "$TMP/big.yaml"
expect_rc 1 "integer beyond 64 bits"
check "integer beyond 64 bits is out of range" grep -q \
    "'99999999999999999999' is out of range" "$TMP/out"
sed 's/^      units: .*/      units: -99999999999999999999/' \
    "$TESTDATA/acme-partial.yaml" >"$TMP/big.yaml"
run check --template-dir "$TESTDATA/tpl" "$TMP/big.yaml"
check "negative integer beyond 64 bits is out of range" grep -q \
    "out of range" "$TMP/out"
mkdir "$TMP/tpl"
sed 's/^        max: 1000000$/        max: 99999999999999999999/' \
    "$TESTDATA/tpl/acme-1.yaml" >"$TMP/tpl/acme-1.yaml"
run templates --template-dir "$TMP/tpl"
expect_rc 2 "template max beyond 64 bits"
check "template max beyond 64 bits is out of range" grep -q "out of range" \
    "$TMP/err"

finish
