#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""
Differential fuzzing against wabt's spectest-interp.

Each seed makes a random valid module whose exports (i32) -> (i32 i64)
run straight-line code, blocks, loops and ifs taking and yielding several
values, runs of br_if and br_tables carrying values with the top value
rewritten between them, branches in dead code, calls of 2 to 20 values
(identities, generators and sinks), and memory accesses through pinned
locals around calls.  spectest-interp runs every export on a few inputs;
its results become the assertions lbctl must meet.

usage: diff_fuzz.py LBCTL FIRST_SEED LAST_SEED
       diff_fuzz.py --write DIR FIRST_SEED LAST_SEED
The first ends with "N passed, M failed" (one check per seed); a failing
seed's files stay in $TMPDIR for the report.  The second writes each
seed's module and assertions as DIR/lb_fuzz_SEED.wast, for the kernel
(make vm-test), which has neither wabt nor Python.
"""
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile

TYPES = ['i32', 'i64']
# what values are: integers twice as often as floats
VALUE_TYPES = TYPES * 2 + ['f64', 'f32']
INT_OF = {'i32': 'i32', 'i64': 'i64', 'f32': 'i32', 'f64': 'i64'}
# locals of the exports: 0 the input, 1 (i32) and 2 (i64) accumulators,
# 3 the loops' budget, 4 an address, then extra accumulators (odd: i32)
EXTRA = range(5, 15)
LOCALS = 'i32 i64 i32 i32 ' + ' '.join('i32' if i % 2 else 'i64' for i in EXTRA)
# spectest-interp's trap texts, and the spec's
TRAPS = [('out of bounds table', 'out of bounds table access'),
         ('out of bounds', 'out of bounds memory access'),
         ('unreachable', 'unreachable'),
         ('divide by zero', 'integer divide by zero'),
         ('overflow', 'integer overflow'),
         ('indirect call', 'indirect call type mismatch'),
         ('invalid conversion', 'invalid conversion to integer')]
INPUTS = (0, 1, 5, 6, 63)
MAX_DEPTH = 6


class Func:
    """One exported function, generated with a model of its typed stack."""

    def __init__(self, rnd, helpers):
        self.r = rnd
        self.helpers = helpers
        self.out = []
        self.stack = []         # value types
        self.ctrl = []          # (kind, height, params, results)
        self.depth = 0
        self.dead = False

    def emit(self, text):
        self.out.append('  ' * (self.depth + 2) + text)

    def vec(self, n):
        return [self.r.choice(VALUE_TYPES) for _ in range(n)]

    def free(self):
        return len(self.stack) - (self.ctrl[-1][1] if self.ctrl else 0)

    def matches(self, types):
        n = len(types)
        return self.free() >= n and (n == 0 or self.stack[-n:] == types)

    def label_types(self, k):
        kind, _, params, results = self.ctrl[-1 - k]
        return params if kind == 'loop' else results

    def push(self, types):
        for t in types:
            if t in TYPES and self.r.random() < 0.3:
                self.emit('(local.get %d)' % (1 if t == 'i32' else 2))
            elif t in TYPES:
                self.emit('(%s.const %d)' % (t, self.r.randint(-50, 50)))
            else:
                self.emit('(%s.const %d.5)' % (t, self.r.randint(-50, 50)))
            self.stack.append(t)

    def fold_top(self):
        """Fold the top value into an accumulator of its type: local 1 or 2,
        or one of the extra ones, which are too many to be pinned."""
        t = self.stack.pop()
        if t not in TYPES:	# its bits
            self.emit('(%s.reinterpret_%s)' % (INT_OF[t], t))
            t = INT_OF[t]
        acc = self.r.choice([1 if t == 'i32' else 2] +
                            [i for i in EXTRA if (i % 2 == 1) == (t == 'i32')])
        self.emit('(local.get %d) (%s.xor) (%s.const 3) (%s.mul) (local.set %d)'
                  % (acc, t, t, t, acc))

    def make_top(self, types):
        while self.free() > 0:
            self.fold_top()
        self.push(types)

    def cond(self):
        """An i32 from the input: a bit of it, or a compare (fused with
        the branch or if that takes it)."""
        if self.r.random() < 0.5:
            self.emit('(i32.and (local.get 0) (i32.const %d))'
                      % (1 << self.r.randint(0, 5)))
        else:
            self.emit('(%s (local.get %d) (i32.const %d))'
                      % (self.r.choice(['i32.lt_s', 'i32.ge_u', 'i32.eq',
                                        'i32.ne', 'i32.gt_s']),
                         self.r.choice([0, 0, 1, 4]), self.r.randint(-2, 8)))

    def branch_target(self, loops=False):
        """A label (a loop only if asked), its types ready on the stack."""
        k = self.r.randrange(len(self.ctrl))
        if self.ctrl[-1 - k][0] == 'loop' and not loops:
            return None
        types = self.label_types(k)
        if not self.matches(types):
            if len(types) > 8:
                return None
            self.make_top(types)
        return k, types

    def br_if_run(self):
        target = self.branch_target(loops=True)
        if not target:
            return
        k, types = target
        loop = self.ctrl[-1 - k][0] == 'loop'
        for _ in range(self.r.randint(1, 4)):
            if loop:	# back, bounded by the budget in local 3
                self.emit('(i32.gt_s (local.tee 3 (i32.sub (local.get 3)'
                          ' (i32.const 1))) (i32.const 0))')
            else:
                self.cond()
            self.emit('(br_if %d)' % k)
            if types and self.r.random() < 0.5:
                t = types[-1]
                if self.r.random() < 0.5:
                    self.emit('(%s.add (%s.const 1))' % (t, t))
                else:
                    self.emit('(drop) (%s.const %d)' % (t, self.r.randint(0, 9)))

    def br_table(self):
        target = self.branch_target()
        if not target:
            return
        k, types = target
        same = [j for j in range(len(self.ctrl))
                if self.ctrl[-1 - j][0] != 'loop' and self.label_types(j) == types]
        labels = [self.r.choice(same) for _ in range(self.r.randint(1, 5))]
        kind = self.r.randrange(4)
        if kind == 0:
            self.emit('(br %d)' % k)
        elif kind == 1:
            self.make_top(['i32', 'i64'])
            self.emit('(return)')
        else:
            self.emit('(br_table %s (i32.and (local.get 0) (i32.const 7)))'
                      % ' '.join(map(str, labels)))
        self.dead_tail()

    def dead_tail(self):
        """Code after an unconditional branch: its stack is polymorphic."""
        del self.stack[self.ctrl[-1][1]:]
        for _ in range(self.r.randint(0, 2)):
            self.emit(self.r.choice(['(br 0)', '(return)',
                                     '(br_table 0 0 (i32.const 0))']))
        self.dead = True

    def pointer_loop(self):
        """A loop walking a pinned pointer (local 4) towards or past the
        end of the memory: bounds known from one access for the next, and
        for the next iteration, must still trap where they should."""
        t = self.r.choice(TYPES)
        self.emit('(local.set 4 (i32.add (i32.and (local.get 0) (i32.const 0xff0))'
                  ' (i32.const %d)))' % self.r.choice([0, 64000, 65000, 130000]))
        self.emit('(loop')
        for _ in range(self.r.randint(1, 3)):
            off = self.r.choice([0, 4, 8, 100, 4096])
            if self.r.random() < 0.5:
                self.emit('  (%s.store offset=%d (local.get 4) (%s.const %d))'
                          % (t, off, t, self.r.randint(-9, 9)))
            else:
                self.emit('  (%s.load offset=%d (local.get 4))' % (t, off))
                self.stack.append(t)
                self.depth += 1
                self.fold_top()
                self.depth -= 1
        self.emit('  (local.set 4 (i32.add (local.get 4) (i32.const %d)))'
                  % self.r.choice([1, 8, 512, 4096]))
        self.emit('  (br_if 0 (i32.gt_s (local.tee 3 (i32.sub (local.get 3)'
                  ' (i32.const 1))) (i32.const 0))))')

    def memory(self):
        """Accesses of every width near the end of the memory, through a
        pinned local, the input or a sum, around calls and memory.grow,
        and bulk fills and copies."""
        if self.r.random() < 0.3:
            self.pointer_loop()
            return
        t = self.r.choice(TYPES)
        width = self.r.choice(['', '8', '16', '32'] if t == 'i64' else ['', '8', '16'])
        sign = '' if not width else self.r.choice(['_s', '_u'])
        addr = self.r.choice(['(local.get 4)', '(local.get 0)',
                              '(i32.add (local.get 0) (i32.const 65530))'])
        off = self.r.choice([0, 1, 8, 65528, 65535])
        k = self.r.randrange(4)
        self.emit('(local.set 4 (i32.and (i32.add (local.get 0) (local.get 4))'
                  ' (i32.const 0x1fff8)))')
        if k == 0:
            self.emit('(%s.store%s offset=%d %s (%s.const %d))'
                      % (t, width, off, addr, t, self.r.randint(-99, 99)))
        elif k == 1:
            self.emit('(drop (memory.grow (i32.and (local.get 0) (i32.const 1))))')
        elif k == 2:
            self.emit('(memory.%s %s (local.get 4) (i32.and (local.get 0)'
                      ' (i32.const 63)))'
                      % self.r.choice([('fill', '(i32.const 7)'),
                                       ('copy', '(i32.const 65500)')]))
        if self.r.random() < 0.5:
            self.call()
        self.emit('(%s.load%s%s offset=%d %s)' % (t, width, sign, off, addr))
        self.stack.append(t)

    def call(self):
        name, params, results = self.r.choice(self.helpers)
        if not self.matches(params):
            if self.r.random() < 0.5:
                self.make_top(params)
            else:
                self.push(params)
        self.emit('(call %s)' % name)
        del self.stack[len(self.stack) - len(params):]
        self.stack += results

    def sig(self, params, results):
        return ' '.join(['(param %s)' % t for t in params] +
                        ['(result %s)' % t for t in results])

    def body(self, kind, params, results, budget, steps):
        self.depth += 1
        saved = list(self.stack)
        self.ctrl.append((kind, len(self.stack) - len(params), params, results))
        self.dead = False
        for _ in range(steps):
            self.step(budget)
            if self.dead:
                break
        if not self.dead:
            if kind == 'loop':
                self.make_top(params)
                # the back edge, bounded by the budget in local 3
                self.emit('(local.set 3 (i32.sub (local.get 3) (i32.const 1)))')
                self.emit('(br_if 0 (i32.gt_s (local.get 3) (i32.const 0)))')
            elif not self.matches(results) or self.free() != len(results):
                self.make_top(results)
        self.dead = False
        self.ctrl.pop()
        self.stack = saved
        self.depth -= 1

    def block(self, budget):
        np = min(self.r.choice([0, 0, 1, 2, 3, 9, 17]), self.free())
        params = self.stack[len(self.stack) - np:] if np else []
        kind = self.r.choice(['block', 'block', 'if', 'loop'])
        if kind == 'loop':
            results = params
        else:
            results = self.r.choice([params, self.vec(self.r.choice([0, 1, 2, 3, 9]))])
        if kind == 'if':
            self.cond()
            self.emit('(if %s (then' % self.sig(params, results))
            self.body('if', params, results, budget - 1, self.r.randint(1, 6))
            self.emit(') (else')
            self.body('if', params, results, budget - 1, self.r.randint(1, 6))
            self.emit('))')
        else:
            self.emit('(%s %s' % (kind, self.sig(params, results)))
            self.body(kind, params, results, budget - 1, self.r.randint(1, 6))
            self.emit(')')
        del self.stack[len(self.stack) - np:]
        self.stack += results

    def numeric(self, top):
        """Bit counts, shifts and rotates by the input, compares as values,
        and a trip through f64 and back: the CPU-feature paths."""
        if top not in TYPES:
            k = self.r.randrange(3)
            if k == 0:
                self.emit('(%s.%s (%s.const %d.5))'
                          % (top, self.r.choice(['lt', 'ge', 'eq', 'ne']), top,
                             self.r.randint(-9, 9)))
                self.stack[-1] = 'i32'
            elif k == 1:
                self.emit('(%s.trunc_sat_%s_%s)'
                          % (INT_OF[top], top, self.r.choice(['s', 'u'])))
                self.stack[-1] = INT_OF[top]
            else:
                other = 'f32' if top == 'f64' else 'f64'
                self.emit('(%s.%s_%s)' % (other, 'demote' if top == 'f64'
                                          else 'promote', top))
                self.stack[-1] = other
            return
        k = self.r.randrange(5)
        if k == 0:
            self.emit('(%s.%s)' % (top, self.r.choice(['clz', 'ctz', 'popcnt'])))
        elif k == 1:
            amount = ('(local.get 0)' if top == 'i32'
                      else '(i64.extend_i32_u (local.get 0))')
            self.emit('(%s.%s %s)' % (top, self.r.choice(['shl', 'shr_s', 'shr_u',
                                                          'rotl', 'rotr']), amount))
        elif k == 2:
            self.emit('(%s.%s (%s.const %d))'
                      % (top, self.r.choice(['lt_s', 'ge_u', 'eq', 'gt_u']), top,
                         self.r.randint(-3, 9)))
            self.stack[-1] = 'i32'
        elif k == 3:
            # exact in f64 for |x| < 2^53; the i64 ones are cut to 32 bits
            if top == 'i64':
                self.emit('(i64.extend_i32_s (i32.wrap_i64))')
            self.emit('(f64.convert_%s_s)' % top)
            self.emit('(f64.%s (f64.const %d))'
                      % (self.r.choice(['add', 'mul', 'min', 'max']),
                         self.r.randint(-9, 9)))
            self.emit('(%s.trunc_sat_f64_s)' % top)
        else:
            self.emit('(%s.mul (%s.const %d))' % (top, top, self.r.randint(-99, 99)))

    def tables(self):
        """A second table and passive segments, all by the input: size,
        grow, get, set, fill, copy, init, drop, and calls through it."""
        k = self.r.randrange(7)
        i = '(i32.and (local.get 0) (i32.const %d))' % self.r.choice([3, 7, 15])
        if k == 0:
            self.emit('(table.grow $t2 (ref.func $id%d) (i32.and (local.get 0)'
                      ' (i32.const 1)))' % self.r.choice([0, 1]))
        elif k == 1:
            self.emit('(ref.is_null (table.get $t2 %s))' % i)
        elif k == 2:
            self.emit('(table.set $t2 %s (ref.func $id%d)) (table.size $t2)'
                      % (i, self.r.choice([0, 1])))
        elif k == 3:
            self.emit('(table.fill $t2 %s (ref.null func) (i32.const 2))'
                      ' (table.size $t2)' % i)
        elif k == 4:
            self.emit('(table.copy $t2 $t2 (i32.const 1) %s (i32.const 2))'
                      ' (table.size $t2)' % i)
        elif k == 5:
            self.emit('(memory.init $d (local.get 4) %s (i32.const 4))'
                      ' (i32.load (local.get 4))' % i)
            if self.r.random() < 0.2:
                self.emit('(data.drop $d)')
        else:
            self.emit('(table.init $t2 $e %s (i32.const 0) (i32.const 2))'
                      ' (table.size $t2)' % i)
        self.stack.append('i32')

    def edge(self):
        """The integer edges: INT_MIN by -1 (div traps, rem is 0), by
        zero, and truncations that overflow, all by the input."""
        t = self.r.choice(TYPES)
        k = self.r.randrange(3)
        if k < 2:
            minus = ('(i32.sub (local.get 0) (i32.const 1))' if t == 'i32' else
                     '(i64.extend_i32_s (i32.sub (local.get 0) (i32.const 1)))')
            self.emit('(%s.%s (%s.const %s) %s)'
                      % (t, self.r.choice(['div_s', 'rem_s', 'div_u', 'rem_u']), t,
                         '0x80000000' if t == 'i32' else '0x8000000000000000',
                         minus))
        else:
            self.emit('(%s.trunc_f64_%s (f64.mul (f64.convert_i32_s (local.get 0))'
                      ' (f64.const %s)))' % (t, self.r.choice(['s', 'u']),
                                             self.r.choice(['1e8', '3e17', '-1'])))
        self.stack.append(t)

    def step(self, budget):
        r = self.r.random()
        top = self.stack[-1] if self.free() else None
        if r < 0.12 and top and top not in TYPES:
            # no NaN: no sub, no sqrt of a negative, finite constants
            op = self.r.choice(['add', 'mul', 'min', 'max', 'neg', 'abs',
                                'floor', 'nearest', 'sqrt'])
            if op in ('neg', 'abs', 'floor', 'nearest'):
                self.emit('(%s.%s)' % (top, op))
            elif op == 'sqrt':
                self.emit('(%s.sqrt (%s.abs))' % (top, top))
            else:
                self.emit('(%s.%s (%s.const %d.25))'
                          % (top, op, top, self.r.randint(1, 9)))
        elif r < 0.12 and top:
            op = self.r.choice(['add', 'eqz', 'xor'])
            if op == 'eqz':
                self.emit('(%s.eqz)' % top)
                self.stack[-1] = 'i32'
            else:
                self.emit('(%s.%s (%s.const %d))' % (top, op, top, self.r.randint(1, 9)))
        elif r < 0.2 and self.free() >= 2 and self.stack[-2] == top:
            self.emit('(%s.%s)' % (top, self.r.choice(
                ['add', 'sub', 'xor'] if top in TYPES else ['add', 'min', 'max'])))
            self.stack.pop()
        elif r < 0.22 and top:
            self.numeric(top)
        elif r < 0.24:
            # globals of every type, written from the top or read
            t = self.r.choice(VALUE_TYPES)
            if top == t and self.r.random() < 0.5:
                self.emit('(global.set $g_%s)' % t)
                self.stack.pop()
            else:
                self.emit('(global.get $g_%s)' % t)
                self.stack.append(t)
        elif r < 0.27 and top:
            self.fold_top()
        elif r < 0.35:
            self.push(self.vec(self.r.randint(1, 3)))
        elif r < 0.55:
            self.br_if_run()
        elif r < 0.62:
            self.br_table()
        elif r < 0.76 and budget > 0 and self.depth < MAX_DEPTH:
            self.block(budget)
        elif r < 0.84 and budget > 0:
            self.call()
        elif r < 0.9:
            self.memory()
        elif r < 0.94 and top:
            # select between the top value and a constant
            self.emit('(%s.const %d)' % (top, self.r.randint(0, 9)))
            self.cond()
            self.emit('(select)')
        elif r < 0.95:
            self.edge()
        elif r < 0.96:
            self.tables()
        elif r < 0.97 and top in TYPES:
            # a division that may trap, added to the top, kept in the
            # accumulator too
            acc = 1 if top == 'i32' else 2
            div = ('(local.get 0)' if top == 'i32'
                   else '(i64.extend_i32_u (local.get 0))')
            self.emit('(%s.%s (local.get %d) %s)'
                      % (top, self.r.choice(['div_s', 'rem_u', 'div_u']), acc, div))
            self.emit('(%s.add) (local.tee %d)' % (top, acc))
        elif top:
            # through the table ($id0, $id1) by the input's low bit: the
            # other entry is a signature mismatch
            name, params, results = self.helpers[self.r.choice([0, 3])]
            if not self.matches(params):
                self.make_top(params)
            self.emit('(call_indirect (type $t%s) (i32.and (local.get 0) (i32.const 1)))'
                      % name[1:])
            del self.stack[len(self.stack) - len(params):]
            self.stack += results

GEN = {'i32': 'i32.clz', 'i64': 'i64.extend_i32_s', 'f64': 'f64.convert_i32_s',
       'f32': 'f32.convert_i32_u'}
SINK = {'i32': 'i32.clz', 'i64': 'i32.wrap_i64', 'f64': 'i32.trunc_sat_f64_s',
        'f32': 'i32.trunc_sat_f32_u'}


def helpers(rnd):
    """Identities, generators and sinks of 2 to 20 values: the table, their
    types, their code and imports of them."""
    table, types, text, imports = [], [], [], []
    for i, n in enumerate([2, 9, 16, 17, 20]):
        tv = [rnd.choice(VALUE_TYPES) for _ in range(n)]
        res = ' '.join('(result %s)' % t for t in tv)
        par = ' '.join('(param %s)' % t for t in tv)
        types.append('  (type $tid%d (func %s %s))' % (i, par, res))
        text.append('  (func $id%d %s %s\n    %s)' % (i, par, res, ' '.join(
            '(%s.add (local.get %d) (%s.const %d))' % (t, j, t, j + 1)
            for j, t in enumerate(tv))))
        text.append('  (func $gen%d %s\n    (global.set $g (i32.add (global.get $g)'
                    ' (i32.const 7)))\n    %s)' % (i, res, ' '.join(
                        '(%s (global.get $g))' % GEN[t] for t in tv)))
        text.append('  (func $sink%d %s\n    %s)' % (i, par, ' '.join(
            '(global.set $g (i32.xor (global.get $g) (%s (local.get %d))))'
            % (SINK[t], j)
            for j, t in enumerate(tv))))
        table += [('$id%d' % i, tv, tv), ('$gen%d' % i, [], tv),
                  ('$sink%d' % i, tv, [])]
    for name, params, results in table:
        text.append('  (export "%s" (func %s))' % (name[1:], name))
        imports.append('  (import "h" "%s" (func %s %s %s))' % (
            name[1:], name, ' '.join('(param %s)' % t for t in params),
            ' '.join('(result %s)' % t for t in results)))
    return table, types, text, imports


def module(seed, nfuncs=10):
    rnd = random.Random(seed)
    table, types, text, imports = helpers(rnd)
    lines = []
    if seed % 2:
        # the helpers in a module of their own: calls through imports
        lines += ['(module $h', '  (global $g (mut i32) (i32.const 5))']
        lines += types + text + [')', '(register "h" $h)', '(module']
        lines += types + imports
    else:
        lines += ['(module'] + types + text
    lines += ['  (memory 1)', '  (global $g (mut i32) (i32.const 5))',
              '  (global $g_i32 (mut i32) (i32.const -7))',
              '  (global $g_i64 (mut i64) (i64.const 0x123456789))',
              '  (global $g_f32 (mut f32) (f32.const 2.5))',
              '  (global $g_f64 (mut f64) (f64.const -3.25))',
              '  (table 2 funcref)', '  (elem (i32.const 0) $id0 $id1)',
              '  (table $t2 4 funcref)', '  (elem $e func $id1 $id0)',
              '  (data $d "0123456789abcdef")']
    for i in range(nfuncs):
        f = Func(rnd, table)
        f.ctrl.append(('func', 0, [], ['i32', 'i64']))
        for _ in range(rnd.randint(4, 14)):
            f.step(4)
            if f.dead:
                break
        if not f.dead:
            while f.free() > 0:
                f.fold_top()
            f.emit('(local.get 1) %s (local.get 2) %s'
                   % (' '.join('(local.get %d) (i32.xor)' % j
                               for j in EXTRA if j % 2),
                      ' '.join('(local.get %d) (i64.xor)' % j
                               for j in EXTRA if not j % 2)))
        lines.append('  (func (export "f%d") (param i32) (result i32 i64)'
                     ' (local %s)' % (i, LOCALS))
        lines.append('    (local.set 3 (i32.const 20))')
        lines += f.out
        lines.append('  )')
    lines.append(')')
    return '\n'.join(lines) + '\n', nfuncs


def oracle(work, text, nfuncs):
    """spectest-interp's results for every export and input, as assertions."""
    wast = os.path.join(work, 'oracle.wast')
    with open(wast, 'w') as f:
        f.write(text)
        for i in range(nfuncs):
            for x in INPUTS:
                f.write('(invoke "f%d" (i32.const %d))\n' % (i, x))
    js = os.path.join(work, 'oracle.json')
    subprocess.run(['wast2json', wast, '-o', js], check=True,
                   capture_output=True)
    with open(js) as f:          # wabt 1.0.32 drops commas in result lists
        fixed = f.read().replace('}{"type"', '},{"type"')
    with open(js, 'w') as f:
        f.write(fixed)
    out = subprocess.run(['spectest-interp', js], capture_output=True,
                         text=True).stdout
    asserts = []
    for line in out.splitlines():
        m = re.match(r'(f\d+)\(i32:(\d+)\) => (.*)', line.strip())
        if not m:
            continue
        name, x, res = m.groups()
        call = '(invoke "%s" (i32.const %s))' % (name, x)
        if res.startswith('error'):
            msg = next((m for k, m in TRAPS if k in res), None)
            if not msg:
                print('unknown trap from the oracle: ' + res)
                return []
            asserts.append('(assert_trap %s "%s")' % (call, msg))
        else:
            vals = ' '.join('(%s.const %s)' % tuple(v.split(':'))
                            for v in res.split(', '))
            asserts.append('(assert_return %s %s)' % (call, vals))
    return asserts


def script(work, seed, wast):
    """The seed's module and the oracle's assertions in wast; False if none."""
    text, nfuncs = module(seed)
    asserts = oracle(work, text, nfuncs)
    if len(asserts) != nfuncs * len(INPUTS):
        print('seed %d: the oracle answered %d of %d calls (%s)'
              % (seed, len(asserts), nfuncs * len(INPUTS), work))
        return False
    with open(wast, 'w') as f:
        f.write(';; diff_fuzz.py seed %d, results from spectest-interp\n' % seed)
        f.write(text + '\n'.join(asserts) + '\n')
    return True


def check(lbctl, seed):
    work = tempfile.mkdtemp(prefix='lb-fuzz-%d-' % seed)
    wast = os.path.join(work, 'check.wast')
    if not script(work, seed, wast):
        return False
    run = subprocess.run([lbctl, 'wast', '--user', wast], capture_output=True,
                         text=True)
    if run.returncode or ' 0 failed' not in run.stdout:
        print('seed %d: %s (%s)' % (seed, (run.stdout + run.stderr).strip()
                                    .splitlines()[-1:], wast))
        print(run.stdout[-2000:] + run.stderr[-2000:])
        return False
    shutil.rmtree(work)
    return True


def write(outdir, first, last):
    for seed in range(first, last + 1):
        work = tempfile.mkdtemp(prefix='lb-fuzz-%d-' % seed)
        if not script(work, seed, os.path.join(outdir, 'lb_fuzz_%d.wast' % seed)):
            return 1
        shutil.rmtree(work)
    return 0


def main():
    if sys.argv[1] == '--write':
        return write(sys.argv[2], int(sys.argv[3]), int(sys.argv[4]))
    lbctl, first, last = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    passed = sum(check(lbctl, s) for s in range(first, last + 1))
    print('%d passed, %d failed' % (passed, last - first + 1 - passed))
    return 0 if passed == last - first + 1 else 1


if __name__ == '__main__':
    sys.exit(main())
