// SPDX-License-Identifier: GPL-2.0
/*
 * lbctl: load, run and test WebAssembly modules with lightbeam, either
 * through /dev/lightbeam or with the same engine linked in (--user).
 * This file only dispatches to the commands.
 */
#include <stdlib.h>

#include "lbctl.h"

const char *lbctl_prog = "lbctl";

static void print_usage(FILE *f)
{
	fprintf(f,
		"usage: %s COMMAND [OPTION...] ARG...\n"
		"\n"
		"commands:\n"
		"  run [--user|--kernel|--auto] [--fuel N] [--timeout MS]\n"
		"      FILE.wasm FUNC [ARG...]   invoke an export, print its results\n"
		"  info FILE.wasm                describe a module and its compilation\n"
		"  wast [--user|--kernel|--auto] [--quiet] [--timeout MS]\n"
		"      FILE.wast|FILE.json...    run spec test scripts\n"
		"  disasm [--user] FILE.wasm [FUNC]\n"
		"                                the machine code of a function\n"
		"  help                          this text\n"
		"\n"
		"exit status: 0 success, 1 trap (run) or failed checks (wast),\n"
		"2 usage error, 3 invalid module, 4 other errors.\n"
		"See Documentation/lbctl.rst.\n", lbctl_prog);
}

int main(int argc, char **argv)
{
	const char *cmd;

	if (argc < 2) {
		print_usage(stderr);
		return LBCTL_USAGE;
	}
	cmd = argv[1];
	if (!strcmp(cmd, "run"))
		return lbctl_cmd_run(argc - 1, argv + 1);
	if (!strcmp(cmd, "info"))
		return lbctl_cmd_info(argc - 1, argv + 1);
	if (!strcmp(cmd, "disasm"))
		return lbctl_cmd_disasm(argc - 1, argv + 1);
	if (!strcmp(cmd, "wast"))
		return lbctl_cmd_wast(argc - 1, argv + 1);
	if (!strcmp(cmd, "help") || !strcmp(cmd, "--help") ||
	    !strcmp(cmd, "-h")) {
		print_usage(stdout);
		return LBCTL_OK;
	}
	fprintf(stderr, "%s: unknown command '%s'\n", lbctl_prog, cmd);
	print_usage(stderr);
	return LBCTL_USAGE;
}
