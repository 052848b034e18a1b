#!/bin/sh
# RELIABILITY case 49: escape sequences in a dossier (clipboard OSC 52,
# title OSC 0, clear screen, cursor moves, DCS) show as placeholders.
# tmux.conf sets set-clipboard on, so an OSC 52 that got through would
# leave a paste buffer; the pane title and the layout stay ours.
. "$srcdir/tests/e2e/lib.sh"

copy_example demo.yaml d.yaml
esc=$(printf '\033')
sed -i '20,22d; 19s/.*/      software_function: "\\e[2J\\e[H\\e[5;5HX\\ePqpwn\\e\\\\Thorax analyses chest X-rays\\e]0;pwned\\a."/' "$tmp/d.yaml"
sed -i 's/^  name: ThoraxFlag CXR Triage/  name: "\\e]52;c;cHduZWQ=\\aFlag"/' "$tmp/d.yaml"
grep -q 'e]52' "$tmp/d.yaml" || exit 99
grep -q 'e\[2J' "$tmp/d.yaml" || exit 99
title=$(t display -p '#{pane_title}' 2>/dev/null)
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
t capture-pane -e -p -t w | grep -q "${esc}[]P]" && fail "raw OSC or DCS on screen"
keys Escape
wait_gone "Enter: new line"
keys F6
wait_for "Findings │"
keys Escape
[ "$(pane '#{pane_title}')" = pwned ] && fail "title changed"
t capture-pane -e -p -t w | grep -q "${esc}[]P]" && fail "raw OSC or DCS on screen"
keys q
[ "$(wait_exit)" = 0 ] || fail "exit status not 0"
[ -z "$(t list-buffers)" ] || fail "OSC 52 reached the clipboard: $(t list-buffers)"
[ "$(pane '#{pane_title}')" = pwned ] && fail "title changed"
finish
