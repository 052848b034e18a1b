#include "config.h"

#include "core/text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/invisible.h"
#include "core/xalloc.h"

int
text_decode(const char *str, size_t n, int32_t *cp)
{
	const unsigned char *s = (const unsigned char *)str;
	int len, i;
	int32_t c;

	if (n == 0) {
		*cp = -1;
		return 1;
	}
	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	if (s[0] >= 0xC2 && s[0] <= 0xDF) {
		len = 2;
		c = s[0] & 0x1F;
	} else if (s[0] >= 0xE0 && s[0] <= 0xEF) {
		len = 3;
		c = s[0] & 0x0F;
	} else if (s[0] >= 0xF0 && s[0] <= 0xF4) {
		len = 4;
		c = s[0] & 0x07;
	} else {
		*cp = -1;
		return 1;
	}
	if ((size_t)len > n) {
		*cp = -1;
		return 1;
	}
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xC0) != 0x80) {
			*cp = -1;
			return 1;
		}
		c = (c << 6) | (s[i] & 0x3F);
	}
	/* Overlong forms, surrogates and values past U+10FFFF. */
	if ((len == 3 && c < 0x800) || (len == 4 && c < 0x10000) ||
	    (c >= 0xD800 && c <= 0xDFFF) || c > 0x10FFFF) {
		*cp = -1;
		return 1;
	}
	*cp = c;
	return len;
}

int
text_is_hazard(int32_t cp)
{
	size_t lo = 0, hi = sizeof invisible_ranges /
	    sizeof invisible_ranges[0], mid;

	if (cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp <= 0x9F))
		return 1;
	/* Line and paragraph separators break lines where none shows. */
	if (cp == 0x2028 || cp == 0x2029)
		return 1;
	/* Invisible and reordering characters: the generated table. */
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (cp < invisible_ranges[mid].lo)
			hi = mid;
		else if (cp > invisible_ranges[mid].hi)
			lo = mid + 1;
		else
			return 1;
	}
	return 0;
}

char *
text_sanitize(const char *s, int keep_newlines)
{
	struct xbuf b = { NULL, 0, 0 };
	size_t n = strlen(s), i = 0;
	char tmp[16];
	int32_t cp;
	int len;

	xbuf_add(&b, "", 0);
	while (i < n) {
		size_t run = i;

		/* Printable ASCII needs no look-up: copy it a run at once
		 * (check prints millions of lines through here). */
		while (run < n && (unsigned char)s[run] >= 0x20 &&
		    (unsigned char)s[run] < 0x7F)
			run++;
		if (run > i) {
			xbuf_add(&b, s + i, run - i);
			i = run;
			continue;
		}
		len = text_decode(s + i, n - i, &cp);
		if (cp < 0) {
			snprintf(tmp, sizeof tmp, "<0x%02X>",
			    (unsigned char)s[i]);
			xbuf_add(&b, tmp, strlen(tmp));
		} else if (keep_newlines && (cp == '\n' || cp == '\t')) {
			xbuf_add(&b, s + i, 1);
		} else if (cp < 0x20 || cp == 0x7F) {
			snprintf(tmp, sizeof tmp, "^%c", cp == 0x7F ? '?' :
			    (char)(cp + '@'));
			xbuf_add(&b, tmp, strlen(tmp));
		} else if (text_is_hazard(cp)) {
			snprintf(tmp, sizeof tmp, "<U+%04X>", (unsigned)cp);
			xbuf_add(&b, tmp, strlen(tmp));
		} else {
			xbuf_add(&b, s + i, (size_t)len);
		}
		i += (size_t)len;
	}
	return b.p;
}

char *
text_json(const char *s)
{
	struct xbuf b = { NULL, 0, 0 };
	size_t n = strlen(s), i = 0;
	char tmp[16];
	int32_t cp;
	int len;

	xbuf_add(&b, "", 0);
	while (i < n) {
		size_t run = i;

		while (run < n && (unsigned char)s[run] >= 0x20 &&
		    (unsigned char)s[run] < 0x7F && s[run] != '"' &&
		    s[run] != '\\')
			run++;
		if (run > i) {
			xbuf_add(&b, s + i, run - i);
			i = run;
			continue;
		}
		len = text_decode(s + i, n - i, &cp);
		if (cp == '"' || cp == '\\') {
			tmp[0] = '\\';
			tmp[1] = (char)cp;
			xbuf_add(&b, tmp, 2);
		} else if (cp == '\n') {
			xbuf_add(&b, "\\n", 2);
		} else if (cp == '\t') {
			xbuf_add(&b, "\\t", 2);
		} else if (cp < 0) {
			/* Not UTF-8: JSON cannot carry the byte itself. */
			xbuf_add(&b, "\\ufffd", 6);
		} else if (text_is_hazard(cp) && cp > 0xFFFF) {
			/* JSON escapes only 16 bits: a surrogate pair. */
			snprintf(tmp, sizeof tmp, "\\u%04x\\u%04x",
			    0xD800u + (((unsigned)cp - 0x10000u) >> 10),
			    0xDC00u + (((unsigned)cp - 0x10000u) & 0x3FFu));
			xbuf_add(&b, tmp, strlen(tmp));
		} else if (text_is_hazard(cp)) {
			snprintf(tmp, sizeof tmp, "\\u%04x", (unsigned)cp);
			xbuf_add(&b, tmp, strlen(tmp));
		} else {
			xbuf_add(&b, s + i, (size_t)len);
		}
		i += (size_t)len;
	}
	return b.p;
}
