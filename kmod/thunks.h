/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Speculation-mitigation thunks generated code must use (thunks.c):
 * lb_indirect_thunk() and lb_return_thunk() from codegen/platform.h.
 */
#ifndef LB_KMOD_THUNKS_H
#define LB_KMOD_THUNKS_H

/* Learns the return thunk; call once at module init. */
void lb_thunks_init(void);

/* ret_probe.S: one return, patched by the module loader. */
void lb_ret_probe(void);

#endif /* LB_KMOD_THUNKS_H */
