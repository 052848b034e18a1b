#!/bin/sh
# Killed during a save (RELIABILITY.md section 8 A, case 4, and issue 6
# point 2).  A save of a large-ish dossier ("dossier export SRC --yaml
# d.yaml", the wizard's atomic path) is killed with SIGKILL:
#   - at every step, writecrash style: strace kills it on entry to the
#     n-th openat, write, fchmod, fsync, close and rename, for every n;
#   - then KILLS times (default 100) at a random moment.
# The two sources alternate, so every save that completes changes the
# file.  After each kill d.yaml must parse ("dossier check" exits 0 or 1)
# and be exactly one of the two versions.  Leftover temporary files
# (.d.yaml.xxxxxx.tmp) are never read, and the next save removes those
# older than an hour (checked at the end by ageing them).  Every injected
# kill must be seen to fire (the save ends by SIGKILL, status 137); a run
# where the kills never landed would prove nothing.  Without a working
# strace the whole test is skipped (77).
set -u

: "${DOSSIER:=./dossier}"
: "${EXAMPLES:=${top_srcdir:-.}/share/examples}"
: "${DOSSIER_TEMPLATE_PATH:=${top_srcdir:-.}/templates}"
: "${KILLS:=100}"
export DOSSIER_TEMPLATE_PATH

T=$(mktemp -d "${TMPDIR:-/tmp}/killsave.XXXXXX") || exit 99
trap 'rm -rf "$T"' EXIT
trap 'exit 99' HUP INT TERM
failed=0

# strace CMD...: LeakSanitizer cannot run under ptrace (in an ASan
# build), so traced runs leave leak checks to the untraced ones.
strace() {
	env ASAN_OPTIONS="${ASAN_OPTIONS:-}${ASAN_OPTIONS:+:}detect_leaks=0" \
	    strace "$@"
}

fail() {
	echo "FAIL: $*" >&2
	failed=$((failed + 1))
}

# Two versions, about 600 KB each: the complete example plus a long list
# no template knows (kept on save), different in every line.
make_source() {
	cat "$EXAMPLES/complete.yaml"
	echo "x-padding:"
	awk -v c="$1" 'BEGIN {
		line = sprintf("%0120d", 0); gsub(/0/, c, line)
		for (i = 0; i < 5000; i++) printf "  - %s %d\n", line, i
	}'
}
make_source a > "$T/src-a.yaml"
make_source b > "$T/src-b.yaml"
"$DOSSIER" export "$T/src-a.yaml" --yaml "$T/a.yaml" || exit 99
"$DOSSIER" export "$T/src-b.yaml" --yaml "$T/b.yaml" || exit 99
cmp -s "$T/a.yaml" "$T/b.yaml" && { echo "versions are equal" >&2; exit 99; }
cp "$T/a.yaml" "$T/d.yaml"

nold=0 nnew=0 round=0

# After a kill: d.yaml parses and is A or B.  Counts whether it moved.
check_state() {
	if [ ! -f "$T/d.yaml" ]; then
		fail "$1: d.yaml is gone"
		cp "$T/a.yaml" "$T/d.yaml"
		return
	fi
	"$DOSSIER" check "$T/d.yaml" >/dev/null 2>"$T/err"
	rc=$?
	[ "$rc" -le 1 ] || fail "$1: check exit $rc: $(head -n 3 "$T/err")"
	if cmp -s "$T/d.yaml" "$T/a.yaml"; then
		now=a
	elif cmp -s "$T/d.yaml" "$T/b.yaml"; then
		now=b
	else
		fail "$1: d.yaml is neither version ($(wc -c < "$T/d.yaml") bytes)"
		cp "$T/a.yaml" "$T/d.yaml"
		now=a
	fi
	if [ "$now" = "$2" ]; then
		nnew=$((nnew + 1))
	else
		nold=$((nold + 1))
	fi
}

# The version d.yaml is not: what the next save writes.
other() {
	if cmp -s "$T/d.yaml" "$T/a.yaml"; then echo b; else echo a; fi
}

if ! command -v strace >/dev/null 2>&1 ||
    ! strace -f -o /dev/null true 2>/dev/null; then
	echo "SKIP: strace missing or ptrace not permitted"
	exit 77
fi

# 1. At every step.
v=$(other)
strace -f -o "$T/trace" -e trace=openat,write,fchmod,fsync,close,rename \
    "$DOSSIER" export "$T/src-$v.yaml" --yaml "$T/d.yaml" 2>"$T/err" ||
    fail "traced save: $(cat "$T/err")"
for sc in openat write fchmod fsync close rename; do
	n=$(grep -c "^[0-9]* *$sc(" "$T/trace")
	i=1
	[ "$n" -gt 0 ] || fail "the traced save made no $sc call"
	while [ "$i" -le "$n" ]; do
		v=$(other)
		# In a subshell, so the shell's "Killed" stays quiet.  strace
		# dies of the signal that killed the save: 128 + 9.
		(strace -f -o /dev/null \
		    -e inject="$sc":signal=SIGKILL:when="$i" \
		    "$DOSSIER" export "$T/src-$v.yaml" \
		    --yaml "$T/d.yaml"; echo $? >"$T/rc") >/dev/null 2>&1
		[ "$(cat "$T/rc")" = 137 ] ||
		    fail "kill at $sc #$i did not fire (exit $(cat "$T/rc"))"
		check_state "killed at $sc #$i" "$v"
		round=$((round + 1))
		i=$((i + 1))
	done
done
echo "killed at each of $round system calls of a save" \
    "($nnew completed, $nold left the old version)"

# 2. At random moments.  One save's duration in microseconds sets the
# range, so kills land everywhere from start-up to after the rename.
t0=$(date +%s%N)
"$DOSSIER" export "$T/src-$(other).yaml" --yaml "$T/d.yaml"
t1=$(date +%s%N)
span=$(( (t1 - t0) / 1000 * 12 / 10 + 1 ))
nold=0 nnew=0 nkilled=0
i=1
while [ "$i" -le "$KILLS" ]; do
	v=$(other)
	r=$(od -An -N4 -tu4 /dev/urandom | tr -d ' ')
	delay=$((r % span))
	"$DOSSIER" export "$T/src-$v.yaml" --yaml "$T/d.yaml" 2>/dev/null &
	pid=$!
	sleep "$(printf '%d.%06d' $((delay / 1000000)) $((delay % 1000000)))"
	kill -KILL "$pid" 2>/dev/null
	wait "$pid" 2>/dev/null
	[ $? -eq 137 ] && nkilled=$((nkilled + 1))
	check_state "random kill $i after ${delay}us" "$v"
	i=$((i + 1))
done
[ "$nkilled" -gt 0 ] || fail "none of the $KILLS random kills landed"
echo "random kills within ${span}us: $nkilled of $KILLS landed;" \
    "$nnew saves completed, $nold left the old version"

# 3. Leftovers: named as documented, never read, removed once stale.
left=$(find "$T" -maxdepth 1 -name '.d.yaml.*.tmp' | wc -l)
bad=$(find "$T" -maxdepth 1 -name '.*.tmp' ! -name '.d.yaml.[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f].tmp' | head -n 1)
[ -z "$bad" ] || fail "temporary file with an unexpected name: $bad"
touch -d '2 hours ago' "$T"/.d.yaml.*.tmp 2>/dev/null
"$DOSSIER" export "$T/src-$(other).yaml" --yaml "$T/d.yaml" ||
    fail "save after the kills"
still=$(find "$T" -maxdepth 1 -name '.d.yaml.*.tmp' | wc -l)
[ "$still" -eq 0 ] || fail "$still stale temporary files survived a save"
echo "$left leftover temporary files, removed by the next save"

[ "$failed" -eq 0 ] || { echo "$failed failure(s)" >&2; exit 1; }
exit 0
