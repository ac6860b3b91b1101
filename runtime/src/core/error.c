/* error.c - the message behind a failed extern call, for programs without
 * the tensor runtime.
 *
 * Generated code turns a NULL handle or a -1 status from an extern function
 * into a run-time error with gt_last_error()'s text (gt_ok in gtorch.h). The
 * tensor runtime defines the real, thread-local message store; this weak
 * definition stands in when a program links only libgtorch_core, whose own
 * functions report their errors through gt_fail and never return NULL. */
#include "gtorch.h"

__attribute__((weak)) const char *gt_last_error(void) {
  return "an extern function failed without a message";
}
