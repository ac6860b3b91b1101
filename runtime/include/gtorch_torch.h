/* gtorch_torch.h - tensors over libtorch: the C face of libgtorch.
 *
 * Pure C11 (compiles with -std=c11 -pedantic); every name starts gt_/GT_.
 * docs/runtime.md describes the conventions in full:
 * - Handles (gt_tensor, gt_device) are opaque, start with gt_obj and are
 *   reference counted with gt_retain/gt_release.
 * - Arguments are BORROWED; a returned handle is a NEW REFERENCE. Each
 *   declaration repeats which.
 * - Errors never abort: a function returning a handle returns NULL, one
 *   returning int returns -1 (0 on success), and gt_last_error() tells why.
 *   Functions returning a plain value (item, numel) say what they return on
 *   error. Generated code checks and calls gt_fail("%s", gt_last_error()).
 */
#ifndef GTORCH_TORCH_H
#define GTORCH_TORCH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "gtorch.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct gt_tensor gt_tensor;
typedef struct gt_device gt_device;

/* ---- errors -------------------------------------------------------------- */

/* The message of the last failed call on this thread ("" if none). Borrows:
 * valid until the next failing call on this thread. */
const char *gt_last_error(void);
void gt_clear_error(void);

/* ---- dtypes: the numbering of c10::ScalarType ---------------------------- */

typedef enum gt_dtype {
  GT_DTYPE_DEFAULT = -1, /* "not given": float32 or inferred, as PyTorch */
  GT_UINT8 = 0,
  GT_INT8 = 1,
  GT_INT16 = 2,
  GT_INT32 = 3,
  GT_INT64 = 4,
  GT_FLOAT16 = 5,
  GT_FLOAT32 = 6,
  GT_FLOAT64 = 7,
  GT_COMPLEX64 = 9,
  GT_COMPLEX128 = 10,
  GT_BOOL = 11,
  GT_BFLOAT16 = 15
} gt_dtype;

/* ---- tensors ------------------------------------------------------------- */

extern const gt_class gt_tensor_class;

/* A tensor copying `ndim`-dimensional C data of `dtype` (C order). New reference. */
gt_tensor *gt_tensor_from_data(const void *data, gt_dtype dtype, const int64_t *shape, int64_t ndim);

#ifdef __cplusplus
}
#endif

#include "gtorch_nn.h"

#endif
