#!/bin/sh
# A read-only dossier that someone else also changed (issue 12): choosing
# "Overwrite it" in the changed-file dialog must go on to ask about the
# read-only file and, told so, save.  Before, the overwrite did not carry
# the read-only consent and the save failed ("Not saved").
. "$srcdir/tests/e2e/lib.sh"

copy_example demo.yaml d.yaml
chmod 0444 "$tmp/d.yaml"
start -- d.yaml
wait_for "% complete"
set_line listed_version "5.5.5"
# Someone else writes the file, read-only as before.
sed 's/listed_version: .*/listed_version: "6.6.6"/' "$EXAMPLES/demo.yaml" \
    >"$tmp/theirs" && chmod 0444 "$tmp/theirs" &&
    mv "$tmp/theirs" "$tmp/d.yaml" || exit 99
keys s
wait_for "File changed on disk"
keys o
wait_for "File is read-only"
# Esc: nothing written, edits kept.
keys Escape
wait_gone "File is read-only"
grep -q 'listed_version: "6.6.6"' "$tmp/d.yaml" || fail "theirs replaced without consent"
screen | grep -q "Not saved" && fail "cancelling read-only said Not saved"
keys s
wait_for "File changed on disk"
keys o
wait_for "File is read-only"
keys o
wait_for "Saved d.yaml"
grep -q 'listed_version: "5.5.5"' "$tmp/d.yaml" || fail "not overwritten"
[ "$(stat -c %a "$tmp/d.yaml")" = 444 ] || fail "mode not kept: $(stat -c %a "$tmp/d.yaml")"
keys q
[ "$(wait_exit)" = 0 ] || fail "quit did not exit 0"
finish
