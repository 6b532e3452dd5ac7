// SPDX-License-Identifier: GPL-2.0
/*
 * codegen/leb128.h's integer readers against a byte-by-byte decoder
 * written from the spec: the same value, the same length, the same
 * verdict on too-long and too-large encodings, for every width, every
 * length, minimal and padded encodings and random bytes, each at every
 * distance from the end of its buffer (a reader that looks ahead must
 * not read past it: ASan checks that, as the buffer is exactly as long).
 */
#include <stdlib.h>

#include "lbt.h"
#include "codegen/leb128.h"

enum width { W_U32, W_S32, W_S33, W_S64, W_COUNT };

static const unsigned int width_bits[W_COUNT] = { 32, 32, 33, 64 };
static const char *const width_name[W_COUNT] = { "u32", "s32", "s33", "s64" };

/* The spec's LEB128: 0 and *val, *len, or -1 (end, too long, too large). */
static int ref_read(const u8 *p, size_t avail, enum width w, u64 *val,
		    size_t *len)
{
	unsigned int bits = width_bits[w], max = (bits + 6) / 7, i;
	bool is_signed = w != W_U32;
	u64 v = 0;
	u8 b = 0;

	for (i = 0; i < max; i++) {
		if (i >= avail)
			return -1;
		b = p[i];
		if (i == max - 1) {
			unsigned int used = bits - 7 * i;
			u8 unused = (u8)(0x7f & ~((1U << used) - 1));

			if (b & 0x80)
				return -1;
			if (!is_signed && (b & unused))
				return -1;
			if (is_signed && (b & unused) !=
			    (((b >> (used - 1)) & 1) ? unused : 0))
				return -1;
		}
		v |= (u64)(b & 0x7f) << (7 * i);
		if (!(b & 0x80))
			break;
	}
	*len = i + 1;
	if (is_signed && 7 * (i + 1) < 64 && (b & 0x40))
		v |= ~0ULL << (7 * (i + 1));
	if (w == W_U32 || w == W_S32)	/* as the callers see it */
		v = w == W_U32 ? (u64)(u32)v : (u64)(s64)(s32)v;
	*val = v;
	return 0;
}

static int lib_read(const u8 *p, size_t avail, enum width w, u64 *val,
		    size_t *len)
{
	struct lb_error err = { 0 };
	struct lb_reader r;
	int ret;

	lb_reader_init(&r, p, avail, 0);
	switch (w) {
	case W_U32: {
		u32 v;

		ret = lb_read_u32(&r, &v, &err);
		*val = v;
		break;
	}
	case W_S32: {
		s32 v;

		ret = lb_read_s32(&r, &v, &err);
		*val = (u64)(s64)v;
		break;
	}
	default: {
		s64 v;

		ret = w == W_S33 ? lb_read_s33(&r, &v, &err) :
				   lb_read_s64(&r, &v, &err);
		*val = (u64)v;
		break;
	}
	}
	*len = (size_t)(r.p - p);
	return ret ? -1 : 0;
}

static u64 rnd(void)
{
	static u64 s = 0x9e3779b97f4a7c15ULL;

	s ^= s << 13;
	s ^= s >> 7;
	s ^= s << 17;
	return s;
}

static unsigned long ncases, nbad[W_COUNT];

/* Compare the two readers on enc[0..n) followed by every tail length. */
static void check(const u8 *enc, size_t n, enum width w)
{
	size_t tail, rlen = 0, llen = 0;
	u64 rv = 0, lv = 0;
	int rr, lr;

	for (tail = 0; tail <= 10; tail++) {
		size_t avail = n + tail, i;
		u8 *buf = malloc(avail);

		if (!buf)
			abort();
		memcpy(buf, enc, n);
		for (i = n; i < avail; i++)	/* continuation bits set */
			buf[i] = (u8)(rnd() | 0x80);
		rr = ref_read(buf, avail, w, &rv, &rlen);
		lr = lib_read(buf, avail, w, &lv, &llen);
		free(buf);
		ncases++;
		if (rr == lr && (rr || (rv == lv && rlen == llen)))
			continue;
		if (!nbad[w]++)
			printf("%s, %zu bytes %02x %02x %02x .. + %zu: ref %d 0x%llx/%zu, leb128.h %d 0x%llx/%zu\n",
			       width_name[w], n, enc[0], n > 1 ? enc[1] : 0,
			       n > 2 ? enc[2] : 0, tail, rr,
			       (unsigned long long)rv, rlen, lr,
			       (unsigned long long)lv, llen);
		return;
	}
}

/* v in n bytes, padded with continuation bytes beyond its minimum. */
static size_t encode(u64 v, bool is_signed, size_t n, u8 *out)
{
	size_t i;

	for (i = 0; i < n; i++) {
		out[i] = (u8)(v & 0x7f) | (i + 1 < n ? 0x80 : 0);
		v = is_signed ? (u64)((s64)v >> 7) : v >> 7;
	}
	return n;
}

int main(void)
{
	enum width w;
	u8 enc[16];
	size_t n, k;
	int round;

	for (w = 0; w < W_COUNT; w++) {
		unsigned int max = (width_bits[w] + 6) / 7;

		for (round = 0; round < 20000; round++) {
			/* a value of a random bit length, any encoded length */
			unsigned int sig = (unsigned int)(rnd() % 65);
			u64 v = sig ? rnd() >> (64 - sig) : 0;

			if (w != W_U32 && (rnd() & 1))
				v = ~v;
			n = 1 + (size_t)(rnd() % (max + 1));
			check(enc, encode(v, w != W_U32, n, enc), w);
			/* random bytes, continuation bits mostly set */
			for (k = 0; k < sizeof(enc); k++)
				enc[k] = (u8)(rnd() | (rnd() % 5 ? 0x80 : 0));
			check(enc, 1 + (size_t)(rnd() % (max + 2)), w);
		}
		lbt_check(!nbad[w], "%s: %lu encodings read differently",
			  width_name[w], nbad[w]);
	}
	lbt_check(ncases > 1000000, "only %lu cases", ncases);
	return lbt_summary();
}
