// SPDX-License-Identifier: GPL-2.0
/*
 * lbctl disasm: the machine code the compiler generated for a function
 * (or for all of them), disassembled by binutils' objdump.  Always uses
 * the in-process engine: the kernel does not hand its code out, and it
 * is the same compiler.  The bytes go to a temporary file that objdump
 * reads as a raw x86-64 binary; addresses are offsets from the start of
 * the function.
 */
#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>
#include <sys/wait.h>

#include "lbctl.h"

static void disasm_usage(void)
{
	fprintf(stderr, "usage: %s disasm [--user] FILE.wasm [FUNC]\n"
		"  FUNC: an exported function's name or a function index\n"
		"  (default: every defined function); $OBJDUMP overrides objdump\n",
		lbctl_prog);
}

/* The first export name of function `func`, if any. */
static bool func_name(const struct lb_module *m, u32 func,
		      struct lb_export_desc *d)
{
	u32 i, n = lb_module_num_exports(m);

	for (i = 0; i < n; i++) {
		if (!lb_module_export(m, i, d) && d->kind == LB_EXTERN_FUNC &&
		    d->index == func)
			return true;
	}
	return false;
}

/* Copy objdump's output, without its header, to stdout. */
static void copy_listing(FILE *in)
{
	bool body = false;
	char line[1024];

	while (fgets(line, sizeof(line), in)) {
		if (body)
			fputs(line, stdout);
		else if (strstr(line, "<.data>:"))
			body = true;
	}
}

static int run_objdump(const char *path)
{
	const char *objdump = getenv("OBJDUMP");
	int fds[2], status;
	pid_t pid;
	FILE *in;

	if (!objdump || !*objdump)
		objdump = "objdump";
	if (pipe(fds))
		return -errno;
	fflush(stdout);
	pid = fork();
	if (pid < 0) {
		close(fds[0]);
		close(fds[1]);
		return -errno;
	}
	if (!pid) {
		dup2(fds[1], STDOUT_FILENO);
		close(fds[0]);
		close(fds[1]);
		execlp(objdump, objdump, "-D", "-b", "binary",
		       "-mi386:x86-64", path, (char *)NULL);
		fprintf(stderr, "%s: cannot run %s: %s (install binutils)\n",
			lbctl_prog, objdump, strerror(errno));
		_exit(127);
	}
	close(fds[1]);
	in = fdopen(fds[0], "r");
	if (in) {
		copy_listing(in);
		fclose(in);
	} else {
		close(fds[0]);
	}
	if (waitpid(pid, &status, 0) < 0)
		return -errno;
	return WIFEXITED(status) && !WEXITSTATUS(status) ? 0 : -ECHILD;
}

static int disasm_func(const struct lb_module *m, u32 func)
{
	char path[4096];
	struct lb_export_desc d;
	const char *tmp = getenv("TMPDIR");
	const void *code;
	size_t len;
	ssize_t w;
	int fd, ret;

	ret = lb_module_func_code(m, func, &code, &len);
	if (ret) {
		fprintf(stderr, "%s disasm: function %u has no code (import?)\n",
			lbctl_prog, func);
		return ret;
	}
	printf("func %u", func);
	if (func_name(m, func, &d))
		printf(" \"%.*s\"", (int)d.name_len, d.name);
	printf(": %zu bytes\n", len);
	if (!tmp || !*tmp)
		tmp = "/tmp";
	snprintf(path, sizeof(path), "%s/lbctl-disasm.XXXXXX", tmp);
	fd = mkstemp(path);
	if (fd < 0) {
		ret = -errno;
		fprintf(stderr, "%s disasm: %s: %s\n", lbctl_prog, path,
			strerror(errno));
		return ret;
	}
	w = write(fd, code, len);
	ret = w == (ssize_t)len ? 0 : -EIO;
	if (close(fd) && !ret)
		ret = -EIO;
	if (!ret)
		ret = run_objdump(path);
	unlink(path);
	if (ret)
		fprintf(stderr, "%s disasm: objdump failed on function %u\n",
			lbctl_prog, func);
	return ret;
}

/* FUNC: an export's name first, else a function index. */
static int find_func(const struct lb_module *m, const char *s, u32 *func)
{
	struct lb_export_desc d;
	u32 idx;
	u64 v;

	if (!lb_module_find_export(m, s, (u32)strlen(s), &idx) &&
	    !lb_module_export(m, idx, &d) && d.kind == LB_EXTERN_FUNC) {
		*func = d.index;
		return 0;
	}
	if (!lbctl_parse_u64(s, &v) && v <= ~0U) {
		*func = (u32)v;
		return 0;
	}
	return -ENOENT;
}

int lbctl_cmd_disasm(int argc, char **argv)
{
	struct lb_error err = { .offset = ~0ULL };
	struct lb_module_stats st;
	struct lb_module *m = NULL;
	struct lb_config cfg;
	int i = 1, ret = 0;
	u32 func, first;
	size_t len;
	void *buf;

	if (i < argc && !strcmp(argv[i], "--user"))
		i++;
	if (argc - i < 1 || argc - i > 2 || argv[i][0] == '-') {
		disasm_usage();
		return LBCTL_USAGE;
	}
	buf = lbctl_read_file(argv[i], &len);
	if (!buf) {
		fprintf(stderr, "%s: %s: %s\n", lbctl_prog, argv[i],
			strerror(errno));
		return LBCTL_ERROR;
	}
	lbctl_user_config(&cfg);
	ret = lb_module_load(&cfg, buf, len, &m, &err);
	free(buf);
	if (ret) {
		lbctl_print_load_error(argv[i], &err);
		return ret == -EINVAL || ret == -EOPNOTSUPP || ret == -E2BIG ?
		       LBCTL_INVALID : LBCTL_ERROR;
	}
	if (argc - i == 2) {
		if (find_func(m, argv[i + 1], &func)) {
			fprintf(stderr, "%s disasm: no function %s\n",
				lbctl_prog, argv[i + 1]);
			lb_module_destroy(m);
			return LBCTL_ERROR;
		}
		ret = disasm_func(m, func);
	} else {
		lb_module_stats(m, &st);
		first = st.num_imported_funcs;
		for (func = first; func < first + st.num_funcs && !ret;
		     func++) {
			if (func > first)
				printf("\n");
			ret = disasm_func(m, func);
		}
	}
	lb_module_destroy(m);
	if (fflush(stdout))
		return LBCTL_ERROR;
	return ret ? LBCTL_ERROR : LBCTL_OK;
}
