#!/bin/sh
# What the editor leaves is read back exactly: an empty file clears the
# answer (the read-back buffer was not NUL-terminated: the plain build
# stored heap garbage, ASan saw a heap-buffer-overflow), a file without a
# final newline keeps its last character, and invalid UTF-8 leaves the
# answer unchanged with a message.
. "$srcdir/tests/e2e/lib.sh"

mk() {
	printf '#!/bin/sh\n%s\n' "$2" >"$tmp/$1"
	chmod +x "$tmp/$1"
}
mk empty.sh ': >"$1"'
mk nonl.sh 'printf "no final newline" >"$1"'
mk bad.sh 'printf "bad \\377\\376 bytes\\n" >"$1"'

start_demo_copy VISUAL= EDITOR="$tmp/nonl.sh"
goto_question brute_force_description
keys e
wait_for "no final newline"
wait_for "[unsaved]"
keys s
wait_for "Saved d.yaml"
keys q
[ "$(wait_exit)" = 0 ] || fail "exit status not 0"
grep -q "brute_force_description: no final newline$" "$tmp/d.yaml" ||
    fail "text without a final newline not kept whole"
stop

start VISUAL= EDITOR="$tmp/bad.sh" -- d.yaml
wait_for "% complete"
goto_question brute_force_description
keys e
wait_for "not UTF-8"
screen | grep -q "\[unsaved\]" && fail "invalid UTF-8 changed the answer"
keys q
[ "$(wait_exit)" = 0 ] || fail "exit status not 0"
stop

start VISUAL= EDITOR="$tmp/empty.sh" -- d.yaml
wait_for "% complete"
goto_question brute_force_description
keys e
wait_for "[unsaved]"
keys s
wait_for "Saved d.yaml"
keys q
[ "$(wait_exit)" = 0 ] || fail "exit status not 0"
# Cleared: no answer text at all (the key goes), not bytes from the heap.
line=$(grep "brute_force_description:" "$tmp/d.yaml")
case $line in
"") ;;
*) fail "empty editor file gave '$line'" ;;
esac
ls "$tmp"/dossier-answer-* >/dev/null 2>&1 && fail "temporary file left"
finish
