/*
 * The wizard's state and the functions its modules share.  One struct app
 * holds the open dossier, the last validation report, where the focus is
 * and the undo history.  The modules:
 *
 *   wizard.c    opening (file, new, --demo, recovery), the main loop,
 *               waiting for keys (autosave, signals, resize), leaving
 *   draw.c      the main screen: top line, sections, questions, help,
 *               findings line, key bar
 *   act.c       what the keys do on the main screen; changes, save, quit
 *   answer.c    editing an answer of each field type
 *   dialog.c    pop-ups: messages, choices, prompts, pickers, help
 *   findings.c  the findings screen and jumping to a finding
 *   search.c    searching questions
 *
 * Every change to the dossier goes through app_change_begin/_end, which
 * keep undo, re-validate and notice answers that stop applying.
 */
#ifndef DOSSIER_APP_H
#define DOSSIER_APP_H

#include <stddef.h>
#include <time.h>

#include "core/dossier.h"
#include "core/lock.h"
#include "core/validate.h"
#include "tui/cli.h"
#include "tui/keys.h"
#include "tui/screen.h"
#include "core/undo.h"

/* One row of the section list: a template heading (s NULL) or a section. */
struct app_item {
	const struct tmpl *t;
	const struct tmpl_section *s;
};

enum app_level {
	APP_FIELDS,		/* a section's questions */
	APP_GROUP,		/* the records of a group */
	APP_RECORD		/* one record's fields */
};

/* A field in a place: record rec of its group, when it has one. */
struct app_ref {
	const struct tmpl_field *f;
	size_t rec;
};

struct app {
	const struct cli *cli;
	struct tmpl_set *set;
	struct dossier *d;
	struct report *r;
	struct vcache *cache;
	char *path;		/* the dossier file */
	char *rpath;		/* its recovery file */
	char *demo_dir;		/* --demo: the private copy's folder */

	struct app_item *items;
	size_t nitems;
	size_t sec, sec_top;	/* current section item, first shown */
	int pane;		/* 0: sections, 1: questions */
	enum app_level level;
	const struct tmpl_field *group;	/* APP_GROUP, APP_RECORD */
	size_t rec;		/* APP_RECORD */
	size_t cur[3], top[3];	/* cursor and first row, per level */

	struct undo undo;
	unsigned long state;	/* id of what the model holds now */
	unsigned long saved_state, autosaved_state, next_state;
	time_t last_autosave;
	int saved_once;		/* saved at least once this session */

	const struct tmpl_field *chg_f;	/* the one answer a change touched */
	size_t chg_rec;
	struct lock *lock;	/* our editing lock, when we hold it */
	char *readonly;		/* why saving is off (another editor), or NULL */

	char msg[512];		/* one-off message for the findings line */
	enum scr_role msg_role;
	const char *tiny_prompt;	/* what a too-small screen says */
	int quit;		/* leave the main loop */
};

/* wizard.c */
/*
 * Wait for the next key and return it (keys.h encoding), or 0 when the
 * wait timed out or the screen must be redrawn (resize, Ctrl+L): callers
 * redraw and wait again.  Autosave, signals and the too-small screen are
 * handled here, so every modal loop gets them.
 */
int app_getkey(struct app *a);
/* Leave at once after SIGTERM/SIGHUP/SIGQUIT: recovery file, terminal. */
void app_die(struct app *a, int sig) __attribute__((noreturn));
int app_dirty(const struct app *a);
void app_message(struct app *a, enum scr_role role, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
const char *app_filename(const struct app *a);

/* draw.c */
/* Draw the whole main screen (or the too-small notice). */
void app_draw(struct app *a);
/* Main-screen geometry. */
struct app_geom {
	int left_w;		/* section list width */
	int main_y, main_h;	/* rows of the two panes */
	int list_y, list_h;	/* rows of the question list */
	int right_x, right_w;
	int help_y, help_h;
	int find_y, keys_y;
};
void app_geom(struct app_geom *g);
/* A one-line summary of f's answer (record rec); caller frees. */
char *app_summary(const struct app *a, const struct tmpl_field *f,
    size_t rec);
/* Status mark of a field (record rec) from the current report. */
enum scr_mark app_field_mark(const struct app *a, const struct tmpl_field *f,
    size_t rec);
enum scr_mark app_section_mark(const struct app *a,
    const struct tmpl_section *s);
/* The most severe finding about f (record rec), or NULL. */
const struct finding *app_field_finding(const struct app *a,
    const struct tmpl_field *f, size_t rec, size_t *count);
/* Context for key lookup from where the focus is. */
unsigned app_context(const struct app *a);
/* Screen lines per row of the question pane. */
int app_row_height(const struct app *a);
/* The key bar for ctx on the last line. */
void app_draw_keybar(struct app *a, unsigned ctx);

/* act.c */
void app_key(struct app *a, int key);
void app_revalidate(struct app *a);
/*
 * Around every change: what names it for undo; watch asks to look for
 * answers that stop applying (not for record moves and deletions, which
 * renumber records).
 */
void app_change_begin(struct app *a, const char *what, int watch);
/*
 * Between begin and end: the change touched only field f (record rec), or
 * for a group field, its records' order or number.  Re-validation is then
 * limited to what that can reach.
 */
void app_change_at(struct app *a, const struct tmpl_field *f, size_t rec);
void app_change_end(struct app *a);
/*
 * May the dossier be changed?  Says why not (opened read-only because
 * someone else edits it) and returns 0 when it may not.
 */
int app_writable(struct app *a);
/* Write the XLSX checklist beside the dossier (asks for the name). */
void app_export(struct app *a);
/* Edit the device facts shown in the top line and the checklist. */
void app_device(struct app *a);
/* Rows in the question pane, and the field of row i (NULL for records). */
size_t app_rows(const struct app *a);
struct app_ref app_row(const struct app *a, size_t i);
const struct tmpl_section *app_section(const struct app *a);
/* Focus a field (record rec when it is a record's) and show it. */
void app_goto(struct app *a, const struct tmpl_field *f, size_t rec,
    int in_record);
int app_save(struct app *a);
void app_quit(struct app *a);
void app_undo(struct app *a, int redo);

/* answer.c */
/* Edit an answer; returns 1 when the user confirmed (not cancelled). */
int app_edit(struct app *a, const struct tmpl_field *f, size_t rec);
void app_edit_external(struct app *a, const struct tmpl_field *f, size_t rec);
void app_not_applicable(struct app *a, const struct tmpl_field *f,
    size_t rec);
void app_clear(struct app *a, const struct tmpl_field *f, size_t rec);

/* findings.c, search.c */
void app_findings(struct app *a);
void app_search(struct app *a);

#endif
