#!/bin/sh
# Files beside a dossier are untrusted (a shared or synced folder lets
# others plant them): a recovery file planted as a symbolic link is never
# written through by autosave or by SIGTERM, nor offered; another user's
# recovery file is never offered; a FIFO planted as the lock does not hang
# the start.  And a read-only dossier is replaced only when the user says
# so in a dialog.
. "$srcdir/tests/e2e/lib.sh"

rec="$tmp/.d.yaml.dossier-recover"

# A link to a missing file and one to an existing file.
printf 'precious\n' >"$tmp/precious"
for target in "$tmp/victim" "$tmp/precious"; do
	copy_example demo.yaml d.yaml
	ln -sf "$target" "$rec"
	start -- d.yaml
	wait_for "% complete"
	screen | grep -q "Recovery file found" && fail "a planted link was offered"
	set_line listed_version "6.6.6"
	wait_for "Autosave failed" 15
	wait_for "symbolic link"
	kill -TERM "$(pid)"
	wait_exit >/dev/null
	[ -e "$tmp/victim" ] && fail "autosave or SIGTERM wrote through the link to a missing file"
	[ "$(cat "$tmp/precious")" = precious ] || fail "written through the link to $target"
	[ -L "$rec" ] || fail "the planted link was replaced or removed"
	stop
	rm -f "$rec" "$tmp/.d.yaml.dossier-lock"
done

# Another user's recovery file, newer than the dossier: never offered.
copy_example demo.yaml d.yaml
sed 's/listed_version: .*/listed_version: "6.6.6"/' "$tmp/d.yaml" >"$rec"
touch -d '+1 minute' "$rec"
chown 65534:65534 "$rec" 2>/dev/null || {
	echo "SKIP: cannot chown (needs root): the other-user case cannot run"
	exit 77
}
start -- d.yaml
wait_for "Recovery file not offered"
wait_for "another user"
screen | grep -q "Recovery file found" && fail "another user's recovery file was offered"
keys q
[ "$(wait_exit)" = 0 ] || fail "quit did not exit 0"
[ -e "$rec" ] || fail "another user's recovery file was removed"
stop
rm -f "$rec"

# A FIFO as the lock: open(2) without O_NONBLOCK would block for ever.
copy_example demo.yaml d.yaml
mkfifo "$tmp/.d.yaml.dossier-lock" || exit 99
start -- d.yaml
wait_for "No editing lock" 10
wait_for "FIFO"
keys q
[ "$(wait_exit)" = 0 ] || fail "quit did not exit 0"
[ -p "$tmp/.d.yaml.dossier-lock" ] || fail "the planted FIFO was touched"
stop
rm -f "$tmp/.d.yaml.dossier-lock"

# A read-only dossier: a dialog; Esc keeps the file, o replaces it.
copy_example demo.yaml d.yaml
chmod 0444 "$tmp/d.yaml"
start -- d.yaml
wait_for "% complete"
set_line listed_version "5.5.5"
keys s
wait_for "File is read-only"
keys Escape
wait_gone "File is read-only"
cmp -s "$tmp/d.yaml" "$EXAMPLES/demo.yaml" || fail "a read-only file was replaced without asking"
keys s
wait_for "File is read-only"
keys o
wait_for "Saved d.yaml"
grep -q 'listed_version: "5.5.5"' "$tmp/d.yaml" || fail "not saved after o"
[ "$(stat -c %a "$tmp/d.yaml")" = 444 ] || fail "mode not kept: $(stat -c %a "$tmp/d.yaml")"
keys q
[ "$(wait_exit)" = 0 ] || fail "quit did not exit 0"
finish
