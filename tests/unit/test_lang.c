/*
 * The display language: --lang values, the locale's choice in gettext's
 * order, and the translation accessors' string-by-string fallback.
 */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/diag.h"
#include "core/dossier.h"
#include "core/lang.h"
#include "core/template.h"

static void
clear_env(void)
{
	unsetenv("LANGUAGE");
	unsetenv("LC_ALL");
	unsetenv("LC_MESSAGES");
	unsetenv("LANG");
}

/*
 * The tests that read the catalogues: skipped without NLS or outside make
 * check (DOSSIER_LOCALEDIR), else a clean environment in language l.
 */
static void
with_catalogues(enum lang l)
{
#ifndef ENABLE_NLS
	skip();		/* no catalogues: English only */
#endif
	if (getenv("DOSSIER_LOCALEDIR") == NULL)
		skip();
	clear_env();
	setlocale(LC_ALL, "C.UTF-8");
	lang_init(l);
}

static void
test_lang_parse_accepts_one_or_two_languages(void **state)
{
	enum lang l[LANG_MAX];

	(void)state;
	assert_int_equal(lang_parse("en", l), 1);
	assert_int_equal(l[0], LANG_EN);
	assert_int_equal(lang_parse("zh-Hant", l), 1);
	assert_int_equal(l[0], LANG_ZH_HANT);
	assert_int_equal(lang_parse("zh-hant", l), 1);
	assert_int_equal(lang_parse("en,zh-Hant", l), 2);
	assert_int_equal(l[0], LANG_EN);
	assert_int_equal(l[1], LANG_ZH_HANT);
	assert_int_equal(lang_parse("zh-Hant,en", l), 2);
	assert_int_equal(l[0], LANG_ZH_HANT);
	assert_int_equal(lang_display(l, 2), LANG_ZH_HANT);
	assert_int_equal(lang_display(l, 1), LANG_ZH_HANT);
}

static void
test_lang_parse_refuses_the_rest(void **state)
{
	enum lang l[LANG_MAX];

	(void)state;
	assert_int_equal(lang_parse("", l), 0);
	assert_int_equal(lang_parse("zh", l), 0);
	assert_int_equal(lang_parse("zh-Hans", l), 0);
	assert_int_equal(lang_parse("en,", l), 0);
	assert_int_equal(lang_parse(",en", l), 0);
	assert_int_equal(lang_parse("en,en", l), 0);
	assert_int_equal(lang_parse("en,zh-Hant,en", l), 0);
	assert_int_equal(lang_parse("enx", l), 0);
	assert_int_equal(lang_parse(NULL, l), 0);
}

static void
test_lang_from_env_follows_gettext_order(void **state)
{
	(void)state;
	clear_env();
	assert_int_equal(lang_from_env(), LANG_EN);
	setenv("LANG", "zh_HK.UTF-8", 1);
	assert_int_equal(lang_from_env(), LANG_ZH_HANT);
	setenv("LANG", "zh_TW", 1);
	assert_int_equal(lang_from_env(), LANG_ZH_HANT);
	setenv("LANG", "zh_CN.UTF-8", 1);
	assert_int_equal(lang_from_env(), LANG_EN);
	setenv("LANG", "zh_HKX", 1);	/* not a prefix match */
	assert_int_equal(lang_from_env(), LANG_EN);
	setenv("LC_MESSAGES", "zh_MO.UTF-8", 1);
	assert_int_equal(lang_from_env(), LANG_ZH_HANT);
	setenv("LC_ALL", "en_GB.UTF-8", 1);
	assert_int_equal(lang_from_env(), LANG_EN);
	setenv("LANGUAGE", "zh_TW:en", 1);
	assert_int_equal(lang_from_env(), LANG_ZH_HANT);
	/* gettext ignores LANGUAGE under the C locale; so do we. */
	setenv("LC_ALL", "C", 1);
	assert_int_equal(lang_from_env(), LANG_EN);
	setenv("LC_ALL", "POSIX", 1);
	assert_int_equal(lang_from_env(), LANG_EN);
	/* Empty variables count as unset. */
	setenv("LC_ALL", "", 1);
	setenv("LC_MESSAGES", "", 1);
	setenv("LANGUAGE", "", 1);
	setenv("LANG", "zh_Hant_HK.UTF-8", 1);
	assert_int_equal(lang_from_env(), LANG_ZH_HANT);
	clear_env();
}

/*
 * The choice is written into LANGUAGE for gettext, but English under an
 * English locale gives the user's own LANGUAGE back, so that $EDITOR and
 * other children see what the user set.
 */
static void
test_lang_set_restores_the_users_language(void **state)
{
	(void)state;
#ifndef ENABLE_NLS
	skip();		/* LANGUAGE is gettext's: untouched without it */
#endif
	clear_env();
	setenv("LANG", "fr_FR.UTF-8", 1);
	setenv("LANGUAGE", "fr:de", 1);
	lang_set(LANG_ZH_HANT);
	assert_int_equal(lang_current(), LANG_ZH_HANT);
	assert_string_equal(getenv("LANGUAGE"), "zh_HK:zh_TW");
	lang_set(LANG_EN);
	assert_int_equal(lang_current(), LANG_EN);
	assert_string_equal(getenv("LANGUAGE"), "fr:de");
	clear_env();
}

static void
test_translation_falls_back_string_by_string(void **state)
{
	struct tmpl_field f;
	char yes[] = "yes please", no[] = "no thanks", no_zh[] = "不用了";
	char label[] = "Label", help[] = "Help", label_zh[] = "標籤";
	char *opts[] = { yes, no };
	char *otr[] = { NULL, no_zh };

	(void)state;
	memset(&f, 0, sizeof f);
	f.label = label;
	f.help = help;
	f.options.v = opts;
	f.options.n = 2;
	f.tr[LANG_ZH_HANT][TMPL_TR_LABEL] = label_zh;
	f.option_tr[LANG_ZH_HANT] = otr;
	assert_string_equal(tmpl_field_text(&f, TMPL_TR_LABEL, LANG_ZH_HANT),
	    "標籤");
	assert_string_equal(tmpl_field_text(&f, TMPL_TR_LABEL, LANG_EN),
	    "Label");
	/* No help translation: the English, not an empty string. */
	assert_string_equal(tmpl_field_text(&f, TMPL_TR_HELP, LANG_ZH_HANT),
	    "Help");
	assert_null(tmpl_field_text(&f, TMPL_TR_EXAMPLE, LANG_ZH_HANT));
	assert_string_equal(tmpl_option_text(&f, 0, LANG_ZH_HANT),
	    "yes please");
	assert_string_equal(tmpl_option_text(&f, 1, LANG_ZH_HANT), "不用了");
	assert_string_equal(tmpl_option_text(&f, 1, LANG_EN), "no thanks");
	assert_string_equal(tmpl_option_text(&f, 2, LANG_ZH_HANT), "");
}

/*
 * A yes/no or choice question's example is one of its values: shown as
 * the value is shown (是, an option's Chinese), never "例子：yes".
 */
static void
test_value_examples_show_as_values(void **state)
{
	struct tmpl_field f;
	char yes[] = "yes", opt_a[] = "SaMD", opt_b[] = "SiMD";
	char b_zh[] = "醫療器械中的軟件", prose[] = "a phone app";
	char *opts[] = { opt_a, opt_b }, *otr[] = { NULL, b_zh };

	(void)state;
	with_catalogues(LANG_EN);
	memset(&f, 0, sizeof f);
	f.type = TMPL_YESNO;
	f.example = yes;
	assert_string_equal(tmpl_field_text(&f, TMPL_TR_EXAMPLE,
	    LANG_ZH_HANT), "是");
	assert_string_equal(tmpl_field_text(&f, TMPL_TR_EXAMPLE, LANG_EN),
	    "yes");
	f.type = TMPL_CHOICE;
	f.options.v = opts;
	f.options.n = 2;
	f.option_tr[LANG_ZH_HANT] = otr;
	f.example = opt_b;
	assert_string_equal(tmpl_field_text(&f, TMPL_TR_EXAMPLE,
	    LANG_ZH_HANT), "醫療器械中的軟件");
	/* An option without Chinese, and prose, stay as written. */
	f.example = opt_a;
	assert_string_equal(tmpl_field_text(&f, TMPL_TR_EXAMPLE,
	    LANG_ZH_HANT), "SaMD");
	f.type = TMPL_TEXT;
	f.example = prose;
	assert_string_equal(tmpl_field_text(&f, TMPL_TR_EXAMPLE,
	    LANG_ZH_HANT), "a phone app");
	clear_env();
}

static void
test_translation_file_names(void **state)
{
	(void)state;
	assert_true(tmpl_is_translation_name("tr007-2026.zh-Hant.yaml"));
	assert_true(tmpl_is_translation_name("x.zh-Hant.yml"));
	assert_false(tmpl_is_translation_name("tr007-2026.yaml"));
	assert_false(tmpl_is_translation_name("zh-Hant.yaml"));
	assert_false(tmpl_is_translation_name("my.zh-Hanty.yaml"));
	assert_false(tmpl_is_translation_name("noext"));
}

/*
 * A load error in the display language for people, and in English for
 * machine-readable output (check --format json), from one diag_set.
 */
static void
test_diag_keeps_the_english_beside_the_translation(void **state)
{
	struct diag d;

	(void)state;
	with_catalogues(LANG_ZH_HANT);
	diag_set(&d, DIAG_SCHEMA, "d.yaml", 2, 12,
	    "templates must be a non-empty list of id:edition");
	assert_string_equal(d.msg, "templates 必須是非空的 id:edition 列表");
	assert_string_equal(d.msg_en,
	    "templates must be a non-empty list of id:edition");
	assert_int_equal(d.line, 2);
	assert_int_equal(d.col, 12);
	/* Arguments go into both; the order may differ in the Chinese. */
	diag_set(&d, DIAG_TEMPLATE, "t.yaml", 1, 1,
	    "unknown key '%s' in %s (known: %s)", "x", "y", "z");
	assert_string_equal(d.msg, "y中有不明的鍵「x」（已知：z）");
	assert_string_equal(d.msg_en, "unknown key 'x' in y (known: z)");
	/* Words in the arguments: translated for people, English in JSON. */
	diag_set(&d, DIAG_SCHEMA, "d.yaml", 3, 10, "%s must be %s, not %s",
	    "answers", "a mapping", "a list");
	diag_retext(&d, "%s must be %s, not %s", diag_word("answers"),
	    diag_word("a mapping"), diag_word("a list"));
	assert_string_equal(d.msg, "answers 必須是映射，而不是列表");
	assert_string_equal(d.msg_en, "answers must be a mapping, not a list");
	assert_int_equal(d.line, 3);
	diag_set_text(&d, DIAG_TEMPLATE, "t.yaml", 3, 8,
	    "a translation must be a non-empty string");
	assert_string_equal(d.msg, "翻譯必須是非空的字串");
	assert_string_equal(d.msg_en,
	    "a translation must be a non-empty string");
	lang_set(LANG_EN);
	diag_set(&d, DIAG_SCHEMA, "d.yaml", 2, 12,
	    "templates must be a non-empty list of id:edition");
	assert_string_equal(d.msg, d.msg_en);
	clear_env();
}

/* The note about comments: the macro's words, and the Chinese of them. */
static void
test_comments_note_matches_the_macro(void **state)
{
	char want[512];
	char *got;

	(void)state;
	with_catalogues(LANG_EN);
	snprintf(want, sizeof want, DOSSIER_COMMENTS_NOTE, 3);
	got = dossier_comments_note(3);
	assert_string_equal(got, want);
	free(got);
	lang_set(LANG_ZH_HANT);
	got = dossier_comments_note(3);
	assert_non_null(strstr(got, "有註解（第一個在第 3 行）"));
	free(got);
	lang_set(LANG_EN);
	clear_env();
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_lang_parse_accepts_one_or_two_languages),
		cmocka_unit_test(test_lang_parse_refuses_the_rest),
		cmocka_unit_test(test_lang_from_env_follows_gettext_order),
		cmocka_unit_test(test_lang_set_restores_the_users_language),
		cmocka_unit_test(test_translation_falls_back_string_by_string),
		cmocka_unit_test(test_value_examples_show_as_values),
		cmocka_unit_test(test_translation_file_names),
		cmocka_unit_test(
		    test_diag_keeps_the_english_beside_the_translation),
		cmocka_unit_test(test_comments_note_matches_the_macro),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
