// nn_attrs.cpp - a layer's attributes as PyTorch's (conv.kernel_size,
// bn.running_mean, drop.p), read through the layer's own class or through
// any nn.Module value: seq[i], a child of model.modules(), a fine-tuned
// model's classifier[1].
//
// A layer with parameters has them as its libtorch module's options; a
// parameter-free one keeps those it was made with (gt_module_state::attrs);
// a .gtp module has its fields, which its class's layout names (a class
// deriving a layer, the layer's too). A module without the attribute
// raises PyTorch's AttributeError.
#include <torch/nn/modules/batchnorm.h>
#include <torch/nn/modules/conv.h>
#include <torch/nn/modules/embedding.h>
#include <torch/nn/functional/instancenorm.h>
#include <torch/nn/modules/instancenorm.h>
#include <torch/nn/modules/linear.h>
#include <torch/nn/modules/normalization.h>
#include <torch/nn/modules/rnn.h>

#include <cstring>
#include <iterator>

#include "nn_tree.h"

namespace {

namespace nn = torch::nn;
using Attrs = gt_layer_attrs;

// ---- a convolution's options ---------------------------------------------------

// What PyTorch's Conv1d, Conv2d, Conv3d and ConvTranspose1d/2d/3d show as attributes:
// their options (`conv.in_channels`, `conv.kernel_size == (3, 3)`). Plain
// data, so that gt_fail may leave a frame holding one.
struct ConvInfo {
  int64_t in, out, groups;
  size_t dims;
  int64_t kernel[3], stride[3], padding[3], dilation[3];
  const char *padding_str;  // "same" / "valid", or NULL
};

template <size_t D>
void put(int64_t *to, const torch::ExpandingArray<D> &a) {
  for (size_t i = 0; i < D; i++) to[i] = (*a)[i];
}

template <size_t D>
ConvInfo info_of(const nn::detail::ConvNdOptions<D> &o) {
  ConvInfo c{o.in_channels(), o.out_channels(), o.groups(), D, {0, 0, 0}, {0, 0, 0}, {0, 0, 0}, {0, 0, 0}, nullptr};
  put<D>(c.kernel, o.kernel_size()), put<D>(c.stride, o.stride()), put<D>(c.dilation, o.dilation());
  if (const auto *a = c10::get_if<torch::ExpandingArray<D>>(&o.padding())) put<D>(c.padding, *a);
  else c.padding_str = c10::get_if<torch::enumtype::kSame>(&o.padding()) ? "same" : "valid";
  return c;
}

// The options of the convolution s, or false where s is none.
bool conv_of(const gt_module_state &s, ConvInfo *c) {
  const nn::Module *m = s.module.get();
  if (auto *c1 = dynamic_cast<const nn::Conv1dImpl *>(m)) *c = info_of<1>(c1->options);
  else if (auto *c2 = dynamic_cast<const nn::Conv2dImpl *>(m)) *c = info_of<2>(c2->options);
  else if (auto *t2 = dynamic_cast<const nn::ConvTranspose2dImpl *>(m)) *c = info_of<2>(t2->options);
  else if (auto *c3 = dynamic_cast<const nn::Conv3dImpl *>(m)) *c = info_of<3>(c3->options);
  else if (auto *t1 = dynamic_cast<const nn::ConvTranspose1dImpl *>(m)) *c = info_of<1>(t1->options);
  else if (auto *t3 = dynamic_cast<const nn::ConvTranspose3dImpl *>(m)) *c = info_of<3>(t3->options);
  else return false;
  return true;
}

[[noreturn]] void no_attribute(gt_module *m, const char *name) {
  gt_throw("AttributeError: '%s' object has no attribute '%s'", gt_module_type(m), name);
}

// The options of m (a convolution, or a .gtp class deriving one).
ConvInfo conv_info(gt_module *m, const char *name) {
  ConvInfo c{};
  if (!conv_of(gt_module_unwrap(m), &c)) no_attribute(m, name);
  return c;
}

ConvInfo conv_info_or_raise(gt_module *m, const char *name) {
  ConvInfo c{};
  if (!GT_VALUE(bool, false, (c = conv_info(m, name), true))) gt_fail("%s", gt_last_error());
  return c;
}

std::vector<int64_t> ints(const int64_t *v, size_t dims) { return std::vector<int64_t>(v, v + dims); }

Attrs conv_attrs(const ConvInfo &c) {
  gt_layer_attr padding = c.padding_str ? gt_layer_attr(std::string(c.padding_str)) : ints(c.padding, c.dims);
  return {{"in_channels", c.in},
          {"out_channels", c.out},
          {"kernel_size", ints(c.kernel, c.dims)},
          {"stride", ints(c.stride, c.dims)},
          {"padding", padding},
          {"dilation", ints(c.dilation, c.dims)},
          {"groups", c.groups}};
}

const gt_type *const one_int[] = {&gt_t_int};
const gt_type *const two_ints[] = {&gt_t_int, &gt_t_int};
const gt_type tuple_int1 = {GT_K_TUPLE, 1, one_int, nullptr};
const gt_type tuple_int2 = {GT_K_TUPLE, 2, two_ints, nullptr};
const gt_type *const three_ints[] = {&gt_t_int, &gt_t_int, &gt_t_int};
const gt_type tuple_int3 = {GT_K_TUPLE, 3, three_ints, nullptr};

gt_tuple *int_tuple(const int64_t *v, size_t dims) {
  if (dims == 3) return gt_tuple_of(&tuple_int3, gt_vi(v[0]), gt_vi(v[1]), gt_vi(v[2]));
  return dims == 1 ? gt_tuple_of(&tuple_int1, gt_vi(v[0])) : gt_tuple_of(&tuple_int2, gt_vi(v[0]), gt_vi(v[1]));
}

// ---- every layer's ---------------------------------------------------------------

template <class Impl>
const Impl *as(const gt_module_state &s) {
  return dynamic_cast<const Impl *>(s.module.get());
}

gt_layer_attr none_or(const c10::optional<int64_t> &v) { return v ? gt_layer_attr(*v) : gt_layer_attr(); }
gt_layer_attr none_or(const c10::optional<double> &v) { return v ? gt_layer_attr(*v) : gt_layer_attr(); }

Attrs batch_norm_attrs(const nn::BatchNormOptions &o) {
  return {{"num_features", o.num_features()}, {"eps", o.eps()}, {"momentum", none_or(o.momentum())},
          {"affine", o.affine()}, {"track_running_stats", o.track_running_stats()}};
}

Attrs embedding_attrs(const nn::EmbeddingOptions &o) {
  return {{"num_embeddings", o.num_embeddings()}, {"embedding_dim", o.embedding_dim()},
          {"padding_idx", none_or(o.padding_idx())}, {"max_norm", none_or(o.max_norm())},
          {"norm_type", o.norm_type()}, {"scale_grad_by_freq", o.scale_grad_by_freq()}, {"sparse", o.sparse()}};
}

Attrs embedding_bag_attrs(const nn::EmbeddingBagOptions &o) {
  return {{"num_embeddings", o.num_embeddings()}, {"embedding_dim", o.embedding_dim()},
          {"max_norm", none_or(o.max_norm())}, {"norm_type", o.norm_type()},
          {"scale_grad_by_freq", o.scale_grad_by_freq()}, {"sparse", o.sparse()},
          {"include_last_offset", o.include_last_offset()}, {"padding_idx", none_or(o.padding_idx())}};
}

// RNNBase's (its bias, a flag, is the bias property's: bind_nn.cpp)
Attrs rnn_attrs(const nn::detail::RNNOptionsBase &o) {
  return {{"input_size", o.input_size()},   {"hidden_size", o.hidden_size()}, {"num_layers", o.num_layers()},
          {"batch_first", o.batch_first()}, {"dropout", o.dropout()},         {"bidirectional", o.bidirectional()},
          {"proj_size", o.proj_size()}};
}

Attrs cell_attrs(const nn::detail::RNNCellOptionsBase &o) {
  return {{"input_size", o.input_size()}, {"hidden_size", o.hidden_size()}};
}

// PyTorch's plain attributes of the built-in layer s.
Attrs layer_attrs(const gt_module_state &s) {
  ConvInfo c{};
  if (conv_of(s, &c)) return conv_attrs(c);
  if (auto *l = as<nn::LinearImpl>(s))
    return {{"in_features", l->options.in_features()}, {"out_features", l->options.out_features()}};
  if (auto *b = as<nn::BatchNorm1dImpl>(s)) return batch_norm_attrs(b->options);
  if (auto *b = as<nn::BatchNorm2dImpl>(s)) return batch_norm_attrs(b->options);
  if (auto *b = as<nn::BatchNorm3dImpl>(s)) return batch_norm_attrs(b->options);
  if (auto *n = as<nn::LayerNormImpl>(s))
    return {{"normalized_shape", n->options.normalized_shape()}, {"eps", n->options.eps()},
            {"elementwise_affine", n->options.elementwise_affine()}};
  if (auto *e = as<nn::EmbeddingImpl>(s)) return embedding_attrs(e->options);
  if (auto *e = as<nn::EmbeddingBagImpl>(s)) return embedding_bag_attrs(e->options);
  if (auto *r = as<nn::RNNImpl>(s)) return rnn_attrs(r->options_base);
  if (auto *r = as<nn::LSTMImpl>(s)) return rnn_attrs(r->options_base);
  if (auto *r = as<nn::GRUImpl>(s)) return rnn_attrs(r->options_base);
  if (auto *r = as<nn::RNNCellImpl>(s)) return cell_attrs(r->options_base);
  if (auto *r = as<nn::LSTMCellImpl>(s)) return cell_attrs(r->options_base);
  if (auto *r = as<nn::GRUCellImpl>(s)) return cell_attrs(r->options_base);
  return s.attrs;
}

template <class T>
T stored(const char *at) {
  T v;
  memcpy(&v, at, sizeof v);
  return v;
}

// The value of a .gtp object's field of type t stored at `at`: a number,
// a bool, a str, a tuple of ints, None (an Optional's), or the object.
gt_layer_attr field_value(const char *at, const gt_type *t) {
  if (t->kind == GT_K_INT) {
    int64_t i = stored<int64_t>(at);
    return i == GT_NONE_INT ? gt_layer_attr() : gt_layer_attr(i);
  }
  if (t->kind == GT_K_FLOAT) {
    double f = stored<double>(at);
    return gt_float_is_none(f) ? gt_layer_attr() : gt_layer_attr(f);
  }
  if (t->kind == GT_K_BOOL) return stored<bool>(at);
  void *p = gt_type_is_ref(t) ? stored<void *>(at) : nullptr;
  if (!p) return std::monostate();
  if (t->kind == GT_K_STR) return std::string(static_cast<gt_str *>(p)->data, static_cast<gt_str *>(p)->len);
  auto *tuple = static_cast<const gt_tuple *>(p);
  std::vector<int64_t> ints;
  for (int64_t k = 0; t->kind == GT_K_TUPLE && k < tuple->len && tuple->type->args[k]->kind == GT_K_INT; k++)
    ints.push_back(tuple->items[k].i);
  if (t->kind == GT_K_TUPLE && (int64_t)ints.size() == tuple->len) return ints;
  return static_cast<const gt_obj *>(p);
}

// A .gtp module's field `name` (its class's layout lists its .gtp bases'
// fields too); false where it has none.
bool field_of(gt_module *m, const char *name, gt_layer_attr *out) {
  bool user = gt_module_kind_of(m) == gt_module_kind::user;
  const gt_field *f = user ? gt_class_field(m->h.cls, name) : nullptr;
  if (f) *out = field_value(reinterpret_cast<const char *>(m) + f->offset, f->type);
  return f != nullptr;
}

// m's attribute `name`: a .gtp module's field, else its layer's (a .gtp
// class deriving one has the layer's), else PyTorch's AttributeError.
gt_layer_attr attr_of(gt_module *m, const char *name) {
  gt_layer_attr a;
  if (field_of(m, name, &a)) return a;
  if (gt_module *layer = gt_module_layer_of(m))
    for (auto &named : layer_attrs(gt_module_unwrap(layer)))
      if (named.first == name) return named.second;
  no_attribute(m, name);
}

// "the int 2", "the str 'same'", "None": a value read where another type
// was declared (a pooling size given as an int, a padding given as a str).
std::string described(const gt_layer_attr &a) {
  if (auto *i = std::get_if<int64_t>(&a)) return "the int " + std::to_string(*i);
  if (auto *s = std::get_if<std::string>(&a)) return "the str '" + *s + "'";
  if (auto *f = std::get_if<double>(&a)) return "the float " + gt_py_float(*f);
  if (auto *b = std::get_if<bool>(&a)) return *b ? "True" : "False";
  if (std::holds_alternative<std::monostate>(a)) return "None";
  if (auto *o = std::get_if<const gt_obj *>(&a)) return std::string("a ") + (*o)->cls->name;
  return "a tuple";
}

template <class T>
const T &expect(const gt_layer_attr &a, gt_module *m, const char *name, const char *declared) {
  if (auto *v = std::get_if<T>(&a)) return *v;
  gt_throw("TypeError: this %s's %s is %s, not %s", gt_module_type(m), name, described(a).c_str(), declared);
}

// Reads m's attribute `name` as `read` converts it, raising its errors
// (gt_fail, outside the frames that hold C++ values).
template <class T, class Read>
T read_attr(gt_module *m, const char *name, Read read) {
  T v{};
  if (!GT_VALUE(bool, false, (v = read(attr_of(m, name)), true))) gt_fail("%s", gt_last_error());
  return v;
}

int64_t int_attr(gt_module *m, const char *name) {
  return read_attr<int64_t>(m, name, [&](const gt_layer_attr &a) { return expect<int64_t>(a, m, name, "an int"); });
}

int64_t int_or_none_attr(gt_module *m, const char *name) {
  return read_attr<int64_t>(m, name, [&](const gt_layer_attr &a) {
    return std::holds_alternative<std::monostate>(a) ? GT_NONE_INT : expect<int64_t>(a, m, name, "an int");
  });
}

double float_attr(gt_module *m, const char *name) {
  return read_attr<double>(m, name, [&](const gt_layer_attr &a) { return expect<double>(a, m, name, "a float"); });
}

double float_or_none_attr(gt_module *m, const char *name) {
  return read_attr<double>(m, name, [&](const gt_layer_attr &a) {
    return std::holds_alternative<std::monostate>(a) ? GT_NONE_FLOAT : expect<double>(a, m, name, "a float");
  });
}

bool bool_attr(gt_module *m, const char *name) {
  return read_attr<bool>(m, name, [&](const gt_layer_attr &a) { return expect<bool>(a, m, name, "a bool"); });
}

// A tuple[int, ...] of the sizes.
gt_tuple *ints_attr(gt_module *m, const char *name) {
  return read_attr<gt_tuple *>(m, name, [&](const gt_layer_attr &a) {
    const std::vector<int64_t> &v = expect<std::vector<int64_t>>(a, m, name, "a tuple");
    std::vector<gt_val> items;
    for (int64_t x : v) items.push_back(gt_vi(x));
    return gt_tuple_of_elems(&gt_t_int, (int64_t)items.size(), items.data());
  });
}

bool is_batch_norm(gt_module *layer) {
  if (!layer) return false;
  gt_module_state &s = gt_module_unwrap(layer);
  return as<nn::BatchNorm1dImpl>(s) || as<nn::BatchNorm2dImpl>(s) || as<nn::BatchNorm3dImpl>(s) ||
         as<nn::InstanceNorm1dImpl>(s) || as<nn::InstanceNorm2dImpl>(s) || as<nn::InstanceNorm3dImpl>(s);
}

// Whether m has the tensor attribute `name` (a .gtp module's field or the
// buffer it registered, a layer's buffer, None where a batch norm tracks
// no running statistics), and in *value what it holds.
bool has_tensor_attr(gt_module *m, const char *name, gt_layer_attr *value) {
  if (field_of(m, name, value)) return true;
  for (auto &named : gt_module_parts_of(m).buffers)
    if (named.first == name) {
      *value = reinterpret_cast<const gt_obj *>(named.second);
      return true;
    }
  *value = std::monostate();
  return is_batch_norm(gt_module_layer_of(m));
}

// m's tensor attribute `name`: a new reference; NULL without an error for
// None.
gt_tensor *tensor_attr(gt_module *m, const char *name) {
  gt_tensor *t = GT_VALUE(gt_tensor *, nullptr, ([&]() -> gt_tensor * {
                            gt_layer_attr a;
                            if (!has_tensor_attr(m, name, &a)) no_attribute(m, name);
                            auto *o = std::get_if<const gt_obj *>(&a);
                            if (o && (*o)->cls == &gt_tensor_class)
                              return reinterpret_cast<gt_tensor *>(const_cast<gt_obj *>(*o));
                            if (!std::holds_alternative<std::monostate>(a))
                              gt_throw("TypeError: this %s's %s is %s, not a Tensor", gt_module_type(m), name,
                                       described(a).c_str());
                            gt_clear_error();
                            return nullptr;
                          }()));
  return t ? static_cast<gt_tensor *>(gt_retain(t)) : nullptr;
}

// What nn.Module declares (stdlib/torch/nn/__init__.gtp) that only some
// layers have: hasattr asks the module.
const char *const plain_attrs[] = {
    "in_features", "out_features", "in_channels", "out_channels", "kernel_size", "stride", "padding", "dilation",
    "groups", "num_features", "eps", "momentum", "affine", "track_running_stats", "normalized_shape",
    "elementwise_affine", "p", "inplace", "num_embeddings", "embedding_dim", "padding_idx", "input_size",
    "hidden_size", "num_layers", "batch_first", "bidirectional"};
const char *const tensor_attrs[] = {"running_mean", "running_var", "num_batches_tracked"};

bool named_in(const char *name, const char *const *names, size_t n) {
  for (size_t i = 0; i < n; i++)
    if (!strcmp(name, names[i])) return true;
  return false;
}

}  // namespace

// hasattr(m, name) of a layer's attribute nn.Module declares: 1 or 0; -1
// where name is none of them.
int gt_module_has_layer_attr(gt_module *m, const char *name) noexcept {
  bool tensor = named_in(name, tensor_attrs, std::size(tensor_attrs));
  if (!tensor && !named_in(name, plain_attrs, std::size(plain_attrs))) return -1;
  gt_layer_attr value;
  bool has = GT_VALUE(bool, false, tensor ? has_tensor_attr(m, name, &value) : (attr_of(m, name), true));
  gt_clear_error();
  return has;
}

extern "C" {

// ---- the convolutions' own: fixed tuples of one or two ints ----

int64_t gt_bind_conv_in_channels(gt_module *m) { return conv_info_or_raise(m, "in_channels").in; }
int64_t gt_bind_conv_out_channels(gt_module *m) { return conv_info_or_raise(m, "out_channels").out; }
int64_t gt_bind_conv_groups(gt_module *m) { return conv_info_or_raise(m, "groups").groups; }
gt_tuple *gt_bind_conv_kernel_size(gt_module *m) {
  ConvInfo c = conv_info_or_raise(m, "kernel_size");
  return int_tuple(c.kernel, c.dims);
}
gt_tuple *gt_bind_conv_stride(gt_module *m) {
  ConvInfo c = conv_info_or_raise(m, "stride");
  return int_tuple(c.stride, c.dims);
}
gt_tuple *gt_bind_conv_dilation(gt_module *m) {
  ConvInfo c = conv_info_or_raise(m, "dilation");
  return int_tuple(c.dilation, c.dims);
}
// padding="same" / "valid" is a str in PyTorch, which a tuple-typed attribute cannot hold.
gt_tuple *gt_bind_conv_padding(gt_module *m) {
  ConvInfo c = conv_info_or_raise(m, "padding");
  if (c.padding_str) gt_fail("TypeError: this convolution's padding is the str '%s', not a tuple", c.padding_str);
  return int_tuple(c.padding, c.dims);
}

// ---- any module's: nn.Module's properties ----

int64_t gt_bind_module_in_features(gt_module *m) { return int_attr(m, "in_features"); }
int64_t gt_bind_module_out_features(gt_module *m) { return int_attr(m, "out_features"); }
int64_t gt_bind_module_in_channels(gt_module *m) { return int_attr(m, "in_channels"); }
int64_t gt_bind_module_out_channels(gt_module *m) { return int_attr(m, "out_channels"); }
gt_tuple *gt_bind_module_kernel_size(gt_module *m) { return ints_attr(m, "kernel_size"); }
gt_tuple *gt_bind_module_stride(gt_module *m) { return ints_attr(m, "stride"); }
gt_tuple *gt_bind_module_padding(gt_module *m) { return ints_attr(m, "padding"); }
gt_tuple *gt_bind_module_dilation(gt_module *m) { return ints_attr(m, "dilation"); }
int64_t gt_bind_module_groups(gt_module *m) { return int_attr(m, "groups"); }
int64_t gt_bind_module_num_features(gt_module *m) { return int_attr(m, "num_features"); }
double gt_bind_module_eps(gt_module *m) { return float_attr(m, "eps"); }
double gt_bind_module_momentum(gt_module *m) { return float_or_none_attr(m, "momentum"); }
bool gt_bind_module_affine(gt_module *m) { return bool_attr(m, "affine"); }
bool gt_bind_module_track_running_stats(gt_module *m) { return bool_attr(m, "track_running_stats"); }
gt_tuple *gt_bind_module_normalized_shape(gt_module *m) { return ints_attr(m, "normalized_shape"); }
bool gt_bind_module_elementwise_affine(gt_module *m) { return bool_attr(m, "elementwise_affine"); }
double gt_bind_module_p(gt_module *m) { return float_attr(m, "p"); }
bool gt_bind_module_inplace(gt_module *m) { return bool_attr(m, "inplace"); }
int64_t gt_bind_module_num_embeddings(gt_module *m) { return int_attr(m, "num_embeddings"); }
int64_t gt_bind_module_embedding_dim(gt_module *m) { return int_attr(m, "embedding_dim"); }
int64_t gt_bind_module_padding_idx(gt_module *m) { return int_or_none_attr(m, "padding_idx"); }
int64_t gt_bind_module_input_size(gt_module *m) { return int_attr(m, "input_size"); }
int64_t gt_bind_module_hidden_size(gt_module *m) { return int_attr(m, "hidden_size"); }
int64_t gt_bind_module_num_layers(gt_module *m) { return int_attr(m, "num_layers"); }
bool gt_bind_module_batch_first(gt_module *m) { return bool_attr(m, "batch_first"); }
bool gt_bind_module_bidirectional(gt_module *m) { return bool_attr(m, "bidirectional"); }

gt_tensor *gt_bind_module_running_mean(gt_module *m) { return tensor_attr(m, "running_mean"); }
gt_tensor *gt_bind_module_running_var(gt_module *m) { return tensor_attr(m, "running_var"); }
gt_tensor *gt_bind_module_num_batches_tracked(gt_module *m) { return tensor_attr(m, "num_batches_tracked"); }

}  // extern "C"
