/*
 * Text on its way into a spreadsheet cell.  Whatever the dossier or a
 * template says is untrusted, and a spreadsheet has traps of its own, so
 * every string the export writes goes through xl_text_prepare first:
 *
 *   - control characters, bidirectional overrides and invalid UTF-8 become
 *     the visible placeholders of text_sanitize ("^[", "<U+202E>",
 *     "<0xFF>"); newlines and tabs are kept;
 *   - a literal "_xHHHH_" is written as "_x005F_xHHHH_", because Excel and
 *     LibreOffice decode _xHHHH_ in cell text (ECMA-376 ST_Xstring) and
 *     would otherwise show something other than what was typed;
 *   - text longer than a cell holds (XL_CELL_MAX UTF-16 units, Excel's
 *     limit; libxlsxwriter refuses the whole string past it) is cut at a
 *     character boundary and ends with a visible marker saying so.
 *
 * No leading apostrophe is added to text that starts with = + - or @: the
 * export writes it as a string cell, never a formula (see export.h).
 *
 * Nothing here depends on libxlsxwriter, so the rules are unit-tested
 * without it.
 */
#ifndef DOSSIER_XLTEXT_H
#define DOSSIER_XLTEXT_H

#include <stddef.h>

#define XL_CELL_MAX	32767	/* UTF-16 units in one cell */
#define XL_SHEET_MAX	31	/* characters in a sheet name */

struct xl_text {
	const char *s;		/* what to write: the input itself, or buf */
	char *buf;		/* owned; NULL when the input was fine */
	size_t chars;		/* when cut: characters before cutting */
	int cut;		/* the text was cut to fit a cell */
};

/* Prepare s (not NULL) for a cell; release with xl_text_done. */
void xl_text_prepare(struct xl_text *t, const char *s);
void xl_text_done(struct xl_text *t);

/* Prepare with a lower limit (tests; and titles that Excel caps). */
void xl_text_prepare_max(struct xl_text *t, const char *s, size_t max);

/*
 * Display width of the widest line of s, in character cells: East Asian
 * wide and fullwidth characters count two, combining marks none.  Does not
 * depend on the locale, so exports are the same everywhere.
 */
size_t xl_text_width(const char *s);

/*
 * Lines s takes when wrapped in a column width characters wide (Excel's
 * unit, the width of a digit): each of its lines, wrapped at spaces as the
 * spreadsheet does, measured with the metrics of the font it prints in
 * (Carlito, Calibri's twin) and a little short of the column, so a row
 * given this many lines never cuts its text.  At least 1.
 */
size_t xl_text_lines(const char *s, size_t width);

/*
 * A sheet name made from a label: characters Excel refuses in sheet names
 * ([ ] : * ? / \) and hazards become spaces, runs of spaces one, no
 * leading or trailing apostrophe or space, at most max characters (cut at
 * a word when it can be, ending in an ellipsis; max is XL_SHEET_MAX or
 * less, to leave room for a suffix), "Sheet" when nothing is left.  Caller
 * frees.  Uniqueness is the caller's business.
 */
char *xl_sheet_name(const char *label, size_t max);

#endif
