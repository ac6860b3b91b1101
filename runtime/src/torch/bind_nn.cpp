// bind_nn.cpp - the wrappers of gtorch_bind_nn.h: Python's argument order
// and forms over the runtime's C functions. Only the C API is used here.
#include "gtorch.h"
#include "gtorch_bind_nn.h"

#include <cmath>
#include <cstdio>
#include <cstring>
#include <vector>

// From core.cpp (C++ linkage; internal.h would pull in ATen for this alone).
void gt_set_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
// From nn_tree.cpp: the type of the built-in layer behind m ("Linear" for
// a .gtp class deriving nn.Linear), else m's own.
const char *gt_module_layer_type(gt_module *m) noexcept;
// From nn_attrs.cpp: hasattr of a layer's attribute (in_features,
// running_mean): 1 or 0, -1 for another name.
int gt_module_has_layer_attr(gt_module *m, const char *name) noexcept;

namespace {

// A method that returns its receiver: a new reference to it, or NULL.
gt_module *self_or_null(gt_module *m, int status) {
  if (status < 0) return nullptr;
  return static_cast<gt_module *>(gt_retain(m));
}

gt_tensor *retained(gt_tensor *t) { return t ? static_cast<gt_tensor *>(gt_retain(t)) : nullptr; }

// A tuple[float, float] (betas) as two doubles.
bool two_floats(const gt_tuple *t, double *a, double *b) {
  if (!t || t->len != 2) {
    gt_set_error("betas must be a tuple of two floats");
    return false;
  }
  *a = t->items[0].f;
  *b = t->items[1].f;
  return true;
}

// A tuple result, or the runtime's error raised at the .gtp location.
gt_tuple *tuple_or_fail(gt_tuple *t) {
  if (!t) gt_fail("%s", gt_last_error());
  return t;
}

}  // namespace

extern "C" {

gt_module *gt_bind_module_to(gt_module *m, const gt_device *device) {
  return self_or_null(m, gt_module_to(m, device, GT_DTYPE_DEFAULT));
}

// model.cuda(device) and model.cpu(): model.to() of that device (GT_NONE_INT: the current CUDA one)
static gt_module *module_to_named(gt_module *m, const char *type, int64_t index) {
  gt_device *d = index == GT_NONE_INT ? gt_device_new(type) : gt_device_new_index(type, index);
  if (!d) return nullptr;
  gt_module *r = gt_bind_module_to(m, d);
  gt_release(d);
  return r;
}

gt_module *gt_bind_module_cuda(gt_module *m, int64_t device) { return module_to_named(m, "cuda", device); }

// model.cuda(torch.device("cuda:1")): a CUDA device's, any other PyTorch's error
gt_module *gt_bind_module_cuda_device(gt_module *m, const gt_device *device) {
  if (std::strcmp(gt_device_type(device), "cuda") != 0) {
    gt_set_error("RuntimeError: Invalid device, must be cuda device");
    return nullptr;
  }
  return gt_bind_module_to(m, device);
}

gt_module *gt_bind_module_cpu(gt_module *m) { return module_to_named(m, "cpu", GT_NONE_INT); }

gt_module *gt_bind_module_train(gt_module *m, bool mode) { return self_or_null(m, gt_module_train(m, mode)); }

gt_module *gt_bind_module_eval(gt_module *m) { return self_or_null(m, gt_module_eval(m)); }

// model.share_memory() is shared.cpp's.

// rnn.flatten_parameters(): PyTorch's does nothing without cuDNN; nor does this.
int gt_bind_module_flatten_parameters(gt_module *m) { return 0; }

// Layers built without a bias (bias=False) or affine parameters
// (affine=False) have them as None in PyTorch: the attribute exists.
static bool may_lack(gt_module *m) {
  static const char *const layers[] = {"Linear",         "Conv1d",         "Conv2d",      "Conv3d",
                                       "ConvTranspose2d", "BatchNorm1d",   "BatchNorm2d", "LayerNorm",
                                       "GroupNorm",       "InstanceNorm1d", "InstanceNorm2d", "BatchNorm3d",
                                       "InstanceNorm3d", "ConvTranspose1d", "ConvTranspose3d"};
  const char *type = gt_module_layer_type(m);
  for (const char *name : layers)
    if (type && strcmp(type, name) == 0) return true;
  return false;
}

// m.weight / m.bias: None (NULL with no error) where PyTorch's is None.
static gt_tensor *layer_tensor(gt_module *m, const char *name) {
  gt_tensor *t = gt_module_attr(m, name);
  if (!t && may_lack(m)) gt_clear_error();
  return retained(t);
}

gt_tensor *gt_bind_module_weight(gt_module *m) { return layer_tensor(m, "weight"); }

bool gt_bind_module_hasattr(gt_module *m, const char *name) {
  static const char *const container_methods[] = {"__len__", "__getitem__", "__setitem__", "__iter__", "append"};
  static const char *const recurrent[] = {"RNN", "LSTM", "GRU", "RNNCell", "LSTMCell", "GRUCell"};
  int layer_attr = gt_module_has_layer_attr(m, name);
  if (layer_attr >= 0) return layer_attr;
  const char *type = gt_module_layer_type(m);
  if (!strcmp(name, "bias"))  /* a recurrent layer's bias is its flag (bias=True) */
    for (const char *r : recurrent)
      if (type && !strcmp(type, r)) return true;
  if (!strcmp(name, "weight") || !strcmp(name, "bias")) {
    if (may_lack(m)) return true;  /* the class has it, its value None where the layer was made without */
    gt_tensor *t = gt_module_attr(m, name);
    if (!t) gt_clear_error();
    return t != nullptr;
  }
  for (const char *method : container_methods)
    if (!strcmp(name, method)) {
      bool list = type && (!strcmp(type, "Sequential") || !strcmp(type, "ModuleList"));
      return list || (type && !strcmp(type, "ModuleDict") && strcmp(name, "append") != 0);
    }
  return true;
}

gt_tensor *gt_bind_module_bias(gt_module *m) { return layer_tensor(m, "bias"); }

// The recurrent layers' tensors of their first layer, and the cells'.
// The recurrent layers' tuple results: an error is raised here, since the
// generated code checks only handles and statuses.
gt_tuple *gt_bind_nn_rnn_call(gt_module *m, gt_tensor *input, gt_tensor *h_0) {
  return tuple_or_fail(gt_nn_rnn_call(m, input, h_0));
}
gt_tuple *gt_bind_nn_gru_call(gt_module *m, gt_tensor *input, gt_tensor *h_0) {
  return tuple_or_fail(gt_nn_gru_call(m, input, h_0));
}
gt_tuple *gt_bind_nn_lstm_call(gt_module *m, gt_tensor *input, const gt_tuple *hx) {
  return tuple_or_fail(gt_nn_lstm_call(m, input, hx));
}
gt_tuple *gt_bind_nn_lstm_cell_call(gt_module *m, gt_tensor *input, const gt_tuple *hx) {
  return tuple_or_fail(gt_nn_lstm_cell_call(m, input, hx));
}

gt_tensor *gt_bind_module_weight_ih_l0(gt_module *m) { return retained(gt_module_attr(m, "weight_ih_l0")); }
gt_tensor *gt_bind_module_weight_hh_l0(gt_module *m) { return retained(gt_module_attr(m, "weight_hh_l0")); }
gt_tensor *gt_bind_module_bias_ih_l0(gt_module *m) { return retained(gt_module_attr(m, "bias_ih_l0")); }
gt_tensor *gt_bind_module_bias_hh_l0(gt_module *m) { return retained(gt_module_attr(m, "bias_hh_l0")); }
gt_tensor *gt_bind_module_weight_ih(gt_module *m) { return retained(gt_module_attr(m, "weight_ih")); }
gt_tensor *gt_bind_module_weight_hh(gt_module *m) { return retained(gt_module_attr(m, "weight_hh")); }
gt_tensor *gt_bind_module_bias_ih(gt_module *m) { return retained(gt_module_attr(m, "bias_ih")); }
gt_tensor *gt_bind_module_bias_hh(gt_module *m) { return retained(gt_module_attr(m, "bias_hh")); }

bool gt_module_is(gt_module *m, const char *type) {
  const char *name = gt_module_type(m), *layer = gt_module_layer_type(m);
  return (name && strcmp(name, type) == 0) || (layer && strcmp(layer, type) == 0);
}

gt_module *gt_bind_nn_LayerNorm_list(const gt_list *normalized_shape, double eps, bool elementwise_affine) {
  int64_t n = gt_list_len(normalized_shape), dims[16];
  if (n > 16) gt_fail("RuntimeError: a size has at most 16 dimensions, got %lld", static_cast<long long>(n));
  for (int64_t i = 0; i < n; i++) dims[i] = normalized_shape->items[i].i;
  return gt_nn_LayerNorm(dims, n, eps, elementwise_affine);
}

// A layer's device=/dtype= (PyTorch's factory_kwargs): made by make()
// with dtype the default, so that its tensors are made and initialised in
// dtype, as Python's are (a float64 layer draws float64 values), then moved
// to device, as module.to() does. (On a GPU PyTorch draws there; here the
// values are the CPU's.)
extern "C++" {
template <class Make> static gt_module *made_on(gt_device *device, gt_dtype_obj *dtype, Make make) {
  gt_dtype want = dtype ? static_cast<gt_dtype>(gt_bind_dtype_value(dtype)) : static_cast<gt_dtype>(GT_DTYPE_DEFAULT);
  gt_dtype before = gt_swap_default_dtype(want);
  gt_module *m = make();
  gt_swap_default_dtype(before);
  if (!m || (!device && !dtype)) return m;
  if (gt_module_to(m, device, want) < 0) {
    gt_release(m);
    return nullptr;
  }
  return m;
}
}  // extern "C++"

gt_module *gt_bind_nn_Linear(int64_t in_features, int64_t out_features, bool bias, gt_device *device,
                             gt_dtype_obj *dtype) {
  return made_on(device, dtype, [&] { return gt_nn_Linear(in_features, out_features, bias); });
}

gt_module *gt_bind_nn_NonDynamicallyQuantizableLinear(int64_t in_features, int64_t out_features, bool bias,
                                                      gt_device *device, gt_dtype_obj *dtype) {
  return made_on(device, dtype, [&] { return gt_nn_NonDynamicallyQuantizableLinear(in_features, out_features, bias); });
}

gt_module *gt_bind_nn_Conv1d(int64_t in_channels, int64_t out_channels, int64_t kernel_size, int64_t stride,
                             int64_t padding, int64_t dilation, int64_t groups, bool bias, const char *padding_mode,
                             gt_device *device, gt_dtype_obj *dtype) {
  return made_on(device, dtype, [&] {
    return gt_nn_Conv1d(in_channels, out_channels, kernel_size, stride, padding, dilation, groups, bias, padding_mode);
  });
}

gt_module *gt_bind_nn_Conv2d_ints(int64_t in_channels, int64_t out_channels, gt_ints kernel_size, gt_ints stride,
                                  gt_ints padding, gt_ints dilation, int64_t groups, bool bias,
                                  const char *padding_mode, gt_device *device, gt_dtype_obj *dtype) {
  return made_on(device, dtype, [&] {
    return gt_nn_Conv2d_ints(in_channels, out_channels, kernel_size, stride, padding, dilation, groups, bias,
                             padding_mode);
  });
}

gt_module *gt_bind_nn_Conv2d_str(int64_t in_channels, int64_t out_channels, gt_ints kernel_size, gt_ints stride,
                                 const char *padding, gt_ints dilation, int64_t groups, bool bias,
                                 const char *padding_mode, gt_device *device, gt_dtype_obj *dtype) {
  return made_on(device, dtype, [&] {
    return gt_nn_Conv2d_str(in_channels, out_channels, kernel_size, stride, padding, dilation, groups, bias,
                            padding_mode);
  });
}

gt_module *gt_bind_nn_BatchNorm1d(int64_t num_features, double eps, double momentum, bool affine,
                                  bool track_running_stats, gt_device *device, gt_dtype_obj *dtype) {
  return made_on(device, dtype,
                 [&] { return gt_nn_BatchNorm1d(num_features, eps, momentum, affine, track_running_stats); });
}

gt_module *gt_bind_nn_BatchNorm2d(int64_t num_features, double eps, double momentum, bool affine,
                                  bool track_running_stats, gt_device *device, gt_dtype_obj *dtype) {
  return made_on(device, dtype,
                 [&] { return gt_nn_BatchNorm2d(num_features, eps, momentum, affine, track_running_stats); });
}

gt_module *gt_bind_nn_Embedding(int64_t num_embeddings, int64_t embedding_dim, int64_t padding_idx, double max_norm,
                                double norm_type, bool scale_grad_by_freq, bool sparse, gt_device *device,
                                gt_dtype_obj *dtype) {
  return made_on(device, dtype, [&] {
    return gt_nn_Embedding(num_embeddings, embedding_dim, padding_idx, max_norm, norm_type, scale_grad_by_freq, sparse);
  });
}

namespace {

// A generator over l, which it holds, printing as PyTorch's generator of
// that qualname: the list's own reference is dropped.
// NULL (the walk failed) is the run-time error here, as the generated code
// checks only handles of classes and statuses.
gt_gen *walked(gt_list *l, const char *qualname) {
  if (!l) gt_fail("%s", gt_last_error());
  gt_gen *g = gt_iter_list_as(l, qualname);
  gt_release(l);
  return g;
}

}  // namespace

gt_gen *gt_bind_module_parameters(gt_module *m) { return walked(gt_module_parameters(m), "Module.parameters"); }
gt_gen *gt_bind_module_named_parameters(gt_module *m) {
  return walked(gt_module_named_parameters(m), "Module.named_parameters");
}
gt_gen *gt_bind_module_buffers(gt_module *m) { return walked(gt_module_buffers(m), "Module.buffers"); }
gt_gen *gt_bind_module_named_buffers(gt_module *m) {
  return walked(gt_module_named_buffers(m), "Module.named_buffers");
}
gt_gen *gt_bind_module_children(gt_module *m) { return walked(gt_module_children(m), "Module.children"); }
gt_gen *gt_bind_module_named_children(gt_module *m) {
  return walked(gt_module_named_children(m), "Module.named_children");
}
gt_gen *gt_bind_module_modules(gt_module *m) { return walked(gt_module_modules(m), "Module.modules"); }
gt_gen *gt_bind_module_named_modules(gt_module *m) {
  return walked(gt_module_named_modules(m), "Module.named_modules");
}

gt_str *gt_bind_module_get_name(gt_module *m) {
  const char *name = gt_module_type(m);
  return gt_str_new(name, (int64_t)strlen(name));
}

gt_module *gt_bind_module_double(gt_module *m) { return self_or_null(m, gt_module_to(m, nullptr, GT_FLOAT64)); }
gt_module *gt_bind_module_float(gt_module *m) { return self_or_null(m, gt_module_to(m, nullptr, GT_FLOAT32)); }
gt_module *gt_bind_module_half(gt_module *m) { return self_or_null(m, gt_module_to(m, nullptr, GT_FLOAT16)); }
gt_module *gt_bind_module_requires_grad_(gt_module *m, bool requires_grad) {
  return self_or_null(m, gt_module_requires_grad_(m, requires_grad));
}

// net.apply(fn), fn the program's Callable[[Module], None] (a def, a
// lambda, a bound method: `self.init_weights`), called through
// gt_call_guarded so that an exception it raises does not unwind
// libtorch's frames: apply stops, and the exception is raised on where it
// returns.
namespace {
struct ApplyCall {
  gt_fn *fn;
  gt_module *m;
};
void call_apply(void *p) {
  auto *k = static_cast<ApplyCall *>(p);
  reinterpret_cast<void (*)(gt_fn *, gt_module *)>(k->fn->code)(k->fn, k->m);
}
bool apply_guarded(gt_module *m, void *fn) {
  ApplyCall k{static_cast<gt_fn *>(fn), m};
  return gt_call_guarded(call_apply, &k);
}
}  // namespace

gt_module *gt_bind_module_apply(gt_module *m, gt_fn *fn) {
  return self_or_null(m, gt_module_apply_ctx(m, apply_guarded, fn));
}

double gt_bind_calculate_gain(const char *nonlinearity, double param) {
  double gain = gt_nn_init_calculate_gain(nonlinearity, param);
  if (std::isnan(gain)) gt_fail("%s", gt_last_error());
  return gain;
}

gt_module *gt_bind_module_getitem(gt_module *m, int64_t i) {
  gt_module *child = gt_module_getitem(m, i);
  return child ? static_cast<gt_module *>(gt_retain(child)) : nullptr;
}

gt_module *gt_bind_module_dict_get(gt_module *m, const gt_str *key) {
  gt_module *child = gt_module_dict_get(m, key);
  return child ? static_cast<gt_module *>(gt_retain(child)) : nullptr;
}

gt_module *gt_bind_module_dict_getattr(gt_module *m, const gt_str *name) {
  if (!gt_bind_module_dict_contains(m, name))
    gt_fail("AttributeError: 'ModuleDict' object has no attribute '%.*s'", (int)name->len, name->data);
  return gt_bind_module_dict_get(m, name);
}

bool gt_bind_module_dict_contains(gt_module *m, const gt_str *key) {
  int r = gt_module_dict_contains(m, key);
  if (r < 0) gt_fail("%s", gt_last_error());
  return r == 1;
}

gt_tensor *gt_bind_Parameter(gt_tensor *data, bool requires_grad) { return gt_nn_Parameter(data, requires_grad); }

gt_tensor *gt_bind_F_layer_norm_tuple(gt_tensor *input, const gt_tuple *normalized_shape, gt_tensor *weight,
                                      gt_tensor *bias, double eps) {
  std::vector<int64_t> dims((size_t)normalized_shape->len);
  for (int64_t i = 0; i < normalized_shape->len; i++) dims[(size_t)i] = normalized_shape->items[i].i;
  return gt_F_layer_norm(input, dims.data(), normalized_shape->len, weight, bias, eps);
}

gt_tensor *gt_bind_F_layer_norm_list(gt_tensor *input, const gt_list *normalized_shape, gt_tensor *weight,
                                     gt_tensor *bias, double eps) {
  std::vector<int64_t> dims((size_t)normalized_shape->len);
  for (int64_t i = 0; i < normalized_shape->len; i++) dims[(size_t)i] = normalized_shape->items[i].i;
  return gt_F_layer_norm(input, dims.data(), normalized_shape->len, weight, bias, eps);
}

gt_tensor *gt_bind_F_layer_norm_size(gt_tensor *input, const gt_size *normalized_shape, gt_tensor *weight,
                                     gt_tensor *bias, double eps) {
  int64_t n = gt_size_len(normalized_shape);
  std::vector<int64_t> dims((size_t)n);
  for (int64_t i = 0; i < n; i++) dims[(size_t)i] = gt_size_getitem(normalized_shape, i);
  return gt_F_layer_norm(input, dims.data(), n, weight, bias, eps);
}

gt_tensor *gt_bind_F_softmax(gt_tensor *input, int64_t dim) { return gt_F_softmax(input, dim, GT_DTYPE_DEFAULT); }

gt_tensor *gt_bind_F_log_softmax(gt_tensor *input, int64_t dim) {
  return gt_F_log_softmax(input, dim, GT_DTYPE_DEFAULT);
}

gt_optim *gt_bind_optim_Adam(const gt_list *params, double lr, const gt_tuple *betas, double eps,
                             double weight_decay, bool amsgrad) {
  double b1, b2;
  if (!two_floats(betas, &b1, &b2)) return nullptr;
  return gt_optim_Adam(params, lr, b1, b2, eps, weight_decay, amsgrad);
}

gt_optim *gt_bind_optim_Adamax(const gt_list *params, double lr, const gt_tuple *betas, double eps,
                               double weight_decay, bool maximize) {
  double b1, b2;
  if (!two_floats(betas, &b1, &b2)) return nullptr;
  return gt_optim_Adamax(params, lr, b1, b2, eps, weight_decay, maximize);
}

gt_optim *gt_bind_optim_NAdam(const gt_list *params, double lr, const gt_tuple *betas, double eps,
                              double weight_decay, double momentum_decay) {
  double b1, b2;
  if (!two_floats(betas, &b1, &b2)) return nullptr;
  return gt_optim_NAdam(params, lr, b1, b2, eps, weight_decay, momentum_decay);
}

gt_optim *gt_bind_optim_RAdam(const gt_list *params, double lr, const gt_tuple *betas, double eps,
                              double weight_decay) {
  double b1, b2;
  if (!two_floats(betas, &b1, &b2)) return nullptr;
  return gt_optim_RAdam(params, lr, b1, b2, eps, weight_decay);
}

gt_optim *gt_bind_optim_AdamW(const gt_list *params, double lr, const gt_tuple *betas, double eps,
                              double weight_decay, bool amsgrad) {
  double b1, b2;
  if (!two_floats(betas, &b1, &b2)) return nullptr;
  return gt_optim_AdamW(params, lr, b1, b2, eps, weight_decay, amsgrad);
}

double gt_bind_optim_lr(gt_optim *o) {
  double lr = gt_optim_get_lr(o, 0);
  if (std::isnan(lr)) gt_fail("%s", gt_last_error());
  return lr;
}

gt_list *gt_bind_optim_param_groups(gt_optim *o) {
  gt_list *l = gt_optim_param_groups(o);
  if (!l) gt_fail("%s", gt_last_error());
  return l;
}

// Whether the group has the key; errors (a None group) through gt_fail.
static bool has_key(gt_param_group *g, const char *key) {
  int has = gt_param_group_contains(g, key);
  if (has < 0) gt_fail("%s", gt_last_error());
  return has == 1;
}

// A stored value may be NAN, so presence is asked first, not read off the result.
double gt_bind_param_group_getitem(gt_param_group *g, const char *key) {
  if (!has_key(g, key)) gt_fail("KeyError: '%s'", key);
  return gt_param_group_get(g, key);
}

bool gt_bind_param_group_contains(gt_param_group *g, const char *key) { return has_key(g, key); }

double gt_bind_param_group_get(gt_param_group *g, const char *key, double dflt) {
  return has_key(g, key) ? gt_param_group_get(g, key) : dflt;
}

double gt_bind_param_group_setdefault(gt_param_group *g, const char *key, double dflt) {
  if (has_key(g, key)) return gt_param_group_get(g, key);
  if (gt_param_group_set(g, key, dflt) < 0) gt_fail("%s", gt_last_error());
  return dflt;
}

// The data set reads its images as ToTensor() makes them; a transform
// (gtorch_vision.h) is then applied to each image it reads.
static gt_dataset *with_transform(gt_dataset *d, const gt_transform *transform) {
  if (d && transform && gt_tv_dataset_set_transform(d, transform) < 0) {
    gt_release(d);
    return nullptr;
  }
  return d;
}

gt_dataset *gt_bind_FashionMNIST(const char *root, bool train, const gt_transform *transform, bool download) {
  return with_transform(gt_data_FashionMNIST(root, train, NAN, NAN), transform);
}

gt_dataset *gt_bind_MNIST(const char *root, bool train, const gt_transform *transform, bool download) {
  return with_transform(gt_data_MNIST(root, train, NAN, NAN), transform);
}

static const gt_type *const tensor_int[] = {&gt_t_obj, &gt_t_int};
static const gt_type tensor_int_pair = {GT_K_TUPLE, 2, tensor_int, NULL};

gt_tuple *gt_bind_image_getitem(gt_dataset *d, int64_t i) {
  gt_tensor *x = nullptr, *y = nullptr;
  if (gt_dataset_item(d, i, &x, &y) < 0) return nullptr;
  double label = gt_bind_item(y);
  gt_tuple *t = gt_tuple_of(&tensor_int_pair, gt_vp(x), gt_vi(static_cast<int64_t>(label)));
  gt_release(x);
  gt_release(y);
  return t;
}

// A sampler is the order a loader visits its items in: RandomSampler's is
// what shuffle=True draws (DataLoader builds that very sampler), so a loader
// keeps only whether to shuffle, and the generator the order comes from.
// The samplers: SequentialSampler and RandomSampler visit their data
// set's items (the loader's shuffle=False and shuffle=True orders); the
// others have indices of their own, which they draw for each pass
// (sampler_order), as PyTorch's __iter__ does.
enum SamplerKind { SEQUENTIAL, RANDOM, SUBSET_RANDOM, WEIGHTED_RANDOM };

struct gt_sampler {
  gt_obj h;
  SamplerKind kind;
  gt_dataset *data_source;  // Sequential and Random: a reference
  gt_generator *generator;  // generator=: a reference, or NULL
  gt_list *indices;         // SubsetRandomSampler's: a reference
  gt_tensor *weights;       // WeightedRandomSampler's, float64: a reference
  int64_t num_samples;
  bool replacement;
};

static void sampler_drop(gt_obj *o) {
  auto *s = reinterpret_cast<gt_sampler *>(o);
  gt_release(s->data_source);
  gt_release(s->generator);
  gt_release(s->indices);
  gt_release(s->weights);
  s->data_source = nullptr;
  s->generator = nullptr;
  s->indices = nullptr;
  s->weights = nullptr;
}

static gt_class sampler_class(const char *name) {
  gt_class c{};
  c.name = name;
  c.drop = sampler_drop;
  return c;
}

static const gt_class sampler_classes[] = {sampler_class("SequentialSampler"), sampler_class("RandomSampler"),
                                           sampler_class("SubsetRandomSampler"),
                                           sampler_class("WeightedRandomSampler")};

static gt_sampler *new_sampler(SamplerKind kind, gt_generator *generator) {
  auto *s = static_cast<gt_sampler *>(gt_alloc(sizeof(gt_sampler), &sampler_classes[kind]));
  s->kind = kind;
  s->data_source = nullptr;
  s->generator = static_cast<gt_generator *>(gt_retain(generator));
  s->indices = nullptr;
  s->weights = nullptr;
  s->num_samples = 0;
  s->replacement = false;
  return s;
}

static gt_sampler *data_sampler(gt_dataset *data_source, SamplerKind kind, gt_generator *generator) {
  if (!data_source) gt_fail("TypeError: a sampler needs a Dataset, got None");
  gt_sampler *s = new_sampler(kind, generator);
  s->data_source = static_cast<gt_dataset *>(gt_retain(data_source));
  return s;
}

gt_sampler *gt_bind_SequentialSampler(gt_dataset *data_source) { return data_sampler(data_source, SEQUENTIAL, NULL); }

gt_sampler *gt_bind_RandomSampler(gt_dataset *data_source, gt_generator *generator) {
  // RandomSampler's own check, at construction.
  int64_t n = gt_dataset_len(data_source);
  if (n < 0) gt_fail("%s", gt_last_error());
  if (n == 0) gt_fail("ValueError: num_samples should be a positive integer value, but got num_samples=0");
  return data_sampler(data_source, RANDOM, generator);
}

gt_sampler *gt_bind_SubsetRandomSampler(gt_list *indices, gt_generator *generator) {
  if (!indices) gt_fail("TypeError: object of type 'NoneType' has no len()");
  gt_sampler *s = new_sampler(SUBSET_RANDOM, generator);
  s->indices = static_cast<gt_list *>(gt_retain(indices));
  return s;
}

// WeightedRandomSampler's checks and torch.as_tensor(weights, dtype=torch.double).
gt_sampler *gt_bind_WeightedRandomSampler(gt_tensor *weights, int64_t num_samples, bool replacement,
                                          gt_generator *generator) {
  if (num_samples <= 0)
    gt_fail("ValueError: num_samples should be a positive integer value, but got num_samples=%lld",
            (long long)num_samples);
  if (!weights) gt_fail("TypeError: weights must be a sequence of numbers, not None");
  gt_tensor *w = gt_data_sampler_weights(weights);
  if (!w) gt_fail("%s", gt_last_error());
  gt_sampler *s = new_sampler(WEIGHTED_RANDOM, generator);
  s->weights = w;
  s->num_samples = num_samples;
  s->replacement = replacement;
  return s;
}

gt_sampler *gt_bind_WeightedRandomSampler_list(const gt_list *weights, int64_t num_samples, bool replacement,
                                               gt_generator *generator) {
  gt_tensor *w = weights ? gt_data_sampler_weights_list(weights) : nullptr;
  if (weights && !w) gt_fail("%s", gt_last_error());
  gt_sampler *s = gt_bind_WeightedRandomSampler(w, num_samples, replacement, generator);
  gt_release(w);
  return s;
}

int64_t gt_sampler_len(gt_sampler *s) {
  if (s->kind == SUBSET_RANDOM) return s->indices->len;
  if (s->kind == WEIGHTED_RANDOM) return s->num_samples;
  int64_t n = gt_dataset_len(s->data_source);
  if (n < 0) gt_fail("%s", gt_last_error());
  return n;
}

// A pass's indices of a sampler of its own: SubsetRandomSampler's
// indices[i] for i in torch.randperm(len(indices), generator=g),
// WeightedRandomSampler's torch.multinomial(weights, num_samples,
// replacement, generator=g). A new reference, or NULL.
static gt_tensor *sampler_order(gt_obj *o) {
  auto *s = reinterpret_cast<gt_sampler *>(o);
  if (s->kind == WEIGHTED_RANDOM) return gt_data_weighted_order(s->weights, s->num_samples, s->replacement, s->generator);
  return gt_data_subset_order(s->indices, s->generator);
}

gt_list *gt_sampler_iter(gt_sampler *s) {
  int64_t n = gt_sampler_len(s);
  if (s->kind == SUBSET_RANDOM || s->kind == WEIGHTED_RANDOM) {
    gt_tensor *order = sampler_order(&s->h);
    gt_list *l = order ? gt_tolist_i(order) : nullptr;
    gt_release(order);
    if (!l) gt_fail("%s", gt_last_error());
    return l;
  }
  if (s->kind == RANDOM) {
    gt_list *l = gt_data_random_order(n, s->generator);
    if (!l) gt_fail("%s", gt_last_error());
    return l;
  }
  gt_list *l = gt_list_new(&gt_t_list_int, n);
  for (int64_t i = 0; i < n; i++) gt_list_append(l, gt_vi(i));
  return l;
}

struct gt_batch_sampler {
  gt_obj h;
  gt_sampler *sampler;  // a reference
  int64_t batch_size;
  bool drop_last;
};

static void batch_sampler_drop(gt_obj *o) {
  auto *b = reinterpret_cast<gt_batch_sampler *>(o);
  gt_release(b->sampler);
  b->sampler = nullptr;
}

static const gt_class batch_sampler_class = [] {
  gt_class c{};
  c.name = "BatchSampler";
  c.drop = batch_sampler_drop;
  return c;
}();

gt_batch_sampler *gt_bind_BatchSampler(gt_sampler *sampler, int64_t batch_size, bool drop_last) {
  if (batch_size <= 0)
    gt_fail("ValueError: batch_size should be a positive integer value, but got batch_size=%lld",
            (long long)batch_size);
  if (!sampler) gt_fail("TypeError: 'NoneType' object is not iterable");
  auto *b = static_cast<gt_batch_sampler *>(gt_alloc(sizeof(gt_batch_sampler), &batch_sampler_class));
  b->sampler = static_cast<gt_sampler *>(gt_retain(sampler));
  b->batch_size = batch_size;
  b->drop_last = drop_last;
  return b;
}

int64_t gt_batch_sampler_len(gt_batch_sampler *b) {
  int64_t n = gt_sampler_len(b->sampler);
  return b->drop_last ? n / b->batch_size : (n + b->batch_size - 1) / b->batch_size;
}

gt_list *gt_batch_sampler_iter(gt_batch_sampler *b) {
  gt_list *order = gt_sampler_iter(b->sampler);
  gt_list *batches = gt_list_new(gt_type_list_of(&gt_t_list_int), 0);
  for (int64_t start = 0; start < order->len; start += b->batch_size) {
    int64_t len = b->batch_size < order->len - start ? b->batch_size : order->len - start;
    if (len < b->batch_size && b->drop_last) break;
    gt_list *batch = gt_list_new(&gt_t_list_int, len);
    for (int64_t i = 0; i < len; i++) gt_list_append(batch, order->items[start + i]);
    gt_list_append(batches, gt_vp(batch));
    gt_release(batch);
  }
  gt_release(order);
  return batches;
}

gt_loader *gt_bind_DataLoader(gt_dataset *dataset, int64_t batch_size, bool shuffle, gt_sampler *sampler,
                              gt_batch_sampler *batch_sampler, int64_t num_workers, gt_fn *collate_fn,
                              bool pin_memory, bool drop_last, bool persistent_workers, gt_generator *generator) {
  if (batch_sampler) {
    if (gt_dataset_is_iterable(dataset))
      gt_fail("ValueError: DataLoader with IterableDataset: expected unspecified batch_sampler option");
    if (batch_size != 1 || shuffle || sampler || drop_last)
      gt_fail("ValueError: batch_sampler option is mutually exclusive with batch_size, shuffle, sampler, and "
              "drop_last");
    sampler = batch_sampler->sampler;
    batch_size = batch_sampler->batch_size;
    drop_last = batch_sampler->drop_last;
  }
  if (sampler) {
    if (gt_dataset_is_iterable(dataset))
      gt_fail("ValueError: DataLoader with IterableDataset: expected unspecified sampler option");
    if (shuffle && !batch_sampler) gt_fail("ValueError: sampler option is mutually exclusive with shuffle");
    shuffle = sampler->kind == RANDOM;
  }
  if (persistent_workers && num_workers == 0)
    gt_fail("ValueError: persistent_workers option needs num_workers > 0");
  gt_loader *l = gt_DataLoader(dataset, batch_size, shuffle, drop_last, num_workers);
  // shuffle=True without a sampler: DataLoader's RandomSampler(dataset,
  // generator=generator); a sampler's own generator otherwise.
  gt_generator *order = sampler ? sampler->generator : generator;
  if (l && gt_loader_set_generators(l, generator, order) != 0) gt_fail("%s", gt_last_error());
  if (l && collate_fn && gt_loader_set_collate(l, collate_fn) != 0) gt_fail("%s", gt_last_error());
  bool own_order = sampler && (sampler->kind == SUBSET_RANDOM || sampler->kind == WEIGHTED_RANDOM);
  if (l && own_order && gt_loader_set_order(l, &sampler->h, sampler_order, gt_sampler_len(sampler)) != 0)
    gt_fail("%s", gt_last_error());
  return l;
}

}  // extern "C"

// ---- losses with PyTorch's deprecated size_average and reduce -------------------------
// Each takes PyTorch 1.13's positional order; a size_average or reduce
// that is given (not GT_NONE_INT) decides the reduction as PyTorch's
// _Reduction.legacy_get_string does (None counts as True), whose warning
// is not printed.

namespace {

const char *legacy_reduction(int64_t size_average, int64_t reduce, const char *reduction) {
  if (size_average == GT_NONE_INT && reduce == GT_NONE_INT) return reduction;
  bool average = size_average == GT_NONE_INT || size_average != 0, reduced = reduce == GT_NONE_INT || reduce != 0;
  return average && reduced ? "mean" : reduced ? "sum" : "none";
}

}  // namespace

gt_str *gt_bind_legacy_reduction(int64_t size_average, int64_t reduce, const char *reduction) {
  const char *r = legacy_reduction(size_average, reduce, reduction);
  return gt_str_new(r, (int64_t)strlen(r));
}

gt_tensor *gt_bind_F_nll_loss(gt_tensor *input, gt_tensor *target, gt_tensor *weight, int64_t size_average,
                              int64_t ignore_index, int64_t reduce, const char *reduction) {
  return gt_F_nll_loss(input, target, weight, ignore_index, legacy_reduction(size_average, reduce, reduction));
}

gt_tensor *gt_bind_F_cross_entropy(gt_tensor *input, gt_tensor *target, gt_tensor *weight, int64_t size_average,
                                   int64_t ignore_index, int64_t reduce, const char *reduction,
                                   double label_smoothing) {
  return gt_F_cross_entropy(input, target, weight, ignore_index, legacy_reduction(size_average, reduce, reduction),
                            label_smoothing);
}

gt_tensor *gt_bind_F_mse_loss(gt_tensor *input, gt_tensor *target, int64_t size_average, int64_t reduce,
                              const char *reduction) {
  return gt_F_mse_loss(input, target, legacy_reduction(size_average, reduce, reduction));
}

gt_tensor *gt_bind_F_l1_loss(gt_tensor *input, gt_tensor *target, int64_t size_average, int64_t reduce,
                             const char *reduction) {
  return gt_F_l1_loss(input, target, legacy_reduction(size_average, reduce, reduction));
}

gt_tensor *gt_bind_F_smooth_l1_loss(gt_tensor *input, gt_tensor *target, int64_t size_average, int64_t reduce,
                                    const char *reduction, double beta) {
  return gt_F_smooth_l1_loss(input, target, legacy_reduction(size_average, reduce, reduction), beta);
}

gt_tensor *gt_bind_F_binary_cross_entropy(gt_tensor *input, gt_tensor *target, gt_tensor *weight,
                                          int64_t size_average, int64_t reduce, const char *reduction) {
  return gt_F_binary_cross_entropy(input, target, weight, legacy_reduction(size_average, reduce, reduction));
}

gt_tensor *gt_bind_F_binary_cross_entropy_with_logits(gt_tensor *input, gt_tensor *target, gt_tensor *weight,
                                                      int64_t size_average, int64_t reduce, const char *reduction,
                                                      gt_tensor *pos_weight) {
  return gt_F_binary_cross_entropy_with_logits(input, target, weight,
                                               legacy_reduction(size_average, reduce, reduction), pos_weight);
}

gt_tensor *gt_bind_F_kl_div(gt_tensor *input, gt_tensor *target, int64_t size_average, int64_t reduce,
                            const char *reduction, bool log_target) {
  return gt_F_kl_div(input, target, legacy_reduction(size_average, reduce, reduction), log_target);
}
