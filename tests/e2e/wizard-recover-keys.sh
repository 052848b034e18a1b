#!/bin/sh
# The "Recovery file found" prompt, the keys the other tests leave out:
# d discards (the file stays as saved, the recovery file goes) and Esc
# does what its button says, the same as k (set aside, not used, not
# deleted).  r is in wizard-recover-kill.sh, k in wizard-sighup.sh.
. "$srcdir/tests/e2e/lib.sh"

# Leave a recovery file holding listed_version VALUE (SIGHUP).
leave_recovery() {
	stop
	start -- d.yaml
	wait_for "% complete"
	set_line listed_version "$1"
	kill -HUP "$(pid)"
	[ "$(wait_exit)" = 129 ] || fail "exit status not 129"
	grep -q "$1" "$tmp/.d.yaml.dossier-recover" || fail "no recovery file"
	stop
}

copy_example demo.yaml d.yaml
leave_recovery 3.1.4
start -- d.yaml
wait_for "Recovery file found"
keys d
wait_for "% complete"
screen | grep -q "\[unsaved\]" && fail "discarded changes were used"
[ -e "$tmp/.d.yaml.dossier-recover" ] && fail "recovery file not removed"
keys q
[ "$(wait_exit)" = 0 ] || fail "exit status not 0"
cmp -s "$tmp/d.yaml" "$EXAMPLES/demo.yaml" || fail "discard changed the file"
ls "$tmp"/.d.yaml.*.dossier-recover >/dev/null 2>&1 && fail "discard kept a copy"

leave_recovery 3.1.5
start -- d.yaml
wait_for "Recovery file found"
keys Escape
wait_for "Kept the recovery file as"
screen | grep -q "\[unsaved\]" && fail "Esc used the recovery file"
keys q
[ "$(wait_exit)" = 0 ] || fail "exit status not 0"
cmp -s "$tmp/d.yaml" "$EXAMPLES/demo.yaml" || fail "Esc changed the file"
[ -e "$tmp/.d.yaml.dossier-recover" ] && fail "recovery file not set aside"
grep -l 3.1.5 "$tmp"/.d.yaml.*.dossier-recover >/dev/null 2>&1 ||
    fail "Esc lost the recovered changes"
finish
