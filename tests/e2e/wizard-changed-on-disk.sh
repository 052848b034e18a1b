#!/bin/sh
# Saving over a file someone else changed: the dialog says so in a
# sentence and offers reload (after confirming; undo brings the changes
# back), save under another name, and overwrite.  Before issue 10 it
# began in lower case and offered only overwrite or cancel.
. "$srcdir/tests/e2e/lib.sh"

start_demo_copy
set_line listed_version "5.5.5"
# Someone else writes the file.
sed 's/listed_version: .*/listed_version: "6.6.6"/' "$EXAMPLES/demo.yaml" \
    >"$tmp/theirs" && mv "$tmp/theirs" "$tmp/d.yaml" || exit 99
keys s
wait_for "File changed on disk"
wait_for "The file d.yaml is not the one you opened:"
wait_for "│ your version."
screen | grep -q "Reload it" || fail "no reload"
screen | grep -q "Save under another name" || fail "no save as"
screen | grep -q "Overwrite it" || fail "no overwrite"
screen | grep "└" | grep -qv "└─*┘" && fail "keys drawn on the frame"
keys r
wait_for "Discard your changes?"
keys y
wait_for "Loaded d.yaml as it is on disk"
wait_gone "[unsaved]"
wait_for "6.6.6"
keys u
wait_for "[unsaved]"
wait_for "5.5.5"
# Theirs again on disk; ours goes to another file.
sed 's/listed_version: .*/listed_version: "7.7.7"/' "$EXAMPLES/demo.yaml" \
    >"$tmp/theirs" && mv "$tmp/theirs" "$tmp/d.yaml" || exit 99
keys s
wait_for "File changed on disk"
keys a
wait_for "Save under another name"
wait_for "d.mine.yaml"
keys Enter
wait_for "Wrote your version to"
grep -q 'listed_version: "5.5.5"' "$tmp/d.mine.yaml" || fail "copy not written"
grep -q 'listed_version: "7.7.7"' "$tmp/d.yaml" || fail "theirs touched"
keys s
wait_for "File changed on disk"
keys o
wait_for "Saved d.yaml"
keys q
[ "$(wait_exit)" = 0 ] || fail "exit status not 0"
grep -q 'listed_version: "5.5.5"' "$tmp/d.yaml" || fail "not overwritten"
finish
