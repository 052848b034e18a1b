/*
 * Comments in a YAML text.  The dossier is a tree of data: saving writes
 * it afresh and comments cannot survive, so the loader asks where the
 * first one is, and the wizard and check say so once.
 */
#ifndef DOSSIER_YAMLCOMMENT_H
#define DOSSIER_YAMLCOMMENT_H

#include <stddef.h>

/*
 * The line (from 1) of the first comment in buf, or 0 when there is none
 * (or the text does not scan as YAML: the loader reports that).  A '#'
 * inside a scalar, quoted or not, is not a comment.
 */
int yaml_comment_line(const char *buf, size_t len);

#endif
