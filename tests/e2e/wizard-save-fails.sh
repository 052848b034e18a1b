#!/bin/sh
# A save that fails (here: the disk is full) says why, leaves the file as
# it was, and keeps the edits on screen, marked unsaved; once there is
# room again, saving works.  Needs root to mount a small tmpfs (CI runs as
# root).
. "$srcdir/tests/e2e/lib.sh"

D="$tmp/mnt"
mkdir -p "$D"
if ! mount -t tmpfs -o size=1m,mode=755 tmpfs "$D" 2>/dev/null; then
	echo "SKIP: cannot mount a tmpfs here"
	exit 77
fi
# The wizard holds its lock file open on the mount: end it first, then
# give the kernel a moment to let go of the mount.
umount_it() {
	stop
	n=0
	while ! umount "$D" 2>/dev/null && [ $n -lt 50 ]; do
		n=$((n + 1))
		sleep 0.1
	done
}
trap 'umount_it; cleanup' EXIT

cp "$EXAMPLES/demo.yaml" "$D/d.yaml" || exit 99
# The source tree may be read-only (make distcheck): the copy must not be.
chmod u+w "$D/d.yaml"
cp -R "$EXAMPLES/evidence" "$D/evidence" || exit 99
# make distcheck: the sources are read-only; the point here is a full disk.
chmod -R u+w "$D/d.yaml" "$D/evidence"
before=$(sha256sum <"$D/d.yaml")
start -- mnt/d.yaml
wait_for "87% complete"
set_line listed_version "7.7.9"
# Fill the disk to the last byte.
dd if=/dev/zero of="$D/fill" bs=4k 2>/dev/null
dd if=/dev/zero of="$D/fill2" bs=1 2>/dev/null
keys s
wait_for "Not saved"
wait_for "d.yaml cannot save: writing the temporary file: No space"
wait_for "still here, unsaved"
keys Escape
wait_gone "Not saved"
wait_for "[unsaved]"
wait_for "7.7.9"
[ "$(sha256sum <"$D/d.yaml")" = "$before" ] || fail "the file changed"
ls -a "$D" | grep -q '\.tmp$' && fail "a temporary file was left"
rm -f "$D/fill" "$D/fill2"
keys s
wait_for "Saved d.yaml"
keys q
[ "$(wait_exit)" = 0 ] || fail "exit status not 0"
grep -q 'listed_version: "7.7.9"' "$D/d.yaml" || fail "not saved after all"
finish
