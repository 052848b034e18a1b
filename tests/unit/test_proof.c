#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <unistd.h>

#include "core/bundle.h"
#include "core/checklist.h"
#include "core/evidence.h"
#include "core/manifest.h"
#include "core/overlap.h"
#include "core/proof.h"
#include "core/session.h"
#include "core/xalloc.h"
#include "tests/unit/helpers.h"

/*
 * Proof instead of declarations: manifests read and refused with their
 * position (core/manifest.c), the evidence register's states
 * (core/evidence.c), overlaps judged against what records declare
 * (core/overlap.c), the template's manifest attribute, and bundles that
 * verify (core/bundle.c).  Every case works in its own folder.
 */

/* Manifests. */

static int
read_csv(struct fx *fx, const char *name, const char *text, const char *key,
    const char *level, struct mf_result *r)
{
	char *p = h_write(fx, name, text, (size_t)-1);
	int rc = mf_read(p, name, key, level, r, &fx->err);

	free(p);
	return rc;
}

static void
refused_csv(void **state, const char *text, const char *key, int line,
    int col, const char *msg)
{
	struct fx *fx = *state;
	struct mf_result r;

	assert_int_equal(read_csv(fx, "m.csv", text, key, NULL, &r), -1);
	h_assert_diag(&fx->err, "m.csv", line, col, msg);
}

static void
test_manifest_reads_rfc4180(void **state)
{
	struct fx *fx = *state;
	struct mf_result r;
	size_t len;
	const char *k;

	assert_int_equal(read_csv(fx, "m.csv",
	    "\xEF\xBB\xBFid,note\r\n"
	    "\"a,\"\"1\"\"\",\"two\nlines\"\r\n"
	    "\r\n"
	    "b,\xE6\xB8\xAF\r\n"
	    "\"a,\"\"1\"\"\",again\n"
	    "c,last", "id", NULL, &r), 0);
	assert_int_equal(r.rows, 4);
	assert_int_equal(r.item.n, 3);
	assert_int_equal(r.item.dups, 1);
	k = mf_key(&r.item, 0, &len);
	assert_int_equal(len, 5);
	assert_memory_equal(k, "a,\"1\"", 5);
	/* The duplicate: first seen on line 2, again on line 6. */
	assert_int_equal(r.item.line[r.item.dup_key[0]], 2);
	assert_int_equal(r.item.dup_line[0], 6);
	assert_int_equal(strlen(r.sha256), 64);
	mf_result_free(&r);
}

static void
test_manifest_composite_key_and_level(void **state)
{
	struct fx *fx = *state;
	struct mf_result r;
	char *t;

	assert_int_equal(read_csv(fx, "m.csv",
	    "site,pid,img\nA,1,x\nB,1,y\nA,1,z\n", "site, pid", "pid", &r), 0);
	assert_int_equal(r.item.n, 2);
	assert_int_equal(r.item.dups, 1);
	assert_int_equal(r.level.n, 1);
	t = mf_key_text(&r.item, 1);
	assert_string_equal(t, "B+1");
	free(t);
	mf_result_free(&r);
}

static void
test_manifest_tsv_has_no_quoting(void **state)
{
	struct fx *fx = *state;
	struct mf_result r;
	char *p = h_write(fx, "m.TSV", "id\tn\n\"q\tx\"y\n", (size_t)-1);

	assert_int_equal(mf_read(p, "m.TSV", "id", NULL, &r, &fx->err), 0);
	assert_int_equal(r.tab, 1);
	assert_int_equal(r.item.n, 1);
	mf_result_free(&r);
	free(p);
}

static void
test_manifest_refuses_malformed_input(void **state)
{
	refused_csv(state, "id,x\na,1\n\"b,2\nc,3\n", "id", 3, 1,
	    "unbalanced quote: the quoted field that begins here never ends");
	refused_csv(state, "id,x\na,1,2\n", "id", 2, 5,
	    "more fields than the header's 2 columns");
	refused_csv(state, "id,x\na\n", "id", 2, 2,
	    "1 field, but the header has 2 columns");
	refused_csv(state, "id,x\nab\xFF,1\n", "id", 2, 3,
	    "invalid UTF-8 (byte 0xFF)");
	refused_csv(state, "id,x\n\xC0\xAF,1\n", "id", 2, 1,
	    "invalid UTF-8 (byte 0xC0)");
	refused_csv(state, "id,x\n\xE2\x82,1\n", "id", 2, 1,
	    "invalid UTF-8 (byte 0x2C)");
	refused_csv(state, "id,x\na,\xE2\x82", "id", 2, 3,
	    "invalid UTF-8 (the file ends inside a character)");
	refused_csv(state, "pid,x\na,1\n", "id", 1, 1,
	    "missing key column 'id' (the header has: pid, x)");
	refused_csv(state, "id,x\n,1\n", "id", 2, 1,
	    "key column 'id' is empty");
	refused_csv(state, "id,x\na\"b,1\n", "id", 2, 2,
	    "quote inside an unquoted field (quote the whole field and "
	    "double the quote)");
	refused_csv(state, "id,x\n\"a\"b,1\n", "id", 2, 4,
	    "unexpected character after a closing quote");
	refused_csv(state, "id,x\ra,1\n", "id", 1, 5,
	    "carriage return without a line feed");
	refused_csv(state, "", "id", 1, 1, "the manifest is empty: a header "
	    "row naming the columns is needed");
	refused_csv(state, "id,id\na,b\n", "id", 1, 1,
	    "the header names column 'id' twice (columns 1 and 2)");
}

static void
test_manifest_refuses_nul_byte(void **state)
{
	struct fx *fx = *state;
	struct mf_result r;
	char *p = h_write(fx, "m.csv", "id\na\0b\n", 7);

	assert_int_equal(mf_read(p, "m.csv", "id", NULL, &r, &fx->err), -1);
	h_assert_diag(&fx->err, "m.csv", 2, 2, "NUL byte");
	free(p);
}

/* A key or column name over MF_MAX_KEY, plain or quoted: where it starts. */
static void
test_manifest_refuses_overlong_key(void **state)
{
	size_t n = MF_MAX_KEY + 1;
	char *big = xmalloc(n + 1), *text;

	memset(big, 'k', n);
	big[n] = '\0';
	text = xasprintf("id,x\n%s,1\n", big);
	refused_csv(state, text, "id", 2, 1,
	    "a key longer than 4096 bytes (limit)");
	free(text);
	text = xasprintf("x,id\n1,\"%s\"\n", big);
	refused_csv(state, text, "id", 2, 3,
	    "a key longer than 4096 bytes (limit)");
	free(text);
	text = xasprintf("id,%s\n", big);
	refused_csv(state, text, "id", 1, 4,
	    "a column name longer than 4096 bytes (limit)");
	free(text);
	free(big);
}

static void
test_manifest_never_opens_fifo_folder_or_link(void **state)
{
	struct fx *fx = *state;
	struct mf_result r;
	char *fifo = h_path(fx, "fifo.csv"), *dir = h_path(fx, "dir.csv");
	char *link = h_path(fx, "link.csv"), *real;

	assert_int_equal(mkfifo(fifo, 0600), 0);
	/* Nobody writes the FIFO: an open without O_NONBLOCK would hang. */
	assert_int_equal(mf_read(fifo, "fifo.csv", "id", NULL, &r, &fx->err),
	    -1);
	h_assert_diag(&fx->err, "fifo.csv", 0, 0,
	    "is a FIFO, not a regular file; not read");
	assert_int_equal(mkdir(dir, 0700), 0);
	assert_int_equal(mf_read(dir, "dir.csv", "id", NULL, &r, &fx->err), -1);
	h_assert_diag(&fx->err, "dir.csv", 0, 0,
	    "is a folder, not a regular file; not read");
	real = h_write(fx, "real.csv", "id\na\n", (size_t)-1);
	assert_int_equal(symlink(real, link), 0);
	assert_int_equal(mf_read(link, "link.csv", "id", NULL, &r, &fx->err),
	    -1);
	h_assert_diag(&fx->err, "link.csv", 0, 0,
	    "is a symbolic link; not followed");
	free(fifo);
	free(dir);
	free(link);
	free(real);
}

static void
test_manifest_overlap_counts_in_file_order(void **state)
{
	struct fx *fx = *state;
	struct mf_result a, b;
	size_t ex[MF_EXAMPLES], nex;
	char *t;

	assert_int_equal(read_csv(fx, "a.csv", "id\nP9\nP1\nP5\nP2\nP7\n",
	    "id", NULL, &a), 0);
	assert_int_equal(read_csv(fx, "b.csv", "id\nP2\nP7\nP9\nP3\n", "id",
	    NULL, &b), 0);
	assert_int_equal(mf_overlap(&a.item, &b.item, ex, &nex), 3);
	assert_int_equal(nex, 3);
	t = mf_key_text(&a.item, ex[0]);
	assert_string_equal(t, "P9");
	free(t);
	t = mf_key_text(&a.item, ex[2]);
	assert_string_equal(t, "P7");
	free(t);
	assert_true(mf_find(&b.item, "P3", 2) >= 0);
	assert_true(mf_find(&b.item, "P4", 2) < 0);
	mf_result_free(&a);
	mf_result_free(&b);
}

/* Many keys: the table grows and every key stays findable. */
static void
test_manifest_many_keys(void **state)
{
	struct fx *fx = *state;
	struct xbuf b = { NULL, 0, 0 };
	struct mf_result r;
	char line[32];
	size_t i;

	xbuf_add(&b, "id\n", 3);
	for (i = 0; i < 50000; i++) {
		snprintf(line, sizeof line, "K%zu\n", i % 40000);
		xbuf_add(&b, line, strlen(line));
	}
	xbuf_add(&b, "", 1);
	assert_int_equal(read_csv(fx, "m.csv", b.p, "id", NULL, &r), 0);
	assert_int_equal(r.rows, 50000);
	assert_int_equal(r.item.n, 40000);
	assert_int_equal(r.item.dups, 10000);
	for (i = 0; i < 40000; i += 997) {
		snprintf(line, sizeof line, "K%zu", i);
		assert_true(mf_find(&r.item, line, strlen(line)) >= 0);
	}
	mf_result_free(&r);
	free(b.p);
}

/* The template attribute. */

static const char lab_tpl[] =
    "id: lab\nedition: \"1\"\ntitle: Lab\nsections:\n"
    "  - id: r\n    title: R\n    fields:\n"
    "      - id: report\n        label: Report\n        type: file\n"
    "      - id: sets\n        label: Sets\n        type: group\n"
    "        fields:\n"
    "          - id: title\n            label: T\n            type: text\n"
    "          - id: purpose\n            label: P\n            type: choice\n"
    "            options: [fit, holdout]\n"
    "          - id: keys\n            label: K\n            type: text\n"
    "          - id: listing\n            label: L\n            type: file\n"
    "            manifest:\n              key: keys\n"
    "              role: purpose\n              name: title\n"
    "              declares:\n                - field: shares_fit\n"
    "                  role: fit\n"
    "          - id: shares_fit\n            label: S\n            type: yesno\n";

static void
test_template_manifest_attribute(void **state)
{
	struct fx *fx = *state;
	const struct tmpl_field *f;
	char *bad;

	assert_non_null(h_set(fx, NULL, lab_tpl));
	f = h_field(fx, "lab.r.sets.listing");
	assert_non_null(f->manifest);
	assert_string_equal(f->manifest->key->id, "keys");
	assert_string_equal(f->manifest->role->id, "purpose");
	assert_int_equal(f->manifest->ndecl, 1);
	assert_string_equal(f->manifest->decl[0].field->id, "shares_fit");
	tmpl_set_free(fx->set);
	fx->set = NULL;

	bad = xstrdup(lab_tpl);
	memcpy(strstr(bad, "key: keys"), "key: kexs", 9);
	assert_null(h_set(fx, NULL, bad));
	h_assert_err(fx, "t.yaml", 29, 15,
	    "manifest key 'kexs' is not a field of the record");
	free(bad);
	bad = xstrdup(lab_tpl);
	memcpy(strstr(bad, "role: fit"), "#ole: fit", 9);
	assert_null(h_set(fx, NULL, bad));
	h_assert_err(fx, "t.yaml", 33, 19, "declaration 'shares_fit' is a "
	    "yes/no question: say which role it is about (role:)");
	free(bad);
	assert_null(h_set(fx, NULL, "id: x\nedition: \"1\"\ntitle: X\n"
	    "sections:\n  - id: s\n    title: S\n    fields:\n"
	    "      - id: f\n        label: F\n        type: file\n"
	    "        manifest: {key: f, role: f}\n"));
	h_assert_err(fx, "t.yaml", 11, 19, "field 'f': 'manifest' belongs to "
	    "a file field of a group record");
}

/* Overlap judged against declarations. */

static const char lab_dossier[] =
    "format: 1\ntemplates: [lab:1]\nanswers:\n  lab:\n    r:\n"
    "      report: rep.md\n      sets:\n"
    "        - title: Fit\n          purpose: fit\n          keys: pid\n"
    "          listing: fit.csv\n"
    "        - title: Hold\n          purpose: holdout\n"
    "          keys: pid\n          listing: hold.csv\n"
    "          shares_fit: no\n";

static struct proof *
lab(struct fx *fx, const char *hold)
{
	struct proof *p;

	assert_non_null(h_set(fx, NULL, lab_tpl));
	free(h_write(fx, "rep.md", "report\n", (size_t)-1));
	free(h_write(fx, "fit.csv", "pid\nP00012\nP1\nP00345\nP2\n",
	    (size_t)-1));
	free(h_write(fx, "hold.csv", hold, (size_t)-1));
	assert_non_null(h_dossier(fx, NULL, lab_dossier));
	p = proof_run(fx->d, 0, &fx->err);
	assert_non_null(p);
	return p;
}

static void
test_overlap_contradicts_declaration(void **state)
{
	struct fx *fx = *state;
	struct proof *p = lab(fx, "pid\nP7\nP00345\nP00012\n");
	char buf[FINDING_PATH_MAX];

	assert_int_equal(p->f.n, 1);
	assert_int_equal(p->f.errors, 1);
	h_assert_finding(&p->f.f[0], 16, 23, "declared no overlap with fit, "
	    "but 2 pid values are shared with 'Fit' (fit.csv), e.g. P00012, "
	    "P00345");
	/* On the record's manifest, as its checklist row names it. */
	assert_null(p->f.f[0].key_path);
	assert_string_equal(finding_path(&p->f.f[0], buf),
	    "lab.r.sets[2].listing");
	proof_free(p);
}

/*
 * One verdict: the wizard's session counts what reading the files found,
 * on the item it is about, and reads the manifests again when a record's
 * declarations change, so the contradiction goes with the answer.
 */
static void
test_session_counts_proof_and_reads_again(void **state)
{
	struct fx *fx = *state;
	struct session s;
	struct checklist_verdict v;
	const struct tmpl_field *listing, *shares;

	proof_free(lab(fx, "pid\nP7\nP00345\nP00012\n"));
	listing = h_field(fx, "lab.r.sets.listing");
	shares = h_field(fx, "lab.r.sets.shares_fit");
	session_init(&s, fx->d, 1);
	fx->d = NULL;
	assert_int_equal(s.r->errors, 1);
	checklist_verdict(s.d, s.r, listing, 1, &v);
	assert_int_equal(v.status, CHECKLIST_ERROR);
	assert_non_null(strstr(v.worst->message, "declared no overlap"));
	checklist_verdict(s.d, s.r, listing, 0, &v);
	assert_int_equal(v.status, CHECKLIST_COMPLETE);

	/* The holdout set now declares what its manifest shows. */
	session_begin(&s, "declare", 0);
	session_at(&s, shares, 1);
	dossier_set_text(s.d, shares, 1, "yes");
	session_end(&s);
	assert_int_equal(s.r->errors, 0);
	checklist_verdict(s.d, s.r, listing, 1, &v);
	assert_int_equal(v.status, CHECKLIST_COMPLETE);

	/* Undo brings the contradiction back, read from the files again. */
	assert_non_null(session_undo(&s, 0));
	assert_int_equal(s.r->errors, 1);
	session_free(&s);
}

/*
 * What the files say depends on more than file answers: the manifest's
 * columns, the declarations, and whatever decides whether they are asked
 * (here a gate in another section).  A change to one of those reads the
 * files again; a change to anything else does not need to.
 */
static void
test_session_reads_again_when_applicability_changes(void **state)
{
	static const char tpl[] =
	    "id: lab\nedition: \"1\"\ntitle: Lab\nsections:\n"
	    "  - id: g\n    title: G\n    fields:\n"
	    "      - {id: ai, label: AI, type: yesno}\n"
	    "  - id: r\n    title: R\n    when: g.ai == yes\n    fields:\n"
	    "      - {id: notes, label: N, type: text}\n"
	    "      - id: sets\n        label: Sets\n        type: group\n"
	    "        fields:\n"
	    "          - {id: title, label: T, type: text}\n"
	    "          - {id: purpose, label: P, type: choice,\n"
	    "             options: [fit, holdout]}\n"
	    "          - {id: keys, label: K, type: text}\n"
	    "          - id: listing\n            label: L\n"
	    "            type: file\n"
	    "            manifest:\n              key: keys\n"
	    "              role: purpose\n              name: title\n"
	    "              declares:\n                - field: shares_fit\n"
	    "                  role: fit\n"
	    "          - {id: shares_fit, label: S, type: yesno}\n";
	struct fx *fx = *state;
	struct session s;
	const struct tmpl_field *ai, *notes;

	assert_non_null(h_set(fx, NULL, tpl));
	free(h_write(fx, "fit.csv", "pid\nP1\nP2\n", (size_t)-1));
	free(h_write(fx, "hold.csv", "pid\nP2\nP3\n", (size_t)-1));
	assert_non_null(h_dossier(fx, NULL, "format: 1\ntemplates: [lab:1]\n"
	    "answers:\n  lab:\n    g:\n      ai: yes\n    r:\n"
	    "      sets:\n"
	    "        - {title: Fit, purpose: fit, keys: pid, listing: fit.csv}\n"
	    "        - {title: Hold, purpose: holdout, keys: pid,\n"
	    "           listing: hold.csv, shares_fit: no}\n"));
	ai = h_field(fx, "lab.g.ai");
	notes = h_field(fx, "lab.r.notes");
	assert_true(proof_depends_on(fx->d, ai));
	assert_true(proof_depends_on(fx->d, h_field(fx, "lab.r.sets.keys")));
	assert_true(proof_depends_on(fx->d, h_field(fx, "lab.r.sets")));
	assert_false(proof_depends_on(fx->d, notes));
	session_init(&s, fx->d, 1);
	fx->d = NULL;
	assert_int_equal(s.r->errors, 1);
	/* The section no longer applies: nor does anything its files say
	 * (the records now declare nothing, which is no overlap warning
	 * either: a question not asked has no verdict). */
	session_begin(&s, "gate", 0);
	session_at(&s, ai, 0);
	dossier_set_text(s.d, ai, 0, "no");
	session_end(&s);
	assert_int_equal(s.r->errors, 0);
	assert_int_equal(s.r->warnings, 0);
	assert_int_equal(s.r->n, 0);
	session_free(&s);
}

static void
test_overlap_none_is_silent_and_dups_are_reported(void **state)
{
	struct fx *fx = *state;
	struct proof *p = lab(fx, "pid\nP7\nP8\nP7\n");

	assert_int_equal(p->f.n, 1);
	assert_int_equal(p->f.warnings, 1);
	h_assert_finding(&p->f.f[0], 15, 20, "manifest 'hold.csv': 1 row "
	    "repeats a key (pid) of an earlier row, e.g. P7 (lines 2 and 4)");
	proof_free(p);
}

static void
test_overlap_malformed_manifest_is_unusable_input(void **state)
{
	struct fx *fx = *state;
	char *shown;

	assert_non_null(h_set(fx, NULL, lab_tpl));
	free(h_write(fx, "fit.csv", "pid\nP1\n", (size_t)-1));
	free(h_write(fx, "hold.csv", "pid,x\nP1\n", (size_t)-1));
	assert_non_null(h_dossier(fx, NULL, lab_dossier));
	assert_null(proof_run(fx->d, 0, &fx->err));
	shown = h_path(fx, "hold.csv");
	h_assert_diag(&fx->err, shown, 2, 3,
	    "1 field, but the header has 2 columns");
	free(shown);
}

/* The evidence register. */

static void
set_mtime(struct fx *fx, const char *name, long sec)
{
	char *p = h_path(fx, name);
	struct timeval tv[2] = { { sec, 0 }, { sec, 0 } };

	assert_int_equal(utimes(p, tv), 0);
	free(p);
}

static const struct evid_file *
state_of(const struct evid_list *l, const char *path)
{
	const struct evid_file *e = evid_find(l, path);

	assert_non_null(e);
	return e;
}

static void
test_evidence_states(void **state)
{
	struct fx *fx = *state;
	struct evid_list *l;
	struct proof *p;

	p = lab(fx, "pid\nP7\n");
	proof_free(p);
	set_mtime(fx, "rep.md", 1000000000);
	l = evid_scan(fx->d, 0, &fx->err);
	assert_non_null(l);
	assert_int_equal(l->have_register, 0);
	assert_int_equal(state_of(l, "rep.md")->state, EVID_UNRECORDED);
	assert_int_equal(evid_record(fx->d, l, "2026-02-03", &fx->err), 3);
	assert_true(fx->d->dirty);
	evid_list_free(l);

	l = evid_scan(fx->d, 0, &fx->err);
	assert_int_equal(l->have_register, 1);
	assert_int_equal(state_of(l, "rep.md")->state, EVID_OK);
	/* Unchanged size and time: nothing was hashed. */
	assert_string_equal(state_of(l, "rep.md")->sha256, "");
	evid_list_free(l);

	/* A new time, the same bytes: touched (found by hashing). */
	set_mtime(fx, "rep.md", 1000000500);
	l = evid_scan(fx->d, 0, &fx->err);
	assert_int_equal(state_of(l, "rep.md")->state, EVID_TOUCHED);
	evid_list_free(l);

	/* Same size, other bytes, and the recorded time put back. */
	free(h_write(fx, "rep.md", "REPORT\n", (size_t)-1));
	set_mtime(fx, "rep.md", 1000000000);
	l = evid_scan(fx->d, 0, &fx->err);
	assert_int_equal(state_of(l, "rep.md")->state, EVID_OK);
	evid_list_free(l);
	l = evid_scan(fx->d, EVID_HASH, &fx->err);
	assert_int_equal(state_of(l, "rep.md")->state, EVID_CHANGED);
	evid_list_free(l);

	free(h_write(fx, "rep.md", "", (size_t)-1));
	l = evid_scan(fx->d, 0, &fx->err);
	assert_int_equal(state_of(l, "rep.md")->state, EVID_EMPTY);
	evid_list_free(l);
}

static void
test_evidence_findings(void **state)
{
	struct fx *fx = *state;
	struct evid_list *l;
	struct proof *p;
	char *rep, *out;

	p = lab(fx, "pid\nP7\n");
	proof_free(p);
	l = evid_scan(fx->d, 0, &fx->err);
	assert_int_equal(evid_record(fx->d, l, "2026-02-03", &fx->err), 3);
	evid_list_free(l);
	free(h_write(fx, "rep.md", "a longer report\n", (size_t)-1));
	p = proof_run(fx->d, 0, &fx->err);
	assert_int_equal(p->f.n, 1);
	h_assert_finding(&p->f.f[0], 6, 15, "evidence 'rep.md' changed since "
	    "it was recorded on 2026-02-03 (7 bytes then, 16 now); review it, "
	    "then run 'dossier evidence --record'");
	proof_free(p);

	/* A link that leads out of the folder is followed, and said. */
	rep = h_path(fx, "rep.md");
	out = xasprintf("%s-outside.md", fx->dir);
	assert_int_equal(rename(rep, out), 0);
	assert_int_equal(symlink(out, rep), 0);
	p = proof_run(fx->d, 0, &fx->err);
	assert_true(p->f.n >= 1);
	assert_int_equal(p->f.f[0].sev, TMPL_WARNING);
	assert_non_null(strstr(p->f.f[0].message, "is a link to"));
	assert_non_null(strstr(p->f.f[0].message, "outside the dossier's "
	    "folder"));
	proof_free(p);
	unlink(out);
	free(out);

	/* A FIFO is named, never opened. */
	unlink(rep);
	assert_int_equal(mkfifo(rep, 0600), 0);
	l = evid_scan(fx->d, EVID_HASH, &fx->err);
	assert_int_equal(state_of(l, "rep.md")->state, EVID_NOT_FILE);
	assert_string_equal(state_of(l, "rep.md")->kind, "a FIFO");
	evid_list_free(l);
	free(rep);
}

static void
test_evidence_register_malformed(void **state)
{
	struct fx *fx = *state;

	assert_non_null(h_set(fx, NULL, lab_tpl));
	assert_non_null(h_dossier(fx, NULL, "format: 1\ntemplates: [lab:1]\n"
	    "evidence:\n  files:\n    rep.md:\n      size: 12\n"
	    "      modified: x\n      sha256: nothex\n"));
	assert_null(evid_scan(fx->d, 0, &fx->err));
	h_assert_err(fx, "d.yaml", 8, 15, "evidence register: sha256 must be "
	    "64 lowercase hex digits");
}

/* Bundles. */

static void
check_ok(void *arg, const char *name, enum bundle_check c)
{
	(void)name;
	if (c != BUNDLE_OK)
		(*(int *)arg)++;
}

static void
test_bundle_is_deterministic_and_verifies(void **state)
{
	struct fx *fx = *state;
	struct proof *p = lab(fx, "pid\nP7\n");
	char *xlsx = h_write(fx, "c.xlsx", "not really a workbook", (size_t)-1);
	char *z1 = h_path(fx, "one.zip"), *z2 = h_path(fx, "two.zip");
	char *b1, *b2;
	size_t n1, n2;
	int bad = 0;
	struct proof *q;

	proof_free(p);
	q = proof_run(fx->d, PROOF_VERIFY, &fx->err);
	assert_int_equal(bundle_write(fx->d, q->ev, xlsx, z1, &fx->err), 0);
	set_mtime(fx, "fit.csv", 1234567);
	assert_int_equal(bundle_write(fx->d, q->ev, xlsx, z2, &fx->err), 0);
	b1 = h_slurp(z1, &n1);
	b2 = h_slurp(z2, &n2);
	assert_int_equal(n1, n2);
	assert_memory_equal(b1, b2, n1);
	assert_int_equal(bundle_verify(z1, check_ok, &bad, &fx->err), 0);
	assert_int_equal(bad, 0);
	free(b1);
	free(b2);
	proof_free(q);
	free(xlsx);
	free(z1);
	free(z2);
}

static void
test_bundle_refuses_missing_evidence(void **state)
{
	struct fx *fx = *state;
	struct proof *p = lab(fx, "pid\nP7\n");
	char *rep = h_path(fx, "rep.md"), *z = h_path(fx, "b.zip");

	proof_free(p);
	unlink(rep);
	p = proof_run(fx->d, PROOF_VERIFY, &fx->err);
	assert_int_equal(bundle_write(fx->d, p->ev, rep, z, &fx->err), -1);
	assert_int_equal(access(z, F_OK), -1);
	proof_free(p);
	free(rep);
	free(z);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
#define T(f) cmocka_unit_test_setup_teardown(f, h_setup, h_teardown)
		T(test_manifest_reads_rfc4180),
		T(test_manifest_composite_key_and_level),
		T(test_manifest_tsv_has_no_quoting),
		T(test_manifest_refuses_malformed_input),
		T(test_manifest_refuses_nul_byte),
		T(test_manifest_refuses_overlong_key),
		T(test_manifest_never_opens_fifo_folder_or_link),
		T(test_manifest_overlap_counts_in_file_order),
		T(test_manifest_many_keys),
		T(test_template_manifest_attribute),
		T(test_overlap_contradicts_declaration),
		T(test_session_counts_proof_and_reads_again),
		T(test_session_reads_again_when_applicability_changes),
		T(test_overlap_none_is_silent_and_dups_are_reported),
		T(test_overlap_malformed_manifest_is_unusable_input),
		T(test_evidence_states),
		T(test_evidence_findings),
		T(test_evidence_register_malformed),
		T(test_bundle_is_deterministic_and_verifies),
		T(test_bundle_refuses_missing_evidence),
#undef T
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
