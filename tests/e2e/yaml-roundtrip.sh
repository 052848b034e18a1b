#!/bin/sh
# The canonical YAML read back by a second implementation (PyYAML): see
# yaml_roundtrip.py.  Skips when PyYAML is missing.
. "${srcdir:-.}/tests/e2e/cli-lib.sh"

if ! "$PYTHON3" -c 'import yaml' 2>/dev/null; then
	echo "SKIP: PyYAML not available to $PYTHON3"
	exit 77
fi
check "awkward strings survive export and PyYAML" "$PYTHON3" \
    "$srcdir/tests/e2e/yaml_roundtrip.py" "$DOSSIER" "$TESTDATA/tpl" "$TMP"
finish
