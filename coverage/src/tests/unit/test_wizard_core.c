/*
 * The core operations the wizard relies on: dossier_swap_root (undo and
 * recovery replace the whole tree; the old one comes back to the caller
 * and the dossier is dirty) and dossier_save to the dossier's own path.
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
#include <unistd.h>

#include "core/dossier.h"
#include "core/template.h"
#include "core/undo.h"
#include "core/ytree.h"

static void
test_swap_root_returns_old_tree_and_marks_dirty(void **state)
{
	struct tmpl_set *set = tmpl_set_new();
	struct dossier *d = dossier_new(set, NULL, 0);
	struct ynode *copy, *old;

	(void)state;
	assert_int_equal(d->dirty, 0);
	copy = yt_clone(d->root);
	yt_set(yt_get(copy, "device"), "name", yt_scalar("Changed"));
	old = dossier_swap_root(d, copy);
	assert_non_null(old);
	assert_ptr_equal(d->root, copy);
	assert_int_equal(d->dirty, 1);
	assert_string_equal(dossier_device(d, "name"), "Changed");
	assert_null(yt_get(yt_get(old, "device"), "name"));
	/* And back again, as undo then redo would. */
	copy = dossier_swap_root(d, old);
	assert_ptr_equal(d->root, old);
	assert_null(dossier_device(d, "name"));
	yt_free(copy);
	dossier_free(d);
	tmpl_set_free(set);
}

static void
test_swap_root_keeps_serialization_canonical(void **state)
{
	struct tmpl_set *set = tmpl_set_new();
	struct dossier *d = dossier_new(set, NULL, 0);
	char *a, *b;
	size_t la, lb;

	(void)state;
	a = dossier_serialize(d, &la);
	yt_free(dossier_swap_root(d, yt_clone(d->root)));
	b = dossier_serialize(d, &lb);
	assert_int_equal(la, lb);
	assert_memory_equal(a, b, la);
	free(a);
	free(b);
	dossier_free(d);
	tmpl_set_free(set);
}

/* Saving with path NULL used to free d->path before copying it. */
static void
test_save_to_own_path_keeps_path(void **state)
{
	struct tmpl_set *set = tmpl_set_new();
	struct dossier *d = dossier_new(set, NULL, 0);
	struct diag err;
	char dir[] = "/tmp/dossier-unit-XXXXXX", *path;

	(void)state;
	assert_non_null(mkdtemp(dir));
	path = malloc(strlen(dir) + 8);
	assert_non_null(path);
	sprintf(path, "%s/d.yaml", dir);
	d->path = strdup(path);
	assert_int_equal(dossier_save(d, NULL, 0, &err), 0);
	assert_string_equal(d->path, path);
	assert_int_equal(d->have_disk, 1);
	/* Again, now that the file exists and is the one remembered. */
	assert_int_equal(dossier_save(d, NULL, 0, &err), 0);
	assert_string_equal(d->path, path);
	unlink(path);
	rmdir(dir);
	free(path);
	dossier_free(d);
	tmpl_set_free(set);
}

/* A dossier whose device: holds a list of n facts, about n + 10 nodes. */
static struct dossier *
sized_dossier(struct tmpl_set *set, size_t n)
{
	struct dossier *d = dossier_new(set, NULL, 0);
	struct ynode *facts = yt_seq();
	size_t i;

	for (i = 0; i < n; i++)
		yt_append(facts, yt_scalar("x"));
	yt_set(yt_get(d->root, "device"), "facts", facts);
	return d;
}

static void
change_name(struct undo *u, struct dossier *d, unsigned long id,
    const char *name)
{
	undo_push(u, d, id, "rename");
	yt_set(yt_get(d->root, "device"), "name", yt_scalar(name));
}

static void
test_undo_keeps_at_most_its_levels(void **state)
{
	struct tmpl_set *set = tmpl_set_new();
	struct dossier *d = sized_dossier(set, 0);
	struct undo u;
	unsigned long id = 0;
	char name[32];
	int i;

	(void)state;
	memset(&u, 0, sizeof u);
	for (i = 0; i < UNDO_LEVELS + 50; i++) {
		snprintf(name, sizeof name, "v%d", i);
		change_name(&u, d, ++id, name);
	}
	assert_int_equal(u.npast, UNDO_LEVELS);
	assert_non_null(undo_undo(&u, d, &id));
	assert_string_equal(dossier_device(d, "name"), "v248");
	undo_free(&u);
	dossier_free(d);
	tmpl_set_free(set);
}

/*
 * A large dossier must not keep 200 copies of itself: the history stays
 * within its node budget, and the newest change can still be undone.
 */
static void
test_undo_of_a_large_dossier_stays_within_its_memory_budget(void **state)
{
	struct tmpl_set *set = tmpl_set_new();
	struct dossier *d = sized_dossier(set, UNDO_NODES / 3);
	struct undo u;
	unsigned long id = 0;
	char name[32];
	int i;

	(void)state;
	memset(&u, 0, sizeof u);
	for (i = 0; i < 20; i++) {
		snprintf(name, sizeof name, "v%d", i);
		change_name(&u, d, ++id, name);
		assert_true(u.nodes <= UNDO_NODES);
	}
	assert_true(u.npast >= 1 && u.npast <= 3);
	/* Undo and redo keep the budget too. */
	assert_non_null(undo_undo(&u, d, &id));
	assert_string_equal(dossier_device(d, "name"), "v18");
	assert_true(u.nodes <= UNDO_NODES);
	assert_non_null(undo_redo(&u, d, &id));
	assert_string_equal(dossier_device(d, "name"), "v19");
	assert_true(u.nodes <= UNDO_NODES);
	/* A single snapshot over the budget is still kept: one undo works. */
	undo_free(&u);
	dossier_free(d);
	d = sized_dossier(set, UNDO_NODES);
	change_name(&u, d, ++id, "big");
	assert_int_equal(u.npast, 1);
	assert_non_null(undo_undo(&u, d, &id));
	assert_null(dossier_device(d, "name"));
	undo_free(&u);
	dossier_free(d);
	tmpl_set_free(set);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(
		    test_swap_root_returns_old_tree_and_marks_dirty),
		cmocka_unit_test(test_swap_root_keeps_serialization_canonical),
		cmocka_unit_test(test_save_to_own_path_keeps_path),
		cmocka_unit_test(test_undo_keeps_at_most_its_levels),
		cmocka_unit_test(
		    test_undo_of_a_large_dossier_stays_within_its_memory_budget),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
