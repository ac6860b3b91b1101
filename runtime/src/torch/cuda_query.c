/* cuda_query.c - torch.cuda's queries that return a value: the C++ side
 * (autograd.cpp) reports a failure by status or NULL, which a value of the
 * language cannot carry, so these raise it where the program asked. */
#include "gtorch.h"

static int64_t memory_stat(const char *name, int64_t device) {
  int64_t count;
  gt_ok_status(gt_cuda_memory_stat(name, device, &count));
  return count;
}

int64_t gt_bind_cuda_memory_allocated(int64_t device) { return memory_stat("memory_allocated", device); }
int64_t gt_bind_cuda_max_memory_allocated(int64_t device) { return memory_stat("max_memory_allocated", device); }
int64_t gt_bind_cuda_memory_reserved(int64_t device) { return memory_stat("memory_reserved", device); }
int64_t gt_bind_cuda_max_memory_reserved(int64_t device) { return memory_stat("max_memory_reserved", device); }

int64_t gt_bind_cuda_current_device(void) {
  int64_t device;
  gt_ok_status(gt_cuda_current_device(&device));
  return device;
}

gt_str *gt_bind_cuda_get_device_name(int64_t device) { return gt_ok(gt_cuda_get_device_name(device)); }
