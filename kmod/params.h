/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Module parameters (defined in main.c, documented in
 * Documentation/admin-guide.rst).  Writable ones may change at any time:
 * read each once per operation with READ_ONCE().
 */
#ifndef LB_KMOD_PARAMS_H
#define LB_KMOD_PARAMS_H

#include <linux/types.h>

extern unsigned int lb_max_module_size;		/* bytes of .wasm input */
extern unsigned int lb_max_memory_pages;	/* per linear memory */
extern unsigned int lb_default_stack_size;	/* bytes, when 0 is asked */
extern unsigned int lb_max_stack_size;		/* bytes */
extern unsigned int lb_max_instances;		/* per open /dev/lightbeam */

#endif /* LB_KMOD_PARAMS_H */
