#!/bin/sh
# YAML comments (issue 13): a file with comments says once, in the wizard
# and on check's stderr, that saving will not keep them and where remarks
# go instead (they used to vanish on save without a word).
. "$srcdir/tests/e2e/lib.sh"

copy_example demo.yaml d.yaml
# A comment on line 3 (after "templates:" entries would also do).
sed '3s/$/  # ask Jane about the edition/' "$tmp/d.yaml" >"$tmp/c.yaml"
mv "$tmp/c.yaml" "$tmp/d.yaml"
grep -q "# ask Jane" "$tmp/d.yaml" || exit 99
env -i PATH="$PATH" LC_ALL=C.UTF-8 DOSSIER_TEMPLATE_PATH="$DOSSIER_TEMPLATE_PATH" \
    "$DOSSIER" check "$tmp/d.yaml" >"$tmp/out" 2>"$tmp/err"
grep -q "d.yaml:3: note: this file has comments (the first on line 3); saving" \
    "$tmp/err" || fail "check did not say it: $(cat "$tmp/err")"
[ "$(grep -c "has comments" "$tmp/err")" = 1 ] || fail "check said it more than once"
grep -q "has comments" "$tmp/out" && fail "the note went to stdout"

start -- d.yaml
wait_for "─ Comments will not be kept ─"
wait_for "the first on line 3"
wait_for "under device:"
keys Enter
wait_gone "Comments will not be kept"
wait_for "% complete"
# Once: checking again and saving say nothing more.
keys r
wait_for "Checked again"
keys Right c s
wait_for "Saved d.yaml"
screen | grep -q "Comments will not be kept" && fail "said twice"
keys q
[ "$(wait_exit)" = 0 ] || fail "exit status not 0"
grep -q "#" "$tmp/d.yaml" && fail "a comment survived the save"
# A file without comments says nothing.
stop
start -- d.yaml
wait_for "% complete"
screen | grep -q "Comments will not be kept" && fail "no comments, yet a note"
keys q
[ "$(wait_exit)" = 0 ] || fail "exit status not 0"
finish
