#!/bin/sh
# The wizard in Traditional Chinese (issue 16): under LANG=zh_HK.UTF-8 the
# tour, the key bar and the help are Chinese at 80x24; L switches to
# English and back at once, never touching the file nor marking it
# unsaved; x writes the XLSX in --lang's languages (both, even while the
# screen shows English), and without --lang in the screen's language.
. "$srcdir/tests/e2e/lib.sh"
need_zh_locale
need_python openpyxl

ZH="LANG=zh_HK.UTF-8 LC_ALL=zh_HK.UTF-8"
last_line() {
	screen | tail -n 1
}
top_line() {
	screen | head -n 1
}

# --- --demo at 80x24: the tour, the key bar and the help in Chinese ------
# shellcheck disable=SC2086
start $ZH -- --demo
wait_for "導覽 1／6：頂行"
wait_for "Enter: 下一步   Esc: 結束"
screen | grep -q "Tour 1 of 6" && fail "the tour's title is English"
# L in the tour: its note follows at once, and the tour goes on.
keys L
wait_for "Tour 1 of 6: The top line"
wait_for "Enter: next   Esc: end"
keys L
wait_for "導覽 1／6：頂行"
for step in 2 3 4 5 6; do
	keys Enter
	wait_for "導覽 $step／6"
done
wait_for "L 在英文與中文之間切換"
keys Escape
wait_gone "導覽 6／6"
# Every label of the bar, the last one whole (fitted by width, not bytes).
for w in "F1/? 說明" "F2/s 儲存" "F10/q 離開" "F5/r 檢查" "F6/! 檢查結果" \
    "/ 搜尋" "L English"; do
	last_line | grep -qF -- "$w" || fail "key bar lacks '$w': $(last_line)"
done
last_line | grep -qE 'Help|Save|Quit' && fail "English in the key bar"
keys F1
wait_for "這裏可用的按鍵"
wait_for "切換語言：English 或繁體中文（只限今次使用）"
wait_for "儲存（完整寫入；未完成的草稿也可儲存）"
screen | grep -q "Keys that work here" && fail "help heading in English"
keys Escape
wait_gone "這裏可用的按鍵"
# L: English at once, then Chinese again; the status line says so.
keys L
wait_for "Language: English."
wait_for "F1/? Help  F2/s Save"
last_line | grep -qF "L 中文" || fail "no way back shown: $(last_line)"
keys t
wait_for "Tour 1 of 6: The top line"
keys Escape
wait_gone "Tour 1 of 6"
keys L
wait_for "語言：繁體中文。"
wait_for "F1/? 說明  F2/s 儲存"
keys q
[ "$(wait_exit)" = 0 ] || fail "L left unsaved changes: q did not just quit"
stop

# --- a dossier at 120x40 with --lang en,zh-Hant --------------------------
copy_example demo.yaml d.yaml
cp "$tmp/d.yaml" "$tmp/before.yaml"
# shellcheck disable=SC2086
start -x 120 -y 40 $ZH -- --lang en,zh-Hant d.yaml
wait_for "F9/x XLSX"
wait_for "u 復原"
wait_for "L English"
keys L
wait_for "Language: English."
wait_for "u Undo"
top_line | grep -qF "[unsaved]" && fail "L marked the dossier unsaved"
cmp -s "$tmp/before.yaml" "$tmp/d.yaml" || fail "L changed the file"
# Exported while the screen is English: still both languages, as asked.
keys x
wait_for "XLSX checklist"
keys C-u
type_text "$tmp/bi.xlsx"
keys Enter
wait_for "Wrote the checklist to"
wait_for "u Undo"
keys L
wait_for "語言：繁體中文。"
top_line | grep -qE '\[unsaved\]|未儲存' && fail "unsaved after L twice"
# In "why is this asked?" too, L switches at once.
keys l w
wait_for " 為何問這個問題？"
keys L
wait_for " Why is this asked?"
wait_for "Tab: next link"
keys L
wait_for " 為何問這個問題？"
wait_for "Tab: 下一個連結"
keys Escape
wait_gone "Tab: 下一個連結"
keys q
[ "$(wait_exit)" = 0 ] || fail "exit status not 0"
cmp -s "$tmp/before.yaml" "$tmp/d.yaml" || fail "the file changed"
stop

# --- no --lang: the XLSX in the screen's language ------------------------
# shellcheck disable=SC2086
start $ZH -- d.yaml
wait_for "L English"
keys x
wait_for "XLSX 核對表"
keys C-u
type_text "$tmp/zh.xlsx"
keys Enter
wait_for "已把核對表寫入"
keys L
wait_for "Language: English."
keys x
wait_for "XLSX checklist"
keys C-u
type_text "$tmp/en.xlsx"
keys Enter
wait_for "Wrote the checklist to"
keys q
[ "$(wait_exit)" = 0 ] || fail "exit status not 0"
cmp -s "$tmp/before.yaml" "$tmp/d.yaml" || fail "the file changed"
stop

# --- in English (LANG=C.UTF-8): the bar offers 中文; L shows Chinese ----
start -- d.yaml
wait_for "L 中文"
keys L
wait_for "語言：繁體中文。"
wait_for "F1/? 說明"
keys '?'
wait_for "這裏可用的按鍵"
keys Escape
wait_gone "這裏可用的按鍵"
# The findings follow at once, checked again in Chinese: the checklist
# written now (the screen's language, no --lang) has them in Chinese.
keys x
wait_for "XLSX 核對表"
keys C-u
type_text "$tmp/zh2.xlsx"
keys Enter
wait_for "已把核對表寫入"
keys q
[ "$(wait_exit)" = 0 ] || fail "exit status not 0"
cmp -s "$tmp/before.yaml" "$tmp/d.yaml" || fail "the file changed"

"$PYTHON3" - "$tmp" <<'PYEOF' || fail "the workbooks' languages are wrong"
import re, sys, openpyxl
d = sys.argv[1]
cjk = re.compile("[\u4e00-\u9fff]")
def book(name):
    wb = openpyxl.load_workbook(f"{d}/{name}.xlsx")
    rows = list(wb["Checklist"].iter_rows(values_only=True))
    return rows[0], rows[1:]
def findings(head, rows):
    i = [k for k, v in enumerate(head) if v.split("\n")[0] in
         ("Finding", "檢查結果")][0]
    return [r[i] for r in rows if r[i]]
head, rows = book("bi")
assert head[0] == "Template\n範本", head
f = findings(head, rows)
assert f, "no findings in the bilingual checklist"
# Each finding in English, then in Chinese: the wizard checked again in
# Chinese for the export although the screen showed English.
for cell in f:
    en, zh = cell.split("\n", 1)
    assert not cjk.search(en), cell
    assert cjk.search(zh), cell
for name in ("zh", "zh2"):
    head, rows = book(name)
    assert head[0] == "範本", head
    assert all(cjk.search(c) for c in findings(head, rows)), name
head, rows = book("en")
assert head[0] == "Template", head
assert not any(cjk.search(c) for c in findings(head, rows))
PYEOF
finish
