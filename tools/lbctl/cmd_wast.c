// SPDX-License-Identifier: GPL-2.0
/*
 * lbctl wast: run WebAssembly spec scripts (.wast through wast2json, or
 * wast2json's .json with its .wasm files) against either backend, one
 * line per failure, a summary per file and a total.
 */
#include <stdlib.h>

#include "wast.h"

struct wast_mod {
	char *name;			/* "$M", or NULL */
	struct lbctl_module *m;		/* NULL if it failed to load */
	struct lbctl_instance *inst;	/* NULL if it failed */
};

struct wast_counts {
	unsigned long passed;
	unsigned long failed;
	unsigned long skipped;
};

struct wast_run {
	struct lbctl_backend *be;
	struct lbctl_limits lim;
	bool quiet;
	struct wast_script *s;
	struct wast_mod *mods;
	size_t nmods;
	long cur;			/* index in mods, -1: none yet */
	struct wast_counts c;
	long line;
	const char *cmd;
};

/* What an action came to. */
enum outcome_kind { OUT_VALUES, OUT_TRAP, OUT_ERROR };

struct outcome {
	enum outcome_kind kind;
	u32 trap;
	char msg[LB_ERROR_MSG_LEN + 64];
	struct lb_value *vals;
	u32 n;
};

__printf(2, 3)
static void fail(struct wast_run *r, const char *fmt, ...)
{
	va_list ap;

	r->c.failed++;
	if (r->quiet)
		return;
	printf("%s:%ld: %s: ", r->s->name, r->line, r->cmd);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
}

__printf(2, 3)
static void warn(struct wast_run *r, const char *fmt, ...)
{
	va_list ap;

	if (r->quiet)
		return;
	printf("%s:%ld: warning: %s: ", r->s->name, r->line, r->cmd);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
}

static void free_mod(struct wast_run *r, struct wast_mod *wm)
{
	if (wm->inst)
		r->be->ops->instance_free(wm->inst);
	if (wm->m)
		r->be->ops->module_free(wm->m);
	free(wm->name);
	memset(wm, 0, sizeof(*wm));
}

/*
 * A slot for a new current module.  An unnamed module can never be
 * referred to again once another one follows, so its slot is reused:
 * scripts like const.wast have hundreds of modules.
 */
static struct wast_mod *new_mod(struct wast_run *r, const char *name)
{
	struct wast_mod *wm;

	if (r->cur >= 0 && !r->mods[r->cur].name) {
		wm = &r->mods[r->cur];
		free_mod(r, wm);
	} else {
		wm = realloc(r->mods, (r->nmods + 1) * sizeof(*wm));
		if (!wm)
			return NULL;
		r->mods = wm;
		r->cur = (long)r->nmods++;
		wm = &r->mods[r->cur];
		memset(wm, 0, sizeof(*wm));
	}
	if (name) {
		wm->name = strdup(name);
		if (!wm->name)
			return NULL;
	}
	return wm;
}

static struct wast_mod *find_mod(struct wast_run *r, const char *name)
{
	size_t i;

	if (!name)
		return r->cur >= 0 ? &r->mods[r->cur] : NULL;
	for (i = r->nmods; i-- > 0;)
		if (r->mods[i].name && !strcmp(r->mods[i].name, name))
			return &r->mods[i];
	return NULL;
}

static const char *jstr(const json_t *o, const char *key)
{
	return json_string_value(json_object_get(o, key));
}

static void format_error(char *buf, size_t size, const struct lb_error *err)
{
	if (err->offset == ~0ULL)
		snprintf(buf, size, "%s", err->msg);
	else
		snprintf(buf, size, "at offset 0x%llx: %s",
			 (unsigned long long)err->offset, err->msg);
}

/* Load the command's module file; 0, or -errno with why in msg. */
static int load_file(struct wast_run *r, const json_t *cmd,
		     struct lbctl_module **m, char *msg, size_t size)
{
	struct lb_error err = { .offset = ~0ULL };
	const char *fn = jstr(cmd, "filename");
	const u8 *bytes;
	void *owned;
	size_t len;
	int ret;

	*m = NULL;
	if (!fn) {
		snprintf(msg, size, "no filename");
		return -EINVAL;
	}
	bytes = wast_script_file(r->s, fn, &len, &owned);
	if (!bytes) {
		snprintf(msg, size, "%s: %s", fn, strerror(errno));
		return -ENOENT;
	}
	ret = r->be->ops->load(r->be, bytes, len, m, &err);
	free(owned);
	if (ret)
		format_error(msg, size, &err);
	return ret;
}

static int instantiate(struct wast_run *r, struct lbctl_module *m,
		       struct lbctl_instance **inst, u32 *trap, char *msg,
		       size_t size)
{
	struct lb_error err = { .offset = ~0ULL };
	int ret;

	ret = r->be->ops->instantiate(m, &r->lim, inst, trap, &err);
	if (ret) {
		if (!err.msg[0] && *trap)
			snprintf(err.msg, sizeof(err.msg), "%s",
				 lb_trap_message(*trap));
		format_error(msg, size, &err);
	}
	return ret;
}

static void cmd_module(struct wast_run *r, const json_t *cmd)
{
	struct wast_mod *wm = new_mod(r, jstr(cmd, "name"));
	char msg[256];
	u32 trap = 0;

	if (!wm) {
		fail(r, "out of memory");
		return;
	}
	if (load_file(r, cmd, &wm->m, msg, sizeof(msg))) {
		fail(r, "load failed: %s", msg);
		return;
	}
	if (instantiate(r, wm->m, &wm->inst, &trap, msg, sizeof(msg))) {
		fail(r, "instantiation failed: %s", msg);
		return;
	}
	r->c.passed++;
}

static void cmd_register(struct wast_run *r, const json_t *cmd)
{
	struct lb_error err = { .offset = ~0ULL };
	struct wast_mod *wm = find_mod(r, jstr(cmd, "name"));
	const char *as = jstr(cmd, "as");

	if (!wm || !wm->inst || !as) {
		fail(r, "no instance to register%s",
		     wm ? " (its module failed)" : "");
		return;
	}
	if (r->be->ops->register_instance(wm->inst, as, &err)) {
		fail(r, "register as \"%s\": %s", as, err.msg);
		return;
	}
	r->c.passed++;
}

static void outcome_error(struct outcome *o, const char *fmt, const char *a,
			  const char *b)
{
	o->kind = OUT_ERROR;
	snprintf(o->msg, sizeof(o->msg), fmt, a, b);
}

static void do_invoke(struct wast_run *r, const json_t *action,
		      struct lbctl_instance *inst, const char *field,
		      size_t field_len, struct outcome *o)
{
	static struct lbctl_export e;
	struct lb_error err = { .offset = ~0ULL };
	const json_t *jargs = json_object_get(action, "args");
	struct lb_value *args = NULL;
	size_t i, nargs = json_array_size(jargs);
	int ret;

	ret = r->be->ops->find_export(inst, field, field_len, &e);
	if (ret || e.kind != LB_EXTERN_FUNC) {
		outcome_error(o, "no function export \"%s\"%s", field,
			      ret == -ENOENT || !ret ? "" : ": lookup failed");
		return;
	}
	if (nargs != e.nparams) {
		outcome_error(o, "\"%s\": %s", field,
			      "argument count does not match the export");
		return;
	}
	args = calloc(nargs + 1, sizeof(*args));
	o->vals = calloc(e.nresults + 1, sizeof(*o->vals));
	if (!args || !o->vals) {
		outcome_error(o, "%s%s", "out of memory", "");
		goto out;
	}
	for (i = 0; i < nargs; i++) {
		if (wast_parse_value(json_array_get(jargs, i), &args[i])) {
			outcome_error(o, "\"%s\": %s", field,
				      "argument not understood");
			goto out;
		}
	}
	ret = r->be->ops->invoke(inst, &e, args, (u32)nargs, o->vals,
				 e.nresults, &o->n, &r->lim, &o->trap, &err);
	if (ret) {
		outcome_error(o, "invoke failed: %s%s", err.msg, "");
	} else if (o->trap) {
		o->kind = OUT_TRAP;
		snprintf(o->msg, sizeof(o->msg), "%s",
			 err.msg[0] ? err.msg : lb_trap_message(o->trap));
	} else {
		o->kind = OUT_VALUES;
	}
out:
	free(args);
}

static void do_get(struct wast_run *r, struct lbctl_instance *inst,
		   const char *field, size_t field_len, struct outcome *o)
{
	static struct lbctl_export e;
	struct lb_error err = { .offset = ~0ULL };

	if (r->be->ops->find_export(inst, field, field_len, &e) ||
	    e.kind != LB_EXTERN_GLOBAL) {
		outcome_error(o, "no global export \"%s\"%s", field, "");
		return;
	}
	o->vals = calloc(1, sizeof(*o->vals));
	if (!o->vals) {
		outcome_error(o, "%s%s", "out of memory", "");
		return;
	}
	if (r->be->ops->get_global(inst, &e, o->vals, &err)) {
		outcome_error(o, "get \"%s\": %s", field, err.msg);
		return;
	}
	o->n = 1;
	o->kind = OUT_VALUES;
}

static void do_action(struct wast_run *r, const json_t *action,
		      struct outcome *o)
{
	const char *type = jstr(action, "type");
	const json_t *jfield = json_object_get(action, "field");
	const char *field = json_string_value(jfield);
	size_t field_len = json_string_length(jfield);
	const char *mod = jstr(action, "module");
	struct wast_mod *wm = find_mod(r, mod);

	memset(o, 0, sizeof(*o));
	if (!type || !field) {
		outcome_error(o, "%s%s", "malformed action", "");
		return;
	}
	if (!wm || !wm->inst) {
		outcome_error(o, "no instance%s%s (its module failed)",
			      mod ? " " : "", mod ? mod : "");
		return;
	}
	if (!strcmp(type, "invoke"))
		do_invoke(r, action, wm->inst, field, field_len, o);
	else if (!strcmp(type, "get"))
		do_get(r, wm->inst, field, field_len, o);
	else
		outcome_error(o, "unknown action \"%s\"%s", type, "");
}

static void format_outcome(const struct outcome *o, char *buf, size_t size)
{
	size_t len;
	u32 i;

	if (o->kind == OUT_TRAP) {
		snprintf(buf, size, "trap \"%s\"", o->msg);
		return;
	}
	if (o->kind == OUT_ERROR) {
		snprintf(buf, size, "error: %s", o->msg);
		return;
	}
	len = (size_t)snprintf(buf, size, "(");
	for (i = 0; i < o->n && len + 2 < size; i++) {
		if (i)
			len += (size_t)snprintf(buf + len, size - len, ", ");
		if (len < size)
			lbctl_format_value(&o->vals[i], buf + len, size - len);
		len += strlen(buf + len);
	}
	if (len + 1 < size)
		snprintf(buf + len, size - len, ")");
}

/* What the action was, for failure lines: `[$M.field(i32:1, i64:2)]`. */
static void action_name(const json_t *action, char *buf, size_t size)
{
	const char *mod = jstr(action, "module");
	const char *field = jstr(action, "field");
	const json_t *args = json_object_get(action, "args");
	struct lb_value v;
	size_t i, len;

	len = (size_t)snprintf(buf, size, "[%s%s%s", mod ? mod : "",
			       mod ? "." : "", field ? field : "?");
	if (json_is_array(args) && len < size) {
		len += (size_t)snprintf(buf + len, size - len, "(");
		for (i = 0; i < json_array_size(args) && len + 2 < size; i++) {
			if (i)
				len += (size_t)snprintf(buf + len, size - len,
							", ");
			if (len >= size)
				break;
			if (wast_parse_value(json_array_get(args, i), &v))
				snprintf(buf + len, size - len, "?");
			else
				lbctl_format_value(&v, buf + len, size - len);
			len += strlen(buf + len);
		}
		if (len < size)
			len += (size_t)snprintf(buf + len, size - len, ")");
	}
	if (len < size)
		snprintf(buf + len, size - len, "]");
}

static void cmd_action(struct wast_run *r, const json_t *cmd)
{
	const json_t *action = json_object_get(cmd, "action");
	char got[512], where[256];
	struct outcome o;

	do_action(r, action, &o);
	if (o.kind == OUT_VALUES) {
		r->c.passed++;
	} else {
		format_outcome(&o, got, sizeof(got));
		action_name(action, where, sizeof(where));
		fail(r, "expected no trap, got %s %s", got, where);
	}
	free(o.vals);
}

static void cmd_assert_return(struct wast_run *r, const json_t *cmd)
{
	const json_t *action = json_object_get(cmd, "action");
	const json_t *exp = json_object_get(cmd, "expected");
	size_t i, n = json_array_size(exp);
	char want[512], got[512], where[256];
	struct wast_expect e;
	struct outcome o;
	size_t len = 0;
	bool ok;

	do_action(r, action, &o);
	ok = o.kind == OUT_VALUES && o.n == n;
	want[0] = '\0';
	len = (size_t)snprintf(want, sizeof(want), "(");
	for (i = 0; i < n; i++) {
		if (wast_parse_expect(json_array_get(exp, i), &e)) {
			ok = false;
			snprintf(want + len, sizeof(want) - len, "?");
		} else {
			if (ok && !wast_expect_match(&e, &o.vals[i]))
				ok = false;
			if (len + 2 < sizeof(want))
				wast_format_expect(&e, want + len,
						   sizeof(want) - len);
		}
		len += strlen(want + len);
		if (i + 1 < n && len + 2 < sizeof(want))
			len += (size_t)snprintf(want + len, sizeof(want) - len,
						", ");
	}
	if (len + 1 < sizeof(want))
		snprintf(want + len, sizeof(want) - len, ")");
	if (ok) {
		r->c.passed++;
	} else {
		format_outcome(&o, got, sizeof(got));
		action_name(action, where, sizeof(where));
		fail(r, "expected %s, got %s %s", want, got, where);
	}
	free(o.vals);
}

/*
 * The engine words traps as the spec does; the scripts sometimes say a
 * little more ("uninitialized element 2"), so either may be the prefix.
 */
static bool trap_text_matches(const char *got, const char *want)
{
	size_t a = strlen(got), b = strlen(want);

	if (!a || !b)
		return !b;
	return !strncmp(got, want, a < b ? a : b);
}

/* assert_trap on a module: its instantiation (start function) traps. */
static void module_trap(struct wast_run *r, const json_t *cmd,
			const char *text)
{
	struct lbctl_module *m;
	struct lbctl_instance *inst = NULL;
	char msg[256];
	u32 trap = 0;
	int ret;

	if (load_file(r, cmd, &m, msg, sizeof(msg))) {
		fail(r, "expected trap \"%s\", got load error: %s", text, msg);
		return;
	}
	ret = instantiate(r, m, &inst, &trap, msg, sizeof(msg));
	if (!ret) {
		fail(r, "expected trap \"%s\", got an instance", text);
		r->be->ops->instance_free(inst);
	} else if (ret != -ECANCELED || !trap) {
		fail(r, "expected trap \"%s\", got error: %s", text, msg);
	} else if (!trap_text_matches(msg, text)) {
		fail(r, "expected trap \"%s\", got trap \"%s\"", text, msg);
	} else {
		r->c.passed++;
	}
	r->be->ops->module_free(m);
}

static void cmd_assert_trap(struct wast_run *r, const json_t *cmd)
{
	const json_t *action = json_object_get(cmd, "action");
	const char *text = jstr(cmd, "text");
	char got[512], where[256];
	struct outcome o;

	if (!text)
		text = "";
	if (!action) {
		module_trap(r, cmd, text);
		return;
	}
	do_action(r, action, &o);
	if (o.kind == OUT_TRAP && trap_text_matches(o.msg, text)) {
		r->c.passed++;
	} else {
		format_outcome(&o, got, sizeof(got));
		action_name(action, where, sizeof(where));
		fail(r, "expected trap \"%s\", got %s %s", text, got, where);
	}
	free(o.vals);
}

static bool is_text_module(const json_t *cmd)
{
	const char *mt = jstr(cmd, "module_type");

	return mt && !strcmp(mt, "text");
}

/* assert_invalid, assert_malformed: the load must fail. */
static void cmd_assert_bad(struct wast_run *r, const json_t *cmd)
{
	const char *text = jstr(cmd, "text");
	struct lbctl_module *m;
	char msg[256];

	if (is_text_module(cmd)) {
		r->c.skipped++;
		return;
	}
	if (!text)
		text = "";
	if (!load_file(r, cmd, &m, msg, sizeof(msg))) {
		r->be->ops->module_free(m);
		fail(r, "expected error \"%s\", got a valid module", text);
		return;
	}
	r->c.passed++;
	if (!strstr(msg, text))
		warn(r, "expected error \"%s\", got \"%s\"", text, msg);
}

/* assert_unlinkable, assert_uninstantiable: load or instantiation fails. */
static void cmd_assert_noinst(struct wast_run *r, const json_t *cmd)
{
	const char *text = jstr(cmd, "text");
	struct lbctl_instance *inst = NULL;
	struct lbctl_module *m;
	char msg[256];
	u32 trap = 0;

	if (is_text_module(cmd)) {
		r->c.skipped++;
		return;
	}
	if (!text)
		text = "";
	if (!load_file(r, cmd, &m, msg, sizeof(msg))) {
		int ret = instantiate(r, m, &inst, &trap, msg, sizeof(msg));

		if (!ret) {
			r->be->ops->instance_free(inst);
			r->be->ops->module_free(m);
			fail(r, "expected error \"%s\", got an instance",
			     text);
			return;
		}
		r->be->ops->module_free(m);
	}
	r->c.passed++;
	if (!strstr(msg, text))
		warn(r, "expected error \"%s\", got \"%s\"", text, msg);
}

static void run_command(struct wast_run *r, const json_t *cmd)
{
	const char *type = jstr(cmd, "type");
	json_int_t line = json_integer_value(json_object_get(cmd, "line"));

	r->line = (long)line;
	r->cmd = type ? type : "?";
	if (!type)
		fail(r, "command without a type");
	else if (!strcmp(type, "module"))
		cmd_module(r, cmd);
	else if (!strcmp(type, "register"))
		cmd_register(r, cmd);
	else if (!strcmp(type, "action"))
		cmd_action(r, cmd);
	else if (!strcmp(type, "assert_return"))
		cmd_assert_return(r, cmd);
	else if (!strcmp(type, "assert_trap") ||
		 !strcmp(type, "assert_exhaustion"))
		cmd_assert_trap(r, cmd);
	else if (!strcmp(type, "assert_invalid") ||
		 !strcmp(type, "assert_malformed"))
		cmd_assert_bad(r, cmd);
	else if (!strcmp(type, "assert_unlinkable") ||
		 !strcmp(type, "assert_uninstantiable"))
		cmd_assert_noinst(r, cmd);
	else {
		r->c.skipped++;
		warn(r, "unknown command, skipped");
	}
}

static void run_script(struct wast_run *r, struct wast_script *s)
{
	const json_t *cmds = json_object_get(s->root, "commands");
	size_t i;

	r->s = s;
	r->cur = -1;
	for (i = 0; i < json_array_size(cmds); i++) {
		run_command(r, json_array_get(cmds, i));
		/* Failure lines stay in order with a crash report. */
		fflush(stdout);
	}
	for (i = 0; i < r->nmods; i++)
		free_mod(r, &r->mods[i]);
	free(r->mods);
	r->mods = NULL;
	r->nmods = 0;
}

static void wast_usage(void)
{
	fprintf(stderr,
		"usage: %s wast [--user|--kernel|--auto] [--quiet] [--timeout MS]\n"
		"       [--fuel N] FILE.wast|FILE.json...\n", lbctl_prog);
}

int lbctl_cmd_wast(int argc, char **argv)
{
	enum lbctl_backend_kind kind = LBCTL_BACKEND_KERNEL;
	struct wast_counts total = { 0 };
	struct lbctl_backend be = { .fd = -1 };
	struct wast_run r = { .be = &be };
	bool file_error = false;
	int i;
	u64 v;

	for (i = 1; i < argc && argv[i][0] == '-'; i++) {
		const char *a = argv[i];

		if (!strcmp(a, "--")) {
			i++;
			break;
		} else if (!strcmp(a, "--user")) {
			kind = LBCTL_BACKEND_USER;
		} else if (!strcmp(a, "--kernel")) {
			kind = LBCTL_BACKEND_KERNEL;
		} else if (!strcmp(a, "--auto")) {
			kind = LBCTL_BACKEND_AUTO;
		} else if (!strcmp(a, "--quiet") || !strcmp(a, "-q")) {
			r.quiet = true;
		} else if (!strcmp(a, "--fuel") && i + 1 < argc &&
			   !lbctl_parse_u64(argv[i + 1], &v)) {
			r.lim.fuel = v;
			i++;
		} else if (!strcmp(a, "--timeout") && i + 1 < argc &&
			   !lbctl_parse_u64(argv[i + 1], &v) &&
			   v <= ~0ULL / 1000000) {
			r.lim.timeout_ns = v * 1000000;
			i++;
		} else {
			fprintf(stderr, "%s wast: bad option %s\n", lbctl_prog,
				a);
			wast_usage();
			return LBCTL_USAGE;
		}
	}
	if (i >= argc) {
		wast_usage();
		return LBCTL_USAGE;
	}
	for (; i < argc; i++) {
		struct wast_script s;

		if (wast_script_open(argv[i], &s)) {
			printf("%s: cannot run the script\n", argv[i]);
			total.failed++;
			file_error = true;
			continue;
		}
		/* a backend per script: its own registry of named instances */
		if (lbctl_backend_open(kind, &be)) {
			wast_script_close(&s);
			return LBCTL_ERROR;
		}
		r.be = &be;
		memset(&r.c, 0, sizeof(r.c));
		run_script(&r, &s);
		lbctl_backend_close(&be);
		printf("%s: %lu passed, %lu failed, %lu skipped\n", s.name,
		       r.c.passed, r.c.failed, r.c.skipped);
		total.passed += r.c.passed;
		total.failed += r.c.failed;
		total.skipped += r.c.skipped;
		wast_script_close(&s);
	}
	printf("%lu passed, %lu failed, %lu skipped\n", total.passed,
	       total.failed, total.skipped);
	if (fflush(stdout) || file_error)
		return LBCTL_ERROR;
	return total.failed ? LBCTL_TRAP : LBCTL_OK;
}
