/*
 * Reading cell text back from an XLSX workbook (a zip of XML parts,
 * ECMA-376), with libzip and expat: enough to take a reviewed checklist
 * back, whichever program saved it last (dossier, Excel, LibreOffice,
 * openpyxl).  Every cell comes back as text: shared and inline strings
 * with their _xHHHH_ escapes decoded, numbers and booleans as written in
 * the file.  Formulas are never evaluated (a formula cell gives its cached
 * value, if any).
 *
 * The workbook is untrusted: document type declarations are refused (no
 * entity expansion at all), every part is limited in size before it is
 * inflated and while it is, and so are rows and columns.
 */
#ifndef DOSSIER_XLSXREAD_H
#define DOSSIER_XLSXREAD_H

#include <stddef.h>

#include "core/diag.h"

#define XLSX_PART_MAX	(64u * 1024 * 1024)	/* bytes of one inflated part */
#define XLSX_ROWS_MAX	1048576u		/* Excel's own limits */
#define XLSX_COLS_MAX	16384u

struct xlsx_cell {
	unsigned col;		/* 0-based */
	char *text;
};

struct xlsx_row {
	unsigned row;		/* 0-based */
	struct xlsx_cell *c;
	size_t n;
};

struct xlsx_sheet {
	char *name;
	int hidden;		/* state="hidden" or "veryHidden" */
	int loaded;		/* its cells were read */
	struct xlsx_row *rows;	/* in the order of the file (ascending) */
	size_t n;
};

struct xlsx_book {
	struct xlsx_sheet *sheets;
	size_t n;
	char *modified_by;	/* docProps/core.xml, may be NULL */
	char *modified;		/* dcterms:modified, may be NULL */
};

/*
 * Read path; the cells of the sheets named in want (all when want is
 * NULL) are loaded, the others only listed.  NULL with err (naming path,
 * and the part when the problem is inside one) on failure.
 */
struct xlsx_book *xlsx_read(const char *path, const char *const *want,
    size_t nwant, struct diag *err);
void xlsx_free(struct xlsx_book *b);

const struct xlsx_sheet *xlsx_sheet(const struct xlsx_book *b,
    const char *name);
/* The text of a cell, "" when empty or absent. */
const char *xlsx_cell(const struct xlsx_sheet *s, const struct xlsx_row *r,
    unsigned col);

/* Decode _xHHHH_ escapes in place ("_x005F_" is a literal underscore). */
void xlsx_unescape(char *s);

#endif
