/*
 * Benchmark driver: read two manifests with the key column given and
 * print their sizes and the overlap, the work "dossier check" does for a
 * pair of datasets.  tests/bench/manifest-bench.sh times it against
 * Python's csv and set on the same files.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "core/manifest.h"

int
main(int argc, char **argv)
{
	struct mf_result a, b;
	struct diag err;
	size_t ex[MF_EXAMPLES], nex, n;

	if (argc != 4) {
		fprintf(stderr, "usage: overlap A.csv B.csv KEY\n");
		return 2;
	}
	if (mf_read(argv[1], NULL, argv[3], NULL, &a, &err) < 0 ||
	    mf_read(argv[2], NULL, argv[3], NULL, &b, &err) < 0) {
		fprintf(stderr, "%s:%d:%d: %s\n", err.file, err.line, err.col,
		    err.msg);
		return 2;
	}
	n = mf_overlap(&a.item, &b.item, ex, &nex);
	printf("%zu %zu %zu %zu %zu\n", a.rows, a.item.n, b.rows, b.item.n, n);
	mf_result_free(&a);
	mf_result_free(&b);
	return 0;
}
