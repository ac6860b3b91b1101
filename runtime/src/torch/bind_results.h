// bind_results.h - how bind.cpp and bind_aten.cpp turn the C API's results
// into what the generated code expects (C API only: bind.cpp includes no
// libtorch header).
#pragma once

#include "gtorch_bind.h"

namespace {

// The tensor API's error, as a run-time error at the current .gtp location.
[[noreturn]] inline void fail_last() { gt_fail("%s", gt_last_error()); }

// An in-place status as PyTorch's `return self`.
inline gt_tensor *self_or_null(gt_tensor *x, int status) {
  return status < 0 ? nullptr : static_cast<gt_tensor *>(gt_retain(x));
}

// A list or tuple result: NULL becomes a run-time error here, since the
// generated code checks only handles and statuses.
template <class T>
T *checked(T *result) {
  if (!result) fail_last();
  return result;
}

}  // namespace
