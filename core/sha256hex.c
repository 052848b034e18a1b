/*
 * SHA-256 in hex (see sha256hex.h).
 */
#include "config.h"

#include "core/sha256hex.h"

#include <stdint.h>

void
sha256hex_digest(struct sha256_ctx *ctx, char out[65])
{
	static const char digits[] = "0123456789abcdef";
	uint8_t d[SHA256_DIGEST_SIZE];
	size_t i;

	sha256_digest(ctx, SHA256_DIGEST_SIZE, d);
	for (i = 0; i < SHA256_DIGEST_SIZE; i++) {
		out[2 * i] = digits[d[i] >> 4];
		out[2 * i + 1] = digits[d[i] & 15];
	}
	out[2 * SHA256_DIGEST_SIZE] = '\0';
}

void
sha256hex_buf(const void *buf, size_t len, char out[65])
{
	struct sha256_ctx ctx;

	sha256_init(&ctx);
	sha256_update(&ctx, len, buf);
	sha256hex_digest(&ctx, out);
}
