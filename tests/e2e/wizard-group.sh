#!/bin/sh
# Records of a group: add one and fill it, move it, delete another; the
# file holds the records in the new order.
. "$srcdir/tests/e2e/lib.sh"

start_demo_copy
goto_question datasets "    Training, validation and test datasets, TR-008"
keys Enter
wait_for "Datasets: 2 records"
keys End a
wait_for "record 3 of 3"
keys Enter
wait_for "Ctrl+U: clear"
type_text "HL-CXR-Test"
keys Enter
wait_gone "Ctrl+U: clear"
keys Escape
wait_for "Datasets: 3 records"
wait_for "3.  HL-CXR-Test"
keys "<"
wait_for "2.  HL-CXR-Test"
keys Home d
wait_for "Delete record 1"
keys y
wait_for "Datasets: 2 records"
wait_for "1.  HL-CXR-Test"
keys s
wait_for "Saved d.yaml"
keys q
[ "$(wait_exit)" = 0 ] || fail "exit status not 0"
names=$(sed -n 's/^      - name: //p' "$tmp/d.yaml" | tr '\n' ' ')
[ "$names" = "HL-CXR-Test HL-CXR-Val " ] || fail "records in the file: '$names'"
finish
