/* The list behaviour; see list.h. */
#include "config.h"

#include "tui/list.h"

int
list_is_move(enum key_action act)
{
	return act == KA_UP || act == KA_DOWN || act == KA_PGUP ||
	    act == KA_PGDN || act == KA_HOME || act == KA_END;
}

size_t
list_move(size_t cur, size_t n, size_t page, enum key_action act)
{
	size_t step = page > 1 ? page - 1 : 1;

	if (n == 0)
		return 0;
	if (cur >= n)
		cur = n - 1;
	switch (act) {
	case KA_UP:
		return cur > 0 ? cur - 1 : 0;
	case KA_DOWN:
		return cur + 1 < n ? cur + 1 : cur;
	case KA_PGUP:
		return cur > step ? cur - step : 0;
	case KA_PGDN:
		return cur + step < n ? cur + step : n - 1;
	case KA_HOME:
		return 0;
	case KA_END:
		return n - 1;
	default:
		return cur;
	}
}

void
list_scroll(size_t cur, size_t h, size_t *top)
{
	if (h == 0)
		h = 1;
	if (cur < *top)
		*top = cur;
	if (cur >= *top + h)
		*top = cur - h + 1;
}
