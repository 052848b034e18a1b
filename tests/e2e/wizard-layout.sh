#!/bin/sh
# RELIABILITY case 52, layout breakers: a 10,000-character word, 500
# combining marks on one letter, wide Chinese text cut at the right edge
# of a pane and of the top line, and a character wcwidth cannot measure.
# Nothing spills into the next pane: the divider stays in its column on
# every line, in the main screen and in the long-text editor.
. "$srcdir/tests/e2e/lib.sh"
need_python unicodedata

copy_example demo.yaml d.yaml
word=$(printf '%10000s' '' | tr ' ' W)
marks=$(i=0; while [ $i -lt 500 ]; do printf '\314\201'; i=$((i + 1)); done)
zh=$(i=0; while [ $i -lt 60 ]; do printf '\344\270\255'; i=$((i + 1)); done)
unassigned=$(printf '\315\270')	# U+0378: wcwidth gives -1
sed -i "20,22d; 19s/.*/      software_function: $word/" "$tmp/d.yaml"
sed -i "s/^  name: ThoraxFlag CXR Triage/  name: $zh/" "$tmp/d.yaml"
awk -v r="      rationale: e${marks} x${zh} ${unassigned} end" '
	skip && /^      [a-z_]*:/ { skip = 0 }
	/^      rationale: \|/ { print r; skip = 1; next }
	!skip' "$tmp/d.yaml" >"$tmp/d2.yaml" && mv "$tmp/d2.yaml" "$tmp/d.yaml"
grep -q "^      rationale: e" "$tmp/d.yaml" || exit 99

# Every line of the screen from START to END has the divider (one of the
# characters CHARS: the scroll arrows sit on it) at display column COL,
# 1-based, wide characters counted twice and combining marks not at all.
divider_at() {
	screen | "$PYTHON3" -c '
import sys, unicodedata
col, first, last, ch = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
for n, line in enumerate(sys.stdin.read().split("\n")[first - 1:last], first):
    cells = []
    w = 0
    for c in line:
        if unicodedata.combining(c):
            continue
        cells.append((w, c))
        w += 2 if unicodedata.east_asian_width(c) in "WF" else 1
    found = [c for (x, c) in cells if x == col - 1]
    if len(found) != 1 or found[0] not in ch:
        sys.exit("line %d: %r at column %d: %s" % (n, found, col, line))
    if w > 80:
        sys.exit("line %d is %d columns wide: %s" % (n, w, line))
' "$1" "$2" "$3" "$4" || fail "layout broken"
}

start -- d.yaml
wait_for "complete"
wait_for "WWWWWWWWWW"
wait_for "end"
divider_at 29 2 16 "│^v"
# The top line ends with the completeness, whatever the name's width.
screen | head -n 1 | grep -q "% complete$" || fail "top line overflows"
keys Right Enter
wait_for "Enter: new line"
divider_at 3 3 20 "│"
divider_at 78 3 20 "│"
keys End C-End
divider_at 78 3 20 "│"
keys Escape
wait_gone "Enter: new line"
keys Down Down Down Enter
wait_for "Enter: new line"
wait_for "end"
divider_at 78 3 20 "│"
keys Escape
wait_gone "Enter: new line"
divider_at 29 2 16 "│^v"
keys q
[ "$(wait_exit)" = 0 ] || fail "exit status not 0"
finish
