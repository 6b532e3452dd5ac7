// SPDX-License-Identifier: GPL-2.0
/* bench: n=3000000 expect=0x2dc6c0004dc8b840 */
/*
 * br_table-heavy dispatch: a register-machine bytecode interpreter whose
 * main loop is one dense switch.  The bytecode computes a hash-like mix
 * over a counter, n iterations of an 11-instruction loop body.
 */
#include "bench.h"

enum op {
	OP_LOADI,	/* r[a] = imm */
	OP_MOV,		/* r[a] = r[b] */
	OP_ADD,		/* r[a] = r[b] + r[c] */
	OP_SUB,
	OP_MUL,
	OP_XOR,
	OP_AND,
	OP_OR,
	OP_SHL,		/* r[a] = r[b] << (r[c] & 31) */
	OP_SHR,
	OP_ROTL,	/* r[a] = rotl(r[b], imm) */
	OP_ADDI,	/* r[a] = r[b] + imm */
	OP_JNZ,		/* if (r[a]) pc = imm */
	OP_JMP,
	OP_LT,		/* r[a] = r[b] < r[c] */
	OP_HALT,
};

/* One instruction: op, a, b, c in 8 bits each, and a 32-bit immediate. */
struct insn {
	uint32_t w;
	uint32_t imm;
};

#define INS(op, a, b, c, imm) \
	{ (op) | ((a) << 8) | ((b) << 16) | ((uint32_t)(c) << 24), (imm) }

static struct insn code[] = {
	/* r0 = counter (n), r1 = acc, r2 = i, r3 = const 5 */
	INS(OP_LOADI, 1, 0, 0, 0x12345678),
	INS(OP_LOADI, 2, 0, 0, 0),
	INS(OP_LOADI, 3, 0, 0, 5),
	/* loop: pc = 3 */
	INS(OP_ADD, 4, 1, 2, 0),
	INS(OP_ROTL, 4, 4, 0, 13),
	INS(OP_MUL, 5, 4, 4, 0),
	INS(OP_XOR, 1, 1, 5, 0),
	INS(OP_SHR, 6, 1, 3, 0),
	INS(OP_OR, 6, 6, 3, 0),
	INS(OP_SUB, 1, 1, 6, 0),
	INS(OP_AND, 7, 1, 3, 0),
	INS(OP_SHL, 7, 7, 3, 0),
	INS(OP_ADD, 1, 1, 7, 0),
	INS(OP_ADDI, 2, 2, 0, 1),
	INS(OP_LT, 8, 2, 0, 0),
	INS(OP_JNZ, 8, 0, 0, 3),
	INS(OP_MOV, 0, 1, 0, 0),
	INS(OP_HALT, 0, 0, 0, 0),
};

static noinline uint32_t interpret(const struct insn *prog, uint32_t *r)
{
	uint32_t pc = 0, w, a, b, c, imm;

	for (;;) {
		w = prog[pc].w;
		imm = prog[pc].imm;
		a = (w >> 8) & 15;
		b = (w >> 16) & 15;
		c = (w >> 24) & 15;
		pc++;
		switch (w & 0xff) {
		case OP_LOADI:
			r[a] = imm;
			break;
		case OP_MOV:
			r[a] = r[b];
			break;
		case OP_ADD:
			r[a] = r[b] + r[c];
			break;
		case OP_SUB:
			r[a] = r[b] - r[c];
			break;
		case OP_MUL:
			r[a] = r[b] * r[c];
			break;
		case OP_XOR:
			r[a] = r[b] ^ r[c];
			break;
		case OP_AND:
			r[a] = r[b] & r[c];
			break;
		case OP_OR:
			r[a] = r[b] | r[c];
			break;
		case OP_SHL:
			r[a] = r[b] << (r[c] & 31);
			break;
		case OP_SHR:
			r[a] = r[b] >> (r[c] & 31);
			break;
		case OP_ROTL:
			r[a] = (r[b] << (imm & 31)) | (r[b] >> ((32 - imm) & 31));
			break;
		case OP_ADDI:
			r[a] = r[b] + imm;
			break;
		case OP_JNZ:
			if (r[a])
				pc = imm;
			break;
		case OP_JMP:
			pc = imm;
			break;
		case OP_LT:
			r[a] = r[b] < r[c];
			break;
		case OP_HALT:
			return r[0];
		default:
			return 0;
		}
	}
}

BENCH_RUN
{
	uint32_t r[16] = { 0 };
	uint64_t sum;

	r[0] = n;
	sum = interpret(code, r);
	return bench_mix(bench_mix(sum, r[1]), r[2]);
}
