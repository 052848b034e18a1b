#!/bin/sh
# Every planted bug of tests/mutants still applies to the source.  A
# mutant whose code has moved or changed fails here, in make check, so it
# is updated at once rather than skipped; make mutants runs them.
exec "${PYTHON3:-/usr/bin/python3}" "${srcdir:-.}/tests/mutants/mutants.py" \
    check "${srcdir:-.}"
