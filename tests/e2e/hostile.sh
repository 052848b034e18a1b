#!/bin/sh
# Every hostile input in tests/hostile/EXPECT, run through the real binary:
# exit 2, exactly one line on stderr that names the file (with line:col
# where known) and contains the expected message, nothing on stdout, no
# crash, hang or sanitizer report.  Dossiers go through check, status and
# check --format json; template folders through templates and check.

. "${srcdir:-.}/tests/e2e/cli-lib.sh"
need_python

# make_gen NAME: create a generated input in $TMP; prints its path.
make_gen() {
	case $1 in
	deep-flow.yaml)
		"$PYTHON3" -c "import sys; sys.stdout.write('a: ' + '[' * \
160000 + ']' * 160000 + '\n')" >"$TMP/$1"
		;;
	deep-block-5000.yaml)
		"$PYTHON3" -c "import sys; sys.stdout.write('format: 1\n\
templates: [acme-qa:1]\ndevice:\n' + ''.join(' ' * (i + 1) + 'k%d:\n' % i \
for i in range(5000)) + ' ' * 5001 + 'v: 1\n')" >"$TMP/$1"
		;;
	million-keys.yaml)
		"$PYTHON3" -c "import sys; sys.stdout.write('format: 1\n\
templates: [acme-qa:1]\ndevice:\n' + ''.join('  k%07d: 1\n' % i \
for i in range(1000000)))" >"$TMP/$1"
		;;
	over-size-limit.yaml)
		# Sparse: 33 MB that take no disk.
		: >"$TMP/$1"
		truncate -s 33M "$TMP/$1"
		;;
	dev-zero)
		echo /dev/zero
		return
		;;
	folder)
		mkdir "$TMP/$1"
		;;
	fifo.yaml)
		mkfifo "$TMP/$1"
		;;
	*)
		echo "harness: no generator for $1" >&2
		exit 99
		;;
	esac
	echo "$TMP/$1"
}

# one_line WHAT FILE SUBSTRING: stderr is one line naming FILE with SUBSTRING.
one_line() {
	n=$(lines "$TMP/err")
	if [ "$n" -ne 1 ]; then
		fail "$1: $n lines on stderr, expected 1"
		head -5 "$TMP/err" | sed 's/^/  stderr: /'
		return
	fi
	if ! grep -qF -- "$2" "$TMP/err"; then
		fail "$1: stderr does not name $2: $(cat "$TMP/err")"
	elif ! grep -qF -- "$3" "$TMP/err"; then
		fail "$1: stderr lacks '$3': $(cat "$TMP/err")"
	else
		pass
	fi
}

dossier_case() {
	name=$1 want=$2 sub=$3 path=$4

	run check --template-dir "$TESTDATA/tpl" "$path"
	expect_rc "$want" "check $name"
	one_line "check $name" "$path" "$sub"
	no_sanitizer "check $name"
	check "check $name: nothing on stdout" test ! -s "$TMP/out"

	run status --template-dir "$TESTDATA/tpl" "$path"
	expect_rc "$want" "status $name"
	# status searches folders for dossiers (the portfolio).
	[ "$name" = gen:folder ] && sub="no dossier found in this folder"
	one_line "status $name" "$path" "$sub"

	run check --format json --template-dir "$TESTDATA/tpl" "$path"
	expect_rc "$want" "check --format json $name"
	check "check --format json $name: JSON with the error" \
	    "$PYTHON3" -c 'import json, sys
r = json.load(open(sys.argv[1]))
assert len(r) == 1 and r[0]["file"] == sys.argv[2], r
assert r[0]["error"]["message"], r' "$TMP/out" "$path"
}

template_case() {
	name=$1 want=$2 sub=$3 dir=$4

	run templates --template-dir "$dir"
	expect_rc "$want" "templates $name"
	one_line "templates $name" "$dir/t.yaml" "$sub"
	no_sanitizer "templates $name"
	check "templates $name: nothing on stdout" test ! -s "$TMP/out"

	run check --template-dir "$dir" "$TESTDATA/acme-partial.yaml"
	expect_rc "$want" "check with template $name"
	one_line "check with template $name" "$dir/t.yaml" "$sub"
}

ncases=0
tab=$(printf '\t')
while IFS="$tab" read -r file want sub; do
	case $file in
	'#'* | '')
		continue
		;;
	gen:*)
		path=$(make_gen "${file#gen:}") || exit 99
		dossier_case "$file" "$want" "$sub" "$path"
		;;
	tpl/*)
		template_case "$file" "$want" "$sub" "$HOSTILE/$file"
		;;
	*)
		if [ ! -e "$HOSTILE/$file" ]; then
			fail "$file: listed in EXPECT but missing"
			continue
		fi
		dossier_case "$file" "$want" "$sub" "$HOSTILE/$file"
		;;
	esac
	ncases=$((ncases + 1))
	rm -f "$TMP"/*.yaml 2>/dev/null
done <"$HOSTILE/EXPECT"

# Every file in the folder is listed.
for f in "$HOSTILE"/*.yaml "$HOSTILE"/tpl/*; do
	rel=${f#"$HOSTILE"/}
	check "$rel is listed in EXPECT" grep -q "^$rel$tab" "$HOSTILE/EXPECT"
done
check "at least 25 hostile cases ($ncases)" test "$ncases" -ge 25

finish
