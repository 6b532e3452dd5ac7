// SPDX-License-Identifier: GPL-2.0
/*
 * Bad input through /dev/lightbeam: malformed modules, sizes past the
 * limits, bad user pointers, ioctls on the wrong kind of fd, unknown
 * exports, wrong arguments, and argument structs with unknown flags,
 * non-zero tails or sizes smaller than the first version.  Every one is a
 * clean errno; the kernel log scan of tools/vm/run checks the rest.
 */
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>

#include "kselftest_harness.h"
#include "lb_test.h"

FIXTURE(dev) {
	int dev;
	int mod;
	int inst;
	long page;
	/* A readable page followed by an inaccessible one. */
	unsigned char *edge;
};

FIXTURE_SETUP(dev)
{
	self->dev = lb_open_dev();
	ASSERT_LE(0, self->dev);
	self->mod = lb_load_wasm(self->dev, &lb_wasm_types, NULL);
	ASSERT_LE(0, self->mod);
	self->inst = lb_instantiate(self->mod, NULL);
	ASSERT_LE(0, self->inst);
	self->page = sysconf(_SC_PAGESIZE);
	self->edge = mmap(NULL, 2 * self->page, PROT_READ | PROT_WRITE,
			  MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	ASSERT_NE(MAP_FAILED, self->edge);
	ASSERT_EQ(0, mprotect(self->edge + self->page, self->page, PROT_NONE));
}

FIXTURE_TEARDOWN(dev)
{
	munmap(self->edge, 2 * self->page);
	close(self->inst);
	close(self->mod);
	close(self->dev);
}

/* A load that must fail with `want`, reporting a reason. */
static void expect_load_fails(struct __test_metadata *_metadata, int dev,
			      const void *p, size_t len, int want)
{
	struct lb_error err;
	int fd;

	memset(&err, 0xff, sizeof(err));
	fd = lb_load(dev, p, len, &err);
	if (fd >= 0)
		close(fd);
	EXPECT_EQ(want, fd) TH_LOG("%zu bytes", len);
	if (want != -EFAULT) {
		EXPECT_NE(0, err.msg[0]);
		EXPECT_NE(NULL, memchr(err.msg, 0, sizeof(err.msg)));
	}
}

TEST_F(dev, empty)
{
	expect_load_fails(_metadata, self->dev, "", 0, -EINVAL);
}

TEST_F(dev, bad_magic_and_version)
{
	expect_load_fails(_metadata, self->dev, "\0asn\1\0\0\0", 8, -EINVAL);
	expect_load_fails(_metadata, self->dev, "\0ASM\1\0\0\0", 8, -EINVAL);
	expect_load_fails(_metadata, self->dev, "\0asm\2\0\0\0", 8, -EINVAL);
	expect_load_fails(_metadata, self->dev, "\0asm\1\0\0\1", 8, -EINVAL);
	expect_load_fails(_metadata, self->dev, "\0asm\0\0\0\0", 8, -EINVAL);
}

TEST_F(dev, header_only_is_valid)
{
	int fd = lb_load(self->dev, "\0asm\1\0\0\0", 8, NULL);

	ASSERT_LE(0, fd);
	close(fd);
}

TEST_F(dev, every_truncation)
{
	const unsigned char *p = lb_wasm_fib.bytes;
	size_t len = lb_wasm_fib.len, n;
	/* The header alone, and the type section alone, are valid. */
	size_t type_end = 10 + p[9];

	ASSERT_EQ(1, p[8]);
	for (n = 0; n < len; n++) {
		if (n == 8 || n == type_end)
			continue;
		expect_load_fails(_metadata, self->dev, p, n, -EINVAL);
	}
}

/* A module, or an error saying it is invalid, unsupported or too big. */
static int clean_load_result(int fd)
{
	return fd >= 0 || fd == -EINVAL || fd == -EOPNOTSUPP || fd == -E2BIG;
}

/*
 * Random bytes, and fib.wasm with random bytes changed: either a clean
 * error or a module that loads and runs (with limits) without harm.
 */
TEST_F(dev, garbage)
{
	size_t len = lb_wasm_fib.len, n;
	/* A mutant may have gained a start function that never returns. */
	struct lb_instantiate in = {
		.size = sizeof(in),
		.fuel = 100000,
		.timeout_ns = 100000000,
	};
	unsigned char buf[512];
	int i, j, fd, inst, loaded = 0;

	srandom(1);
	for (i = 0; i < 300; i++) {
		n = random() % sizeof(buf);
		for (j = 0; j < (int)n; j++)
			buf[j] = random();
		if (i % 2) {
			memcpy(buf, "\0asm\1\0\0\0", 8);
			n = n < 8 ? 8 : n;
		}
		fd = lb_load(self->dev, buf, n, NULL);
		EXPECT_TRUE(clean_load_result(fd)) TH_LOG("random %d: %d", i, fd);
		if (fd >= 0)
			close(fd);
	}
	for (i = 0; i < 1000; i++) {
		memcpy(buf, lb_wasm_fib.bytes, len);
		for (j = 0; j < 1 + i % 3; j++)
			buf[8 + random() % (len - 8)] = random();
		fd = lb_load(self->dev, buf, len, NULL);
		EXPECT_TRUE(clean_load_result(fd)) TH_LOG("mutant %d: %d", i, fd);
		if (fd < 0)
			continue;
		loaded++;
		inst = lb_ioctl(fd, LB_IOC_INSTANTIATE, &in);
		if (inst >= 0) {
			struct lb_value arg = lb_i32(15);
			struct lb_call c = { .name = "fib", .args = &arg,
					     .nargs = 1, .fuel = 100000,
					     .timeout_ns = 100000000 };

			lb_invoke_call(inst, &c);
			close(inst);
		}
		close(fd);
	}
	TH_LOG("%d of 1000 mutants loaded", loaded);
}

TEST_F(dev, past_max_module_size)
{
	long max = lb_param_get("max_module_size");
	size_t len = lb_wasm_fib.len;
	int fd;

	ASSERT_LT(0, max);
	/* Rejected before a byte is read: the pointer does not matter. */
	expect_load_fails(_metadata, self->dev, NULL, max + 1, -E2BIG);
	expect_load_fails(_metadata, self->dev, lb_wasm_fib.bytes, ~0ULL,
			  -E2BIG);

	ASSERT_EQ(0, lb_param_set("max_module_size", len));
	fd = lb_load_wasm(self->dev, &lb_wasm_fib, NULL);
	EXPECT_LE(0, fd);
	if (fd >= 0)
		close(fd);
	ASSERT_EQ(0, lb_param_set("max_module_size", len - 1));
	expect_load_fails(_metadata, self->dev, lb_wasm_fib.bytes, len, -E2BIG);
	ASSERT_EQ(0, lb_param_set("max_module_size", max));
}

TEST_F(dev, bad_pointers)
{
	size_t len = lb_wasm_fib.len;
	unsigned char *tail = self->edge + self->page - len / 2;
	struct lb_load ld = { .size = sizeof(ld) };
	struct lb_value args[2] = { lb_i64(1), lb_i64(2) };
	struct lb_invoke inv = {
		.size = sizeof(inv),
		.name_ptr = (uintptr_t)"add_i64",
		.name_len = 7,
		.args_ptr = (uintptr_t)args,
		.nargs = 2,
		.nresults = 1,
		.results_ptr = 8,
	};
	struct lb_export_info ei = {
		.size = sizeof(ei),
		.name_ptr = (uintptr_t)(self->edge + self->page),
		.name_cap = 16,
	};
	char buf[8];

	/* Module bytes: NULL, unmapped, running into a PROT_NONE page. */
	expect_load_fails(_metadata, self->dev, NULL, len, -EFAULT);
	expect_load_fails(_metadata, self->dev, (void *)8, len, -EFAULT);
	memcpy(tail, lb_wasm_fib.bytes, len / 2);
	expect_load_fails(_metadata, self->dev, tail, len, -EFAULT);
	expect_load_fails(_metadata, self->dev, self->edge + self->page, len,
			  -EFAULT);

	/* The argument struct itself. */
	EXPECT_EQ(-EFAULT, lb_ioctl(self->dev, LB_IOC_LOAD, NULL));
	EXPECT_EQ(-EFAULT, lb_ioctl(self->dev, LB_IOC_LOAD,
				    self->edge + self->page));
	*(uint32_t *)(self->edge + self->page - 4) = sizeof(ld);
	EXPECT_EQ(-EFAULT, lb_ioctl(self->dev, LB_IOC_LOAD,
				    self->edge + self->page - 4));
	EXPECT_EQ(-EFAULT, lb_ioctl(self->mod, LB_IOC_INSTANTIATE, NULL));
	EXPECT_EQ(-EFAULT, lb_ioctl(self->inst, LB_IOC_INVOKE, NULL));
	EXPECT_EQ(-EFAULT, lb_ioctl(self->inst, LB_IOC_MEM_INFO, NULL));
	EXPECT_EQ(-EFAULT, lb_ioctl(self->mod, LB_IOC_EXPORT_INFO, NULL));

	/* An error record nobody can write: the failure is EFAULT. */
	ld.wasm_ptr = (uintptr_t)"garbage!";
	ld.wasm_len = 8;
	ld.error_ptr = 8;
	EXPECT_EQ(-EFAULT, lb_ioctl(self->dev, LB_IOC_LOAD, &ld));

	/* Results, then arguments, then the export name. */
	EXPECT_EQ(-EFAULT, lb_ioctl(self->inst, LB_IOC_INVOKE, &inv));
	inv.results_ptr = (uintptr_t)&args[1];
	inv.args_ptr = (uintptr_t)(self->edge + self->page - sizeof(args[0]));
	EXPECT_EQ(-EFAULT, lb_ioctl(self->inst, LB_IOC_INVOKE, &inv));
	inv.args_ptr = (uintptr_t)args;
	inv.name_ptr = (uintptr_t)(self->edge + self->page - 3);
	EXPECT_EQ(-EFAULT, lb_ioctl(self->inst, LB_IOC_INVOKE, &inv));

	/* Export info output buffer. */
	EXPECT_EQ(-EFAULT, lb_ioctl(self->mod, LB_IOC_EXPORT_INFO, &ei));

	/* After all that, the objects still work. */
	inv.name_ptr = (uintptr_t)"add_i64";
	EXPECT_EQ(0, lb_ioctl(self->inst, LB_IOC_INVOKE, &inv));
	EXPECT_EQ(3, args[1].lo);
	memset(buf, 0, sizeof(buf));
	EXPECT_EQ(0, lb_ioctl(self->dev, LB_IOC_NOP, buf));
}

TEST_F(dev, bad_memory_pointers)
{
	struct lb_mem_access ma = { .size = sizeof(ma), .len = 16 };
	int inst = lb_load_instance(self->dev, &lb_wasm_memory);

	ASSERT_LE(0, inst);
	ma.buf_ptr = (uintptr_t)(self->edge + self->page - 8);
	EXPECT_EQ(-EFAULT, lb_ioctl(inst, LB_IOC_MEM_READ, &ma));
	EXPECT_EQ(-EFAULT, lb_ioctl(inst, LB_IOC_MEM_WRITE, &ma));
	ma.buf_ptr = 0;
	EXPECT_EQ(-EFAULT, lb_ioctl(inst, LB_IOC_MEM_READ, &ma));
	close(inst);
}

TEST_F(dev, wrong_fd_kinds)
{
	struct lb_load ld = { .size = sizeof(ld) };
	struct lb_instantiate in = { .size = sizeof(in) };
	struct lb_invoke inv = { .size = sizeof(inv) };
	struct lb_mem_access ma = { .size = sizeof(ma) };
	struct lb_mem_info mi = { .size = sizeof(mi) };
	struct lb_export_info ei = { .size = sizeof(ei) };
	int null = open("/dev/null", O_RDWR);

	/* The device loads; nothing else. */
	EXPECT_EQ(-ENOTTY, lb_ioctl(self->dev, LB_IOC_INSTANTIATE, &in));
	EXPECT_EQ(-ENOTTY, lb_ioctl(self->dev, LB_IOC_INVOKE, &inv));
	EXPECT_EQ(-ENOTTY, lb_ioctl(self->dev, LB_IOC_MEM_READ, &ma));
	EXPECT_EQ(-ENOTTY, lb_ioctl(self->dev, LB_IOC_MEM_WRITE, &ma));
	EXPECT_EQ(-ENOTTY, lb_ioctl(self->dev, LB_IOC_MEM_INFO, &mi));
	EXPECT_EQ(-ENOTTY, lb_ioctl(self->dev, LB_IOC_EXPORT_INFO, &ei));
	/* A module instantiates and describes itself. */
	EXPECT_EQ(-ENOTTY, lb_ioctl(self->mod, LB_IOC_LOAD, &ld));
	EXPECT_EQ(-ENOTTY, lb_ioctl(self->mod, LB_IOC_INVOKE, &inv));
	EXPECT_EQ(-ENOTTY, lb_ioctl(self->mod, LB_IOC_MEM_READ, &ma));
	EXPECT_EQ(-ENOTTY, lb_ioctl(self->mod, LB_IOC_MEM_WRITE, &ma));
	EXPECT_EQ(-ENOTTY, lb_ioctl(self->mod, LB_IOC_MEM_INFO, &mi));
	/* An instance neither loads nor instantiates. */
	EXPECT_EQ(-ENOTTY, lb_ioctl(self->inst, LB_IOC_LOAD, &ld));
	EXPECT_EQ(-ENOTTY, lb_ioctl(self->inst, LB_IOC_INSTANTIATE, &in));
	/* Unknown numbers, and ours on someone else's fd. */
	EXPECT_EQ(-ENOTTY, lb_ioctl(self->dev, _IO(LB_IOC_MAGIC, 0x7f), &ld));
	EXPECT_EQ(-ENOTTY, lb_ioctl(self->mod, _IO(LB_IOC_MAGIC, 0), &ld));
	EXPECT_EQ(-ENOTTY, lb_ioctl(self->inst, _IOW(LB_IOC_MAGIC, 3, int),
				    &inv));
	EXPECT_EQ(-ENOTTY, lb_ioctl(self->inst, TCGETS, &inv));
	ASSERT_LE(0, null);
	EXPECT_EQ(-ENOTTY, lb_ioctl(null, LB_IOC_LOAD, &ld));
	close(null);
}

TEST_F(dev, unknown_export)
{
	struct lb_error err = { 0 };
	struct lb_invoke inv = {
		.size = sizeof(inv),
		.name_ptr = (uintptr_t)"add_i65",
		.name_len = 7,
		.error_ptr = (uintptr_t)&err,
	};

	EXPECT_EQ(-ENOENT, lb_ioctl(self->inst, LB_IOC_INVOKE, &inv));
	EXPECT_NE(0, err.msg[0]);
	inv.name_len = 0;
	EXPECT_EQ(-ENOENT, lb_ioctl(self->inst, LB_IOC_INVOKE, &inv));
	/* A prefix of an export's name is not that export. */
	inv.name_len = 3;
	EXPECT_EQ(-ENOENT, lb_ioctl(self->inst, LB_IOC_INVOKE, &inv));
	inv.name_len = 1U << 31;
	EXPECT_TRUE(lb_ioctl(self->inst, LB_IOC_INVOKE, &inv) == -ENOENT);
	inv.name_len = 0;
	inv.flags = LB_INVOKE_BY_INDEX;
	inv.export_index = 6;	/* there are 6 exports */
	EXPECT_EQ(-ENOENT, lb_ioctl(self->inst, LB_IOC_INVOKE, &inv));
	inv.export_index = ~0U;
	EXPECT_EQ(-ENOENT, lb_ioctl(self->inst, LB_IOC_INVOKE, &inv));
}

TEST_F(dev, wrong_arguments)
{
	struct lb_value args[3] = { lb_i64(1), lb_i64(2), lb_i64(3) };
	struct lb_call c = { .name = "add_i64", .args = args };

	c.nargs = 1;
	EXPECT_EQ(-EINVAL, lb_invoke_call(self->inst, &c));
	EXPECT_NE(0, c.err.msg[0]);
	c.nargs = 3;
	EXPECT_EQ(-EINVAL, lb_invoke_call(self->inst, &c));
	c.nargs = 0;
	EXPECT_EQ(-EINVAL, lb_invoke_call(self->inst, &c));
	c.nargs = 2;
	args[1] = lb_i32(2);
	EXPECT_EQ(-EINVAL, lb_invoke_call(self->inst, &c));
	args[1] = lb_f64(2);
	EXPECT_EQ(-EINVAL, lb_invoke_call(self->inst, &c));
	args[1].type = 0x42;
	EXPECT_EQ(-EINVAL, lb_invoke_call(self->inst, &c));
	args[1] = lb_i64(2);
	args[1].__reserved[3] = 1;
	EXPECT_EQ(-EINVAL, lb_invoke_call(self->inst, &c));
	/* A global is not callable. */
	c.name = "answer";
	c.nargs = 0;
	EXPECT_EQ(-EINVAL, lb_invoke_call(self->inst, &c));
	/* And the right call still works. */
	args[1] = lb_i64(2);
	c.name = "add_i64";
	c.nargs = 2;
	EXPECT_EQ(0, lb_invoke_call(self->inst, &c));
	EXPECT_EQ(3, c.results[0].lo);
}

/*
 * Every argument struct: unknown flags -> EINVAL; bytes past the struct
 * non-zero -> E2BIG, zero -> accepted; size below the first version ->
 * EINVAL.  `arg` is a valid request on `fd` of `size` bytes, inside a
 * buffer with room for 16 more.
 */
static void check_struct(struct __test_metadata *_metadata, int fd,
			 unsigned long cmd, void *arg, uint32_t size,
			 uint32_t bad_flag, const char *what)
{
	unsigned char *p = arg;
	uint32_t *sz = arg, *flags = (uint32_t *)(p + 4);
	uint32_t good = *flags;
	long ret;

	*flags = good | bad_flag;
	EXPECT_EQ(-EINVAL, lb_ioctl(fd, cmd, arg)) TH_LOG("%s: flags", what);
	*flags = good;

	*sz = size + 16;
	memset(p + size, 0, 16);
	ret = lb_ioctl(fd, cmd, arg);
	EXPECT_LE(0, ret) TH_LOG("%s: zero tail: %ld", what, ret);
	if (ret > 0)
		close(ret);
	p[size + 9] = 1;
	EXPECT_EQ(-E2BIG, lb_ioctl(fd, cmd, arg)) TH_LOG("%s: tail", what);
	*sz = 1 << 20;
	EXPECT_EQ(-E2BIG, lb_ioctl(fd, cmd, arg)) TH_LOG("%s: 1 MiB", what);

	*sz = size - 8;
	EXPECT_EQ(-EINVAL, lb_ioctl(fd, cmd, arg)) TH_LOG("%s: short", what);
	*sz = 4;
	EXPECT_EQ(-EINVAL, lb_ioctl(fd, cmd, arg)) TH_LOG("%s: 4", what);
	*sz = 0;
	EXPECT_EQ(-EINVAL, lb_ioctl(fd, cmd, arg)) TH_LOG("%s: 0", what);
	*sz = size;
}

TEST_F(dev, struct_rules)
{
	union {
		struct lb_load ld;
		struct lb_instantiate in;
		struct lb_invoke inv;
		struct lb_mem_access ma;
		struct lb_mem_info mi;
		struct lb_export_info ei;
		unsigned char bytes[256];
	} u;
	struct lb_value args[2] = { lb_i64(1), lb_i64(2) }, res[1];
	unsigned char byte;
	int mem_inst = lb_load_instance(self->dev, &lb_wasm_memory);

	ASSERT_LE(0, mem_inst);

	memset(&u, 0, sizeof(u));
	u.ld.size = sizeof(u.ld);
	u.ld.wasm_ptr = (uintptr_t)lb_wasm_fib.bytes;
	u.ld.wasm_len = lb_wasm_fib.len;
	check_struct(_metadata, self->dev, LB_IOC_LOAD, &u, sizeof(u.ld),
		     1U << 31, "lb_load");

	memset(&u, 0, sizeof(u));
	u.in.size = sizeof(u.in);
	check_struct(_metadata, self->mod, LB_IOC_INSTANTIATE, &u,
		     sizeof(u.in), 1U << 31, "lb_instantiate");

	memset(&u, 0, sizeof(u));
	u.inv.size = sizeof(u.inv);
	u.inv.name_ptr = (uintptr_t)"add_i64";
	u.inv.name_len = 7;
	u.inv.args_ptr = (uintptr_t)args;
	u.inv.nargs = 2;
	u.inv.results_ptr = (uintptr_t)res;
	u.inv.nresults = 1;
	check_struct(_metadata, self->inst, LB_IOC_INVOKE, &u, sizeof(u.inv),
		     1U << 1, "lb_invoke");
	u.inv.__reserved = 1;
	EXPECT_EQ(-EINVAL, lb_ioctl(self->inst, LB_IOC_INVOKE, &u));

	memset(&u, 0, sizeof(u));
	u.ma.size = sizeof(u.ma);
	u.ma.buf_ptr = (uintptr_t)&byte;
	u.ma.len = 1;
	check_struct(_metadata, mem_inst, LB_IOC_MEM_READ, &u, sizeof(u.ma),
		     1, "lb_mem_access read");
	check_struct(_metadata, mem_inst, LB_IOC_MEM_WRITE, &u, sizeof(u.ma),
		     1, "lb_mem_access write");

	memset(&u, 0, sizeof(u));
	u.mi.size = sizeof(u.mi);
	check_struct(_metadata, mem_inst, LB_IOC_MEM_INFO, &u, sizeof(u.mi),
		     1, "lb_mem_info");

	memset(&u, 0, sizeof(u));
	u.ei.size = sizeof(u.ei);
	check_struct(_metadata, self->mod, LB_IOC_EXPORT_INFO, &u,
		     sizeof(u.ei), 1, "lb_export_info");
	close(mem_inst);
}

TEST_F(dev, instantiate_limits)
{
	struct lb_error err = { 0 };
	struct lb_instantiate in = {
		.size = sizeof(in),
		.error_ptr = (uintptr_t)&err,
	};
	/* (memory 2000): more pages than max_memory_pages (1024) allows. */
	static const unsigned char big_mem[] = {
		0, 'a', 's', 'm', 1, 0, 0, 0, 5, 4, 1, 0, 0xd0, 0x0f,
	};
	int mod, fd;

	in.stack_size = 1024;
	EXPECT_EQ(-EINVAL, lb_ioctl(self->mod, LB_IOC_INSTANTIATE, &in));
	EXPECT_NE(0, err.msg[0]);
	in.stack_size = 1U << 31;
	EXPECT_EQ(-E2BIG, lb_ioctl(self->mod, LB_IOC_INSTANTIATE, &in));
	in.stack_size = 64 << 10;
	fd = lb_ioctl(self->mod, LB_IOC_INSTANTIATE, &in);
	EXPECT_LE(0, fd);
	if (fd >= 0)
		close(fd);

	mod = lb_load(self->dev, big_mem, sizeof(big_mem), &err);
	ASSERT_LE(0, mod) TH_LOG("%s", err.msg);
	in.stack_size = 0;
	EXPECT_EQ(-E2BIG, lb_ioctl(mod, LB_IOC_INSTANTIATE, &in));
	close(mod);

	mod = lb_load_wasm(self->dev, &lb_wasm_memory, NULL);
	ASSERT_LE(0, mod);
	in.max_memory_pages = 1;
	fd = lb_ioctl(mod, LB_IOC_INSTANTIATE, &in);
	EXPECT_LE(0, fd) TH_LOG("%s", err.msg);
	if (fd >= 0) {
		/* Capped at 1 page: memory.grow fails. */
		EXPECT_EQ(0xffffffff, lb_call_i32(fd, "grow", 1, 1));
		close(fd);
	}
	close(mod);
}

TEST_HARNESS_MAIN
