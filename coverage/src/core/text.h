/*
 * Text from dossiers and templates is untrusted: before it reaches a
 * terminal, control characters, escape sequences, bidirectional overrides
 * and invisible characters are turned into visible placeholders, so a file
 * can neither drive the terminal nor disguise what it says.
 */
#ifndef DOSSIER_TEXT_H
#define DOSSIER_TEXT_H

#include <stddef.h>
#include <stdint.h>

/*
 * Decode one UTF-8 character at s (n bytes available).  Returns its length
 * (1 to 4) and stores the code point, or returns 1 and stores -1 for an
 * invalid or truncated sequence.
 */
int text_decode(const char *s, size_t n, int32_t *cp);

/* Should code point cp be shown as a placeholder rather than as itself? */
int text_is_hazard(int32_t cp);

/*
 * A copy of s with every hazard replaced: C0 and C1 controls and DEL as
 * "^X" or "<U+009B>", other hazards as "<U+202E>", invalid bytes as
 * "<0xFF>".  If keep_newlines, '\n' and '\t' pass through.  Caller frees.
 */
char *text_sanitize(const char *s, int keep_newlines);

/* JSON string body for s (no quotes), hazards escaped as \uXXXX. */
char *text_json(const char *s);

#endif
