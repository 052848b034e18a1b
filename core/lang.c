/*
 * The display language.  gettext chooses its catalogue from LANGUAGE and
 * the locale; core chooses a template's translation from lang_current().
 * lang_init() makes the two agree by deciding once and writing the
 * decision into LANGUAGE, so a later gettext call cannot disagree with
 * the template text printed beside it.
 */
#include "config.h"

#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "core/lang.h"

static enum lang current = LANG_EN;

/*
 * The environment as the user gave it: the language it chooses and its
 * LANGUAGE, so that choosing that language again puts LANGUAGE back
 * (child processes such as $EDITOR then see the user's own setting).
 */
#ifdef ENABLE_NLS
static int env_saved;
static enum lang env_lang;
static char *env_language;
#endif

/*
 * gettext's list for each language.  zh_HK is our catalogue; zh_TW comes
 * after it so that a zh_TW catalogue (the fallback the issue asks for,
 * and what other packages ship) is used for anything zh_HK lacks.
 * "en" names no catalogue, so gettext returns the English msgid.
 */
static const char *const language_list[LANG_COUNT] = {
	"en", "zh_HK:zh_TW"
};

static const char *const tags[LANG_COUNT] = { "en", "zh-Hant" };

const char *
lang_tag(enum lang l)
{
	return (unsigned)l < LANG_COUNT ? tags[l] : tags[LANG_EN];
}

static int
tag_lang(const char *s, size_t n, enum lang *out)
{
	size_t i;

	for (i = 0; i < LANG_COUNT; i++)
		if (strlen(tags[i]) == n && strncasecmp(s, tags[i], n) == 0) {
			*out = (enum lang)i;
			return 1;
		}
	return 0;
}

size_t
lang_parse(const char *spec, enum lang *out)
{
	size_t n = 0, len, i;
	const char *comma;
	enum lang l;

	if (spec == NULL)
		return 0;
	for (;;) {
		comma = strchr(spec, ',');
		len = comma != NULL ? (size_t)(comma - spec) : strlen(spec);
		if (n == LANG_MAX || !tag_lang(spec, len, &l))
			return 0;
		for (i = 0; i < n; i++)
			if (out[i] == l)
				return 0;
		out[n++] = l;
		if (comma == NULL)
			return n;
		spec = comma + 1;
	}
}

/* A locale or LANGUAGE entry such as zh_HK.UTF-8, zh_TW, zh-Hant, zh_Hant_HK. */
static int
is_traditional_chinese(const char *name)
{
	static const char *const prefixes[] = {
		"zh_HK", "zh_TW", "zh_MO", "zh_Hant", "zh-Hant", "zh-HK",
		"zh-TW", "zh-MO"
	};
	size_t i, n;

	for (i = 0; i < sizeof prefixes / sizeof prefixes[0]; i++) {
		n = strlen(prefixes[i]);
		if (strncasecmp(name, prefixes[i], n) == 0 &&
		    strchr("._@-:", name[n]) != NULL)
			return 1;
	}
	return 0;
}

static const char *
nonempty_env(const char *name)
{
	const char *v = getenv(name);

	return v != NULL && *v != '\0' ? v : NULL;
}

enum lang
lang_from_env(void)
{
	const char *v, *loc;

	/*
	 * The locale in force decides, as gettext does: LC_ALL, then
	 * LC_MESSAGES, then LANG.  LANGUAGE, a list, comes first, but
	 * gettext ignores it under the C locale, and so do we.
	 */
	loc = nonempty_env("LC_ALL");
	if (loc == NULL)
		loc = nonempty_env("LC_MESSAGES");
	if (loc == NULL)
		loc = nonempty_env("LANG");
	v = nonempty_env("LANGUAGE");
	if (v != NULL && loc != NULL && strcmp(loc, "C") != 0 &&
	    strcmp(loc, "POSIX") != 0)
		return is_traditional_chinese(v) ? LANG_ZH_HANT : LANG_EN;
	return loc != NULL && is_traditional_chinese(loc) ? LANG_ZH_HANT :
	    LANG_EN;
}

#ifdef ENABLE_NLS
/* glibc's counter of catalogue changes; bumping it drops cached lookups. */
extern int _nl_msg_cat_cntr;

static void
select_catalogue(enum lang l)
{
	const char *msg;

	if (!env_saved) {
		const char *v = getenv("LANGUAGE");

		env_saved = 1;
		env_lang = lang_from_env();
		env_language = v != NULL ? strdup(v) : NULL;
	}
	/*
	 * English under a locale that asks for English: leave LANGUAGE as it
	 * was (gettext finds no catalogue and says the English msgid).
	 * Otherwise write the decision into LANGUAGE.
	 */
	if (l == LANG_EN && env_lang == LANG_EN) {
		if (env_language != NULL)
			setenv("LANGUAGE", env_language, 1);
		else
			unsetenv("LANGUAGE");
	} else {
		setenv("LANGUAGE", language_list[l], 1);
	}
	/*
	 * gettext ignores LANGUAGE under the C locale.  --lang zh-Hant must
	 * work there too (scripts, CI): C.UTF-8 reads the same but is not
	 * "C".  The catalogue is bound as UTF-8 whatever LC_CTYPE says.
	 */
	msg = setlocale(LC_MESSAGES, NULL);
	if (l != LANG_EN && msg != NULL &&
	    (strcmp(msg, "C") == 0 || strcmp(msg, "POSIX") == 0))
		setlocale(LC_MESSAGES, "C.UTF-8");
	++_nl_msg_cat_cntr;
}
#endif

void
lang_init(enum lang l)
{
#ifdef ENABLE_NLS
	const char *dir = nonempty_env("DOSSIER_LOCALEDIR");

	/* DOSSIER_LOCALEDIR: the tests' catalogues, before installation. */
	bindtextdomain(PACKAGE, dir != NULL ? dir : LOCALEDIR);
	bind_textdomain_codeset(PACKAGE, "UTF-8");
	textdomain(PACKAGE);
#endif
	lang_set(l);
}

void
lang_set(enum lang l)
{
	if ((unsigned)l >= LANG_COUNT)
		l = LANG_EN;
	current = l;
#ifdef ENABLE_NLS
	select_catalogue(l);
#else
	(void)language_list;
#endif
}

enum lang
lang_current(void)
{
	return current;
}

const char *
lang_pgettext(const char *key, const char *msgid)
{
#ifdef ENABLE_NLS
	const char *s = gettext(key);

	/* gettext gives its argument back when there is no translation. */
	return s == key ? msgid : s;
#else
	(void)key;
	return msgid;
#endif
}

const char *
lang_gettext(enum lang l, const char *msgid)
{
#ifdef ENABLE_NLS
	enum lang was = current;
	const char *s;

	if (l == was)
		return gettext(msgid);
	select_catalogue(l);
	s = gettext(msgid);
	select_catalogue(was);
	return s;
#else
	(void)l;
	return msgid;
#endif
}

enum lang
lang_display(const enum lang *langs, size_t n)
{
	size_t i;

	/*
	 * Two languages are for the bilingual checklist: English is there
	 * already as the source, so the other one is the one to show.
	 */
	for (i = 0; i < n; i++)
		if (langs[i] != LANG_EN)
			return langs[i];
	return n > 0 ? langs[0] : LANG_EN;
}
