#!/bin/sh
# RELIABILITY case 64: an editor that cannot start, writes text that is
# not UTF-8, or is killed leaves the answer as it was, says so in a
# message that fits 80 columns, gives back a whole screen, and leaves no
# temporary file (which is private to the user while it exists).
. "$srcdir/tests/e2e/lib.sh"

cat >"$tmp/bad.sh" <<'ED'
#!/bin/sh
# Writes bytes that are not UTF-8, after noting the file's mode.
stat -c %a "$1" >"${1%/*}/mode.txt"
printf 'bad \377\376 text\n' >"$1"
ED
cat >"$tmp/killed.sh" <<'ED'
#!/bin/sh
printf 'half written\n' >"$1"
kill -9 $$
ED
chmod +x "$tmp/bad.sh" "$tmp/killed.sh"
copy_example demo.yaml d.yaml

# try EDITOR MESSAGE: open brute_force_description in EDITOR, expect
# MESSAGE at the start of the message line and nothing changed.
try() {
	start VISUAL= EDITOR="$1" -- d.yaml
	wait_for "87% complete"
	goto_question brute_force_description
	keys e
	wait_for " Answer unchanged: $2"
	screen | head -n 1 | grep -Eq "^ .* │ d\.yaml.* [0-9]+%( complete)?$" || fail "top line not redrawn"
	screen | tail -n 1 | grep -q "^F1/? Help" || fail "key bar not redrawn"
	wait_for "Five failed log-ins"
	screen | grep -q "\[unsaved\]" && fail "the answer changed"
	# The same from the long-text editor, with Ctrl+G.
	keys Enter
	wait_for "Enter: new line"
	keys C-g
	wait_for "Answer unchanged: $2"
	wait_for "Enter: new line"
	keys C-s
	wait_gone "Enter: new line"
	screen | grep -q "\[unsaved\]" && fail "the answer changed"
	keys q
	[ "$(wait_exit)" = 0 ] || fail "exit status not 0"
	ls "$tmp"/dossier-answer-* >/dev/null 2>&1 && fail "temporary file left"
	stop
}

try /nonexistent "cannot run the editor '/nonexistent'"
try false "the editor (false) failed with status 1"
try ./bad.sh "the editor wrote text that is not UTF-8"
[ "$(cat "$tmp/mode.txt")" = 600 ] || fail "temporary file mode $(cat "$tmp/mode.txt")"
try ./killed.sh "the editor (./killed.sh) was killed by signal 9"
cmp -s "$tmp/d.yaml" "$EXAMPLES/demo.yaml" || fail "file changed"
finish
