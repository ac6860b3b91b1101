/* gtorch_pickle.h - binary files (open(path, "rb"), "wb", "ab", "xb";
 * bfile.c) and the pickle module over them (pickle.c): CPython 3.11's
 * pickle format for the language's plain values.
 *
 * A binary file is CPython's io.BufferedReader (mode "rb") or
 * io.BufferedWriter ("wb", "ab", "xb"): one C type, gt_bfile, whose
 * methods the language has are close, flush, closed, name and mode, and
 * `with`. There is no bytes type: read and write of bytes are pickle's own. */
#ifndef GTORCH_PICKLE_H
#define GTORCH_PICKLE_H

#include <stdbool.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ---- binary files (bfile.c) ----------------------------------------------- */

typedef struct gt_bfile gt_bfile;
typedef gt_bfile gt_BufferedReader;
typedef gt_bfile gt_BufferedWriter;
extern const gt_class gt_BufferedReader_class, gt_BufferedWriter_class;

/* open(path, mode) of a binary mode ("rb", "wb", "ab", "xb"; the overload
 * of the literal mode chose which): OSError as CPython's where it fails. */
gt_bfile *gt_open_binary(const gt_str *path, const gt_str *mode);
void gt_bfile_flush(gt_bfile *f);
void gt_bfile_close(gt_bfile *f);               /* a second close does nothing */
gt_bfile *gt_bfile_enter(gt_bfile *f);
void gt_bfile_exit(gt_bfile *f);
bool gt_bfile_closed(gt_bfile *f);
gt_str *gt_bfile_name(gt_bfile *f);
gt_str *gt_bfile_mode(gt_bfile *f);

/* ---- pickle (pickle.c) ---------------------------------------------------- */

/* pickle.PickleError (an Exception), and its PicklingError and
 * UnpicklingError, which pickle.load raises for a corrupt pickle with
 * CPython's message. */
typedef gt_exc gt_PickleError, gt_PicklingError, gt_UnpicklingError;
extern const gt_class gt_PickleError_class, gt_PicklingError_class, gt_UnpicklingError_class;
gt_exc *gt_PickleError_new(gt_str *msg);
gt_exc *gt_PicklingError_new(gt_str *msg);
gt_exc *gt_UnpicklingError_new(gt_str *msg);

/* pickle.dump(v, f, protocol): v of type t written to the binary file f
 * opened for writing, as CPython's pickle.dump writes it (protocol
 * GT_NONE_INT: the default, 4). TypeError, before anything is written,
 * for a value of no plain type (an object, a tensor). */
void gt_pickle_dump(gt_val v, const gt_type *t, gt_bfile *f, int64_t protocol);
/* pickle.load(f): the next pickle of the binary file f opened for
 * reading, as a new value of type t (a `-> Any` result); the file is left
 * just after it. EOFError "Ran out of input" at its end, UnpicklingError
 * for a corrupt pickle, TypeError where its value does not fit t,
 * OverflowError for an int beyond 64 bits. */
gt_val gt_pickle_load(gt_bfile *f, const gt_type *t);

#ifdef __cplusplus
}
#endif

#endif
