/* Workshop scenarios; see scenario.h. */
#include "config.h"

#include "core/scenario.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/store.h"
#include "core/xalloc.h"
#include "core/ytree.h"

/* what: a message marked N_() (po/Makevars: sc_bad is a keyword). */
static int
sc_bad(struct diag *err, const char *file, const struct ynode *at,
    const char *what)
{
	return diag_set_text(err, DIAG_SCHEMA, file, at != NULL ? at->line : 0,
	    at != NULL ? at->col : 0, what);
}

/* A scalar under key, or NULL (and an error when it must be there). */
static const char *
get_str(const struct ynode *m, const char *key, int need, const char *file,
    struct diag *err, int *failed)
{
	const struct ynode *v = yt_get(m, key);
	const struct ynode *at = v != NULL ? v : m;

	if (v == NULL && !need)
		return NULL;
	if (v == NULL || v->kind != YT_SCALAR || v->len == 0) {
		diag_set(err, DIAG_SCHEMA, file, at->line, at->col,
		    "'%s' needs a non-empty text value", key);
		*failed = 1;
		return NULL;
	}
	return v->str;
}

static int
is_name(const char *s)
{
	size_t i;

	for (i = 0; s[i] != '\0'; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') ||
		    (s[i] >= '0' && s[i] <= '9') || s[i] == '-'))
			return 0;
	return i > 0 && i <= 40 && s[0] != '-';
}

/* A bundled path stays inside the index's folder. */
static int
is_relative(const char *s)
{
	const char *p;

	if (s[0] == '/')
		return 0;
	for (p = s; (p = strstr(p, "..")) != NULL; p += 2)
		if ((p == s || p[-1] == '/') && (p[2] == '\0' || p[2] == '/'))
			return 0;
	return 1;
}

/*
 * The translations of one text: a key per language beside it, named by
 * the language's tag ("zh-Hant: ..."), as the templates name theirs.
 */
static int
get_tr(char **tr, const struct ynode *m, const char *file, struct diag *err)
{
	const char *v;
	int failed = 0;
	int l;

	for (l = 0; l < LANG_COUNT; l++) {
		if (l == LANG_EN)
			continue;
		v = get_str(m, lang_tag((enum lang)l), 0, file, err, &failed);
		if (failed)
			return -1;
		tr[l] = v != NULL ? xstrdup(v) : NULL;
	}
	return 0;
}

static const char *
in_display_language(const char *en, char *const *tr)
{
	enum lang l = lang_current();

	return l != LANG_EN && tr[l] != NULL ? tr[l] : en;
}

const char *
scenario_title(const struct scenario *s)
{
	return in_display_language(s->title, s->title_tr);
}

const char *
scenario_exercise(const struct scenario_finding *f)
{
	return in_display_language(f->exercise, f->exercise_tr);
}

static int
load_findings(struct scenario *sc, const struct ynode *list,
    const char *file, struct diag *err)
{
	const struct ynode *m;
	struct scenario_finding *f;
	const char *sev, *path, *ex;
	size_t i;
	int failed = 0;

	if (list == NULL)
		return 0;
	if (list->kind != YT_SEQ)
		return sc_bad(err, file, list, "'findings' needs a list");
	sc->findings = xcalloc(list->n, sizeof *sc->findings);
	for (i = 0; i < list->n; i++) {
		m = list->vals[i];
		if (m->kind != YT_MAP)
			return sc_bad(err, file, m, "a finding is a mapping of "
			    "severity, path and exercise");
		f = &sc->findings[sc->nfindings++];
		sev = get_str(m, "severity", 1, file, err, &failed);
		if (failed)
			return -1;
		if (strcmp(sev, "error") != 0 && strcmp(sev, "warning") != 0 &&
		    strcmp(sev, "info") != 0)
			return sc_bad(err, file, yt_get(m, "severity"),
			    "severity is error, warning or info");
		f->severity = xstrdup(sev);
		path = get_str(m, "path", 1, file, err, &failed);
		if (failed)
			return -1;
		f->path = xstrdup(path);
		ex = get_str(m, "exercise", 1, file, err, &failed);
		if (failed)
			return -1;
		f->exercise = xstrdup(ex);
		ex = get_str(m, "rule", 0, file, err, &failed);
		if (failed)
			return -1;
		f->rule = ex != NULL ? xstrdup(ex) : NULL;
		if (get_tr(f->exercise_tr, m, file, err) < 0)
			return -1;
	}
	return 0;
}

static int
load_one(struct scenario_index *ix, const struct ynode *m, const char *file,
    struct diag *err)
{
	struct scenario *sc = &ix->s[ix->n];
	const char *name, *ex, *so, *ev, *title;
	int failed = 0;
	size_t i;

	if (m->kind != YT_MAP)
		return sc_bad(err, file, m, "a scenario is a mapping");
	name = get_str(m, "name", 1, file, err, &failed);
	if (!failed && !is_name(name))
		return sc_bad(err, file, yt_get(m, "name"), "a scenario name "
		    "is lower-case letters, digits and '-', at most 40");
	for (i = 0; !failed && i < ix->n; i++)
		if (strcmp(ix->s[i].name, name) == 0)
			return sc_bad(err, file, yt_get(m, "name"), "two "
			    "scenarios have this name");
	title = failed ? NULL : get_str(m, "title", 1, file, err, &failed);
	ex = failed ? NULL : get_str(m, "exercise", 1, file, err, &failed);
	so = failed ? NULL : get_str(m, "solution", 1, file, err, &failed);
	ev = failed ? NULL : get_str(m, "evidence", 0, file, err, &failed);
	if (failed)
		return -1;
	if (!is_relative(ex) || !is_relative(so) ||
	    (ev != NULL && !is_relative(ev)))
		return sc_bad(err, file, m, "scenario files are named relative "
		    "to the index, without '..'");
	ix->n++;
	sc->name = xstrdup(name);
	sc->title = xstrdup(title);
	sc->exercise = xstrdup(ex);
	sc->solution = xstrdup(so);
	sc->evidence = ev != NULL ? xstrdup(ev) : NULL;
	if (get_tr(sc->title_tr, m, file, err) < 0)
		return -1;
	return load_findings(sc, yt_get(m, "findings"), file, err);
}

struct scenario_index *
scenario_index_load(const char *path, struct diag *err)
{
	struct ynode *root = yt_read_file(path, err);
	const struct ynode *list;
	struct scenario_index *ix;
	char *slash;
	size_t i;

	if (root == NULL)
		return NULL;
	ix = xcalloc(1, sizeof *ix);
	ix->dir = xstrdup(path);
	slash = strrchr(ix->dir, '/');
	if (slash != NULL)
		*slash = '\0';
	else
		strcpy(ix->dir, ".");
	list = yt_get(root, "scenarios");
	if (root->kind != YT_MAP || list == NULL || list->kind != YT_SEQ ||
	    list->n == 0) {
		sc_bad(err, path, list != NULL ? list : root, "expected "
		    "'scenarios:' with a list of at least one scenario");
		goto fail;
	}
	ix->s = xcalloc(list->n, sizeof *ix->s);
	for (i = 0; i < list->n; i++)
		if (load_one(ix, list->vals[i], path, err) < 0)
			goto fail;
	yt_free(root);
	return ix;
fail:
	yt_free(root);
	scenario_index_free(ix);
	return NULL;
}

void
scenario_index_free(struct scenario_index *ix)
{
	size_t i, j;
	int l;

	if (ix == NULL)
		return;
	for (i = 0; i < ix->n; i++) {
		for (j = 0; j < ix->s[i].nfindings; j++) {
			free(ix->s[i].findings[j].severity);
			free(ix->s[i].findings[j].path);
			free(ix->s[i].findings[j].exercise);
			free(ix->s[i].findings[j].rule);
			for (l = 0; l < LANG_COUNT; l++)
				free(ix->s[i].findings[j].exercise_tr[l]);
		}
		for (l = 0; l < LANG_COUNT; l++)
			free(ix->s[i].title_tr[l]);
		free(ix->s[i].findings);
		free(ix->s[i].name);
		free(ix->s[i].title);
		free(ix->s[i].exercise);
		free(ix->s[i].solution);
		free(ix->s[i].evidence);
	}
	free(ix->s);
	free(ix->dir);
	free(ix);
}

const struct scenario *
scenario_find(const struct scenario_index *ix, const char *name)
{
	size_t i;

	for (i = 0; i < ix->n; i++)
		if (strcmp(ix->s[i].name, name) == 0)
			return &ix->s[i];
	return NULL;
}

char *
scenario_file(const struct scenario_index *ix, const char *rel)
{
	return xasprintf("%s/%s", ix->dir, rel);
}

static int
same_finding(const struct scenario_finding *sf, const struct finding *f)
{
	const char *rule = f->rule != NULL ? f->rule->id : NULL;
	char buf[FINDING_PATH_MAX];

	if (strcmp(sf->severity, tmpl_severity_name(f->sev)) != 0 ||
	    strcmp(sf->path, finding_path(f, buf)) != 0)
		return 0;
	if (sf->rule == NULL || rule == NULL)
		return sf->rule == rule;
	return strcmp(sf->rule, rule) == 0;
}

size_t
scenario_check(const struct scenario *s, const struct report *r,
    unsigned char *open)
{
	unsigned char *used = xcalloc(r->n, 1);
	size_t i, j, fixed = 0;

	for (i = 0; i < s->nfindings; i++) {
		for (j = 0; j < r->n; j++)
			if (!used[j] && same_finding(&s->findings[i], &r->f[j]))
				break;
		if (j < r->n)
			used[j] = 1;
		else
			fixed++;
		if (open != NULL)
			open[i] = j < r->n;
	}
	free(used);
	return fixed;
}

size_t
scenario_fixed(const struct scenario *s, const struct report *r)
{
	return scenario_check(s, r, NULL);
}

static int
copy_file(const char *from, const char *to, struct diag *err)
{
	size_t len;
	char *buf = yt_slurp(from, &len, err);
	int rc;

	if (buf == NULL)
		return -1;
	rc = store_write_atomic(to, buf, len, NULL, err);
	free(buf);
	return rc;
}

static int
make_dir(const char *dir, struct diag *err)
{
	struct stat st;

	if (mkdir(dir, 0777) == 0)
		return 0;
	if (errno == EEXIST && stat(dir, &st) == 0 && S_ISDIR(st.st_mode))
		return 0;
	return diag_set(err, DIAG_IO, dir, 0, 0, "cannot create the folder: "
	    "%s", errno == EEXIST ? "a file has that name" : strerror(errno));
}

/* The regular files of from (not its subfolders) into to. */
static int
copy_evidence(const char *from, const char *to, int overwrite,
    struct diag *err)
{
	DIR *dp = opendir(from);
	struct dirent *de;
	struct stat st;
	char *src, *dst;
	int rc = 0;

	if (dp == NULL)
		return diag_set(err, DIAG_IO, from, 0, 0, "cannot read the "
		    "scenario's evidence: %s", strerror(errno));
	if (make_dir(to, err) < 0) {
		closedir(dp);
		return -1;
	}
	while (rc == 0 && (de = readdir(dp)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		src = xasprintf("%s/%s", from, de->d_name);
		dst = xasprintf("%s/%s", to, de->d_name);
		if (stat(src, &st) == 0 && S_ISREG(st.st_mode) &&
		    (overwrite || lstat(dst, &st) < 0))
			rc = copy_file(src, dst, err);
		free(src);
		free(dst);
	}
	closedir(dp);
	return rc;
}

char *
scenario_copy(const struct scenario_index *ix, const struct scenario *s,
    int solution, const char *dir, enum scenario_copy_mode mode, int *fresh,
    struct diag *err)
{
	char *out, *src = NULL, *ev = NULL, *evsrc = NULL;
	struct stat st;
	int rc = -1;

	*fresh = 0;
	out = xasprintf("%s/%s%s.yaml", dir, s->name,
	    solution ? "-solution" : "");
	if (make_dir(dir, err) < 0)
		goto done;
	if (s->evidence != NULL) {
		evsrc = scenario_file(ix, s->evidence);
		ev = xasprintf("%s/evidence", dir);
		if (copy_evidence(evsrc, ev, mode == SCENARIO_RESET, err) < 0)
			goto done;
	}
	if (mode == SCENARIO_OPEN && lstat(out, &st) == 0) {
		rc = 0;		/* resume: the student's copy stays */
		goto done;
	}
	src = scenario_file(ix, solution ? s->solution : s->exercise);
	rc = copy_file(src, out, err);
	*fresh = rc == 0;
done:
	free(src);
	free(ev);
	free(evsrc);
	if (rc < 0) {
		free(out);
		return NULL;
	}
	return out;
}
