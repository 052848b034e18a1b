/*
 * Unit tests of the editing session (core/session.c): changes, undo and
 * redo (recovered changes included), incremental re-validation, answers
 * that stop applying, dirty state by content, save, reload and autosave
 * timing.  The cases issue 10 found in the wizard come first.
 */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/session.h"
#include "core/xalloc.h"
#include "tests/unit/helpers.h"

static const char st_template[] =
    "id: st\n"
    "edition: \"1\"\n"
    "title: Session test\n"
    "sections:\n"
    "  - id: main\n"
    "    title: Main\n"
    "    fields:\n"
    "      - {id: name, label: Name, type: text, required: true}\n"
    "      - {id: md, label: Medical device, type: yesno, required: true}\n"
    "      - {id: kind, label: Kind, type: text, required: true,\n"
    "         when: md == yes}\n"
    "      - {id: cls, label: Class, type: text, when: md == yes}\n"
    "      - id: sets\n"
    "        label: Sets\n"
    "        type: group\n"
    "        fields:\n"
    "          - {id: role, label: Role, type: text, required: true}\n"
    "          - {id: why, label: Why, type: text, when: md == yes}\n";

static const char st_dossier[] =
    "format: 1\n"
    "templates: [st:1]\n"
    "answers:\n"
    "  st:\n"
    "    main:\n"
    "      name: x\n"
    "      md: no\n";

/* A session on d.yaml (written from yaml) in the case's folder. */
static struct session *
open_session(struct fx *fx, const char *yaml)
{
	struct session *s = xcalloc(1, sizeof *s);
	struct dossier *d;
	char *p;

	assert_non_null(h_set(fx, NULL, st_template));
	p = h_write(fx, "d.yaml", yaml, (size_t)-1);
	d = dossier_load(p, fx->set, &fx->err);
	free(p);
	if (d == NULL)
		fail_msg("%s:%d:%d: %s", fx->err.file, fx->err.line,
		    fx->err.col, fx->err.msg);
	session_init(s, d, 1);
	return s;
}

static void
close_session(struct session *s)
{
	session_free(s);
	free(s);
}

static void
set_text(struct session *s, struct fx *fx, const char *path, size_t rec,
    const char *text)
{
	const struct tmpl_field *f = h_field(fx, path);

	session_begin(s, "edit", 1);
	session_at(s, f, rec);
	dossier_set_text(s->d, f, rec, text);
	session_end(s);
}

/* Issue 10: switching an answer and back left [unsaved]. */
static void
test_session_switching_back_is_not_dirty(void **state)
{
	struct fx *fx = *state;
	struct session *s = open_session(fx, st_dossier);

	assert_false(s->dirty);
	set_text(s, fx, "st.main.md", 0, "yes");
	assert_true(s->dirty);
	set_text(s, fx, "st.main.md", 0, "no");
	assert_false(s->dirty);
	set_text(s, fx, "st.main.name", 0, "y");
	assert_true(s->dirty);
	/* Undo back to the file's tree is clean too. */
	assert_non_null(session_undo(s, 0));
	assert_false(s->dirty);
	assert_non_null(session_undo(s, 1));
	assert_true(s->dirty);
	close_session(s);
}

/* Issue 10: recovered changes could not be undone. */
static void
test_session_recovered_changes_can_be_undone(void **state)
{
	struct fx *fx = *state;
	struct session *s = open_session(fx, st_dossier);
	struct dossier *rd;
	struct diag err;
	char *rec = h_write(fx, "r.yaml", "format: 1\ntemplates: [st:1]\n"
	    "answers:\n  st:\n    main:\n      name: recovered\n"
	    "      md: no\n", (size_t)-1);

	rd = dossier_load(rec, fx->set, &err);
	assert_non_null(rd);
	session_recover(s, yt_clone(rd->root));
	dossier_free(rd);
	free(rec);
	assert_true(s->dirty);
	assert_string_equal(yt_str(dossier_get(s->d,
	    h_field(fx, "st.main.name"), 0)), "recovered");
	assert_string_equal(session_undo(s, 0), "recover unsaved changes");
	assert_string_equal(yt_str(dossier_get(s->d,
	    h_field(fx, "st.main.name"), 0)), "x");
	assert_false(s->dirty);
	assert_null(session_undo(s, 0));
	close_session(s);
}

static void
test_session_undo_and_redo_revalidate(void **state)
{
	struct fx *fx = *state;
	struct session *s = open_session(fx, st_dossier);

	assert_int_equal(s->r->errors, 0);
	set_text(s, fx, "st.main.name", 0, "");
	assert_int_equal(s->r->errors, 1);
	assert_string_equal(session_undo(s, 0), "edit");
	assert_int_equal(s->r->errors, 0);
	assert_string_equal(session_undo(s, 1), "edit");
	assert_int_equal(s->r->errors, 1);
	assert_null(session_undo(s, 1));
	close_session(s);
}

/* Incremental re-validation gives what a full validation gives. */
static void
test_session_incremental_revalidation_matches_full(void **state)
{
	struct fx *fx = *state;
	struct session *s = open_session(fx, st_dossier);
	const struct tmpl_field *g;
	struct report *full;

	set_text(s, fx, "st.main.md", 0, "yes");
	assert_int_equal(s->r->errors, 1);	/* kind */
	g = h_field(fx, "st.main.sets");
	session_begin(s, "add a record", 0);
	session_at(s, g, 0);
	dossier_insert_record(s->d, g, 0, NULL);
	session_end(s);
	full = validate(s->d, NULL);
	assert_int_equal(s->r->n, full->n);
	assert_int_equal(s->r->errors, full->errors);
	assert_int_equal(s->r->errors, 2);	/* kind, role */
	report_free(full);
	close_session(s);
}

static void
test_session_finds_and_clears_answers_that_stop_applying(void **state)
{
	struct fx *fx = *state;
	struct session *s = open_session(fx, "format: 1\ntemplates: [st:1]\n"
	    "answers:\n  st:\n    main:\n      name: x\n      md: yes\n"
	    "      kind: k\n      cls: c\n      sets:\n      - {role: a, "
	    "why: w}\n");
	const struct session_ref *st;
	size_t n;

	set_text(s, fx, "st.main.md", 0, "no");
	st = session_stale(s, &n);
	assert_int_equal(n, 3);
	assert_ptr_equal(st[0].f, h_field(fx, "st.main.kind"));
	assert_ptr_equal(st[2].f, h_field(fx, "st.main.sets.why"));
	assert_int_equal(session_clear_stale(s), 3);
	assert_null(dossier_get(s->d, h_field(fx, "st.main.kind"), 0));
	assert_null(dossier_get(s->d, h_field(fx, "st.main.sets.why"), 0));
	/* The clearing is its own change: undo brings them back. */
	assert_string_equal(session_undo(s, 0),
	    "clear answers that no longer apply");
	assert_string_equal(yt_str(dossier_get(s->d,
	    h_field(fx, "st.main.kind"), 0)), "k");
	/* A change that does not watch reports none. */
	session_begin(s, "x", 0);
	session_end(s);
	session_stale(s, &n);
	assert_int_equal(n, 0);
	close_session(s);
}

static void
test_session_save_makes_clean_and_refuses_a_changed_file(void **state)
{
	struct fx *fx = *state;
	struct session *s = open_session(fx, st_dossier);
	struct diag err;
	char *p;

	set_text(s, fx, "st.main.name", 0, "saved");
	assert_int_equal(session_save(s, 0, &err), 0);
	assert_false(s->dirty);
	assert_true(s->saved_once);
	set_text(s, fx, "st.main.name", 0, "mine");
	/* Someone else writes the file. */
	p = h_write(fx, "d.yaml", "format: 1\ntemplates: [st:1]\nanswers:\n"
	    "  st:\n    main:\n      name: theirs\n      md: no\n"
	    "      # a longer file\n", (size_t)-1);
	assert_int_equal(session_save(s, 0, &err), -1);
	assert_int_equal(err.code, DIAG_CHANGED);
	assert_true(s->dirty);
	/* Reload takes theirs; undo brings mine back. */
	assert_int_equal(session_reload(s, &err), 0);
	assert_false(s->dirty);
	assert_string_equal(yt_str(dossier_get(s->d,
	    h_field(fx, "st.main.name"), 0)), "theirs");
	assert_non_null(session_undo(s, 0));
	assert_string_equal(yt_str(dossier_get(s->d,
	    h_field(fx, "st.main.name"), 0)), "mine");
	assert_true(s->dirty);
	/* Now overwriting is what the user chose. */
	assert_int_equal(session_save(s, DOSSIER_SAVE_FORCE, &err), 0);
	free(p);
	close_session(s);
}

static void
test_session_autosave_timing(void **state)
{
	struct fx *fx = *state;
	struct session *s = open_session(fx, st_dossier);
	time_t t0 = 1000000;

	assert_int_equal(session_autosave_due(s, t0), SESSION_AUTOSAVE_NONE);
	set_text(s, fx, "st.main.name", 0, "y");
	assert_int_equal(session_autosave_due(s, t0), SESSION_AUTOSAVE_WRITE);
	session_autosave_done(s, SESSION_AUTOSAVE_WRITE, 1, t0);
	/* Written: nothing more until the next change... */
	assert_int_equal(session_autosave_due(s, t0 + 60),
	    SESSION_AUTOSAVE_NONE);
	set_text(s, fx, "st.main.name", 0, "z");
	/* ...and then not before the interval. */
	assert_int_equal(session_autosave_due(s, t0 + 1),
	    SESSION_AUTOSAVE_NONE);
	assert_int_equal(session_autosave_due(s, t0 +
	    SESSION_AUTOSAVE_SECONDS), SESSION_AUTOSAVE_WRITE);
	/* A failed write is tried again after the interval. */
	session_autosave_done(s, SESSION_AUTOSAVE_WRITE, 0, t0 + 5);
	assert_int_equal(session_autosave_due(s, t0 + 6),
	    SESSION_AUTOSAVE_NONE);
	assert_int_equal(session_autosave_due(s, t0 + 10),
	    SESSION_AUTOSAVE_WRITE);
	session_autosave_done(s, SESSION_AUTOSAVE_WRITE, 1, t0 + 10);
	/* Clean again by content: the recovery file goes. */
	set_text(s, fx, "st.main.name", 0, "x");
	assert_int_equal(session_autosave_due(s, t0 + 11),
	    SESSION_AUTOSAVE_REMOVE);
	session_autosave_done(s, SESSION_AUTOSAVE_REMOVE, 1, t0 + 11);
	assert_int_equal(session_autosave_due(s, t0 + 20),
	    SESSION_AUTOSAVE_NONE);
	close_session(s);
}

static void
test_session_new_dossier_is_dirty_until_saved(void **state)
{
	struct fx *fx = *state;
	struct session s;
	struct diag err;
	const struct tmpl *t;
	struct dossier *d;

	assert_non_null(h_set(fx, NULL, st_template));
	t = fx->set->t[0];
	d = dossier_new(fx->set, &t, 1);
	d->path = h_path(fx, "new.yaml");
	session_init(&s, d, 0);
	assert_true(s.dirty);
	assert_int_equal(session_save(&s, 0, &err), 0);
	assert_false(s.dirty);
	session_free(&s);
}

#define T(name) cmocka_unit_test_setup_teardown(name, h_setup, h_teardown)

int
main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_session_switching_back_is_not_dirty),
		T(test_session_recovered_changes_can_be_undone),
		T(test_session_undo_and_redo_revalidate),
		T(test_session_incremental_revalidation_matches_full),
		T(test_session_finds_and_clears_answers_that_stop_applying),
		T(test_session_save_makes_clean_and_refuses_a_changed_file),
		T(test_session_autosave_timing),
		T(test_session_new_dossier_is_dirty_until_saved),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
