#include "config.h"

#include "core/cond.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/lang.h"
#include "core/xalloc.h"

/*
 * Conditions: a tokenizer, a recursive-descent parser building a tree, a
 * binder and an evaluator.  The tree is the only state; there is none at
 * file level.  Recursion is bounded: the parser counts nesting (brackets,
 * "not" and calls) and stops at COND_MAX_DEPTH, and "and"/"or" chains are
 * n-ary nodes rather than deep left-leaning trees, so the depth of every
 * walk below is a small multiple of COND_MAX_DEPTH whatever the input.
 *
 * Positions are counted in characters (UTF-8 code points) because they are
 * shown to people who count what they see in their editor.
 *
 * Beyond the header: "and", "or", "not", comparisons, filled() and has()
 * yield booleans (never an operand's own value); count() yields a number;
 * has() matches its literal with the == rule, so has(x, 12) finds "12".
 * days_between(a, b) is the number of days from date a to date b (negative
 * when b comes first), or null unless both are real YYYY-MM-DD dates: a
 * deadline rule on an unanswered date then fails its comparison instead of
 * reading a garbage number.
 */

enum cond_tok_type {
	TOK_EOF,
	TOK_NAME,		/* possibly dotted: a.b.c */
	TOK_NUM,
	TOK_STR,
	TOK_LPAREN,
	TOK_RPAREN,
	TOK_COMMA,
	TOK_EQ,
	TOK_NE,
	TOK_LT,
	TOK_LE,
	TOK_GT,
	TOK_GE,
	TOK_AND,
	TOK_OR,
	TOK_NOT,
	TOK_TRUE,
	TOK_FALSE,
	TOK_NULL
};

struct cond_tok {
	enum cond_tok_type type;
	size_t start;		/* byte offset in the source */
	size_t len;		/* bytes, quotes included for strings */
	int line, col;
};

enum cond_node_kind {
	NODE_LIT,
	NODE_REF,
	NODE_NOT,
	NODE_AND,
	NODE_OR,
	NODE_CMP,
	NODE_FILLED,
	NODE_COUNT,
	NODE_HAS,
	NODE_DAYS
};

struct cond_node {
	enum cond_node_kind kind;
	int line, col;
	enum cond_tok_type op;		/* NODE_CMP */
	struct cval lit;		/* NODE_LIT; lit.str is litbuf */
	char *litbuf;
	struct cond_ref ref;		/* NODE_REF */
	char *reftext;			/* ref.text */
	char *refparts;			/* ref.parts point into it */
	struct cond_node **kids;	/* operands or call arguments */
	size_t nkids;
};

struct cond {
	char *src;
	char *file;
	struct cond_node *root;
};

struct cond_parser {
	const char *src;
	const char *file;
	size_t pos;		/* next byte to read */
	int line, col;		/* position of src[pos] */
	int depth;
	struct cond_tok tok;	/* the current token */
	struct diag *err;
};

/* What a call argument must be; checked as soon as it is parsed. */
enum cond_need { NEED_ANY, NEED_REF, NEED_LIT };

static const struct cond_func {
	const char *name;
	enum cond_node_kind kind;
	size_t min, max;
	const char *arity;
	enum cond_need need[2];
	const char *needtext[2];
} cond_funcs[] = {
	/* The words are translated where shown (diag_word). */
	{ "filled", NODE_FILLED, 1, 1, N_("1 argument"),
	    { NEED_REF, NEED_ANY }, { N_("a field name"), NULL } },
	{ "count", NODE_COUNT, 1, 2, N_("1 or 2 arguments"),
	    { NEED_REF, NEED_ANY }, { N_("a group name"), NULL } },
	{ "has", NODE_HAS, 2, 2, N_("2 arguments"),
	    { NEED_REF, NEED_LIT }, { N_("a field name"), N_("a value") } },
	{ "days_between", NODE_DAYS, 2, 2, N_("2 arguments"),
	    { NEED_ANY, NEED_ANY }, { NULL, NULL } },
};
#define COND_NFUNCS (sizeof cond_funcs / sizeof cond_funcs[0])

static const struct cond_word {
	const char *text;
	enum cond_tok_type type;
} cond_keywords[] = {
	{ "and", TOK_AND },
	{ "or", TOK_OR },
	{ "not", TOK_NOT },
	{ "yes", TOK_TRUE },
	{ "true", TOK_TRUE },
	{ "no", TOK_FALSE },
	{ "false", TOK_FALSE },
	{ "null", TOK_NULL },
};

static const struct cond_word cond_operators[] = {
	/* Two-byte operators first, so "<=" is not read as "<". */
	{ "==", TOK_EQ },
	{ "!=", TOK_NE },
	{ "<=", TOK_LE },
	{ ">=", TOK_GE },
	{ "<", TOK_LT },
	{ ">", TOK_GT },
	{ "(", TOK_LPAREN },
	{ ")", TOK_RPAREN },
	{ ",", TOK_COMMA },
};
#define COND_NKEYWORDS (sizeof cond_keywords / sizeof cond_keywords[0])
#define COND_NOPERATORS (sizeof cond_operators / sizeof cond_operators[0])

/* Longest token text quoted back in a message, in bytes. */
#define COND_QUOTE_MAX 40

static struct cond_node *parse_or(struct cond_parser *);

static int __attribute__((format(printf, 4, 5)))
parse_error(struct cond_parser *p, int line, int col, const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	diag_vset(p->err, DIAG_COND, p->file, line, col, fmt, ap);
	va_end(ap);
	return -1;
}

/* Bytes in the UTF-8 sequence led by c; 1 for a stray or invalid byte. */
static size_t
utf8_len(unsigned char c)
{
	if (c >= 0xf0 && c <= 0xf4)
		return 4;
	if (c >= 0xe0)
		return c <= 0xef ? 3 : 1;
	if (c >= 0xc2)
		return 2;
	return 1;
}

/* The code point of the sequence at s, or -1 when it is not valid UTF-8. */
static long
utf8_decode(const char *s)
{
	const unsigned char	*u = (const unsigned char *)s;
	size_t			 i, len = utf8_len(u[0]);
	long			 cp;

	if (len == 1)
		return u[0] < 0x80 ? u[0] : -1;
	cp = u[0] & (0x7f >> len);
	for (i = 1; i < len; i++) {
		if ((u[i] & 0xc0) != 0x80)
			return -1;
		cp = (cp << 6) | (u[i] & 0x3f);
	}
	/* Overlong forms, surrogates and values past U+10FFFF. */
	if ((len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) ||
	    (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff)
		return -1;
	return cp;
}

/* How many bytes of s[0..len) to quote: whole characters, at most a cap. */
static int
quote_len(const char *s, size_t len)
{
	size_t	n = 0, step;

	while (n < len) {
		step = utf8_len((unsigned char)s[n]);
		if (n + step > COND_QUOTE_MAX || n + step > len)
			break;
		n += step;
	}
	return (int)n;
}

static int
is_name_start(char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_';
}

static int
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static int
is_name_char(char c)
{
	return is_name_start(c) || is_digit(c) || c == '-';
}

static int
is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' ||
	    c == '\v' || c == '\f';
}

/*
 * Parse -?digits(.digits)? exactly, as numbers are written in conditions.
 * Not strtod: that follows LC_NUMERIC, and the program sets the locale.
 * Returns 0, or -1 if s is not such a number.
 */
static int
num_parse(const char *s, size_t len, double *out)
{
	double	mant = 0, scale = 1;
	size_t	i = 0;
	int	neg = 0, digits = 0;

	if (i < len && s[i] == '-') {
		neg = 1;
		i++;
	}
	for (; i < len && is_digit(s[i]); i++, digits++)
		mant = mant * 10 + (s[i] - '0');
	if (digits == 0)
		return -1;
	if (i < len && s[i] == '.') {
		if (++i == len || !is_digit(s[i]))
			return -1;
		/* Past 1e22 the scale is no longer exact; drop the rest. */
		for (; i < len && is_digit(s[i]); i++) {
			if (scale < 1e22) {
				mant = mant * 10 + (s[i] - '0');
				scale *= 10;
			}
		}
	}
	if (i != len)
		return -1;
	*out = (neg ? -mant : mant) / scale;
	return 0;
}

/* Tokenizer. */

static void
lex_advance(struct cond_parser *p)
{
	char	c = p->src[p->pos++];

	if (c == '\n') {
		p->line++;
		p->col = 1;
	} else if (((unsigned char)p->src[p->pos] & 0xc0) != 0x80)
		p->col++;
}

static void
lex_advance_n(struct cond_parser *p, size_t n)
{
	while (n-- > 0)
		lex_advance(p);
}

static void
lex_skip_space(struct cond_parser *p)
{
	while (is_space(p->src[p->pos]))
		lex_advance(p);
}

static enum cond_tok_type
lex_keyword(const char *s, size_t len)
{
	size_t	i;

	for (i = 0; i < COND_NKEYWORDS; i++) {
		if (strlen(cond_keywords[i].text) == len &&
		    memcmp(cond_keywords[i].text, s, len) == 0)
			return cond_keywords[i].type;
	}
	return TOK_NAME;
}

/* One part of a dotted name; returns 0 or -1 when it is not a name. */
static int
lex_name_part(struct cond_parser *p, int nparts)
{
	const char	*s = p->src + p->pos;
	size_t		 n = 0;
	int		 line = p->line, col = p->col;

	if (!is_name_start(s[0]))
		return parse_error(p, line, col, "expected a name after '.'");
	while (is_name_char(s[n]))
		n++;
	if (nparts > 0 && lex_keyword(s, n) != TOK_NAME)
		return parse_error(p, line, col,
		    "'%.*s' is a keyword, not a name", (int)n, s);
	lex_advance_n(p, n);
	return 0;
}

/* A name, a dotted reference or a keyword. */
static int
lex_word(struct cond_parser *p)
{
	struct cond_tok	*t = &p->tok;
	size_t		 first = 0;
	int		 nparts = 0;

	for (;;) {
		if (lex_name_part(p, nparts) == -1)
			return -1;
		if (++nparts == 1)
			first = p->pos - t->start;
		if (p->src[p->pos] != '.')
			break;
		lex_advance(p);
	}
	t->len = p->pos - t->start;
	t->type = TOK_NAME;
	if (nparts == 1)
		t->type = lex_keyword(p->src + t->start, t->len);
	else if (lex_keyword(p->src + t->start, first) != TOK_NAME)
		return parse_error(p, t->line, t->col,
		    "'%.*s' is a keyword, not a name", (int)first,
		    p->src + t->start);
	if (nparts > 3)
		return parse_error(p, t->line, t->col, "'%.*s' has %d parts; "
		    "at most 3 (template.section.field)",
		    quote_len(p->src + t->start, t->len), p->src + t->start,
		    nparts);
	return 0;
}

static int
lex_number(struct cond_parser *p)
{
	struct cond_tok	*t = &p->tok;
	const char	*s = p->src + t->start;
	size_t		 n = 0;

	if (s[n] == '-')
		n++;
	if (!is_digit(s[n]))
		return parse_error(p, t->line, t->col,
		    "expected a digit after '-'");
	while (is_digit(s[n]))
		n++;
	if (s[n] == '.' && is_digit(s[n + 1])) {
		n++;
		while (is_digit(s[n]))
			n++;
	}
	if (is_name_char(s[n]) || s[n] == '.') {
		while (is_name_char(s[n]) || s[n] == '.')
			n++;
		return parse_error(p, t->line, t->col,
		    "malformed number '%.*s'", quote_len(s, n), s);
	}
	lex_advance_n(p, n);
	t->type = TOK_NUM;
	t->len = n;
	return 0;
}

static int
lex_escape(struct cond_parser *p)
{
	const char	*s = p->src + p->pos;

	if (s[1] == '"' || s[1] == '\'' || s[1] == '\\') {
		lex_advance_n(p, 2);
		return 0;
	}
	return parse_error(p, p->line, p->col, "invalid escape '\\%.*s' in "
	    "string (only \\\", \\' and \\\\)",
	    quote_len(s + 1, utf8_len((unsigned char)s[1])), s + 1);
}

static int
lex_string(struct cond_parser *p)
{
	struct cond_tok	*t = &p->tok;
	char		 quote = p->src[p->pos];

	lex_advance(p);
	for (;;) {
		if (p->src[p->pos] == '\0' ||
		    (p->src[p->pos] == '\\' && p->src[p->pos + 1] == '\0'))
			return parse_error(p, t->line, t->col,
			    "unterminated string");
		if (p->src[p->pos] == quote)
			break;
		if (p->src[p->pos] == '\\') {
			if (lex_escape(p) == -1)
				return -1;
		} else
			lex_advance(p);
	}
	lex_advance(p);
	t->type = TOK_STR;
	t->len = p->pos - t->start;
	return 0;
}

static int
lex_bad_char(struct cond_parser *p)
{
	const char	*s = p->src + p->pos;
	unsigned char	 c = (unsigned char)*s;
	long		 cp;

	if (c == '=')
		return parse_error(p, p->line, p->col, "use '==' to compare");
	if (c == '!')
		return parse_error(p, p->line, p->col, "use 'not' to negate");
	if (c == '&')
		return parse_error(p, p->line, p->col, "use 'and' instead of '&'");
	if (c == '|')
		return parse_error(p, p->line, p->col, "use 'or' instead of '|'");
	if (c < 0x20 || c == 0x7f)
		return parse_error(p, p->line, p->col,
		    "unexpected control character 0x%02x", c);
	if (c < 0x80)
		return parse_error(p, p->line, p->col,
		    "unexpected character '%c'", c);
	/* The code point too: a stray no-break space looks like ' '. */
	if ((cp = utf8_decode(s)) == -1)
		return parse_error(p, p->line, p->col,
		    "invalid UTF-8 byte 0x%02x", c);
	return parse_error(p, p->line, p->col,
	    "unexpected character '%.*s' (U+%04lX)", (int)utf8_len(c), s, cp);
}

static int
lex_operator(struct cond_parser *p)
{
	const char	*s = p->src + p->pos;
	size_t		 i, n;

	for (i = 0; i < COND_NOPERATORS; i++) {
		n = strlen(cond_operators[i].text);
		if (strncmp(s, cond_operators[i].text, n) == 0) {
			p->tok.type = cond_operators[i].type;
			p->tok.len = n;
			lex_advance_n(p, n);
			return 0;
		}
	}
	return lex_bad_char(p);
}

/* Read the next token into p->tok. */
static int
lex_next(struct cond_parser *p)
{
	char	c;

	lex_skip_space(p);
	c = p->src[p->pos];
	p->tok.start = p->pos;
	p->tok.len = 0;
	p->tok.line = p->line;
	p->tok.col = p->col;
	if (c == '\0') {
		p->tok.type = TOK_EOF;
		return 0;
	}
	if (is_name_start(c))
		return lex_word(p);
	if (is_digit(c) || c == '-')
		return lex_number(p);
	if (c == '"' || c == '\'')
		return lex_string(p);
	return lex_operator(p);
}

/* Is the next non-blank byte after the current token a '('? */
static int
lex_call_follows(const struct cond_parser *p)
{
	size_t	i = p->pos;

	while (is_space(p->src[i]))
		i++;
	return p->src[i] == '(';
}

/* Tree. */

static struct cond_node *
node_new(enum cond_node_kind kind, int line, int col)
{
	struct cond_node	*n = xcalloc(1, sizeof *n);

	n->kind = kind;
	n->line = line;
	n->col = col;
	return n;
}

static void
node_add(struct cond_node *n, struct cond_node *kid)
{
	n->kids = xreallocarray(n->kids, n->nkids + 1, sizeof *n->kids);
	n->kids[n->nkids++] = kid;
}

static void
node_free(struct cond_node *n)
{
	size_t	i;

	if (n == NULL)
		return;
	for (i = 0; i < n->nkids; i++)
		node_free(n->kids[i]);
	free(n->kids);
	free(n->litbuf);
	free(n->reftext);
	free(n->refparts);
	free(n);
}

/* Parser. */

static struct cond_node *
parse_fail(struct cond_node *n)
{
	node_free(n);
	return NULL;
}

/* Describe the current token for "unexpected ..." messages. */
static int
parse_unexpected(struct cond_parser *p)
{
	const struct cond_tok	*t = &p->tok;
	const char		*s = p->src + t->start;

	if (t->type == TOK_STR)
		return parse_error(p, t->line, t->col, "unexpected string %.*s",
		    quote_len(s, t->len), s);
	return parse_error(p, t->line, t->col, "unexpected '%.*s'",
	    quote_len(s, t->len), s);
}

/* Count one level of nesting at the current token. */
static int
parse_enter(struct cond_parser *p)
{
	if (++p->depth > COND_MAX_DEPTH)
		return parse_error(p, p->tok.line, p->tok.col,
		    "conditions nest deeper than %d levels", COND_MAX_DEPTH);
	return 0;
}

static struct cond_node *
parse_string(struct cond_parser *p)
{
	struct cond_node	*n = node_new(NODE_LIT, p->tok.line, p->tok.col);
	const char		*s = p->src + p->tok.start + 1;
	size_t			 i, len = p->tok.len - 2, o = 0;

	n->litbuf = xmalloc(len + 1);
	for (i = 0; i < len; i++) {
		/* The tokenizer let through only valid escapes. */
		if (s[i] == '\\')
			i++;
		n->litbuf[o++] = s[i];
	}
	n->litbuf[o] = '\0';
	n->lit.kind = CVAL_STR;
	n->lit.str = n->litbuf;
	return n;
}

static struct cond_node *
parse_literal(struct cond_parser *p)
{
	struct cond_node	*n;

	if (p->tok.type == TOK_STR)
		n = parse_string(p);
	else {
		n = node_new(NODE_LIT, p->tok.line, p->tok.col);
		if (p->tok.type == TOK_NUM) {
			n->lit.kind = CVAL_NUM;
			num_parse(p->src + p->tok.start, p->tok.len,
			    &n->lit.num);
		} else if (p->tok.type == TOK_NULL)
			n->lit.kind = CVAL_NULL;
		else {
			n->lit.kind = CVAL_BOOL;
			n->lit.b = p->tok.type == TOK_TRUE;
		}
	}
	if (lex_next(p) == -1)
		return parse_fail(n);
	return n;
}

static struct cond_node *
parse_ref(struct cond_parser *p)
{
	struct cond_node	*n = node_new(NODE_REF, p->tok.line, p->tok.col);
	struct cond_ref		*r = &n->ref;
	char			*s;

	n->reftext = xstrndup(p->src + p->tok.start, p->tok.len);
	n->refparts = xstrdup(n->reftext);
	r->text = n->reftext;
	r->line = p->tok.line;
	r->col = p->tok.col;
	r->kind = COND_REF_VALUE;
	r->parts[r->nparts++] = n->refparts;
	for (s = n->refparts; (s = strchr(s, '.')) != NULL; s++) {
		*s = '\0';
		r->parts[r->nparts++] = s + 1;
	}
	if (lex_next(p) == -1)
		return parse_fail(n);
	return n;
}

static const struct cond_func *
parse_func_lookup(const struct cond_parser *p)
{
	size_t	i;

	for (i = 0; i < COND_NFUNCS; i++) {
		if (strlen(cond_funcs[i].name) == p->tok.len &&
		    memcmp(cond_funcs[i].name, p->src + p->tok.start,
		    p->tok.len) == 0)
			return &cond_funcs[i];
	}
	return NULL;
}

static int
parse_unknown_func(struct cond_parser *p)
{
	char	known[128] = "";
	size_t	i;

	for (i = 0; i < COND_NFUNCS; i++) {
		if (i > 0)
			strncat(known, ", ", sizeof known - strlen(known) - 1);
		strncat(known, cond_funcs[i].name,
		    sizeof known - strlen(known) - 1);
	}
	return parse_error(p, p->tok.line, p->tok.col,
	    "unknown function '%.*s' (known: %s)",
	    quote_len(p->src + p->tok.start, p->tok.len),
	    p->src + p->tok.start, known);
}

/* Parse argument i of a call to f and check it is of the kind f needs. */
static struct cond_node *
parse_arg(struct cond_parser *p, const struct cond_func *f, size_t i)
{
	struct cond_node	*arg;
	int			 line = p->tok.line, col = p->tok.col;
	enum cond_need		 need = f->need[i];

	if ((arg = parse_or(p)) == NULL)
		return NULL;
	if ((need == NEED_REF && arg->kind != NODE_REF) ||
	    (need == NEED_LIT && arg->kind != NODE_LIT)) {
		/* Whole sentences, so that each translates as one. */
		const char *w = diag_word(f->needtext[i]);

		if (f->max == 1) {
			parse_error(p, line, col, "%s() takes %s as its "
			    "argument", f->name, f->needtext[i]);
			diag_retext(p->err, "%s() takes %s as its argument",
			    f->name, w);
		} else if (i == 0) {
			parse_error(p, line, col, "%s() takes %s as its first "
			    "argument", f->name, f->needtext[i]);
			diag_retext(p->err, "%s() takes %s as its first "
			    "argument", f->name, w);
		} else {
			parse_error(p, line, col, "%s() takes %s as its second "
			    "argument", f->name, f->needtext[i]);
			diag_retext(p->err, "%s() takes %s as its second "
			    "argument", f->name, w);
		}
		return parse_fail(arg);
	}
	return arg;
}

/*
 * The arguments of a call, from just after its '('.  Arity errors point at
 * the ',' that starts one argument too many or the ')' that comes too soon.
 */
static int
parse_args(struct cond_parser *p, struct cond_node *call,
    const struct cond_func *f)
{
	struct cond_node	*arg;
	enum cond_tok_type	 t;

	for (;;) {
		t = p->tok.type;
		if ((t == TOK_RPAREN && call->nkids < f->min) ||
		    (t == TOK_COMMA && call->nkids == f->max)) {
			parse_error(p, p->tok.line, p->tok.col,
			    "%s() takes %s", f->name, f->arity);
			return diag_retext(p->err, "%s() takes %s", f->name,
			    diag_word(f->arity));
		}
		if (call->nkids > 0) {
			if (t == TOK_RPAREN)
				return lex_next(p);
			if (t != TOK_COMMA)
				return parse_error(p, p->tok.line, p->tok.col,
				    "expected ')' to close '%s(' at %d:%d",
				    f->name, call->line, call->col);
			if (lex_next(p) == -1)
				return -1;
		}
		if ((arg = parse_arg(p, f, call->nkids)) == NULL)
			return -1;
		node_add(call, arg);
	}
}

static struct cond_node *
parse_call(struct cond_parser *p)
{
	const struct cond_func	*f;
	struct cond_node	*n;

	if ((f = parse_func_lookup(p)) == NULL) {
		parse_unknown_func(p);
		return NULL;
	}
	if (parse_enter(p) == -1)
		return NULL;
	n = node_new(f->kind, p->tok.line, p->tok.col);
	/* Two tokens: the name, then the '(' lex_call_follows() saw. */
	if (lex_next(p) == -1 || lex_next(p) == -1 ||
	    parse_args(p, n, f) == -1)
		return parse_fail(n);
	p->depth--;
	return n;
}

static struct cond_node *
parse_group(struct cond_parser *p)
{
	struct cond_node	*n;
	int			 line = p->tok.line, col = p->tok.col;

	if (parse_enter(p) == -1 || lex_next(p) == -1)
		return NULL;
	if ((n = parse_or(p)) == NULL)
		return NULL;
	if (p->tok.type != TOK_RPAREN) {
		parse_error(p, p->tok.line, p->tok.col,
		    "expected ')' to close '(' at %d:%d", line, col);
		return parse_fail(n);
	}
	if (lex_next(p) == -1)
		return parse_fail(n);
	p->depth--;
	return n;
}

static struct cond_node *
parse_primary(struct cond_parser *p)
{
	switch (p->tok.type) {
	case TOK_NUM:
	case TOK_STR:
	case TOK_TRUE:
	case TOK_FALSE:
	case TOK_NULL:
		return parse_literal(p);
	case TOK_NAME:
		if (lex_call_follows(p))
			return parse_call(p);
		return parse_ref(p);
	case TOK_LPAREN:
		return parse_group(p);
	case TOK_EOF:
		parse_error(p, p->tok.line, p->tok.col,
		    "expected a field name, a value or '('");
		return NULL;
	default:
		parse_unexpected(p);
		return NULL;
	}
}

static int
is_cmp(enum cond_tok_type t)
{
	return t == TOK_EQ || t == TOK_NE || t == TOK_LT || t == TOK_LE ||
	    t == TOK_GT || t == TOK_GE;
}

static struct cond_node *
parse_cmp(struct cond_parser *p)
{
	struct cond_node	*left, *right, *n;

	if ((left = parse_primary(p)) == NULL)
		return NULL;
	if (!is_cmp(p->tok.type))
		return left;
	n = node_new(NODE_CMP, left->line, left->col);
	n->op = p->tok.type;
	node_add(n, left);
	if (lex_next(p) == -1 || (right = parse_primary(p)) == NULL)
		return parse_fail(n);
	node_add(n, right);
	if (is_cmp(p->tok.type)) {
		parse_error(p, p->tok.line, p->tok.col,
		    "comparisons do not chain; join them with 'and'");
		return parse_fail(n);
	}
	return n;
}

static struct cond_node *
parse_not(struct cond_parser *p)
{
	struct cond_node	*n, *kid;

	if (p->tok.type != TOK_NOT)
		return parse_cmp(p);
	if (parse_enter(p) == -1)
		return NULL;
	n = node_new(NODE_NOT, p->tok.line, p->tok.col);
	if (lex_next(p) == -1 || (kid = parse_not(p)) == NULL)
		return parse_fail(n);
	node_add(n, kid);
	p->depth--;
	return n;
}

/* operand (op operand)*, as one n-ary node when there is an op. */
static struct cond_node *
parse_chain(struct cond_parser *p, enum cond_tok_type op,
    enum cond_node_kind kind, struct cond_node *(*operand)(struct cond_parser *))
{
	struct cond_node	*first, *n, *kid;

	if ((first = operand(p)) == NULL)
		return NULL;
	if (p->tok.type != op)
		return first;
	n = node_new(kind, first->line, first->col);
	node_add(n, first);
	while (p->tok.type == op) {
		if (lex_next(p) == -1 || (kid = operand(p)) == NULL)
			return parse_fail(n);
		node_add(n, kid);
	}
	return n;
}

static struct cond_node *
parse_and(struct cond_parser *p)
{
	return parse_chain(p, TOK_AND, NODE_AND, parse_not);
}

static struct cond_node *
parse_or(struct cond_parser *p)
{
	return parse_chain(p, TOK_OR, NODE_OR, parse_and);
}

static struct cond_node *
parse_top(struct cond_parser *p, int line, int col)
{
	struct cond_node	*n;

	if (lex_next(p) == -1)
		return NULL;
	if (p->tok.type == TOK_EOF) {
		parse_error(p, line, col, "empty condition");
		return NULL;
	}
	if ((n = parse_or(p)) == NULL)
		return NULL;
	if (p->tok.type == TOK_EOF)
		return n;
	if (p->tok.type == TOK_RPAREN)
		parse_error(p, p->tok.line, p->tok.col,
		    "')' without a matching '('");
	else
		parse_unexpected(p);
	return parse_fail(n);
}

struct cond *
cond_parse(const char *src, const char *file, int line, int col,
    struct diag *err)
{
	struct cond_parser	 p;
	struct cond_node	*root;
	struct cond		*c;

	memset(&p, 0, sizeof p);
	p.src = src != NULL ? src : "";
	p.file = file;
	p.line = line;
	p.col = col;
	p.err = err;
	if (strlen(p.src) > COND_MAX_SOURCE) {
		parse_error(&p, line, col, "condition is longer than %d bytes",
		    COND_MAX_SOURCE);
		return NULL;
	}
	if ((root = parse_top(&p, line, col)) == NULL)
		return NULL;
	c = xcalloc(1, sizeof *c);
	c->src = xstrdup(p.src);
	c->file = file != NULL ? xstrdup(file) : NULL;
	c->root = root;
	return c;
}

void
cond_free(struct cond *c)
{
	if (c == NULL)
		return;
	node_free(c->root);
	free(c->src);
	free(c->file);
	free(c);
}

const char *
cond_source(const struct cond *c)
{
	return c->src;
}

/* Binding. */

struct cond_binder {
	const struct cond	*c;
	cond_resolve_fn		 fn;
	void			*ctx;
	struct diag		*err;
};

static int
bind_ref(struct cond_binder *b, struct cond_ref *r, void *scope,
    enum cond_ref_kind want)
{
	if (b->fn(b->ctx, scope, r, b->err) == -1)
		return -1;
	if (r->kind == want)
		return 0;
	if (want == COND_REF_GROUP)
		return diag_set(b->err, DIAG_COND, b->c->file, r->line, r->col,
		    "'%s' is not a group; count() counts the records of a "
		    "group", r->text);
	return diag_set(b->err, DIAG_COND, b->c->file, r->line, r->col,
	    "'%s' is a group; use count(%s) or count(%s, ...)", r->text,
	    r->text, r->text);
}

static int
bind_node(struct cond_binder *b, struct cond_node *n, void *scope)
{
	size_t	i;

	switch (n->kind) {
	case NODE_REF:
		return bind_ref(b, &n->ref, scope, COND_REF_VALUE);
	case NODE_COUNT:
		if (bind_ref(b, &n->kids[0]->ref, scope, COND_REF_GROUP) == -1)
			return -1;
		/* Inside count(g, ...) bare names are g's record fields. */
		if (n->nkids == 2)
			return bind_node(b, n->kids[1], n->kids[0]->ref.target);
		return 0;
	default:
		for (i = 0; i < n->nkids; i++) {
			if (bind_node(b, n->kids[i], scope) == -1)
				return -1;
		}
		return 0;
	}
}

int
cond_resolve(struct cond *c, cond_resolve_fn resolve, void *ctx, void *scope,
    struct diag *err)
{
	struct cond_binder	b = { c, resolve, ctx, err };

	return bind_node(&b, c->root, scope);
}

static void
foreach_node(const struct cond_node *n,
    void (*fn)(void *, const struct cond_ref *), void *arg)
{
	size_t	i;

	if (n->kind == NODE_REF)
		fn(arg, &n->ref);
	for (i = 0; i < n->nkids; i++)
		foreach_node(n->kids[i], fn, arg);
}

void
cond_foreach_ref(const struct cond *c,
    void (*fn)(void *arg, const struct cond_ref *ref), void *arg)
{
	foreach_node(c->root, fn, arg);
}

/* Values. */

static const char *
cval_str(const struct cval *v)
{
	return v->str != NULL ? v->str : "";
}

/* Written without == so -Wfloat-equal can stay on for real mistakes. */
static int
num_equal(double x, double y)
{
	return x <= y && x >= y;
}

/* A number and a string that reads as a number compare numerically. */
static int
cval_num_str_equal(const struct cval *num, const struct cval *str)
{
	const char	*s = cval_str(str);
	double		 d;

	if (num_parse(s, strlen(s), &d) == -1)
		return 0;
	return num_equal(num->num, d);
}

static int
cval_equal(const struct cval *a, const struct cval *b)
{
	if (a->kind == CVAL_NUM && b->kind == CVAL_STR)
		return cval_num_str_equal(a, b);
	if (a->kind == CVAL_STR && b->kind == CVAL_NUM)
		return cval_num_str_equal(b, a);
	if (a->kind != b->kind)
		return 0;
	switch (a->kind) {
	case CVAL_NULL:
		return 1;
	case CVAL_BOOL:
		return !a->b == !b->b;
	case CVAL_NUM:
		return num_equal(a->num, b->num);
	case CVAL_STR:
		return strcmp(cval_str(a), cval_str(b)) == 0;
	default:
		return 0;
	}
}

static int
cmp_order(enum cond_tok_type op, int c)
{
	switch (op) {
	case TOK_LT:
		return c < 0;
	case TOK_LE:
		return c <= 0;
	case TOK_GT:
		return c > 0;
	default:
		return c >= 0;
	}
}

static int
cval_compare(enum cond_tok_type op, const struct cval *a,
    const struct cval *b)
{
	if (op == TOK_EQ)
		return cval_equal(a, b);
	if (op == TOK_NE)
		return !cval_equal(a, b);
	if (a->kind == CVAL_STR && b->kind == CVAL_STR)
		return cmp_order(op, strcmp(cval_str(a), cval_str(b)));
	if (a->kind != CVAL_NUM || b->kind != CVAL_NUM)
		return 0;
	/* Not via a three-way result: NaN must make every order false. */
	switch (op) {
	case TOK_LT:
		return a->num < b->num;
	case TOK_LE:
		return a->num <= b->num;
	case TOK_GT:
		return a->num > b->num;
	default:
		return a->num >= b->num;
	}
}

int
cval_truth(const struct cval *v)
{
	switch (v->kind) {
	case CVAL_BOOL:
		return v->b != 0;
	case CVAL_NUM:
		return v->num < 0 || v->num > 0;
	case CVAL_STR:
		return cval_str(v)[0] != '\0';
	case CVAL_LIST:
		return v->nitems > 0;
	default:
		return 0;
	}
}

/* Evaluation. */

struct cond_evaluator {
	const struct cond_eval_ops	*ops;
	void *ctx;
	unsigned long left;	/* steps still allowed */
	int over;		/* the budget ran out: the value is unknown */
};

/* Take one step; 0 when none is left (and from then on). */
static int
eval_step(struct cond_evaluator *e)
{
	if (e->over)
		return 0;
	if (e->left == 0) {
		e->over = 1;
		return 0;
	}
	e->left--;
	return 1;
}

static void eval_node(struct cond_evaluator *,
    const struct cond_node *, const void *, struct cval *);

static void
cval_bool(struct cval *out, int b)
{
	memset(out, 0, sizeof *out);
	out->kind = CVAL_BOOL;
	out->b = b != 0;
}

static int
eval_test(struct cond_evaluator *e, const struct cond_node *n,
    const void *rec)
{
	struct cval	v;

	eval_node(e, n, rec, &v);
	return cval_truth(&v);
}

static void
eval_ref(struct cond_evaluator *e, const struct cond_ref *r, const void *rec,
    struct cval *out)
{
	memset(out, 0, sizeof *out);
	out->kind = CVAL_NULL;
	/* A group here means cond_resolve() was skipped or failed. */
	if (r->kind == COND_REF_VALUE)
		e->ops->value(e->ctx, r, rec, out);
}

static int
eval_filled(struct cond_evaluator *e, const struct cond_node *n,
    const void *rec)
{
	struct cval	v;

	eval_ref(e, &n->kids[0]->ref, rec, &v);
	switch (v.kind) {
	case CVAL_NULL:
		return 0;
	case CVAL_STR:
		return cval_str(&v)[0] != '\0';
	case CVAL_LIST:
		return v.nitems > 0;
	default:
		return 1;
	}
}

static double
eval_count_upto(struct cond_evaluator *e, const struct cond_node *n,
    const void *rec, size_t limit)
{
	const struct cond_ref	*g = &n->kids[0]->ref;
	size_t			 i, len, hits = 0;

	len = e->ops->group_len(e->ctx, g, rec);
	if (n->nkids == 1)
		return (double)len;
	for (i = 0; i < len && hits < limit && eval_step(e); i++) {
		if (eval_test(e, n->kids[1],
		    e->ops->group_record(e->ctx, g, rec, i)))
			hits++;
	}
	return (double)hits;
}

static double
eval_count(struct cond_evaluator *e, const struct cond_node *n,
    const void *rec)
{
	return eval_count_upto(e, n, rec, SIZE_MAX);
}

/* has(ref, literal): a list holds an item equal to it, or a string is. */
static int
eval_has(struct cond_evaluator *e, const struct cond_node *n,
    const void *rec)
{
	const struct cval	*lit = &n->kids[1]->lit;
	struct cval		 v, item;
	size_t			 i;

	eval_ref(e, &n->kids[0]->ref, rec, &v);
	if (v.kind == CVAL_STR)
		return cval_equal(&v, lit);
	if (v.kind != CVAL_LIST)
		return 0;
	memset(&item, 0, sizeof item);
	item.kind = CVAL_STR;
	for (i = 0; i < v.nitems && eval_step(e); i++) {
		item.str = e->ops->list_item(e->ctx, v.list, i);
		if (cval_equal(&item, lit))
			return 1;
	}
	return 0;
}

static int
eval_logic(struct cond_evaluator *e, const struct cond_node *n,
    const void *rec)
{
	size_t	i;
	int	want = n->kind == NODE_OR;

	/* Short-circuit: stop at the first operand that decides. */
	for (i = 0; i < n->nkids; i++) {
		if (eval_test(e, n->kids[i], rec) == want)
			return want;
	}
	return !want;
}

static void
eval_cmp(struct cond_evaluator *e, const struct cond_node *n,
    const void *rec, struct cval *out)
{
	struct cval	a, b;

	double		k;
	size_t		limit;

	/*
	 * count(g, c) compared with a number K is decided once K records
	 * match (for >=) or more than K do (for the others): stop there.
	 * Rules such as "at least one test dataset" then look at a few
	 * records, not thousands, on each edit.
	 */
	if (n->kids[0]->kind == NODE_COUNT && n->kids[1]->kind == NODE_LIT &&
	    n->kids[1]->lit.kind == CVAL_NUM && n->kids[1]->lit.num >= 0 &&
	    n->kids[1]->lit.num < 1e15) {
		k = n->kids[1]->lit.num;
		limit = (size_t)k;		/* floor */
		if (n->op != TOK_GE || (double)limit < k)
			limit++;		/* ceil for >=, floor + 1 else */
		memset(&a, 0, sizeof a);
		a.kind = CVAL_NUM;
		a.num = eval_count_upto(e, n->kids[0], rec, limit);
		cval_bool(out, cval_compare(n->op, &a, &n->kids[1]->lit));
		return;
	}
	eval_node(e, n->kids[0], rec, &a);
	eval_node(e, n->kids[1], rec, &b);
	cval_bool(out, cval_compare(n->op, &a, &b));
}

/*
 * Days since 1970-01-01 of a YYYY-MM-DD date, or -1 when s is not a real
 * date.  Days-from-civil (H. Hinnant's algorithm): exact for every year
 * 0000-9999 without a calendar library or the process's time zone.
 */
static int
date_days(const char *s, long *out)
{
	static const int mdays[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31,
	    30, 31 };
	long y = 0, m = 0, d = 0, era, yoe, doy, doe;
	int i, leap;

	for (i = 0; i < 10; i++) {
		if (i == 4 || i == 7) {
			if (s[i] != '-')
				return -1;
		} else if (!is_digit(s[i]))
			return -1;
	}
	if (s[10] != '\0')
		return -1;
	for (i = 0; i < 4; i++)
		y = y * 10 + (s[i] - '0');
	m = (s[5] - '0') * 10 + (s[6] - '0');
	d = (s[8] - '0') * 10 + (s[9] - '0');
	leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	if (m < 1 || m > 12 || d < 1 || d > mdays[m - 1] ||
	    (m == 2 && d == 29 && !leap))
		return -1;
	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;	/* floor, for year 0 */
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	*out = era * 146097 + doe - 719468;
	return 0;
}

static void
eval_days(struct cond_evaluator *e, const struct cond_node *n,
    const void *rec, struct cval *out)
{
	struct cval	a, b;
	long		da, db;

	eval_node(e, n->kids[0], rec, &a);
	eval_node(e, n->kids[1], rec, &b);
	memset(out, 0, sizeof *out);
	out->kind = CVAL_NULL;
	if (a.kind != CVAL_STR || b.kind != CVAL_STR ||
	    date_days(cval_str(&a), &da) == -1 ||
	    date_days(cval_str(&b), &db) == -1)
		return;
	out->kind = CVAL_NUM;
	out->num = (double)(db - da);
}

static void
eval_node(struct cond_evaluator *e, const struct cond_node *n,
    const void *rec, struct cval *out)
{
	/* Every kind of node, functions to come included, pays a step. */
	if (!eval_step(e)) {
		memset(out, 0, sizeof *out);
		out->kind = CVAL_NULL;
		return;
	}
	switch (n->kind) {
	case NODE_LIT:
		*out = n->lit;
		break;
	case NODE_REF:
		eval_ref(e, &n->ref, rec, out);
		break;
	case NODE_NOT:
		cval_bool(out, !eval_test(e, n->kids[0], rec));
		break;
	case NODE_AND:
	case NODE_OR:
		cval_bool(out, eval_logic(e, n, rec));
		break;
	case NODE_CMP:
		eval_cmp(e, n, rec, out);
		break;
	case NODE_FILLED:
		cval_bool(out, eval_filled(e, n, rec));
		break;
	case NODE_COUNT:
		memset(out, 0, sizeof *out);
		out->kind = CVAL_NUM;
		out->num = eval_count(e, n, rec);
		break;
	case NODE_HAS:
		cval_bool(out, eval_has(e, n, rec));
		break;
	case NODE_DAYS:
		eval_days(e, n, rec, out);
		break;
	}
}

void
cond_eval(const struct cond *c, const struct cond_eval_ops *ops, void *ctx,
    const void *rec, struct cval *out)
{
	struct cond_evaluator	e = { ops, ctx, COND_EVAL_BUDGET, 0 };

	eval_node(&e, c->root, rec, out);
	if (e.over) {
		memset(out, 0, sizeof *out);
		out->kind = CVAL_NULL;
	}
}

int
cond_test(const struct cond *c, const struct cond_eval_ops *ops, void *ctx,
    const void *rec)
{
	struct cval	v;

	cond_eval(c, ops, ctx, rec, &v);
	return cval_truth(&v);
}

int
cond_test_budget(const struct cond *c, const struct cond_eval_ops *ops,
    void *ctx, const void *rec, unsigned long budget)
{
	struct cond_evaluator	e = { ops, ctx, budget, 0 };
	struct cval		v;
	int			t;

	eval_node(&e, c->root, rec, &v);
	t = cval_truth(&v);
	return e.over ? -1 : t;
}

int
cond_test_pool(const struct cond *c, const struct cond_eval_ops *ops,
    void *ctx, const void *rec, unsigned long budget, unsigned long *pool)
{
	unsigned long mine = budget < *pool ? budget : *pool;
	struct cond_evaluator	e = { ops, ctx, mine, 0 };
	struct cval		v;
	int			t;

	eval_node(&e, c->root, rec, &v);
	t = cval_truth(&v);
	*pool -= mine - e.left;
	return e.over ? -1 : t;
}

/* The read-only view (see cond.h). */

const struct cond_node *
cond_root(const struct cond *c)
{
	return c->root;
}

enum cond_kind
cond_node_kind(const struct cond_node *n)
{
	/* No default: a new node kind must be given a public one here. */
	switch (n->kind) {
	case NODE_LIT:
		return COND_LIT;
	case NODE_REF:
		return COND_REF;
	case NODE_NOT:
		return COND_NOT;
	case NODE_AND:
		return COND_AND;
	case NODE_OR:
		return COND_OR;
	case NODE_CMP:
		return COND_CMP;
	case NODE_FILLED:
		return COND_FILLED;
	case NODE_COUNT:
		return COND_COUNT;
	case NODE_HAS:
		return COND_HAS;
	case NODE_DAYS:
		return COND_DAYS;
	}
	return COND_LIT;
}

size_t
cond_node_nkids(const struct cond_node *n)
{
	return n->nkids;
}

const struct cond_node *
cond_node_kid(const struct cond_node *n, size_t i)
{
	return i < n->nkids ? n->kids[i] : NULL;
}

enum cond_op
cond_node_op(const struct cond_node *n)
{
	switch (n->op) {
	case TOK_NE:
		return COND_NE;
	case TOK_LT:
		return COND_LT;
	case TOK_LE:
		return COND_LE;
	case TOK_GT:
		return COND_GT;
	case TOK_GE:
		return COND_GE;
	default:
		return COND_EQ;
	}
}

const struct cond_ref *
cond_node_ref(const struct cond_node *n)
{
	return n->kind == NODE_REF ? &n->ref : NULL;
}

const struct cval *
cond_node_lit(const struct cond_node *n)
{
	return n->kind == NODE_LIT ? &n->lit : NULL;
}

void
cond_node_eval(const struct cond_node *n, const struct cond_eval_ops *ops,
    void *ctx, const void *rec, struct cval *out)
{
	struct cond_evaluator	e = { ops, ctx, COND_EVAL_BUDGET, 0 };

	eval_node(&e, n, rec, out);
	if (e.over) {
		memset(out, 0, sizeof *out);
		out->kind = CVAL_NULL;
	}
}
