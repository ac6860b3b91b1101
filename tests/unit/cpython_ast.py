"""Compares gtorchc's parser with CPython's on every file given.

For each file CPython parses and whose syntax gtorchc supports, CPython's
tree (the ast module) is written in gtorchc's dump format (ast_dump in
compiler/ast.c) and must equal what gtp_dump prints for the file.

usage: cpython_ast.py GTP_DUMP FILE... [-- FILE...]
Files before `--` must be compared; those after it are skipped when they
are not Python or use syntax gtorchc does not support.
"""
import ast
import subprocess
import sys

OPS = {
    ast.Add: '+', ast.Sub: '-', ast.Mult: '*', ast.Div: '/', ast.FloorDiv: '//',
    ast.Mod: '%', ast.Pow: '**', ast.MatMult: '@', ast.LShift: '<<', ast.RShift: '>>',
    ast.BitAnd: '&', ast.BitOr: '|', ast.BitXor: '^', ast.USub: '-', ast.UAdd: '+',
    ast.Not: 'not', ast.Invert: '~', ast.And: 'and', ast.Or: 'or', ast.Eq: '==',
    ast.NotEq: '!=', ast.Lt: '<', ast.LtE: '<=', ast.Gt: '>', ast.GtE: '>=',
    ast.In: 'in', ast.NotIn: 'not in', ast.Is: 'is', ast.IsNot: 'is not',
}


class Unsupported(Exception):
    pass


def string(value):
    out = bytearray(b'"')
    for c in value.encode('utf-8'):
        if c in b'"\\':
            out += b'\\' + bytes([c])
        elif c == 10:
            out += b'\\n'
        elif c == 9:
            out += b'\\t'
        elif c < 0x20 or c == 0x7f:
            out += b'\\x%02x' % c
        else:
            out.append(c)
    return (out + b'"').decode('utf-8')


def number(value):
    if isinstance(value, int):
        return str(value)
    for prec in range(1, 18):
        text = '%.*g' % (prec, value)
        if float(text) == value:
            break
    return text if any(c in text for c in '.eEn') else text + '.0'


def form(tag, *kids):
    return '(' + ' '.join([tag] + [dump(k) for k in kids if k is not None]) + ')'


def seq(tag, items):
    return '(' + tag + ''.join(' ' + dump(x) for x in items) + ')'


def block(stmts):
    return '[' + ' '.join(dump(s) for s in stmts) + ']'


def param(arg, default, star=''):
    if arg.annotation is None and default is None:
        return star + arg.arg
    ann = dump(arg.annotation) if arg.annotation else '_'
    return '(%s%s %s %s)' % (star, arg.arg, ann, '_' if default is None else dump(default))


def params(args):
    if args.posonlyargs:
        raise Unsupported('positional-only parameters')
    defaults = [None] * (len(args.args) - len(args.defaults)) + list(args.defaults)
    out = [param(a, d) for a, d in zip(args.args, defaults)]
    if args.vararg:
        out.append(param(args.vararg, None, '*'))
    elif args.kwonlyargs:
        out.append('*')
    out += [param(a, d) for a, d in zip(args.kwonlyargs, args.kw_defaults)]
    if args.kwarg:
        out.append(param(args.kwarg, None, '**'))
    return '(params' + ''.join(' ' + p for p in out) + ')'


def alias(a):
    return '(as %s %s)' % (a.name, a.asname) if a.asname else a.name


def comp(c):
    return '(for %s %s' % (dump(c.target), dump(c.iter)) + ''.join(
        ' (if %s)' % dump(i) for i in c.ifs) + ')'


def fstring(n):
    parts = []
    for v in n.values:
        if isinstance(v, ast.Constant):
            parts.append(string(v.value))
        else:
            text = '(fmt ' + dump(v.value)
            if v.conversion != -1:
                text += ' !' + chr(v.conversion)
            if v.format_spec is not None:
                text += ' ' + dump(v.format_spec)
            parts.append(text + ')')
    return '(f' + ''.join(' ' + p for p in parts) + ')'


def compound(tag, head, n):
    text = '(%s %s %s' % (tag, head, block(n.body))
    return text + (' ' + block(n.orelse) if n.orelse else '') + ')'


def constant(v):
    if v is None or isinstance(v, bool):
        return str(v)
    if v is Ellipsis:
        return '...'
    if isinstance(v, (int, float)):
        return number(v)
    if isinstance(v, str):
        return string(v)
    raise Unsupported(type(v).__name__)


def dump(n):
    if n is None:
        return '_'
    t = type(n)
    if t is ast.Module:
        return seq('module', n.body)
    if t is ast.Expr:
        return form('expr', n.value)
    if t is ast.Assign:
        return seq('=', n.targets + [n.value])
    if t is ast.AnnAssign:
        return form('ann', n.target, n.annotation, n.value)
    if t is ast.AugAssign:
        return form(OPS[type(n.op)] + '=', n.target, n.value)
    if t is ast.If:
        return compound('if', dump(n.test), n)
    if t is ast.While:
        return compound('while', dump(n.test), n)
    if t is ast.For:
        return compound('for', dump(n.target) + ' ' + dump(n.iter), n)
    if t in (ast.Break, ast.Continue, ast.Pass):
        return '(%s)' % t.__name__.lower()
    if t is ast.Return:
        return form('return', n.value)
    if t is ast.Assert:
        return form('assert', n.test, n.msg)
    if t is ast.Global:
        return '(global' + ''.join(' ' + x for x in n.names) + ')'
    if t is ast.Delete:
        return seq('del', n.targets)
    if t is ast.Import:
        return '(import' + ''.join(' ' + alias(a) for a in n.names) + ')'
    if t is ast.ImportFrom:
        if n.level or any(a.name == '*' for a in n.names):
            raise Unsupported('import')
        return '(from ' + n.module + ''.join(' ' + alias(a) for a in n.names) + ')'
    if t is ast.FunctionDef:
        if n.decorator_list:
            raise Unsupported('decorator')
        return '(def %s %s %s %s)' % (n.name, params(n.args), dump(n.returns), block(n.body))
    if t is ast.ClassDef:
        if n.decorator_list or n.keywords:
            raise Unsupported('class')
        return '(class %s %s %s)' % (n.name, seq('bases', n.bases), block(n.body))
    if t is ast.With:
        items = [form('item', i.context_expr, i.optional_vars) for i in n.items]
        return '(with' + ''.join(' ' + i for i in items) + ' ' + block(n.body) + ')'
    if t is ast.Constant:
        return constant(n.value)
    if t is ast.JoinedStr:
        return fstring(n)
    if t is ast.Name:
        return n.id
    if t is ast.Attribute:
        return '(. %s %s)' % (dump(n.value), n.attr)
    if t is ast.Call:
        if any(k.arg is None for k in n.keywords):
            raise Unsupported('**')
        args = [dump(a) for a in n.args] + ['(kw %s %s)' % (k.arg, dump(k.value)) for k in n.keywords]
        return '(call ' + dump(n.func) + ''.join(' ' + a for a in args) + ')'
    if t is ast.Subscript:
        return form('index', n.value, n.slice)
    if t is ast.Slice:
        return '(slice %s %s %s)' % (dump(n.lower), dump(n.upper), dump(n.step))
    if t in (ast.BinOp,):
        return form(OPS[type(n.op)], n.left, n.right)
    if t is ast.UnaryOp:
        return form(OPS[type(n.op)], n.operand)
    if t is ast.BoolOp:
        text = dump(n.values[0])
        for v in n.values[1:]:
            text = '(%s %s %s)' % (OPS[type(n.op)], text, dump(v))
        return text
    if t is ast.Compare:
        rest = ''.join(' %s %s' % (OPS[type(o)], dump(c)) for o, c in zip(n.ops, n.comparators))
        return '(cmp ' + dump(n.left) + rest + ')'
    if t is ast.IfExp:
        return form('ifexp', n.test, n.body, n.orelse)
    if t is ast.List:
        return seq('list', n.elts)
    if t is ast.Tuple:
        return seq('tuple', n.elts)
    if t is ast.Dict:
        if None in n.keys:
            raise Unsupported('**')
        return '(dict' + ''.join(' (: %s %s)' % (dump(k), dump(v)) for k, v in zip(n.keys, n.values)) + ')'
    if t is ast.ListComp:
        return '(listcomp ' + dump(n.elt) + ''.join(' ' + comp(c) for c in n.generators) + ')'
    if t is ast.DictComp:
        return '(dictcomp %s %s' % (dump(n.key), dump(n.value)) + ''.join(' ' + comp(c) for c in n.generators) + ')'
    if t is ast.Starred:
        return form('*', n.value)
    if t is ast.Lambda:
        return '(lambda %s %s)' % (params(n.args), dump(n.body))
    raise Unsupported(t.__name__)


def main():
    dumper, files = sys.argv[1], sys.argv[2:]
    strict = files.index('--') if '--' in files else len(files)
    compared = failed = 0
    for i, path in enumerate(files):
        if path == '--':
            continue
        try:
            with open(path, encoding='utf-8') as f:
                tree = ast.parse(f.read())
            compile(tree, path, 'exec')  # CPython's compiler refuses some trees (`*a = xs`): no Python program
            want = dump(tree)
        except (SyntaxError, UnicodeDecodeError, ValueError, Unsupported) as e:
            if i < strict:
                failed += 1
                print('%s: CPython\'s tree not comparable: %s' % (path, e))
            continue  # not Python, or not gtorchc's subset
        got = subprocess.run([dumper, path], capture_output=True, text=True).stdout.strip()
        compared += 1
        if got != want:
            failed += 1
            print('%s:\n  CPython: %.400s\n  gtorchc: %.400s' % (path, want, got))
    print('%d files compared with CPython, %d differ' % (compared, failed))
    return 1 if failed or compared == 0 else 0


if __name__ == '__main__':
    sys.exit(main())
