/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Adversarial ("compiler bomb") modules and a "normal" module to compare
 * them with, generated in memory.  Used by `make bench` (lb-bench bombs)
 * and by tools/tests/test_bombs.c, which asserts that compiling a bomb
 * costs no more per input byte than a bounded factor of the normal
 * module: a quadratic step in the compiler fails it.
 */
#ifndef LB_BENCH_BOMBS_H
#define LB_BENCH_BOMBS_H

#include <lb_platform_types.h>

/* A growable byte buffer; err is set (and stays set) when out of memory. */
struct lb_wbuf {
	u8 *p;
	size_t len;
	size_t cap;
	bool err;
};

void lb_wbuf_free(struct lb_wbuf *b);

struct lb_bomb {
	const char *name;
	const char *what;	/* one line, for the report */
	/* Append a whole module of about `size` bytes to b (empty). */
	void (*gen)(struct lb_wbuf *b, size_t size);
};

/* The bombs; the list ends with a NULL name. */
extern const struct lb_bomb lb_bombs[];

/*
 * A module shaped like compiled C: many small functions with locals,
 * loads and stores, arithmetic, blocks, loops, branches and calls.
 */
void lb_bomb_normal(struct lb_wbuf *b, size_t size);

/*
 * A module past a limit rather than a bomb: a function whose calls leave
 * more than LB_MAX_OPERAND_STACK values on its stack, two bytes each
 * 1000 values.  It must be rejected (E2BIG) at the call that goes past.
 */
void lb_bomb_deep_results(struct lb_wbuf *b);

/*
 * Also past a limit: a function of LB_MAX_NESTING empty blocks in a row,
 * with the function's own frame one more than allowed.  It must be
 * rejected (E2BIG) at the last block.
 */
void lb_bomb_deep_blocks(struct lb_wbuf *b);

#endif /* LB_BENCH_BOMBS_H */
