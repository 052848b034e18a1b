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
print("\n".join(bad) if bad else "ok")
PY
	check "checklist languages (openpyxl)" grep -qx ok "$TMP/xlsx.out"
	grep -vx ok "$TMP/xlsx.out" | head -10
	# dossier review reads a bilingual or Chinese checklist back.
	run review "$TMP/demo.yaml" "$TMP/en,zh-Hant.xlsx"
	expect_rc 0 "review reads a bilingual checklist"
	run review "$TMP/demo.yaml" "$TMP/zh-Hant.xlsx"
	expect_rc 0 "review reads a Chinese checklist"
else
	echo "openpyxl missing: checklist checks skipped"
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
run --lang en templates --format json
expect_rc 2 "templates --format json without --coverage"
run --lang en check --coverage "$demo"
expect_rc 2 "check does not take --coverage"
has "--coverage refused by check" "$TMP/err" "check does not take --coverage"

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
def cells(l):
    wb = openpyxl.load_workbook(f"{d}/{l}.xlsx")
    return {c for r in wb["Checklist"].iter_rows(values_only=True)
            for c in r if isinstance(c, str)}
zh, bi = cells("zh-Hant"), cells("en,zh-Hant")
bad = []
if not any(c.startswith("TR-008，數據集") for c in zh):
    bad.append("zh checklist: no TR-008，數據集")
if any("TR-008, datasets" in c for c in zh):
    bad.append("zh checklist: English word-clause")
if not any(c.startswith("TR-008, datasets") and "\nTR-008，數據集" in c
           for c in bi):
    bad.append("bilingual checklist: no English + Chinese clause")
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

no_sanitizer "lang"
finish
