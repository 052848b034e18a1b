/* The external editor; see extedit.h. */
#include "config.h"

#include "tui/extedit.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "core/diag.h"
#include "core/lang.h"
#include "core/text.h"
#include "core/xalloc.h"
#include "core/ytree.h"
#include "tui/screen.h"

static const char *
editor_command(void)
{
	const char *e = getenv("VISUAL");

	if (e == NULL || *e == '\0')
		e = getenv("EDITOR");
	if (e == NULL || *e == '\0')
		e = "vi";
	return e;
}

static int
write_all(int fd, const char *s, size_t len)
{
	ssize_t n;

	while (len > 0) {
		n = write(fd, s, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		s += n;
		len -= (size_t)n;
	}
	return 0;
}

/* A private file holding text; returns its name or NULL. */
static char *
make_temp(const char *text)
{
	const char *dir = getenv("TMPDIR");
	char *path;
	size_t len = strlen(text);
	int fd, ok;

	if (dir == NULL || *dir == '\0')
		dir = "/tmp";
	path = xasprintf("%s/dossier-answer-XXXXXX.txt", dir);
	fd = mkstemps(path, 4);		/* mode 0600 */
	if (fd < 0) {
		free(path);
		return NULL;
	}
	ok = write_all(fd, text, len) == 0 &&
	    (len == 0 || text[len - 1] == '\n' || write_all(fd, "\n", 1) == 0);
	if (close(fd) < 0 || !ok) {
		unlink(path);
		free(path);
		return NULL;
	}
	return path;
}

/* Run the editor on path; returns the wait status or -1. */
static int
run_editor(const char *path)
{
	char *cmd = xasprintf("%s \"$1\"", editor_command());
	pid_t pid;
	int status;

	scr_suspend();
	pid = fork();
	if (pid == 0) {
		execl("/bin/sh", "sh", "-c", cmd, "sh", path, (char *)NULL);
		_exit(127);
	}
	free(cmd);
	status = -1;
	if (pid > 0)
		while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
			;
	scr_resume();
	/* A Ctrl+C typed in the editor was the editor's, not ours. */
	scr_take_interrupt();
	return status;
}

static int
valid_utf8(const char *s, size_t len)
{
	size_t i = 0;
	int32_t cp;

	while (i < len) {
		i += (size_t)text_decode(s + i, len - i, &cp);
		if (cp <= 0)
			return 0;
	}
	return 1;
}

static int
read_back(const char *path, char **out, char *why, size_t size)
{
	struct diag err;
	size_t len;
	char *buf;

	buf = yt_slurp(path, &len, &err);
	if (buf == NULL) {
		snprintf(why, size, _("Answer unchanged: cannot read the "
		    "editor's file back: %s"), err.msg);
		return -1;
	}
	if (!valid_utf8(buf, len)) {
		snprintf(why, size, "%s", _("Answer unchanged: the editor "
		    "wrote text that is not UTF-8 (or holds NUL bytes)."));
		free(buf);
		return -1;
	}
	while (len > 0 && (buf[len - 1] == '\n' || buf[len - 1] == '\r'))
		buf[--len] = '\0';
	*out = buf;
	return 0;
}

int
extedit_run(const char *text, char **out, char *why, size_t size)
{
	char *path;
	int status, rc = -1;

	*out = NULL;
	path = make_temp(text != NULL ? text : "");
	if (path == NULL) {
		snprintf(why, size, _("Answer unchanged: cannot create a "
		    "temporary file for the editor: %s"), strerror(errno));
		return -1;
	}
	status = run_editor(path);
	if (status == -1)
		snprintf(why, size, _("Answer unchanged: cannot start the "
		    "editor: %s"), strerror(errno));
	else if (WIFSIGNALED(status))
		/* TRANSLATORS: %.64s is the editor's command ($VISUAL). */
		snprintf(why, size, _("Answer unchanged: the editor (%.64s) "
		    "was killed by signal %d."), editor_command(),
		    WTERMSIG(status));
	/* The editor runs under sh -c, which reports its death as 128+N. */
	else if (WEXITSTATUS(status) > 128 && WEXITSTATUS(status) < 160)
		snprintf(why, size, _("Answer unchanged: the editor (%.64s) "
		    "was killed by signal %d."), editor_command(),
		    WEXITSTATUS(status) - 128);
	else if (WEXITSTATUS(status) == 127)
		snprintf(why, size, _("Answer unchanged: cannot run the editor "
		    "'%.64s' (set VISUAL or EDITOR)."), editor_command());
	else if (WEXITSTATUS(status) != 0)
		snprintf(why, size, _("Answer unchanged: the editor (%.64s) "
		    "failed with status %d."), editor_command(),
		    WEXITSTATUS(status));
	else
		rc = read_back(path, out, why, size);
	unlink(path);
	free(path);
	return rc;
}
