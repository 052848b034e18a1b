#!/bin/sh
# Cost budgets: see budgets.py.
. "${srcdir:-.}/tests/e2e/cli-lib.sh"

check "inputs that once cost quadratic or worse" "$PYTHON3" \
    "$srcdir/tests/e2e/budgets.py" "$DOSSIER" "$TMP"
finish
