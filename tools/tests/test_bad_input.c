// SPDX-License-Identifier: GPL-2.0
/*
 * Bad inputs: an empty file, a wrong magic or version, a valid module cut
 * short at every byte, and pseudo-random corruptions.  Each must fail
 * with an error that names an offset inside the input -- never crash,
 * hang or leak (run under ASan) -- and a loader that failed must keep
 * failing the same way.
 *
 * usage: test_bad_input FILE.wasm...
 */
#include <stdlib.h>

#include "lbt.h"

#define CORRUPTIONS	300

static const u8 empty_module[] = { 0x00, 0x61, 0x73, 0x6d, 1, 0, 0, 0 };

struct bad {
	const char *what;
	u8 bytes[16];
	size_t len;
};

static const struct bad bads[] = {
	{ "empty", { 0 }, 0 },
	{ "one byte", { 0x00 }, 1 },
	{ "magic only", { 0x00, 0x61, 0x73, 0x6d }, 4 },
	{ "wrong magic", { 0x00, 0x61, 0x73, 0x6e, 1, 0, 0, 0 }, 8 },
	{ "text magic", { '(', 'm', 'o', 'd', 'u', 'l', 'e', ')' }, 8 },
	{ "version 2", { 0x00, 0x61, 0x73, 0x6d, 2, 0, 0, 0 }, 8 },
	{ "version 0x1000000", { 0x00, 0x61, 0x73, 0x6d, 0, 0, 0, 1 }, 8 },
	{ "component", { 0x00, 0x61, 0x73, 0x6d, 0x0d, 0, 1, 0 }, 8 },
	{ "section id 0x7f", { 0x00, 0x61, 0x73, 0x6d, 1, 0, 0, 0,
			       0x7f, 0x00 }, 10 },
	{ "section past end", { 0x00, 0x61, 0x73, 0x6d, 1, 0, 0, 0,
				0x01, 0x05, 0x00 }, 11 },
	{ "unterminated leb", { 0x00, 0x61, 0x73, 0x6d, 1, 0, 0, 0,
				0x01, 0x80, 0x80, 0x80, 0x80, 0x80, 0x00 }, 15 },
};

/* xorshift64: reproducible corruptions. */
static u64 rng_state = 0x9e3779b97f4a7c15ULL;

static u64 rng(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return rng_state;
}

/* Must fail, with an offset within [0, len]. */
static void expect_error(const char *what, const u8 *buf, size_t len,
			 size_t chunk)
{
	struct lb_module *m = NULL;
	struct lb_config cfg;
	struct lb_error err;
	int ret;

	lbt_config(&cfg);
	ret = lbt_load_chunked(buf, len, chunk, &cfg, &m, &err);
	if (!lbt_check(ret < 0, "%s (%zu bytes): loaded", what, len)) {
		lb_module_destroy(m);
		return;
	}
	lbt_check(err.offset != ~0ULL && err.offset <= len && err.msg[0],
		  "%s (%zu bytes): error %d without a proper offset (0x%llx: %s)",
		  what, len, ret, err.offset, err.msg);
}

/* Either outcome is fine; it must be well-formed and not crash. */
static void load_any(const char *what, const u8 *buf, size_t len)
{
	struct lb_module *m = NULL;
	struct lb_config cfg;
	struct lb_error err;
	int ret;

	lbt_config(&cfg);
	ret = lbt_load_chunked(buf, len, 5, &cfg, &m, &err);
	if (!ret) {
		lbt_check(m != NULL, "%s: success without a module", what);
		lb_module_destroy(m);
		return;
	}
	lbt_check(ret < 0 && err.msg[0] &&
		  (err.offset == ~0ULL || err.offset <= len),
		  "%s: error %d at 0x%llx: '%s'", what, ret, err.offset,
		  err.msg);
}

/*
 * Does the module's section list end exactly at `cut`?  A prefix that
 * stops between two sections may be a valid module by itself (a type
 * section alone is), so those cuts may load.
 */
static bool at_section_boundary(const u8 *buf, size_t len, size_t cut)
{
	size_t off = 8;

	while (off < len && off < cut) {
		u64 size = 0;
		unsigned int shift = 0;

		off++;			/* section id */
		while (off < len && shift < 35) {
			size |= (u64)(buf[off] & 0x7f) << shift;
			shift += 7;
			if (!(buf[off++] & 0x80))
				break;
		}
		off += size;
	}
	return off == cut;
}

/* After an error every call fails the same way. */
static void sticky_error(void)
{
	static const u8 bad[] = { 0x00, 0x61, 0x73, 0x6e, 1, 0, 0, 0 };
	struct lb_module *m = NULL;
	struct lb_loader *ld;
	struct lb_config cfg;
	int ret, again;

	lbt_config(&cfg);
	if (!lbt_check(!lb_loader_create(&cfg, &ld), "loader_create"))
		return;
	ret = lb_loader_feed(ld, bad, sizeof(bad));
	if (!ret)
		ret = lb_loader_finish(ld, &m);
	lbt_check(ret < 0, "wrong magic accepted");
	again = lb_loader_feed(ld, empty_module, sizeof(empty_module));
	lbt_check(again == ret, "feed after error: %d, first %d", again, ret);
	again = lb_loader_finish(ld, &m);
	lbt_check(again == ret, "finish after error: %d, first %d", again,
		  ret);
	lb_loader_destroy(ld);
}

static void good_empty(void)
{
	struct lb_module *m = NULL;
	struct lb_config cfg;
	struct lb_error err;
	int ret;

	lbt_config(&cfg);
	ret = lb_module_load(&cfg, empty_module, sizeof(empty_module), &m,
			     &err);
	lbt_check(!ret, "the empty module fails: %d %s", ret, err.msg);
	if (!ret)
		lb_module_destroy(m);
}

int main(int argc, char **argv)
{
	char what[600];
	size_t i, len, cut;
	int a, k;
	u8 *buf, *copy;

	for (i = 0; i < ARRAY_SIZE(bads); i++) {
		expect_error(bads[i].what, bads[i].bytes, bads[i].len, 0);
		expect_error(bads[i].what, bads[i].bytes, bads[i].len, 1);
	}
	good_empty();
	sticky_error();

	for (a = 1; a < argc; a++) {
		buf = lbt_read_file(argv[a], &len);
		/* Every cut inside a section or the header is bad. */
		for (cut = 0; cut < len; cut++) {
			snprintf(what, sizeof(what), "%s cut at %zu", argv[a],
				 cut);
			if (cut >= 8 && at_section_boundary(buf, len, cut))
				load_any(what, buf, cut);
			else
				expect_error(what, buf, cut, cut & 1 ? 3 : 0);
		}
		copy = malloc(len ? len : 1);
		if (!lbt_check(copy != NULL, "out of memory"))
			break;
		for (k = 0; k < CORRUPTIONS && len > 8; k++) {
			size_t pos = 8 + (size_t)(rng() % (len - 8));

			memcpy(copy, buf, len);
			copy[pos] = (u8)rng();
			if (k & 1)
				copy[8 + (size_t)(rng() % (len - 8))] ^=
					(u8)(1U << (rng() % 8));
			snprintf(what, sizeof(what), "%s corruption %d at %zu",
				 argv[a], k, pos);
			load_any(what, copy, len);
		}
		free(copy);
		free(buf);
	}
	return lbt_summary();
}
