/*
 * Errors as values.  A core function that can fail returns -1 or NULL and,
 * when the caller passed a struct diag, fills it with a code, the file, a
 * one-based line and column (0 when unknown) and a message.  Core never
 * prints; the front end formats a diag with diag_format() and decides where
 * it goes.  Validation findings are not errors: they live in validate.h.
 */
#ifndef DOSSIER_DIAG_H
#define DOSSIER_DIAG_H

#include <stdarg.h>
#include <stddef.h>

/* X-macro: code, default text.  The enum and the text table cannot drift. */
#define DIAG_CODES \
	X(DIAG_OK,       "no error") \
	X(DIAG_USAGE,    "usage error") \
	X(DIAG_IO,       "input/output error") \
	X(DIAG_SYNTAX,   "invalid YAML") \
	X(DIAG_LIMIT,    "limit exceeded") \
	X(DIAG_SCHEMA,   "unexpected content") \
	X(DIAG_TEMPLATE, "template error") \
	X(DIAG_COND,     "invalid condition") \
	X(DIAG_PATTERN,  "invalid pattern") \
	X(DIAG_CHANGED,  "file changed on disk") \
	X(DIAG_READONLY, "file is read-only") \
	X(DIAG_NOMEM,    "out of memory")

enum diag_code {
#define X(code, text) code,
	DIAG_CODES
#undef X
};

#define DIAG_MSG_MAX 512
#define DIAG_FILE_MAX 4096

struct diag {
	enum diag_code code;
	char file[DIAG_FILE_MAX];	/* empty when no file is involved */
	int line;			/* one-based; 0 when unknown */
	int col;			/* one-based; 0 when unknown */
	char msg[DIAG_MSG_MAX];		/* in the display language */
	char msg_en[DIAG_MSG_MAX];	/* in English, for JSON and logs */
};

/* Reset to DIAG_OK with no position.  NULL is allowed. */
void diag_clear(struct diag *d);

/*
 * Fill d (NULL allowed: then nothing happens) and return -1 so callers can
 * write "return diag_set(...)".  file may be NULL.
 *
 * fmt is an English msgid (po/Makevars lists diag_set as a keyword, so the
 * call sites need no _()): msg gets its translation in the display language
 * and msg_en the English, so that machine-readable output (check --format
 * json) does not change with the language.  Arguments are used as given in
 * both; words among them that need translating too go through
 * diag_retext.
 */
int diag_set(struct diag *d, enum diag_code code, const char *file, int line,
    int col, const char *fmt, ...) __attribute__((format(printf, 6, 7)));

/* diag_set for wrappers that take their own format and arguments. */
int diag_vset(struct diag *d, enum diag_code code, const char *file, int line,
    int col, const char *fmt, va_list ap) __attribute__((format(printf, 6, 0)));

/* A message without directives: msgid, marked N_() where it is written. */
int diag_set_text(struct diag *d, enum diag_code code, const char *file,
    int line, int col, const char *msgid);

/*
 * Replaces msg alone, msg_en staying as diag_set wrote it: for a message
 * whose arguments are words to translate too (yt_kind_name's "a
 * mapping"), given in English to diag_set and through diag_word here.
 * fmt is the same msgid as diag_set's.  Returns -1.
 */
int diag_retext(struct diag *d, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/*
 * A word or phrase as an argument of diag_retext: its translation when
 * it is a phrase ("a record", marked N_() where written), itself when it
 * is an id or a key as the file spells it (they have no space).
 */
const char *diag_word(const char *s);

/* The default text for a code. */
const char *diag_code_text(enum diag_code code);

/*
 * "file:line:col: error: message" (parts that are unknown are left out),
 * written into buf; returns buf.
 */
char *diag_format(const struct diag *d, char *buf, size_t size);

#endif
