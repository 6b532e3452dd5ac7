// SPDX-License-Identifier: GPL-2.0
/* bench: n=200 expect=0x88bedab60a998837 */
/*
 * Byte shuffling: base64-encode a 256 KiB buffer and decode it back, n
 * times, checking the round trip.  Table lookups, shifts and masks on
 * bytes.
 */
#include "bench.h"

#define RAW_SIZE (192U << 10)
#define ENC_SIZE (RAW_SIZE / 3 * 4)

static uint8_t raw[RAW_SIZE], enc[ENC_SIZE], dec[RAW_SIZE];
static uint8_t decode_table[256];

static const char alphabet[] =
	"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

static noinline void encode(uint8_t *out, const uint8_t *in, uint32_t len)
{
	uint32_t i, v;

	for (i = 0; i + 3 <= len; i += 3) {
		v = (uint32_t)in[i] << 16 | (uint32_t)in[i + 1] << 8 | in[i + 2];
		*out++ = (uint8_t)alphabet[v >> 18];
		*out++ = (uint8_t)alphabet[(v >> 12) & 63];
		*out++ = (uint8_t)alphabet[(v >> 6) & 63];
		*out++ = (uint8_t)alphabet[v & 63];
	}
}

/* Returns the number of invalid characters seen. */
static noinline uint32_t decode(uint8_t *out, const uint8_t *in, uint32_t len)
{
	uint32_t i, v, bad = 0;
	uint8_t a, b, c, d;

	for (i = 0; i + 4 <= len; i += 4) {
		a = decode_table[in[i]];
		b = decode_table[in[i + 1]];
		c = decode_table[in[i + 2]];
		d = decode_table[in[i + 3]];
		bad += (a | b | c | d) >> 7;
		v = (uint32_t)(a & 63) << 18 | (uint32_t)(b & 63) << 12 |
		    (uint32_t)(c & 63) << 6 | (d & 63);
		*out++ = (uint8_t)(v >> 16);
		*out++ = (uint8_t)(v >> 8);
		*out++ = (uint8_t)v;
	}
	return bad;
}

BENCH_RUN
{
	uint64_t state = 77, sum = 0;
	uint32_t i, round;

	for (i = 0; i < 256; i++)
		decode_table[i] = 0x80;
	for (i = 0; i < 64; i++)
		decode_table[(uint8_t)alphabet[i]] = (uint8_t)i;
	for (i = 0; i < RAW_SIZE; i++)
		raw[i] = (uint8_t)bench_rand(&state);
	for (round = 0; round < n; round++) {
		raw[round % RAW_SIZE] ^= (uint8_t)round;
		encode(enc, raw, RAW_SIZE);
		sum += decode(dec, enc, ENC_SIZE);
		for (i = 0; i < RAW_SIZE; i += 4093)
			if (dec[i] != raw[i])
				return 0;
		sum = bench_mix(sum, enc[(round * 7919) % ENC_SIZE]);
	}
	return sum;
}
