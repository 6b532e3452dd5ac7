// SPDX-License-Identifier: GPL-2.0
/*
 * Values in wabt's JSON spec-script form: {"type": "i32", "value": "42"}
 * with integers and float bit patterns as unsigned decimal strings,
 * "nan:canonical" / "nan:arithmetic" patterns in expected floats, and
 * v128s as {"lane_type": "f32", "value": [four lanes]}.
 *
 * References: the engine's handles are opaque and 0 is null, while the
 * spec's (ref.extern N) is a non-null reference for every N, so the
 * runner passes externref N as handle N + 1.
 */
#include <stdlib.h>

#include "wast.h"

static int type_from_name(const char *s, u8 *type)
{
	static const struct {
		const char *name;
		u8 type;
	} types[] = {
		{ "i32", LB_TYPE_I32 },
		{ "i64", LB_TYPE_I64 },
		{ "f32", LB_TYPE_F32 },
		{ "f64", LB_TYPE_F64 },
		{ "v128", LB_TYPE_V128 },
		{ "funcref", LB_TYPE_FUNCREF },
		{ "externref", LB_TYPE_EXTERNREF },
	};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(types); i++) {
		if (!strcmp(s, types[i].name)) {
			*type = types[i].type;
			return 0;
		}
	}
	return -EINVAL;
}

/* Unsigned decimal as wabt writes it; a '-' is tolerated for lanes. */
static int parse_num(const char *s, unsigned int bits, u64 *out)
{
	u64 mask = bits == 64 ? ~0ULL : (1ULL << bits) - 1;
	bool neg = *s == '-';
	u64 v;

	if (lbctl_parse_u64(neg ? s + 1 : s, &v))
		return -EINVAL;
	if (neg)
		v = 0 - v;
	else if (v > mask)
		return -ERANGE;
	*out = v & mask;
	return 0;
}

static enum wast_nan nan_pattern(const char *s)
{
	if (!strcmp(s, "nan:canonical"))
		return WAST_NAN_CANONICAL;
	if (!strcmp(s, "nan:arithmetic"))
		return WAST_NAN_ARITHMETIC;
	return WAST_NAN_NONE;
}

static int lane_shape(const char *lt, u8 *bits, bool *is_float)
{
	*is_float = lt[0] == 'f';
	if (!strcmp(lt, "i8"))
		*bits = 8;
	else if (!strcmp(lt, "i16"))
		*bits = 16;
	else if (!strcmp(lt, "i32") || !strcmp(lt, "f32"))
		*bits = 32;
	else if (!strcmp(lt, "i64") || !strcmp(lt, "f64"))
		*bits = 64;
	else
		return -EINVAL;
	return 0;
}

static void set_lane(struct lb_value *v, unsigned int i, unsigned int bits,
		     u64 x)
{
	unsigned int pos = i * bits;
	u64 *half = pos < 64 ? &v->lo : &v->hi;
	u64 mask = bits == 64 ? ~0ULL : (1ULL << bits) - 1;

	pos %= 64;
	*half = (*half & ~(mask << pos)) | ((x & mask) << pos);
}

static u64 get_lane(const struct lb_value *v, unsigned int i,
		    unsigned int bits)
{
	unsigned int pos = i * bits;
	u64 half = pos < 64 ? v->lo : v->hi;
	u64 mask = bits == 64 ? ~0ULL : (1ULL << bits) - 1;

	return (half >> (pos % 64)) & mask;
}

/* The common part; NaN patterns only where `e` is given. */
static int parse_typed(const json_t *j, struct lb_value *v,
		       struct wast_expect *e)
{
	const char *ts = json_string_value(json_object_get(j, "type"));
	const json_t *val = json_object_get(j, "value");
	const char *s = json_string_value(val);
	unsigned int bits, i, n;
	bool is_float;
	u8 lb;

	memset(v, 0, sizeof(*v));
	if (!ts || type_from_name(ts, &v->type))
		return -EINVAL;
	switch (v->type) {
	case LB_TYPE_I32:
	case LB_TYPE_I64:
		bits = v->type == LB_TYPE_I32 ? 32 : 64;
		return s ? parse_num(s, bits, &v->lo) : -EINVAL;
	case LB_TYPE_F32:
	case LB_TYPE_F64:
		bits = v->type == LB_TYPE_F32 ? 32 : 64;
		if (!s)
			return -EINVAL;
		if (e && nan_pattern(s)) {
			e->nan[0] = nan_pattern(s);
			return 0;
		}
		return parse_num(s, bits, &v->lo);
	case LB_TYPE_V128:
		s = json_string_value(json_object_get(j, "lane_type"));
		if (!s || lane_shape(s, &lb, &is_float) || !json_is_array(val))
			return -EINVAL;
		n = 128 / lb;
		if (json_array_size(val) != n)
			return -EINVAL;
		if (e) {
			e->lane_bits = lb;
			e->lane_float = is_float;
		}
		for (i = 0; i < n; i++) {
			const char *ls = json_string_value(
				json_array_get(val, i));
			u64 x;

			if (!ls)
				return -EINVAL;
			if (e && is_float && nan_pattern(ls)) {
				e->nan[i] = nan_pattern(ls);
				continue;
			}
			if (parse_num(ls, lb, &x))
				return -EINVAL;
			set_lane(v, i, lb, x);
		}
		return 0;
	case LB_TYPE_FUNCREF:
	case LB_TYPE_EXTERNREF:
		if (!val) {
			/* Expected "some reference": any non-null one. */
			if (!e)
				return -EINVAL;
			e->any_ref = true;
			return 0;
		}
		if (!s)
			return -EINVAL;
		if (!strcmp(s, "null"))
			return 0;
		if (v->type == LB_TYPE_FUNCREF) {
			/* No way to name a function's handle from here. */
			if (!e)
				return -EINVAL;
			e->any_ref = true;
			return 0;
		}
		if (parse_num(s, 64, &v->lo) || v->lo == ~0ULL)
			return -EINVAL;
		v->lo++;
		return 0;
	}
	return -EINVAL;
}

int wast_parse_value(const json_t *j, struct lb_value *v)
{
	return parse_typed(j, v, NULL);
}

int wast_parse_expect(const json_t *j, struct wast_expect *e)
{
	memset(e, 0, sizeof(*e));
	return parse_typed(j, &e->v, e);
}

static bool nan_match(enum wast_nan pat, u64 bits, unsigned int width)
{
	u64 quiet = width == 32 ? 0x7fc00000ULL : 0x7ff8000000000000ULL;
	u64 abs = width == 32 ? 0x7fffffffULL : 0x7fffffffffffffffULL;

	if (pat == WAST_NAN_CANONICAL)
		return (bits & abs) == quiet;
	/* Arithmetic: any quiet NaN, whatever the payload and sign. */
	return (bits & quiet) == quiet;
}

bool wast_expect_match(const struct wast_expect *e, const struct lb_value *v)
{
	unsigned int i, n;

	if (v->type != e->v.type)
		return false;
	switch (v->type) {
	case LB_TYPE_I32:
		return (u32)v->lo == (u32)e->v.lo;
	case LB_TYPE_F32:
		if (e->nan[0])
			return nan_match(e->nan[0], (u32)v->lo, 32);
		return (u32)v->lo == (u32)e->v.lo;
	case LB_TYPE_I64:
		return v->lo == e->v.lo;
	case LB_TYPE_F64:
		if (e->nan[0])
			return nan_match(e->nan[0], v->lo, 64);
		return v->lo == e->v.lo;
	case LB_TYPE_V128:
		n = 128 / e->lane_bits;
		for (i = 0; i < n; i++) {
			u64 got = get_lane(v, i, e->lane_bits);

			if (e->nan[i]) {
				if (!nan_match(e->nan[i], got, e->lane_bits))
					return false;
			} else if (got != get_lane(&e->v, i, e->lane_bits)) {
				return false;
			}
		}
		return true;
	case LB_TYPE_FUNCREF:
	case LB_TYPE_EXTERNREF:
		return e->any_ref ? v->lo != 0 : v->lo == e->v.lo;
	}
	return false;
}

static const char *nan_name(u8 pat)
{
	return pat == WAST_NAN_CANONICAL ? "nan:canonical" : "nan:arithmetic";
}

void wast_format_expect(const struct wast_expect *e, char *buf, size_t size)
{
	const char *tn = lb_type_name(e->v.type);
	unsigned int i, n;
	size_t len;

	if (e->v.type == LB_TYPE_V128) {
		n = 128 / e->lane_bits;
		len = (size_t)snprintf(buf, size, "v128:%c%ux%u [",
				       e->lane_float ? 'f' : 'i',
				       e->lane_bits, n);
		for (i = 0; i < n && len < size; i++) {
			if (e->nan[i])
				len += (size_t)snprintf(buf + len, size - len,
							"%s%s", i ? " " : "",
							nan_name(e->nan[i]));
			else
				len += (size_t)snprintf(buf + len, size - len,
							"%s0x%llx",
							i ? " " : "",
							get_lane(&e->v, i,
								 e->lane_bits));
		}
		if (len < size)
			snprintf(buf + len, size - len, "]");
		return;
	}
	if (e->nan[0])
		snprintf(buf, size, "%s:%s", tn, nan_name(e->nan[0]));
	else if (e->any_ref)
		snprintf(buf, size, "%s:non-null", tn);
	else
		lbctl_format_value(&e->v, buf, size);
}
