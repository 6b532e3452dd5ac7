// SPDX-License-Identifier: GPL-2.0
/*
 * The test harness (see lbt.h).
 */
#include <stdlib.h>

#include "lbt.h"

static unsigned long lbt_passed, lbt_failed;

bool lbt_check(bool ok, const char *fmt, ...)
{
	va_list ap;

	if (ok) {
		lbt_passed++;
		return true;
	}
	lbt_failed++;
	printf("FAIL: ");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	fflush(stdout);
	return false;
}

int lbt_summary(void)
{
	printf("%lu passed, %lu failed\n", lbt_passed, lbt_failed);
	return lbt_failed ? 1 : 0;
}

u8 *lbt_read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	u8 *buf = NULL;
	long n = -1;

	if (f && !fseek(f, 0, SEEK_END))
		n = ftell(f);
	if (n < 0 || fseek(f, 0, SEEK_SET))
		goto fail;
	buf = malloc((size_t)n + 1);
	if (!buf || fread(buf, 1, (size_t)n, f) != (size_t)n)
		goto fail;
	fclose(f);
	*len = (size_t)n;
	return buf;
fail:
	lbt_check(false, "cannot read %s", path);
	lbt_summary();
	exit(1);
}

void lbt_config(struct lb_config *cfg)
{
	memset(cfg, 0, sizeof(*cfg));
	cfg->cpu_features = lb_cpu_features();
}

int lbt_load_chunked(const u8 *buf, size_t len, size_t chunk,
		     const struct lb_config *cfg, struct lb_module **out,
		     struct lb_error *err)
{
	struct lb_loader *ld;
	size_t off = 0, n;
	int ret;

	*out = NULL;
	memset(err, 0, sizeof(*err));
	ret = lb_loader_create(cfg, &ld);
	if (ret) {
		/* as lb_module_load() says it */
		snprintf(err->msg, sizeof(err->msg), "out of memory");
		return ret;
	}
	if (!chunk)
		chunk = len ? len : 1;
	while (off < len) {
		n = len - off < chunk ? len - off : chunk;
		ret = lb_loader_feed(ld, buf + off, n);
		if (ret)
			break;
		off += n;
	}
	if (!ret)
		ret = lb_loader_finish(ld, out);
	if (ret)
		*err = *lb_loader_error(ld);
	lb_loader_destroy(ld);
	return ret;
}

int lbt_find_func(const struct lb_module *m, const char *name, u32 *idx)
{
	struct lb_export_desc d;
	int ret;

	ret = lb_module_find_export(m, name, (u32)strlen(name), idx);
	if (ret)
		return ret;
	ret = lb_module_export(m, *idx, &d);
	if (ret)
		return ret;
	return d.kind == LB_EXTERN_FUNC ? 0 : -ENOENT;
}
