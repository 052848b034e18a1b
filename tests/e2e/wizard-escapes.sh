#!/bin/sh
# RELIABILITY case 49: escape sequences in a dossier (clipboard OSC 52,
# title OSC 0, clear screen, cursor moves, DCS) show as placeholders.
# Three oracles read what reached the terminal, not tmux's rendering of
# it (tmux consumes OSC, DCS and BEL): the raw pty log (pipe-pane), the
# paste buffers (tmux.conf sets set-clipboard on, so an OSC 52 leaves
# one) and the pane title.  The test first proves that each oracle fires
# on the very sequences planted, so none of them can pass vacuously.
. "$srcdir/tests/e2e/lib.sh"

copy_example demo.yaml d.yaml
esc=$(printf '\033')
sed -i '20,22d; 19s/.*/      software_function: "\\e[2J\\e[H\\e[5;5HX\\ePqpwn\\e\\\\Thorax analyses chest X-rays\\e]0;pwned\\a."/' "$tmp/d.yaml"
sed -i 's/^  name: ThoraxFlag CXR Triage/  name: "\\e]52;c;cHduZWQ=\\aFlag"/' "$tmp/d.yaml"
grep -q 'e]52' "$tmp/d.yaml" || exit 99
grep -q 'e\[2J' "$tmp/d.yaml" || exit 99

# The oracles fire: a pane that prints the planted sequences raw sets the
# title, fills a paste buffer and logs the bytes.
printf '\033]52;c;cHduZWQ=\a\033]0;pwned\a\033Pqpwn\033\\' >"$tmp/raw"
nstart=$((nstart + 1))
sock=$sockbase-$nstart
t new-session -d -s w -x 80 -y 24 "cat '$tmp/raw'; exec sleep 100000" ||
    exit 99
n=0
while [ "$(pane '#{pane_title}')" != pwned ] || [ -z "$(t list-buffers)" ]; do
	n=$((n + 1))
	[ $n -ge 200 ] && { echo "SKIP: this tmux ignores OSC 0 or OSC 52"; exit 77; }
	sleep 0.05
done
stop

# raw_escapes: the OSC and DCS introducers in what the wizard wrote.
raw_escapes() {
	LC_ALL=C grep -c "${esc}[]P]" "$tmp/pty.log"
}

start -- d.yaml
wait_for "complete"
wait_for "^[]52;c;cHduZWQ=^GFlag"
wait_for "^[[2J^[[H^[[5;5HX^[Pqpwn^[\\Thorax"
# The layout: top line, key bar, the section list where it belongs.
screen | head -n 1 | grep -Eq "^ .* │ d\.yaml.* [0-9]+%( complete)?$" || fail "top line moved"
screen | tail -n 1 | grep -q "^F1/? Help" || fail "key bar moved"
screen | sed -n 3p | grep -q "Qualif\. class\." || fail "section list moved"
# The same text in the long-text editor and on the findings screen.
keys Right Enter
wait_for "Enter: new line"
wait_for "^[]0;pwned^G."
[ "$(raw_escapes)" = 0 ] || fail "raw OSC or DCS reached the terminal"
keys Escape
wait_gone "Enter: new line"
keys F6
wait_for "Findings │"
keys Escape
[ "$(pane '#{pane_title}')" = pwned ] && fail "title changed"
keys q
[ "$(wait_exit)" = 0 ] || fail "exit status not 0"
[ -z "$(t list-buffers)" ] || fail "OSC 52 reached the clipboard: $(t list-buffers)"
[ "$(pane '#{pane_title}')" = pwned ] && fail "title changed"
[ "$(raw_escapes)" = 0 ] || fail "raw OSC or DCS reached the terminal"
LC_ALL=C grep -q "$(printf '\a')" "$tmp/pty.log" && fail "a BEL reached the terminal"
# The log is the real stream: the placeholders the screen showed are in it.
LC_ALL=C grep -q 'cHduZWQ=' "$tmp/pty.log" || fail "the pty log missed the output"
finish
