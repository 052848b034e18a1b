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
 * The dossier being edited lives in a core/session.h session, which
 * keeps undo, re-validation, dirty state and autosave timing without a
 * screen.  Every change goes through app_change_begin/_end, which call
 * the session and ask the user about answers that stop applying.
 */
#ifndef DOSSIER_APP_H
#define DOSSIER_APP_H

#include <stddef.h>
#include <time.h>

#include "core/checklist.h"
#include "core/dossier.h"
#include "core/lock.h"
#include "core/session.h"
#include "core/validate.h"
#include "tui/cli.h"
#include "tui/keys.h"
#include "tui/list.h"
#include "tui/loop.h"
#include "tui/screen.h"

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
	struct session s;	/* the dossier, its report, undo, dirty */
	char *path;		/* the dossier file */
	char *rpath;		/* its recovery file */
	char *demo_dir;		/* --demo: the private copy's folder */
	int demo_fresh;		/* --demo: the copy was made now */
	struct ynode *recovered;	/* at start: a recovery file's tree */
	int recovered_whole;	/* it replaced the file (other templates) */

	struct app_item *items;
	size_t nitems;
	size_t sec, sec_top;	/* current section item, first shown */
	int pane;		/* 0: sections, 1: questions */
	enum app_level level;
	const struct tmpl_field *group;	/* APP_GROUP, APP_RECORD */
	size_t rec;		/* APP_RECORD */
	size_t cur[3], top[3];	/* cursor and first row, per level */

	struct lock *lock;	/* our editing lock, when we hold it */
	char *readonly;		/* why saving is off (another editor), or NULL */

	/*
	 * --lang was given: the XLSX is written in cli->langs whatever the
	 * screen shows; else in the display language (L switches it).
	 */
	int langs_asked;

	char msg[512];		/* one-off message for the findings line */
	enum scr_role msg_role;
	int quit;		/* leave the main loop */
};

/* wizard.c */
/* Leave at once after SIGTERM/SIGHUP/SIGQUIT: recovery file, terminal. */
void app_die(struct app *a, int sig) __attribute__((noreturn));
/* view.c */
int app_dirty(const struct app *a);
void app_message(struct app *a, enum scr_role role, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
const char *app_filename(const struct app *a);

/* draw.c */
/* Draw the main screen: the bottom layer (loop.h) of the wizard. */
void app_draw(void *a);
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
/* The mark of a status of core's verdict (checklist.h). */
enum scr_mark app_status_mark(enum checklist_status st);
/* Status mark of a field (record rec): core's verdict, as a mark. */
enum scr_mark app_field_mark(const struct app *a, const struct tmpl_field *f,
    size_t rec);
enum scr_mark app_section_mark(const struct app *a,
    const struct tmpl_section *s);
/* Context for key lookup from where the focus is. */
unsigned app_context(const struct app *a);
/* Screen lines per row of the question pane. */
int app_row_height(const struct app *a);
/* The key bar for ctx on the last line. */
void app_draw_keybar(struct app *a, unsigned ctx);
/* "20 errors", "5 warnings", "1 note" in the display language; free each. */
void app_counts(const struct app *a, char **errors, char **warnings,
    char **notes);

/* view.c: focus, changes and messages, without a screen */
/* May row i of the question pane take the focus (is it asked)? */
int app_row_asked(const struct app *a, size_t i);
/* The asked row nearest c, looking in direction dir (1 or -1) first. */
size_t app_asked_near(const struct app *a, size_t c, int dir);
/*
 * The question f's template says its answer may start from
 * (start_from), when that one is asked and answered; else NULL.
 */
const struct tmpl_field *app_start_source(const struct app *a,
    const struct tmpl_field *f);
/* After a change: a record that is gone, a question no longer asked. */
void app_fix_focus(struct app *a);
/*
 * Pane 0 (sections) or 1 (questions or records) as a list (list.h):
 * headings and questions not asked are skipped; page rows at once.
 */
void app_pane_list(const struct app *a, int pane, size_t page,
    struct list *l);

/* act.c */
/* The main screen as the bottom layer (loop.h): drawn by app_draw. */
extern const struct layer_ops app_layer;
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
/*
 * L: the other display language (English, Traditional Chinese) for the
 * rest of the session; findings are checked again so that their text
 * follows.  Never changes the dossier.
 */
void app_switch_lang(struct app *a);
/*
 * A dialog's buttons ("y:Yes, ...", marked N_()) in the display language
 * into out (n of them); the key before the colon stays.  Returns out.
 */
const char *const *app_tr_buttons(const char *const *in, size_t n,
    const char **out);
/* Edit the device facts shown in the top line and the checklist. */
void app_device(struct app *a);
/* Rows in the question pane, and the field of row i (NULL for records). */
size_t app_rows(const struct app *a);
struct app_ref app_row(const struct app *a, size_t i);
const struct tmpl_section *app_section(const struct app *a);
/* Focus a field (record rec when it is a record's) and show it. */
void app_goto(struct app *a, const struct tmpl_field *f, size_t rec,
    int in_record);
void app_goto_section(struct app *a, size_t item);
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
/* Start f's answer from the one its template names (start_from). */
int app_reuse(struct app *a, const struct tmpl_field *f, size_t rec);
/*
 * Answer yes/no question f straight from a key: KA_YES, KA_NO or
 * KA_SWITCH.  Returns 1 when answered.
 */
int app_answer_yesno(struct app *a, const struct tmpl_field *f, size_t rec,
    enum key_action act);

/*
 * findings.c, search.c: layers that return what the user chose.  Keys
 * the findings screen does not handle go down the stack to app_layer
 * (save, quit, help, check again).
 */
/* The finding the user chose to go to (about a field or a section). */
const struct finding *app_findings(struct app *a);
/* The question the user chose, or NULL; *rec and *in_record say where
 * when it was found by an answer inside a record. */
const struct tmpl_field *app_search(struct app *a, size_t *rec,
    int *in_record);
/* conflicts.c: offer to resolve merge conflicts one by one. */
void app_resolve_conflicts(struct app *a);
/* tour.c: the guided tour, a layer over the main screen. */
void app_tour(struct app *a);
/*
 * why.c: "why is this asked?" for the focused question (or group), a
 * layer; Left and Right show the other questions of the list, asked or
 * not.  Returns 1 with *to set when the user chose a question it names.
 */
int app_why(struct app *a, struct app_ref *to, int *to_in_record);
/* before + "Is the software a medical device? is not yes" + after, for a
 * question that is not asked (or "" when it is); caller frees. */
char *app_unasked(const struct app *a, const struct app_ref *ref,
    const char *before, const char *after);
/* The same as a message on the findings line. */
void app_message_unasked(struct app *a, const struct app_ref *ref);

#endif
