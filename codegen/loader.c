// SPDX-License-Identifier: GPL-2.0
/*
 * The streaming loader: cuts the byte stream, fed in chunks of any size,
 * into units and hands each to its consumer as soon as it is complete.
 * The units are the 8-byte preamble, a section header (id and LEB128
 * size), a whole non-code section (to sections.c), and inside the code
 * section its function count and then each function body (to the
 * compiler).  Custom sections are skipped byte by byte once their name
 * has been checked.  So the loader holds one unit at a time, never the
 * whole module, and each body is compiled while the next one is still
 * being copied in.
 */
#include "leb128.h"
#include "sections.h"

enum lb_loader_state {
	LD_PREAMBLE,		/* magic and version */
	LD_SECTION_ID,
	LD_SECTION_SIZE,	/* LEB128 */
	LD_SECTION_BODY,	/* a whole non-code, non-custom section */
	LD_CUSTOM_NAME_LEN,	/* LEB128, within the section */
	LD_CUSTOM_NAME,
	LD_SKIP,		/* the rest of a custom section */
	LD_CODE_COUNT,		/* LEB128, within the section */
	LD_BODY_SIZE,		/* LEB128, within the section */
	LD_BODY,
	LD_DONE,		/* finished: the module was handed out */
};

struct lb_loader {
	struct lb_module *m;		/* being built; NULL once handed out */
	struct lb_compiler *comp;	/* between begin and finish */
	struct lb_error err;
	int ret;			/* the first error, repeated after */
	u8 state;			/* enum lb_loader_state */
	u64 offset;			/* module offset of the next byte */
	u64 max_size;

	struct lb_buf buf;		/* the unit being accumulated */
	u64 need;			/* bytes the unit still misses */
	u64 unit_off;			/* module offset of the unit */

	u8 sec_id;
	unsigned int last_rank;		/* of the last non-custom section */
	u32 seen;			/* bit (1 << id) per section seen */
	u64 sec_size_off;		/* where the section size is */
	u64 sec_end;			/* module offset after the section */

	u32 code_count;			/* bodies the code section declares */
	u32 code_done;			/* bodies compiled so far */
};

static const u8 lb_magic[4] = { 0x00, 0x61, 0x73, 0x6d };	/* "\0asm" */
static const u8 lb_version[4] = { 0x01, 0x00, 0x00, 0x00 };

/* Bigger unit buffers are not kept for the next unit. */
#define LB_LOADER_KEEP_BUF	(1U << 20)

/* Start accumulating a unit of `need` bytes. */
static void start_unit(struct lb_loader *ld, u8 state, u64 need)
{
	ld->state = state;
	if (ld->buf.cap > LB_LOADER_KEEP_BUF)
		lb_buf_free(&ld->buf);
	ld->buf.len = 0;
	ld->need = need;
	ld->unit_off = ld->offset;
}

static int fail(struct lb_loader *ld, int ret)
{
	ld->ret = ret;
	return ret;
}

int lb_loader_create(const struct lb_config *cfg, struct lb_loader **out)
{
	struct lb_loader *ld;

	*out = NULL;
	ld = lb_alloc(sizeof(*ld));
	if (!ld)
		return -ENOMEM;
	ld->m = lb_alloc(sizeof(*ld->m));
	if (!ld->m) {
		lb_free(ld);
		return -ENOMEM;
	}
	if (cfg)
		ld->m->cfg = *cfg;
	if (!ld->m->cfg.max_module_size)
		ld->m->cfg.max_module_size = LB_DEFAULT_MAX_MODULE_SIZE;
	ld->max_size = ld->m->cfg.max_module_size;
	start_unit(ld, LD_PREAMBLE, 8);
	ld->err.offset = ~0ULL;
	*out = ld;
	return 0;
}

/* Copy up to ld->need bytes of the input into the unit buffer. */
static int take(struct lb_loader *ld, const u8 **p, size_t *len)
{
	size_t n = *len < ld->need ? *len : (size_t)ld->need;

	if (lb_buf_reserve(&ld->buf, n))
		return lb_err(&ld->err, ENOMEM, ld->offset, "out of memory");
	memcpy(ld->buf.data + ld->buf.len, *p, n);
	ld->buf.len += n;
	ld->need -= n;
	ld->offset += n;
	*p += n;
	*len -= n;
	return 0;
}

/*
 * Gather the rest of a unit.  Returns 1 once it is whole, with *unit
 * pointing at its bytes, or 0 when more input is needed.  A unit that
 * lies whole in the input is used where it is: most of a module (the
 * bodies, the data section) is never copied.  The input stays valid for
 * as long as its feed call, which is as long as the unit's consumer runs.
 */
static int take_unit(struct lb_loader *ld, const u8 **p, size_t *len,
		     const u8 **unit, size_t *unit_len)
{
	int ret;

	if (!ld->buf.len && *len >= ld->need) {
		size_t n = (size_t)ld->need;

		*unit = *p;
		*unit_len = n;
		ld->need = 0;
		ld->offset += n;
		*p += n;
		*len -= n;
		return 1;
	}
	ret = take(ld, p, len);
	if (ret)
		return ret;
	*unit = ld->buf.data;
	*unit_len = ld->buf.len;
	return !ld->need;
}

/*
 * Start a LEB128 inside the current section.  The section must still
 * have a byte for it: that is known now, so fail now rather than at
 * the end of the input.
 */
static int start_section_leb(struct lb_loader *ld, u8 state)
{
	if (ld->offset >= ld->sec_end)
		return lb_err(&ld->err, EINVAL, ld->offset,
			      LB_MSG_UNEXPECTED_END);
	start_unit(ld, state, 1);
	return 0;
}

/*
 * A LEB128 u32 read straight from the input, when it starts a unit and
 * cannot be cut by the input's end: at least five bytes are there, or
 * the section ends first.  A module of many small functions reads one
 * body size per function, and byte by byte through the unit buffer
 * that cost as much as compiling a small body.  Returns 1 with *val
 * set, 0 to go byte by byte, or an error (the same as byte by byte).
 */
static int leb_direct(struct lb_loader *ld, const u8 **p, size_t *len,
		      bool bounded, u32 *val)
{
	size_t avail = *len, n;
	struct lb_reader r;
	int ret;

	if (bounded && ld->sec_end - ld->offset < avail)
		avail = (size_t)(ld->sec_end - ld->offset);
	else if (avail < 5)
		return 0;
	lb_reader_init(&r, *p, avail, ld->offset);
	ret = lb_read_u32(&r, val, &ld->err);
	if (ret)
		return ret;
	n = (size_t)(r.p - *p);
	ld->offset += n;
	*p += n;
	*len -= n;
	return 1;
}

/*
 * Accept one byte of a LEB128 u32 being accumulated.  Returns 1 when the
 * number is complete (*val set), 0 when more bytes are needed, or an
 * error.  Overlong and too large encodings are left to lb_read_u32 so
 * the messages are the same everywhere.  `bounded`: the number must end
 * within the current section.
 */
static int leb_byte(struct lb_loader *ld, const u8 **p, size_t *len,
		    bool bounded, u32 *val)
{
	struct lb_reader r;
	int ret;

	if (!ld->buf.len) {
		ret = leb_direct(ld, p, len, bounded, val);
		if (ret)
			return ret;
	}
	ld->need = 1;
	ret = take(ld, p, len);
	if (ret)
		return ret;
	if ((ld->buf.data[ld->buf.len - 1] & 0x80) && ld->buf.len < 5) {
		if (bounded && ld->offset >= ld->sec_end)
			return lb_err(&ld->err, EINVAL, ld->offset,
				      LB_MSG_UNEXPECTED_END);
		return 0;
	}
	lb_reader_init(&r, ld->buf.data, ld->buf.len, ld->unit_off);
	ret = lb_read_u32(&r, val, &ld->err);
	return ret ? ret : 1;
}

static int begin_compiler(struct lb_loader *ld)
{
	if (ld->comp)
		return 0;
	return lb_compiler_begin(ld->m, &ld->comp, &ld->err);
}

static int section_done(struct lb_loader *ld)
{
	if (ld->offset != ld->sec_end)
		return lb_err(&ld->err, EINVAL, ld->offset,
			      "section size mismatch");
	start_unit(ld, LD_SECTION_ID, 1);
	return 0;
}

static int section_id(struct lb_loader *ld, u8 id)
{
	unsigned int rank;

	if (id > LB_SEC_MAX)
		return lb_err(&ld->err, EINVAL, ld->offset - 1,
			      "malformed section id");
	if (id != LB_SEC_CUSTOM) {
		rank = lb_section_rank(id);
		if (rank <= ld->last_rank)
			return lb_err(&ld->err, EINVAL, ld->offset - 1,
				      "unexpected content after last section");
		ld->last_rank = rank;
	}
	ld->sec_id = id;
	ld->seen |= 1U << id;
	ld->sec_size_off = ld->offset;
	start_unit(ld, LD_SECTION_SIZE, 1);
	return 0;
}

static int section_start(struct lb_loader *ld, u32 size)
{
	int ret;

	ld->sec_end = ld->offset + size;
	switch (ld->sec_id) {
	case LB_SEC_CUSTOM:
		return start_section_leb(ld, LD_CUSTOM_NAME_LEN);
	case LB_SEC_CODE:
		ld->m->code_section_size = size;
		ret = begin_compiler(ld);
		if (ret)
			return ret;
		return start_section_leb(ld, LD_CODE_COUNT);
	}
	start_unit(ld, LD_SECTION_BODY, size);
	if (size)
		return 0;
	/* Empty: decode now (it fails on the missing count). */
	ret = lb_decode_section(ld->m, ld->sec_id, NULL, 0, ld->offset,
				&ld->err);
	if (!ret)
		ret = section_done(ld);
	return ret;
}

/* Skip the rest of a custom section (which may be nothing). */
static void skip_section(struct lb_loader *ld)
{
	ld->state = LD_SKIP;
	if (ld->offset == ld->sec_end)
		start_unit(ld, LD_SECTION_ID, 1);
}

static int custom_name_len(struct lb_loader *ld, u32 len)
{
	if (len > ld->sec_end - ld->offset)
		return lb_err(&ld->err, EINVAL, ld->unit_off,
			      "length out of bounds");
	start_unit(ld, LD_CUSTOM_NAME, len);
	if (!len)
		skip_section(ld);
	return 0;
}

static int custom_name(struct lb_loader *ld)
{
	if (!lb_utf8_valid(ld->buf.data, ld->buf.len))
		return lb_err(&ld->err, EINVAL, ld->unit_off,
			      "malformed UTF-8 encoding");
	skip_section(ld);
	return 0;
}

static int next_body(struct lb_loader *ld)
{
	if (ld->code_done == ld->code_count)
		return section_done(ld);
	return start_section_leb(ld, LD_BODY_SIZE);
}

static int code_count(struct lb_loader *ld, u32 count)
{
	int ret = lb_check_code_count(ld->m, count, ld->unit_off, &ld->err);

	if (ret)
		return ret;
	ld->code_count = count;
	return next_body(ld);
}

static int compile_body(struct lb_loader *ld, const u8 *body, size_t len)
{
	u32 func = ld->m->nimported_funcs + ld->code_done;
	int ret;

	ret = lb_compile_function(ld->comp, func, body, (u32)len,
				  ld->unit_off, &ld->err);
	if (ret)
		return ret;
	ld->code_done++;
	return next_body(ld);
}

static int body_size(struct lb_loader *ld, u32 size)
{
	if (size > ld->sec_end - ld->offset)
		return lb_err(&ld->err, EINVAL, ld->unit_off,
			      "section size mismatch");
	if (size > LB_MAX_FUNC_BODY_SIZE)
		return lb_err(&ld->err, E2BIG, ld->unit_off,
			      "function body of %u bytes is larger than the limit of %u",
			      size, LB_MAX_FUNC_BODY_SIZE);
	start_unit(ld, LD_BODY, size);
	return size ? 0 : compile_body(ld, NULL, 0);
}

/* Consume input until it runs out or an error; one state step a turn. */
static int feed(struct lb_loader *ld, const u8 *p, size_t len)
{
	const u8 *unit;
	size_t unit_len;
	u32 val;
	int ret;

	while (len) {
		switch (ld->state) {
		case LD_PREAMBLE:
			ret = take(ld, &p, &len);
			if (ret)
				return ret;
			if (ld->buf.len >= 4 &&
			    memcmp(ld->buf.data, lb_magic, 4))
				return lb_err(&ld->err, EINVAL, 0,
					      "magic header not detected");
			if (ld->need)
				break;
			if (memcmp(ld->buf.data + 4, lb_version, 4))
				return lb_err(&ld->err, EINVAL, 4,
					      "unknown binary version");
			start_unit(ld, LD_SECTION_ID, 1);
			break;
		case LD_SECTION_ID:
			ld->offset++;
			len--;
			ret = section_id(ld, *p++);
			if (ret)
				return ret;
			break;
		case LD_SECTION_SIZE:
			ret = leb_byte(ld, &p, &len, false, &val);
			if (ret > 0)
				ret = section_start(ld, val);
			if (ret)
				return ret;
			break;
		case LD_SECTION_BODY:
			ret = take_unit(ld, &p, &len, &unit, &unit_len);
			if (ret <= 0)
				return ret;
			ret = lb_decode_section(ld->m, ld->sec_id, unit,
						unit_len, ld->unit_off,
						&ld->err);
			if (!ret)
				ret = section_done(ld);
			if (ret)
				return ret;
			break;
		case LD_CUSTOM_NAME_LEN:
			ret = leb_byte(ld, &p, &len, true, &val);
			if (ret > 0)
				ret = custom_name_len(ld, val);
			if (ret)
				return ret;
			break;
		case LD_CUSTOM_NAME:
			ret = take(ld, &p, &len);
			if (ret || ld->need)
				return ret;
			ret = custom_name(ld);
			if (ret)
				return ret;
			break;
		case LD_SKIP: {
			u64 left = ld->sec_end - ld->offset;
			size_t n = len < left ? len : (size_t)left;

			ld->offset += n;
			p += n;
			len -= n;
			skip_section(ld);
			break;
		}
		case LD_CODE_COUNT:
			ret = leb_byte(ld, &p, &len, true, &val);
			if (ret > 0)
				ret = code_count(ld, val);
			if (ret)
				return ret;
			break;
		case LD_BODY_SIZE:
			ret = leb_byte(ld, &p, &len, true, &val);
			if (ret > 0)
				ret = body_size(ld, val);
			if (ret)
				return ret;
			break;
		case LD_BODY:
			ret = take_unit(ld, &p, &len, &unit, &unit_len);
			if (ret <= 0)
				return ret;
			ret = compile_body(ld, unit, unit_len);
			if (ret)
				return ret;
			break;
		default:
			return lb_err(&ld->err, EINVAL, ld->offset,
				      "module already loaded");
		}
	}
	return 0;
}

int lb_loader_feed(struct lb_loader *ld, const void *buf, size_t len)
{
	if (ld->ret)
		return ld->ret;
	if (len > ld->max_size - ld->offset)
		return fail(ld, lb_err(&ld->err, E2BIG, ld->max_size,
				       "module larger than the limit of %llu bytes",
				       (unsigned long long)ld->max_size));
	return fail(ld, feed(ld, buf, len));
}

static int finish(struct lb_loader *ld)
{
	int ret;

	switch (ld->state) {
	case LD_SECTION_ID:
		break;
	case LD_PREAMBLE:
	case LD_SECTION_SIZE:
		return lb_err(&ld->err, EINVAL, ld->offset, "unexpected end");
	case LD_DONE:
		return lb_err(&ld->err, EINVAL, ld->offset,
			      "module already loaded");
	default:
		/* Inside a section: it claimed more bytes than there are. */
		return lb_err(&ld->err, EINVAL, ld->sec_size_off,
			      "length out of bounds");
	}
	ret = lb_check_module_end(ld->m, ld->seen, ld->offset, &ld->err);
	if (!ret)
		ret = begin_compiler(ld);
	if (ret)
		return ret;
	ret = lb_compiler_finish(ld->comp, &ld->err);
	/* The compiler is gone either way. */
	ld->comp = NULL;
	return ret;
}

int lb_loader_finish(struct lb_loader *ld, struct lb_module **out)
{
	int ret;

	*out = NULL;
	if (ld->ret)
		return ld->ret;
	ret = finish(ld);
	if (ret)
		return fail(ld, ret);
	*out = ld->m;
	ld->m = NULL;
	ld->state = LD_DONE;
	lb_buf_free(&ld->buf);
	return 0;
}

const struct lb_error *lb_loader_error(const struct lb_loader *ld)
{
	return &ld->err;
}

void lb_loader_destroy(struct lb_loader *ld)
{
	if (!ld)
		return;
	if (ld->comp)
		lb_compiler_abort(ld->comp);
	if (ld->m)
		lb_module_destroy(ld->m);
	lb_buf_free(&ld->buf);
	lb_free(ld);
}

int lb_module_load(const struct lb_config *cfg, const void *buf, size_t len,
		   struct lb_module **out, struct lb_error *err)
{
	struct lb_loader *ld;
	int ret;

	*out = NULL;
	ret = lb_loader_create(cfg, &ld);
	if (ret) {
		lb_err(err, -ret, ~0ULL, "out of memory");
		return ret;
	}
	ret = lb_loader_feed(ld, buf, len);
	if (!ret)
		ret = lb_loader_finish(ld, out);
	if (ret && err)
		*err = ld->err;
	lb_loader_destroy(ld);
	return ret;
}
