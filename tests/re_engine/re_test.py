#!/usr/bin/python3
"""re_test.py - checks the regular-expression engine (re.c) against CPython's re.

Build the driver as the top of re_test.c says, then, from this directory:
    /usr/bin/python3 re_test.py ./re_test [--random N] [--seed S] [--long]
It exits 0 when every answer agrees. Any CPython 3.11 may be the oracle.

Every case is one line for the driver, which answers one line; the same
answer is computed here with the re module, and the two compared. Cases:
hand-written ones for each feature and corner, malformed patterns (exact
error messages), replacement templates, split/findall/sub/scanner loops,
the categories over all of Unicode and IGNORECASE over a sample of it, N
random patterns over a small alphabet with random subjects (default 3000)
and as many random strings of pattern syntax, and with --long subjects of a
million characters, which must not exhaust the C stack.

The engine follows CPython 3.11.5 and later where 3.11.2 (Debian's
/usr/bin/python3) has bug gh-100061 in possessive repeats; random patterns
are therefore also run through CPython written with atomic groups, and an
answer that agrees with that form is counted apart, not as a mismatch.
"""
import random
import re
import resource
import signal
import subprocess
import sys
import time
import warnings

warnings.simplefilter("ignore")
assert sys.version_info[:2] == (3, 11), "the oracle is CPython 3.11"

# ---- encoding ---------------------------------------------------------------


def enc(s):
    if s is None:
        return "~"
    return ",".join("%x" % ord(c) for c in s) if s else "-"


def dec(field):
    if field == "~":
        return None
    if field == "-":
        return ""
    return "".join(chr(int(x, 16)) for x in field.split(","))


# ---- what CPython answers ---------------------------------------------------


class OracleTimeout(Exception):
    pass


def _alarm(*_):
    raise OracleTimeout


signal.signal(signal.SIGALRM, _alarm)


ORACLE_SECONDS = 10.0


def guarded(fn, *args):
    """fn(*args), or "<oracle failed>" after ORACLE_SECONDS or 2 GB: CPython
    3.11.2 loops forever on some possessive repeats (gh-100061)."""
    try:
        signal.setitimer(signal.ITIMER_REAL, ORACLE_SECONDS)
        try:
            return fn(*args)
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
    except (OracleTimeout, MemoryError):
        return "<oracle failed>"


_MEMORY_LIMIT = resource.getrlimit(resource.RLIMIT_AS)
resource.setrlimit(resource.RLIMIT_AS, (2 << 30, _MEMORY_LIMIT[1]))


def unlimit_memory():
    """The driver runs without the oracle's limit (AddressSanitizer reserves
    terabytes of address space)."""
    resource.setrlimit(resource.RLIMIT_AS, _MEMORY_LIMIT)


def error_line(e):
    if isinstance(e, RecursionError):
        return "err RecursionError -1"
    if isinstance(e, re.error):
        pos = -1 if e.pos is None else e.pos
        return "err error %d %s" % (pos, enc(str(e)))
    return "err %s -1 %s" % (type(e).__name__, enc(str(e)))


def compile_py(pat, flags):
    try:
        return re.compile(pat, flags), None
    except (re.error, ValueError, OverflowError, IndexError, RecursionError) as e:
        return None, error_line(e)


def spans_of(m):
    out = []
    for g in range(m.re.groups + 1):
        out += list(m.span(g))
    return " ".join(str(x) for x in out)


def ref_compile(flags, pat):
    r, err = compile_py(pat, flags)
    if err:
        return err
    names = {i: n for n, i in r.groupindex.items()}
    return "ok %d %d" % (r.groups, r.flags) + "".join(
        " " + (enc(names[g]) if g in names else "~") for g in range(1, r.groups + 1))


def ref_exec(flags, pat, s, mode, pos, endpos):
    r, err = compile_py(pat, flags)
    if err:
        return err
    try:
        m = (r.match, r.search, r.fullmatch)[mode](s, pos, endpos)
    except SystemError:
        return "systemerror"
    if m is None:
        return "none"
    li = -1 if m.lastindex is None else m.lastindex
    return "m %d %s" % (li, spans_of(m))


def ref_findall(flags, pat, s, pos, endpos):
    r, err = compile_py(pat, flags)
    if err:
        return err
    out = "f"
    try:
        for m in r.finditer(s, pos, endpos):
            li = -1 if m.lastindex is None else m.lastindex
            out += " | %d %s" % (li, spans_of(m))
    except SystemError:
        out += " systemerror"
    return out


def ref_sub(flags, pat, s, repl, count):
    r, err = compile_py(pat, flags)
    if err:
        return err
    try:
        template = re._compile_repl(repl, r)
        res, n = r.subn(repl, s, count)
    except (re.error, IndexError) as e:
        return error_line(e)
    except SystemError:
        return "systemerror"
    return "s %d %d %s" % (n, int(not template[0]), enc(res))


def ref_split(flags, pat, s, maxsplit):
    r, err = compile_py(pat, flags)
    if err:
        return err
    try:
        return "p " + " ".join(enc(x) for x in r.split(s, maxsplit))
    except SystemError:
        return "systemerror"


def ref_escape(s):
    return "e " + enc(re.escape(s))


# ---- cases -----------------------------------------------------------------

I, M, S, X, A, U = re.I, re.M, re.S, re.X, re.A, re.U


class Cases:
    """Driver lines with CPython's answers. A case may also carry the answer
    for an equivalent pattern (`alt`): possessive repeats written as atomic
    groups, the answer CPython 3.11.5+ gives where 3.11.2 has gh-100061 (a
    failed iteration of a possessive repeat of a group leaves the position
    where the iteration stopped)."""

    def __init__(self):
        self.lines = []   # (driver line, expected answer, label, alternative answer)
        self.alt = None   # the equivalent pattern for the next cases, if any

    def add(self, line, expected, label, alt_expected=None):
        if alt_expected == expected:
            alt_expected = None
        self.lines.append((line, expected, label, alt_expected))

    def compile(self, pat, flags=0, label="compile"):
        self.add("compile\t%d\t%s" % (flags, enc(pat)), ref_compile(flags, pat), label)

    def exec(self, pat, s, flags=0, mode=1, pos=0, endpos=None, label="exec"):
        e = len(s) if endpos is None else endpos
        self.add("exec\t%d\t%s\t%s\t%d\t%d\t%d\t0" % (flags, enc(pat), enc(s), mode, pos, e),
                 guarded(ref_exec, flags, pat, s, mode, pos, e), label,
                 self.alt and guarded(ref_exec, flags, self.alt, s, mode, pos, e))

    def scanner(self, pat, s, flags=0, label="scanner"):
        """Pattern.scanner(s).match() and .search() called until they give
        None: each call is gt_re_exec from the end of the last match, with
        must_advance after an empty one."""
        r = re.compile(pat, flags)
        for mode, method in ((0, "match"), (1, "search")):
            sc = r.scanner(s)
            pos, adv = 0, 0
            for _ in range(len(s) + 3):
                m = getattr(sc, method)()
                line = "exec\t%d\t%s\t%s\t%d\t%d\t%d\t%d" % (flags, enc(pat), enc(s), mode, pos,
                                                           len(s), adv)
                if m is None:
                    self.add(line, "none", label)
                    break
                li = -1 if m.lastindex is None else m.lastindex
                self.add(line, "m %d %s" % (li, spans_of(m)), label)
                adv = int(m.end() == m.start())
                pos = m.end()

    def findall(self, pat, s, flags=0, pos=0, endpos=None, label="findall"):
        e = len(s) if endpos is None else endpos
        self.add("findall\t%d\t%s\t%s\t%d\t%d" % (flags, enc(pat), enc(s), pos, e),
                 guarded(ref_findall, flags, pat, s, pos, e), label,
                 self.alt and guarded(ref_findall, flags, self.alt, s, pos, e))

    def sub(self, pat, repl, s, flags=0, count=0, label="sub"):
        self.add("sub\t%d\t%s\t%s\t%s\t%d" % (flags, enc(pat), enc(s), enc(repl), count),
                 guarded(ref_sub, flags, pat, s, repl, count), label,
                 self.alt and guarded(ref_sub, flags, self.alt, s, repl, count))

    def split(self, pat, s, flags=0, maxsplit=0, label="split"):
        self.add("split\t%d\t%s\t%s\t%d" % (flags, enc(pat), enc(s), maxsplit),
                 guarded(ref_split, flags, pat, s, maxsplit), label,
                 self.alt and guarded(ref_split, flags, self.alt, s, maxsplit))

    def escape(self, s, label="escape"):
        self.add("escape\t%s" % enc(s), ref_escape(s), label)

    def all_ops(self, pat, strings, flags=0, label="feature", alt=None):
        """Every operation on every string: match/search/fullmatch at each
        pos (and a short endpos), finditer, sub, split."""
        self.alt = alt
        self.compile(pat, flags, label)
        if compile_py(pat, flags)[1]:
            return
        for s in strings:
            for mode in (0, 1, 2):
                for pos in range(0, len(s) + 2):
                    self.exec(pat, s, flags, mode, pos, label=label)
                if s:
                    self.exec(pat, s, flags, mode, 1, len(s) - 1, label=label)
                    self.exec(pat, s, flags, mode, 0, 0, label=label)
            self.findall(pat, s, flags, label=label)
            if len(s) > 2:
                self.findall(pat, s, flags, 1, len(s) - 1, label=label)
            self.sub(pat, "<\\g<0>>", s, flags, label=label)
            self.sub(pat, "-", s, flags, 2, label=label)
            self.split(pat, s, flags, label=label)
            self.split(pat, s, flags, 1, label=label)
        self.alt = None


FEATURES = [
    # literals and escapes
    (r"abc", 0, ["abc", "xabcx", "ab", "ABC"]),
    (r"\n\t\r\f\v\a\0", 0, ["\n\t\r\f\v\a\0", "x"]),
    (r"\x41\u00e9\U0001F600\101\0101\18", 0, ["A\u00e9\U0001F600AA\x018", "A"]),
    (r"\.\*\+\?\(\)\[\]\{\}\|\^\$\\\-\#\ \&\~", 0, [".*+?()[]{}|^$\\-# &~"]),
    (r"\é\%\@\'\"", 0, ["\u00e9%@'\""]),
    (r"a{}b{,}c{1,2", 0, ["a{}b{,}c{1,2", "ab{,}c{1,2", "a{}bc{1,2"]),
    (r"x{2,}y{,2}z{3}", 0, ["xxyyzzz", "xxxxzzz", "xyzzz", "xxyyyzzz"]),
    # dot and DOTALL
    (r"a.c", 0, ["abc", "a\nc", "a\u00e9c"]),
    (r"a.c", S, ["abc", "a\nc"]),
    (r".+", 0, ["ab\ncd\n", "\n"]),
    (r"(?s:.)+", 0, ["ab\ncd\n"]),
    # classes
    (r"[abc]+", 0, ["aabbcc", "xyz", "cab"]),
    (r"[^abc]+", 0, ["xyzabc", "abc"]),
    (r"[a-c-e]+", 0, ["ab-ced", "d"]),
    (r"[]a]+", 0, ["]a]", "b"]),
    (r"[^]a]+", 0, ["]a]bc"]),
    (r"[a-]+", 0, ["a-a", "b"]),
    (r"[-a]+", 0, ["-a-"]),
    (r"[\d\s]+", 0, ["1 2\t3", "x", "\u0661\u00a0\u2003"]),
    (r"[\w-]+", 0, ["ab_c-d", "\u00e9\u4e2d-x"]),
    (r"[\D]+", 0, ["ab12"]),
    (r"[\W\S]+", 0, ["a b"]),
    (r"[\b]", 0, ["\b", "b"]),
    (r"[\x00-\x1f]+", 0, ["\x01\x02 "]),
    (r"[\u0100-\u017f]+", 0, ["\u0101\u017e\u0180"]),
    (r"[\U00010000-\U0010ffff]+", 0, ["\U0001F600\U00010400a"]),
    (r"[.^$*+?|(){}]+", 0, ["^$*"]),
    (r"[\]\[\\]+", 0, ["[]\\"]),
    (r"[a\-z]+", 0, ["a-z", "b"]),
    (r"[\060-\071]+", 0, ["0123x"]),
    # categories
    (r"\d+", 0, ["123", "\u0661\u0662", "\u00b2", "\uff11"]),
    (r"\d+", A, ["123\u0661"]),
    (r"\w+", 0, ["ab_12", "\u00e9\u00df\u4e2d\u00b2\u2160", "\u0300"]),
    (r"\w+", A, ["ab_12\u00e9"]),
    (r"\s+", 0, [" \t\n\r\f\v", "\x1c\x1d\x1e\x1f\x85\xa0\u2000\u3000\u200b"]),
    (r"\s+", A, [" \t\x1c\xa0"]),
    (r"\D\W\S", 0, ["a b", "1_ "]),
    # anchors
    (r"^a", 0, ["a", "ba", "b\na"]),
    (r"^a", M, ["b\na", "a"]),
    (r"a$", 0, ["a", "a\n", "a\n\n", "ab"]),
    (r"a$", M, ["a\nb", "a\n\n", "ba"]),
    (r"$", 0, ["", "\n", "a\n", "a\n\n"]),
    (r"^$", M, ["", "\n", "a\n\nb\n"]),
    (r"\Aa", M, ["a", "b\na"]),
    (r"a\Z", 0, ["a", "a\n"]),
    (r"\bfoo\b", 0, ["foo", "a foo b", "foobar", "\u00e9foo"]),
    (r"\Bo\B", 0, ["foo", "o", "boot"]),
    (r"\b", 0, ["", "a", " ", "ab cd"]),
    (r"\B", 0, ["", "a", " ", "ab cd"]),
    (r"\b\w", A, ["\u00e9a"]),
    (r"\b\w", 0, ["\u00e9a"]),
    (r"(?m)^\w+$", 0, ["ab\ncd\n", "ab\n\ncd"]),
    # quantifiers
    (r"a*", 0, ["", "aaa", "baaa"]),
    (r"a+?", 0, ["aaa"]),
    (r"a*?b", 0, ["aaab", "b"]),
    (r"a??b", 0, ["ab", "b"]),
    (r"a{2,3}?", 0, ["aaaa"]),
    (r"(ab){2}", 0, ["ababab", "ab"]),
    (r"(ab)*?c", 0, ["ababc", "c"]),
    (r"(a|b)*c", 0, ["abbac", "ab"]),
    (r"(a|bc)+?d", 0, ["abcad"]),
    (r"(?:a|b)*?c", 0, ["abc"]),
    (r"a*+a", 0, ["aaa"]),
    (r"a++b", 0, ["aab", "aa"]),
    (r"a?+a", 0, ["a", "aa"]),
    (r"(?:ab)*+ab", 0, ["ababab"], r"(?>(?:ab)*)ab"),
    (r"(ab|a)*+b", 0, ["abab", "aab"], r"(?>(ab|a)*)b"),
    (r"(a)*+", 0, ["aaa"], r"(?>(a)*)"),
    (r"(a|)*+b", 0, ["aab"], r"(?>(a|)*)b"),
    (r"a{1,3}+a", 0, ["aaaa", "aaa"]),
    (r"x{0}y", 0, ["y", "xy"]),
    (r"(a{0})*", 0, ["aa"]),
    (r"(?:a{1,1000})*b", 0, ["a" * 10 + "b"]),
    # empty iterations
    (r"(a*)*", 0, ["", "b", "aab"]),
    (r"(a*)+", 0, ["", "b", "aab"]),
    (r"(a|)*", 0, ["", "aa", "ab"]),
    (r"(a|)+?b", 0, ["aab"]),
    (r"(a*)*?b", 0, ["aab"]),
    (r"(?:a*)*", 0, ["aaa"]),
    (r"(a?)*?$", 0, ["aa"]),
    (r"(()|a)*", 0, ["aa"]),
    (r"(a*?)*", 0, ["aa"]),
    (r"(?:(a)|b)*", 0, ["ab", "ba", "abb"]),
    (r"(?:(a)|(b))*", 0, ["ab", "ba"]),
    (r"(?:(a)|(b))+?c", 0, ["abc"]),
    (r"((a)|b)*", 0, ["ab"]),
    (r"(a|(b))*?c", 0, ["abac"]),
    (r"(?:x(a)?)*", 0, ["xaxx"]),
    (r"(a)|b", 0, ["b", "a"]),
    (r"(a)|(b)|(c)", 0, ["c", "b"]),
    # groups
    (r"(a)(b)(c)", 0, ["abc"]),
    (r"((a)(b))", 0, ["ab"]),
    (r"(?P<first>a)(?P<second>b)?", 0, ["ab", "a"]),
    (r"(?:a(b))", 0, ["ab"]),
    (r"(a(b(c(d))))", 0, ["abcd"]),
    (r"(a)?(b)?", 0, ["b", "a", ""]),
    (r"()", 0, ["", "a"]),
    # backreferences
    (r"(a)\1", 0, ["aa", "ab"]),
    (r"(a*)\1", 0, ["aaaa", "aaa"]),
    (r"(a)?\1", 0, ["aa", "b"]),
    (r"(a)|\1", 0, ["a", "x"]),
    (r"(?:(a)|b)\1", 0, ["aa", "bb", "b"]),
    (r"(?P<x>a|b)(?P=x)", 0, ["aa", "ab", "bb"]),
    (r"(a)(b)(c)(d)(e)(f)(g)(h)(i)(j)\10", 0, ["abcdefghijj", "abcdefghija0"]),
    (r"(\w+)\s+\1", 0, ["hello hello", "a b"]),
    (r"(?i)(a)\1", 0, ["aA", "Aa"]),
    (r"(?i)(\u00df)\1", 0, ["\u00df\u1e9e"]),
    (r"(?i)(\u0130)\1", 0, ["\u0130i", "\u0130\u0130"]),
    (r"(a)(?:b\1)*", 0, ["abababa"]),
    (r"(?:(a)|b)*\1", 0, ["aba", "ab"]),
    # lookaround
    (r"a(?=b)", 0, ["ab", "ac"]),
    (r"a(?!b)", 0, ["ab", "ac", "a"]),
    (r"(?<=a)b", 0, ["ab", "cb", "b"]),
    (r"(?<!a)b", 0, ["ab", "cb", "b"]),
    (r"(?<=ab|cd)e", 0, ["abe", "cde", "xe"]),
    (r"(?<=(a))b", 0, ["ab"]),
    (r"(?<=\d{3})x", 0, ["123x", "12x"]),
    (r"(?=(a+))a*b\1", 0, ["baaabac"]),
    (r"(?!(a)b)a", 0, ["ab", "ac"]),
    (r"(?=(a))?", 0, ["a"]),
    (r"(a)(?<=\1)", 0, ["a"]),
    (r"(?<=^)a", 0, ["a"]),
    (r"(?<=\b)a", 0, ["a", "ba"]),
    (r"x(?<=(?=(a))x)", 0, ["xa"]),
    (r"(?:(?=(a))a)*", 0, ["aa"]),
    (r"(?<!(a))b", 0, ["ab", "cb"]),
    # atomic groups
    (r"(?>a+)b", 0, ["aab", "aa"]),
    (r"(?>a|ab)c", 0, ["abc", "ac"]),
    (r"(?>(a)|b)*c", 0, ["abac"]),
    (r"(?>x*)", 0, ["", "xx"]),
    (r"(?:ab|a)++c", 0, ["ababac", "aabc"], r"(?>(?:ab|a)+)c"),
    (r"(?:a(?>bc|b)d)*+", 0, ["abdabcdabx"], r"(?>(?:a(?>bc|b)d)*)"),
    (r"((x)|y|z)*+", 0, ["xyz"]),
    (r"((?>a*))*b", 0, ["aab"]),
    # conditionals
    (r"(a)?(?(1)b|c)", 0, ["ab", "c", "ac", "b"]),
    (r"(?P<q>')?\w+(?(q)')", 0, ["'ab'", "ab", "'ab"]),
    (r"(a)?(?(1)b)", 0, ["ab", "x"]),
    (r"(a(?(1)b))", 0, ["ab", "a"]),
    (r"(?:(a)|b)(?(1)c|d)", 0, ["ac", "bd", "ad"]),
    # flags
    (r"abc", I, ["ABC", "aBc"]),
    (r"(?i)abc", 0, ["ABC"]),
    (r"a(?i:b)c", 0, ["aBc", "ABc", "abC"]),
    (r"(?i)a(?-i:b)c", 0, ["AbC", "ABC"]),
    (r"(?x) a b  # comment\n c", 0, ["abc"]),
    (r"(?x)[ ]a\ b", 0, [" a b"]),
    (r"a b # c", X, ["ab"]),
    (r"(?x: a b ) c", 0, ["ab c"]),
    (r"(?x)a(?-x: b )c", 0, ["a b c"]),
    (r"(?s).", 0, ["\n"]),
    (r"(?m)^b", 0, ["a\nb"]),
    (r"(?a)\w+", 0, ["ab\u00e9"]),
    (r"(?u)\w+", 0, ["ab\u00e9"]),
    (r"(?a:\w+)\w", 0, ["ab\u00e9"]),
    (r"(?i)\u00e9", 0, ["\u00c9", "E"]),
    (r"(?i)[\u00e9]", 0, ["\u00c9"]),
    (r"(?ia)\u00e9", 0, ["\u00c9", "\u00e9"]),
    (r"(?ia)[a-z]+", 0, ["AbZ\u212a"]),
    (r"(?i)[a-z]+", 0, ["AbZ\u212a\u017f\u0131\u0130"]),
    (r"(?i)k", 0, ["K", "k", "\u212a"]),
    (r"(?i)s", 0, ["S", "\u017f"]),
    (r"(?i)\u017f", 0, ["s", "S"]),
    (r"(?i)[^k]", 0, ["\u212a", "K", "x"]),
    (r"(?i)[^s]+", 0, ["\u017fSsx"]),
    (r"(?i)\u03c3", 0, ["\u03a3", "\u03c2", "\u03c3"]),
    (r"(?i)[\u03c3]", 0, ["\u03a3", "\u03c2"]),
    (r"(?i)\u00df", 0, ["\u1e9e", "SS", "ss"]),
    (r"(?i)\u1e9e", 0, ["\u00df"]),
    (r"(?i)\u0130", 0, ["i", "I", "\u0130", "\u0131"]),
    (r"(?i)i", 0, ["\u0130", "\u0131", "I"]),
    (r"(?i)[\u0130]", 0, ["i", "\u0130"]),
    (r"(?i)\U00010400", 0, ["\U00010428", "\U00010400"]),
    (r"(?i)[\U00010400x]", 0, ["\U00010428", "\U00010400", "X"]),
    (r"(?i)[\U00010400-\U00010410]", 0, ["\U00010428", "\U00010400"]),
    (r"(?ia)[\U00010400-\U00010410]", 0, ["\U00010428"]),
    (r"(?i)[\u1c80-\u1c88]", 0, ["\u0432", "\u0412"]),
    (r"(?i)\u0345", 0, ["\u03b9", "\u1fbe", "\u0399"]),
    (r"(?i)[\w]", 0, ["\u00c9"]),
    (r"(?i)[^\W]", 0, ["\u00c9"]),
    (r"(?i)[a-\u0100]+", 0, ["\u0130\u212aK"]),
    (r"(?i)\u01c5", 0, ["\u01c4", "\u01c6", "\u01c5"]),
    (r"(?i)[\u01c4-\u01c6]", 0, ["\u01c5"]),
    (r"(?i)\uff41", 0, ["\uff21"]),
    (r"(?i)[^\u00e9]", 0, ["\u00c9"]),
    (r"(?i:[a-c])+", 0, ["ABCD"]),
    (r"(?i)(?-i:a)a", 0, ["aA", "Aa"]),
    (r"a|b|[cd]", I, ["C", "B"]),
    (r"(?i)a|\u00e9|S", 0, ["\u00c9", "\u017f"]),
    # branches and prefixes
    (r"ab|ac|ad", 0, ["ad", "ae"]),
    (r"abc|abd|a", 0, ["abd", "a", "ab"]),
    (r"a|ab", 0, ["ab"]),
    (r"(?:a|ab)(?:c|bcd)(d*)", 0, ["abcd"]),
    (r"|a", 0, ["a"]),
    (r"a|", 0, ["a", "b"]),
    (r"x(?:|a)y", 0, ["xy", "xay"]),
    (r"[ab]|c|[^d]", 0, ["c", "d"]),
    # misc
    (r"", 0, ["", "abc"]),
    (r"(?#comment)a(?#another)", 0, ["a"]),
    (r"a(?#x)*", 0, ["aaa"]),
    (r"(?=a)*a", 0, ["a"]),
    (r"\d{2,}?\w", 0, ["1234"]),
    (r"(?P<a>x)(?P<b>y)?(?P<c>z)", 0, ["xz", "xyz"]),
    (r"(\d+)-(\d+)", 0, ["10-20 30-40"]),
    (r"(?:(?:(?:a)))", 0, ["a"]),
    (r"((((((((((a))))))))))", 0, ["a"]),
    (r"(?:a+)+b", 0, ["aaaaaaaaaaaaaaab", "aaaaaaaaaaaaa"]),
    (r"(a+|b+)*c", 0, ["aabbaac"]),
    (r".*?x", 0, ["abcx", "abc"]),
    (r"(.*?)(\d+)", 0, ["abc123"]),
    (r"^(?:(a)|b)*$", 0, ["abab", "abba", "ba"]),
    (r"(a*)b\1|c", 0, ["aabaa", "c", "aaba"]),
]


def feature_cases(cases):
    for pat, flags, strings, *alt in FEATURES:
        cases.all_ops(pat, strings, flags, label="feature " + repr(pat), alt=alt[0] if alt else None)
    # pos and endpos outside the string are clamped
    for pat in (r"a*", r"^", r"$", r"\b", r"(?<=a)b", r"", r"b"):
        for pos, endpos in ((-5, 100), (-1, -1), (2, 1), (10, 20), (0, -3), (3, 3)):
            for mode in (0, 1, 2):
                cases.exec(pat, "aab", 0, mode, pos, endpos, label="clamp " + repr(pat))
            cases.findall(pat, "aab", 0, pos, endpos, label="clamp " + repr(pat))


ERRORS = [
    "(", "(a", "((a)", "a)", "())", "*", "+a", "?", "a**", "a*+*", "a{1}{2}", "x{2,1}",
    "[", "[a", "[a-", "[^", "[]", "[z-a]", r"[\d-z]", r"[a-\w]", r"[\x41-\x40]",
    "\\", "a\\", r"\q", r"[\q]", r"\x", r"\x4", r"\xg1", r"\u12", r"\U0001F60",
    r"\U00110000", r"\N", r"\N{", r"\N{}", r"\2", r"(a)\2", r"(a\1)",
    r"\400", r"[\400]", r"[\8]", r"(?", "(?P", "(?Px", "(?P<", "(?P<>a)", "(?P<1a>a)",
    "(?P<a>a)(?P<a>b)", "(?P=", "(?P=a)", "(?P<a>(?P=a))", "(?P=1)", "(?<", "(?<a>x)",
    "(?<=a+)b", "(?<!a|bc)", "(?<=(?P<a>x)(?P=a))", r"(?<=(a)\1)", "(?x", "(?i",
    "(?z)", "(?iz)", "(?-", "(?-i", "(?-z:a)", "(?i-i:a)", "(?L)", "(?a)(?u)", "(?au)",
    "(?-a:x)", "(?t:x)", "(?-t:x)", "a(?i)", "(?#", "(?#x", "(?(", "(?()a)", "(?(1a)",
    "(?(x)a)", "(?(0)a)", "(?(-1)a)", "(?(1)a|b|c)", "(?(2)a)(b)", "(?(1)a", "(?(a", "^*",
    "$+", r"\b*", "(?=a", "(?>a", "(?:a", "a{4294967295}", "a{99999999999999999999}",
    "a{1,4294967296}", "a\n(b", "ab\ncd\n[", "(?x)a\n(b\n", "(?m-s:a", r"[\d-]", "(?P<é>a)",
    "(?P<a-b>x)", "(?P<\u00e9x>a)(?P=\u00e9y)", "(?(\u0661)a)", "(?( 1)a)(b)", "(?(1_0)a)",
    "(?(+1)a)", "(?(1)a)", r"\8", r"\08", "(?^)", "(?P>a)", "(?P", r"(?P\x)", "(?>)*+",
    "[[:alpha:]]", "x{1,2}{3}", "x??+", "(?i)(?m)a(?s)", r"\u", "(?<=a|)", "(?<=\\1)(a)",
    "(a)(?<=\\2)(b)", "\\1(a)", "(?P<a\u00b2>x)", "(?P<\u00b2>x)", "(?P<_1>x)", "(?P<a b>x)",
    "(?P<a'b>x)", "(?P<a\"b>x)", "(?P<a\\nb>x)", "(?P<a\nb>x)", "(?P<\x00>x)", "(?P<\u200b>x)",
    "[\n-\x01]", "(?x)a#\\\n(", "(?x)[a#]b", "(?x)a\\ (b", "(?i)(?x)  (", "(?x)(?P<a> b)",
]


def error_cases(cases):
    for pat in ERRORS:
        cases.compile(pat, label="error " + repr(pat))
    for flags in (re.L, re.A | re.U, re.T, re.L | re.A):
        cases.compile("a", flags, label="flags %d" % flags)
        cases.compile("a*", flags, label="flags %d" % flags)
    cases.compile("(?a)x", re.U, label="flags inline")
    cases.compile("(?P<" + "a" * 5000 + "-b>x)", label="long name")
    cases.compile("(?P<" + "\u00e9" * 5000 + ">x)(?P=" + "\u00e9" * 4999 + ")", label="long name")
    for pat in ["(" * 200 + ")" * 200, "(" * 1000 + ")" * 1000, "(?:" * 100000,
                "(?(1)" * 2000 + ")" * 2000, "(a)" + "(?(1)" * 2000 + ")" * 2000,
                "(?=" * 1000 + ")" * 1000, "[" * 100000, "a" * 100000 + "(" * 600]:
        cases.compile(pat, label="deep %r" % pat[:10])


TEMPLATES = [
    (r"(a)(b)?", r"[\1|\2]", "ab a"),
    (r"(a)(b)?", r"\g<1>\g<2>\g<0>", "ab a"),
    (r"(?P<x>a)", r"\g<x>\g<x>", "bab"),
    (r"(?P<x>a)", r"\g<y>", "a"),
    (r"(a)", r"\2", "a"),
    (r"(a)", r"\g<2>", "a"),
    (r"(a)", r"\g<-1>", "a"),
    (r"(a)", r"\g< 1>", "a"),
    (r"(a)", r"\g<+1>", "a"),
    (r"(a)", r"\g<1_0>", "a"),
    (r"(a)", r"\g<01>", "a"),
    (r"(a)", r"\g<99999999999999999999>", "a"),
    (r"(a)", r"\g<a b>", "a"),
    (r"(a)", r"\g<1", "a"),
    (r"(a)", r"\g<>", "a"),
    (r"(a)", r"\g", "a"),
    (r"(a)", r"\g1", "a"),
    (r"a", r"\n\t\\\a\b\f\r\v", "a"),
    (r"a", r"\q", "a"),
    (r"a", r"\&\%\é", "a"),
    (r"a", "\\", "a"),
    (r"a", r"\0\00\000\0000\07\08\101\377\141x", "a"),
    (r"a", r"\400", "a"),
    (r"a", r"\12", "a"),
    (r"(a)(b)(c)(d)(e)(f)(g)(h)(i)(j)(k)", r"\11\10\1", "abcdefghijk"),
    (r"x*", "-", "abc"),
    (r"", "-", "abc"),
    (r"a|", "-", "baac"),
    (r"\b", "|", "ab cd"),
    (r"(a)|b", r"[\1]", "ab"),
    (r"a", "", "aba"),
    (r"a", "x\ny", "aba"),
]


def template_cases(cases):
    for pat, repl, s in TEMPLATES:
        cases.sub(pat, repl, s, label="template " + repr(repl))
        cases.sub(pat, repl, s, count=1, label="template " + repr(repl))
    for s in ["", "a.b*c", "()[]{}?*+-|^$\\.&~# \t\n\r\v\f", "\u00e9x\U0001F600", "_az09"]:
        cases.escape(s)


SPLITS = [
    (r",", "a,b,,c,"), (r"(,)", "a,b,,c,"), (r"x*", "axbc"), (r"\b", "ab cd"),
    (r"(?:)", "abc"), (r"(a)|(b)", "xaybz"), (r"^", "a\nb"), (r"(?m)^", "a\nb\nc"),
    (r"$", "a\nb\n"), (r"(?m)$", "a\nb\n"), (r"\s*", "a b  c"), (r"(\s)*", "a b  c"),
]


def split_cases(cases):
    for pat, s in SPLITS:
        for maxsplit in (0, 1, 2):
            cases.split(pat, s, maxsplit=maxsplit, label="split " + repr(pat))
        cases.findall(pat, s, label="findall " + repr(pat))
        cases.sub(pat, "<\\g<0>>", s, label="sub " + repr(pat))
        cases.scanner(pat, s, label="scanner " + repr(pat))
    for pat, s in ((r"a*", "aab"), (r"a|", "bab"), (r"(?=a)|a", "aa"), (r"\b|a", "a a"),
                   (r"(a*)*", "aab"), (r"x*", ""), (r"a*?", "aa")):
        cases.scanner(pat, s, label="scanner " + repr(pat))


def unicode_cases(cases):
    """The categories over all of Unicode, and IGNORECASE over a sample."""
    chunk = 4096
    for lo in range(0, 0x110000, chunk):
        text = "".join(chr(c) for c in range(lo, lo + chunk) if not 0xD800 <= c < 0xE000)
        for pat in (r"\w", r"\d", r"\s", r"(?a)\w", r"(?a)\s", r"\b", r"(?i)[a-z\xb5]",
                    r"(?i)[^\W\d]"):
            cases.sub(pat, "", text, label="unicode %r %x" % (pat, lo))
    sample = list(range(0, 0x800)) + list(range(0x800, 0x10000, 37)) + \
        list(range(0x10000, 0x110000, 997)) + [0x130, 0x131, 0x17f, 0x212a, 0x1e9e, 0x3c2,
                                               0x1c80, 0x1c88, 0xa64b, 0xfb05, 0x10400, 0x1e900]
    for c in sample:
        if 0xD800 <= c < 0xE000:
            continue
        ch = chr(c)
        related = {ch, ch.lower(), ch.upper(), ch.title(), ch.casefold(), ch.swapcase()}
        related |= {x.lower() for x in related} | {x.upper() for x in related}
        text = "".join(sorted(set("".join(related)))) + "aZ"
        e = re.escape(ch)
        for pat in ("(?i)" + e, "(?i)[" + e + "]", "(?i)[^" + e + "]", "(?i)[" + e + "-" + e + "]",
                    "(?i)(" + e + ")\\1", "(?ia)" + e):
            cases.findall(pat, text + text, label="ignorecase %x %r" % (c, pat))


# ---- random patterns -------------------------------------------------------

ATOMS = ["a", "b", "c", ".", "[ab]", "[^a]", "[a-c]", r"\w", r"\W", r"\d", r"\s", "\u00e9",
         "A", "B", r"\n", "x", "[bA]", "k", "[sk]", "[^K]", "\u017f"]
ANCHORS = ["^", "$", r"\b", r"\B", r"\A", r"\Z"]
QUANTS = ["*", "+", "?", "{2}", "{0,2}", "{1,}", "{,1}", "*?", "+?", "??", "{1,2}?", "*+",
          "++", "?+", "{0,2}+"]


class RandomPattern:
    """A random pattern, made twice: as written, and with each possessive
    repeat X*+ written (?>X*), the form whose answers CPython 3.11.2 gets
    right (see Cases)."""

    def __init__(self, rng):
        self.rng = rng
        self.groups = 0
        self.names = []

    def atom(self, depth):
        r = self.rng.random()
        if depth > 3 or r < 0.45:
            a = self.rng.choice(ATOMS)
            return a, a
        if r < 0.52:
            a = self.rng.choice(ANCHORS)
            return a, a
        if r < 0.60 and self.groups:
            if self.names and self.rng.random() < 0.3:
                a = "(?P=%s)" % self.rng.choice(self.names)
            else:
                a = "\\%d" % self.rng.randint(1, self.groups + 1)
            return a, a
        if r < 0.64 and self.groups:
            g = self.rng.randint(1, self.groups)
            yes = self.seq(depth + 1)
            no = self.seq(depth + 1) if self.rng.random() < 0.6 else None
            if no is None:
                return "(?(%d)%s)" % (g, yes[0]), "(?(%d)%s)" % (g, yes[1])
            return ("(?(%d)%s|%s)" % (g, yes[0], no[0]), "(?(%d)%s|%s)" % (g, yes[1], no[1]))
        kind = self.rng.choice(["(", "(", "(", "(?:", "(?P<", "(?=", "(?!", "(?<=", "(?<!",
                                "(?>", "(?i:", "(?-i:", "(?s:", "(?m:"])
        if kind == "(?P<":
            name = "n%d" % len(self.names)
            self.names.append(name)
            kind = "(?P<%s>" % name
        if kind == "(" or kind.startswith("(?P<"):
            self.groups += 1
        body = self.alt(depth + 1)
        return kind + body[0] + ")", kind + body[1] + ")"

    def piece(self, depth):
        a, b = self.atom(depth)
        if self.rng.random() < 0.35:
            q = self.rng.choice(QUANTS)
            if q.endswith("+") and len(q) > 1:
                return a + q, "(?>" + b + q[:-1] + ")"
            return a + q, b + q
        return a, b

    def seq(self, depth):
        pieces = [self.piece(depth) for _ in range(self.rng.randint(0, 3))]
        return "".join(p[0] for p in pieces), "".join(p[1] for p in pieces)

    def alt(self, depth):
        parts = [self.seq(depth)]
        while self.rng.random() < 0.3:
            parts.append(self.seq(depth))
        return "|".join(p[0] for p in parts), "|".join(p[1] for p in parts)

    def make(self):
        p, q = self.alt(0)
        r = self.rng.random()
        prefix = ""
        if r < 0.08:
            prefix = "(?i)"
        elif r < 0.12:
            prefix = "(?m)"
        elif r < 0.15:
            prefix = "(?s)"
        elif r < 0.18:
            prefix = "(?a)"
        return prefix + p, prefix + q


SUBJECT_CHARS = "aaabbbcABx\n \u00e9\u00c91_kS\u212a\u017f"


def random_cases(cases, count, seed):
    rng = random.Random(seed)
    for _ in range(count):
        pat, alt = RandomPattern(rng).make()
        flags = rng.choice([0, 0, 0, 0, I, M, S, A, I | M])
        cases.compile(pat, flags, label="random " + repr(pat))
        r, err = compile_py(pat, flags)
        if err:
            continue
        cases.alt = alt if alt != pat and not compile_py(alt, flags)[1] else None
        for _ in range(4):
            s = "".join(rng.choice(SUBJECT_CHARS) for _ in range(rng.randint(0, 10)))
            mode = rng.randint(0, 2)
            pos = rng.randint(0, len(s))
            endpos = rng.randint(pos, len(s)) if rng.random() < 0.2 else len(s)
            cases.exec(pat, s, flags, mode, pos, endpos, label="random " + repr(pat))
            if rng.random() < 0.3:
                cases.findall(pat, s, flags, label="random findall " + repr(pat))
            if rng.random() < 0.15:
                cases.sub(pat, r"<\g<0>>", s, flags, label="random sub " + repr(pat))
            if rng.random() < 0.15:
                cases.split(pat, s, flags, label="random split " + repr(pat))
        cases.alt = None


def random_error_cases(cases, count, seed):
    """Random strings of pattern syntax: mostly malformed, for the messages."""
    rng = random.Random(seed)
    alphabet = ["(", ")", "[", "]", "{", "}", "?", "*", "+", "|", "^", "$", "\\", "a", "1",
                "2", "-", ",", ":", "<", ">", "=", "!", "P", "#", "i", "x", "d", "b", "g",
                "0", "8", "u", "\n", " "]
    for _ in range(count):
        pat = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 8)))
        flags = rng.choice([0, 0, X, I])
        cases.compile(pat, flags, label="random syntax " + repr(pat))
        if not compile_py(pat, flags)[1]:
            cases.exec(pat, "a1b-2", flags, 1, label="random syntax " + repr(pat))
            cases.sub(pat, r"\g<0>\1", "a1b-2", flags, label="random syntax sub " + repr(pat))


def long_cases(cases):
    global ORACLE_SECONDS
    ORACLE_SECONDS = 300.0
    n = 1000000
    s = "ab" * (n // 2) + "c"
    cases.exec(r"(a|b)*c", s, 0, 0, label="long (a|b)*c match")
    cases.exec(r"(a|b)*c", s, 0, 1, label="long (a|b)*c search")
    cases.exec(r"(?:a|b)*?c", s, 0, 2, label="long lazy")
    cases.exec(r"(ab)*c", s, 0, 0, label="long (ab)*c")
    cases.exec(r"(a|b)*d", "ab" * 2000 + "c", 0, 0, label="long failure")
    cases.exec(r"(?:(a)|b)*\1c", s, 0, 0, label="long backref")
    cases.findall(r"a|b", "ab" * 50000, label="long findall")


# ---- running ---------------------------------------------------------------


def run(driver, cases):
    data = "".join(line + "\n" for line, _, _, _ in cases.lines)
    t = time.time()
    proc = subprocess.run([driver], input=data.encode(), stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, preexec_fn=unlimit_memory)
    elapsed = time.time() - t
    if proc.returncode != 0:
        print("driver exited with status %d" % proc.returncode)
        print(proc.stderr.decode(errors="replace")[-3000:])
        return False
    if proc.stderr:
        print("driver wrote to stderr:")
        print(proc.stderr.decode(errors="replace")[-3000:])
        return False
    got = proc.stdout.decode().split("\n")[:-1]
    bad = known = 0
    for i, (line, expected, label, alt_expected) in enumerate(cases.lines):
        answer = got[i] if i < len(got) else "<missing>"
        if answer.startswith("err RecursionError -1"):
            answer = "err RecursionError -1"
        if answer != expected and answer == alt_expected:
            known += 1
        elif answer != expected:
            bad += 1
            if bad <= 25:
                print("MISMATCH %s" % label)
                print("  case     %s" % show(line))
                print("  expected %s" % show(expected))
                print("  got      %s" % show(answer))
    print("%d cases, %d mismatches, %d answers as CPython 3.11.5+ gives them where 3.11.2 "
          "has gh-100061 (driver %.1fs)" % (len(cases.lines), bad, known, elapsed))
    return bad == 0


def show(line):
    """A case or an answer with its strings decoded (shortened)."""
    fields = line.split("\t") if "\t" in line else line.split(" ")
    out = []
    for f in fields:
        if f and all(c in "0123456789abcdef," for c in f) and ("," in f or len(f) >= 2):
            try:
                f = repr(dec(f))
            except ValueError:
                pass
        out.append(f if len(f) < 200 else f[:100] + "..." + f[-20:])
    return " ".join(out)


def main():
    args = sys.argv[1:]
    if not args:
        print(__doc__)
        sys.exit(2)
    driver = args[0]
    nrandom, seed, long_ = 3000, 1, False
    i = 1
    while i < len(args):
        if args[i] == "--random":
            nrandom = int(args[i + 1])
            i += 1
        elif args[i] == "--seed":
            seed = int(args[i + 1])
            i += 1
        elif args[i] == "--long":
            long_ = True
        i += 1
    cases = Cases()
    feature_cases(cases)
    error_cases(cases)
    template_cases(cases)
    split_cases(cases)
    unicode_cases(cases)
    random_cases(cases, nrandom, seed)
    random_error_cases(cases, nrandom, seed + 1)
    if long_:
        long_cases(cases)
    ok = run(driver, cases)
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
