/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A tiny harness for the user-space engine tests: checks counted, one
 * line per failure, and a final "N passed, M failed" that
 * tools/tests/run-user-tests.sh adds up.
 */
#ifndef LBT_H
#define LBT_H

#include <lb_platform_types.h>
#include "codegen/engine.h"

__printf(2, 3)
bool lbt_check(bool ok, const char *fmt, ...);
/* Prints the summary line; the exit status: 0 if nothing failed. */
int lbt_summary(void);

/* Whole file, or exits the test with a failure. */
u8 *lbt_read_file(const char *path, size_t *len);

/* The host's features, as lbctl uses them. */
void lbt_config(struct lb_config *cfg);

/*
 * Load buf fed in chunks of `chunk` bytes (0: all at once).  Returns the
 * engine's result; err gets the loader's error on failure.
 */
int lbt_load_chunked(const u8 *buf, size_t len, size_t chunk,
		     const struct lb_config *cfg, struct lb_module **out,
		     struct lb_error *err);

/* Find a function export by name, -ENOENT if there is none. */
int lbt_find_func(const struct lb_module *m, const char *name, u32 *idx);

#endif /* LBT_H */
