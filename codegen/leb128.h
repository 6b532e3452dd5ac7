/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A bounds-checked cursor over bytes that are all in memory (one section,
 * one function body), with the readers of the WebAssembly binary format:
 * LEB128 integers, fixed-width floats, byte vectors and UTF-8 names.
 *
 * Every reader returns 0 or -EINVAL; on error it fills err with the
 * absolute byte offset (base + position in the buffer) and the reason in
 * the spec test suite's wording.  On error the cursor position is
 * unspecified: callers stop reading.
 */
#ifndef LB_CODEGEN_LEB128_H
#define LB_CODEGEN_LEB128_H

#include "module.h"

struct lb_reader {
	const u8 *p;		/* next byte */
	const u8 *start;	/* buffer start: offset base */
	const u8 *end;		/* one past the last byte */
	u64 base;		/* module offset of start */
};

#define LB_MSG_UNEXPECTED_END	"unexpected end of section or function"

static inline void lb_reader_init(struct lb_reader *r, const u8 *buf,
				  size_t len, u64 base)
{
	static const u8 lb_no_bytes[1];

	if (!buf)		/* an empty unit: NULL + 0 is undefined in C */
		buf = lb_no_bytes;
	r->p = buf;
	r->start = buf;
	r->end = buf + len;
	r->base = base;
}

/* Module offset of the next byte. */
static inline u64 lb_reader_offset(const struct lb_reader *r)
{
	return r->base + (u64)(r->p - r->start);
}

static inline size_t lb_reader_left(const struct lb_reader *r)
{
	return (size_t)(r->end - r->p);
}

static inline bool lb_reader_eof(const struct lb_reader *r)
{
	return r->p >= r->end;
}

/*
 * Record a malformed input at `offset`.  Returns the constant -EINVAL
 * (not lb_err()'s value) so that compilers see that callers' outputs are
 * only used on success.
 */
static inline int lb_reader_fail(struct lb_error *err, u64 offset,
				 const char *msg)
{
	lb_err(err, EINVAL, offset, "%s", msg);
	return -EINVAL;
}

static inline int lb_reader_end_err(const struct lb_reader *r,
				    struct lb_error *err)
{
	return lb_reader_fail(err, lb_reader_offset(r), LB_MSG_UNEXPECTED_END);
}

static inline int lb_read_u8(struct lb_reader *r, u8 *out,
			     struct lb_error *err)
{
	if (unlikely(r->p >= r->end))
		return lb_reader_end_err(r, err);
	*out = *r->p++;
	return 0;
}

/* Unsigned LEB128, at most 5 bytes, value below 2^32. */
static inline int lb_read_u32(struct lb_reader *r, u32 *out,
			      struct lb_error *err)
{
	u32 result = 0;
	unsigned int i;
	u8 b;

	/* Most indices and immediates fit one byte. */
	if (likely(r->p < r->end && *r->p < 0x80)) {
		*out = *r->p++;
		return 0;
	}
	for (i = 0; i < 5; i++) {
		if (unlikely(r->p >= r->end))
			return lb_reader_end_err(r, err);
		b = *r->p++;
		if (i == 4) {
			if (b & 0x80)
				return lb_reader_fail(err, lb_reader_offset(r) - 1,
						      "integer representation too long");
			if (b & 0x70)
				return lb_reader_fail(err, lb_reader_offset(r) - 1,
						      "integer too large");
		}
		result |= (u32)(b & 0x7f) << (7 * i);
		if (!(b & 0x80))
			break;
	}
	*out = result;
	return 0;
}

/*
 * Signed LEB128 of `bits` (33 or 64 or 32) bits.  The last permitted
 * byte's unused high bits must repeat the sign bit.
 */
static inline int lb_read_sleb(struct lb_reader *r, unsigned int bits,
			       s64 *out, struct lb_error *err)
{
	unsigned int max_bytes = (bits + 6) / 7;
	unsigned int shift = 0, i;
	u64 result = 0;
	u8 b = 0;

	/* One byte: -64 .. 63, valid for every width. */
	if (likely(r->p < r->end && *r->p < 0x80)) {
		b = *r->p++;
		*out = (s64)(b & 0x3f) - (b & 0x40);
		return 0;
	}
	for (i = 0; i < max_bytes; i++) {
		if (unlikely(r->p >= r->end))
			return lb_reader_end_err(r, err);
		b = *r->p++;
		if (i == max_bytes - 1) {
			/* bits left for this byte, e.g. 4 for s32, 1 for s64 */
			unsigned int used = bits - 7 * i;
			u8 unused_mask = (u8)(0x7f & ~((1U << used) - 1));
			u8 sign = (b >> (used - 1)) & 1;

			if (b & 0x80)
				return lb_reader_fail(err, lb_reader_offset(r) - 1,
						      "integer representation too long");
			if ((b & unused_mask) != (sign ? unused_mask : 0))
				return lb_reader_fail(err, lb_reader_offset(r) - 1,
						      "integer too large");
		}
		result |= (u64)(b & 0x7f) << shift;
		shift += 7;
		if (!(b & 0x80))
			break;
	}
	if (shift < 64 && (b & 0x40))
		result |= ~0ULL << shift;
	*out = (s64)result;
	return 0;
}

static inline int lb_read_s32(struct lb_reader *r, s32 *out,
			      struct lb_error *err)
{
	s64 v;
	int ret = lb_read_sleb(r, 32, &v, err);

	if (ret)
		return ret;
	*out = (s32)v;
	return 0;
}

/* Block types: a value type byte, 0x40, or a type index as s33. */
static inline int lb_read_s33(struct lb_reader *r, s64 *out,
			      struct lb_error *err)
{
	return lb_read_sleb(r, 33, out, err);
}

static inline int lb_read_s64(struct lb_reader *r, s64 *out,
			      struct lb_error *err)
{
	return lb_read_sleb(r, 64, out, err);
}

/* Little-endian fixed-width values: f32 / f64 bit patterns. */
static inline int lb_read_fixed32(struct lb_reader *r, u32 *out,
				  struct lb_error *err)
{
	if (unlikely(lb_reader_left(r) < 4))
		return lb_reader_end_err(r, err);
	*out = (u32)r->p[0] | (u32)r->p[1] << 8 | (u32)r->p[2] << 16 |
	       (u32)r->p[3] << 24;
	r->p += 4;
	return 0;
}

static inline int lb_read_fixed64(struct lb_reader *r, u64 *out,
				  struct lb_error *err)
{
	u32 lo, hi;
	int ret;

	ret = lb_read_fixed32(r, &lo, err);
	if (!ret)
		ret = lb_read_fixed32(r, &hi, err);
	if (ret)
		return ret;
	*out = (u64)hi << 32 | lo;
	return 0;
}

/* n raw bytes, returned in place. */
static inline int lb_read_bytes(struct lb_reader *r, size_t n,
				const u8 **out, struct lb_error *err)
{
	if (unlikely(lb_reader_left(r) < n))
		return lb_reader_end_err(r, err);
	*out = r->p;
	r->p += n;
	return 0;
}

/* A vector length that must fit in what is left ("length out of bounds"). */
static inline int lb_read_len(struct lb_reader *r, u32 *out,
			      struct lb_error *err)
{
	u64 off = lb_reader_offset(r);
	int ret = lb_read_u32(r, out, err);

	if (ret)
		return ret;
	if (unlikely(*out > lb_reader_left(r)))
		return lb_reader_fail(err, off, "length out of bounds");
	return 0;
}

/* Well-formed UTF-8: no overlongs, no surrogates, nothing past U+10FFFF. */
static inline bool lb_utf8_valid(const u8 *s, size_t len)
{
	size_t i = 0;

	while (i < len) {
		u8 c = s[i];
		u32 cp, min;
		size_t n, k;

		if (c < 0x80) {
			i++;
			continue;
		} else if ((c & 0xe0) == 0xc0) {
			n = 1;
			cp = c & 0x1f;
			min = 0x80;
		} else if ((c & 0xf0) == 0xe0) {
			n = 2;
			cp = c & 0x0f;
			min = 0x800;
		} else if ((c & 0xf8) == 0xf0) {
			n = 3;
			cp = c & 0x07;
			min = 0x10000;
		} else {
			return false;
		}
		if (len - i - 1 < n)
			return false;
		for (k = 1; k <= n; k++) {
			if ((s[i + k] & 0xc0) != 0x80)
				return false;
			cp = cp << 6 | (s[i + k] & 0x3f);
		}
		if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
			return false;
		i += n + 1;
	}
	return true;
}

/* A name: u32 length, then that many bytes of valid UTF-8. */
static inline int lb_read_name(struct lb_reader *r, const u8 **name,
			       u32 *len, struct lb_error *err)
{
	u64 off;
	int ret;

	ret = lb_read_len(r, len, err);
	if (ret)
		return ret;
	off = lb_reader_offset(r);
	*name = r->p;
	r->p += *len;
	if (unlikely(!lb_utf8_valid(*name, *len)))
		return lb_reader_fail(err, off, "malformed UTF-8 encoding");
	return 0;
}

#endif /* LB_CODEGEN_LEB128_H */
