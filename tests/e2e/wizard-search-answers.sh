#!/bin/sh
# Search matches answers too and shows where (issue 13): the words
# around the match, the section, the list and the record; Enter goes to
# the answer, inside its record.
. "$srcdir/tests/e2e/lib.sh"

start_demo_copy
keys /
wait_for "Search questions"
wait_for "clause number or an answer"
type_text "pneumothorax"
wait_for "answer “"
screen | grep "answer “" | grep -qi "pneumothorax" || fail "no excerpt with the match"
wait_for "    Qualification and classification › "
keys Enter
wait_gone "Search questions"
wait_for "Section 1 of"
# An answer inside a record: the record is named, Enter opens it.
keys /
wait_for "Search questions"
type_text "HL-CXR-Val"
wait_for "› Datasets › record 2 › "
keys Enter
wait_gone "Search questions"
wait_for "record 2 of 2, question 1 of"
wait_for "Datasets › record 2 of 2"
keys q
[ "$(wait_exit)" = 0 ] || fail "exit status not 0"
finish
