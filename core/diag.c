#include "config.h"

#include "core/diag.h"
#include "core/lang.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static const char *const diag_texts[] = {
#define X(code, text) text,
	DIAG_CODES
#undef X
};

void
diag_clear(struct diag *d)
{
	if (d == NULL)
		return;
	memset(d, 0, sizeof *d);
	d->code = DIAG_OK;
}

static void
diag_place(struct diag *d, enum diag_code code, const char *file, int line,
    int col)
{
	d->code = code;
	snprintf(d->file, sizeof d->file, "%s", file != NULL ? file : "");
	d->line = line;
	d->col = col;
}

int
diag_vset(struct diag *d, enum diag_code code, const char *file, int line,
    int col, const char *fmt, va_list ap)
{
	va_list again;

	if (d == NULL)
		return -1;
	diag_place(d, code, file, line, col);
	va_copy(again, ap);
	vsnprintf(d->msg_en, sizeof d->msg_en, fmt, ap);
	vsnprintf(d->msg, sizeof d->msg, _(fmt), again);
	va_end(again);
	return -1;
}

int
diag_set(struct diag *d, enum diag_code code, const char *file, int line,
    int col, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	diag_vset(d, code, file, line, col, fmt, ap);
	va_end(ap);
	return -1;
}

int
diag_set_text(struct diag *d, enum diag_code code, const char *file,
    int line, int col, const char *msgid)
{
	if (d == NULL)
		return -1;
	diag_place(d, code, file, line, col);
	snprintf(d->msg_en, sizeof d->msg_en, "%s", msgid);
	snprintf(d->msg, sizeof d->msg, "%s", _(msgid));
	return -1;
}

int
diag_retext(struct diag *d, const char *fmt, ...)
{
	va_list ap;

	if (d == NULL)
		return -1;
	va_start(ap, fmt);
	vsnprintf(d->msg, sizeof d->msg, _(fmt), ap);
	va_end(ap);
	return -1;
}

const char *
diag_word(const char *s)
{
	return strchr(s, ' ') != NULL ? _(s) : s;
}

const char *
diag_code_text(enum diag_code code)
{
	if ((size_t)code >= sizeof diag_texts / sizeof diag_texts[0])
		return "unknown error";
	return diag_texts[code];
}

char *
diag_format(const struct diag *d, char *buf, size_t size)
{
	const char *msg = d->msg[0] != '\0' ? d->msg : diag_code_text(d->code);

	if (d->file[0] != '\0' && d->line > 0 && d->col > 0)
		snprintf(buf, size, "%s:%d:%d: error: %s", d->file, d->line,
		    d->col, msg);
	else if (d->file[0] != '\0' && d->line > 0)
		snprintf(buf, size, "%s:%d: error: %s", d->file, d->line, msg);
	else if (d->file[0] != '\0')
		snprintf(buf, size, "%s: error: %s", d->file, msg);
	else
		snprintf(buf, size, "error: %s", msg);
	return buf;
}
