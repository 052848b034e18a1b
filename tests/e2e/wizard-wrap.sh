#!/bin/sh
# The long-text editor wraps at word boundaries, as a reader expects: no
# word is cut in two at the right edge (one too long for a row still is),
# and wide Chinese text wraps too.
. "$srcdir/tests/e2e/lib.sh"

words="zorblax quintuply fizzwhacker blorptastic wumpfuzzle grindlewick
snorkelbeam plonkvaria trundlequist ambervexal quodlington frabjousness
kerfluffle wibbleton sprocketary mizzleworth"
start_demo_copy
goto_question version_justification
keys Enter
wait_for "Enter: new line"
# shellcheck disable=SC2086
type_text "$(echo $words) 中文的答案也要正确换行中文的答案也要正确换行"
wait_for "mizzleworth"
for w in $words; do
	screen | grep -q -- "$w" || fail "'$w' was cut at the edge"
done
wait_for "正确换行"
keys F2
wait_for "[unsaved]"
keys s
wait_for "Saved d.yaml"
keys q
[ "$(wait_exit)" = 0 ] || fail "exit status not 0"
# The text is kept as typed: wrapping is only how it is shown.
# shellcheck disable=SC2086
grep -q "version_justification: $(echo $words) 中文" "$tmp/d.yaml" ||
    fail "the text was changed by wrapping"
finish
