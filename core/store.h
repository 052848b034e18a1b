/*
 * Atomic file replacement, the way git's lockfile and SQLite's journal
 * make a write all-or-nothing: the new bytes go to a temporary file in the
 * target's folder, are flushed with fsync, renamed over the target, and the
 * folder is flushed so the rename itself survives a power cut.  If any step
 * before the rename fails, the temporary file is removed and the target is
 * untouched.  A symbolic link is followed, so the link stays a link and its
 * target is replaced.  The target's permission bits are kept, and its owner
 * and group as far as the system lets us (a group the user belongs to, any
 * owner for root).  Other hard links to the target keep the old text.
 *
 * Every system call goes through store_ops, which tests replace to fail
 * the k-th operation (see tests/unit/test_store.c).
 */
#ifndef DOSSIER_STORE_H
#define DOSSIER_STORE_H

#include <stddef.h>
#include <sys/stat.h>
#include <sys/types.h>

#include "core/diag.h"

/*
 * A save killed half-way leaves its temporary file, ".NAME.xxxxxx.tmp"
 * beside NAME (six hex digits; NAME shortened as store_side_base says).  Nothing reads those; the next successful
 * save of NAME removes the ones older than this many seconds (younger
 * ones may belong to a save in progress).
 */
#define STORE_STALE_AGE 3600

struct store_ops {
	int (*open)(const char *path, int flags, mode_t mode);
	ssize_t (*write)(int fd, const void *buf, size_t n);
	int (*fsync)(int fd);
	int (*fchmod)(int fd, mode_t mode);
	int (*fchown)(int fd, uid_t uid, gid_t gid);
	int (*close)(int fd);
	int (*rename)(const char *from, const char *to);
	int (*unlink)(const char *path);
};

/*
 * Files beside a dossier (temporary, lock and recovery files) are named
 * ".NAME" plus a suffix of at most STORE_SIDE_SUFFIX_MAX bytes.  When NAME
 * is too long for that to fit in NAME_MAX, store_side_base shortens it to
 * a prefix (cut at a UTF-8 character boundary), "~" and 16 hex digits of
 * the SHA-256 of the whole NAME, so any legal dossier name has legal
 * neighbours and two long names sharing a prefix still differ.
 */
#define STORE_SIDE_SUFFIX_MAX 40
/* NAME or its shortened form; caller frees. */
char *store_side_base(const char *base);
/* dir-of-path/.BASE<suffix>, BASE from store_side_base; caller frees. */
char *store_side_path(const char *path, const char *suffix);

/*
 * Files beside a dossier are not trusted: in a shared or synced folder
 * anyone who can write the folder can plant one as a symbolic link (to
 * make us write through it), a FIFO (to hang us on open or read) or a
 * file of their own.  store_open_side opens path with rdopen_fd
 * (O_NOFOLLOW, O_NONBLOCK, O_CLOEXEC and O_NOCTTY added to flags), and keeps it only if fstat
 * says it is a regular file owned by the effective user (any owner with
 * STORE_SIDE_ANY_OWNER in how).  Returns the descriptor (blocking mode
 * restored) with *st filled, or -1: errno ENOENT when it does not exist
 * (err filled too), anything else with err saying what was refused and
 * why ("the recovery file is a symbolic link; not following it").  what
 * names the file in messages ("the lock file").
 */
#define STORE_SIDE_ANY_OWNER 1
int store_open_side(const char *path, int flags, mode_t mode, int how,
    const char *what, struct stat *st, struct diag *err);

/*
 * store_write_atomic for a file beside a dossier: path itself is
 * replaced (a symbolic link there is never followed), only when it is
 * missing or a regular file of ours, and the new file gets mode.
 */
int store_write_side(const char *path, const void *buf, size_t len,
    mode_t mode, const char *what, struct diag *err);

/*
 * Create a fresh temporary entry beside target, named
 * .BASE.xxxxxx.tmp: a file opened for writing (returns its descriptor)
 * or, with dir, a folder only we can enter (returns 0), for a writer that
 * must be handed a file name.  -1 with errno set.  *tmp gets the name.
 */
int store_create_temp_entry(const char *target, int dir, char **tmp);
/* Remove such a folder and the plain files directly in it. */
void store_remove_private_dir(const char *path);

/* The real system calls. */
extern const struct store_ops store_sys_ops;
/* What store_write_atomic uses; &store_sys_ops unless a test swaps it. */
extern const struct store_ops *store_ops;

/*
 * Replace path with buf atomically.  On failure returns -1 with err naming
 * the step that failed ("cannot save: writing the temporary file: No space
 * left on device") and leaves path as it was, with one exception: when
 * flushing the folder fails after the rename, path already holds the new
 * bytes (they may not survive a power cut).  If st is not NULL it receives
 * the new file's status as soon as the rename is done, so a caller can
 * tell that case apart; otherwise it is zeroed (st_nlink 0).  A target
 * (after following links) that exists but is not a regular file, such as
 * a device node, a FIFO or a folder, is never replaced.
 */
int store_write_atomic(const char *path, const void *buf, size_t len,
    struct stat *st, struct diag *err);

/*
 * Follow symbolic links from path to the file they name (at most 40
 * hops).  Returns a new string the caller frees; the path itself when it is
 * not a link or does not exist.
 */
char *store_resolve_links(const char *path);

/* The folder part of path ("." when there is none); caller frees. */
char *store_dirname(const char *path);

/* The permission bits target has, or a new file there would get. */
mode_t store_target_mode(const char *target);

/*
 * fsync a folder through store_ops, so a rename in it lasts; file systems
 * that cannot sync folders are not a failure.  0 or -1 with errno set.
 */
int store_sync_dir(const char *dir);

#endif
