// SPDX-License-Identifier: GPL-2.0
/*
 * Typed values on the command line: parsing arguments against a
 * function's signature and printing results.
 */
#include <stdlib.h>

#include "lbctl.h"

/* Decimal or 0x hex, the whole string, no sign. */
int lbctl_parse_u64(const char *s, u64 *out)
{
	unsigned long long v;
	char *end;

	if (!*s || *s == '-' || *s == '+' || *s == ' ')
		return -EINVAL;
	errno = 0;
	v = strtoull(s, &end, 0);
	if (errno || *end)
		return -EINVAL;
	*out = v;
	return 0;
}

/*
 * An integer of `bits` bits: decimal or 0x hex, optionally negative.
 * Anything from the signed minimum to the unsigned maximum is accepted
 * and kept by bit pattern.
 */
static int parse_int(const char *s, unsigned int bits, u64 *out)
{
	u64 mag, umax = bits == 64 ? ~0ULL : (1ULL << bits) - 1;
	bool neg = *s == '-';

	if (lbctl_parse_u64(neg ? s + 1 : s, &mag))
		return -EINVAL;
	if (neg) {
		if (mag > (1ULL << (bits - 1)))
			return -ERANGE;
		*out = (0 - mag) & umax;
	} else {
		if (mag > umax)
			return -ERANGE;
		*out = mag;
	}
	return 0;
}

/* "bits:0x7fc00001" gives a float's raw bit pattern. */
static int parse_float_bits(const char *s, unsigned int bits, u64 *out)
{
	u64 v;

	if (lbctl_parse_u64(s, &v))
		return -EINVAL;
	if (bits == 32 && v > 0xffffffffULL)
		return -ERANGE;
	*out = v;
	return 0;
}

static int parse_f32(const char *s, u64 *out)
{
	char *end;
	float f;
	u32 b;

	if (!strncmp(s, "bits:", 5))
		return parse_float_bits(s + 5, 32, out);
	/* Out-of-range input rounds to inf or 0 as C does; accept it. */
	f = strtof(s, &end);
	if (!*s || *end)
		return -EINVAL;
	memcpy(&b, &f, sizeof(b));
	*out = b;
	return 0;
}

static int parse_f64(const char *s, u64 *out)
{
	char *end;
	double d;
	u64 b;

	if (!strncmp(s, "bits:", 5))
		return parse_float_bits(s + 5, 64, out);
	d = strtod(s, &end);
	if (!*s || *end)
		return -EINVAL;
	memcpy(&b, &d, sizeof(b));
	*out = b;
	return 0;
}

/* v128: 0x followed by up to 32 hex digits, most significant first. */
static int parse_v128(const char *s, u64 *lo, u64 *hi)
{
	size_t n, i;

	if (s[0] != '0' || (s[1] != 'x' && s[1] != 'X'))
		return -EINVAL;
	s += 2;
	n = strlen(s);
	if (!n || n > 32)
		return -EINVAL;
	*lo = 0;
	*hi = 0;
	for (i = 0; i < n; i++) {
		char c = s[i];
		unsigned int d;

		if (c >= '0' && c <= '9')
			d = (unsigned int)(c - '0');
		else if (c >= 'a' && c <= 'f')
			d = (unsigned int)(c - 'a' + 10);
		else if (c >= 'A' && c <= 'F')
			d = (unsigned int)(c - 'A' + 10);
		else
			return -EINVAL;
		*hi = (*hi << 4) | (*lo >> 60);
		*lo = (*lo << 4) | d;
	}
	return 0;
}

int lbctl_parse_arg(const char *s, u8 type, struct lb_value *v)
{
	memset(v, 0, sizeof(*v));
	v->type = type;
	switch (type) {
	case LB_TYPE_I32:
		return parse_int(s, 32, &v->lo);
	case LB_TYPE_I64:
		return parse_int(s, 64, &v->lo);
	case LB_TYPE_F32:
		return parse_f32(s, &v->lo);
	case LB_TYPE_F64:
		return parse_f64(s, &v->lo);
	case LB_TYPE_V128:
		return parse_v128(s, &v->lo, &v->hi);
	case LB_TYPE_FUNCREF:
	case LB_TYPE_EXTERNREF:
		/* Opaque handles: "null" or a number (0 is null too). */
		if (!strcmp(s, "null"))
			return 0;
		return lbctl_parse_u64(s, &v->lo);
	}
	return -EINVAL;
}

void lbctl_format_value(const struct lb_value *v, char *buf, size_t size)
{
	float f;
	double d;
	u32 b32 = (u32)v->lo;

	switch (v->type) {
	case LB_TYPE_I32:
		snprintf(buf, size, "i32:%d", (s32)b32);
		break;
	case LB_TYPE_I64:
		snprintf(buf, size, "i64:%lld", (s64)v->lo);
		break;
	case LB_TYPE_F32:
		memcpy(&f, &b32, sizeof(f));
		/* %.9g round-trips every float. */
		snprintf(buf, size, "f32:%.9g (0x%08x)", (double)f,
			 b32);
		break;
	case LB_TYPE_F64:
		memcpy(&d, &v->lo, sizeof(d));
		snprintf(buf, size, "f64:%.17g (0x%016llx)", d, v->lo);
		break;
	case LB_TYPE_V128:
		snprintf(buf, size, "v128:0x%016llx%016llx",
			 v->hi, v->lo);
		break;
	case LB_TYPE_FUNCREF:
	case LB_TYPE_EXTERNREF:
		if (!v->lo)
			snprintf(buf, size, "%s:null",
				 lb_type_name(v->type));
		else
			snprintf(buf, size, "%s:0x%llx",
				 lb_type_name(v->type), v->lo);
		break;
	default:
		snprintf(buf, size, "type 0x%02x:0x%llx", v->type, v->lo);
		break;
	}
}

static size_t format_types(const u8 *t, u32 n, char *buf, size_t size)
{
	size_t len = 0;
	u32 i;

	len += (size_t)snprintf(buf, size, "(");
	for (i = 0; i < n && len < size; i++)
		len += (size_t)snprintf(buf + len, size - len, "%s%s",
					i ? ", " : "", lb_type_name(t[i]));
	if (len < size)
		len += (size_t)snprintf(buf + len, size - len, ")");
	return len;
}

void lbctl_format_signature(const u8 *params, u32 nparams,
			    const u8 *results, u32 nresults,
			    char *buf, size_t size)
{
	size_t len = format_types(params, nparams, buf, size);

	if (len + 4 < size) {
		len += (size_t)snprintf(buf + len, size - len, " -> ");
		format_types(results, nresults, buf + len, size - len);
	}
}
