#!/bin/sh
# The wizard's screens in Traditional Chinese (LANG=zh_HK.UTF-8), at 80x24
# and at 120x40: section titles, labels, options and help come from the
# templates' zh-Hant translations, the program's own words from the
# catalogue, the findings screen is Chinese, search finds a question by
# its Chinese label and by its English one, and no line is wider than
# the terminal, no pane overflows its border, nothing is cut in the
# middle of a character.  Then the changed English words, in English.
. "$srcdir/tests/e2e/lib.sh"

need_zh_locale
need_python yaml unicodedata
ZH="LANG=zh_HK.UTF-8 LC_ALL=zh_HK.UTF-8"

# zh KEY: a string of tr007-2026.zh-Hant.yaml or tr008-2026.zh-Hant.yaml,
# by its path (tr007.sections.qualification.title): what the screen must
# show is what the translation says, not a copy of it here.
zh() {
	"$PYTHON3" - "$srcdir/templates" "$1" <<'PY'
import sys, yaml
d, key = sys.argv[1], sys.argv[2].split(".")
with open("%s/%s-2026.zh-Hant.yaml" % (d, key[0]), encoding="utf-8") as f:
    v = yaml.safe_load(f)
for k in key[1:]:
    v = v[k]
print(v)
PY
}

# check_layout W LEFT: every line of the screen fits W columns (wide
# characters count two), is whole UTF-8 without U+FFFD, a pop-up's sides
# stand in the columns of its corners on every row, and, when LEFT is
# given, every row of the main panes has the divider at column LEFT and a
# section row's figure ends where the list ends (its title did not push
# it).  East Asian Wide and Fullwidth are two columns, as glibc's
# wcwidth has them in zh_HK.UTF-8.
check_layout() {
	settled_screen "" >"$tmp/screen.txt"
	"$PYTHON3" - "$tmp/screen.txt" "$1" "${2:-0}" <<'PY' ||
import sys, unicodedata
path, width, left = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
raw = open(path, "rb").read()
try:
    text = raw.decode("utf-8")
except UnicodeDecodeError as e:
    sys.exit("not UTF-8: %s" % e)
def w(s):
    n = 0
    for c in s:
        if unicodedata.combining(c):
            continue
        n += 2 if unicodedata.east_asian_width(c) in "WF" else 1
    return n
def at(l):
    # column -> character
    m, n = {}, 0
    for c in l:
        m[n] = c
        n += w(c)
    return m
bad = []
lines = text.split("\n")
box = None
for i, l in enumerate(lines):
    if "\ufffd" in l:
        bad.append("line %d: U+FFFD: %r" % (i, l))
    if w(l) > width:
        bad.append("line %d: %d columns > %d: %r" % (i, w(l), width, l))
    m = at(l)
    if box is None and "\u250c" in l and "\u2510" in l:
        box = [c for c, ch in m.items() if ch in "\u250c\u2510"]
    elif box is not None and "\u2514" in l:
        box = None
    elif box is not None and (m.get(box[0]) != "\u2502" or
                              m.get(box[-1]) != "\u2502"):
        bad.append("line %d: pop-up side not at columns %s: %r"
                   % (i, box, l))
if left:
    # Rows 1 .. up to the help separator: the two panes.
    for i in range(1, len(lines)):
        l = lines[i]
        if l.startswith("\u2500\u2500"):
            break
        col, k = 0, 0
        while k < len(l) and col < left:
            col += w(l[k])
            k += 1
        if col != left or k >= len(l) or l[k] != "\u2502":
            bad.append("line %d: divider not at column %d: %r" % (i, left, l))
            continue
        head = l[:k].rstrip()
        if len(head) > 1 and head[1] in "\u2713\u25cb!?-" and \
                w(head) != left - 1:
            bad.append("line %d: section row ends at %d, not %d: %r"
                       % (i, w(head), left - 1, l))
if bad:
    sys.exit("\n".join(bad))
PY
	fail "layout at ${1} columns"
}

# help_full W: the first line of the help pane is (nearly) full: Chinese
# wraps between characters, not only at the rare spaces.
help_full() {
	settled_screen "" >"$tmp/screen.txt"
	"$PYTHON3" - "$tmp/screen.txt" "$1" <<'PY' || fail "help not wrapped between characters"
import sys, unicodedata
lines = open(sys.argv[1], encoding="utf-8").read().split("\n")
width = int(sys.argv[2])
i = next(k for k, l in enumerate(lines) if l.startswith("\u2500\u2500"))
l = lines[i + 1]
n = sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in l)
if n < width - 4:
    sys.exit("first help line %d columns of %d: %r" % (n, width, l))
PY
}

# search_for TEXT SEEN: open the search, type TEXT, wait for SEEN.
search_for() {
	keys /
	wait_for "搜尋問題"
	type_text "$1"
	wait_for "$2"
}

sec_title=$(zh tr007.sections.qualification.title)
lbl_func=$(zh tr007.sections.qualification.fields.software_function.label)
lbl_md=$(zh tr007.sections.qualification.fields.is_medical_device.label)
opt_none=$(zh "tr007.sections.qualification.fields.non_md_category.options.no, none of them")
help_md=$(zh tr007.sections.qualification.fields.is_medical_device.help)
ds_title=$(zh tr008.sections.datasets.title)
ds_label=$(zh tr008.sections.datasets.fields.datasets.label)
ds_name=$(zh tr008.sections.datasets.fields.datasets.fields.name.label)
for s in "$sec_title" "$lbl_func" "$lbl_md" "$opt_none" "$help_md" \
    "$ds_title" "$ds_label" "$ds_name"; do
	[ -n "$s" ] || fail "a translation the test reads is empty"
done

copy_example demo.yaml d.yaml

# --- 80x24 ---
start $ZH -- d.yaml
wait_for "完成 87%"
wait_for "章節 1／29"
wait_for "$sec_title"
wait_for "$lbl_func"
wait_for "$lbl_md"
wait_for "$opt_none"
wait_for "✓完成 ○未完 !待改 -不適用"
wait_for "22 個錯誤，5 個警告，1 個備註"
help_full 80
s=$(screen)
for en in "Qualification and classification" "Is the software a medical" \
    "Section 1 of" "% complete" "no, none of them" "✓ done" \
    "errors,"; do
	case $s in *"$en"*) fail "English on the Chinese screen: $en" ;; esac
done
check_layout 80 28

# Search by the Chinese label, then by the English label: each finds
# the one question and goes there.
search_for "$ds_name" "1 個相符"
check_layout 80
keys Enter
wait_gone "搜尋問題"
wait_for "$ds_label：2 項記錄 — $ds_title"
wait_for "記錄 1／2"
check_layout 80 28
search_for "Is the software a medical device" "1 個相符"
screen | grep -F -q "$lbl_md" || fail "the hit is not shown in Chinese"
keys Enter
wait_gone "搜尋問題"
wait_for "章節 1／29，問題 3／"
# The question's own help, in Chinese, under the lists.
wait_for "${help_md%%，*}"
wait_for "是／否 · 必答"
check_layout 80 28
# By id and by clause number, as before; and nothing found says so.
search_for "is_medical_device" "1 個相符"
keys Escape
wait_gone "搜尋問題"
search_for "4.1.5" "個相符"
screen | grep -F -q "$lbl_md" || fail "clause 4.1.5 does not find $lbl_md"
keys Escape
wait_gone "搜尋問題"
search_for "zzqqzz" "沒有相符的結果"
keys Escape
wait_gone "搜尋問題"
check_layout 80 28

# The findings screen.
keys F6
wait_for "檢查結果 │ 22 個錯誤，5 個警告，1 個備註 │ 完成 87%"
wait_for "第 1 項，共 28 項"
wait_for "位置："
wait_for "答案："
wait_for "未作答"
case $(screen) in *"not answered"*|*" Findings "*|*"Where:"*)
	fail "findings in English" ;;
esac
check_layout 80
keys Escape
wait_gone "第 1 項，共 28 項"

# Too small: the notice in Chinese, whole characters at 60 columns.
t resize-window -t w -x 60 -y 20
wait_for "終端機太小（60x20，需要 80x24）。"
check_layout 60
t resize-window -t w -x 80 -y 24
wait_for "$sec_title"
check_layout 80 28

# Answers that stop applying: the pop-up lists them by Chinese section
# title over the Chinese screen, its sides straight; k keeps them.
search_for "is_medical_device" "1 個相符"
keys Enter
wait_gone "搜尋問題"
keys n
wait_for "不再適用的答案"
wait_for "個已作答的問題不再適用："
wait_for "  - $sec_title：1 個答案"
check_layout 80
keys k
wait_gone "一樣保留"
wait_for "已保留 "
wait_for "[未儲存]"
check_layout 80 28
keys q
wait_for "未儲存的修改"
keys d
[ "$(wait_exit)" = 0 ] || fail "exit status not 0 (80x24)"
cmp -s "$tmp/d.yaml" "$EXAMPLES/demo.yaml" || fail "file changed"
stop

# --- 120x40: the wider section list and the help of six lines ---
start -x 120 -y 40 $ZH -- d.yaml
wait_for "完成 87%"
wait_for "dossier │"
wait_for "$sec_title"
check_layout 120 34
search_for "$ds_name" "1 個相符"
keys Enter
wait_gone "搜尋問題"
wait_for "$ds_label：2 項記錄"
keys Enter
wait_for "$ds_label › 記錄 1／2 — $ds_title"
wait_for "$ds_name"
check_layout 120 34
keys Escape
keys F6
wait_for "檢查結果 │"
check_layout 120
keys Escape
wait_gone "檢查結果 │"
keys q
[ "$(wait_exit)" = 0 ] || fail "exit status not 0 (120x40)"
stop

# --- English, where the words changed: nothing found says so ---
start -- d.yaml
wait_for "87% complete"
keys /
wait_for "Search questions"
type_text "zzqqzz"
wait_for "No match"
keys C-u
type_text "Is the software a medical device"
wait_for "1 match"
keys Enter
wait_gone "Search questions"
wait_for "yesno · required"
keys q
[ "$(wait_exit)" = 0 ] || fail "exit status not 0 (English)"
finish
