/* core_internal.h - helpers shared by the sources of libgtorch_core.
 * Not installed; nothing here is part of the public API. */
#ifndef GT_CORE_INTERNAL_H
#define GT_CORE_INTERNAL_H

#include "gtorch.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

/* open(2) of a file for open()'s text and binary files (file.c): the
 * descriptor, or -1 with errno set, EISDIR for a directory (CPython's
 * IsADirectoryError). */
int gt_open_file_fd(const char *path, int flags);
/* close() of a file's stream: nothing where it is closed already, else
 * fclose's failure raised as CPython's OSError; *fp becomes NULL. */
void gt_fclose_or_fail(FILE **fp);

/* ---- text streams (textio.c) ------------------------------------------ */

/* What one kind of text stream does itself: open()'s files and the
 * standard streams (file.c), StringIO (stringio.c). textio.c's methods,
 * which every kind shares as io.TextIOBase's, check a call (a closed
 * stream, one not open for reading or writing), translate the newlines
 * written, and call these. */
typedef struct gt_textio_kind {
  /* the ValueError of a closed stream's own methods: CPython's StringIO
   * says it without the period of its files' (and of IOBase's methods) */
  const char *closed_message;
  /* at most size characters (all where size < 0), up to and with a
   * line's end and no further where `line` */
  gt_str *(*read)(gt_textio *f, int64_t size, bool line);
  /* n bytes of UTF-8 text whose "\n"s newline= has already translated */
  void (*write)(gt_textio *f, const char *p, size_t n);
  void (*flush)(gt_textio *f);  /* checks for a closed stream itself */
  void (*close)(gt_textio *f);  /* once, after the stream is marked closed */
} gt_textio_kind;

/* What every text stream starts with. */
struct gt_textio {
  gt_obj h;
  const gt_textio_kind *kind;
  const char *newline;  /* newline=: NULL (universal newlines), "", "\n", "\r" or "\r\n" (static) */
  bool closed, readable, writable;
};

/* newline= as CPython takes it: NULL (None) or one of the four strs, as
 * a static string; another is open()'s ValueError. gt_newline_known: the
 * static string of one of the four, or NULL. */
const char *gt_newline_mode(const char *newline);
const char *gt_newline_known(const char *newline);
/* IOBase's ValueError for a closed stream (its methods' message ends in a
 * period: CPython's StringIO raises the same without one from its own). */
void gt_textio_check_open(gt_textio *f);
/* file.c: sys.stdin, sys.stdout and sys.stderr bound to the C streams,
 * which gt_init does first. */
void gt_std_streams_init(void);
/* io.c: n bytes on stdout, print's own way: a closed pipe (`prog | head`)
 * ends the program with status 1 rather than raising. */
void gt_stdout_write(const char *p, size_t n);

/* ---- heap strings ---------------------------------------------------- */

/* Strings made by the runtime keep their bytes right after the header and
 * cache their length in code points, so that len() and indexing of long
 * strings do not rescan them. Literals (rc == GT_IMMORTAL) have no cache. */
typedef struct gt_str_heap {
  gt_str s;
  int64_t ncp;   /* code points, or -1 while unknown */
  char bytes[];
} gt_str_heap;

/* A fresh string of `len` bytes to be filled by the caller (NUL-terminated). */
gt_str *gt_str_alloc(int64_t len, char **bytes);
/* The empty string and the one-character ASCII strings are immortal. */
gt_str *gt_str_empty(void);
gt_str *gt_str_ascii_char(unsigned char c);

/* ---- UTF-8 ------------------------------------------------------------- */

static inline bool gt_utf8_is_cont(unsigned char c) { return (c & 0xC0) == 0x80; }
int64_t gt_utf8_count(const char *s, int64_t n);
/* Byte offset of code point `cp` (0 <= cp <= count). */
int64_t gt_utf8_offset(const char *s, int64_t n, int64_t cp);
/* Decodes the code point at *pos and advances *pos; invalid bytes decode as
 * themselves (one byte each) so that no input can loop or overrun. */
uint32_t gt_utf8_decode(const char *s, int64_t n, int64_t *pos);
int gt_utf8_encode(uint32_t cp, char out[4]);
/* dyn.c: Python's order of the values inside two items of a list of
 * values of several types (val.c's gt_val_cmp of gt_dyn items). */
int gt_dyn_cmp(gt_val a, const gt_type *ta, gt_val b, const gt_type *tb);
/* Python's str.isspace() for one code point. */
bool gt_unicode_isspace(uint32_t cp);
bool gt_str_is_ascii(const gt_str *s);

/* ---- growable byte buffer -------------------------------------------- */

typedef struct gt_sbuf {
  char *data;
  size_t len, cap;
  char small[256];
} gt_sbuf;

void gt_sbuf_init(gt_sbuf *b);
void gt_sbuf_put(gt_sbuf *b, const char *s, size_t n);
void gt_sbuf_puts(gt_sbuf *b, const char *s);
void gt_sbuf_putc(gt_sbuf *b, char c);
void gt_sbuf_vprintf(gt_sbuf *b, const char *fmt, va_list ap) __attribute__((format(printf, 2, 0)));
void gt_sbuf_printf(gt_sbuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void gt_sbuf_put_str(gt_sbuf *b, const gt_str *s);
/* `count` copies of a (UTF-8 encoded) character. */
void gt_sbuf_fill(gt_sbuf *b, const char *ch, size_t chlen, int64_t count);
/* Makes a str of the contents and frees the buffer. */
gt_str *gt_sbuf_finish(gt_sbuf *b);
/* The text as a malloc'd C string (the caller frees it); frees b. */
char *gt_sbuf_finish_cstr(gt_sbuf *b);
void gt_sbuf_free(gt_sbuf *b);
/* NUL-terminated view of the contents (valid until the next put). */
const char *gt_sbuf_cstr(gt_sbuf *b);

/* ---- memory ------------------------------------------------------------ */

void *gt_xmalloc(size_t n);
void *gt_xrealloc(void *p, size_t n);

/* ---- values and types ------------------------------------------------- */

/* Appends repr(v) (nested containers included) to b. */
void gt_val_repr_to(gt_sbuf *b, gt_val v, const gt_type *t);
/* The Python name of a type, for messages: "int", "list", "NoneType". */
const char *gt_type_name(const gt_type *t);
/* The Python type name of a value of static type t: "int", "Point", "NoneType". */
const char *gt_val_type_name(gt_val v, const gt_type *t);
uint64_t gt_val_hash(gt_val v, const gt_type *t);
/* repr(v) as a C string in a malloc'd buffer (for error messages). */
char *gt_val_repr_cstr(gt_val v, const gt_type *t);

/* Python's PySlice_AdjustIndices: clamps *lo and *hi (GT_NOIDX when
 * omitted) for *step (GT_NOIDX means 1; 0 fails) and returns the number of
 * items selected. */
int64_t gt_slice_adjust(int64_t len, int64_t *lo, int64_t *hi, int64_t *step);
/* A tuple of type->nargs slots that the caller fills with owned references. */
gt_tuple *gt_tuple_new(const gt_type *type);
void gt_str_repr_to(gt_sbuf *b, const gt_str *s);
void gt_dict_repr_to(gt_sbuf *b, const gt_dict *d);
bool gt_dict_eq(const gt_dict *a, const gt_dict *b);
void gt_set_repr_to(gt_sbuf *b, const gt_set *s);

/* ---- floats ------------------------------------------------------------ */

/* CPython's PyOS_double_to_string: code is 'e', 'f', 'g' or 'r' (repr);
 * `upper` for E/F/G; flags below. Appends the text to b. */
enum {
  GT_DTS_ADD_DOT_0 = 1,   /* "1.0" rather than "1" */
  GT_DTS_ALT = 2,         /* '#' */
  GT_DTS_NO_NEG_0 = 4,    /* 'z' */
};
void gt_double_to_string(gt_sbuf *b, double x, char code, int precision, int flags, bool upper);

/* intfloat.c: a gt_num as a value of its own type (int or float), for val.c. */
gt_val gt_num_val(gt_num n, const gt_type **t);

/* ---- run-time errors (obj.c, exc.c) --------------------------------- */

/* One .gtp frame as it was at a raise: what its traceback line shows. */
typedef struct gt_origin_frame {
  const char *func, *file;  /* a gt_frame's, static */
  int32_t line;
} gt_origin_frame;

/* Where an exception was raised. Most raised exceptions are caught at
 * once and never print a report, so a raise records only what the report
 * needs: a copy of the frames (theirs are gone once it unwinds) and what
 * makes its message, and gt_origin_report formats the text where one is
 * printed. */
struct gt_exc_origin {
  /* The report's `Class: message` where the raise had it as text
   * (gt_fail's) or str(e) runs .gtp code (a class's __str__: run at the
   * raise, as it always was); else NULL, and msg and arg_repr, the
   * exception's argument at the raise (references), make it. */
  char *message;
  gt_str *msg, *arg_repr;
  int32_t col;                /* the innermost frame's column */
  size_t nframes;             /* 0 where no .gtp frame was running */
  gt_origin_frame frames[];   /* outermost first */
};

/* The frames now running, recorded (message NULL, msg and arg_repr NULL). */
gt_exc_origin *gt_origin_record(void);
void gt_origin_free(gt_exc_origin *o);
/* Whether the report counts frame b as a repeat of a, the frame before
 * it: one function at one line (deep recursion). */
static inline bool gt_origin_repeats(const gt_origin_frame *a, const gt_origin_frame *b) {
  return a->func == b->func && a->line == b->line;
}
/* `FILE:LINE:COL: runtime error: MESSAGE` for o's innermost frame and the
 * traceback of its frames: what an uncaught error prints. A malloc'd
 * text. */
char *gt_origin_report(const gt_exc_origin *o, const char *message);
/* The report of msg raised at the frames now running. */
char *gt_error_report(const char *msg);
/* Prints `report` after what the program printed, exits with status 1. */
_Noreturn void gt_exit_uncaught(const char *report);
/* What the program's exit must still do, NULL where nothing: set by
 * process.c once a child is started (multiprocessing's atexit function:
 * daemonic children terminated, the others joined). gt_exit and
 * gt_exit_uncaught call it after the last output. */
extern void (*gt_exit_hook)(void);
/* gt_fail's message (malloc'd; taken) raised as the exception it names:
 * `KeyError: 'a'` a KeyError, a message naming no class (libtorch's) a
 * RuntimeError. */
_Noreturn void gt_raise_message(char *msg);
/* `ValueError: bad value`, or `ValueError` where str(e) is empty: the last
 * line Python prints of an exception (malloc'd). */
char *gt_exc_message(gt_exc *e);
/* traceback.c: notes that handler h caught e (h->exc holds it), which is
 * then the exception being handled until its clause ends. */
void gt_note_caught(gt_handler *h, gt_exc *e);
/* gt_fail(fmt, repr) of a repr the caller allocated (gt_val_repr_cstr),
 * freed before the exception is raised, which may be caught. */
_Noreturn void gt_fail_repr(const char *fmt, char *repr);

#endif
