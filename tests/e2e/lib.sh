# Harness for the wizard's end-to-end tests; each tests/e2e/wizard-*.sh
# sources it.  One tmux server per test on a private socket, a detached
# 80x24 session, a fixed environment (locale, time zone, HOME, TMPDIR in a
# fresh temporary folder), and polling of the screen instead of sleeping.
# Exit statuses follow automake: 0 pass, 1 fail, 77 skip, 99 hard error.
#
# Needs from the Makefile (AM_TESTS_ENVIRONMENT): DOSSIER, srcdir,
# DOSSIER_TEMPLATE_PATH, EXAMPLES, TMUX_BIN.

set -u

TMUX_BIN=${TMUX_BIN:-$(command -v tmux 2>/dev/null || true)}
if [ -z "$TMUX_BIN" ] || [ ! -x "$TMUX_BIN" ]; then
	echo "SKIP: tmux not found"
	exit 77
fi
: "${DOSSIER:?DOSSIER must name the binary}"
: "${srcdir:=.}"
: "${DOSSIER_TEMPLATE_PATH:=$srcdir/templates}"
: "${EXAMPLES:=$srcdir/share/examples}"
E2E_TIMEOUT=${E2E_TIMEOUT:-20}	# seconds; generous for sanitizer builds

tmp=$(mktemp -d "${TMPDIR:-/tmp}/dossier-e2e.XXXXXX") || exit 99
tmp=$(cd "$tmp" && pwd -P)
conf=$(cd "$srcdir/tests/e2e" && pwd)/tmux.conf
# A fresh server (and socket) for every start: reusing one that is just
# exiting after the last session ended races ("server exited
# unexpectedly").
nstart=0
# Named after this test's own temporary folder, which mktemp made unique:
# a pid alone can meet a server a killed run left behind ("duplicate
# session: w").
sockbase=dossier-${tmp##*.}
sock=$sockbase-0
unset TMUX TMUX_PANE

term=tmux-256color
infocmp "$term" >/dev/null 2>&1 || term=screen-256color

t() {
	"$TMUX_BIN" -L "$sock" -f "$conf" "$@"
}

cleanup() {
	i=0
	while [ $i -le $nstart ]; do
		"$TMUX_BIN" -L "$sockbase-$i" kill-server >/dev/null 2>&1
		i=$((i + 1))
	done
	rm -rf "$tmp"
}
trap cleanup EXIT
[ -n "${E2E_KEEP:-}" ] && trap 't kill-server >/dev/null 2>&1; echo "kept $tmp"' EXIT
trap 'exit 99' HUP INT TERM

# The fixed environment of the program under test, plus any VAR=value
# given before the command.  LSAN_OPTIONS comes from the Makefile: its
# suppressions name libxlsxwriter's own leaks, which the export reaches.
E2E_ENV="PATH=$PATH HOME=$tmp TMPDIR=$tmp LANG=C.UTF-8 LC_ALL=C.UTF-8 TZ=UTC
TERM=$term DOSSIER_TEMPLATE_PATH=$DOSSIER_TEMPLATE_PATH
${DOSSIER_LOCALEDIR:+DOSSIER_LOCALEDIR=$DOSSIER_LOCALEDIR}
${LOCPATH:+LOCPATH=$LOCPATH}
ASAN_OPTIONS=detect_leaks=1:abort_on_error=0:log_path=$tmp/asan
UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1:log_path=$tmp/ubsan
${LSAN_OPTIONS:+LSAN_OPTIONS=$LSAN_OPTIONS}"

# The pane runs the program under a small shell that stays: after the
# program ends, "[exit N]" shows its status and the terminal modes it left
# can still be read (a dead pane reports none).  $tmp/pid holds the
# program's own pid, for the signal tests.
# It waits on the fifo $tmp/go until start() has attached pipe-pane, so
# $tmp/pty.log holds every byte the program sent to the terminal, from the
# first: what tmux consumed (OSC, DCS, BEL) is still there to check.
cat >"$tmp/run.sh" <<'RUN'
pidfile=$1
shift
read -r _ <"${pidfile%/*}/go"
sh -c 'echo $$ >"$0"; exec "$@"' "$pidfile" "$@"
echo "[exit $?]"
exec sleep 100000
RUN

# start [-x W] [-y H] [VAR=value...] -- ARGS...: run the wizard in the
# test's folder, as the only pane of session "w".
start() {
	w=80 h=24
	while [ $# -gt 0 ]; do
		case $1 in
		-x) w=$2; shift 2 ;;
		-y) h=$2; shift 2 ;;
		*) break ;;
		esac
	done
	extra=
	while [ $# -gt 0 ] && [ "$1" != -- ]; do
		extra="$extra $1"
		shift
	done
	[ "${1:-}" = -- ] && shift
	# shellcheck disable=SC2086
	start_cmd -x "$w" -y "$h" env -i $E2E_ENV $extra "$DOSSIER" "$@"
}

# start_cmd [-x W] [-y H] COMMAND...: run any command the same way (the
# pid file, the pty log, "[exit N]" at the end).
start_cmd() {
	w=80 h=24
	while [ $# -gt 0 ]; do
		case $1 in
		-x) w=$2; shift 2 ;;
		-y) h=$2; shift 2 ;;
		*) break ;;
		esac
	done
	rm -f "$tmp/pid" "$tmp/go" "$tmp/pty.log"
	mkfifo "$tmp/go" || exit 99
	: >"$tmp/pty.log"
	nstart=$((nstart + 1))
	sock=$sockbase-$nstart
	t new-session -d -s w -x "$w" -y "$h" -c "$tmp" \
	    sh "$tmp/run.sh" "$tmp/pid" "$@" || exit 99
	t pipe-pane -t w -o "cat >>'$tmp/pty.log'" || exit 99
	timeout "$E2E_TIMEOUT" sh -c 'echo go >"$1"' sh "$tmp/go" ||
	    fail "the pane did not start"
	wait_file "$tmp/pid"
}

# The raw bytes the program has written to its terminal so far.
pty_log() {
	cat "$tmp/pty.log"
}

# The program's pid.
pid() {
	cat "$tmp/pid"
}

screen() {
	t capture-pane -p -t w
}

# The screen once the program has finished drawing it: three captures
# in a row, 50 ms apart, that match and show TEXT.  After wait_for the
# first line may be new while the rest is still the old frame; a test
# that reads the whole screen must not take half a redraw, and a loaded
# CI machine can pause a redraw for longer than one interval.
settled_screen() {
	_sn=0 _ss=0 _sl=$((${2:-$E2E_TIMEOUT} * 20))
	screen >"$tmp/.settle.a"
	while :; do
		sleep 0.05
		screen >"$tmp/.settle.b"
		if grep -F -q -- "$1" "$tmp/.settle.b" &&
		    cmp -s "$tmp/.settle.a" "$tmp/.settle.b"; then
			_ss=$((_ss + 1))
			[ $_ss -ge 2 ] && break
		else
			_ss=0
		fi
		mv "$tmp/.settle.b" "$tmp/.settle.a"
		_sn=$((_sn + 1))
		[ $_sn -ge $_sl ] && fail "the screen did not settle on '$1'"
	done
	cat "$tmp/.settle.b"
}

show() {
	echo "---- screen ----"
	screen
	echo "----------------"
}

fail() {
	{
		echo "FAIL: $*"
		show
		for f in "$tmp"/asan.* "$tmp"/ubsan.*; do
			[ -s "$f" ] && echo "---- $f ----" && cat "$f"
		done
	} >&2
	exit 1
}

# Poll until the screen shows TEXT (fixed string), or fail after the
# timeout.  No fixed sleeps: a test is as fast as the program.
wait_for() {
	n=0 limit=$((${2:-$E2E_TIMEOUT} * 20))
	while ! screen | grep -F -q -- "$1"; do
		n=$((n + 1))
		[ $n -ge $limit ] && fail "timed out waiting for '$1'"
		sleep 0.05
	done
}

wait_gone() {
	n=0 limit=$((${2:-$E2E_TIMEOUT} * 20))
	while screen | grep -F -q -- "$1"; do
		n=$((n + 1))
		[ $n -ge $limit ] && fail "timed out waiting for '$1' to go"
		sleep 0.05
	done
}

# Poll until a file exists (and is not empty).
wait_file() {
	n=0 limit=$((${2:-$E2E_TIMEOUT} * 20))
	while [ ! -s "$1" ]; do
		n=$((n + 1))
		[ $n -ge $limit ] && fail "timed out waiting for file $1"
		sleep 0.05
	done
}

keys() {
	t send-keys -t w "$@"
}

# Literal text, never read as key names.
type_text() {
	t send-keys -t w -l -- "$1"
}

pane() {
	t display-message -p -t w "$1"
}

# Wait for the program to end; prints its exit status.
wait_exit() {
	# -J: the shell's "Killed" may push "[exit N]" across the line end.
	n=0 limit=$((E2E_TIMEOUT * 20))
	while ! t capture-pane -p -J -t w | grep -F -q -- "[exit "; do
		n=$((n + 1))
		[ $n -ge $limit ] && fail "timed out waiting for '[exit '" >&2
		sleep 0.05
	done
	t capture-pane -p -J -t w | sed -n 's/.*\[exit \([0-9]*\)\].*/\1/p' | tail -n 1
}

# The terminal as the program left it: alternate screen off, cursor
# shown, mouse and keypad modes off.
assert_restored() {
	st=$(pane '#{alternate_on} #{cursor_flag} #{mouse_any_flag} #{keypad_flag}')
	[ "$st" = "0 1 0 0" ] || fail "terminal not restored: '$st' (want '0 1 0 0')"
}

# Sanitizer reports go to files; any report fails the test.
finish() {
	for f in "$tmp"/asan.* "$tmp"/ubsan.*; do
		[ -e "$f" ] || continue
		if [ -s "$f" ]; then
			echo "FAIL: sanitizer report in $f:"
			cat "$f"
			exit 1
		fi
	done
	exit 0
}

# A copy of an example dossier (and its evidence) in the test's folder.
copy_example() {
	cp "$EXAMPLES/$1" "$tmp/$2" || exit 99
	chmod u+w "$tmp/$2"
	if [ ! -d "$tmp/evidence" ]; then
		cp -R "$EXAMPLES/evidence" "$tmp/evidence" || exit 99
		chmod -R u+w "$tmp/evidence"
	fi
}

# Start on a private copy of the demo dossier, d.yaml, and wait for it.
start_demo_copy() {
	copy_example demo.yaml d.yaml
	start "$@" -- d.yaml
	wait_for "87% complete"
}

# Search for a question by text and go to it.
goto_question() {
	keys /
	wait_for "Search questions"
	type_text "$1"
	wait_for "${2:-1 match}"
	keys Enter
	wait_gone "Search questions"
}

# A left click at column X, line Y (zero-based), as an xterm reports it
# (X10 encoding: ESC [ M, then button, column and line, each plus 32 and
# one-based), pressed and released.
click() {
	cx=$(printf "\\$(printf %o $(($1 + 33)))")
	cy=$(printf "\\$(printf %o $(($2 + 33)))")
	type_text "$(printf '\033[M %s%s\033[M#%s%s' "$cx" "$cy" "$cx" "$cy")"
}

# Go to a one-line question, replace its answer with TEXT, confirm, and
# wait until the screen says the dossier has unsaved changes.
set_line() {
	goto_question "$1"
	keys Enter
	wait_for "Ctrl+U: clear"
	keys C-u
	type_text "$2"
	keys Enter
	wait_for "[unsaved]"
}

# End a session so another can start.
stop() {
	t kill-server >/dev/null 2>&1
}

# need_python [MODULE...]: skip the whole test (exit 77, visibly) unless
# the python3 the Makefile chose can import every MODULE.  A check that
# needs Python is never passed over while the rest says "ok".
need_python() {
	PYTHON3=${PYTHON3:-/usr/bin/python3}
	for m in json "$@"; do
		"$PYTHON3" -c "import $m" 2>/dev/null && continue
		echo "SKIP: $PYTHON3 cannot import $m"
		exit 77
	done
}

# need_zh_locale: skip the whole test (exit 77, visibly; CI refuses a skip)
# unless zh_HK.UTF-8 loads, as the Makefile's tests/localedef makes it.
# Without it setlocale falls back to C and the wizard cannot draw
# Chinese, so a pass would mean nothing.
need_zh_locale() {
	if [ "$(LC_ALL=zh_HK.UTF-8 locale charmap 2>/dev/null)" != UTF-8 ]; then
		echo "SKIP: locale zh_HK.UTF-8 missing (LOCPATH=${LOCPATH:-unset})"
		exit 77
	fi
}
