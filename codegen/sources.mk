# SPDX-License-Identifier: GPL-2.0
# The engine's sources, shared by Kbuild (kernel) and tools/tools.mk (user
# space).  Paths are relative to the repository root.
LB_CODEGEN_SRCS := \
	codegen/util.c \
	codegen/loader.c \
	codegen/sections.c \
	codegen/module.c \
	codegen/instance.c \
	codegen/table.c \
	codegen/bulk.c \
	codegen/spectest.c \
	codegen/imports.c \
	codegen/x86/compile.c \
	codegen/x86/control.c \
	codegen/x86/br_table.c \
	codegen/x86/regalloc.c \
	codegen/x86/pin.c \
	codegen/x86/ops_int.c \
	codegen/x86/ops_float.c \
	codegen/x86/ops_mem.c \
	codegen/x86/ops_call.c \
	codegen/x86/ops_bulk.c \
	codegen/x86/link.c \
	codegen/x86/run.c
