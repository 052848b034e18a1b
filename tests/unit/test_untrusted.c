/*
 * Files beside a dossier are untrusted, and outputs must be safe to
 * replace: the core side of issue 12's first two points.  Each test plants
 * what someone who can write a shared folder could plant (a symbolic link,
 * a FIFO, a file of another user) and checks it is refused, never
 * followed, never blocked on, never replaced.  Also: names beside a
 * dossier stay within NAME_MAX for any legal name, and a file read into
 * memory is NUL-terminated even when empty.
 */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/diag.h"
#include "core/lock.h"
#include "core/outpath.h"
#include "core/store.h"
#include "core/xalloc.h"
#include "core/ytree.h"
#include "tui/recover.h"

static char dir[64];

static int
setup(void **state)
{
	(void)state;
	snprintf(dir, sizeof dir, "/tmp/dossier-untrusted.XXXXXX");
	assert_non_null(mkdtemp(dir));
	return 0;
}

static int
teardown(void **state)
{
	char *cmd = xasprintf("rm -rf '%s'", dir);

	(void)state;
	assert_int_equal(system(cmd), 0);
	free(cmd);
	return 0;
}

static char *
at(const char *name)
{
	return xasprintf("%s/%s", dir, name);
}

static void
put(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");

	assert_non_null(f);
	fputs(text, f);
	assert_int_equal(fclose(f), 0);
}

/* The last component of p. */
static const char *
base(const char *p)
{
	return strrchr(p, '/') + 1;
}

/*
 * Another user to own planted files: needs root.  Without it the cases
 * that plant another user's file cannot run, and main makes the whole
 * test a SKIP (77) rather than a pass.
 */
static int gave_away_failed;

static int
give_away(const char *path)
{
	if (lchown(path, 65534, 65534) == 0)
		return 1;
	gave_away_failed = 1;
	return 0;
}

static void
test_side_names_fit_name_max(void **state)
{
	char name[NAME_MAX + 1], *p, *q, *d;
	size_t i;

	(void)state;
	/* The longest legal name, ASCII and then three-byte characters. */
	memset(name, 'a', NAME_MAX);
	name[NAME_MAX] = '\0';
	d = xasprintf("%s/%s", dir, name);
	p = store_side_path(d, ".20261130-120000.dossier-recover");
	assert_true(strlen(base(p)) <= NAME_MAX);
	free(p);
	p = lock_path(d);
	assert_true(strlen(base(p)) <= NAME_MAX);
	/* Two long names sharing a prefix keep different neighbours. */
	name[NAME_MAX - 1] = 'b';
	free(d);
	d = xasprintf("%s/%s", dir, name);
	q = lock_path(d);
	assert_string_not_equal(p, q);
	free(p);
	free(q);
	free(d);
	for (i = 0; i + 3 <= NAME_MAX; i += 3)
		memcpy(name + i, "\xe4\xb8\xad", 3);	/* 中 */
	name[i] = '\0';
	d = xasprintf("%s/%s", dir, name);
	p = recover_path(d);
	assert_true(strlen(base(p)) <= NAME_MAX);
	/* Cut at a character boundary: the name is still valid UTF-8. */
	assert_int_equal(((unsigned char)base(p)[1] & 0xC0) != 0x80, 1);
	q = strchr(base(p), '~');
	assert_non_null(q);
	assert_true(((unsigned char)q[-1] & 0xC0) == 0x80 ||
	    (unsigned char)q[-1] < 0x80);
	free(p);
	free(d);
	/* Short names are left alone. */
	d = at("client.yaml");
	p = recover_path(d);
	assert_string_equal(base(p), ".client.yaml.dossier-recover");
	free(p);
	free(d);
}

/* A dossier with the longest legal name saves, locks and autosaves. */
static void
test_longest_name_saves(void **state)
{
	char name[NAME_MAX + 1], *d, *r;
	struct lock *l = NULL;
	struct lock_info who;
	struct diag err;
	struct stat st;

	(void)state;
	memset(name, 'x', NAME_MAX);
	name[NAME_MAX] = '\0';
	d = xasprintf("%s/%s", dir, name);
	assert_int_equal(store_write_atomic(d, "format: 1\n", 10, NULL, &err),
	    0);
	assert_int_equal(store_write_atomic(d, "format: 1\n", 10, NULL, &err),
	    0);
	assert_int_equal(lock_acquire(d, &l, &who, &err), LOCK_TAKEN);
	r = recover_path(d);
	assert_int_equal(store_write_side(r, "x\n", 2, 0600, "the recovery "
	    "file", &err), 0);
	assert_int_equal(stat(r, &st), 0);
	unlink(r);
	lock_release(l);
	free(r);
	unlink(d);
	free(d);
}

static void
test_open_side_refuses_link_fifo_and_stranger(void **state)
{
	char *p = at(".d.yaml.dossier-recover"), *target = at("target");
	struct diag err;
	struct stat st;
	int fd;

	(void)state;
	put(target, "secret\n");
	assert_int_equal(symlink(target, p), 0);
	fd = store_open_side(p, O_RDONLY, 0, 0, "the recovery file", &st,
	    &err);
	assert_int_equal(fd, -1);
	assert_non_null(strstr(err.msg, "symbolic link"));
	/* Nor written through: the link stays, the target keeps its text. */
	assert_int_equal(store_write_side(p, "evil\n", 5, 0600,
	    "the recovery file", &err), -1);
	assert_non_null(strstr(err.msg, "symbolic link"));
	assert_int_equal(lstat(p, &st), 0);
	assert_true(S_ISLNK(st.st_mode));
	unlink(p);
	unlink(target);
	/* A dangling link (the old code created its target). */
	assert_int_equal(symlink(target, p), 0);
	assert_int_equal(store_write_side(p, "evil\n", 5, 0600,
	    "the recovery file", &err), -1);
	assert_int_equal(access(target, F_OK), -1);
	unlink(p);

	/* A FIFO with no writer: a blocking open would never return. */
	assert_int_equal(mkfifo(p, 0644), 0);
	alarm(5);
	fd = store_open_side(p, O_RDONLY, 0, 0, "the recovery file", &st,
	    &err);
	alarm(0);
	assert_int_equal(fd, -1);
	assert_non_null(strstr(err.msg, "not a regular file"));
	assert_int_equal(store_write_side(p, "x", 1, 0600, "the recovery "
	    "file", &err), -1);
	unlink(p);

	/* Missing: ENOENT, so callers can tell "none" from "refused". */
	assert_int_equal(store_open_side(p, O_RDONLY, 0, 0, "the recovery "
	    "file", &st, &err), -1);
	assert_int_equal(errno, ENOENT);

	/* Another user's file: refused unless any owner is allowed. */
	put(p, "theirs\n");
	if (give_away(p)) {
		assert_int_equal(store_open_side(p, O_RDONLY, 0, 0,
		    "the recovery file", &st, &err), -1);
		assert_non_null(strstr(err.msg, "another user"));
		fd = store_open_side(p, O_RDONLY, 0, STORE_SIDE_ANY_OWNER,
		    "the lock file", &st, &err);
		assert_true(fd >= 0);
		close(fd);
		assert_int_equal(store_write_side(p, "mine\n", 5, 0600,
		    "the recovery file", &err), -1);
	}
	unlink(p);
	free(p);
	free(target);
}

static void
test_recover_refuses_planted_files(void **state)
{
	char *d = at("d.yaml"), *r, *target = at("elsewhere");
	struct diag err;
	time_t when;

	(void)state;
	put(d, "format: 1\n");
	r = recover_path(d);
	put(target, "format: 1\n");
	assert_int_equal(symlink(target, r), 0);
	assert_int_equal(recover_pending(r, d, &when, &err), -1);
	assert_null(recover_load(r, NULL, &err));
	recover_remove(r);
	assert_int_equal(access(target, F_OK), 0);	/* not what it names */
	unlink(r);
	put(r, "format: 1\n");
	if (give_away(r)) {
		assert_int_equal(recover_pending(r, d, &when, &err), -1);
		assert_non_null(strstr(err.msg, "another user"));
		recover_remove(r);
		assert_int_equal(access(r, F_OK), 0);	/* theirs: kept */
	}
	unlink(r);
	assert_int_equal(recover_pending(r, d, &when, &err), 0);
	unlink(target);
	unlink(d);
	free(r);
	free(d);
	free(target);
}

static void
test_lock_refuses_fifo_and_link_and_foreign(void **state)
{
	char *d = at("d.yaml"), *lp, *target = at("target");
	struct lock *l = NULL;
	struct lock_info who;
	struct diag err;
	char desc[512];
	int fd;

	(void)state;
	lp = lock_path(d);
	assert_int_equal(mkfifo(lp, 0644), 0);
	alarm(5);
	assert_int_equal(lock_acquire(d, &l, &who, &err), LOCK_ERROR);
	assert_int_equal(lock_take_over(d, &l, &who, &err), LOCK_ERROR);
	alarm(0);
	assert_null(l);
	assert_non_null(strstr(err.msg, "FIFO"));
	unlink(lp);
	assert_int_equal(symlink(target, lp), 0);
	assert_int_equal(lock_acquire(d, &l, &who, &err), LOCK_ERROR);
	assert_non_null(strstr(err.msg, "symbolic link"));
	assert_int_equal(access(target, F_OK), -1);
	unlink(lp);
	/* Another user's stale lock: shown as theirs, never taken over. */
	fd = open(lp, O_WRONLY | O_CREAT | O_EXCL, 0644);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, "1 host mallory 0\n", 17), 17);
	close(fd);
	if (give_away(lp)) {
		assert_int_equal(lock_acquire(d, &l, &who, &err), LOCK_BUSY);
		assert_true(who.foreign);
		assert_string_not_equal(who.user, "mallory");
		lock_describe(&who, desc, sizeof desc);
		assert_non_null(strstr(desc, "by hand"));
		assert_int_equal(lock_take_over(d, &l, &who, &err), LOCK_BUSY);
		assert_null(l);
		assert_int_equal(access(lp, F_OK), 0);
	}
	unlink(lp);
	free(lp);
	free(d);
	free(target);
}

static void
test_outputs_vetted(void **state)
{
	char *d = at("d.yaml"), *hard = at("hard.yaml"), *soft = at("soft"),
	    *fifo = at("fifo"), *n1 = at("new"), *n2, *sub = at("sub");
	struct diag err;

	(void)state;
	put(d, "format: 1\n");
	assert_int_equal(link(d, hard), 0);
	assert_int_equal(symlink("d.yaml", soft), 0);
	assert_int_equal(mkfifo(fifo, 0644), 0);
	assert_int_equal(outpath_vet(d, d, 0, "the checklist", &err), -1);
	assert_int_equal(err.code, DIAG_IO);
	assert_int_equal(outpath_vet(hard, d, 0, "the checklist", &err), -1);
	assert_int_equal(outpath_vet(soft, d, 0, "the checklist", &err), -1);
	assert_int_equal(outpath_vet(d, d, 1, "the YAML", &err), 0);
	assert_int_equal(outpath_vet(fifo, d, 1, "the YAML", &err), -1);
	assert_non_null(strstr(err.msg, "not a regular file"));
	assert_int_equal(outpath_vet(dir, d, 1, "the YAML", &err), -1);
	assert_int_equal(outpath_vet(n1, d, 0, "the checklist", &err), 0);
	assert_int_equal(outpath_vet("", d, 0, "the checklist", &err), -1);
	assert_int_equal(err.code, DIAG_USAGE);
	/* New names: same folder reached two ways, same last component. */
	assert_int_equal(mkdir(sub, 0755), 0);
	n2 = xasprintf("%s/sub/../new", dir);
	assert_true(outpath_same(n1, n2));
	assert_false(outpath_same(n1, d));
	assert_true(outpath_same(hard, d));
	/* The store itself never replaces a FIFO, even when asked directly. */
	assert_int_equal(store_write_atomic(fifo, "x", 1, NULL, &err), -1);
	unlink(d);
	unlink(hard);
	unlink(soft);
	unlink(fifo);
	rmdir(sub);
	free(d);
	free(hard);
	free(soft);
	free(fifo);
	free(n1);
	free(n2);
	free(sub);
}

/* An empty file comes back as "", with a NUL after its 0 bytes. */
static void
test_slurp_terminates(void **state)
{
	char *p = at("empty"), *buf;
	struct diag err;
	size_t len = 99;

	(void)state;
	put(p, "");
	buf = yt_slurp(p, &len, &err);
	assert_non_null(buf);
	assert_int_equal(len, 0);
	assert_int_equal(buf[0], '\0');
	free(buf);
	put(p, "abc");
	buf = yt_slurp(p, &len, &err);
	assert_int_equal(len, 3);
	assert_int_equal(buf[3], '\0');
	free(buf);
	unlink(p);
	free(p);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_side_names_fit_name_max,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_longest_name_saves,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_open_side_refuses_link_fifo_and_stranger, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(
		    test_recover_refuses_planted_files, setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_lock_refuses_fifo_and_link_and_foreign, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_outputs_vetted, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_slurp_terminates, setup,
		    teardown),
	};
	int failed = cmocka_run_group_tests(tests, NULL, NULL);

	if (failed == 0 && gave_away_failed) {
		printf("SKIP: cannot give a file to another user (needs root): "
		    "the other-user cases were not tested\n");
		return 77;
	}
	return failed;
}
