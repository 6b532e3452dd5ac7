// SPDX-License-Identifier: GPL-2.0
/*
 * Choosing a backend, and the small helpers every command shares.
 */
#include <stdlib.h>
#include <fcntl.h>
#include <unistd.h>
#include <sys/stat.h>

#include "lbctl.h"

int lbctl_backend_open(enum lbctl_backend_kind kind, struct lbctl_backend *be)
{
	int ret;

	if (kind == LBCTL_BACKEND_USER) {
		lbctl_user_open(be);
		return 0;
	}
	ret = lbctl_kernel_open(be);
	if (!ret)
		return 0;
	if (kind == LBCTL_BACKEND_AUTO && ret == -ENOENT) {
		lbctl_user_open(be);
		return 0;
	}
	fprintf(stderr, "%s: %s: %s%s\n", lbctl_prog, LBCTL_DEVICE,
		strerror(-ret),
		ret == -ENOENT ?
		" (is lightbeam.ko loaded? --user runs the engine in-process)" :
		"");
	return ret;
}

void lbctl_backend_close(struct lbctl_backend *be)
{
	if (be->ops && be->ops->close)
		be->ops->close(be);
	be->ops = NULL;
}

void lbctl_errno_error(struct lb_error *err, int errno_val)
{
	err->offset = ~0ULL;
	snprintf(err->msg, sizeof(err->msg), "%s", strerror(errno_val));
}

void *lbctl_read_file(const char *path, size_t *len)
{
	struct stat st;
	size_t cap, n = 0;
	u8 *buf, *nbuf;
	ssize_t r;
	int fd, saved;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return NULL;
	/* Size from fstat when it has one, but read until EOF regardless. */
	cap = fstat(fd, &st) == 0 && st.st_size > 0 ?
	      (size_t)st.st_size + 1 : 65536;
	buf = malloc(cap);
	if (!buf)
		goto err;
	for (;;) {
		if (n == cap) {
			nbuf = realloc(buf, cap * 2);
			if (!nbuf)
				goto err;
			buf = nbuf;
			cap *= 2;
		}
		r = read(fd, buf + n, cap - n);
		if (r < 0) {
			if (errno == EINTR)
				continue;
			goto err;
		}
		if (!r)
			break;
		n += (size_t)r;
	}
	close(fd);
	*len = n;
	return buf;
err:
	saved = errno;
	free(buf);
	close(fd);
	errno = saved;
	return NULL;
}

void lbctl_print_load_error(const char *file, const struct lb_error *err)
{
	if (err->offset == ~0ULL)
		fprintf(stderr, "%s: error: %s\n", file, err->msg);
	else
		fprintf(stderr, "%s: error at offset 0x%llx: %s\n", file,
			(unsigned long long)err->offset, err->msg);
}
