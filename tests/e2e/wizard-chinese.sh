#!/bin/sh
# Chinese text typed into a one-line answer is shown, saved as UTF-8 and
# shown again when the file is opened anew.
. "$srcdir/tests/e2e/lib.sh"

start_demo_copy
goto_question model_type
keys Enter
wait_for "DenseNet-121"
keys C-u
type_text "卷積神經網絡 CNN"
wait_for "卷積神經網絡 CNN"
keys Enter
wait_gone "Ctrl+U: clear"
wait_for "卷積神經網絡 CNN"
keys s
wait_for "Saved d.yaml"
keys q
[ "$(wait_exit)" = 0 ] || fail "exit status not 0"
grep -q "model_type: 卷積神經網絡 CNN" "$tmp/d.yaml" || fail "not saved as UTF-8"
stop
start -- d.yaml
wait_for "87% complete"
goto_question model_type
wait_for "卷積神經網絡 CNN"
keys q
[ "$(wait_exit)" = 0 ] || fail "exit status not 0"
finish
