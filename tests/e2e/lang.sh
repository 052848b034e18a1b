#!/bin/sh
# The display language: --lang and the locale choose it; messages follow,
# machine-readable output (JSON, paths, exit statuses) does not.

. "${srcdir:-.}/tests/e2e/cli-lib.sh"

: "${DOSSIER_LOCALEDIR:?run through make check}"
demo=$EXAMPLES/demo.yaml

has() {
	if grep -qF -- "$3" "$2"; then pass; else
		fail "$1: no '$3' in:"; head -5 "$2" | sed 's/^/  /'; fi
}
hasnt() {
	if grep -qF -- "$3" "$2"; then
		fail "$1: '$3' in:"; grep -F -- "$3" "$2" | head -3; else pass; fi
}

# --- check in Chinese ---------------------------------------------------

run --lang zh-Hant check "$demo"
expect_rc 1 "zh-Hant check: same exit status as English"
cp "$TMP/out" "$TMP/zh.out"
cp "$TMP/err" "$TMP/zh.err"
has "zh-Hant: a missing answer" "$TMP/zh.out" "：未作答"
has "zh-Hant: a provenance note" "$TMP/zh.out" "（二手資料）"
has "zh-Hant: the draft note" "$TMP/zh.err" "範本 tr-007:2026 是草稿"
hasnt "zh-Hant: no English 'not answered'" "$TMP/zh.out" ": not answered"
# The compiler-style frame stays: editors jump to FILE:LINE:COL: error:.
has "zh-Hant: FILE:LINE:COL: error: kept" "$TMP/zh.out" \
    "demo.yaml:59:7: error: "
has "zh-Hant: paths kept" "$TMP/zh.out" \
    "[tr-007.versioning.version_justification]"

run --lang en check "$demo"
expect_rc 1 "en check"
cp "$TMP/out" "$TMP/en.out"
has "en: English message" "$TMP/en.out" ": not answered"
check "same number of findings in both languages" \
    test "$(lines "$TMP/en.out")" -eq "$(lines "$TMP/zh.out")"
# Same findings in the same order: the bracketed paths match line by line.
sed 's/.*\[//' "$TMP/en.out" >"$TMP/en.paths"
sed 's/.*\[//' "$TMP/zh.out" >"$TMP/zh.paths"
check "same paths in the same order" cmp -s "$TMP/en.paths" "$TMP/zh.paths"

run --lang zh-Hant status "$demo"
has "status in Chinese" "$TMP/out" "demo.yaml：完成 "
hasnt "status: no English plural leaks" "$TMP/out" "errors"

# --- JSON never changes with the language ------------------------------

run --format json check "$demo"
cp "$TMP/out" "$TMP/en.json"
run --lang zh-Hant --format json check "$demo"
expect_rc 1 "zh-Hant json: exit 1"
check "check --format json byte-identical across languages" \
    cmp -s "$TMP/en.json" "$TMP/out"
run --lang en,zh-Hant --format json check "$demo"
check "check --format json byte-identical with two languages" \
    cmp -s "$TMP/en.json" "$TMP/out"
run --format json status "$demo"
cp "$TMP/out" "$TMP/en.status"
run --lang zh-Hant --format json status "$demo"
check "status --format json byte-identical across languages" \
    cmp -s "$TMP/en.status" "$TMP/out"

# --- the locale chooses when --lang is absent --------------------------

for loc in zh_HK.UTF-8 zh_TW.UTF-8 zh_HK; do
	LC_ALL= LANG=$loc LANGUAGE= timeout 10 "$DOSSIER" check "$demo" \
	    >"$TMP/out" 2>"$TMP/err"
	has "LANG=$loc chooses Chinese" "$TMP/out" "：未作答"
done
LC_ALL= LANG=C.UTF-8 LC_MESSAGES=zh_HK.UTF-8 LANGUAGE= timeout 10 \
    "$DOSSIER" check "$demo" >"$TMP/out" 2>"$TMP/err"
has "LC_MESSAGES chooses Chinese" "$TMP/out" "：未作答"
LC_ALL=zh_HK.UTF-8 LANG=en_US.UTF-8 LANGUAGE= timeout 10 \
    "$DOSSIER" check "$demo" >"$TMP/out" 2>"$TMP/err"
has "LC_ALL wins over LANG" "$TMP/out" "：未作答"
LC_ALL= LANG=en_GB.UTF-8 LANGUAGE=zh_TW:en timeout 10 \
    "$DOSSIER" check "$demo" >"$TMP/out" 2>"$TMP/err"
has "LANGUAGE wins over LANG" "$TMP/out" "：未作答"
LC_ALL=zh_HK.UTF-8 LANGUAGE= timeout 10 "$DOSSIER" --lang en check \
    "$demo" >"$TMP/out" 2>"$TMP/err"
has "--lang en wins over the locale" "$TMP/out" ": not answered"
LC_ALL=C LANG= LANGUAGE=zh_HK timeout 10 "$DOSSIER" check "$demo" \
    >"$TMP/out" 2>"$TMP/err"
has "the C locale ignores LANGUAGE, as gettext does" "$TMP/out" \
    ": not answered"

# --- evidence findings (core/proof.c, core/flist.c) follow too -------

mkdir "$TMP/ev"
cp "$EXAMPLES/complete.yaml" "$TMP/ev/"
cp -R "$EXAMPLES/evidence" "$TMP/ev/evidence"
chmod -R u+w "$TMP/ev"
echo "changed" >>"$TMP/ev/evidence/ifu.md"
run --lang zh-Hant check "$TMP/ev/complete.yaml"
expect_rc 1 "changed evidence: exit 1 in Chinese"
has "changed evidence: Chinese message" "$TMP/out" "自上次記錄"
run --lang zh-Hant --format json check "$TMP/ev/complete.yaml"
has "changed evidence: JSON stays English" "$TMP/out" \
    "changed since it was recorded"

# --- usage errors, in the language asked for ---------------------------

run --lang zh-Hant --bogus
expect_rc 2 "zh-Hant: unknown option exit 2"
has "zh-Hant: unknown option message" "$TMP/err" "不明的選項「--bogus」"
run --lang klingon check "$demo"
expect_rc 2 "unknown language: exit 2"
has "unknown language named" "$TMP/err" "unknown language"
run --lang en,en check "$demo"
expect_rc 2 "a language twice: exit 2"
run --lang zh-Hant --help
expect_rc 0 "zh-Hant --help"
has "zh-Hant --help" "$TMP/out" "用法："
has "--help lists --lang" "$TMP/out" "--lang en|zh-Hant"

# --- template translations: coverage and fallback ----------------------

run templates --coverage
expect_rc 0 "bundled templates: coverage complete, exit 0"
for t in tr-007:2026 tr-008:2026 mdacs-listing:2026; do
	has "coverage of $t is 100%" "$TMP/out" "$t zh-Hant: "
done
check "no bundled string lacks a translation" \
    sh -c "! grep -q '^  ' '$TMP/out'"
check "every bundled template at 100%" \
    sh -c "test \$(grep -c '(100%)' '$TMP/out') -eq 3"

# A new English string with no translation: reported, and shown in English
# while the rest of the template stays Chinese.
mkdir "$TMP/tpl"
cp "$DOSSIER_TEMPLATE_PATH"/*.yaml "$TMP/tpl/"
"$PYTHON3" - "$TMP/tpl/tr007-2026.yaml" <<'PY' || exit 99
import sys
p = sys.argv[1]
s = open(p, encoding="utf-8").read()
old = "      - id: listed_version\n"
new = ("      - id: build_number\n"
       "        label: Build number of the listed version\n"
       "        type: text\n"
       "        required: true\n"
       "        help: The build the installer reports.\n")
assert old in s
open(p, "w", encoding="utf-8").write(s.replace(old, new + old, 1))
PY
run --template-dir "$TMP/tpl" --format json templates --coverage
expect_rc 1 "coverage --format json: exit 1"
check "coverage --format json is JSON" is_json "$TMP/out"
has "coverage json counts the missing" "$TMP/out" '"missing": 2'
run --template-dir "$TMP/tpl" templates --coverage
expect_rc 1 "a missing translation: coverage exit 1"
has "the missing label is named" "$TMP/out" \
    "  sections.versioning.fields.build_number.label: Build number"
has "the missing help is named" "$TMP/out" \
    "  sections.versioning.fields.build_number.help: The build"
has "coverage below 100%" "$TMP/out" "tr-007:2026 zh-Hant: 249 of 251"
run --template-dir "$TMP/tpl" --lang zh-Hant check "$demo"
has "untranslated label falls back to English" "$TMP/out" \
    "Build number of the listed version："
has "the rest stays Chinese" "$TMP/out" "軟件會支援至何時？"

# A foreign template without translations keeps working, in English.
run --template-dir "$TESTDATA/tpl" --lang zh-Hant check \
    "$TESTDATA/acme-partial.yaml"
expect_rc 1 "foreign template in zh-Hant: findings, exit 1"
has "foreign template: Chinese frame, English label" "$TMP/out" "：未作答"
run --template-dir "$TESTDATA/tpl" templates --coverage
expect_rc 1 "foreign template: coverage says what is missing"
has "foreign template: no translation file" "$TMP/out" "no translation file"

# A broken translation is refused with its place, like a broken template.
printf 'template: tr-007:2026\nlang: zh-Hant\nsections: [\n' \
    >"$TMP/tpl/tr007-2026.zh-Hant.yaml"
run --template-dir "$TMP/tpl" check "$demo"
expect_rc 2 "malformed translation: exit 2"
has "malformed translation: file named" "$TMP/err" "tr007-2026.zh-Hant.yaml:"
printf 'template: tr-008:2026\nlang: zh-Hant\n' \
    >"$TMP/tpl/tr007-2026.zh-Hant.yaml"
run --template-dir "$TMP/tpl" check "$demo"
expect_rc 2 "translation of another template: exit 2"
has "wrong template named" "$TMP/err" "not of tr-007:2026"
printf 'template: tr-007:2026\nlang: zh-Hant\ntitle: ""\n' \
    >"$TMP/tpl/tr007-2026.zh-Hant.yaml"
run --template-dir "$TMP/tpl" check "$demo"
expect_rc 2 "empty translation: exit 2"
has "empty translation: line and column" "$TMP/err" \
    "tr007-2026.zh-Hant.yaml:3:8:"

# --- the checklist in one language or two --------------------------------

if [ -n "$PYTHON3" ] && "$PYTHON3" -c 'import openpyxl' 2>/dev/null; then
	cp "$demo" "$TMP/demo.yaml"
	cp -R "$EXAMPLES/evidence" "$TMP/evidence"
	for l in en zh-Hant en,zh-Hant; do
		run --lang "$l" export "$TMP/demo.yaml" --date 2026-03-01 \
		    --xlsx "$TMP/$l.xlsx"
		expect_rc 0 "export --lang $l"
	done
	"$PYTHON3" - "$TMP" <<'PY' >"$TMP/xlsx.out" 2>&1
import sys, openpyxl
d = sys.argv[1]
def book(l):
    return openpyxl.load_workbook(f"{d}/{l}.xlsx")
en, zh, bi = book("en"), book("zh-Hant"), book("en,zh-Hant")
def head(wb, sheet="Checklist"):
    return [c.value for c in wb[sheet][1]]
def col(wb, name, sheet="Checklist"):
    h = head(wb, sheet)
    i = [k for k, v in enumerate(h) if v and v.split("\n")[0] == name]
    return i[0]
bad = []
def want(ok, what):
    if not ok: bad.append(what)
# Sheet names are the same: tools and dossier review find them by name.
want(en.sheetnames == zh.sheetnames == bi.sheetnames, "sheet names differ")
want(head(en)[0] == "Template", "en heading")
want(head(zh)[0] == "範本", "zh heading: %r" % head(zh)[0])
want(head(bi)[0] == "Template\n範本", "bilingual heading: %r" % head(bi)[0])
rows_en = list(en["Checklist"].iter_rows(values_only=True))
rows_zh = list(zh["Checklist"].iter_rows(values_only=True))
rows_bi = list(bi["Checklist"].iter_rows(values_only=True))
want(len(rows_en) == len(rows_zh) == len(rows_bi), "row counts differ")
ia, ip, ist = col(en, "Answer"), col(en, "Path"), col(en, "Status")
for a, b, c in zip(rows_en[1:], rows_zh[1:], rows_bi[1:]):
    # Answers and paths never change with the language.
    want(a[ia] == b[ia] == c[ia], "answer differs on %s" % a[ip])
    want(a[ip] == b[ip] == c[ip], "path differs on %s" % a[ip])
st = {r[ist] for r in rows_zh[1:]}
want("完成" in st, "zh status words: %r" % st)
want(any(r[ist] == "Complete\n完成" for r in rows_bi[1:]), "bi status")
ifd = col(en, "Finding")
want(any(r[ifd] and "未作答" in r[ifd] for r in rows_zh[1:]), "zh finding")
want(any(r[ifd] and "not answered" in r[ifd] and "未作答" in r[ifd]
         for r in rows_bi[1:]), "bilingual finding")
# The reviewer's prompt and the choice warning: in the workbook's words.
def dv_titles(wb):
    dv = wb["Checklist"].data_validations.dataValidation
    return {t for v in dv for t in (v.promptTitle, v.errorTitle) if t}
want("審查人員的決定" in dv_titles(zh), "zh prompt: %r" % dv_titles(zh))
want("Reviewer's decision\n審查人員的決定" in dv_titles(bi),
     "bilingual prompt: %r" % dv_titles(bi))
want("Reviewer's decision" in dv_titles(en), "en prompt: %r" % dv_titles(en))
# The summary sheet's own words too (export.c's N_ texts).
sm = [r for r in zh["Summary"].iter_rows(values_only=True)]
want(sm[0][0] == "技術檔案核對表：摘要", "zh summary title: %r" % sm[0][0])
want(any(r[0] == "製造商" for r in sm), "zh summary: manufacturer label")
smb = [r for r in bi["Summary"].iter_rows(values_only=True)]
want(any(r[0] == "Manufacturer\n製造商" for r in smb),
     "bilingual summary: manufacturer label")
# Document properties (what a file manager or a document server shows):
# one line each, in the workbook's languages.
pe, pz, pb = en.properties, zh.properties, bi.properties
want(pe.title.startswith("Checklist: "), "en title: %r" % pe.title)
want(pz.title.startswith("核對表：") and pz.title[4:] == pe.title[11:],
     "zh title: %r" % pz.title)
want(pb.title == pe.title + " / " + pz.title, "bilingual title: %r" % pb.title)
want(pz.category == "規管核對表", "zh category: %r" % pz.category)
want(pz.subject.startswith("技術文件核對表（"), "zh subject: %r" % pz.subject)
want("Exported by" not in (pz.description or ""), "zh comments: %r"
     % pz.description)
for p in (pe, pz, pb):
    for v in (p.title, p.subject, p.keywords, p.category, p.description):
        want(v and "\n" not in v, "a property on two lines: %r" % v)
print("\n".join(bad) if bad else "ok")
PY
	check "checklist languages (openpyxl)" grep -qx ok "$TMP/xlsx.out"
	grep -vx ok "$TMP/xlsx.out" | head -10
	# dossier review reads a bilingual or Chinese checklist back.
	run review "$TMP/demo.yaml" "$TMP/en,zh-Hant.xlsx"
	expect_rc 0 "review reads a bilingual checklist"
	run review "$TMP/demo.yaml" "$TMP/zh-Hant.xlsx"
	expect_rc 0 "review reads a Chinese checklist"
	run --lang zh-Hant review "$TMP/demo.yaml" "$TMP/zh-Hant.xlsx"
	expect_rc 0 "review in zh-Hant"
	has "review's summary in Chinese" "$TMP/out" "已記錄 0 項審查決定"
	hasnt "review's summary: no English" "$TMP/out" "verdicts recorded"
else
	fail "openpyxl missing: the checklist's languages cannot be read back"
fi

# --- every verb takes --lang; the option checks speak it --------------

for v in status templates explain diff merge review evidence verify; do
	run --lang en "$v"
	hasnt "$v takes --lang" "$TMP/err" "does not take --lang"
done
run --lang zh-Hant templates --strict
expect_rc 2 "templates --strict refused in Chinese"
has "zh-Hant: an option a verb does not take" "$TMP/err" \
    "dossier：templates 不接受 --strict"
run --lang zh-Hant stauts
expect_rc 2 "a misspelt verb in Chinese"
has "zh-Hant: did you mean" "$TMP/err" "你是否指「status」"
run --lang zh-Hant templates --format csv
expect_rc 2 "templates --format csv"
has "templates --format csv refused in Chinese" "$TMP/err" \
    "templates 只輸出文字或 json"
run --lang en check --coverage "$demo"
expect_rc 2 "check does not take --coverage"
has "--coverage refused by check" "$TMP/err" "check does not take --coverage"

# --- load errors: one line, FILE:LINE:COL kept, the message translated ---

mkdir "$TMP/badtpl"
cp "$DOSSIER_TEMPLATE_PATH"/*.yaml "$TMP/badtpl/"
sed '0,/type: text$/s//type: texte/' "$DOSSIER_TEMPLATE_PATH/tr007-2026.yaml" \
    >"$TMP/badtpl/tr007-2026.yaml"
run --template-dir "$TMP/badtpl" --lang zh-Hant check "$demo"
expect_rc 2 "broken template in zh-Hant: exit 2"
check "broken template: one line" test "$(lines "$TMP/err")" -eq 1
has "broken template: FILE:LINE:COL and the Chinese message" "$TMP/err" \
    "tr007-2026.yaml:125:15: error: 不明的欄位類型「texte」"
hasnt "broken template: no English left" "$TMP/err" "unknown field type"
LC_ALL= LANG=zh_HK.UTF-8 LANGUAGE= timeout 10 "$DOSSIER" --template-dir \
    "$TMP/badtpl" check "$demo" >"$TMP/out" 2>"$TMP/err"
check "broken template, LANG=zh_HK.UTF-8: exit 2" test $? -eq 2
has "broken template, LANG=zh_HK.UTF-8: Chinese" "$TMP/err" \
    "tr007-2026.yaml:125:15: error: 不明的欄位類型「texte」"
run --template-dir "$TMP/badtpl" check "$demo"
expect_rc 2 "broken template in English: exit 2"
has "broken template in English" "$TMP/err" \
    "tr007-2026.yaml:125:15: error: unknown field type 'texte'"

printf 'format: 1\ntemplates: tr-007:2026\n' >"$TMP/bad.yaml"
run --lang zh-Hant check "$TMP/bad.yaml"
expect_rc 2 "broken dossier in zh-Hant: exit 2"
check "broken dossier: one line" test "$(lines "$TMP/err")" -eq 1
has "broken dossier: FILE:LINE:COL and the Chinese message" "$TMP/err" \
    "bad.yaml:2:12: error: templates 必須是非空的 id:edition 列表"
LC_ALL= LANG=zh_HK.UTF-8 LANGUAGE= timeout 10 "$DOSSIER" check \
    "$TMP/bad.yaml" >"$TMP/out" 2>"$TMP/err"
check "broken dossier, LANG=zh_HK.UTF-8: exit 2" test $? -eq 2
has "broken dossier, LANG=zh_HK.UTF-8: Chinese" "$TMP/err" \
    "bad.yaml:2:12: error: templates 必須是非空的 id:edition 列表"
run check "$TMP/bad.yaml"
has "broken dossier in English" "$TMP/err" \
    "bad.yaml:2:12: error: templates must be a non-empty list of id:edition"
# A message whose words come from elsewhere (YAML's kinds) is Chinese
# throughout, and English in JSON.
printf 'format: 1\ntemplates: [tr-007:2026]\nanswers: [1]\n' >"$TMP/kind.yaml"
run --lang zh-Hant check "$TMP/kind.yaml"
expect_rc 2 "answers as a list: exit 2"
has "answers as a list: Chinese words" "$TMP/err" \
    "kind.yaml:3:10: error: answers 必須是映射，而不是列表"
run --lang zh-Hant --format json check "$TMP/kind.yaml"
has "answers as a list: JSON in English" "$TMP/out" \
    '"message": "answers must be a mapping, not a list"'
# The error's message in JSON is the English, whatever the language.
run --format json check "$TMP/bad.yaml"
expect_rc 2 "broken dossier json: exit 2"
cp "$TMP/out" "$TMP/bad.en.json"
has "broken dossier json: English message" "$TMP/bad.en.json" \
    '"message": "templates must be a non-empty list of id:edition"'
run --lang zh-Hant --format json check "$TMP/bad.yaml"
expect_rc 2 "broken dossier json in zh-Hant: exit 2"
check "broken dossier: JSON byte-identical across languages" \
    cmp -s "$TMP/bad.en.json" "$TMP/out"

# The evidence register's own errors, the same way.
printf 'format: 1\ntemplates: [tr-007:2026]\nevidence:\n  files:\n    a.md: 3\n' \
    >"$TMP/reg.yaml"
run --lang zh-Hant check "$TMP/reg.yaml"
expect_rc 2 "bad evidence register in zh-Hant: exit 2"
has "bad evidence register in Chinese" "$TMP/err" \
    "reg.yaml:5:11: error: 證明文件登記冊：每個項目必須是包含 size、modified 及 sha256 的映射"
run check "$TMP/reg.yaml"
has "bad evidence register in English" "$TMP/err" \
    "reg.yaml:5:11: error: evidence register: an entry must be a mapping"

# An output refused: the words of the caller ("the checklist") too.
run --lang zh-Hant export "$demo" --xlsx /dev/null
expect_rc 4 "export to /dev/null refused in zh-Hant"
has "export refused, in Chinese" "$TMP/err" \
    "/dev/null: error: 無法寫入核對表：它不是一般檔案"

# --- evidence and status JSON with changed evidence: language-free ------

# evidence lists files tab-separated (state, size, hash, date, path): for
# scripts, so the same in every language.
run evidence "$TMP/ev/complete.yaml"
expect_rc 1 "evidence listing with a changed file: exit 1"
check "evidence listing not empty" test -s "$TMP/out"
cp "$TMP/out" "$TMP/ev.en.txt"
run --lang zh-Hant evidence "$TMP/ev/complete.yaml"
expect_rc 1 "evidence listing in zh-Hant: exit 1"
check "evidence listing byte-identical across languages" \
    cmp -s "$TMP/ev.en.txt" "$TMP/out"
run --format json status "$TMP/ev/complete.yaml"
cp "$TMP/out" "$TMP/evs.en.json"
run --lang zh-Hant --format json status "$TMP/ev/complete.yaml"
check "status --format json (changed evidence) byte-identical" \
    cmp -s "$TMP/evs.en.json" "$TMP/out"

# --- explain in Chinese ------------------------------------------------

run --lang zh-Hant explain "$demo" tr-008.clc.rollback_description
expect_rc 0 "explain in zh-Hant"
has "explain: the Chinese label" "$TMP/out" "*回滾如何運作？如何測試？*"
has "explain: why, in Chinese" "$TMP/out" "不會問，因為 "
has "explain: the answer in Chinese" "$TMP/out" "（現時：否）"
has "explain: the marks" "$TMP/out" "  [是]  "
has "explain: the path kept" "$TMP/out" "[tr-008.clc.rollback_description]"
hasnt "explain: no English sentence" "$TMP/out" "Not asked"
hasnt "explain: no English heading" "$TMP/out" "when all of these hold"
# A condition reads as Chinese writes it: the value in 「」 after the
# operator, no space between (not "不為 否"), and a quoted answer too.
run --lang zh-Hant explain "$demo" tr-008.model.algorithm_version
has "explain: yes in quotes" "$TMP/out" "為「是」（現時：是）"
has "explain: no in quotes" "$TMP/out" "*軟件是否醫療器械？* 不為「否」"
hasnt "explain: a space before the value" "$TMP/out" "不為 「"
run --lang zh-Hant explain "$demo" tr-007.versioning.version_justification
has "explain: an answer in Chinese quotes" "$TMP/out" "已作答（現時：「2.4.1」）"
has "explain: an id right before its answer" "$TMP/out" \
    "（現時：listed_version「2.4.1」；validated_version「2.4.0」）"
run --lang en explain "$demo" tr-008.clc.rollback_description
has "explain in English" "$TMP/out" "Not asked, because "
run --lang zh-Hant explain "$demo" tr-008.nosuch.question
expect_rc 2 "explain: a bad path, exit 2"
has "explain: a bad path in Chinese" "$TMP/err" "範本都沒有章節「tr-008.nosuch」"

# --- a manifest's own words in Chinese -------------------------------------

# The manifest messages name what they read (the item key, a column name)
# in the display language, not as English words inside Chinese.
mf=$TMP/mf
mkdir -p "$mf"
cp -R "$EXAMPLES/evidence" "$mf/evidence"
sed 's/^        manifest_key: image_sha256$/        manifest_key: a,b,c,d,e,f,g,h,i/' \
    "$EXAMPLES/complete.yaml" >"$mf/c.yaml"
run --lang zh-Hant check "$mf/c.yaml"
has "manifest: the item key in Chinese" "$TMP/err" "項目鍵指明多於 8 欄"
hasnt "manifest: no English word" "$TMP/err" "item key"

# --- status --class in Chinese -----------------------------------------

class=$TMP/class
mkdir -p "$class/dana"
run --demo pump-firmware --into "$class/bob" --reset
expect_rc 0 "a copy for the class"
run --lang zh-Hant status --class "$class"
expect_rc 0 "status --class in zh-Hant"
has "class: Chinese headings" "$TMP/out" "學員"
has "class: no copy yet, in Chinese" "$TMP/out" "（尚未有工作副本）"
has "class: summary in Chinese" "$TMP/out" "2 名學員、1 份副本；已完成習題："
hasnt "class: no English summary" "$TMP/out" "students"
# The exercise most copies still have, in the scenario index's Chinese.
has "class: the exercise left, in Chinese" "$TMP/out" \
    "最常未完成：pump-firmware：寫出宿主器械"
# Wide headings still line up: "學員" is 4 columns, padded as "student" is.
"$PYTHON3" - "$TMP/out" <<'PY' >"$TMP/cols.out" 2>&1
import sys, unicodedata
def cols(s):
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)
rows = [l for l in open(sys.argv[1], encoding="utf-8").read().splitlines()
        if l.startswith(("學員", "bob"))]
head, bob = rows[0], rows[1]
h = cols(head[:head.index("練習")])
b = cols(bob[:bob.index("pump-firmware")])
print("ok" if h == b else "heading at %d, row at %d" % (h, b))
PY
check "class: columns line up under wide headings" grep -qx ok "$TMP/cols.out"
grep -vx ok "$TMP/cols.out" | head -3
run status --class "$class"
has "class in English" "$TMP/out" "2 students, 1 copy; exercises done:"

# --- "N more like this" in Chinese ----------------------------------------

mkdir "$TMP/same"
cat >"$TMP/same/pool-1.yaml" <<'YAML'
id: pool
edition: "1"
title: T
sections:
  - id: s
    title: S
    fields:
      - id: recs
        label: Records
        type: group
        fields:
          - id: name
            label: Name
            type: text
          - id: kind
            label: Kind
            type: text
            required: true
YAML
{
	printf 'format: 1\ntemplates: [pool:1]\nanswers:\n  pool:\n    s:\n'
	printf '      recs:\n'
	i=0
	while [ $i -lt 103 ]; do
		printf '        - name: r%d\n' $i
		i=$((i + 1))
	done
} >"$TMP/same.yaml"
run --template-dir "$TMP/same" --lang zh-Hant check "$TMP/same.yaml"
expect_rc 1 "same finding in zh-Hant: exit 1"
has "more like this, in Chinese" "$TMP/out" \
    ": 其他紀錄中還有 3 項與「Kind：未作答」相同的檢查結果"
has "more like this: the path kept" "$TMP/out" "[pool.s.recs[*].kind]"
run --template-dir "$TMP/same" check "$TMP/same.yaml"
has "more like this, in English" "$TMP/out" \
    ': 3 more like "Kind: not answered" in other records'

# --- diff in Chinese: labels, clauses, statuses; JSON unchanged ---------

sed 's/^\( *listed_version:\).*/\1 ""/' "$demo" >"$TMP/demo2.yaml"
run --lang zh-Hant diff "$demo" "$TMP/demo2.yaml"
expect_rc 1 "diff in zh-Hant: exit 1"
has "diff: the Chinese label" "$TMP/out" ": 將表列的版本: '2.4.1' → （無） ["
has "diff: the Chinese status" "$TMP/out" ": 將表列的版本: 完成 → 欠缺 ["
has "diff: the Chinese clause" "$TMP/out" "（主題；未知條文編號）"
has "diff: the Chinese summary" "$TMP/out" "summary: 1 項答案或紀錄變更"
hasnt "diff: no English label" "$TMP/out" "Version to be listed"
run --format json diff "$demo" "$TMP/demo2.yaml"
cp "$TMP/out" "$TMP/diff.en.json"
run --lang zh-Hant --format json diff "$demo" "$TMP/demo2.yaml"
check "diff --format json byte-identical across languages" \
    cmp -s "$TMP/diff.en.json" "$TMP/out"

# --- review notes and merge conflicts: Chinese in text, English in JSON ---

{
	cat "$demo"
	printf 'conflicts:\n  - path: tr-007.versioning.listed_version\n'
	printf '    ours: "2.4.1"\n    theirs: [a, b]\n'
	printf 'reviews:\n  tr-007.nosuch.question:\n    status: Accepted\n'
} >"$TMP/conf.yaml"
run --lang zh-Hant check "$TMP/conf.yaml"
expect_rc 1 "conflict in zh-Hant: exit 1"
has "conflict in Chinese" "$TMP/out" \
    "合併衝突：雙方都改了這個答案（我方 '2.4.1'，對方 2 項的列表）"
has "stray review in Chinese" "$TMP/out" \
    "「tr-007.nosuch.question」的審查紀錄不是這份技術檔案的問題"
run check "$TMP/conf.yaml"
has "conflict in English" "$TMP/out" \
    "merge conflict: both sides changed this answer (ours '2.4.1', theirs a list of 2)"
run --format json check "$TMP/conf.yaml"
cp "$TMP/out" "$TMP/conf.en.json"
run --lang zh-Hant --format json check "$TMP/conf.yaml"
check "conflicts: check --format json byte-identical across languages" \
    cmp -s "$TMP/conf.en.json" "$TMP/out"

# A side file refused (a symbolic link where the lock goes): its name in
# the words of the display language.
run --demo pump-firmware --into "$TMP/lk" --reset
expect_rc 0 "a working copy for the lock test"
ln -s /etc/passwd "$TMP/lk/.pump-firmware.yaml.dossier-lock"
run --lang zh-Hant --demo pump-firmware --into "$TMP/lk" --reset
expect_rc 2 "a linked lock file refused in zh-Hant"
has "linked lock file, in Chinese" "$TMP/err" \
    ".pump-firmware.yaml.dossier-lock: error: 鎖定檔案 是符號連結"
run --demo pump-firmware --into "$TMP/lk" --reset
has "linked lock file, in English" "$TMP/err" \
    ".dossier-lock: error: the lock file is a symbolic link"

# --- the workshop scenarios listed in Chinese ---------------------------

run --lang zh-Hant --demo --list
expect_rc 0 "--demo --list in zh-Hant"
has "--demo --list: counts in Chinese" "$TMP/out" "項檢查結果"
hasnt "--demo --list: no English count" "$TMP/out" " findings "
has "--demo --list: titles in Chinese" "$TMP/out" "輸液泵韌體"
hasnt "--demo --list: no English title" "$TMP/out" "Infusion pump"

# --- the note about comments --------------------------------------------

{ printf '# a remark\n'; cat "$demo"; } >"$TMP/commented.yaml"
run --lang zh-Hant check "$TMP/commented.yaml"
has "comments note: frame kept, sentence in Chinese" "$TMP/err" \
    "commented.yaml:1: note: 這個檔案有註解（第一個在第 1 行）"
run check "$TMP/commented.yaml"
has "comments note in English" "$TMP/err" \
    "commented.yaml:1: note: this file has comments (the first on line 1)"

# --- zh-5: clause citations written as words ------------------------------
# A clause written as words ("TR-008, datasets") is translated by the
# clauses: mapping of the template's translation file; a bare number
# ("TR-007 5.5.4.1") and document ids stay as they are.

run --lang zh-Hant check "$demo"
expect_rc 1 "zh-Hant check (clauses)"
has "zh-Hant: a word-clause in Chinese" "$TMP/out" \
    "error: TR-008，數據集"
has "zh-Hant: a peer-practice clause in Chinese" "$TMP/out" \
    "warning: 同業做法，威脅建模"
has "zh-Hant: a numbered clause as it is" "$TMP/out" "TR-007 5.5.4.1"
hasnt "zh-Hant: no English word-clause" "$TMP/out" "TR-008, datasets"
run --lang en check "$demo"
has "en: the word-clause stays English" "$TMP/out" "error: TR-008, datasets"
hasnt "en: no Chinese clause" "$TMP/out" "TR-008，數據集"

if [ -f "$TMP/zh-Hant.xlsx" ]; then
	"$PYTHON3" - "$TMP" <<'PY' >"$TMP/xlsx-clause.out" 2>&1
import sys, openpyxl
d = sys.argv[1]
def cells(l, sheet="Checklist"):
    wb = openpyxl.load_workbook(f"{d}/{l}.xlsx")
    return {c for r in wb[sheet].iter_rows(values_only=True)
            for c in r if isinstance(c, str)}
bad = []
# The clause column of the checklist, and of the Findings and Sections
# sheets, which cite the same clauses.
for sheet in ("Checklist", "Findings", "Sections"):
    zh, bi = cells("zh-Hant", sheet), cells("en,zh-Hant", sheet)
    if not any(c.startswith("TR-008，數據集") for c in zh):
        bad.append("zh %s: no TR-008，數據集" % sheet)
    if any("TR-008, datasets" in c for c in zh):
        bad.append("zh %s: English word-clause" % sheet)
    if not any(c.startswith("TR-008, datasets") and
               "\nTR-008，數據集" in c for c in bi):
        bad.append("bilingual %s: no English + Chinese clause" % sheet)
print("\n".join(bad) if bad else "ok")
PY
	check "checklist clauses in Chinese (openpyxl)" \
	    grep -qx ok "$TMP/xlsx-clause.out"
	grep -vx ok "$TMP/xlsx-clause.out" | head -5
fi

# A copy whose tr-008 translation lacks one clause: coverage below 100%,
# the clause named, and shown in English while the others stay Chinese.
mkdir "$TMP/tplc"
cp "$DOSSIER_TEMPLATE_PATH"/*.yaml "$TMP/tplc/"
trc=$TMP/tplc/tr008-2026.zh-Hant.yaml
check "the rollback clause has Chinese" grep -q '^  "TR-008, rollback": ' "$trc"
grep -v '^  "TR-008, rollback": ' "$trc" >"$TMP/trc" && mv "$TMP/trc" "$trc"
run --template-dir "$TMP/tplc" templates --coverage
expect_rc 1 "a clause without Chinese: coverage exit 1"
has "the missing clause is named" "$TMP/out" \
    "  clauses.TR-008, rollback: TR-008, rollback"
hasnt "tr-008 no longer at 100%" "$TMP/out" "tr-008:2026 zh-Hant: 253 of 253"
check "only tr-008 is below 100%" \
    sh -c "test \$(grep -c '(100%)' '$TMP/out') -eq 2"
run --template-dir "$TMP/tplc" --lang zh-Hant check "$demo"
has "a clause without Chinese falls back to English" "$TMP/out" \
    "error: TR-008, rollback"
has "the other clauses stay Chinese" "$TMP/out" "error: TR-008，數據集"

# A clause key that no section, field or rule cites is refused, with its
# place, like any broken template file.
printf '  "TR-008, rollbacks": 回滾\n' >"$TMP/trk"
sed '/^clauses:$/r '"$TMP/trk" "$trc" >"$TMP/trc" && mv "$TMP/trc" "$trc"
kl=$(grep -n '^  "TR-008, rollbacks": ' "$trc" | cut -d: -f1)
run --template-dir "$TMP/tplc" check "$demo"
expect_rc 2 "an unknown clause key: exit 2"
has "an unknown clause key: file:line:col" "$TMP/err" \
    "tr008-2026.zh-Hant.yaml:$kl:3:"
has "an unknown clause key: which one" "$TMP/err" \
    "cites the clause 'TR-008, rollbacks'"
run --template-dir "$TMP/tplc" --lang zh-Hant check "$demo"
expect_rc 2 "an unknown clause key in zh-Hant: exit 2"
has "an unknown clause key in zh-Hant: place kept, sentence in Chinese" \
    "$TMP/err" "tr008-2026.zh-Hant.yaml:$kl:3: error: tr-008 沒有任何章節"

no_sanitizer "lang"
finish
