#!/bin/sh
# What an export may replace: only a regular file or a new name.  Never a
# device node (as root, /dev/null would become a regular file), a FIFO, a
# link to either, the dossier itself (also through a hard or symbolic
# link) unless the output is the canonical YAML (the in-place rewrite),
# and never one file named by both --yaml and --xlsx.  Each refusal exits
# 4, writes nothing and names the file.

. "${srcdir:-.}/tests/e2e/cli-lib.sh"

cp "$EXAMPLES/demo.yaml" "$TMP/d.yaml" || exit 99
chmod u+w "$TMP/d.yaml"
cp "$TMP/d.yaml" "$TMP/orig.yaml"

# refused WHAT ARGS...: export exits 4, says why, d.yaml is untouched.
refused() {
	what=$1
	shift
	run export "$TMP/d.yaml" "$@"
	expect_rc 4 "$what"
	check "$what: says it refuses" grep -q "refusing\|same file" "$TMP/err"
	check "$what: dossier untouched" cmp -s "$TMP/d.yaml" "$TMP/orig.yaml"
}

# Device nodes: a null device of our own (mknod needs root; the old code
# replaced the node with a regular file, and doing that to the real
# /dev/null would break the whole machine), directly and through a link.
if mknod -m 666 "$TMP/null" c 1 3 2>/dev/null; then
	refused "--xlsx device node" --xlsx "$TMP/null"
	refused "--yaml device node" --yaml "$TMP/null"
	check "the device node is still one" test -c "$TMP/null"
	ln -s "$TMP/null" "$TMP/null-link"
	refused "--xlsx link to a device node" --xlsx "$TMP/null-link"
	check "still a device after the link" test -c "$TMP/null"
	check "the link is still a link" test -L "$TMP/null-link"
else
	echo "SKIP: mknod not permitted (needs root): the device-node cases cannot run"
	exit 77
fi

# A FIFO, directly and through a link; with no reader, opening it for
# writing would block, so timeout catches a hang as exit 124.
mkfifo "$TMP/fifo" || exit 99
refused "--yaml FIFO" --yaml "$TMP/fifo"
refused "--xlsx FIFO" --xlsx "$TMP/fifo"
ln -s "$TMP/fifo" "$TMP/fifo-link"
refused "--xlsx link to FIFO" --xlsx "$TMP/fifo-link"
check "the FIFO is still a FIFO" test -p "$TMP/fifo"

# A folder.
mkdir "$TMP/folder"
refused "--xlsx folder" --xlsx "$TMP/folder"
check "the folder is still a folder" test -d "$TMP/folder"

# The checklist over the dossier itself, by name and through links.
refused "--xlsx over the input" --xlsx "$TMP/d.yaml"
ln "$TMP/d.yaml" "$TMP/hard.yaml"
refused "--xlsx over a hard link to the input" --xlsx "$TMP/hard.yaml"
ln -s d.yaml "$TMP/soft.yaml"
refused "--xlsx over a symbolic link to the input" --xlsx "$TMP/soft.yaml"
(cd "$TMP" && timeout "$HANG" "$DOSSIER" export d.yaml --xlsx ./d.yaml \
    </dev/null >/dev/null 2>"$TMP/err")
rc=$?
expect_rc 4 "--xlsx ./d.yaml from the folder"

# Two outputs, one file: existing, new, and through a link.
refused "--yaml X --xlsx X (new)" --yaml "$TMP/both" --xlsx "$TMP/both"
check "nothing written for X" test ! -e "$TMP/both"
printf 'keep\n' >"$TMP/both"
refused "--yaml X --xlsx X (existing)" --yaml "$TMP/both" --xlsx "$TMP/both"
check "X kept" grep -qx keep "$TMP/both"
ln -s both "$TMP/both-link"
refused "--yaml X --xlsx link to X" --yaml "$TMP/both" --xlsx "$TMP/both-link"
check "X kept (link)" grep -qx keep "$TMP/both"

# What stays allowed: the canonical rewrite in place, and a plain
# replacement of an existing workbook.
run export "$TMP/d.yaml" --yaml "$TMP/d.yaml"
expect_rc 0 "--yaml onto the input itself"
check "rewritten in place still loads" sh -c \
    "timeout $HANG '$DOSSIER' check '$TMP/d.yaml' >/dev/null; [ \$? -le 1 ]"
run export "$TMP/d.yaml" --yaml "$TMP/d2.yaml" --xlsx "$TMP/d.xlsx"
expect_rc 0 "two distinct outputs"
run export "$TMP/d.yaml" --xlsx "$TMP/d.xlsx"
expect_rc 0 "replacing an existing workbook"
check "no temporary leftovers" sh -c "! ls -A '$TMP' | grep -q '\\.tmp\$'"

# An empty name is a usage error (2), not an output error (4).
run export "$TMP/d.yaml" --yaml ""
expect_rc 2 "--yaml ''"
run export "$TMP/d.yaml" --xlsx ""
expect_rc 2 "--xlsx ''"

finish
