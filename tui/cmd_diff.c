/*
 * dossier diff OLD NEW: what changed, by question (core/diff.h), as
 * compiler-style lines or JSON.  With the seven arguments git passes an
 * external diff driver (path old-file old-hex old-mode new-file new-hex
 * new-mode) it names the dossier by its path in the repository, takes
 * /dev/null for a dossier added or deleted, and exits 0 unless it fails,
 * because git stops at a driver's non-zero exit.  Otherwise the exit is
 * diff(1)'s: 0 no difference, 1 differences, 2 trouble.
 */
#include "config.h"

#include <langinfo.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/diff.h"
#include "core/text.h"
#include "core/lang.h"
#include "core/xalloc.h"
#include "tui/cli.h"

struct side {
	const char *file;	/* what to load; "/dev/null": nothing */
	const char *name;	/* what to call it */
	struct dossier *d;
	struct report *r;
};

static int
load_side(struct side *s, const struct tmpl_set *set, const struct side *o,
    const char *evidence_base)
{
	struct diag err;

	if (strcmp(s->file, "/dev/null") == 0) {
		/* Added or deleted: the other side against nothing. */
		s->d = o != NULL && o->d != NULL ? dossier_new(set, o->d->tmpls,
		    o->d->ntmpls) : NULL;
	} else {
		s->d = dossier_load(s->file, set, &err);
		if (s->d == NULL) {
			cli_report(&err);
			return -1;
		}
	}
	if (s->d == NULL)
		return 0;
	/* git hands over temporary copies; evidence is beside the real file. */
	if (evidence_base != NULL) {
		free(s->d->path);
		s->d->path = xstrdup(evidence_base);
	}
	s->r = validate(s->d, NULL);
	return 0;
}

static const char *arrow = " -> ";

static void
put_quoted(const char *s)
{
	char *c;

	if (s == NULL) {
		fputs(_("(none)"), stdout);
		return;
	}
	c = text_sanitize(s, 0);
	printf("'%s'", c);
	free(c);
}

static void
put_clean(const char *s)
{
	char *c = text_sanitize(s != NULL ? s : "", 0);

	fputs(c, stdout);
	free(c);
}

static void
item_text(const struct diff_item *it, const char *old_name,
    const char *new_name)
{
	const char *file = it->in_new ? new_name : old_name;
	/* The display language's text; JSON has the English (diff_json). */
	const char *what = it->what_shown != NULL ? it->what_shown : it->what;
	const char *old = it->old_shown != NULL ? it->old_shown : it->old;
	const char *new = it->new_shown != NULL ? it->new_shown : it->new;
	const char *clause = it->clause_shown != NULL ? it->clause_shown :
	    it->clause;

	if (it->line > 0)
		printf("%s:%d:%d: ", file, it->line, it->col);
	else
		printf("%s: ", file);
	printf("%s: ", diff_kind_name(it->kind));
	if (clause != NULL) {
		put_clean(clause);
		fputs(": ", stdout);
	}
	if (it->section != NULL && it->kind != DIFF_FINDING_ADDED &&
	    it->kind != DIFF_FINDING_RESOLVED) {
		put_clean(tmpl_section_text(it->section, TMPL_TR_TITLE,
		    lang_current()));
		fputs(": ", stdout);
	}
	switch (it->kind) {
	case DIFF_FINDING_ADDED:
	case DIFF_FINDING_RESOLVED:
		put_clean(what);
		fputs(": ", stdout);
		put_clean(new != NULL ? new : old);
		break;
	case DIFF_RECORD_ADDED:
	case DIFF_RECORD_REMOVED:
		put_clean(what);
		break;
	case DIFF_STATUS:
		put_clean(what);
		fputs(": ", stdout);
		put_clean(old);
		fputs(arrow, stdout);
		put_clean(new);
		break;
	default:
		put_clean(what);
		fputs(": ", stdout);
		put_quoted(old);
		fputs(arrow, stdout);
		put_quoted(new);
		break;
	}
	printf(" [");
	put_clean(it->path);
	printf("]");
	if (it->impact == DIFF_IMPACT_MAJOR) {
		printf("%s", _(" (GN-10: likely a major change, may need a "
		    "change application"));
		if (it->impact_prov != TMPL_PROV_NONE)
			printf("; %s", tmpl_prov_name(it->impact_prov));
		/* TRANSLATORS: closes " (GN-10: likely a major change". */
		printf("%s", _(")"));
	}
	putchar('\n');
}

/* The major changes the summary line names before it counts the rest. */
#define SUMMARY_PATHS 10

static void
summary_text(const struct diff *df, const char *name)
{
	size_t i, n = 0;

	if (df->majors + df->minors == 0)
		return;
	/* "FILE: summary:" stays, as "error:" does in check. */
	printf("%s: summary: ", name);
	printf(ngettext("%zu answer or record change",
	    "%zu answer or record changes", df->majors + df->minors),
	    df->majors + df->minors);
	if (df->majors > 0) {
		printf(_("; %zu on questions GN-10 would likely treat as major "
		    "(may need a change application):"), df->majors);
		/* Each change is listed above; a summary of thousands of
		 * paths on one line would be read by no one. */
		for (i = 0; i < df->n && n < SUMMARY_PATHS; i++) {
			if (df->v[i].impact != DIFF_IMPACT_MAJOR)
				continue;
			printf("%s ", n++ > 0 ? "," : "");
			put_clean(df->v[i].path);
		}
		if (df->majors > n)
			printf(_(" and %zu more"), df->majors - n);
	}
	if (df->minors > 0)
		printf(ngettext("; %zu other (a notification may do, if "
		    "GN-10's flowchart agrees)", "; %zu others (a notification "
		    "may do, if GN-10's flowchart agrees)", df->minors),
		    df->minors);
	printf("\n");
}

static void
diff_json(const struct diff *df, const char *old_name, const char *new_name)
{
	static const char *const impacts[] = { NULL, "minor", "major" };
	size_t i;

	printf("{");
	cli_json_field("old", old_name, 1);
	cli_json_field("new", new_name, 1);
	printf("\"major\": %zu, \"minor\": %zu,\n \"changes\": [", df->majors,
	    df->minors);
	for (i = 0; i < df->n; i++) {
		const struct diff_item *it = &df->v[i];

		printf("%s\n  {", i > 0 ? "," : "");
		cli_json_field("kind", diff_kind_name(it->kind), 1);
		cli_json_field("template", it->tmpl != NULL ? it->tmpl->id : NULL, 1);
		cli_json_field("section", it->section != NULL ? it->section->id : NULL, 1);
		cli_json_field("section_title", it->section != NULL ? it->section->title :
		    NULL, 1);
		cli_json_field("field", it->field != NULL ? it->field->id : NULL, 1);
		cli_json_field("clause", it->clause, 1);
		cli_json_field("what", it->what, 1);
		cli_json_field("path", it->path, 1);
		cli_json_field("old", it->old, 1);
		cli_json_field("new", it->new, 1);
		cli_json_field("file", it->in_new ? new_name : old_name, 1);
		printf("\"line\": %d, \"column\": %d, ", it->line, it->col);
		cli_json_field("impact", impacts[it->impact], 1);
		cli_json_field("impact_provenance", it->impact == DIFF_IMPACT_MAJOR &&
		    it->impact_prov != TMPL_PROV_NONE ?
		    tmpl_prov_name(it->impact_prov) : NULL, 0);
		printf("}");
	}
	printf("%s]}\n", df->n > 0 ? "\n " : "");
}

int
cli_diff(const struct cli *cli)
{
	struct tmpl_set *set;
	struct side a, b;
	struct diff *df;
	const char *base = NULL;
	int git = cli->nfiles == 7, rc;

	if (cli->nfiles != 2 && !git) {
		fprintf(stderr, _("dossier: diff takes OLD NEW (or the seven "
		    "arguments of a git diff driver)\nTry 'dossier --help'.\n"));
		return EXIT_BAD_INPUT;
	}
	if (cli->csv) {
		fprintf(stderr, _("dossier: diff writes text or json, not "
		    "csv\nTry 'dossier --help'.\n"));
		return EXIT_BAD_INPUT;
	}
	memset(&a, 0, sizeof a);
	memset(&b, 0, sizeof b);
	if (git) {
		a.file = cli->files[1];
		b.file = cli->files[4];
		a.name = b.name = base = cli->files[0];
	} else {
		a.file = a.name = cli->files[0];
		b.file = b.name = cli->files[1];
	}
	if (strcmp(nl_langinfo(CODESET), "UTF-8") == 0)
		arrow = " \u2192 ";
	set = cli_load_templates(cli);
	if (set == NULL)
		return EXIT_BAD_INPUT;
	rc = EXIT_BAD_INPUT;
	if (strcmp(b.file, "/dev/null") != 0) {
		if (load_side(&b, set, NULL, base) < 0 ||
		    load_side(&a, set, &b, base) < 0)
			goto out;
	} else if (load_side(&a, set, NULL, base) < 0 ||
	    load_side(&b, set, &a, base) < 0) {
		goto out;
	}
	if (a.d == NULL || b.d == NULL) {
		fprintf(stderr, _("dossier: diff: both sides are /dev/null\n"));
		goto out;
	}
	df = diff_dossiers(a.d, a.r, b.d, b.r);
	if (cli->json) {
		diff_json(df, a.name, b.name);
	} else {
		size_t i;

		if (git && df->n > 0)
			printf("dossier diff a/%s b/%s\n", base, base);
		for (i = 0; i < df->n; i++)
			item_text(&df->v[i], a.name, b.name);
		summary_text(df, b.name);
	}
	rc = git ? EXIT_OK : df->n > 0 ? EXIT_FINDINGS : EXIT_OK;
	diff_free(df);
out:
	report_free(a.r);
	report_free(b.r);
	dossier_free(a.d);
	dossier_free(b.d);
	tmpl_set_free(set);
	return cli_finish_stdout(rc);
}
