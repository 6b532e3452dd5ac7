/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Speculation-mitigation thunks generated code must use (thunks.c):
 * lb_indirect_thunk() and lb_return_thunk() from codegen/platform.h.
 */
#ifndef LB_KMOD_THUNKS_H
#define LB_KMOD_THUNKS_H

#include <linux/types.h>

/* Learns the thunks from the probes; call once at module init. */
void lb_thunks_init(void);

/* thunk_probe.S: branches the module loader patched, never executed. */
void lb_ret_probe(void);
void lb_call_probes(void);
extern const u8 *const lb_call_probe_sites[16];

#endif /* LB_KMOD_THUNKS_H */
