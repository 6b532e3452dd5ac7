/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The spec-script runner's parts: getting a script as JSON (wast2json),
 * values and expected values in wabt's JSON form.
 */
#ifndef LBCTL_WAST_H
#define LBCTL_WAST_H

#include <jansson.h>

#include "lbctl.h"

/* A script as wast2json wrote it, and where its module files are. */
struct wast_script {
	json_t *root;
	char *name;		/* for messages: the basename of the input */
	char *dir;		/* directory the .wasm files are read from */
	/* .wast input: files read up front, the temp dir already gone. */
	struct wast_file *files;
	size_t nfiles;
};

struct wast_file {
	char *name;
	u8 *data;
	size_t len;
};

/* 0, or -errno after printing why. */
int wast_script_open(const char *path, struct wast_script *s);
void wast_script_close(struct wast_script *s);
/*
 * A module file named by the script: points into the script or is
 * malloc'd (*owned set); NULL with errno on failure.
 */
const u8 *wast_script_file(struct wast_script *s, const char *name,
			   size_t *len, void **owned);

/* Per-lane NaN patterns of an expected value. */
enum wast_nan {
	WAST_NAN_NONE,
	WAST_NAN_CANONICAL,
	WAST_NAN_ARITHMETIC,
};

struct wast_expect {
	struct lb_value v;	/* bit patterns of the non-NaN parts */
	u8 lane_bits;		/* v128: 8..64; else 0 */
	bool lane_float;	/* v128 f32x4 / f64x2 */
	bool any_ref;		/* a reference without "value": non-null */
	u8 nan[16];		/* enum wast_nan, per lane (lane 0 if scalar) */
};

/* An argument: 0, or -EINVAL for a value the runner cannot express. */
int wast_parse_value(const json_t *j, struct lb_value *v);
int wast_parse_expect(const json_t *j, struct wast_expect *e);
bool wast_expect_match(const struct wast_expect *e, const struct lb_value *v);
void wast_format_expect(const struct wast_expect *e, char *buf, size_t size);

/* wast2json 1.0.32 can write `}{"type"` inside a list: add the comma. */
char *wast_json_fixup(const char *text, size_t len, size_t *out_len);

#endif /* LBCTL_WAST_H */
