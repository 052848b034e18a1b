/*
 * Benchmark driver: read two manifests with the key column given and
 * print their sizes and the overlap, the work "dossier check" does for a
 * pair of datasets.  tests/bench/manifest-bench.sh times it against
 * Python's csv and set on the same files.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/manifest.h"

int
main(int argc, char **argv)
{
	struct mf_job j[2];
	size_t ex[MF_EXAMPLES], nex, n;
	long bad;

	if (argc != 4) {
		fprintf(stderr, "usage: overlap A.csv B.csv KEY\n");
		return 2;
	}
	memset(j, 0, sizeof j);
	j[0].path = argv[1];
	j[1].path = argv[2];
	j[0].key = j[1].key = argv[3];
	/* As check reads them: all manifests at once (core/overlap.c). */
	bad = mf_read_all(j, 2);
	if (bad >= 0) {
		fprintf(stderr, "%s:%d:%d: %s\n", j[bad].err.file,
		    j[bad].err.line, j[bad].err.col, j[bad].err.msg);
		return 2;
	}
	n = mf_overlap(&j[0].r.item, &j[1].r.item, ex, &nex);
	printf("%zu %zu %zu %zu %zu\n", j[0].r.rows, j[0].r.item.n,
	    j[1].r.rows, j[1].r.item.n, n);
	mf_result_free(&j[0].r);
	mf_result_free(&j[1].r);
	return 0;
}
