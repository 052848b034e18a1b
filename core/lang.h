/*
 * The display language: which catalogue gettext reads for the program's
 * own messages, and which translation of a template core shows.
 *
 * Only what a person reads depends on it.  Stored answers, ids, paths,
 * JSON, CSV and exit statuses never do (see share/doc/templates.md).
 */
#ifndef DOSSIER_LANG_H
#define DOSSIER_LANG_H

#include <stddef.h>

#ifdef ENABLE_NLS
#include <libintl.h>
#define _(s) gettext(s)
#else
#define _(s) ((const char *)(s))
#define ngettext(s, p, n) ((n) == 1 ? (s) : (p))
#endif
/* Marks a string for xgettext where it cannot be translated yet (tables). */
#define N_(s) s
/*
 * msgid in a context (gettext's pgettext): the same English that another
 * language writes two ways, such as the quotes that open and close a value.
 */
#define C_(ctx, s) lang_pgettext(ctx "\004" s, s)

enum lang {
	LANG_EN,
	LANG_ZH_HANT,
	LANG_COUNT
};

/* At most this many languages side by side (the XLSX's --lang en,zh-Hant). */
#define LANG_MAX 2

/* "en", "zh-Hant": the tags of --lang, of templates.md and of file names. */
const char *lang_tag(enum lang l);

/*
 * Reads "en", "zh-Hant" or a comma-separated list of them (no repeats,
 * at most LANG_MAX).  Returns the count, or 0 when spec is not one.
 */
size_t lang_parse(const char *spec, enum lang *out);

/*
 * The language the locale asks for, in gettext's order of precedence:
 * LANGUAGE (unless the locale is C), LC_ALL, LC_MESSAGES, LANG.  Any
 * Traditional Chinese locale (zh_HK, zh_TW, zh_MO, zh_Hant) gives
 * LANG_ZH_HANT; everything else English, the source language.
 */
enum lang lang_from_env(void);

/*
 * Binds the message catalogue (call after setlocale) and selects l, so
 * that gettext and the templates agree on one language.
 */
void lang_init(enum lang l);

/* Switches language while running (the wizard's key); catalogues reload. */
void lang_set(enum lang l);

enum lang lang_current(void);

/*
 * The language to show of a --lang list: its one language, or of a pair
 * the one that is not English (the source, which a bilingual checklist
 * has beside it anyway).
 */
enum lang lang_display(const enum lang *langs, size_t n);

/* The translation of key ("context\004msgid"), or msgid; see C_. */
const char *lang_pgettext(const char *key, const char *msgid)
    __attribute__((format_arg(2)));

/* msgid in language l without changing the current one (the XLSX's pairs). */
const char *lang_gettext(enum lang l, const char *msgid)
    __attribute__((format_arg(2)));

#endif
