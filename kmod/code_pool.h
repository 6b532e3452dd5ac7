/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The executable code pool (code_pool_area.S reserves it, code_pool.c
 * hands it out): lb_code_alloc()/lb_code_write()/lb_code_free() from
 * codegen/platform.h are implemented on top of it.
 */
#ifndef LB_KMOD_CODE_POOL_H
#define LB_KMOD_CODE_POOL_H

#include <linux/types.h>

/* Bytes reserved in the module's text; a build-time constant (Kbuild). */
#ifndef LB_CODE_POOL_SIZE
#error "LB_CODE_POOL_SIZE must come from Kbuild"
#endif

/* Allocation granule: small enough for tiny modules, like prog_pack. */
#define LB_CODE_POOL_UNIT	64

extern u8 lb_code_pool[];	/* code_pool_area.S */

int lb_code_pool_init(void);
void lb_code_pool_exit(void);
size_t lb_code_pool_used(void);

#endif /* LB_KMOD_CODE_POOL_H */
