/* The editing lock: taken, refused while held, stale after its holder died. */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "core/lock.h"
#include "core/xalloc.h"

struct fixture {
	char dir[64];
	char *dossier;
	char *lockfile;
};

static int
setup(void **state)
{
	struct fixture *fx = xcalloc(1, sizeof *fx);

	snprintf(fx->dir, sizeof fx->dir, "/tmp/dossier-lock.XXXXXX");
	assert_non_null(mkdtemp(fx->dir));
	fx->dossier = xasprintf("%s/client.yaml", fx->dir);
	fx->lockfile = xasprintf("%s/.client.yaml.dossier-lock", fx->dir);
	*state = fx;
	return 0;
}

static int
teardown(void **state)
{
	struct fixture *fx = *state;

	unlink(fx->lockfile);
	rmdir(fx->dir);
	free(fx->dossier);
	free(fx->lockfile);
	free(fx);
	return 0;
}

static void
test_lock_is_named_beside_the_dossier(void **state)
{
	struct fixture *fx = *state;
	char *p = lock_path(fx->dossier);

	assert_string_equal(p, fx->lockfile);
	free(p);
}

static void
test_lock_second_editor_is_refused_with_the_holder(void **state)
{
	struct fixture *fx = *state;
	struct lock *mine, *other;
	struct lock_info who;
	struct diag err;

	assert_int_equal(lock_acquire(fx->dossier, &mine, &who, &err),
	    LOCK_TAKEN);
	assert_int_equal(access(fx->lockfile, F_OK), 0);
	assert_int_equal(lock_acquire(fx->dossier, &other, &who, &err),
	    LOCK_BUSY);
	assert_null(other);
	assert_int_equal(who.pid, (long)getpid());
	assert_true(who.since > 0);
	/* A live lock is never taken over. */
	assert_int_equal(lock_take_over(fx->dossier, &other, &who, &err),
	    LOCK_BUSY);
	lock_release(mine);
	assert_int_equal(access(fx->lockfile, F_OK), -1);
}

static void
test_lock_left_by_a_dead_editor_is_stale_and_can_be_taken(void **state)
{
	struct fixture *fx = *state;
	struct lock *l;
	struct lock_info who;
	struct diag err;
	pid_t child;
	int status;

	child = fork();
	assert_true(child >= 0);
	if (child == 0) {
		/* Take it and die without releasing, like kill -9. */
		_exit(lock_acquire(fx->dossier, &l, &who, &err) == LOCK_TAKEN ?
		    0 : 1);
	}
	assert_int_equal(waitpid(child, &status, 0), child);
	assert_int_equal(WEXITSTATUS(status), 0);
	assert_int_equal(access(fx->lockfile, F_OK), 0);
	assert_int_equal(lock_acquire(fx->dossier, &l, &who, &err),
	    LOCK_STALE);
	assert_int_equal(who.pid, (long)child);
	assert_int_equal(lock_take_over(fx->dossier, &l, &who, &err),
	    LOCK_TAKEN);
	assert_non_null(l);
	lock_release(l);
}

static void
test_lock_with_garbage_inside_is_stale_not_a_crash(void **state)
{
	struct fixture *fx = *state;
	struct lock *l;
	struct lock_info who;
	struct diag err;
	int fd;

	fd = open(fx->lockfile, O_WRONLY | O_CREAT, 0644);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, "\x01\xff garbage", 10), 10);
	close(fd);
	assert_int_equal(lock_acquire(fx->dossier, &l, &who, &err),
	    LOCK_STALE);
	assert_int_equal(who.pid, 0);
	assert_int_equal(lock_take_over(fx->dossier, &l, &who, &err),
	    LOCK_TAKEN);
	lock_release(l);
}

static void
test_lock_describe_says_who_and_since_when(void **state)
{
	struct lock_info li = { 4242, "lab-pc", "alice", 0 };
	char buf[200];

	(void)state;
	lock_describe(&li, buf, sizeof buf);
	assert_non_null(strstr(buf, "pid 4242 on lab-pc, user alice"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(
		    test_lock_is_named_beside_the_dossier, setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_lock_second_editor_is_refused_with_the_holder, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(
		    test_lock_left_by_a_dead_editor_is_stale_and_can_be_taken,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_lock_with_garbage_inside_is_stale_not_a_crash, setup,
		    teardown),
		cmocka_unit_test(test_lock_describe_says_who_and_since_when),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
