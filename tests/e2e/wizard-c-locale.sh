#!/bin/sh
# RELIABILITY case 53, LC_ALL=C: a notice says non-ASCII text cannot be
# shown; Chinese answers show as placeholders and cannot be edited; the
# wizard's own punctuation has ASCII stand-ins instead of '?'; saving
# after another edit leaves the Chinese bytes exactly as they were.
. "$srcdir/tests/e2e/lib.sh"

copy_example demo.yaml d.yaml
sed -i 's/^      model_type: .*/      model_type: 卷積神經網絡 CNN/' "$tmp/d.yaml"
grep -q "model_type: 卷積神經網絡 CNN" "$tmp/d.yaml" || exit 99
cp "$tmp/d.yaml" "$tmp/before.yaml"
start LANG=C LC_ALL=C -- d.yaml
wait_for "87% complete"
wait_for "locale is not UTF-8"
goto_question model_type
wait_for "?????? CNN"
wait_for "TR-008, model description (topic; no clause number known) - text - required"
keys Enter
wait_for "this answer cannot be shown"
screen | grep -q "Ctrl+U: clear" && fail "an answer it cannot show was opened"
goto_question algorithm_version
keys Enter
wait_for "Ctrl+U: clear"
keys C-u
type_text "M-8"
keys Enter
wait_gone "Ctrl+U: clear"
keys s
wait_for "Saved d.yaml"
keys q
[ "$(wait_exit)" = 0 ] || fail "exit status not 0"
grep -q "^      model_type: 卷積神經網絡 CNN\$" "$tmp/d.yaml" ||
    fail "Chinese answer changed"
diff "$tmp/before.yaml" "$tmp/d.yaml" >"$tmp/diff.txt"
[ "$(grep -c '^[<>]' "$tmp/diff.txt")" = 2 ] || fail "more than the edit changed: $(cat "$tmp/diff.txt")"
grep -q "^> *algorithm_version: M-8\$" "$tmp/diff.txt" || fail "edit not saved"
finish
