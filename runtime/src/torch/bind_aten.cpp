// bind_aten.cpp - gtorch_bind.h's bindings that need ATen itself (bind.cpp
// keeps to the C API): the legacy constructors, scatter and index_put_
// forms, torch.where(condition), x.type() and x.grad_fn.
#include <torch/csrc/autograd/function.h>

#include <cstdio>

#include "bind_results.h"
#include "internal.h"

// ---- legacy constructors: torch.Tensor(...), torch.FloatTensor(...), torch.LongTensor(...) ----
// Sizes give an uninitialised tensor, a (nested) list its values, in the
// constructor's dtype whatever the list holds, as PyTorch's.

extern "C" gt_tensor *gt_bind_FloatTensor_n(const int64_t *size, int64_t n) {
  return gt_empty(size, n, GT_FLOAT32, nullptr, false);
}
extern "C" gt_tensor *gt_bind_FloatTensor_list(const gt_list *data) {
  return gt_tensor_from_list(data, GT_FLOAT32, nullptr, false);
}
extern "C" gt_tensor *gt_bind_LongTensor_n(const int64_t *size, int64_t n) {
  return gt_empty(size, n, GT_INT64, nullptr, false);
}
extern "C" gt_tensor *gt_bind_LongTensor_list(const gt_list *data) {
  return gt_tensor_from_list(data, GT_INT64, nullptr, false);
}

// ---- scattering and index_put_ ------------------------------------------------------

extern "C" gt_tensor *gt_bind_scatter_(gt_tensor *x, int64_t dim, gt_tensor *index, gt_tensor *src) {
  return self_or_null(x, gt_scatter_(x, dim, index, src));
}
extern "C" gt_tensor *gt_bind_scatter_f_(gt_tensor *x, int64_t dim, gt_tensor *index, double value) {
  return self_or_null(x, gt_scatter_f_(x, dim, index, value));
}
extern "C" gt_tensor *gt_bind_scatter_add(gt_tensor *x, int64_t dim, gt_tensor *index, gt_tensor *src) {
  return GT_TENSOR(at::scatter_add(U(x), dim, U(index), U(src)));
}
extern "C" gt_tensor *gt_bind_scatter_add_(gt_tensor *x, int64_t dim, gt_tensor *index, gt_tensor *src) {
  return self_or_null(x, GT_STATUS(U(x).scatter_add_(dim, U(index), U(src))));
}

namespace {
// x.index_put_(indices, values, accumulate): indices a tuple or list of tensors.
gt_tensor *index_put_(gt_tensor *x, const gt_val *items, int64_t n, gt_tensor *values, bool accumulate) {
  return self_or_null(x, GT_STATUS(([&] {
                        c10::List<c10::optional<at::Tensor>> idx;
                        for (int64_t i = 0; i < n; i++)
                          idx.push_back(c10::optional<at::Tensor>(U(static_cast<gt_tensor *>(items[i].p))));
                        U(x).index_put_(idx, U(values), accumulate);
                      }())));
}
}  // namespace

extern "C" gt_tensor *gt_bind_index_put_t(gt_tensor *x, const gt_tuple *indices, gt_tensor *values, bool accumulate) {
  return index_put_(x, indices->items, indices->len, values, accumulate);
}
extern "C" gt_tensor *gt_bind_index_put_l(gt_tensor *x, const gt_list *indices, gt_tensor *values, bool accumulate) {
  return index_put_(x, indices->items, gt_list_len(indices), values, accumulate);
}

// torch.where(condition): the indices of its true elements, one tensor a
// dimension (PyTorch's is a tuple of them; here a list).
extern "C" gt_list *gt_bind_where_cond(gt_tensor *cond) {
  return checked(GT_VALUE(gt_list *, nullptr, gt_wrap_list(at::where(U(cond)))));
}

// x.type(): "torch.FloatTensor" and the rest, PyTorch's legacy type names.
extern "C" gt_str *gt_bind_type_name(gt_tensor *x) {
  return checked(GT_VALUE(gt_str *, nullptr, ([&] {
                            const at::Tensor &t = U(x);
                            std::string s = std::string("torch.") + (t.is_cuda() ? "cuda." : "") +
                                            at::toString(t.scalar_type()) + "Tensor";
                            return gt_str_new(s.data(), (int64_t)s.size());
                          }())));
}

// ---- grad_fn ------------------------------------------------------------------------
// x.grad_fn: the autograd node that made x (None for a leaf), printed as
// Python prints it, "<AddBackward0 object at 0x...>".

struct gt_grad_fn {
  gt_obj h;
  std::shared_ptr<torch::autograd::Node> node;
};

namespace {
void grad_fn_drop(gt_obj *o) { reinterpret_cast<gt_grad_fn *>(o)->~gt_grad_fn(); }

// The node's class name as Python's repr shows it: "AddBackward0"; a node
// libtorch names by its C++ type ("torch::autograd::AccumulateGrad")
// without the namespaces.
std::string node_name(const torch::autograd::Node &node) {
  std::string s = node.name();
  size_t colons = s.rfind("::");
  return colons == std::string::npos ? s : s.substr(colons + 2);
}

gt_str *grad_fn_repr(gt_obj *o) {
  auto *g = reinterpret_cast<gt_grad_fn *>(o);
  char buf[320];
  snprintf(buf, sizeof buf, "<%s object at %p>", node_name(*g->node).c_str(), static_cast<void *>(g->node.get()));
  return gt_str_new(buf, (int64_t)strlen(buf));
}
}  // namespace

extern "C" const gt_class gt_grad_fn_class = {"Node", grad_fn_drop, grad_fn_repr, grad_fn_repr, NULL, NULL, NULL};

namespace {
gt_grad_fn *wrap_node(const std::shared_ptr<torch::autograd::Node> &node) {
  if (!node) return nullptr;  // None, as gt_bind_grad's
  auto *g = static_cast<gt_grad_fn *>(gt_alloc(sizeof(gt_grad_fn), &gt_grad_fn_class));
  new (&g->node) std::shared_ptr<torch::autograd::Node>(node);
  return g;
}

// tuple[Optional[Node], int]: an edge of the graph, its node and input number.
const gt_type *const node_edge_args[] = {&gt_t_obj, &gt_t_int};
const gt_type node_edge = {GT_K_TUPLE, 2, node_edge_args, NULL};
}  // namespace

extern "C" gt_grad_fn *gt_bind_grad_fn(gt_tensor *x) { return wrap_node(U(x).grad_fn()); }

extern "C" gt_str *gt_bind_grad_fn_name(gt_grad_fn *g) {
  std::string s = g->node->name();  // PyTorch's name() keeps the namespaces its repr leaves out
  return gt_str_new(s.data(), (int64_t)s.size());
}

// grad_fn.next_functions: a pair per input of the node, the node that made
// it (AccumulateGrad for a leaf, None where nothing needs its gradient) and
// which of that node's inputs it is, as PyTorch's.
extern "C" gt_tuple *gt_bind_grad_fn_next_functions(gt_grad_fn *g) {
  std::vector<gt_val> pairs;
  for (const torch::autograd::Edge &edge : g->node->next_edges()) {
    gt_grad_fn *node = wrap_node(edge.function);
    pairs.push_back(gt_vp(gt_tuple_of(&node_edge, gt_vp(node), gt_vi(edge.input_nr))));
    gt_release(node);
  }
  gt_tuple *t = gt_tuple_of_elems(&node_edge, (int64_t)pairs.size(), pairs.data());
  for (gt_val &v : pairs) gt_release(v.p);
  return t;
}

// device.index: None (GT_NONE_INT) unless the device names one.
extern "C" int64_t gt_bind_device_index(gt_device *d) {
  c10::Device dev = gt_unwrap_device(d);
  return dev.has_index() ? dev.index() : GT_NONE_INT;
}

// torch.load(f, map_location=): every tensor moved to that device.
namespace {
gt_dict *load_to(const char *path, c10::Device device) {
  gt_map_location(device);
  gt_dict *d = gt_load_dict(path);
  if (!d) return nullptr;
  int64_t pos = 0;
  gt_val key, value;
  while (gt_dict_next(d, &pos, &key, &value)) {
    at::Tensor &t = U(static_cast<gt_tensor *>(value.p));
    t = t.to(device);
  }
  return d;
}
}  // namespace

extern "C" gt_dict *gt_bind_load_dict_to_name(const char *path, const char *map_location, bool weights_only) {
  if (!map_location) return checked(gt_load_dict(path));
  return checked(GT_VALUE(gt_dict *, nullptr, load_to(path, c10::Device(map_location))));
}

extern "C" gt_dict *gt_bind_load_dict_to(const char *path, gt_device *map_location, bool weights_only) {
  if (!map_location) return checked(gt_load_dict(path));
  return checked(GT_VALUE(gt_dict *, nullptr, load_to(path, gt_unwrap_device(map_location))));
}

// ---- torch.nn.utils.parameters_to_vector / vector_to_parameters ----------------------

extern "C" gt_tensor *gt_bind_parameters_to_vector(const gt_list *parameters) {
  return GT_TENSOR(([&] {
    std::vector<at::Tensor> flat;
    for (int64_t i = 0; i < gt_list_len(parameters); i++)
      flat.push_back(U(static_cast<gt_tensor *>(parameters->items[i].p)).view(-1));
    return at::cat(flat);
  }()));
}

// Python's loop: each parameter takes the next numel() values of vec.
extern "C" int gt_bind_vector_to_parameters(gt_tensor *vec, const gt_list *parameters) {
  return GT_STATUS(([&] {
    at::NoGradGuard no_grad;
    int64_t pointer = 0;
    for (int64_t i = 0; i < gt_list_len(parameters); i++) {
      at::Tensor &param = U(static_cast<gt_tensor *>(parameters->items[i].p));
      int64_t n = param.numel();
      param.copy_(U(vec).slice(0, pointer, pointer + n).view_as(param));
      pointer += n;
    }
  }()));
}

// ---- x.mT, x.mH, x.H ---------------------------------------------------------------

extern "C" gt_tensor *gt_bind_mT(gt_tensor *x) { return GT_TENSOR(U(x).mT()); }
extern "C" gt_tensor *gt_bind_mH(gt_tensor *x) { return GT_TENSOR(U(x).mH()); }
// PyTorch's Tensor.H, which libtorch 1.13 does not have: a matrix's (or a
// 0-dim tensor's) conjugate transpose.
extern "C" gt_tensor *gt_bind_H(gt_tensor *x) {
  return GT_TENSOR(([&] {
    const at::Tensor &t = U(x);
    if (t.dim() == 0) return t.conj();
    TORCH_CHECK(t.dim() == 2, "tensor.H is only supported on matrices (2-D tensors). Got ", t.dim(), "-D tensor.",
                t.dim() > 2 ? " For batches of matrices, consider using tensor.mH" : "");
    return t.mH();
  }()));
}
