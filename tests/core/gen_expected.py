#!/usr/bin/python3
"""Reference values for the tests of libgtorch_core, computed by CPython.

Run under Debian's /usr/bin/python3 (3.11) at build time; writes a C header
(the path given as the only argument) that the cmocka tests include. Every
expected value below is what this interpreter prints or raises, except the
documented deviations of static 64-bit ints (marked DEVIATION), which follow
from first principles: where Python would make a big int, the runtime raises
OverflowError.
"""
import math
import random
import struct
import sys

INT64_MIN, INT64_MAX = -2**63, 2**63 - 1
out = []


def c_str(s):
    """A C string literal of s (UTF-8), safe for any content."""
    b = s.encode('utf-8', 'surrogatepass') if isinstance(s, str) else s
    res = []
    for ch in b:
        c = chr(ch)
        if c in '\\"?':
            res.append('\\' + c)
        elif 32 <= ch < 127:
            res.append(c)
        else:
            res.append('\\%03o' % ch)
    return '"' + ''.join(res) + '"'


def bits(x):
    return '0x%016xull' % struct.unpack('<Q', struct.pack('<d', x))[0]


def err_text(e):
    return '%s: %s' % (type(e).__name__, e)


def emit(line):
    out.append(line)


# ---- float repr ------------------------------------------------------------

def float_repr_cases():
    rnd = random.Random(1)
    xs = [0.0, -0.0, 1.0, -1.0, 0.1, 0.2, 0.3, 1 / 3, 2 / 3, 1e16, 1e15, 9999999999999998.0,
          1e17, 1e-4, 1e-5, 0.0001, 0.00001, 1.5e-7, 123456789.0, 1e22, 1e23, 5e-324,
          2.2250738585072014e-308, 2.225073858507201e-308, 1.7976931348623157e308,
          float('inf'), float('-inf'), float('nan'), 2.0**53, 2.0**53 + 2, 2.0**63, 9007199254740993.0,
          0.1 + 0.2, 100.0, 1e100, 1.5, 2.5, 123.456, 4.35, 0.015, 1e-300, 3.141592653589793]
    xs += [2.0 ** e for e in range(-1074, 1024)]
    xs += [-2.0 ** e for e in range(-1074, 1024, 7)]
    xs += [float('1e%d' % e) for e in range(-323, 309)]
    xs += [float('%de%d' % (rnd.randrange(1, 10**rnd.randrange(1, 17)), rnd.randrange(-330, 300)))
           for _ in range(2000)]
    while len(xs) < 9000:
        x = struct.unpack('<d', struct.pack('<Q', rnd.getrandbits(64)))[0]
        if not math.isnan(x):
            xs.append(x)
    xs += [rnd.randrange(-10**6, 10**6) / 10**rnd.randrange(0, 8) for _ in range(1000)]
    return xs


emit('typedef struct { uint64_t bits; const char *repr; } float_repr_case;')
emit('static const float_repr_case FLOAT_REPR[] = {')
for x in float_repr_cases():
    emit('  {%s, %s},' % (bits(x), c_str(repr(x))))
emit('};')

# ---- format(value, spec) ----------------------------------------------------

INT_VALUES = [0, 1, -1, 7, -42, 255, 1234567, -9876543210, INT64_MAX, INT64_MIN, 65, 0x10FFFF, 1000]
FLOAT_VALUES = [0.0, -0.0, 1.0, -1.5, 3.14159, 1234567.891, 1e-7, 1e16, 1e22, 123456789.0, 0.5, 2.5,
                1e300, 5e-324, float('inf'), float('-inf'), float('nan'), 0.1, 9.995, 0.00012345,
                100.0, -0.0001, 0.125, 1e-5, 12345.6789, -1234.5]
STR_VALUES = ['', 'a', 'hello', 'h\u00e9llo w\u00f6rld', "it's", '\u4e2d\u6587']
BOOL_VALUES = [True, False]

COMMON_SPECS = ['', 'd', 'x', 'X', '#x', '#X', 'o', '#o', 'b', '#b', 'c', 'n', ',', '_', '_x', '_b',
                '10', '<10', '>10', '^10', '=10', '*^11', '010', '+', ' ', '-', '+010', '010,',
                '08,', '09,', '012_', '.2f', '.0f', '.4f', '10.3f', 'e', '.3e', 'E', 'g', '.3g',
                'G', '#g', '#.3g', '%', '.1%', '.3', '.10', 'f', 'F', '.0e', '#.0e', '#.0f', 'z.1f',
                'z', '+.2e', ' .3g', '0=12.3f', '^+12,.2f', '<08', 's', '>8s', '.2s', '^9.3s', 'q',
                '.2d', ',s', ',c', ',n', '_o', ',x', 'xx', '.f', '#c', '+c', 'z.0f', 'zd', 'zs',
                '#s', '+s', ' s', '=s', '\u00e9^9', '.20f', '.17g', '.25e', '11.3n', ',.2%']


def random_specs(rnd, n):
    fills = ['', '<', '>', '^', '=', '*<', '*^', '0>', 'x=', '\u00e9>']
    types = ['', 'd', 'b', 'o', 'x', 'X', 'c', 'e', 'E', 'f', 'F', 'g', 'G', 'n', '%', 's']
    specs = []
    for _ in range(n):
        specs.append(rnd.choice(fills) + rnd.choice(['', '', '+', '-', ' ']) + rnd.choice(['', '', 'z'])
                     + rnd.choice(['', '', '#']) + rnd.choice(['', '', '0'])
                     + rnd.choice(['', '', '1', '8', '15'])
                     + rnd.choice(['', '', '', ',', '_']) + rnd.choice(['', '', '.0', '.1', '.3', '.12'])
                     + rnd.choice(types))
    return specs


def format_cases():
    rnd = random.Random(2)
    ok, errs = [], {}
    groups = [('GT_K_INT', INT_VALUES), ('GT_K_FLOAT', FLOAT_VALUES), ('GT_K_STR', STR_VALUES),
              ('GT_K_BOOL', BOOL_VALUES)]
    for kind, values in groups:
        for v in values:
            for spec in COMMON_SPECS + random_specs(rnd, 300):
                try:
                    res = format(v, spec)
                    if '\0' not in res:   # C strings: checked by hand in the test
                        ok.append((kind, v, spec, res))
                except (ValueError, OverflowError, TypeError) as e:
                    errs.setdefault((kind, err_text(e)), (kind, v, spec, err_text(e)))
    return ok, list(errs.values())


def value_fields(kind, v):
    if kind == 'GT_K_FLOAT':
        return '0, %s, NULL' % bits(v)
    if kind == 'GT_K_STR':
        return '0, 0, %s' % c_str(v)
    return '%dll, 0, NULL' % v if v != INT64_MIN else '(-9223372036854775807ll - 1), 0, NULL'


ok, errs = format_cases()
emit('typedef struct { gt_kind kind; int64_t i; uint64_t f; const char *s; const char *spec;'
     ' const char *expect; } format_case;')
emit('static const format_case FORMAT_OK[] = {')
for kind, v, spec, res in ok:
    emit('  {%s, %s, %s, %s},' % (kind, value_fields(kind, v), c_str(spec), c_str(res)))
emit('};')
emit('static const format_case FORMAT_ERR[] = {')
for kind, v, spec, res in errs:
    emit('  {%s, %s, %s, %s},' % (kind, value_fields(kind, v), c_str(spec), c_str(res)))
emit('};')

# ---- int arithmetic ------------------------------------------------------------

def int_operands():
    rnd = random.Random(3)
    base = [0, 1, -1, 2, -2, 3, -3, 7, -7, 10, -10, 63, 64, 100, -100, 2**31, -2**31, 2**53 + 1,
            -(2**53 + 1), 2**62, INT64_MAX, INT64_MIN, INT64_MAX - 1, INT64_MIN + 1]
    pairs = [(a, b) for a in base for b in base]
    for _ in range(1500):
        a = rnd.randrange(INT64_MIN, INT64_MAX)
        b = rnd.randrange(INT64_MIN, INT64_MAX) >> rnd.randrange(0, 63)
        pairs.append((a, b))
    return pairs


def int_result(op, a, b):
    """(ok, value-or-message) as CPython computes it, with the int64 DEVIATION."""
    try:
        if op == '/':
            return True, a / b
        if op == '**':
            if b < 0:
                return False, 'ValueError: negative exponent in int ** int; use a float base'  # DEVIATION
            if abs(a) > 1 and b > 64:
                return False, 'OverflowError: integer overflow in **'
            r = a ** b
        else:
            r = {'//': lambda: a // b, '%': lambda: a % b, '<<': lambda: a << b if b < 200 else None,
                 '>>': lambda: a >> b, '+': lambda: a + b, '-': lambda: a - b, '*': lambda: a * b}[op]()
            if r is None:
                return False, 'OverflowError: integer overflow in <<'
    except (ZeroDivisionError, ValueError) as e:
        return False, err_text(e)
    if not INT64_MIN <= r <= INT64_MAX:
        return False, 'OverflowError: integer overflow in %s' % op   # DEVIATION
    return True, r


emit('typedef struct { const char *op; int64_t a, b; bool ok; int64_t i; uint64_t f; const char *err; } int_case;')
emit('static const int_case INT_OPS[] = {')
for a, b in int_operands():
    for op in ['//', '%', '/', '<<', '>>', '**', '+', '-', '*']:
        if op in ('<<', '>>', '**') and not (0 <= b < 70 or b in (-1, -2)):
            continue
        good, r = int_result(op, a, b)
        la = 'INT64_MIN' if a == INT64_MIN else '%dll' % a
        lb = 'INT64_MIN' if b == INT64_MIN else '%dll' % b
        if not good:
            emit('  {%s, %s, %s, false, 0, 0, %s},' % (c_str(op), la, lb, c_str(r)))
        elif op == '/':
            emit('  {%s, %s, %s, true, 0, %s, NULL},' % (c_str(op), la, lb, bits(r)))
        else:
            lr = 'INT64_MIN' if r == INT64_MIN else '%dll' % r
            emit('  {%s, %s, %s, true, %s, 0, NULL},' % (c_str(op), la, lb, lr))
emit('};')

# ---- float arithmetic and rounding ----------------------------------------------

FLOATS = [0.0, -0.0, 1.0, -1.0, 0.5, -0.5, 1.5, 2.5, -2.5, 3.0, -3.0, 7.25, -7.25, 0.1, 1e300, -1e300,
          1e-300, 5e-324, 2.0**52 + 0.5, 1e15 + 0.5, 123.456, float('inf'), float('-inf'), float('nan'),
          10.0, 0.3, 2.675, 1.005, 0.125, 0.375, -0.125, 4.5, 5.5, 1e16, 12345.678901]


def float_op(op, a, b):
    try:
        if op == '//':
            r = a // b
        elif op == '%':
            r = a % b
        elif op == '/':
            r = a / b
        else:
            if a < 0 and math.isfinite(a) and math.isfinite(b) and b != math.floor(b):
                # DEVIATION: Python makes a complex number; there is no complex type
                return False, 'ValueError: negative number cannot be raised to a fractional power'
            r = a ** b
    except (ZeroDivisionError, OverflowError, ValueError) as e:
        return False, err_text(e)
    return True, r


emit('typedef struct { const char *op; uint64_t a, b; bool ok; uint64_t r; const char *err; } float_case;')
emit('static const float_case FLOAT_OPS[] = {')
for a in FLOATS:
    for b in FLOATS:
        for op in ['//', '%', '/', '**']:
            good, r = float_op(op, a, b)
            if good:
                emit('  {%s, %s, %s, true, %s, NULL},' % (c_str(op), bits(a), bits(b), bits(r)))
            else:
                emit('  {%s, %s, %s, false, 0, %s},' % (c_str(op), bits(a), bits(b), c_str(r)))
emit('};')


def round_cases():
    rnd = random.Random(4)
    xs = FLOATS + [rnd.uniform(-1e6, 1e6) for _ in range(300)] + \
        [rnd.randrange(-10**6, 10**6) / 1000 for _ in range(300)] + \
        [rnd.randrange(-10**6, 10**6) / 8 for _ in range(100)]
    cases = []
    for x in xs:
        for n in [None, -3, -2, -1, 0, 1, 2, 3, 5, 10, 17, 400, -400]:
            try:
                r = round(x) if n is None else round(x, n)
                cases.append((x, n, True, r, None))
            except (ValueError, OverflowError) as e:
                cases.append((x, n, False, 0, err_text(e)))
    return cases


emit('typedef struct { uint64_t x; bool has_n; int64_t n; bool ok; int64_t i; uint64_t f; const char *err; } round_case;')
emit('static const round_case ROUNDS[] = {')
for x, n, good, r, err in round_cases():
    if not good:
        emit('  {%s, %s, %d, false, 0, 0, %s},' % (bits(x), 'false' if n is None else 'true', n or 0, c_str(err)))
    elif n is None:
        if not INT64_MIN <= r <= INT64_MAX:
            emit('  {%s, false, 0, false, 0, 0, "OverflowError: integer overflow in round()"},' % bits(x))  # DEVIATION
        else:
            emit('  {%s, false, 0, true, %dll, 0, NULL},' % (bits(x), r))
    else:
        emit('  {%s, true, %d, true, 0, %s, NULL},' % (bits(x), n, bits(r)))
emit('};')

# ---- str ------------------------------------------------------------------------

STRS = ['', 'a', 'abc', 'hello world', '  hello  world  ', '\t a\nb \r\x0bc\x0c ', 'a,b,,c,', ',', ',,',
        'x\x1cy\x1fz', 'caf\u00e9 na\u00efve', '\u00a0nbsp\u00a0', 'a\u3000b\u2003c', '\u4e2d\u6587\u5b57',
        'AbC123', '12345', '0', '-12', '+7', ' 42 ', '1_000', '3.14', '1e5', 'abcabcabc', 'aaaa',
        "it's", 'say "hi"', 'both \' and "', 'back\\slash', 'ctrl\x01\x02\x7f', 'tab\there',
        'emoji \U0001F600 x', '\u0085next', 'soft\u00adhyphen', 'x' * 40, 'mississippi']
ASCII_STRS = [s for s in STRS if s.isascii()]


def str_cases():
    rnd = random.Random(5)
    cases = []

    def add(op, s, a, b, n, res):
        cases.append((op, s, a, b, n, res))

    for s in STRS:
        add('repr', s, None, None, 0, repr(s))
        add('len', s, None, None, 0, repr(len(s)))
        add('split', s, None, None, -1, repr(s.split()))
        for m in (0, 1, 2):
            add('split', s, None, None, m, repr(s.split(None, m)))
        for sep in (',', 'a', 'ss', ' ', '\u00e9'):
            add('split', s, sep, None, -1, repr(s.split(sep)))
            add('split', s, sep, None, 1, repr(s.split(sep, 1)))
        add('strip', s, None, None, 0, repr(s.strip()))
        add('lstrip', s, None, None, 0, repr(s.lstrip()))
        add('rstrip', s, None, None, 0, repr(s.rstrip()))
        for chars in ('a', 'ab ', '\u00e9c', 'xyz'):
            add('strip', s, chars, None, 0, repr(s.strip(chars)))
            add('lstrip', s, chars, None, 0, repr(s.lstrip(chars)))
            add('rstrip', s, chars, None, 0, repr(s.rstrip(chars)))
        for sub in ('', 'a', 'bc', 'ss', '\u00e9', 'world', 'zz'):
            add('find', s, sub, None, 0, repr(s.find(sub)))
            add('count', s, sub, None, 0, repr(s.count(sub)))
            add('in', s, sub, None, 0, repr(sub in s))
            add('startswith', s, sub, None, 0, repr(s.startswith(sub)))
            add('endswith', s, sub, None, 0, repr(s.endswith(sub)))
            for new in ('', 'XY', '\u00fc'):
                for cnt in (-1, 0, 1, 2):
                    add('replace', s, sub, new, cnt, repr(s.replace(sub, new, cnt)))
        for w in (-1, 0, 3, 8):
            add('zfill', s, None, None, w, repr(s.zfill(w)))
        add('isspace', s, None, None, 0, repr(s.isspace()))
        add('list', s, None, None, 0, repr(list(s)))
        for k in (0, 1, 3):
            add('repeat', s, None, None, k, repr(s * k))
        for t in ('', 'a', 'abd', 'hello', '\u00e9'):
            add('concat', s, t, None, 0, repr(s + t))
            add('cmp', s, t, None, 0, repr((s > t) - (s < t)))
        for i in range(-len(s) - 1, len(s) + 1):
            if -len(s) <= i < len(s):
                add('getitem', s, None, None, i, repr(s[i]))
        for _ in range(12):
            lo = rnd.choice([None, rnd.randrange(-len(s) - 3, len(s) + 3)])
            hi = rnd.choice([None, rnd.randrange(-len(s) - 3, len(s) + 3)])
            st = rnd.choice([None, 1, 1, 2, 3, -1, -2])
            cases.append(('slice', s, lo, hi, st, repr(s[lo:hi:st])))
        for sep in ('', ', ', '\u00e9'):
            parts = s.split()
            cases.append(('join', sep, parts, None, 0, repr(sep.join(parts))))
    for s in ASCII_STRS:
        add('upper', s, None, None, 0, repr(s.upper()))
        add('lower', s, None, None, 0, repr(s.lower()))
        add('isdigit', s, None, None, 0, repr(s.isdigit()))
        add('isalpha', s, None, None, 0, repr(s.isalpha()))
    for s in STRS + ['1__0', '_1', '1_', '0x10', '\u00a012\u2003', '00012', '-0', '9223372036854775807',
                     '-9223372036854775808', 'x' * 300, '1.5e3', ' -1.5E-3 ', 'inf', '-Infinity', 'nan',
                     '1_0.5', '1e', '.5', '5.', '.', 'e5', '0x1p3', '1_000.000_1', 'infinityx', '+.5e+2']:
        try:
            v = int(s)
            r = repr(v) if INT64_MIN <= v <= INT64_MAX else 'OverflowError: integer overflow in int()'
        except ValueError as e:
            r = err_text(e)
        add('int', s, None, None, 0, r)
        try:
            r = repr(float(s))
        except ValueError as e:
            r = err_text(e)
        add('float', s, None, None, 0, r)
    return cases


def opt(x):
    return 'NULL' if x is None else c_str(x)


emit('typedef struct { const char *op; const char *s; const char *a; const char *b; bool has_lo, has_hi,'
     ' has_step; int64_t lo, hi, n; const char *parts[8]; int nparts; const char *expect; } str_case;')
emit('static const str_case STR_CASES[] = {')
for op, s, a, b, n, res in str_cases():
    if op == 'slice':
        emit('  {"slice", %s, NULL, NULL, %s, %s, %s, %d, %d, %d, {0}, 0, %s},' % (
            c_str(s), 'false' if a is None else 'true', 'false' if b is None else 'true',
            'false' if n is None else 'true', a or 0, b or 0, n or 0, c_str(res)))
    elif op == 'join':
        parts = a[:8]
        res = repr(s.join(parts))
        emit('  {"join", %s, NULL, NULL, false, false, false, 0, 0, 0, {%s}, %d, %s},' % (
            c_str(s), ', '.join(c_str(p) for p in parts) or '0', len(parts), c_str(res)))
    else:
        emit('  {%s, %s, %s, %s, false, false, false, 0, 0, %d, {0}, 0, %s},' % (
            c_str(op), c_str(s), opt(a), opt(b), n, c_str(res)))
emit('};')

# ---- sorting --------------------------------------------------------------------

def sort_cases():
    rnd = random.Random(6)
    cases = []
    for n in [0, 1, 2, 3, 5, 16, 17, 33, 100, 1000]:
        for rev in (False, True):
            ints = [rnd.randrange(-50, 50) for _ in range(n)]
            cases.append(('int', ints, rev, repr(sorted(ints, reverse=rev))))
            floats = [rnd.choice([0.0, -0.0, 1.5, -2.25, 1e300, rnd.random()]) for _ in range(n)]
            cases.append(('float', floats, rev, repr(sorted(floats, reverse=rev))))
            strs = [rnd.choice(['', 'a', 'b', 'ab', 'B', '\u00e9', 'aa', 'z' * rnd.randrange(3)]) for _ in range(n)]
            cases.append(('str', strs, rev, repr(sorted(strs, reverse=rev))))
    return cases


emit('typedef struct { const char *kind; int n; const int64_t *ints; const uint64_t *floats;'
     ' const char *const *strs; bool reverse; const char *expect; } sort_case;')
for k, (kind, xs, rev, res) in enumerate(sort_cases()):
    if kind == 'int':
        emit('static const int64_t SORT_DATA_%d[] = {%s};' % (k, ', '.join('%dll' % x for x in xs) or '0'))
    elif kind == 'float':
        emit('static const uint64_t SORT_DATA_%d[] = {%s};' % (k, ', '.join(bits(x) for x in xs) or '0'))
    else:
        emit('static const char *const SORT_DATA_%d[] = {%s};' % (k, ', '.join(c_str(x) for x in xs) or '0'))
emit('static const sort_case SORTS[] = {')
for k, (kind, xs, rev, res) in enumerate(sort_cases()):
    data = ['NULL', 'NULL', 'NULL']
    data[['int', 'float', 'str'].index(kind)] = 'SORT_DATA_%d' % k
    emit('  {%s, %d, %s, %s, %s, %s, %s},' % (c_str(kind), len(xs), data[0], data[1], data[2],
                                           'true' if rev else 'false', c_str(res)))
emit('};')

# ---- list and dict operation scripts ------------------------------------------------

def list_script():
    """Random list[int] operations and the repr after each."""
    rnd = random.Random(7)
    l, steps = [], []
    for _ in range(600):
        op = rnd.choice(['append', 'append', 'insert', 'pop', 'set', 'del', 'remove', 'extend', 'reverse',
                         'sort', 'clear'] if len(l) > 0 else ['append', 'insert', 'extend'])
        a, b = rnd.randrange(-len(l) - 2, len(l) + 2), rnd.randrange(0, 20)
        if op == 'clear' and rnd.random() < 0.8:
            op = 'append'
        res = 'None'
        try:
            if op == 'append':
                l.append(b)
            elif op == 'insert':
                l.insert(a, b)
            elif op == 'pop':
                res = repr(l.pop(a))
            elif op == 'set':
                l[a] = b
            elif op == 'del':
                del l[a]
            elif op == 'remove':
                l.remove(b)
            elif op == 'extend':
                l.extend(list(range(b % 4)))
            elif op == 'reverse':
                l.reverse()
            elif op == 'sort':
                l.sort(reverse=bool(b % 2))
            elif op == 'clear':
                l.clear()
        except (IndexError, ValueError):
            continue   # errors are tested on their own
        steps.append((op, a, b, res, repr(l)))
    return steps


emit('typedef struct { const char *op; int64_t a, b; const char *result; const char *after; } list_step;')
emit('static const list_step LIST_SCRIPT[] = {')
for op, a, b, res, after in list_script():
    emit('  {%s, %d, %d, %s, %s},' % (c_str(op), a, b, c_str(res), c_str(after)))
emit('};')


def dict_script():
    rnd = random.Random(8)
    d, steps = {}, []
    keys = ['k%d' % i for i in range(40)] + ['', '\u00e9', 'a b']
    for _ in range(1500):
        op = rnd.choice(['set', 'set', 'set', 'get', 'pop', 'del', 'contains', 'get_or'])
        k, v = rnd.choice(keys), rnd.randrange(100)
        res = 'None'
        if op == 'set':
            d[k] = v
        elif op == 'get':
            res = repr(d[k]) if k in d else 'KeyError: ' + repr(k)
        elif op == 'pop':
            res = repr(d.pop(k)) if k in d else 'KeyError: ' + repr(k)
        elif op == 'del':
            if k in d:
                del d[k]
            else:
                res = 'KeyError: ' + repr(k)
        elif op == 'contains':
            res = repr(k in d)
        elif op == 'get_or':
            res = repr(d.get(k, -1))
        steps.append((op, k, v, res, repr(d)))
    return steps


emit('typedef struct { const char *op; const char *key; int64_t v; const char *result; const char *after; } dict_step;')
emit('static const dict_step DICT_SCRIPT[] = {')
for op, k, v, res, after in dict_script():
    emit('  {%s, %s, %d, %s, %s},' % (c_str(op), c_str(k), v, c_str(res), c_str(after)))
emit('};')

# ---- containers printed -----------------------------------------------------------

REPRS = {
    'list_mixed_tuple': repr([(1, 2.5, 'a')]),
    'nested_lists': repr([[1, 2], [3], []]),
    'tuple1': repr((1,)),
    'tuple0': repr(()),
    'dict_str_list': repr({'a': [1.0, -0.0], "it's": [], 'b': [1e16]}),
    'dict_int_bool': repr({1: True, -2: False}),
    'list_none': repr([None, None]),
    'list_str': repr(['a', "b'c", 'd"e', '\n']),
    'str_of_list_str': str(['x']),
    'tuple_nested': repr(((1, 'x'), [2.5])),
    'bools': repr([True, False]),
    'floats': repr([0.1, 1e-7, float('inf'), float('nan')]),
}
emit('typedef struct { const char *name; const char *expect; } repr_case;')
emit('static const repr_case REPRS[] = {')
for k, v in REPRS.items():
    emit('  {%s, %s},' % (c_str(k), c_str(v)))
emit('};')

# ---- math --------------------------------------------------------------------------

def math_cases():
    xs = [0.0, -0.0, 1.0, -1.0, 0.5, 2.0, 10.0, 100.0, 709.0, 710.0, 1000.0, -1000.0, 1e-300, 1e300,
          float('inf'), float('-inf'), float('nan'), 3.0, -3.0, 0.1, 1e16]
    fns = ['sqrt', 'exp', 'log', 'log2', 'log10', 'sin', 'cos', 'tan', 'atan', 'tanh', 'fabs']
    cases = []
    for f in fns:
        for x in xs:
            try:
                cases.append((f, x, 0.0, True, getattr(math, f)(x), None))
            except (ValueError, OverflowError) as e:
                cases.append((f, x, 0.0, False, 0.0, err_text(e)))
    for x in xs:
        for y in xs:
            for f in ['pow', 'atan2']:
                try:
                    cases.append((f, x, y, True, getattr(math, f)(x, y), None))
                except (ValueError, OverflowError) as e:
                    cases.append((f, x, y, False, 0.0, err_text(e)))
    return cases


emit('typedef struct { const char *fn; uint64_t x, y; bool ok; uint64_t r; const char *err; } math_case;')
emit('static const math_case MATHS[] = {')
for f, x, y, good, r, err in math_cases():
    emit('  {%s, %s, %s, %s, %s, %s},' % (c_str(f), bits(x), bits(y), 'true' if good else 'false', bits(r), opt(err)))
emit('};')
ISCLOSE = [(a, b, rt, at, math.isclose(a, b, rel_tol=rt, abs_tol=at))
           for a in [1.0, 1.0 + 1e-10, 1.1, 0.0, 1e-12, float('inf'), float('nan')]
           for b in [1.0, 0.0, float('inf')] for rt in [1e-9, 0.2] for at in [0.0, 1e-11]]
emit('typedef struct { uint64_t a, b, rt, at; bool expect; } isclose_case;')
emit('static const isclose_case ISCLOSE[] = {')
for a, b, rt, at, r in ISCLOSE:
    emit('  {%s, %s, %s, %s, %s},' % (bits(a), bits(b), bits(rt), bits(at), 'true' if r else 'false'))
emit('};')

with open(sys.argv[1], 'w', encoding='ascii') as f:
    f.write('/* Generated by tests/core/gen_expected.py under %s (%s). Do not edit. */\n'
            % (sys.executable, sys.version.split()[0]))
    f.write('#include <stdbool.h>\n#include <stdint.h>\n#include <stddef.h>\n#include "gtorch.h"\n')
    f.write('\n'.join(out))
    f.write('\n#define N_OF(a) (sizeof(a) / sizeof((a)[0]))\n')
