/* The list behaviour; see list.h. */
#include "config.h"

#include "tui/list.h"

int
list_is_move(enum key_action act)
{
	return act == KA_UP || act == KA_DOWN || act == KA_PGUP ||
	    act == KA_PGDN || act == KA_HOME || act == KA_END;
}

static int
can_focus(const struct list *l, size_t i)
{
	return l->ok == NULL || l->ok(l->arg, i);
}

/* The first row from i on, in direction dir, that may take the focus;
 * stops before end (exclusive, in that direction); n when none. */
static size_t
scan(const struct list *l, size_t i, int dir, size_t end)
{
	while (i != end && i < l->n) {
		if (can_focus(l, i))
			return i;
		if (dir < 0 && i == 0)
			break;
		i = dir > 0 ? i + 1 : i - 1;
	}
	return l->n;
}

size_t
list_near(const struct list *l, size_t c, int dir)
{
	size_t i;

	if (l->n == 0)
		return 0;
	if (c >= l->n)
		c = l->n - 1;
	if ((i = scan(l, c, dir, dir > 0 ? l->n : (size_t)-1)) < l->n)
		return i;
	if ((i = scan(l, c, -dir, dir > 0 ? (size_t)-1 : l->n)) < l->n)
		return i;
	return c;
}

size_t
list_move(const struct list *l, size_t cur, enum key_action act)
{
	size_t step = l->page > 1 ? l->page - 1 : 1, i, t;

	if (l->n == 0)
		return 0;
	if (cur >= l->n)
		cur = l->n - 1;
	switch (act) {
	case KA_UP:
		i = cur > 0 ? scan(l, cur - 1, -1, (size_t)-1) : l->n;
		return i < l->n ? i : cur;
	case KA_DOWN:
		i = scan(l, cur + 1, 1, l->n);
		return i < l->n ? i : cur;
	case KA_PGUP:
		t = cur > step ? cur - step : 0;
		/* Up from the target first; else back down, short of cur. */
		if ((i = scan(l, t, -1, (size_t)-1)) < l->n ||
		    (i = scan(l, t, 1, cur)) < l->n)
			return i;
		return cur;
	case KA_PGDN:
		t = cur + step < l->n ? cur + step : l->n - 1;
		if ((i = scan(l, t, 1, l->n)) < l->n ||
		    (t > cur && (i = scan(l, t, -1, cur)) < l->n))
			return i;
		return cur;
	case KA_HOME:
		i = scan(l, 0, 1, l->n);
		return i < l->n ? i : cur;
	case KA_END:
		i = scan(l, l->n - 1, -1, (size_t)-1);
		return i < l->n ? i : cur;
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

size_t
list_draw(size_t cur, size_t n, size_t h, size_t *top, list_row_fn row,
    void *arg)
{
	size_t r;

	if (*top >= n)
		*top = n > 0 ? n - 1 : 0;
	if (n > 0)
		list_scroll(cur, h, top);
	/* No empty rows at the end while rows above are hidden. */
	if (n > h && *top > n - h)
		*top = n - h;
	for (r = 0; r < h && *top + r < n; r++)
		row(arg, *top + r, (int)r, *top + r == cur);
	return r;
}
