/*
 * Comments, found with libyaml's scanner: they are what lies between two
 * tokens (a scalar, quoted, plain or a block, is one token, so a '#' in
 * it is not seen).  libyaml counts its marks in characters; the walk
 * turns them into byte offsets as it goes.
 */
#include "config.h"

#include "core/yamlcomment.h"

#include <yaml.h>

/* Advance *byte over chars characters of UTF-8 text. */
static size_t
skip_chars(const unsigned char *s, size_t len, size_t byte, size_t chars)
{
	while (chars > 0 && byte < len) {
		byte++;
		while (byte < len && (s[byte] & 0xC0) == 0x80)
			byte++;
		chars--;
	}
	return byte;
}

int
yaml_comment_line(const char *buf, size_t len)
{
	const unsigned char *s = (const unsigned char *)buf;
	yaml_parser_t p;
	yaml_token_t tok;
	size_t at = 0, at_char = 0, to, i;
	int line = 1, found = 0, done = 0;

	if (!yaml_parser_initialize(&p))
		return 0;
	yaml_parser_set_input_string(&p, s, len);
	while (!done && !found) {
		if (!yaml_parser_scan(&p, &tok))
			break;
		done = tok.type == YAML_STREAM_END_TOKEN;
		/* Tokens libyaml inserts afterwards (a key, a block's start
		 * or end) may point back: no gap then. */
		if (tok.start_mark.index < at_char ||
		    tok.end_mark.index < tok.start_mark.index) {
			yaml_token_delete(&tok);
			continue;
		}
		/* The gap before this token: whitespace and comments. */
		to = skip_chars(s, len, at, tok.start_mark.index - at_char);
		for (i = at; i < to && !found; i++) {
			if (s[i] == '#')
				found = line;
			else if (s[i] == '\n')
				line++;
		}
		/* Over the token, counting its lines. */
		at = to;
		at_char = tok.start_mark.index;
		to = skip_chars(s, len, at, tok.end_mark.index - at_char);
		for (i = at; i < to; i++)
			line += s[i] == '\n';
		at = to;
		at_char = tok.end_mark.index;
		yaml_token_delete(&tok);
	}
	yaml_parser_delete(&p);
	return found;
}
