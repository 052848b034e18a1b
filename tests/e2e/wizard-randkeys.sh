#!/bin/sh
# Random keys to the wizard (issue 12, point 8): a seeded run sends
# RANDKEYS_N keys (default 300; "make randkeys" sends 5,000) drawn from
# every binding, text (ASCII, wide Chinese, invalid-looking bytes, escape
# sequences), and terminal resizes, to the demo and to a new dossier, with
# a harmless $EDITOR.  It fails on any sanitizer report, crash, hang
# (the screen stops answering), or a saved file that does not load.  On
# failure it prints the seed and the last keys, so the run can be replayed
# with RANDKEYS_SEED=N.  Quitting keys (q, F10, Ctrl+C) and Ctrl+Z are
# left out of the draw so the run stays in one session; they are sent at
# the end.
. "$srcdir/tests/e2e/lib.sh"

N=${RANDKEYS_N:-300}
[ -n "$N" ] || N=300
# make check uses a fixed seed, so a failure there is the code's, not the
# draw's; RANDKEYS_SEED=random (as make randkeys does) draws a new one.
SEED=${RANDKEYS_SEED:-20261130}
[ "$SEED" = random ] && SEED=$(od -An -N4 -tu4 /dev/urandom | tr -d ' ')
echo "randkeys: seed $SEED, $N keys (replay: RANDKEYS_SEED=$SEED RANDKEYS_N=$N)"

# The editor: deterministic per call, sometimes empty, sometimes without a
# final newline, sometimes wide text, sometimes unchanged.
cat >"$tmp/ed.sh" <<'ED'
#!/bin/sh
n=$(cat "$0.count" 2>/dev/null || echo 0)
echo $((n + 1)) >"$0.count"
case $((n % 4)) in
0) : >"$1" ;;
1) printf 'edited without newline' >"$1" ;;
2) printf '中文 edited\nsecond line\n' >"$1" ;;
*) ;;
esac
ED
chmod +x "$tmp/ed.sh"

# A small LCG in awk: the key list for a seed, one key a line, prefixed
# K (tmux key name), T (literal text) or R (resize WxH).
gen() {
	awk -v seed="$1" -v n="$2" 'BEGIN {
		split("Up Down Left Right Tab BTab Enter Escape Space PPage NPage Home End BSpace DC IC F1 F2 F3 F5 F6 F9 C-g C-u C-d C-s C-a C-e C-k C-w C-l j k h l g G s r e x a d c u n N / ? ! w t Enter Enter Down Down Tab", keys, " ")
		nk = 0; for (i in keys) nk++
		split("hello|中文字|x|1.2.3|2026-01-01|null|=|<<|\\e[31m|  spaces  |yes|-5|99999999999999999999|é́|🙂", texts, "|")
		nt = 0; for (i in texts) nt++
		split("80x24 100x30 79x23 60x20 120x40 20x5 80x24", sizes, " ")
		ns = 0; for (i in sizes) ns++
		s = seed % 2147483647; if (s <= 0) s += 2147483646
		for (i = 0; i < n; i++) {
			s = (s * 48271) % 2147483647; r = s % 100
			s = (s * 48271) % 2147483647
			if (r < 75) print "K " keys[1 + s % nk]
			else if (r < 97) print "T " texts[1 + s % nt]
			else print "R " sizes[1 + s % ns]
		}
	}'
}

# The pane still answers: a resize forces a redraw, and the screen must
# show something within the timeout (a hang leaves it frozen or empty).
alive() {
	kill -0 "$(pid)" 2>/dev/null || return 1
	screen | grep -q "[^ ]"
}

fail_keys() {
	echo "randkeys: FAILED with seed $SEED after $1 keys; the last ones:"
	tail -n 30 "$tmp/sent" | sed 's/^/  /'
	fail "$2 (seed $SEED)"
}

drive() {
	label=$1
	gen "$2" "$N" >"$tmp/keys.$label"
	: >"$tmp/sent"
	i=0
	while IFS= read -r line; do
		i=$((i + 1))
		echo "$line" >>"$tmp/sent"
		kind=${line%% *}
		arg=${line#? }
		case $kind in
		K) keys "$arg" ;;
		T) type_text "$(printf '%b' "$arg")" ;;
		R) t resize-window -t w -x "${arg%x*}" -y "${arg#*x}" ;;
		esac
		# Pace the keys so the wizard reads them as keys, not a paste.
		[ $((i % 10)) = 0 ] && sleep 0.05
		if [ $((i % 50)) = 0 ] && ! alive; then
			fail_keys $i "$label: the wizard died or hung"
		fi
		for f in "$tmp"/asan.* "$tmp"/ubsan.*; do
			[ -s "$f" ] && fail_keys $i "$label: sanitizer report"
		done
	done <"$tmp/keys.$label"
	t resize-window -t w -x 80 -y 24
	# Leave any dialog or editor line, save, and quit without asking.
	keys Escape Escape Escape
	sleep 0.3
	alive || fail_keys $i "$label: the wizard died or hung at the end"
	keys s
	sleep 0.5
	keys Escape
	keys q
	sleep 0.3
	keys d
	n=0
	while kill -0 "$(pid)" 2>/dev/null && [ $n -lt 100 ]; do
		keys Escape q d
		sleep 0.1
		n=$((n + 1))
	done
	kill -0 "$(pid)" 2>/dev/null && fail_keys $i "$label: does not quit"
	code=$(wait_exit)
	[ "$code" = 0 ] || fail_keys $i "$label: exit status $code"
	for f in "$tmp"/asan.* "$tmp"/ubsan.*; do
		[ -s "$f" ] && fail_keys $i "$label: sanitizer report"
	done
	if [ -e "$3" ]; then
		timeout 20 env DOSSIER_TEMPLATE_PATH="$DOSSIER_TEMPLATE_PATH" \
		    "$DOSSIER" check "$3" >/dev/null 2>"$tmp/check.err"
		rc=$?
		[ $rc -le 1 ] || { cat "$tmp/check.err"; fail_keys $i \
		    "$label: the saved file does not load (exit $rc)"; }
	fi
	stop
}

start_demo_copy VISUAL= EDITOR="$tmp/ed.sh"
drive demo "$SEED" "$tmp/d.yaml"
start VISUAL= EDITOR="$tmp/ed.sh" -- new.yaml
wait_for "New dossier"
# Esc on this first dialog rightly quits (nothing was created); take the
# ticked templates so the keys exercise the wizard itself.
keys Enter
wait_for "% complete"
drive new "$((SEED + 1))" "$tmp/new.yaml"
echo "randkeys: seed $SEED passed"
finish
