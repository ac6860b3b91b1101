/* test_parser.c - source to syntax tree (compiler/parse.c, grammar/gtp.y),
 * syntax errors, robustness on hostile input, and diag.c's format. */
#define _POSIX_C_SOURCE 200809L
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "diag.h"
#include "parse.h"

/* ---- Helpers ---- */

static char *result;  /* the last parse's output; freed by the next */

/* Parses the n bytes at src as t.gtp; returns the tree's dump without the
 * "(module ...)" around it, or everything diag printed. */
static const char *parse_n(const char *src, size_t n) {
  Arena a = {0};
  SrcFile *f = arena_alloc(&a, sizeof *f);
  f->path = "t.gtp";
  f->text = arena_strndup(&a, src, n);
  f->len = n;
  char *buf = NULL;
  size_t size = 0;
  FILE *out = open_memstream(&buf, &size);
  Diag d;
  diag_init(&d, out);
  Node *m = parse_module(&a, &d, f);
  if (m) {
    assert_int_equal(d.errors, 0);
    ast_dump(out, m);
  } else {
    assert_int_equal(d.errors, 1);  /* syntax errors stop at the first */
  }
  diag_forget_last(&d);
  fclose(out);
  if (m) {
    /* "(module a b)" -> "a b" */
    size_t skip = 7 + (buf[7] == ' ');
    memmove(buf, buf + skip, size - skip);
    buf[size - skip - 1] = '\0';
  }
  free(result);
  result = buf;
  arena_free(&a);
  return result;
}

static const char *parse(const char *src) {
  return parse_n(src, strlen(src));
}

/* The first line of the error for src: "LINE:COL: MESSAGE". */
static const char *error_of(const char *src) {
  const char *out = parse(src);
  if (strncmp(out, "t.gtp:", 6) != 0)
    return out;
  static char line[1024];
  size_t n = strcspn(out + 6, "\n");
  snprintf(line, sizeof line, "%.*s", (int)n, out + 6);
  /* "1:5: error: msg" -> "1:5: msg" */
  char *e = strstr(line, "error: ");
  if (e)
    memmove(e, e + 7, strlen(e + 7) + 1);
  return line;
}

#define TREE(src, want) assert_string_equal(parse(src), want)
#define ERROR(src, want) assert_string_equal(error_of(src), want)

/* ---- Expressions ---- */

static void test_atoms(void **state) {
  (void)state;
  TREE("x\n", "(expr x)");
  TREE("42\n", "(expr 42)");
  TREE("0x1F + 0o17 + 0b101 + 1_000\n", "(expr (+ (+ (+ 31 15) 5) 1000))");
  TREE("9223372036854775807\n", "(expr 9223372036854775807)");
  TREE("1.5\n", "(expr 1.5)");
  TREE("1e-3 + .5 + 1. + 1_000.5\n", "(expr (+ (+ (+ 0.001 0.5) 1.0) 1000.5))");
  TREE("True, False, None, ...\n", "(expr (tuple True False None ...))");
  TREE("(x)\n", "(expr x)");
  TREE("()\n", "(expr (tuple))");
  TREE("(1,)\n", "(expr (tuple 1))");
  TREE("(1, 2,)\n", "(expr (tuple 1 2))");
  TREE("[]\n", "(expr (list))");
  TREE("[1, 2, 3,]\n", "(expr (list 1 2 3))");
  TREE("{}\n", "(expr (dict))");
  TREE("{'a': 1, 'b': [2],}\n", "(expr (dict (: \"a\" 1) (: \"b\" (list 2))))");
  TREE("{1, 2,}\n", "(expr (set 1 2))");
}

static void test_precedence(void **state) {
  (void)state;
  TREE("a + b * c - d / e // f % g @ h\n",
       "(expr (- (+ a (* b c)) (@ (% (// (/ d e) f) g) h)))");
  TREE("a | b ^ c & d << e >> f\n", "(expr (| a (^ b (& c (>> (<< d e) f)))))");
  TREE("a + b << c\n", "(expr (<< (+ a b) c))");
  TREE("-a * b\n", "(expr (* (- a) b))");
  TREE("-2 ** 2\n", "(expr (- (** 2 2)))");
  TREE("2 ** -1\n", "(expr (** 2 (- 1)))");
  TREE("2 ** 3 ** 2\n", "(expr (** 2 (** 3 2)))");
  TREE("(-2) ** 2\n", "(expr (** (- 2) 2))");
  TREE("~a + +b\n", "(expr (+ (~ a) (+ b)))");
  TREE("a ** b[1] ** c.d\n", "(expr (** a (** (index b 1) (. c d))))");
  TREE("not a == b\n", "(expr (not (cmp a == b)))");
  TREE("a or b and not c\n", "(expr (or a (and b (not c))))");
  TREE("a or b or c\n", "(expr (or (or a b) c))");
  TREE("a and b | c\n", "(expr (and a (| b c)))");
}

static void test_comparisons(void **state) {
  (void)state;
  TREE("a < b <= c\n", "(expr (cmp a < b <= c))");
  TREE("a == b != c > d >= e\n", "(expr (cmp a == b != c > d >= e))");
  TREE("a in b\n", "(expr (cmp a in b))");
  TREE("a not in b\n", "(expr (cmp a not in b))");
  TREE("a is b\n", "(expr (cmp a is b))");
  TREE("a is not None\n", "(expr (cmp a is not None))");
  TREE("(a < b) < c\n", "(expr (cmp (cmp a < b) < c))");
  TREE("a + 1 < b * 2\n", "(expr (cmp (+ a 1) < (* b 2)))");
}

static void test_ternary_and_lambda(void **state) {
  (void)state;
  TREE("a if c else b\n", "(expr (ifexp c a b))");
  TREE("a if c else b if d else e\n", "(expr (ifexp c a (ifexp d b e)))");
  TREE("x = a or b if c and d else e\n", "(= x (ifexp (and c d) (or a b) e))");
  TREE("f = lambda: 0\n", "(= f (lambda (params) 0))");
  TREE("f = lambda x, y=1: x + y\n", "(= f (lambda (params x (y _ 1)) (+ x y)))");
  TREE("f = lambda x: a if x else b\n", "(= f (lambda (params x) (ifexp x a b)))");
}

static void test_assignment_expressions(void **state) {
  (void)state;
  TREE("y = (n := f(x)) + 1\n", "(= y (+ (:= n (call f x)) 1))");
  TREE("if n := len(xs): pass\n", "(if (:= n (call len xs)) [(pass)])");
  TREE("while (w := g()) != 0: pass\n", "(while (cmp (:= w (call g)) != 0) [(pass)])");
}

static void test_primaries(void **state) {
  (void)state;
  TREE("f()\n", "(expr (call f))");
  TREE("f(a, b,)\n", "(expr (call f a b))");
  TREE("F.log_softmax(x, dim=1)\n", "(expr (call (. F log_softmax) x (kw dim 1)))");
  TREE("print(*args, sep='', end='\\n')\n", "(expr (call print (* args) (kw sep \"\") (kw end \"\\n\")))");
  TREE("f(a)(b)\n", "(expr (call (call f a) b))");
  TREE("a.b.c\n", "(expr (. (. a b) c))");
  TREE("super().__init__()\n", "(expr (call (. (call super) __init__)))");
  TREE("x[0]\n", "(expr (index x 0))");
  TREE("x[-1]\n", "(expr (index x (- 1)))");
  TREE("x[1:2]\n", "(expr (index x (slice 1 2 _)))");
  TREE("x[:]\n", "(expr (index x (slice _ _ _)))");
  TREE("x[::2]\n", "(expr (index x (slice _ _ 2)))");
  TREE("x[1::]\n", "(expr (index x (slice 1 _ _)))");
  TREE("x[a:b:c]\n", "(expr (index x (slice a b c)))");
  TREE("x[:, 1:3]\n", "(expr (index x (tuple (slice _ _ _) (slice 1 3 _))))");
  TREE("x[a, b]\n", "(expr (index x (tuple a b)))");
  TREE("x[a,]\n", "(expr (index x (tuple a)))");
  TREE("x[...]\n", "(expr (index x ...))");
  TREE("x[..., 0]\n", "(expr (index x (tuple ... 0)))");
  TREE("m[i][j].t(k)\n", "(expr (call (. (index (index m i) j) t) k))");
}

static void test_comprehensions(void **state) {
  (void)state;
  TREE("[x * 2 for x in xs]\n", "(expr (listcomp (* x 2) (for x xs)))");
  TREE("[x for x in xs if x if y]\n", "(expr (listcomp x (for x xs (if x) (if y))))");
  TREE("[(i, j) for i in a for j in b if i < j]\n",
       "(expr (listcomp (tuple i j) (for i a) (for j b (if (cmp i < j)))))");
  TREE("[x for i, (a, b) in e]\n", "(expr (listcomp x (for (tuple i (tuple a b)) e)))");
  TREE("[a if c else b for a in x]\n", "(expr (listcomp (ifexp c a b) (for a x)))");
  TREE("sum(x for x in y if x)\n", "(expr (call sum (genexp x (for x y (if x)))))");
  TREE("g = (x * x for x in y)\n", "(= g (genexp (* x x) (for x y)))");
  TREE("{k: v for k, v in d.items()}\n", "(expr (dictcomp k v (for (tuple k v) (call (. d items)))))");
  TREE("{x for x in xs}\n", "(expr (setcomp x (for x xs)))");
}

static void test_strings(void **state) {
  (void)state;
  TREE("'a' \"b\" '''c''' \"\"\"d\"\"\"\n", "(expr \"abcd\")");
  TREE("'it\\'s' \"\\\"q\\\"\"\n", "(expr \"it's\\\"q\\\"\")");
  TREE("'\\n\\t\\\\\\r\\a\\b\\f\\v'\n", "(expr \"\\n\\t\\\\\\x0d\\x07\\x08\\x0c\\x0b\")");
  TREE("'\\x41\\u00e9\\U0001F600\\101\\0'\n", "(expr \"A\xc3\xa9\xf0\x9f\x98\x80" "A\\x00\")");
  TREE("'a\\\nb'\n", "(expr \"ab\")");
  TREE("'\\d'\n", "(expr \"\\\\d\")");  /* unknown escapes stay */
  TREE("r'\\d\\n' R'\\''\n", "(expr \"\\\\d\\\\n\\\\'\")");
  TREE("u'x'\n", "(expr \"x\")");
  TREE("'''a\nb'''\n", "(expr \"a\\nb\")");
  TREE("'é'\n", "(expr \"\xc3\xa9\")");
  TREE("('a'\n 'b')\n", "(expr \"ab\")");
}

static void test_fstrings(void **state) {
  (void)state;
  TREE("f'x'\n", "(expr (f \"x\"))");
  TREE("f''\n", "(expr (f))");
  TREE("f'a{x}b'\n", "(expr (f \"a\" (fmt x) \"b\"))");
  TREE("f\"{x!r} {y!s} {z!a}\"\n", "(expr (f (fmt x !r) \" \" (fmt y !s) \" \" (fmt z !a)))");
  TREE("f'{x:.4f}'\n", "(expr (f (fmt x (f \".4f\"))))");
  TREE("f'{x:{width}.{prec}f}'\n", "(expr (f (fmt x (f (fmt width) \".\" (fmt prec) \"f\"))))");
  TREE("f'{x!r:>10}'\n", "(expr (f (fmt x !r (f \">10\"))))");
  TREE("f'{{x}} {{'\n", "(expr (f \"{x} {\"))");
  TREE("f'{a + b * 2}'\n", "(expr (f (fmt (+ a (* b 2)))))");
  TREE("f'{d[\"k\"]}'\n", "(expr (f (fmt (index d \"k\"))))");
  TREE("f'{x[1:2]}'\n", "(expr (f (fmt (index x (slice 1 2 _)))))");
  TREE("f'{a != b}'\n", "(expr (f (fmt (cmp a != b))))");
  TREE("f'{a == b}{a <= b}'\n", "(expr (f (fmt (cmp a == b)) (fmt (cmp a <= b))))");
  TREE("f'{ x }'\n", "(expr (f (fmt x)))");
  TREE("f'{f(a, b=1)}'\n", "(expr (f (fmt (call f a (kw b 1)))))");
  TREE("f'{\"{\"}'\n", "(expr (f (fmt \"{\")))");
  TREE("f'{a, b}'\n", "(expr (f (fmt (tuple a b))))");
  TREE("f'''{\nx\n}'''\n", "(expr (f (fmt x)))");
  TREE("F'{x}' rf'\\d{y}' fR'{z}'\n", "(expr (f (fmt x) \"\\\\d\" (fmt y) (fmt z)))");
  TREE("f'\\n{x}\\t'\n", "(expr (f \"\\n\" (fmt x) \"\\t\"))");
  /* Adjacent literals join, f-string or not. */
  TREE("'a' f'{x}' 'b' 'c'\n", "(expr (f \"a\" (fmt x) \"bc\"))");
  TREE("f'{x}' f'{y}'\n", "(expr (f (fmt x) (fmt y)))");
  TREE("f'{f\"{x}\"}'\n", "(expr (f (fmt (f (fmt x)))))");
  TREE("print(f\"epoch {epoch}: loss {loss.item():.4f}\")\n",
       "(expr (call print (f \"epoch \" (fmt epoch) \": loss \" (fmt (call (. loss item)) (f \".4f\")))))");
}

/* ---- Statements ---- */

static void test_simple_statements(void **state) {
  (void)state;
  TREE("", "");
  TREE("x = 1\n", "(= x 1)");
  TREE("a = b = 1\n", "(= a b 1)");
  TREE("a, b = b, a\n", "(= (tuple a b) (tuple b a))");
  TREE("(a, b), c = x\n", "(= (tuple (tuple a b) c) x)");
  TREE("[a, b] = x\n", "(= (list a b) x)");
  TREE("x[i] = v\n", "(= (index x i) v)");
  TREE("o.f = v\n", "(= (. o f) v)");
  TREE("x = 1,\n", "(= x (tuple 1))");
  TREE("x: int = 1\n", "(ann x int 1)");
  TREE("x: list[int]\n", "(ann x (index list int))");
  TREE("self.w: Tensor = t\n", "(ann (. self w) Tensor t)");
  TREE("x += 1\n", "(+= x 1)");
  TREE("x -= 1; x *= 2; x /= 3; x //= 4; x %= 5; x **= 6; x @= m\n",
       "(-= x 1) (*= x 2) (/= x 3) (//= x 4) (%= x 5) (**= x 6) (@= x m)");
  TREE("x &= 1; x |= 2; x ^= 3; x <<= 4; x >>= 5;\n", "(&= x 1) (|= x 2) (^= x 3) (<<= x 4) (>>= x 5)");
  TREE("o.n += 1\n", "(+= (. o n) 1)");
  TREE("pass; break; continue\n", "(pass) (break) (continue)");
  TREE("return\n", "(return)");
  TREE("return x\n", "(return x)");
  TREE("return a, b\n", "(return (tuple a b))");
  TREE("assert x\n", "(assert x)");
  TREE("assert x > 0, 'message'\n", "(assert (cmp x > 0) \"message\")");
  TREE("global a, b\n", "(global a b)");
  TREE("del x, y[0], z.a,\n", "(del x (index y 0) (. z a))");
  TREE("'''docstring'''\n", "(expr \"docstring\")");
}

static void test_imports(void **state) {
  (void)state;
  TREE("import sys\n", "(import sys)");
  TREE("import torch.nn as nn, a.b.c\n", "(import (as torch.nn nn) a.b.c)");
  TREE("import a . b\n", "(import a.b)");
  TREE("from torch.utils.data import DataLoader\n", "(from torch.utils.data DataLoader)");
  TREE("from m import a, b as c\n", "(from m a (as b c))");
  TREE("from m import (a,\n    b,\n)\n", "(from m a b)");
}

static void test_compound_statements(void **state) {
  (void)state;
  TREE("if a:\n    x\n", "(if a [(expr x)])");
  TREE("if a: x; y\n", "(if a [(expr x) (expr y)])");
  TREE("if a:\n    x\nelif b:\n    y\nelif c:\n    z\nelse:\n    w\n",
       "(if a [(expr x)] [(if b [(expr y)] [(if c [(expr z)] [(expr w)])])])");
  TREE("while x > 0:\n    x -= 1\nelse:\n    pass\n", "(while (cmp x > 0) [(-= x 1)] [(pass)])");
  TREE("for i in range(10):\n    print(i)\n", "(for i (call range 10) [(expr (call print i))])");
  TREE("for i, (a, b) in pairs:\n    pass\nelse:\n    pass\n",
       "(for (tuple i (tuple a b)) pairs [(pass)] [(pass)])");
  TREE("for x, in y: pass\n", "(for (tuple x) y [(pass)])");
  TREE("for x in a, b: pass\n", "(for x (tuple a b) [(pass)])");
  TREE("with torch.no_grad():\n    pass\n", "(with (item (call (. torch no_grad))) [(pass)])");
  TREE("with open(p) as f, g as (a, b):\n    pass\n",
       "(with (item (call open p) f) (item g (tuple a b)) [(pass)])");
  TREE("try:\n    x\nexcept (A, B) as e:\n    y\nexcept:\n    raise\nelse:\n    z\nfinally:\n    w\n",
       "(try [(expr x)] (except (tuple A B) e [(expr y)]) (except _ _ [(raise)]) (else [(expr z)]) (finally [(expr w)]))");
  TREE("try: x\nfinally: w\n", "(try [(expr x)] (else []) (finally [(expr w)]))");
  TREE("raise E(m) from c\n", "(raise (call E m) c)");
}

static void test_definitions(void **state) {
  (void)state;
  TREE("def f():\n    pass\n", "(def f (params) _ [(pass)])");
  TREE("def f(a: int, b: float = 1.0, *args, c: str = 'x', **kw) -> int:\n    return a\n",
       "(def f (params (a int _) (b float 1.0) *args (c str \"x\") **kw) int [(return a)])");
  TREE("def f(self, *, dim: int = 1,) -> None: pass\n", "(def f (params self * (dim int 1)) None [(pass)])");
  TREE("def f(a, b=2, *c, d): pass\n", "(def f (params a (b _ 2) *c d) _ [(pass)])");
  TREE("class A:\n    pass\n", "(class A (bases) [(pass)])");
  TREE("class A():\n    pass\n", "(class A (bases) [(pass)])");
  TREE("class MLP(nn.Module,):\n    '''doc'''\n    def __init__(self, hidden: int = 512):\n"
       "        super().__init__()\n        self.fc1 = nn.Linear(784, hidden)\n",
       "(class MLP (bases (. nn Module)) [(expr \"doc\") (def __init__ (params self (hidden int 512)) _ "
       "[(expr (call (. (call super) __init__))) (= (. self fc1) (call (. nn Linear) 784 hidden))])])");
  TREE("extern def sqrt(x: float) -> float = \"gt_math_sqrt\"\n",
       "(extern-def sqrt (params (x float _)) float \"gt_math_sqrt\")");
  TREE("extern def f(x: Tensor, dim: int = -1) = 'gt_f'\n",
       "(extern-def f (params (x Tensor _) (dim int (- 1))) _ \"gt_f\")");
  TREE("extern argv: list[str] = \"gt_argv\"\n", "(extern argv (index list str) \"gt_argv\")");
  TREE("extern = 1\nextern.x = 2\n", "(= extern 1) (= (. extern x) 2)");
}

static void test_layout_in_parser(void **state) {
  (void)state;
  TREE("# only a comment\n", "");
  TREE("\n\n# a\n   \n", "");
  TREE("x = 1", "(= x 1)");
  TREE("if x:\r\n    y = 1\r\nz = '''a\r\nb'''\r\n", "(if x [(= y 1)]) (= z \"a\\nb\")");
  TREE("if a:\n    if b:\n        c\n    d\ne\n", "(if a [(if b [(expr c)]) (expr d)]) (expr e)");
  TREE("x = [1,\n  2,\n    3]\n", "(= x (list 1 2 3))");
  TREE("x = 1 + \\\n  2\n", "(= x (+ 1 2))");
  TREE("if a:\n\tb\n", "(if a [(expr b)])");
  TREE("\xEF\xBB\xBFx\n", "(expr x)");
}

/* ---- Errors ---- */

static void test_error_format(void **state) {
  (void)state;
  assert_string_equal(parse("if x\n    pass\n"),
                      "t.gtp:1:5: error: expected ':' after 'if' condition, found NEWLINE\n"
                      "if x\n"
                      "    ^\n");
  assert_string_equal(parse("y = f(a, dim=\"1\"]\n"),
                      "t.gtp:1:17: error: closing parenthesis ']' does not match opening parenthesis '('\n"
                      "y = f(a, dim=\"1\"]\n"
                      "                ^\n");
  /* Tabs are copied into the caret line; columns count code points. */
  assert_string_equal(parse("if a:\n\tx = é + $\n"),
                      "t.gtp:2:10: error: invalid character '$'\n"
                      "\tx = é + $\n"
                      "\t        ^\n");
  assert_string_equal(parse("x = 123456789012345678901\n"),
                      "t.gtp:1:5: error: integer literal too large\n"
                      "x = 123456789012345678901\n"
                      "    ^~~~~~~~~~~~~~~~~~~~~\n");
}

static void test_statement_errors(void **state) {
  (void)state;
  ERROR("if x\n", "1:5: expected ':' after 'if' condition, found NEWLINE");
  ERROR("while x y:\n  pass\n", "1:9: expected ':' after 'while' condition, found name 'y'");
  ERROR("for x in y\n", "1:11: expected ':' after 'for' clause, found NEWLINE");
  ERROR("def f(x) -> int\n", "1:16: expected ':' after function signature, found NEWLINE");
  ERROR("class A(B) pass\n", "1:12: expected ':' after class name, found 'pass'");
  ERROR("if a:\n    pass\nelse\n", "3:5: expected ':' after 'else', found NEWLINE");
  ERROR("if x:\npass\n", "2:1: expected an indented block after 'if' statement on line 1");
  ERROR("x = 1\nwhile x:\n\n# c\nx\n", "5:1: expected an indented block after 'while' statement on line 2");
  ERROR("def f():\nreturn 1\n", "2:1: expected an indented block after function definition on line 1");
  ERROR("class A:\n", "2:1: expected an indented block after class definition on line 1");
  ERROR("if a:\n    x\nelif b:\ny\n", "4:1: expected an indented block after 'elif' statement on line 3");
  ERROR("for x in y:\nz\n", "2:1: expected an indented block after 'for' statement on line 1");
  ERROR("with a:\nz\n", "2:1: expected an indented block after 'with' statement on line 1");
  ERROR("  x = 1\n", "1:3: unexpected indent");
  ERROR("x = 1\n    y = 2\n", "2:5: unexpected indent");
  ERROR("if a:\n        b\n    c\n", "3:5: unindent does not match any outer indentation level");
  ERROR("if a:\n\tb\n        c\n", "3:9: inconsistent use of tabs and spaces in indentation");
  ERROR("else:\n    pass\n", "1:1: unexpected 'else'");
  ERROR("x = 1 2\n", "1:7: unexpected number '2'");
  ERROR("import a b\n", "1:10: unexpected name 'b'");
  ERROR("from a b\n", "1:8: expected 'import', found name 'b'");
  ERROR("from m import *\n", "1:15: 'from ... import *' is not supported");
  ERROR("from . import a\n", "1:6: relative imports are not supported");
  ERROR("from ...m import a\n", "1:6: relative imports are not supported");
  ERROR("import\n", "1:7: expected a name, found NEWLINE");
  ERROR("def (x): pass\n", "1:5: expected a name, found '('");
  ERROR("try:\n    pass\n", "3:1: unexpected end of file");
  ERROR("try:\n    pass\nexcept:\n    pass\nexcept E:\n    pass\n", "3:1: default 'except:' must be last");
  ERROR("async def f(): pass\n", "1:1: 'async' is not supported");
  ERROR("x = yield\n", "1:5: 'yield' is a statement here ('yield x', 'yield from xs'), not a value");
  ERROR("@dec\nx = 1\n", "2:1: a decorator stands above a def or a class, not name 'x'");
  ERROR("n := 1\n", "1:3: an assignment expression here stands in parentheses: (name := value)");
  ERROR("extern def f(x: int) -> int\n", "1:28: expected '=', found NEWLINE");
}

static void test_expression_errors(void **state) {
  (void)state;
  ERROR("x = \n", "1:5: expected an expression, found NEWLINE");
  ERROR("x = 1 +\n", "1:8: expected an expression, found NEWLINE");
  ERROR("f(a b)\n", "1:5: expected ',' or ')', found name 'b'");
  ERROR("x = [1 2]\n", "1:8: expected ',' or ']', found number '2'");
  ERROR("d = {1: 2 3: 4}\n", "1:11: expected ',' or '}', found number '3'");
  ERROR("x = a if b\n", "1:11: expected 'else', found NEWLINE");
  ERROR("for x y in z: pass\n", "1:7: expected 'in' or ',', found name 'y'");
  ERROR("x = (1 if 2)\n", "1:12: expected 'else', found ')'");
  ERROR("x = )\n", "1:5: unmatched ')'");
  ERROR("x = (1, 2\n", "1:5: '(' was never closed");
  ERROR("print('a'\nprint('b')\n", "1:6: '(' was never closed");
  ERROR("x = (1 +\ny = 2 2\nz = [\n", "1:5: '(' was never closed");
  ERROR("f(a b)\nz = [\n", "1:5: expected ',' or ')', found name 'b'");
  ERROR("x = [1,\n2,\n)\n", "3:1: closing parenthesis ')' does not match opening parenthesis '[' on line 1");
  ERROR("f(x=1, 2)\n", "1:8: positional argument follows keyword argument");
  ERROR("f(x=1, x=2)\n", "1:8: keyword argument repeated: x");
  ERROR("x = 1j\n", "1:5: complex literals are not supported");
  ERROR("x = 012\n", "1:5: leading zeros in decimal integer literals are not permitted; "
        "use an 0o prefix for octal integers");
  ERROR("x = 9223372036854775808\n", "1:5: integer literal too large");
  ERROR("x = 0xFFFFFFFFFFFFFFFFF\n", "1:5: integer literal too large");
}

static void test_target_errors(void **state) {
  (void)state;
  ERROR("f() = 3\n", "1:1: cannot assign to function call");
  ERROR("a + 1 = 3\n", "1:1: cannot assign to expression");
  ERROR("x = 1 = y\n", "1:5: cannot assign to literal");
  ERROR("a, f() = x\n", "1:4: cannot assign to function call");
  ERROR("for f() in x: pass\n", "1:5: cannot assign to function call");
  ERROR("[x for 1 in y]\n", "1:8: cannot assign to literal");
  ERROR("del f()\n", "1:5: cannot delete function call");
  ERROR("a, b += 1\n", "1:1: illegal target for augmented assignment: tuple");
  ERROR("f() += 1\n", "1:1: illegal target for augmented assignment: function call");
  ERROR("a, b: int = 1\n", "1:5: unexpected ':'");
  ERROR("(a, b): int = 1\n", "1:1: only single target (not tuple) can be annotated");
  ERROR("with a as f(): pass\n", "1:11: cannot assign to function call");
}

static void test_def_errors(void **state) {
  (void)state;
  ERROR("def f(a=1, b): pass\n", "1:12: non-default argument follows default argument");
  ERROR("def f(a, a): pass\n", "1:10: duplicate argument 'a' in function definition");
  ERROR("def f(*): pass\n", "1:7: named arguments must follow bare *");
  ERROR("extern def f() = f'x'\n", "1:18: the C name of an extern must be a plain, non-empty string");
  ERROR("extern x: int = ''\n", "1:17: the C name of an extern must be a plain, non-empty string");
}

static void test_string_errors(void **state) {
  (void)state;
  ERROR("x = 'abc\n", "1:5: unterminated string literal");
  ERROR("x = 1\ny = \"\"\"abc\n\n\n", "2:5: unterminated triple-quoted string literal (started at line 2)");
  ERROR("x = b'a'\n", "1:5: bytes literals are not supported");
  ERROR("x = '\\x4'\n", "1:6: truncated \\x escape: expected 2 hex digits");
  ERROR("x = 'ab\\u12'\n", "1:8: truncated \\u escape: expected 4 hex digits");
  ERROR("x = '\\U00110000'\n", "1:6: illegal Unicode character in \\U escape");
  ERROR("x = '\\ud800'\n", "1:6: illegal Unicode character in \\u escape");
  ERROR("x = '\\N{DASH}'\n", "1:6: \\N{...} escapes are not supported");
}

static void test_fstring_errors(void **state) {
  (void)state;
  ERROR("x = f'{x'\n", "1:9: f-string: expecting '}'");
  ERROR("x = f'abc {x\n", "1:5: unterminated string literal");
  ERROR("x = f'''{x\n\n", "1:5: unterminated triple-quoted string literal (started at line 1)");
  ERROR("x = f'{}'\n", "1:7: f-string: empty expression not allowed");
  ERROR("x = f'{ }'\n", "1:7: f-string: empty expression not allowed");
  ERROR("x = f'}'\n", "1:7: f-string: single '}' is not allowed");
  ERROR("x = f'{=}'\n", "1:7: f-string: empty expression not allowed");
  ERROR("x = f'{x!z}'\n", "1:9: f-string: invalid conversion character: expected 's', 'r', or 'a'");
  ERROR("x = f'{x!r'\n", "1:11: f-string: expecting '}'");
  ERROR("x = f'{a\\n}'\n", "1:9: f-string expression part cannot include a backslash");
  ERROR("x = f'{a#}'\n", "1:9: f-string expression part cannot include '#'");
  ERROR("x = f'{x:{y:{z}}}'\n", "1:13: f-string: expressions nested too deeply");
  /* Errors inside a field point into the file. */
  ERROR("x = f'abc {a b}'\n", "1:14: expected ',', found name 'b'");
  ERROR("x = f'{a +}'\n", "1:11: expected an expression, found end of file");
  ERROR("x = f'{(a}'\n", "1:11: f-string: expecting '}'");
  ERROR("x = f'{a + (b}'\n", "1:15: f-string: expecting '}'");
  ERROR("x = f'{a)}'\n", "1:9: unmatched ')'");
  ERROR("x = 1\ny = f'''\n{a $ b}'''\n", "3:4: invalid character '$'");
}

/* ---- Robustness: never a crash, a hang or a leak ---- */

static char *repeat(const char *head, const char *unit, size_t times, const char *tail) {
  size_t hl = strlen(head), ul = strlen(unit), tl = strlen(tail);
  char *s = malloc(hl + ul * times + tl + 1), *o = s;
  memcpy(o, head, hl);
  o += hl;
  for (size_t i = 0; i < times; i++, o += ul)
    memcpy(o, unit, ul);
  memcpy(o, tail, tl + 1);
  return s;
}

/* src's error message contains `want`; frees src. */
static void expect_error_in(char *src, const char *want) {
  const char *out = parse(src);
  if (!strstr(out, want))
    print_error("want '%s' in:\n%.300s\n", want, out);
  assert_non_null(strstr(out, want));
  free(src);
}

static void test_robust_empty_and_comments(void **state) {
  (void)state;
  TREE("", "");
  TREE("\n", "");
  TREE("# a\n# b", "");
  TREE("   ", "");
  TREE("\t\n  \n", "");
}

static void test_robust_bad_bytes(void **state) {
  (void)state;
  ERROR("x = 'caf\xe9'\n", "1:9: invalid UTF-8 byte 0xE9");
  ERROR("\xff\xfe", "1:1: invalid UTF-8 byte 0xFF");
  assert_string_equal(parse_n("x = 1\0\n", 7),
                      "t.gtp:1:6: error: source code cannot contain null bytes\n"
                      "x = 1\\x00\n"
                      "     ^\n");
  /* The bad byte is shown escaped; the caret still lines up. */
  assert_string_equal(parse("# \x80\nx = 1\n"),
                      "t.gtp:1:3: error: invalid UTF-8 byte 0x80\n"
                      "# \\x80\n"
                      "  ^\n");
}

static void test_robust_deep_nesting(void **state) {
  (void)state;
  expect_error_in(repeat("x = ", "(", 10000, "1"), "1:205: error: too many nested parentheses");
  expect_error_in(repeat("x = ", "[", 10000, ""), "too many nested parentheses");
  expect_error_in(repeat("x = ", "f(", 10000, ""), "too many nested parentheses");
  /* Nesting without brackets is bounded too. */
  expect_error_in(repeat("x = ", "-", 100000, "1\n"), "too many nested expressions and blocks");
  expect_error_in(repeat("x = ", "not ", 100000, "1\n"), "too many nested expressions and blocks");
  expect_error_in(repeat("x = ", "2 ** ", 100000, "2\n"), "too many nested expressions and blocks");
  expect_error_in(repeat("x = ", "a if b else ", 100000, "c\n"), "too many nested expressions and blocks");
  expect_error_in(repeat("x = ", "1 + ", 100000, "1\n"), "expression nested too deeply");
  expect_error_in(repeat("x = a", ".b", 100000, "\n"), "expression nested too deeply");
  expect_error_in(repeat("x = f", "()", 100000, "\n"), "expression nested too deeply");
  expect_error_in(repeat("x = a", "[0]", 100000, "\n"), "expression nested too deeply");
  /* Just under the limits parses. */
  char *ok = repeat("x = ", "(", 199, "1");
  char *src = repeat(ok, ")", 199, "\n");
  assert_null(strstr(parse(src), "error"));
  free(ok);
  free(src);
  src = repeat("x = ", "1 + ", PARSE_MAX_DEPTH - 1, "1\n");
  assert_null(strstr(parse(src), "error"));
  free(src);
}

static void test_robust_deep_blocks(void **state) {
  (void)state;
  size_t n = 0;
  char *src = malloc(200 * 200);
  for (int i = 0; i < 150; i++)
    n += (size_t)sprintf(src + n, "%*sif x:\n", i, "");
  sprintf(src + n, "%*spass\n", 150, "");
  expect_error_in(src, "102:102: error: too many levels of indentation");
}

static void test_robust_long_line(void **state) {
  (void)state;
  /* A 1 MB line parses, and an error on it shows a window, not 1 MB. */
  char *src = repeat("x = [", "1, ", 350000, "1]\n");
  assert_int_equal(strncmp(parse(src), "(= x (list 1 1 1", 16), 0);
  free(src);
  src = repeat("x = [", "1, ", 350000, "1 2]\n");
  const char *out = parse(src);
  assert_non_null(strstr(out, "1:1050008: error: expected ',' or ']', found number '2'\n..."));
  assert_true(strlen(out) < 600);
  free(src);
  src = repeat("s = '", "a", 1 << 20, "'\n");
  assert_int_equal(strlen(parse(src)), strlen("(= s \"\")") + (1 << 20));
  free(src);
  src = repeat("x = '", "\\n", 1 << 19, "");
  expect_error_in(src, "1:5: error: unterminated string literal");
  src = repeat("x = 1", "", 0, "");
  free(src);
  src = repeat("s = ", "'a' ", 100000, "\n");
  assert_int_equal(strlen(parse(src)), strlen("(= s \"\")") + 100000);
  free(src);
  src = repeat("import a", ".b", 200000, "\n");
  assert_int_equal(strlen(parse(src)), strlen("(import a)") + 400000);
  free(src);
}

static void test_robust_unterminated(void **state) {
  (void)state;
  ERROR("x = 'abc", "1:5: unterminated string literal");
  ERROR("x = f'abc", "1:5: unterminated string literal");
  ERROR("x = f'{abc", "1:5: unterminated string literal");
  ERROR("x = '''abc", "1:5: unterminated triple-quoted string literal (started at line 1)");
  ERROR("x = f\"\"\"{a}\n", "1:5: unterminated triple-quoted string literal (started at line 1)");
  ERROR("x = '\\", "1:5: unterminated string literal");
  ERROR("x = (", "1:5: '(' was never closed");
  ERROR("def f(", "1:6: '(' was never closed");
  ERROR("x = 1 + \\", "1:9: unexpected end of file after line continuation character");
  ERROR("if x:", "1:6: expected an indented block after 'if' statement on line 1");
  ERROR("if x:\n", "2:1: expected an indented block after 'if' statement on line 1");
  ERROR("class", "1:6: expected a name, found NEWLINE");
}

static void test_robust_line_endings(void **state) {
  (void)state;
  TREE("def f():\r\n    return 1\r\n\r\nx = f()\r\n", "(def f (params) _ [(return 1)]) (= x (call f))");
  TREE("if a:\n    b", "(if a [(expr b)])");
  TREE("x = 1  # no newline at the end", "(= x 1)");
  TREE("if a:\n    b\n    # trailing comment", "(if a [(expr b)])");
  ERROR("if a:\r\n\tb\r\n        c\r\n", "3:9: inconsistent use of tabs and spaces in indentation");
  /* The CR of a CRLF line is not shown. */
  assert_string_equal(parse("x = )\r\n"), "t.gtp:1:5: error: unmatched ')'\nx = )\n    ^\n");
}

static void test_robust_random_garbage(void **state) {
  (void)state;
  /* Every prefix of a real program, and bytes thrown at it: only clean
   * results. The parse helper checks there is exactly one error or none. */
  static const char prog[] =
      "import torch\nclass M(nn.Module):\n    def f(self, x: int = 1) -> int:\n"
      "        return [a for a in x if a][1:2] + f'{x!r:>{w}}' ** -2\n"
      "for i, j in z:\n    while not i: i -= 1\nelse:\n    x = {'a': (1,)}\n";
  for (size_t n = 0; n <= sizeof prog - 1; n++)
    parse_n(prog, n);
  unsigned seed = 12345;
  char buf[64];
  for (int round = 0; round < 3000; round++) {
    size_t n = (size_t)(round % 63) + 1;
    for (size_t i = 0; i < n; i++) {
      seed = seed * 1103515245 + 12345;
      buf[i] = "()[]{}:,.=+-*'\"\\fr{}\n\t #abcxy01if else for in not lambda"[(seed >> 16) % 57];
    }
    parse_n(buf, n);
  }
}

/* ---- Nodes carry their place ---- */

static void test_spans(void **state) {
  (void)state;
  Arena a = {0};
  Diag d;
  diag_init(&d, stderr);
  SrcFile *f = src_from_string(&a, "t.gtp", "y = net(x, dim=1)[0] + f'{ab}'\n");
  Node *m = parse_module(&a, &d, f);
  assert_non_null(m);
  Node *s = m->body;
  assert_int_equal(s->kind, ST_ASSIGN);
  Node *sum = s->rhs;
  assert_int_equal(sum->kind, EX_BINOP);
  assert_int_equal(sum->pos, 4);
  assert_int_equal(sum->len, strlen("net(x, dim=1)[0] + f'{ab}'"));
  Node *index = sum->lhs, *call = index->lhs;
  assert_int_equal(call->kind, EX_CALL);
  assert_int_equal(call->len, strlen("net(x, dim=1)"));
  Node *kw = call->args->next;
  assert_int_equal(kw->kind, ND_KEYWORD);
  assert_int_equal(kw->pos, 11);
  assert_int_equal(kw->rhs->pos, 15);
  Node *fs = sum->rhs;
  assert_int_equal(fs->kind, EX_FSTRING);
  Node *field = fs->parts->lhs;
  assert_int_equal(field->kind, EX_NAME);
  assert_string_equal(field->name, "ab");
  assert_int_equal(field->pos, 26);  /* inside the f-string */
  assert_int_equal(field->len, 2);
  assert_ptr_equal(field->file, f);
  arena_free(&a);
}

/* ---- diag.c ---- */

static char *diag_output(void (*report)(Diag *, SrcFile *), const char *src) {
  Arena a = {0};
  SrcFile *f = src_from_string(&a, "m.gtp", src);
  char *buf = NULL;
  size_t size = 0;
  FILE *out = open_memstream(&buf, &size);
  Diag d;
  diag_init(&d, out);
  report(&d, f);
  diag_finish(&d);
  fclose(out);
  arena_free(&a);
  return buf;
}

static void report_span(Diag *d, SrcFile *f) {
  diag_error(d, f, 35, 3, "argument 'dim' of log_softmax expects int, got str");
}

static void report_many(Diag *d, SrcFile *f) {
  for (int i = 0; i < 25; i++)
    diag_error(d, f, 0, 1, "error %d", i);
  assert_int_equal(d->errors, 25);
  assert_int_equal(d->suppressed, 5);
}

static void report_node(Diag *d, SrcFile *f) {
  Arena a = {0};
  Node *n = ast_new(&a, EX_NAME, f, 4, 5);
  diag_at(d, n, "undefined name '%s'", "hello");
  diag_note(d, f, 0, 1, "declared here");
  diag_plain(d, "cannot read %s", "x.gtp");
  arena_free(&a);
}

static void test_diag(void **state) {
  (void)state;
  char *out = diag_output(report_span, "x = 1\n\treturn F.log_softmax(y, dim=\"1\")\n");
  assert_string_equal(out, "m.gtp:2:30: error: argument 'dim' of log_softmax expects int, got str\n"
                           "\treturn F.log_softmax(y, dim=\"1\")\n"
                           "\t                            ^~~\n");
  free(out);
  out = diag_output(report_many, "x\n");
  assert_non_null(strstr(out, "m.gtp:1:1: error: error 19\n"));
  assert_null(strstr(out, "error 20"));
  assert_non_null(strstr(out, "gtorchc: note: too many errors; stopping after 20 (5 more not shown)\n"));
  free(out);
  out = diag_output(report_node, "x = hello + 1\n");
  assert_string_equal(out, "m.gtp:1:5: error: undefined name 'hello'\n"
                           "x = hello + 1\n"
                           "    ^~~~~\n"
                           "m.gtp:1:1: note: declared here\n"
                           "x = hello + 1\n"
                           "^\n"
                           "gtorchc: error: cannot read x.gtp\n");
  free(out);
}

static void test_linecol(void **state) {
  (void)state;
  SrcFile f = {"t.gtp", "ab\né€😀x\n\tz", 0};
  f.len = strlen(f.text);
  int line, col;
  diag_linecol(&f, 0, &line, &col);
  assert_int_equal(line * 100 + col, 101);
  diag_linecol(&f, 3, &line, &col);
  assert_int_equal(line * 100 + col, 201);
  diag_linecol(&f, 3 + 2 + 3 + 4, &line, &col);  /* the x after three code points */
  assert_int_equal(line * 100 + col, 204);
  diag_linecol(&f, (uint32_t)f.len - 1, &line, &col);  /* a tab is one column */
  assert_int_equal(line * 100 + col, 302);
  diag_linecol(&f, (uint32_t)f.len, &line, &col);
  assert_int_equal(line * 100 + col, 303);
}

static void test_src_load(void **state) {
  (void)state;
  Arena a = {0};
  char *buf = NULL;
  size_t size = 0;
  FILE *out = open_memstream(&buf, &size);
  Diag d;
  diag_init(&d, out);
  assert_null(src_load(&a, &d, "/nonexistent/x.gtp"));
  diag_forget_last(&d);
  fclose(out);
  assert_string_equal(buf, "gtorchc: error: cannot read /nonexistent/x.gtp: No such file or directory\n");
  free(buf);

  char path[] = "/tmp/gtp_test_XXXXXX";
  int fd = mkstemp(path);
  assert_true(fd >= 0);
  FILE *fp = fdopen(fd, "wb");
  for (int i = 0; i < 20000; i++)
    fputs("x = 1\n", fp);
  fclose(fp);
  diag_init(&d, stderr);
  SrcFile *f = src_load(&a, &d, path);
  remove(path);
  assert_non_null(f);
  assert_int_equal(f->len, 120000);
  assert_int_equal(f->text[f->len], '\0');
  Node *m = parse_module(&a, &d, f);
  assert_non_null(m);
  assert_int_equal(ast_count(m->body), 20000);
  arena_free(&a);
}

static void test_ast_helpers(void **state) {
  (void)state;
  assert_string_equal(ast_kind_name(ST_FUNCDEF), "ST_FUNCDEF");
  assert_string_equal(ast_kind_name(EX_FSTRING), "EX_FSTRING");
  assert_string_equal(ast_op_text(OP_FLOORDIV), "//");
  assert_string_equal(ast_op_text(OP_NOTIN), "not in");
  assert_string_equal(ast_op_text(OP_ISNOT), "is not");
  Arena a = {0};
  Node *x = ast_new(&a, EX_NAME, NULL, 0, 0), *y = ast_new(&a, EX_NAME, NULL, 0, 0);
  assert_int_equal(x->len, 1);
  Node *list = ast_append(NULL, x);
  list = ast_append(list, y);
  assert_ptr_equal(list, x);
  assert_int_equal(ast_count(list), 2);
  /* Big allocations and many small ones. */
  for (int i = 0; i < 1000; i++)
    assert_non_null(arena_alloc(&a, (size_t)i * 97));
  char *big = arena_alloc(&a, 1 << 20);
  big[(1 << 20) - 1] = 1;
  assert_string_equal(arena_printf(&a, "%s-%d", "a", 7), "a-7");
  assert_string_equal(arena_strndup(&a, "hello", 3), "hel");
  arena_free(&a);
}

int main(void) {
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_atoms),
    cmocka_unit_test(test_precedence),
    cmocka_unit_test(test_comparisons),
    cmocka_unit_test(test_ternary_and_lambda),
    cmocka_unit_test(test_assignment_expressions),
    cmocka_unit_test(test_primaries),
    cmocka_unit_test(test_comprehensions),
    cmocka_unit_test(test_strings),
    cmocka_unit_test(test_fstrings),
    cmocka_unit_test(test_simple_statements),
    cmocka_unit_test(test_imports),
    cmocka_unit_test(test_compound_statements),
    cmocka_unit_test(test_definitions),
    cmocka_unit_test(test_layout_in_parser),
    cmocka_unit_test(test_error_format),
    cmocka_unit_test(test_statement_errors),
    cmocka_unit_test(test_expression_errors),
    cmocka_unit_test(test_target_errors),
    cmocka_unit_test(test_def_errors),
    cmocka_unit_test(test_string_errors),
    cmocka_unit_test(test_fstring_errors),
    cmocka_unit_test(test_robust_empty_and_comments),
    cmocka_unit_test(test_robust_bad_bytes),
    cmocka_unit_test(test_robust_deep_nesting),
    cmocka_unit_test(test_robust_deep_blocks),
    cmocka_unit_test(test_robust_long_line),
    cmocka_unit_test(test_robust_unterminated),
    cmocka_unit_test(test_robust_line_endings),
    cmocka_unit_test(test_robust_random_garbage),
    cmocka_unit_test(test_spans),
    cmocka_unit_test(test_diag),
    cmocka_unit_test(test_linecol),
    cmocka_unit_test(test_src_load),
    cmocka_unit_test(test_ast_helpers),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
