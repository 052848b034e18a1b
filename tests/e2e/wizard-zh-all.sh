#!/bin/sh
# Issue 16's bar: under LANG=zh_HK.UTF-8 the whole wizard is Chinese.  A
# new dossier has no answers of its own, so every English word on its
# screens is the program's or a template's untranslated text.  The test
# walks every screen a first session meets (the new-dossier dialog, the
# main screen in each pane, help, findings, search, tour, why, the device
# form, an editor, a picker, the not-applicable reason, the quit dialog)
# at 80x24 and at 120x40, and lists every English word left on any of
# them, beside what may stay English: key names, ids, abbreviations of
# the regulator's own documents and the name of the file.
. "$srcdir/tests/e2e/lib.sh"
need_zh_locale

ZH="LANG=zh_HK.UTF-8 LC_ALL=zh_HK.UTF-8 LANGUAGE="
nsnap=0
# snap NAME: keep the screen for the word check at the end.  (lib.sh's
# wait_for counts in $n.)
snap() {
	nsnap=$((nsnap + 1))
	settled_screen "" >"$tmp/snap.$size.$nsnap.$1"
}

walk() {
	size=$1
	rm -f "$tmp/x.yaml"
	start -x "${1%x*}" -y "${1#*x}" $ZH -- --new x.yaml
	wait_for "TR-007:2026"
	snap new-dialog
	keys Enter
	wait_for "F1/?"
	snap main-sections
	keys Tab
	wait_for "F1/?"
	snap main-questions
	keys F1
	sleep 0.3
	snap help
	keys Escape
	keys F6
	sleep 0.3
	snap findings
	keys F6
	keys /
	sleep 0.3
	type_text "zzzz"
	sleep 0.3
	snap search-none
	keys Escape
	keys t
	sleep 0.3
	snap tour
	keys Escape
	keys w
	sleep 0.3
	snap why
	keys Escape
	keys D
	sleep 0.3
	snap device
	keys Escape
	# The first question: a long text's editor.
	keys Enter
	sleep 0.3
	snap editor
	keys Escape
	# Not applicable: this question must be answered, which a status
	# line says (Esc would leave the question list).
	keys -
	sleep 0.3
	snap not-applicable
	# A yes/no question's picker: the third question of the section.
	keys Down Down Enter
	wait_for "是"
	snap picker
	keys Escape
	keys y
	sleep 0.3
	snap answered
	keys q
	wait_for "未儲存"
	snap quit
	keys s
	[ "$(wait_exit)" = 0 ] || fail "save and quit did not exit 0"
	grep -q "is_medical_device: yes" "$tmp/x.yaml" ||
	    fail "the answer y gave was not saved as yes"
	stop
}

walk 80x24
walk 120x40

# Words that stay as they are in any language: key names, the regulator's
# abbreviations and document ids (MDACS-LISTING cut short at a pane's
# edge too), standards, file names and the file's own keys (device:),
# environment variables and commands (vi, fg), the language key's own
# label (it names the language you switch to), the product's name, what
# the test typed (zzzz) and the harness's "[exit N]".
allowed='^(Enter|Space|Tab|Esc|Ctrl|Shift|Alt|Delete|Backspace|Home|End|PgUp|PgDn|Up|Down|Left|Right|Insert|TR|GN|COP|MDACS|MDD|L|LI|LIS|LIST|LISTI|LISTIN|LISTING|SaMD|SiMD|AI|IMDRF|IEC|ISO|DICOM|HL|SBOM|SOUP|XLSX|YAML|JSON|CSV|LRP|CLC|IVD|ML|CE|FDA|TGA|PMDA|NMPA|HK|CT|MRI|ECG|UDI|QMS|ICT|API|OTA|VPN|UTC|English|dossier|yaml|xlsx|device|id|VISUAL|EDITOR|vi|fg|shell|zzzz|exit)$'
for f in "$tmp"/snap.*; do
	# ids and dotted paths (tr-007.lifecycle.x) are not words to read
	sed -e 's/[a-z0-9_-]*\.[a-z0-9_.-]*[a-z0-9_]//g' \
	    -e 's/[A-Za-z]*_[A-Za-z_]*//g' "$f" |
	    grep -o '[A-Za-z][A-Za-z]\{1,\}' | grep -Ev "$allowed" |
	    sort -u | sed "s|^|${f##*/snap.}: |"
done >"$tmp/english"
if [ -s "$tmp/english" ]; then
	echo "English left on Chinese screens:"
	cat "$tmp/english"
	for f in $(cut -d: -f1 "$tmp/english" | sort -u); do
		echo "---- $f ----"
		cat "$tmp/snap.$f"
	done
	exit 1
fi
echo "ok: $nsnap screens in Chinese, no English word left"
finish
