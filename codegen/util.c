// SPDX-License-Identifier: GPL-2.0
/*
 * Small helpers shared by the whole engine: error records and growable
 * buffers.
 */
#include "module.h"

int lb_err(struct lb_error *err, int errno_val, u64 offset,
	   const char *fmt, ...)
{
	va_list ap;

	if (err) {
		err->offset = offset;
		va_start(ap, fmt);
		vsnprintf(err->msg, sizeof(err->msg), fmt, ap);
		va_end(ap);
	}
	return -errno_val;
}

/*
 * Make room for `extra` more bytes after b->len.  The capacity doubles so
 * that appending byte by byte stays linear overall.
 */
int lb_buf_reserve(struct lb_buf *b, size_t extra)
{
	size_t need, cap;
	u8 *data;

	if (extra <= b->cap - b->len)
		return 0;
	if (extra > (size_t)-1 / 2 - b->len)
		return -ENOMEM;
	need = b->len + extra;
	cap = b->cap ? b->cap : 64;
	while (cap < need)
		cap *= 2;
	data = lb_alloc_raw(cap);
	if (!data)
		return -ENOMEM;
	if (b->len)
		memcpy(data, b->data, b->len);
	lb_free(b->data);
	b->data = data;
	b->cap = cap;
	return 0;
}

void lb_buf_free(struct lb_buf *b)
{
	lb_free(b->data);
	b->data = NULL;
	b->len = 0;
	b->cap = 0;
}

const char *lb_type_name(u8 type)
{
	switch (type) {
	case LB_TYPE_I32: return "i32";
	case LB_TYPE_I64: return "i64";
	case LB_TYPE_F32: return "f32";
	case LB_TYPE_F64: return "f64";
	case LB_TYPE_V128: return "v128";
	case LB_TYPE_FUNCREF: return "funcref";
	case LB_TYPE_EXTERNREF: return "externref";
	case 0: return "any";		/* the validator's unknown type */
	default: return "?";
	}
}

/*
 * Make room for `need` elements of `size` bytes in *arr, which holds *cap:
 * the capacity doubles from `min`, the elements already there are kept.
 */
int lb_array_grow(void **arr, u32 *cap, u32 need, size_t size, u32 min)
{
	u32 ncap = *cap ? *cap : min;
	void *n;

	while (ncap < need) {
		if (ncap >= 0x80000000U)
			return -ENOMEM;
		ncap *= 2;
	}
	n = lb_alloc(size * ncap);
	if (!n)
		return -ENOMEM;
	if (*cap)
		memcpy(n, *arr, size * *cap);
	lb_free(*arr);
	*arr = n;
	*cap = ncap;
	return 0;
}
