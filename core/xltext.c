#include "config.h"

#include "core/xltext.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/text.h"
#include "core/xalloc.h"

/* Does s need more than being written as it is? */
static int
needs_work(const char *s, size_t max)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n;

	for (n = 0; p[n] != '\0'; n++) {
		if ((p[n] < 0x20 && p[n] != '\n' && p[n] != '\t') ||
		    p[n] >= 0x7F)
			return 1;
		if (p[n] == '_' && p[n + 1] == 'x')
			return 1;
	}
	/* A UTF-16 unit never takes less than a byte of ASCII. */
	return n > max;
}

static int
is_hex(char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') ||
	    (c >= 'A' && c <= 'F');
}

/* Is s at an "_xHHHH_" that a spreadsheet would decode? */
static int
is_escape(const char *s)
{
	return s[0] == '_' && s[1] == 'x' && is_hex(s[2]) && is_hex(s[3]) &&
	    is_hex(s[4]) && is_hex(s[5]) && s[6] == '_';
}

/* s with every "_xHHHH_" as "_x005F_xHHHH_"; NULL when there is none. */
static char *
escape_x(const char *s)
{
	size_t n = 0, len = strlen(s), i, o = 0;
	char *out;

	for (i = 0; i < len; i++)
		n += is_escape(s + i);
	if (n == 0)
		return NULL;
	out = xmalloc(len + n * 6 + 1);
	for (i = 0; i < len; i++) {
		if (is_escape(s + i)) {
			memcpy(out + o, "_x005F", 6);
			o += 6;
		}
		out[o++] = s[i];
	}
	out[o] = '\0';
	return out;
}

/* Code points and UTF-16 units in valid UTF-8 s. */
static void
count(const char *s, size_t *chars, size_t *units)
{
	size_t n = strlen(s), i = 0;
	int32_t cp;

	*chars = *units = 0;
	while (i < n) {
		i += (size_t)text_decode(s + i, n - i, &cp);
		(*chars)++;
		*units += cp >= 0x10000 ? 2 : 1;
	}
}

/* s cut so that it and its marker fit in max units. */
static char *
cut(const char *s, size_t chars, size_t max)
{
	char mark[160];
	size_t mchars, munits, n = strlen(s), i = 0, units = 0;
	int32_t cp;
	int len;

	snprintf(mark, sizeof mark, "\n[\xe2\x80\xa6 cut: the full text has "
	    "%zu characters, more than a spreadsheet cell holds; it is "
	    "complete in the dossier file]", chars);
	count(mark, &mchars, &munits);
	if (munits >= max) {
		/* No room for the marker (tests use tiny limits). */
		mark[0] = '\0';
		munits = 0;
	}
	while (i < n) {
		len = text_decode(s + i, n - i, &cp);
		if (units + (cp >= 0x10000 ? 2 : 1) + munits > max)
			break;
		units += cp >= 0x10000 ? 2 : 1;
		i += (size_t)len;
	}
	return xasprintf("%.*s%s", (int)i, s, mark);
}

void
xl_text_prepare_max(struct xl_text *t, const char *s, size_t max)
{
	char *clean, *esc;
	size_t chars, units;

	memset(t, 0, sizeof *t);
	t->s = s;
	if (!needs_work(s, max))
		return;
	clean = text_sanitize(s, 1);
	esc = escape_x(clean);
	count(esc != NULL ? esc : clean, &chars, &units);
	if (units > max) {
		count(clean, &t->chars, &units);
		t->buf = cut(esc != NULL ? esc : clean, t->chars, max);
		t->cut = 1;
		free(esc);
		free(clean);
	} else if (esc != NULL) {
		t->buf = esc;
		free(clean);
	} else if (strcmp(clean, s) != 0) {
		t->buf = clean;
	} else {
		/* Non-ASCII that needed no change: the input will do. */
		free(clean);
		return;
	}
	t->s = t->buf;
}

void
xl_text_prepare(struct xl_text *t, const char *s)
{
	xl_text_prepare_max(t, s, XL_CELL_MAX);
}

void
xl_text_done(struct xl_text *t)
{
	free(t->buf);
	memset(t, 0, sizeof *t);
}

/* East Asian wide and fullwidth ranges (Unicode 15, EastAsianWidth W/F). */
static const int32_t wide[][2] = {
	{ 0x1100, 0x115F }, { 0x231A, 0x231B }, { 0x2329, 0x232A },
	{ 0x23E9, 0x23EC }, { 0x23F0, 0x23F3 }, { 0x25FD, 0x25FE },
	{ 0x2614, 0x2615 }, { 0x2648, 0x2653 }, { 0x26A1, 0x26A1 },
	{ 0x26AA, 0x26AB }, { 0x26BD, 0x26BE }, { 0x26C4, 0x26C5 },
	{ 0x26D4, 0x26D4 }, { 0x26EA, 0x26EA }, { 0x26F2, 0x26F5 },
	{ 0x26FA, 0x26FD }, { 0x2705, 0x2705 }, { 0x270A, 0x270B },
	{ 0x2728, 0x2728 }, { 0x274C, 0x274C }, { 0x2753, 0x2755 },
	{ 0x2757, 0x2757 }, { 0x2795, 0x2797 }, { 0x2E80, 0x303E },
	{ 0x3041, 0x33FF }, { 0x3400, 0x4DBF }, { 0x4E00, 0x9FFF },
	{ 0xA000, 0xA4CF }, { 0xA960, 0xA97F }, { 0xAC00, 0xD7A3 },
	{ 0xF900, 0xFAFF }, { 0xFE10, 0xFE19 }, { 0xFE30, 0xFE6F },
	{ 0xFF00, 0xFF60 }, { 0xFFE0, 0xFFE6 }, { 0x16FE0, 0x18CFF },
	{ 0x1B000, 0x1B2FF }, { 0x1F004, 0x1F004 }, { 0x1F0CF, 0x1F0CF },
	{ 0x1F18E, 0x1F18E }, { 0x1F191, 0x1F19A }, { 0x1F200, 0x1F251 },
	{ 0x1F300, 0x1F64F }, { 0x1F680, 0x1F6FF }, { 0x1F7E0, 0x1F7EB },
	{ 0x1F90C, 0x1F9FF }, { 0x1FA70, 0x1FAFF }, { 0x20000, 0x2FFFD },
	{ 0x30000, 0x3FFFD },
};

/* Combining marks, which take no cell of their own. */
static const int32_t zero[][2] = {
	{ 0x0300, 0x036F }, { 0x0483, 0x0489 }, { 0x0591, 0x05BD },
	{ 0x0610, 0x061A }, { 0x064B, 0x065F }, { 0x1AB0, 0x1AFF },
	{ 0x1DC0, 0x1DFF }, { 0x20D0, 0x20FF }, { 0xFE00, 0xFE0F },
	{ 0xFE20, 0xFE2F },
};

static int
in_ranges(int32_t cp, const int32_t (*r)[2], size_t n)
{
	size_t lo = 0, hi = n, mid;

	while (lo < hi) {
		mid = (lo + hi) / 2;
		if (cp < r[mid][0])
			hi = mid;
		else if (cp > r[mid][1])
			lo = mid + 1;
		else
			return 1;
	}
	return 0;
}

static int
cp_width(int32_t cp)
{
	if (cp < 0x300)		/* Latin text, the common case: no search */
		return 1;
	if (in_ranges(cp, zero, sizeof zero / sizeof zero[0]))
		return 0;
	if (in_ranges(cp, wide, sizeof wide / sizeof wide[0]))
		return 2;
	return 1;
}

size_t
xl_text_width(const char *s)
{
	size_t n = strlen(s), i = 0, w = 0, best = 0;
	int32_t cp;

	while (i < n) {
		if ((unsigned char)s[i] < 0x80)
			cp = (unsigned char)s[i++];
		else
			i += (size_t)text_decode(s + i, n - i, &cp);
		if (cp == '\n') {
			w = 0;
			continue;
		}
		w += cp < 0 ? 1 : (size_t)cp_width(cp);
		if (w > best)
			best = w;
	}
	return best;
}

/*
 * Advance widths of printable ASCII (32..126) in Carlito Regular, the
 * metric twin of Calibri that LibreOffice prints with, in hundredths of
 * the digit 0 (the unit of a column width): read from the font's hmtx
 * table (0 = 1038 of 2048 units per em).  Measuring prose in digit widths
 * would overstate it by a fifth and make rows a fifth too tall.
 */
static const unsigned char carlito[95] = {
	45, 64, 79, 98, 100, 141, 135, 44, 60, 60, 98, 98, 49, 60, 50, 76,
	100, 100, 100, 100, 100, 100, 100, 100, 100, 100, 53, 53, 98, 98, 98,
	91, 176, 114, 107, 105, 121, 96, 91, 124, 123, 50, 63, 103, 83, 169,
	127, 131, 102, 133, 107, 91, 96, 127, 112, 176, 102, 96, 92, 61, 76,
	61, 98, 98, 57, 95, 104, 83, 104, 98, 60, 93, 104, 45, 47, 90, 45,
	158, 104, 104, 104, 104, 69, 77, 66, 104, 89, 141, 85, 89, 78, 62,
	91, 62, 98,
};

/* A character's advance in hundredths of a digit width. */
static unsigned
cp_advance(int32_t cp)
{
	if (cp >= 32 && cp < 127)
		return carlito[cp - 32];
	if (cp < 0)
		return 110;
	switch (cp_width(cp)) {
	case 0:
		return 0;
	case 2:
		return 200;	/* an ideograph is about one em */
	default:
		return 110;	/* accented Latin and the rest: no narrower */
	}
}

/*
 * A column n characters wide holds n digits and 5 pixels (Excel's
 * definition of the unit; LibreOffice reads it so too).  The 5 pixels go
 * to the cell's padding and to rounding, so the estimate errs towards a
 * line too many, never a line cut off.
 */
static unsigned long
line_room(size_t width)
{
	return width > 0 ? 100 * (unsigned long)width : 100;
}

struct wrap {
	unsigned long room;	/* a line's width */
	unsigned long line;	/* the current line's, so far */
	unsigned long word;	/* the word being read, not yet laid */
	size_t lines;		/* lines finished */
	int space;		/* a space stands between line and word */
};

/* Lay the word just read on the line, or on a new one if it does not fit. */
static void
wrap_word(struct wrap *w)
{
	unsigned long sp = w->space ? carlito[0] : 0;

	if (w->word == 0)
		return;
	if (w->line > 0 && w->line + sp + w->word > w->room) {
		w->lines++;
		w->line = w->word;
	} else
		w->line += (w->line > 0 ? sp : 0) + w->word;
	w->word = 0;
	w->space = 0;
}

size_t
xl_text_lines(const char *s, size_t width)
{
	struct wrap w = { line_room(width), 0, 0, 0, 0 };
	size_t n = strlen(s), i = 0;
	unsigned long adv;
	int32_t cp;

	/* A final newline (YAML literal blocks end in one) shows nothing. */
	while (n > 0 && s[n - 1] == '\n')
		n--;
	/*
	 * Greedy wrapping at spaces, as the spreadsheet does.  A word wider
	 * than a line is broken between characters; so are ideographs, which
	 * need no space to break.
	 */
	for (;;) {
		if (i == n || s[i] == '\n') {
			wrap_word(&w);
			w.lines++;
			w.line = 0;
			if (i++ == n)
				break;
			continue;
		}
		if (s[i] == ' ') {
			wrap_word(&w);
			w.space = w.line > 0;
			i++;
			continue;
		}
		if ((unsigned char)s[i] < 0x80)
			cp = (unsigned char)s[i++];
		else
			i += (size_t)text_decode(s + i, n - i, &cp);
		adv = cp_advance(cp);
		if (w.word + adv > w.room || (adv >= 200 && w.word > 0))
			wrap_word(&w);
		w.word += adv;
	}
	return w.lines;
}

static int
bad_in_sheet_name(int32_t cp)
{
	return cp < 0 || text_is_hazard(cp) || cp == '[' || cp == ']' ||
	    cp == ':' || cp == '*' || cp == '?' || cp == '/' || cp == '\\';
}

/* Drop trailing spaces and apostrophes from the n bytes of s. */
static size_t
trim_end(const char *s, size_t n)
{
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\''))
		n--;
	return n;
}

/* label with bad characters as spaces, spaces collapsed, start trimmed. */
static char *
sheet_clean(const char *label)
{
	size_t n = strlen(label), i = 0, o = 0;
	char *out = xmalloc(n + 4);	/* room for the ellipsis */
	int32_t cp;
	int len;

	for (; i < n; i += (size_t)len) {
		len = text_decode(label + i, n - i, &cp);
		if (bad_in_sheet_name(cp) || cp == '\t' || cp == ' ') {
			if (o > 0 && out[o - 1] != ' ')
				out[o++] = ' ';
		} else if (cp != '\'' || o > 0) {
			memcpy(out + o, label + i, (size_t)len);
			o += (size_t)len;
		}
	}
	out[trim_end(out, o)] = '\0';
	return out;
}

/*
 * A name cut after "and", "of their" and the like reads as if words were
 * lost mid-phrase: end the abbreviation on the last word that carries
 * meaning instead ("Released versions and their changes" becomes
 * "Released versions…").
 */
static size_t
drop_small_words(const char *s, size_t at)
{
	static const char *const small[] = { "a", "an", "and", "as", "at",
	    "by", "for", "from", "how", "in", "its", "of", "on", "or", "the",
	    "their", "to", "with", "what", "which", "why", NULL };
	size_t start, i, keep = at;

	for (;;) {
		for (start = keep; start > 0 && s[start - 1] != ' '; start--)
			;
		if (start == 0)
			return keep;
		for (i = 0; small[i] != NULL; i++)
			if (keep - start == strlen(small[i]) &&
			    strncasecmp(s + start, small[i], keep - start) == 0)
				break;
		if (small[i] == NULL)
			return keep;
		keep = trim_end(s, start);
	}
}

char *
xl_sheet_name(const char *label, size_t max)
{
	char *s = sheet_clean(label);
	size_t n = strlen(s), i = 0, chars = 0, at = 0, space = 0;
	int32_t cp;

	while (i < n && chars + 1 < max) {
		if (s[i] == ' ' && chars > max / 2)
			space = i;
		i += (size_t)text_decode(s + i, n - i, &cp);
		chars++;
	}
	at = i;
	if (i < n) {
		/* More than fits: count on, cut only when really too long. */
		for (; i < n && chars <= max; chars++)
			i += (size_t)text_decode(s + i, n - i, &cp);
	}
	if (chars > max) {
		/* Keep whole words when that costs little; mark the cut. */
		at = trim_end(s, space > 0 ? space : at);
		if (space > 0)
			at = drop_small_words(s, at);
		memcpy(s + at, "\xe2\x80\xa6", 4);
	}
	if (s[0] == '\0') {
		free(s);
		return xstrdup("Sheet");
	}
	return s;
}
