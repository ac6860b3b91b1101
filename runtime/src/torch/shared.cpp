// shared.cpp - Tensor.share_memory_(), Tensor.is_shared(), Module.share_memory():
// a CPU tensor's storage moved into memory that fork(2)'s children share
// (MAP_SHARED | MAP_ANONYMOUS), so that a child's in-place updates (an
// optimizer's step in Hogwild training) are seen by the parent and the
// other children. The move happens in place, in the StorageImpl: every
// tensor viewing the storage (views, parameters, what optimizers hold)
// reads the new memory without knowing it moved.
#include <sys/mman.h>

#include <cerrno>
#include <cstring>

#include "gtorch_bind_nn.h"
#include "internal.h"

namespace {

// A shared mapping: what the storage's DataPtr holds, freed with it.
struct shm_region {
  void *base;
  size_t size;
};

void shm_free(void *ctx) {
  auto *r = static_cast<shm_region *>(ctx);
  munmap(r->base, r->size);
  delete r;
}

bool storage_shared(const c10::StorageImpl &s) { return s.data_ptr().get_deleter() == &shm_free; }

// The storage's bytes copied into a new shared mapping, which then becomes
// its memory (the old one freed by its own deleter). A storage of no
// bytes gets one page all the same, so that it too reads as shared.
void share_storage(c10::StorageImpl &s) {
  if (storage_shared(s)) return;
  size_t n = s.nbytes(), size = n ? n : 1;
  void *p = mmap(nullptr, size, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
  if (p == MAP_FAILED) gt_throw("unable to mmap %zu bytes of shared memory: %s", size, std::strerror(errno));
  if (n) std::memcpy(p, s.data(), n);
  s.set_data_ptr_noswap(at::DataPtr(p, new shm_region{p, size}, &shm_free, at::Device(at::kCPU)));
}

// PyTorch's share_memory_: CPU storages only (a CUDA tensor's memory is
// shared through CUDA IPC already: nothing to do); a tensor without
// storage (sparse, mkldnn) left as it is.
void share_tensor(const at::Tensor &t) {
  if (!t.defined() || !t.device().is_cpu() || !t.has_storage()) return;
  share_storage(*t.storage().unsafeGetStorageImpl());
}

void share_list(gt_list *ts, bool grads) {
  for (int64_t i = 0; i < ts->len; i++) {
    auto *h = static_cast<gt_tensor *>(ts->items[i].p);
    if (!h) continue;
    share_tensor(h->t);
    if (grads && h->t.grad().defined()) share_tensor(h->t.grad());
  }
}

}  // namespace

extern "C" gt_tensor *gt_tensor_share_memory_(gt_tensor *x) {
  return gt_guard<gt_tensor *>(nullptr, [&]() -> gt_tensor * {
    if (!x) gt_throw("expected a Tensor, got None");
    share_tensor(x->t);
    return static_cast<gt_tensor *>(gt_retain(x));
  });
}

// True for a CUDA tensor, as PyTorch's (its storage is always shareable);
// false on NULL.
extern "C" bool gt_tensor_is_shared(gt_tensor *x) {
  if (!x) return false;
  const at::Tensor &t = x->t;
  if (t.is_cuda()) return true;
  return t.has_storage() && t.device().is_cpu() && storage_shared(*t.storage().unsafeGetStorageImpl());
}

// Module._apply(lambda t: t.share_memory_()): parameters, their gradients
// where defined, and buffers, of the module and every submodule.
extern "C" gt_module *gt_bind_module_share_memory(gt_module *m) {
  return gt_guard<gt_module *>(nullptr, [&]() -> gt_module * {
    gt_list *params = gt_module_parameters(m);
    if (!params) return nullptr;
    gt_list *buffers = gt_module_buffers(m);
    if (!buffers) {
      gt_release(params);
      return nullptr;
    }
    try {
      share_list(params, true);
      share_list(buffers, false);
    } catch (...) {
      gt_release(params);
      gt_release(buffers);
      throw;
    }
    gt_release(params);
    gt_release(buffers);
    return static_cast<gt_module *>(gt_retain(m));
  });
}
