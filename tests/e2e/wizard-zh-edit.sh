#!/bin/sh
# The wizard's editors and dialogs in Traditional Chinese at 80x24: a text
# question's label, help and example from the template's translation
# (templates/tr007-2026.zh-Hant.yaml), a choice's options in Chinese while
# the file stores the option's id, the "not applicable" reason dialog and
# its live check, the long-text editor's discard dialog and the quit
# dialog with their keys, the reviewer's verdicts, Tab completion of
# Chinese file names, merge conflicts, a refused recovery file, and each
# dialog whole inside 80 columns (no wide character over a border); the
# long-text editor at 120x40 too.  Waits mostly for text of these dialogs:
# the main screen and the key hints have tests of their own.
. "$srcdir/tests/e2e/lib.sh"
need_zh_locale
need_python

# Every button ("k:Label") keeps its key in every catalogue: a dialog
# chooses by the letter before the colon, and the callers that translate
# their buttons first (app_tr_buttons) take the key from the translation.
for po in "$srcdir"/po/*.po; do
	"$PYTHON3" - "$po" <<'PY' || fail "a button's key changed in $po"
import re, sys
text = open(sys.argv[1], encoding="utf-8").read()
bad = 0
for m in re.finditer(r'^msgid "([a-z]):(.*)"\nmsgstr "(.*)"$', text, re.M):
    key, label, tr = m.groups()
    if not label or label.startswith(" "):
        continue	# "n: %s" and the like: not a button
    if not tr.startswith(key + ":"):
        print("%s: %s:%s -> %s" % (sys.argv[1], key, label, tr))
        bad += 1
sys.exit(1 if bad else 0)
PY
done

# The dialog whose top border holds TITLE, found in the screen: with
# "check", it is a closed box inside the screen: its left and right
# borders stand in the same columns on every row (a wide character cut or
# spilling over would move them), and its right edge is within the 80
# columns (or $cols); with "text", its rows are printed, borders left out.
cat >"$tmp/box.py" <<'PY'
import sys, unicodedata
mode, title, cols = sys.argv[1], sys.argv[2], int(sys.argv[3])
def cells(line):
    out, col = {}, 0
    for ch in line:
        out[col] = ch
        col += 2 if unicodedata.east_asian_width(ch) in "WF" else 1
    return out
def text(c, a, b):
    return "".join(c[k] for k in sorted(c) if a < k < b)
rows = [cells(l.rstrip("\n")) for l in sys.stdin]
top = next((i for i, c in enumerate(rows) if "\u250c" in c.values() and
            title in text(c, -1, 1000)), None)
if top is None:
    sys.exit("no box titled " + title)
c = rows[top]
left = min(k for k, ch in c.items() if ch == "\u250c")
right = max(k for k, ch in c.items() if ch == "\u2510")
if right > cols - 1:
    sys.exit("box ends at column %d" % right)
for i in range(top + 1, len(rows)):
    c = rows[i]
    if c.get(left) == "\u2514":
        if c.get(right) != "\u2518":
            sys.exit("bottom border broken on row %d" % i)
        sys.exit(0)
    if c.get(left) != "\u2502" or c.get(right) != "\u2502":
        sys.exit("border broken on row %d: %r %r" % (i, c.get(left),
                 c.get(right)))
    if mode == "text":
        print(text(c, left, right))
sys.exit("no bottom border")
PY
cols=80
box() {
	screen | "$PYTHON3" "$tmp/box.py" check "$1" "$cols" ||
	    fail "dialog '$1' not whole within $cols columns"
}
# in_box TITLE TEXT: does the dialog (which must be there) show TEXT, a
# fixed string?
in_box() {
	screen | "$PYTHON3" "$tmp/box.py" text "$1" "$cols" >"$tmp/box.txt" ||
	    fail "no dialog '$1'"
	grep -F -q -- "$2" "$tmp/box.txt"
}

# go ID: to the question with this id, through the search pop-up (its
# first match; keys are read in order, so no wait is needed between them).
go() {
	keys /
	type_text "$1"
	keys Enter
}

copy_example demo.yaml d.yaml
# A reviewer's verdicts, for the review viewer (v).
cat >>"$tmp/d.yaml" <<'YAML'
reviews:
  tr-007.lifecycle.safety_class:
    status: Rejected
    note: The hazard analysis says class C
    by: Rita Reviewer
    at: 2026-03-02T10:15:00Z
    answer: 0000000000000000000000000000000000000000000000000000000000000000
    history:
    - status: Query
      by: Quentin Querier
      at: 2026-02-01T09:00:00Z
      answer: 0000000000000000000000000000000000000000000000000000000000000000
YAML
mkdir "$tmp/文件" && : >"$tmp/文件/證明一.pdf" && : >"$tmp/文件/評估.pdf" ||
    exit 99
start LANG=zh_HK.UTF-8 LC_ALL=zh_HK.UTF-8 -- d.yaml
wait_for "87%"

# A one-line text question: label, help and example in Chinese.
go routine_updates
keys Enter
wait_for "─ 你的答案 ─"
wait_for "例行更新多久發布一次？"
wait_for "非緊急的更新及保安修正的定期週期。"
wait_for "例子：每季發布維護版本；作業系統修補程式每月一次。"
in_box "你的答案" "How often are routine updates" && fail "English label shown"
in_box "你的答案" "Example:" && fail "English 'Example:' shown"
box "你的答案"
keys C-u
type_text "每季發布維護版本，每月修補。"
keys Enter
wait_gone "─ 你的答案 ─"
# Undo names the change by the Chinese label; redo brings it back.
keys u
wait_for "更改「例行更新多久發布一次？」"
keys C-r
wait_for "每季發布維護版本，每月修補。"

# A choice: options shown in Chinese, the id stored.
go software_type
keys Enter
wait_for "─ 選擇一項 ─"
wait_for "SaMD（醫療器械軟件）"
wait_for "SiMD（醫療器械中的軟件）"
box "選擇一項"
keys Home Down Enter
wait_gone "─ 選擇一項 ─"

# A whole number: what typing is refused and the checks as you type, in
# Chinese; Esc keeps the answer.
go public_health_hours
keys Enter
wait_for "─ 整數 ─"
wait_for "對公眾健康構成嚴重風險的事件的內部期限（小時）"
keys End
type_text "h"
wait_for "不接受 'h'：整數只可包含數字，不可有單位或空格。"
keys C-u
wait_for "留空會清除答案。"
type_text "-3"
wait_for "必須至少是 0。"
box "整數"
keys Escape
wait_gone "─ 整數 ─"

# A file's path: Tab completes as far as the names agree, never into the
# middle of a character (證 and 評 share their first byte in UTF-8), and
# says what it found in Chinese.
go recovery_plan
keys Enter
wait_for "─ 技術檔案旁邊的檔案 ─"
box "技術檔案旁邊的檔案"
keys C-u
type_text "文件/"
keys Tab
wait_for "2 個名稱： 評估.pdf 證明一.pdf"
in_box "技術檔案旁邊的檔案" "<0x" && fail "completion cut a character"
in_box "技術檔案旁邊的檔案" "$(printf '\357\277\275')" &&
    fail "completion cut a character"
in_box "技術檔案旁邊的檔案" " 文件/ " || fail "completion changed the path"
keys Escape
wait_gone "─ 技術檔案旁邊的檔案 ─"

# "Not applicable": the question in Chinese, Enter on an empty reason is
# refused with a Chinese message, a typed reason is taken.
go threat_model
keys N
wait_for "─ 不適用 ─"
wait_for "為何「威脅模型（檔案，建議）」不適用於你的器械？"
box "不適用"
keys Enter
wait_for "必須提供理由。"
wait_for "─ 不適用 ─"
type_text "器械沒有網絡介面。"
keys Enter
wait_gone "─ 不適用 ─"

# The reviewer's verdicts: the status in Chinese beside the workbook's
# word, the reviewer's own words as they are.
go safety_class
keys v
wait_for "─ 「IEC 62304 軟件安全級別（建議）」的審查 ─"
wait_for "狀態：退回（工作簿中為 Rejected）"
wait_for "備註：The hazard analysis says class C"
wait_for "過時：作出這個審查結論後答案已改變"
wait_for "查詢（工作簿中為 Query），由 Quentin Querier 於"
box "的審查"
keys Escape
wait_gone "的審查 ─"

# The long-text editor: its label as the title, and leaving with changes
# asks in Chinese; Esc goes on editing, d discards.
go software_function
keys Enter
wait_for "─ 軟件有甚麼功能？用於哪個醫療目的？ ─"
wait_for "例子：在正面胸部"
box "軟件有甚麼功能？"
type_text "草稿"
keys Escape
wait_for "─ 放棄修改？ ─"
wait_for "離開編輯器，並放棄剛才輸入的內容？"
# The keys stay the same in every language, shown beside the words.
in_box "放棄修改？" " d  放棄我的修改" || fail "key d not shown beside its button"
in_box "放棄修改？" " Esc 繼續編輯" || fail "Esc not shown beside its button"
box "放棄修改？"
keys Escape
wait_gone "─ 放棄修改？ ─"
wait_for "─ 軟件有甚麼功能？用於哪個醫療目的？ ─"
keys Escape
wait_for "─ 放棄修改？ ─"
keys d
wait_gone "─ 軟件有甚麼功能？用於哪個醫療目的？ ─"

# Quit with unsaved changes, in Chinese with the keys beside the words:
# Esc stays, s saves and quits.
keys q
wait_for "─ 未儲存的修改 ─"
in_box "未儲存的修改" " s  儲存並離開" || fail "key s not shown beside its button"
in_box "未儲存的修改" " d  放棄修改並離開" || fail "key d not shown beside its button"
box "未儲存的修改"
keys Escape
wait_gone "─ 未儲存的修改 ─"
keys q
wait_for "─ 未儲存的修改 ─"
keys s
[ "$(wait_exit)" = 0 ] || fail "exit status not 0"
f=$tmp/d.yaml
grep -q "software_type: SiMD$" "$f" || fail "choice not stored as its id"
grep -q "routine_updates: 每季發布維護版本，每月修補。" "$f" ||
    fail "text answer not saved"
grep -q "not_applicable:.*器械沒有網絡介面。" "$f" || fail "reason not saved"
grep -q "草稿" "$f" && fail "discarded text was saved"
grep -q "ThoraxFlag analyses adult frontal chest" "$f" ||
    fail "the long answer changed"
grep -q "public_health_hours: 48$" "$f" || fail "Esc did not keep the number"
stop

# Merge conflicts offered in Chinese: a choice's sides by their Chinese
# options, the keys of every language (t takes theirs, o keeps ours).
copy_example demo.yaml base.yaml
sed 's/^      listed_version: "2.4.1"$/      listed_version: "2.4.2"/; s/^      safety_class: Class B$/      safety_class: Class C/' \
    "$tmp/base.yaml" >"$tmp/m.yaml"
sed 's/^      listed_version: "2.4.1"$/      listed_version: "2.5.0"/; s/^      safety_class: Class B$/      safety_class: Class A/' \
    "$tmp/base.yaml" >"$tmp/theirs.yaml"
(cd "$tmp" && env DOSSIER_TEMPLATE_PATH="$DOSSIER_TEMPLATE_PATH" \
    "$DOSSIER" merge base.yaml m.yaml theirs.yaml 2>/dev/null)
[ $? -eq 1 ] || fail "merge did not report the conflicts"
start LANG=zh_HK.UTF-8 LC_ALL=zh_HK.UTF-8 -- m.yaml
wait_for "─ 合併衝突 ─"
in_box "合併衝突" " r  現在解決" || fail "key r not shown beside its button"
keys r
wait_for "─ 合併衝突（第 1 個，共 2 個） ─"
wait_for "IEC 62304 軟件安全級別（建議）"
wait_for "我方：C 級"
wait_for "對方：A 級"
wait_for "原本：B 級"
in_box "合併衝突（第 1 個" " t  採用對方" || fail "key t not shown"
box "合併衝突（第 1 個"
keys t
wait_for "─ 合併衝突（第 2 個，共 2 個） ─"
wait_for "對方：2.5.0"
keys o
wait_for "已解決 2 個衝突"
keys q s
[ "$(wait_exit)" = 0 ] || fail "exit status not 0 after the conflicts"
grep -q "^conflicts:" "$tmp/m.yaml" && fail "conflicts left in the file"
grep -q "^      safety_class: Class A$" "$tmp/m.yaml" ||
    fail "theirs not taken as the option's id"
grep -q '^      listed_version: "2.4.2"$' "$tmp/m.yaml" || fail "ours not kept"
stop

# Larger, where the long-text editor is wider (up to 100 columns) and the
# help wraps otherwise: still whole, the same Chinese.
# A link planted where the recovery file goes is refused, the file named
# in Chinese.
cols=120
copy_example demo.yaml w.yaml
ln -s /etc/hostname "$tmp/.w.yaml.dossier-recover" || exit 99
start -x 120 -y 40 LANG=zh_HK.UTF-8 LC_ALL=zh_HK.UTF-8 -- w.yaml
wait_for "87%"
wait_for "復原檔案 是符號連結；不會跟隨"
go software_function
keys Enter
wait_for "─ 軟件有甚麼功能？用於哪個醫療目的？ ─"
wait_for "例子：在正面胸部"
box "軟件有甚麼功能？"
keys Escape
wait_gone "─ 軟件有甚麼功能？用於哪個醫療目的？ ─"
keys q
[ "$(wait_exit)" = 0 ] || fail "exit status not 0 at 120x40"
finish
