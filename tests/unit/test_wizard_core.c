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

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(
		    test_swap_root_returns_old_tree_and_marks_dirty),
		cmocka_unit_test(test_swap_root_keeps_serialization_canonical),
		cmocka_unit_test(test_save_to_own_path_keeps_path),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
