// SPDX-License-Identifier: GPL-2.0
/* bench: n=120 expect=0x4cdc71069c8a05c7 */
/*
 * Table-driven CRC-32 (IEEE, slicing by 4) over a 1 MiB buffer, n times:
 * byte loads, table lookups, shifts and xors.
 */
#include "bench.h"

#define BUF_SIZE (1U << 20)

static uint8_t buf[BUF_SIZE];
static uint32_t table[4][256];

static void make_table(void)
{
	uint32_t i, j, c;

	for (i = 0; i < 256; i++) {
		c = i;
		for (j = 0; j < 8; j++)
			c = c & 1 ? 0xedb88320U ^ (c >> 1) : c >> 1;
		table[0][i] = c;
	}
	for (i = 0; i < 256; i++) {
		c = table[0][i];
		for (j = 1; j < 4; j++) {
			c = table[0][c & 0xff] ^ (c >> 8);
			table[j][i] = c;
		}
	}
}

static noinline uint32_t crc32(uint32_t crc, const uint8_t *p, uint32_t len)
{
	crc = ~crc;
	while (len >= 4) {
		crc ^= (uint32_t)p[0] | (uint32_t)p[1] << 8 |
		       (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
		crc = table[3][crc & 0xff] ^ table[2][(crc >> 8) & 0xff] ^
		      table[1][(crc >> 16) & 0xff] ^ table[0][crc >> 24];
		p += 4;
		len -= 4;
	}
	while (len--)
		crc = table[0][(crc ^ *p++) & 0xff] ^ (crc >> 8);
	return ~crc;
}

BENCH_RUN
{
	uint64_t state = 5, sum = 0;
	uint32_t i, crc = 0;

	make_table();
	for (i = 0; i < BUF_SIZE; i++)
		buf[i] = (uint8_t)bench_rand(&state);
	for (i = 0; i < n; i++) {
		crc = crc32(crc, buf + (i & 3), BUF_SIZE - 4);
		sum = bench_mix(sum, crc);
	}
	return sum;
}
