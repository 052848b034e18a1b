#!/bin/sh
# Text from the dossier cannot drive the terminal: escape sequences and
# bidi overrides show as visible placeholders, the title stays ours.
. "$srcdir/tests/e2e/lib.sh"

copy_example demo.yaml d.yaml
esc=$(printf '\033')
bel=$(printf '\007')
rlo=$(printf '\342\200\256')
sed -i "s/^  name: ThoraxFlag CXR Triage/  name: \"Evil\\\\e]0;pwned\\\\aCorp\"/" "$tmp/d.yaml"
sed -i "s/ThoraxFlag analyses adult/ThoraxFlag ${rlo}analyses adult/" "$tmp/d.yaml"
grep -q "pwned" "$tmp/d.yaml" || exit 99
start -- d.yaml
wait_for "87% complete"
wait_for "Evil^[]0;pwned^GCorp"
wait_for "ThoraxFlag <U+202E>analyses"
[ "$(pane '#{pane_title}')" = pwned ] && fail "title changed"
t capture-pane -e -p -t w | grep -q "${esc}]0" && fail "raw OSC on screen"
t capture-pane -p -t w | grep -q "$bel" && fail "raw BEL on screen"
keys q
[ "$(wait_exit)" = 0 ] || fail "exit status not 0"
finish
