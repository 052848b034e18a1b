/*
 * Editing an answer in the user's own editor: $VISUAL, else $EDITOR,
 * else vi, run through /bin/sh so "code -w" works, on a private temporary
 * file (mode 0600, removed afterwards).  Curses is suspended meanwhile.
 */
#ifndef DOSSIER_EXTEDIT_H
#define DOSSIER_EXTEDIT_H

#include <stddef.h>

/*
 * Returns 0 with *out set to the new text (caller frees; trailing
 * newlines removed), or -1 with a one-line reason in why, in which case
 * the answer must stay as it was: the editor could not start, failed,
 * was killed, or wrote text that is not UTF-8.
 */
int extedit_run(const char *text, char **out, char *why, size_t size);

#endif
