// SPDX-License-Identifier: GPL-2.0
/*
 * Executable memory for generated code, carved out of the pool that
 * code_pool_area.S reserves in this module's text.
 *
 * Why here: on 5.8+ vmap() cannot make executable mappings, and
 * module_alloc()/set_memory_x() are not exported, but the loader already
 * maps our own text read-only + executable, within rel32 reach of the
 * kernel.  The pool is never writable where it executes (W^X): every write
 * goes through a temporary writable alias of the same pages, built with
 * vmalloc_to_page() + vmap(PAGE_KERNEL) and torn down before the code can
 * run.  vunmap() alone flushes TLBs lazily, so vm_unmap_aliases() then
 * makes sure no CPU keeps a writable translation of the alias: one global
 * TLB flush per write, which is why the engine writes code in few, large
 * pieces.
 *
 * Sub-allocation is a first-fit bitmap of 64-byte units, as BPF's
 * prog_pack does.  Free space always reads as int3, so a stray jump into
 * it traps instead of running leftovers.  A full pool is -ENOSPC.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/bitmap.h>
#include <linux/mm.h>
#include <linux/moduleparam.h>
#include <linux/mutex.h>
#include <linux/slab.h>
#include <linux/sysfs.h>
#include <linux/vmalloc.h>
#include <asm/unaligned.h>

#include "codegen/platform.h"
#include "code_pool.h"

#define LB_POOL_UNITS		(LB_CODE_POOL_SIZE / LB_CODE_POOL_UNIT)
/* Pages mapped per alias: bounds the page array and one vmap(). */
#define LB_ALIAS_MAX_PAGES	512
#define LB_INT3			0xcc

static_assert(LB_CODE_POOL_SIZE % PAGE_SIZE == 0);
static_assert(LB_CODE_POOL_SIZE >= PAGE_SIZE);

static DEFINE_MUTEX(lb_pool_lock);
static unsigned long *lb_pool_map;	/* one bit per unit, set = in use */
static size_t lb_pool_used_units;	/* under lb_pool_lock */
static size_t lb_pool_quarantined;	/* units we could not wipe */

/*
 * Copy `len` bytes from src (or, with src NULL, int3 bytes) to `dst` in
 * the pool, through a writable alias of the pool's pages, mapped
 * LB_ALIAS_MAX_PAGES at a time.
 */
static int lb_pool_poke(u8 *dst, const u8 *src, size_t len)
{
	unsigned long first = (unsigned long)dst & PAGE_MASK;
	unsigned long end = (unsigned long)dst + len;
	unsigned int npages = DIV_ROUND_UP(end - first, PAGE_SIZE);
	struct page **pages;
	unsigned int i;
	int ret = 0;

	pages = kmalloc_array(min_t(unsigned int, npages, LB_ALIAS_MAX_PAGES),
			      sizeof(*pages), GFP_KERNEL);
	if (!pages)
		return -ENOMEM;

	while (len) {
		unsigned long base = (unsigned long)dst & PAGE_MASK;
		size_t off = (unsigned long)dst - base;
		size_t n;
		u8 *alias;

		npages = min_t(unsigned long, LB_ALIAS_MAX_PAGES,
			       DIV_ROUND_UP(off + len, PAGE_SIZE));
		n = min_t(size_t, len, (size_t)npages * PAGE_SIZE - off);
		for (i = 0; i < npages; i++)
			pages[i] = vmalloc_to_page((void *)(base + i * PAGE_SIZE));
		alias = vmap(pages, npages, VM_MAP, PAGE_KERNEL);
		if (!alias) {
			ret = -ENOMEM;
			break;
		}
		if (src) {
			memcpy(alias + off, src, n);
			src += n;
		} else {
			memset(alias + off, LB_INT3, n);
		}
		vunmap(alias);
		dst += n;
		len -= n;
	}
	/* Flush the lazily unmapped aliases from every CPU's TLB now. */
	vm_unmap_aliases();
	kfree(pages);
	return ret;
}

int lb_code_pool_init(void)
{
	int ret;

	lb_pool_map = bitmap_zalloc(LB_POOL_UNITS, GFP_KERNEL);
	if (!lb_pool_map)
		return -ENOMEM;
	/* The loader zero-filled the @nobits section; make it int3. */
	ret = lb_pool_poke(lb_code_pool, NULL, LB_CODE_POOL_SIZE);
	if (ret) {
		bitmap_free(lb_pool_map);
		lb_pool_map = NULL;
	}
	return ret;
}

void lb_code_pool_exit(void)
{
	if (lb_pool_used_units != lb_pool_quarantined)
		pr_err("code pool: %zu bytes still allocated at exit\n",
		       (lb_pool_used_units - lb_pool_quarantined) *
		       LB_CODE_POOL_UNIT);
	bitmap_free(lb_pool_map);
	lb_pool_map = NULL;
}

size_t lb_code_pool_used(void)
{
	size_t used;

	mutex_lock(&lb_pool_lock);
	used = lb_pool_used_units * LB_CODE_POOL_UNIT;
	mutex_unlock(&lb_pool_lock);
	return used;
}

/* `near` is always satisfied: the whole pool is within rel32 of the kernel. */
int lb_code_alloc(struct lb_code *c, size_t size, const void *near)
{
	unsigned long units, pos;

	c->exec = NULL;
	c->size = 0;
	c->sealed = false;
	if (!size)
		return -EINVAL;
	if (size > LB_CODE_POOL_SIZE)
		return -ENOSPC;
	units = DIV_ROUND_UP(size, LB_CODE_POOL_UNIT);

	mutex_lock(&lb_pool_lock);
	pos = bitmap_find_next_zero_area(lb_pool_map, LB_POOL_UNITS, 0,
					 units, 0);
	if (pos >= LB_POOL_UNITS) {
		mutex_unlock(&lb_pool_lock);
		return -ENOSPC;
	}
	bitmap_set(lb_pool_map, pos, units);
	lb_pool_used_units += units;
	mutex_unlock(&lb_pool_lock);

	c->exec = lb_code_pool + pos * LB_CODE_POOL_UNIT;
	c->size = size;
	return 0;
}

int lb_code_write(struct lb_code *c, size_t off, const void *src, size_t len)
{
	if (!c->exec || off > c->size || len > c->size - off)
		return -EINVAL;
	if (c->sealed)
		return -EPERM;
	if (!len)
		return 0;
	return lb_pool_poke((u8 *)c->exec + off, src, len);
}

/*
 * The patches of one chunk through as few aliases as possible: one per
 * LB_ALIAS_MAX_PAGES window that holds patches, and one TLB flush for
 * all of them.
 */
int lb_code_patch32(struct lb_code *c, const struct lb_code_patch *p,
		    size_t n)
{
	unsigned long base = (unsigned long)c->exec;
	struct page **pages;
	size_t i = 0, k;
	int ret = 0;

	if (!c->exec)
		return -EINVAL;
	if (c->sealed)
		return -EPERM;
	for (k = 0; k < n; k++)
		if (p[k].off > c->size || c->size - p[k].off < 4 ||
		    (k && p[k].off < p[k - 1].off))
			return -EINVAL;
	pages = kmalloc_array(LB_ALIAS_MAX_PAGES, sizeof(*pages), GFP_KERNEL);
	if (!pages)
		return -ENOMEM;
	while (i < n) {
		/* A window from the page of the first patch left. */
		unsigned long first = (base + p[i].off) & PAGE_MASK;
		unsigned long last = PAGE_ALIGN(base + c->size);
		unsigned int npages, j;
		u8 *alias;

		npages = min_t(unsigned long, LB_ALIAS_MAX_PAGES,
			       (last - first) >> PAGE_SHIFT);
		for (j = 0; j < npages; j++)
			pages[j] = vmalloc_to_page((void *)(first +
							    j * PAGE_SIZE));
		alias = vmap(pages, npages, VM_MAP, PAGE_KERNEL);
		if (!alias) {
			ret = -ENOMEM;
			break;
		}
		/* A patch may straddle the window's end: it needs 4 bytes. */
		for (; i < n && base + p[i].off + 4 <=
			    first + (unsigned long)npages * PAGE_SIZE; i++)
			put_unaligned_le32(p[i].val,
					   alias + (base + p[i].off - first));
		vunmap(alias);
		if (i < n && base + p[i].off < first + (unsigned long)npages *
					       PAGE_SIZE) {
			/* Straddling: write it on its own. */
			u8 le[4];

			put_unaligned_le32(p[i].val, le);
			ret = lb_pool_poke((u8 *)base + p[i].off, le, 4);
			if (ret)
				break;
			i++;
		}
	}
	vm_unmap_aliases();
	kfree(pages);
	return ret;
}

/*
 * The pool is executable from the start and written only through
 * temporary aliases: sealing just ends the writes.
 */
int lb_code_seal(struct lb_code *c)
{
	if (!c->exec)
		return -EINVAL;
	c->sealed = true;
	return 0;
}

void lb_code_free(struct lb_code *c)
{
	unsigned long pos, units;

	if (!c->exec)
		return;
	pos = ((u8 *)c->exec - lb_code_pool) / LB_CODE_POOL_UNIT;
	units = DIV_ROUND_UP(c->size, LB_CODE_POOL_UNIT);

	/*
	 * Wipe before reuse: the next owner relies on unused bytes being
	 * int3.  If the wipe fails (no memory for the alias), keep the range
	 * out of circulation rather than hand out stale code.
	 */
	if (lb_pool_poke(c->exec, NULL, units * LB_CODE_POOL_UNIT)) {
		pr_warn_ratelimited("code pool: cannot wipe %lu bytes, keeping them reserved\n",
				    units * LB_CODE_POOL_UNIT);
		mutex_lock(&lb_pool_lock);
		lb_pool_quarantined += units;
		mutex_unlock(&lb_pool_lock);
	} else {
		mutex_lock(&lb_pool_lock);
		bitmap_clear(lb_pool_map, pos, units);
		lb_pool_used_units -= units;
		mutex_unlock(&lb_pool_lock);
	}
	c->exec = NULL;
	c->size = 0;
	c->sealed = false;
}

/*
 * Read-only parameters.  A kernel_param_ops without .set would be called
 * anyway by "insmod lightbeam.ko code_pool_used=1", so refuse explicitly.
 */
static int lb_param_set_readonly(const char *val,
				 const struct kernel_param *kp)
{
	return -EPERM;
}

static int lb_param_get_pool_used(char *buf, const struct kernel_param *kp)
{
	return sysfs_emit(buf, "%zu\n", lb_code_pool_used());
}

static const struct kernel_param_ops lb_param_ops_pool_used = {
	.set = lb_param_set_readonly,
	.get = lb_param_get_pool_used,
};
module_param_cb(code_pool_used, &lb_param_ops_pool_used, NULL, 0444);
MODULE_PARM_DESC(code_pool_used, "Bytes of the code pool in use (read-only)");

static int lb_param_get_pool_size(char *buf, const struct kernel_param *kp)
{
	return sysfs_emit(buf, "%lu\n", (unsigned long)LB_CODE_POOL_SIZE);
}

static const struct kernel_param_ops lb_param_ops_pool_size = {
	.set = lb_param_set_readonly,
	.get = lb_param_get_pool_size,
};
module_param_cb(code_pool_size, &lb_param_ops_pool_size, NULL, 0444);
MODULE_PARM_DESC(code_pool_size,
		 "Bytes of executable memory for generated code, fixed at build time by LB_CODE_POOL_SIZE (read-only)");
