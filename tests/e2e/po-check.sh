#!/bin/sh
# The message catalogues: every po/*.po passes msgfmt --check (format
# directives match the English, header complete), and none has a fuzzy
# or untranslated message, so a new English message cannot ship without
# its Chinese.  msgmerge against the sources' current messages catches a
# message changed in the code but not in the catalogue.
set -u
: "${PODIR:?run through make check}"
MSGFMT=${MSGFMT:-msgfmt}
command -v "$MSGFMT" >/dev/null 2>&1 || { echo "msgfmt missing"; exit 77; }
command -v xgettext >/dev/null 2>&1 || { echo "xgettext missing"; exit 77; }
TMP=$(mktemp -d "${TMPDIR:-/tmp}/dossier-po.XXXXXX") || exit 99
trap 'rm -rf "$TMP"' EXIT
fails=0
top=$(cd "$PODIR/.." && pwd)

# The messages the sources hold now, with po/Makevars' keywords.
opts=$(sed -n 's/^XGETTEXT_OPTIONS = //p' "$PODIR/Makevars")
files=$(sed -e 's/#.*//' -e '/^[[:space:]]*$/d' "$PODIR/POTFILES.in")
# shellcheck disable=SC2086
(cd "$top" && xgettext $opts -o "$TMP/now.pot" $files) || exit 99

for po in "$PODIR"/*.po; do
	if ! "$MSGFMT" --check --check-format -o /dev/null "$po"; then
		echo "FAIL: msgfmt --check $po"
		fails=$((fails + 1))
	fi
	msgmerge --quiet --no-fuzzy-matching -o "$TMP/merged.po" "$po" \
	    "$TMP/now.pot" || exit 99
	stats=$(LC_ALL=C "$MSGFMT" --statistics -o /dev/null \
	    "$TMP/merged.po" 2>&1)
	case $stats in
	*fuzzy*|*untranslated*)
		echo "FAIL: $po against the sources: $stats"
		msgattrib --untranslated --no-obsolete "$TMP/merged.po" |
		    grep '^msgid' | head -20
		fails=$((fails + 1))
		;;
	esac
	echo "$po: $stats"
done
[ "$fails" -eq 0 ]
