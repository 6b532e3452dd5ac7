/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The executable code pool: LB_CODE_POOL_SIZE bytes reserved inside this
 * module's own text.  The module loader maps it read-only and executable
 * with the rest of the module's text, within rel32 reach of the kernel
 * (direct calls to helpers and thunks), and oopses inside it symbolize as
 * lightbeam:lb_code_pool+off.  It is @nobits so that the .ko stays small:
 * the loader zero-fills it, and code_pool.c fills it with int3 at init and
 * writes it only through a temporary writable alias.
 *
 * objtool must not decode this object (there are no instructions to read,
 * and it would try to): Kbuild marks it OBJECT_FILES_NON_STANDARD.
 */
#include <linux/linkage.h>

	.section .lb_code_pool, "ax", @nobits
	.balign 4096
	.globl lb_code_pool
	.type lb_code_pool, @object
lb_code_pool:
	.skip LB_CODE_POOL_SIZE
	.size lb_code_pool, LB_CODE_POOL_SIZE
	.balign 4096
