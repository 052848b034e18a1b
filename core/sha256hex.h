/*
 * SHA-256 as the project writes it everywhere (evidence.files, manifests,
 * bundles, review sheets, template identity): 64 lowercase hex digits and
 * a NUL.  One writer, so no two places can come to disagree on the form.
 */
#ifndef DOSSIER_SHA256HEX_H
#define DOSSIER_SHA256HEX_H

#include <stddef.h>

#include <nettle/sha2.h>

/* Finish ctx and write its digest into out. */
void sha256hex_digest(struct sha256_ctx *ctx, char out[65]);

/* The digest of len bytes of buf. */
void sha256hex_buf(const void *buf, size_t len, char out[65]);

#endif
