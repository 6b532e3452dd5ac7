/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The section decoders (sections.c) as the streaming loader (loader.c)
 * drives them: the loader cuts the byte stream into sections and hands
 * over each whole non-code section; the code section it frames itself,
 * body by body, for the compiler.
 */
#ifndef LB_CODEGEN_SECTIONS_H
#define LB_CODEGEN_SECTIONS_H

#include "module.h"

enum lb_section_id {
	LB_SEC_CUSTOM = 0,
	LB_SEC_TYPE = 1,
	LB_SEC_IMPORT = 2,
	LB_SEC_FUNCTION = 3,
	LB_SEC_TABLE = 4,
	LB_SEC_MEMORY = 5,
	LB_SEC_GLOBAL = 6,
	LB_SEC_EXPORT = 7,
	LB_SEC_START = 8,
	LB_SEC_ELEMENT = 9,
	LB_SEC_CODE = 10,
	LB_SEC_DATA = 11,
	LB_SEC_DATA_COUNT = 12,
	LB_SEC_MAX = 12,
};

/*
 * Where a section may appear: non-custom sections must come in strictly
 * increasing rank (the data count section sits between element and code).
 * 0 for custom sections, which may appear anywhere.
 */
static inline unsigned int lb_section_rank(u8 id)
{
	if (id == LB_SEC_DATA_COUNT)
		return LB_SEC_ELEMENT + 1;
	if (id >= LB_SEC_CODE)
		return id + 1;
	return id;
}

/*
 * Decode and validate one whole known section other than custom and
 * code: `len` bytes at `buf`, which start at module offset `base`.
 */
int lb_decode_section(struct lb_module *m, u8 id, const u8 *buf, size_t len,
		      u64 base, struct lb_error *err);

/* The code section's function count, read at `offset`. */
int lb_check_code_count(const struct lb_module *m, u32 count, u64 offset,
			struct lb_error *err);

/*
 * Checks that need the whole module: counts declared by one section and
 * given by another that never came.  `seen` has bit (1 << id) set for
 * each section present; `offset` is the module's end.
 */
int lb_check_module_end(const struct lb_module *m, u32 seen, u64 offset,
			struct lb_error *err);

#endif /* LB_CODEGEN_SECTIONS_H */
