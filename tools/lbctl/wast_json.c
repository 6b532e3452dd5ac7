// SPDX-License-Identifier: GPL-2.0
/*
 * Getting a spec script as JSON.  A .json file (wast2json's output, its
 * .wasm files beside it) is read as is; that is how the VM, which has no
 * wabt, runs the suite.  A .wast file is converted with wast2json into a
 * private directory under $TMPDIR whose files are read into memory and
 * removed again before any test runs, so nothing is left behind even if
 * a test crashes or is interrupted.
 */
#include <stdlib.h>
#include <dirent.h>
#include <signal.h>
#include <unistd.h>
#include <sys/wait.h>

#include "wast.h"

char *wast_json_fixup(const char *text, size_t len, size_t *out_len)
{
	static const char bad[] = "}{\"type\"";
	size_t i, n = 0, extra = 0;
	char *out;

	for (i = 0; i + sizeof(bad) - 1 <= len; i++)
		if (!memcmp(text + i, bad, sizeof(bad) - 1))
			extra++;
	out = malloc(len + extra + 1);
	if (!out)
		return NULL;
	for (i = 0; i < len; i++) {
		out[n++] = text[i];
		if (text[i] == '}' && i + sizeof(bad) - 1 <= len &&
		    !memcmp(text + i, bad, sizeof(bad) - 1))
			out[n++] = ',';
	}
	out[n] = '\0';
	*out_len = n;
	return out;
}

static const char *base_name(const char *path)
{
	const char *s = strrchr(path, '/');

	return s ? s + 1 : path;
}

static bool ends_with(const char *s, const char *suffix)
{
	size_t a = strlen(s), b = strlen(suffix);

	return a >= b && !strcmp(s + a - b, suffix);
}

static int load_json(const char *path, struct wast_script *s)
{
	json_error_t jerr;
	size_t len, flen;
	char *text, *fixed;

	text = lbctl_read_file(path, &len);
	if (!text) {
		int e = errno;

		fprintf(stderr, "%s: %s: %s\n", lbctl_prog, path, strerror(e));
		return -e;
	}
	fixed = wast_json_fixup(text, len, &flen);
	free(text);
	if (!fixed) {
		fprintf(stderr, "%s: out of memory\n", lbctl_prog);
		return -ENOMEM;
	}
	/* Export names in names.wast hold NULs. */
	s->root = json_loadb(fixed, flen, JSON_ALLOW_NUL, &jerr);
	free(fixed);
	if (!s->root) {
		fprintf(stderr, "%s: %s:%d:%d: bad JSON: %s\n", lbctl_prog,
			path, jerr.line, jerr.column, jerr.text);
		return -EINVAL;
	}
	if (!json_is_array(json_object_get(s->root, "commands"))) {
		fprintf(stderr, "%s: %s: no \"commands\" list\n", lbctl_prog,
			path);
		json_decref(s->root);
		s->root = NULL;
		return -EINVAL;
	}
	return 0;
}

/* Run wast2json (or $WAST2JSON); 0 if it exited with status 0. */
static int run_wast2json(const char *wast, const char *json,
			 const sigset_t *child_mask)
{
	const char *tool = getenv("WAST2JSON");
	int status;
	pid_t pid;

	if (!tool || !*tool)
		tool = "wast2json";
	pid = fork();
	if (pid < 0)
		return -errno;
	if (!pid) {
		sigprocmask(SIG_SETMASK, child_mask, NULL);
		execlp(tool, tool, wast, "-o", json, (char *)NULL);
		fprintf(stderr, "%s: %s: %s\n", lbctl_prog, tool,
			strerror(errno));
		_exit(127);
	}
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return -errno;
	if (!WIFEXITED(status) || WEXITSTATUS(status)) {
		fprintf(stderr, "%s: %s: %s failed\n", lbctl_prog, wast, tool);
		return -EINVAL;
	}
	return 0;
}

/* Read every file of the (flat) temp dir, then remove them all. */
static int slurp_and_remove(const char *dir, const char *json_name,
			    struct wast_script *s)
{
	struct dirent *de;
	char path[4096];
	int ret = 0;
	DIR *d;

	d = opendir(dir);
	if (!d)
		return -errno;
	while ((de = readdir(d))) {
		struct wast_file *f, *nf;

		if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, de->d_name);
		if (!ret && strcmp(de->d_name, json_name)) {
			nf = realloc(s->files, (s->nfiles + 1) * sizeof(*nf));
			if (!nf) {
				ret = -ENOMEM;
			} else {
				s->files = nf;
				f = &nf[s->nfiles];
				f->name = strdup(de->d_name);
				f->data = lbctl_read_file(path, &f->len);
				if (!f->name || !f->data) {
					ret = -(errno ? errno : ENOMEM);
					free(f->name);
					free(f->data);
				} else {
					s->nfiles++;
				}
			}
		}
		unlink(path);
	}
	closedir(d);
	if (rmdir(dir) && !ret)
		ret = -errno;
	return ret;
}

static int convert_wast(const char *path, struct wast_script *s)
{
	const char *tmp = getenv("TMPDIR");
	char dir[4096], json[4400], json_name[256];
	sigset_t block, old;
	int ret;

	if (!tmp || !*tmp)
		tmp = "/tmp";
	snprintf(dir, sizeof(dir), "%s/lbctl-wast.XXXXXX", tmp);
	snprintf(json_name, sizeof(json_name), "%.200s.json",
		 base_name(path));
	/* An interrupt now would leave the directory behind: hold it. */
	sigemptyset(&block);
	sigaddset(&block, SIGINT);
	sigaddset(&block, SIGTERM);
	sigaddset(&block, SIGHUP);
	sigaddset(&block, SIGQUIT);
	sigprocmask(SIG_BLOCK, &block, &old);
	if (!mkdtemp(dir)) {
		ret = -errno;
		fprintf(stderr, "%s: %s: %s\n", lbctl_prog, dir,
			strerror(errno));
		goto out;
	}
	snprintf(json, sizeof(json), "%s/%s", dir, json_name);
	ret = run_wast2json(path, json, &old);
	if (!ret)
		ret = load_json(json, s);
	if (!ret) {
		ret = slurp_and_remove(dir, json_name, s);
		if (ret)
			fprintf(stderr, "%s: %s: %s\n", lbctl_prog, dir,
				strerror(-ret));
	} else {
		slurp_and_remove(dir, json_name, s);
	}
out:
	sigprocmask(SIG_SETMASK, &old, NULL);
	return ret;
}

int wast_script_open(const char *path, struct wast_script *s)
{
	const char *src;
	int ret;

	memset(s, 0, sizeof(*s));
	if (ends_with(path, ".json")) {
		const char *slash = strrchr(path, '/');

		s->dir = slash ? strndup(path, (size_t)(slash - path)) :
			 strdup(".");
		if (!s->dir)
			return -ENOMEM;
		ret = load_json(path, s);
	} else {
		ret = convert_wast(path, s);
	}
	if (ret) {
		wast_script_close(s);
		return ret;
	}
	src = json_string_value(json_object_get(s->root, "source_filename"));
	s->name = strdup(base_name(src ? src : path));
	if (!s->name) {
		wast_script_close(s);
		return -ENOMEM;
	}
	return 0;
}

void wast_script_close(struct wast_script *s)
{
	size_t i;

	for (i = 0; i < s->nfiles; i++) {
		free(s->files[i].name);
		free(s->files[i].data);
	}
	free(s->files);
	free(s->dir);
	free(s->name);
	json_decref(s->root);
	memset(s, 0, sizeof(*s));
}

const u8 *wast_script_file(struct wast_script *s, const char *name,
			   size_t *len, void **owned)
{
	char path[4096];
	size_t i;

	*owned = NULL;
	if (strchr(name, '/') || !strcmp(name, "..")) {
		errno = EINVAL;
		return NULL;
	}
	for (i = 0; i < s->nfiles; i++) {
		if (!strcmp(s->files[i].name, name)) {
			*len = s->files[i].len;
			return s->files[i].data;
		}
	}
	if (!s->dir) {
		errno = ENOENT;
		return NULL;
	}
	snprintf(path, sizeof(path), "%s/%s", s->dir, name);
	*owned = lbctl_read_file(path, len);
	return *owned;
}
