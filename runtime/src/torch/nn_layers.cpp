// nn_layers.cpp - the constructors of nn modules.
//
// Modules with parameters wrap libtorch's torch::nn modules, which create,
// name and initialise their tensors as Python's do (same RNG draws in the
// same order). Parameter-free modules are a bare torch::nn::Module (for the
// training flag) plus a forward that does what Python's forward does.
#include <torch/nn/modules/activation.h>
#include <torch/nn/modules/batchnorm.h>
#include <torch/nn/modules/conv.h>
#include <torch/nn/modules/embedding.h>
#include <torch/nn/functional/instancenorm.h>
#include <torch/nn/modules/instancenorm.h>
#include <torch/nn/modules/linear.h>
#include <torch/nn/modules/normalization.h>

#include <cmath>

#include "nn_module.h"

namespace {

namespace nn = torch::nn;
using Fwd = gt_forward_fn;

// Python's str() of the values that reprs show.
std::string py(double x) { return gt_py_float(x); }
std::string py(bool b) { return b ? "True" : "False"; }
std::string py(int64_t i) { return std::to_string(i); }
std::string py_tuple(std::vector<int64_t> v) {
  std::string s = "(";
  for (size_t i = 0; i < v.size(); i++) s += (i ? ", " : "") + std::to_string(v[i]);
  return s + (v.size() == 1 ? ",)" : ")");
}
// A kernel_size-like argument: Python shows what was given; (h, w) with
// h == w was most likely given as one int.
std::string py_hw(int64_t h, int64_t w) { return h == w ? py(h) : py_tuple({h, w}); }

void check_positive(int64_t v, const char *what) {
  if (v <= 0) gt_throw("%s must be positive, got %lld", what, (long long)v);
}

nn::detail::conv_padding_mode_t padding_mode(const char *m) {
  std::string s = m ? m : "zeros";
  if (s == "zeros") return torch::kZeros;
  if (s == "reflect") return torch::kReflect;
  if (s == "replicate") return torch::kReplicate;
  if (s == "circular") return torch::kCircular;
  gt_throw("padding_mode must be one of ['zeros', 'reflect', 'replicate', 'circular'], but got "
           "padding_mode='%s'", s.c_str());
}

// Python's _ConvNd.extra_repr.
std::string conv_repr(const std::string &type, int64_t in, int64_t out,
                      const std::vector<int64_t> &k, const std::vector<int64_t> &stride,
                      const std::vector<int64_t> &padding, const char *pword,
                      const std::vector<int64_t> &dilation, const std::vector<int64_t> &out_pad,
                      int64_t groups, bool bias, const char *pmode) {
  auto all = [](const std::vector<int64_t> &v, int64_t x) {
    for (int64_t e : v)
      if (e != x) return false;
    return true;
  };
  std::string s = type + "(" + py(in) + ", " + py(out) + ", kernel_size=" + py_tuple(k) +
                  ", stride=" + py_tuple(stride);
  if (pword) s += ", padding=" + std::string(pword);  // 'same' / 'valid', shown bare
  else if (!all(padding, 0)) s += ", padding=" + py_tuple(padding);
  if (!all(dilation, 1)) s += ", dilation=" + py_tuple(dilation);
  if (!all(out_pad, 0)) s += ", output_padding=" + py_tuple(out_pad);
  if (groups != 1) s += ", groups=" + py(groups);
  if (!bias) s += ", bias=False";
  if (pmode && std::string(pmode) != "zeros") s += ", padding_mode=" + std::string(pmode);
  return s + ")";
}

// A module without parameters: a plain Module for train()/eval() (the
// flag Dropout's forward reads), and the attributes PyTorch's has.
gt_module *stateless(const std::string &type, const std::string &args, Fwd f, gt_layer_attrs attrs = {}) {
  gt_module *m = gt_module_make(type, type + "(" + args + ")", std::make_shared<nn::Module>(type), std::move(f));
  m->s->attrs = std::move(attrs);
  return m;
}

// An attribute kept as Python keeps it: an int or a tuple as given (an
// int where the two sizes agree, as py_hw shows them), None for GT_NONE_INT.
gt_layer_attr given(int64_t h, int64_t w) {
  return h == w ? gt_layer_attr(h) : gt_layer_attr(std::vector<int64_t>{h, w});
}
gt_layer_attr given(const gt_ints &v) {
  if (v.n <= 0) return std::monostate();
  if (v.n == 1) return v.v[0];
  return std::vector<int64_t>(v.v, v.v + std::min<int64_t>(v.n, GT_INTS_MAX));
}
gt_layer_attr int_or_none(int64_t v) { return v == GT_NONE_INT ? gt_layer_attr() : gt_layer_attr(v); }

// Python's Linear.forward, F.linear (at::linear): for a 3-d input an addmm
// of it flattened, then a view, where the C++ frontend's LinearImpl makes
// a matmul and an add; the graph is the one PyTorch's makes (its grad_fn,
// the node a register_backward_hook hook sees).
Fwd linear_forward() {
  return [](nn::Module &m, const at::Tensor &x) {
    auto &linear = dynamic_cast<nn::LinearImpl &>(m);
    return at::linear(x, linear.weight, linear.bias);
  };
}

}  // namespace

// ---- layers with parameters ---------------------------------------------------------

extern "C" gt_module *gt_nn_Linear(int64_t in_features, int64_t out_features, bool bias) {
  return GT_VALUE(gt_module *, nullptr, ([&] {
                    auto m = std::make_shared<nn::LinearImpl>(
                        nn::LinearOptions(in_features, out_features).bias(bias));
                    std::string r = "Linear(in_features=" + py(in_features) +
                                    ", out_features=" + py(out_features) + ", bias=" + py(bias) + ")";
                    return gt_module_make("Linear", r, m, linear_forward());
                  }()));
}

extern "C" gt_module *gt_nn_Conv1d(int64_t in_channels, int64_t out_channels, int64_t kernel_size,
                                   int64_t stride, int64_t padding, int64_t dilation,
                                   int64_t groups, bool bias, const char *pmode) {
  return GT_VALUE(gt_module *, nullptr, ([&] {
                    nn::Conv1dOptions o(in_channels, out_channels, kernel_size);
                    o.stride(stride).dilation(dilation).groups(groups).bias(bias).padding_mode(padding_mode(pmode));
                    bool same = padding == GT_PADDING_SAME;
                    if (same) o.padding(torch::kSame);
                    else o.padding(padding);
                    auto m = std::make_shared<nn::Conv1dImpl>(o);
                    std::string r = conv_repr("Conv1d", in_channels, out_channels, {kernel_size}, {stride},
                                              {padding}, same ? "same" : nullptr, {dilation}, {0}, groups, bias, pmode);
                    return gt_module_make("Conv1d", r, m, gt_forward_of<nn::Conv1dImpl>());
                  }()));
}

namespace {

using Ints = std::vector<int64_t>;

// Every Conv2d: `padding` holds the sizes, unless `pstr` is "same" or "valid".
gt_module *conv2d(int64_t in, int64_t out, const Ints &k, const Ints &stride, const Ints &padding,
                  const char *pstr, const Ints &dilation, int64_t groups, bool bias, const char *pmode) {
  nn::Conv2dOptions o(in, out, torch::ExpandingArray<2>(k));
  o.stride(torch::ExpandingArray<2>(stride)).dilation(torch::ExpandingArray<2>(dilation));
  o.groups(groups).bias(bias).padding_mode(padding_mode(pmode));
  std::string ps = pstr ? pstr : "";
  if (ps == "same") o.padding(torch::kSame);
  else if (ps == "valid") o.padding(torch::kValid);
  else if (pstr) gt_throw("Invalid padding string '%s', should be one of {'valid', 'same'}", pstr);
  else o.padding(torch::ExpandingArray<2>(padding));
  auto m = std::make_shared<nn::Conv2dImpl>(o);
  std::string r = conv_repr("Conv2d", in, out, k, stride, padding, pstr, dilation, {0, 0}, groups, bias, pmode);
  return gt_module_make("Conv2d", r, m, gt_forward_of<nn::Conv2dImpl>());
}

// Every ConvTranspose1d, 2d and 3d (Impl): sizes of D values each.
template <class Impl, size_t D>
gt_module *conv_transpose(const char *type, int64_t in, int64_t out, const Ints &k, const Ints &stride,
                          const Ints &padding, const Ints &out_pad, int64_t groups, bool bias, const Ints &dilation) {
  nn::ConvTransposeOptions<D> o(in, out, torch::ExpandingArray<D>(k));
  o.stride(torch::ExpandingArray<D>(stride)).padding(torch::ExpandingArray<D>(padding));
  o.output_padding(torch::ExpandingArray<D>(out_pad)).dilation(torch::ExpandingArray<D>(dilation));
  o.groups(groups).bias(bias);
  auto m = std::make_shared<Impl>(o);
  std::string r = conv_repr(type, in, out, k, stride, padding, nullptr, dilation, out_pad, groups, bias, nullptr);
  return gt_module_make(type, r, m, gt_forward_of<Impl>());
}

gt_module *conv_transpose2d(int64_t in, int64_t out, const Ints &k, const Ints &stride,
                            const Ints &padding, const Ints &out_pad, int64_t groups, bool bias,
                            const Ints &dilation) {
  return conv_transpose<nn::ConvTranspose2dImpl, 2>("ConvTranspose2d", in, out, k, stride, padding, out_pad, groups,
                                                    bias, dilation);
}

// ConvTranspose1d / 3d of `ints` sizes (padding_mode "zeros" only, as PyTorch's).
template <class Impl, size_t D>
gt_module *conv_transpose_ints(const char *op, int64_t in, int64_t out, gt_ints k, gt_ints stride, gt_ints padding,
                               gt_ints out_pad, int64_t groups, bool bias, gt_ints dilation, const char *pmode) {
  if (pmode && std::string(pmode) != "zeros") gt_throw("ValueError: Only \"zeros\" padding mode is supported for %s", op);
  return conv_transpose<Impl, D>(op, in, out, gt_ints_expand(k, D, op, "kernel_size"),
                                 gt_ints_expand(stride, D, op, "stride"), gt_ints_expand(padding, D, op, "padding"),
                                 gt_ints_expand(out_pad, D, op, "output_padding"), groups, bias,
                                 gt_ints_expand(dilation, D, op, "dilation"));
}

// A Conv2d size argument as two values (libtorch's options
// hold fixed arrays, so a wrong length is refused here, not at forward).
Ints two(const char *op, const char *what, const gt_ints &v) { return gt_ints_expand(v, 2, op, what); }

}  // namespace

extern "C" gt_module *gt_nn_Conv2d(int64_t in_channels, int64_t out_channels, int64_t kh,
                                   int64_t kw, int64_t sh, int64_t sw, int64_t ph, int64_t pw,
                                   int64_t dh, int64_t dw, int64_t groups, bool bias,
                                   const char *pmode) {
  return GT_VALUE(gt_module *, nullptr,
                  conv2d(in_channels, out_channels, {kh, kw}, {sh, sw}, {ph, pw},
                         ph == GT_PADDING_SAME ? "same" : nullptr, {dh, dw}, groups, bias, pmode));
}

extern "C" gt_module *gt_nn_Conv2d_ints(int64_t in_channels, int64_t out_channels,
                                        gt_ints kernel_size, gt_ints stride, gt_ints padding,
                                        gt_ints dilation, int64_t groups, bool bias,
                                        const char *pmode) {
  return GT_VALUE(gt_module *, nullptr,
                  conv2d(in_channels, out_channels, two("Conv2d", "kernel_size", kernel_size),
                         two("Conv2d", "stride", stride), two("Conv2d", "padding", padding), nullptr,
                         two("Conv2d", "dilation", dilation), groups, bias, pmode));
}

extern "C" gt_module *gt_nn_Conv2d_str(int64_t in_channels, int64_t out_channels,
                                       gt_ints kernel_size, gt_ints stride, const char *padding,
                                       gt_ints dilation, int64_t groups, bool bias,
                                       const char *pmode) {
  return GT_VALUE(gt_module *, nullptr,
                  conv2d(in_channels, out_channels, two("Conv2d", "kernel_size", kernel_size),
                         two("Conv2d", "stride", stride), {0, 0}, padding ? padding : "valid",
                         two("Conv2d", "dilation", dilation), groups, bias, pmode));
}

extern "C" gt_module *gt_nn_ConvTranspose2d(int64_t in_channels, int64_t out_channels, int64_t kh,
                                            int64_t kw, int64_t sh, int64_t sw, int64_t ph,
                                            int64_t pw, int64_t oph, int64_t opw, int64_t groups,
                                            bool bias, int64_t dh, int64_t dw) {
  return GT_VALUE(gt_module *, nullptr,
                  conv_transpose2d(in_channels, out_channels, {kh, kw}, {sh, sw}, {ph, pw},
                                   {oph, opw}, groups, bias, {dh, dw}));
}

extern "C" gt_module *gt_nn_ConvTranspose2d_ints(int64_t in_channels, int64_t out_channels,
                                                 gt_ints kernel_size, gt_ints stride,
                                                 gt_ints padding, gt_ints output_padding,
                                                 int64_t groups, bool bias, gt_ints dilation,
                                                 const char *pmode) {
  return GT_VALUE(gt_module *, nullptr,
                  (conv_transpose_ints<nn::ConvTranspose2dImpl, 2>("ConvTranspose2d", in_channels, out_channels,
                                                                   kernel_size, stride, padding, output_padding,
                                                                   groups, bias, dilation, pmode)));
}

extern "C" gt_module *gt_nn_ConvTranspose1d_ints(int64_t in_channels, int64_t out_channels, gt_ints kernel_size,
                                                 gt_ints stride, gt_ints padding, gt_ints output_padding,
                                                 int64_t groups, bool bias, gt_ints dilation, const char *pmode) {
  return GT_VALUE(gt_module *, nullptr,
                  (conv_transpose_ints<nn::ConvTranspose1dImpl, 1>("ConvTranspose1d", in_channels, out_channels,
                                                                   kernel_size, stride, padding, output_padding,
                                                                   groups, bias, dilation, pmode)));
}

extern "C" gt_module *gt_nn_ConvTranspose3d_ints(int64_t in_channels, int64_t out_channels, gt_ints kernel_size,
                                                 gt_ints stride, gt_ints padding, gt_ints output_padding,
                                                 int64_t groups, bool bias, gt_ints dilation, const char *pmode) {
  return GT_VALUE(gt_module *, nullptr,
                  (conv_transpose_ints<nn::ConvTranspose3dImpl, 3>("ConvTranspose3d", in_channels, out_channels,
                                                                   kernel_size, stride, padding, output_padding,
                                                                   groups, bias, dilation, pmode)));
}

namespace {

// Python's _BatchNorm.forward checks, as ValueErrors: _check_input_dim
// (dims: BatchNorm1d's 2 or 3, BatchNorm2d's 4, BatchNorm3d's 5), then
// F.batch_norm's _verify_batch_size when training; then libtorch's forward.
template <class Impl>
at::Tensor batch_norm_forward(nn::Module &mod, const at::Tensor &x, int64_t dims) {
  auto &n = dynamic_cast<Impl &>(mod);
  if (dims == 1 ? x.dim() != 2 && x.dim() != 3 : x.dim() != dims + 2) {
    if (dims == 1) gt_throw("ValueError: expected 2D or 3D input (got %lldD input)", (long long)x.dim());
    gt_throw("ValueError: expected %lldD input (got %lldD input)", (long long)(dims + 2), (long long)x.dim());
  }
  if (n.is_training()) {
    int64_t prod = x.size(0);
    for (int64_t i = 2; i < x.dim(); i++) prod *= x.size(i);
    if (prod == 1)
      gt_throw("ValueError: Expected more than 1 value per channel when training, got input size %s",
               gt_size_text(x.sizes()).c_str());
  }
  return n.forward(x);
}

template <class Impl, class Options>
gt_module *batch_norm(const char *type, int64_t num_features, double eps, double momentum,
                      bool affine, bool track_running_stats, int64_t dims) {
  check_positive(num_features, "num_features");
  Options o(num_features);
  o.eps(eps).affine(affine).track_running_stats(track_running_stats);
  // momentum=None: a cumulative moving average.
  if (std::isnan(momentum)) o.momentum(c10::nullopt);
  else o.momentum(momentum);
  auto m = std::make_shared<Impl>(o);
  std::string r = std::string(type) + "(" + py(num_features) + ", eps=" + py(eps) +
                  ", momentum=" + (std::isnan(momentum) ? "None" : py(momentum)) +
                  ", affine=" + py(affine) + ", track_running_stats=" + py(track_running_stats) + ")";
  return gt_module_make(type, r, m, [dims](nn::Module &mod, const at::Tensor &x) {
    return batch_norm_forward<Impl>(mod, x, dims);
  });
}

}  // namespace

extern "C" gt_module *gt_nn_BatchNorm1d(int64_t num_features, double eps, double momentum,
                                        bool affine, bool track_running_stats) {
  return GT_VALUE(gt_module *, nullptr,
                  (batch_norm<nn::BatchNorm1dImpl, nn::BatchNorm1dOptions>(
                      "BatchNorm1d", num_features, eps, momentum, affine, track_running_stats, 1)));
}

extern "C" gt_module *gt_nn_BatchNorm2d(int64_t num_features, double eps, double momentum,
                                        bool affine, bool track_running_stats) {
  return GT_VALUE(gt_module *, nullptr,
                  (batch_norm<nn::BatchNorm2dImpl, nn::BatchNorm2dOptions>(
                      "BatchNorm2d", num_features, eps, momentum, affine, track_running_stats, 2)));
}

extern "C" gt_module *gt_nn_BatchNorm3d(int64_t num_features, double eps, double momentum,
                                        bool affine, bool track_running_stats) {
  return GT_VALUE(gt_module *, nullptr,
                  (batch_norm<nn::BatchNorm3dImpl, nn::BatchNorm3dOptions>(
                      "BatchNorm3d", num_features, eps, momentum, affine, track_running_stats, 3)));
}

extern "C" gt_module *gt_nn_LayerNorm(const int64_t *normalized_shape, int64_t ndim, double eps,
                                      bool elementwise_affine) {
  return GT_VALUE(gt_module *, nullptr, ([&] {
                    std::vector<int64_t> shape = gt_shape(normalized_shape, ndim).vec();
                    auto m = std::make_shared<nn::LayerNormImpl>(
                        nn::LayerNormOptions(shape).eps(eps).elementwise_affine(elementwise_affine));
                    std::string r = "LayerNorm(" + py_tuple(shape) + ", eps=" + py(eps) +
                                    ", elementwise_affine=" + py(elementwise_affine) + ")";
                    return gt_module_make("LayerNorm", r, m, gt_forward_of<nn::LayerNormImpl>());
                  }()));
}

namespace {

// An nn.Embedding of these options: its weight drawn, or `weight` itself
// where given (from_pretrained, which draws nothing), then trained or not.
gt_module *embedding(int64_t num_embeddings, int64_t embedding_dim, int64_t padding_idx, double max_norm,
                     double norm_type, bool scale_grad_by_freq, bool sparse, const at::Tensor &weight,
                     bool requires_grad) {
  nn::EmbeddingOptions o(num_embeddings, embedding_dim);
  o.norm_type(norm_type).scale_grad_by_freq(scale_grad_by_freq).sparse(sparse);
  if (padding_idx != GT_NONE_INT) o.padding_idx(padding_idx);
  if (!std::isnan(max_norm)) o.max_norm(max_norm);
  if (weight.defined()) o._weight(weight);
  auto m = std::make_shared<nn::EmbeddingImpl>(o);
  m->weight.set_requires_grad(requires_grad);
  // Python's Embedding.extra_repr
  std::string r = "Embedding(" + py(num_embeddings) + ", " + py(embedding_dim);
  if (m->options.padding_idx()) r += ", padding_idx=" + py(*m->options.padding_idx());
  if (o.max_norm()) r += ", max_norm=" + py(*o.max_norm());
  if (norm_type != 2) r += ", norm_type=" + py(norm_type);
  if (scale_grad_by_freq) r += ", scale_grad_by_freq=True";
  if (sparse) r += ", sparse=True";
  return gt_module_make("Embedding", r + ")", m, gt_forward_of<nn::EmbeddingImpl>());
}

}  // namespace

extern "C" gt_module *gt_nn_Embedding(int64_t num_embeddings, int64_t embedding_dim,
                                      int64_t padding_idx, double max_norm, double norm_type,
                                      bool scale_grad_by_freq, bool sparse) {
  return GT_VALUE(gt_module *, nullptr,
                  embedding(num_embeddings, embedding_dim, padding_idx, max_norm, norm_type, scale_grad_by_freq,
                            sparse, at::Tensor(), true));
}

// PyTorch's Embedding.from_pretrained: the weight a new Parameter over
// embeddings' storage (embeddings itself keeps its requires_grad).
extern "C" gt_module *gt_nn_Embedding_from_pretrained(gt_tensor *embeddings, bool freeze, int64_t padding_idx,
                                                      double max_norm, double norm_type, bool scale_grad_by_freq,
                                                      bool sparse) {
  return GT_VALUE(gt_module *, nullptr, ([&] {
                    const at::Tensor &e = U(embeddings);
                    if (e.dim() != 2) gt_throw("AssertionError: Embeddings parameter is expected to be 2-dimensional");
                    return embedding(e.size(0), e.size(1), padding_idx, max_norm, norm_type, scale_grad_by_freq,
                                     sparse, e.detach(), !freeze);
                  }()));
}

// nn.EmbeddingBag: bag(input, offsets, per_sample_weights) (gt_nn_embedding_bag_call);
// bag(x) of a 2-D input, one bag a row, through the one-tensor forward too.
extern "C" gt_module *gt_nn_EmbeddingBag(int64_t num_embeddings, int64_t embedding_dim, double max_norm,
                                         double norm_type, bool scale_grad_by_freq, const char *mode,
                                         bool sparse, bool include_last_offset, int64_t padding_idx) {
  return GT_VALUE(gt_module *, nullptr, ([&] {
                    std::string m = mode ? mode : "mean";
                    if (m != "sum" && m != "mean" && m != "max")
                      gt_throw("ValueError: mode has to be one of sum, mean or max");
                    nn::EmbeddingBagOptions o(num_embeddings, embedding_dim);
                    o.norm_type(norm_type).scale_grad_by_freq(scale_grad_by_freq).sparse(sparse);
                    o.include_last_offset(include_last_offset);
                    if (m == "sum") o.mode(torch::kSum);
                    else if (m == "max") o.mode(torch::kMax);
                    else o.mode(torch::kMean);
                    if (padding_idx != GT_NONE_INT) o.padding_idx(padding_idx);
                    if (!std::isnan(max_norm)) o.max_norm(max_norm);
                    auto bag = std::make_shared<nn::EmbeddingBagImpl>(o);
                    // Python's EmbeddingBag.extra_repr
                    std::string r = "EmbeddingBag(" + py(num_embeddings) + ", " + py(embedding_dim);
                    if (o.max_norm()) r += ", max_norm=" + py(*o.max_norm());
                    if (norm_type != 2) r += ", norm_type=" + py(norm_type);
                    if (scale_grad_by_freq) r += ", scale_grad_by_freq=True";
                    r += ", mode=" + m;
                    if (o.padding_idx()) r += ", padding_idx=" + py(*o.padding_idx());
                    return gt_module_make("EmbeddingBag", r + ")", bag,
                                          gt_forward_of<nn::EmbeddingBagImpl>());
                  }()));
}

extern "C" gt_tensor *gt_nn_embedding_bag_call(gt_module *m, gt_tensor *input, gt_tensor *offsets,
                                               gt_tensor *per_sample_weights) {
  return GT_VALUE(gt_tensor *, nullptr, ([&] {
                    std::shared_ptr<nn::EmbeddingBagImpl> bag;
                    if (gt_module_is_builtin(m))
                      bag = std::dynamic_pointer_cast<nn::EmbeddingBagImpl>(gt_module_unwrap(m).module);
                    if (!bag) gt_throw("expected an EmbeddingBag module, got %s", gt_module_type(m));
                    at::Tensor none;
                    return gt_wrap(bag->forward(U(input), offsets ? U(offsets) : none,
                                                       per_sample_weights ? U(per_sample_weights) : none));
                  }()));
}

// ---- weight tying -----------------------------------------------------------------------

namespace {

// A libtorch module's parameter dict is protected; a pointer to the member,
// formed in a derived class, reaches it in any module.
struct ParamAccess : nn::Module {
  static torch::OrderedDict<std::string, at::Tensor> &of(nn::Module &m) { return m.*(&ParamAccess::parameters_); }
};

template <class Impl>
bool set_weight_member(nn::Module *m, const at::Tensor &t) {
  auto *impl = dynamic_cast<Impl *>(m);
  if (impl) impl->weight = t;
  return impl != nullptr;
}

}  // namespace

void gt_module_tie_weight(gt_module_state &s, gt_tensor *value) {
  const at::Tensor &t = U(value);
  nn::Module *mod = s.module.get();
  bool known = set_weight_member<nn::LinearImpl>(mod, t) || set_weight_member<nn::EmbeddingImpl>(mod, t) ||
               set_weight_member<nn::EmbeddingBagImpl>(mod, t) || set_weight_member<nn::Conv1dImpl>(mod, t) ||
               set_weight_member<nn::Conv2dImpl>(mod, t) || set_weight_member<nn::ConvTranspose2dImpl>(mod, t) ||
               set_weight_member<nn::Conv3dImpl>(mod, t) || set_weight_member<nn::ConvTranspose1dImpl>(mod, t) ||
               set_weight_member<nn::ConvTranspose3dImpl>(mod, t);
  if (!known) gt_throw("AttributeError: setting the weight of a %s is not supported", s.type.c_str());
  ParamAccess::of(*mod)["weight"] = t;
  for (size_t i = 0; i < s.params.size(); i++)
    if (s.param_names[i] == "weight") {
      gt_release(s.params[i]);
      s.params[i] = static_cast<gt_tensor *>(gt_retain(value));
    }
}

// layer.weight = p (weight tying: `self.decoder.weight = self.encoder.weight`): the
// layer's forward, parameters and state dict use p from then on, as PyTorch's
// Module.__setattr__ makes it; p must be an nn.Parameter, as there.
extern "C" int gt_bind_module_set_weight(gt_module *m, gt_tensor *value) {
  return GT_STATUS(([&] {
    if (!gt_module_is_builtin(m)) gt_throw("AttributeError: cannot set 'weight' of this module");
    gt_module_state &s = gt_module_unwrap(m);
    if (!value) gt_throw("TypeError: a layer's weight cannot be None here");
    const at::Tensor &t = U(value);
    if (!gt_param_is(t))
      gt_throw("TypeError: cannot assign 'torch.%sTensor' as parameter 'weight' (torch.nn.Parameter or None "
               "expected)", at::toString(t.scalar_type()));
    gt_module_tie_weight(s, value);
    return 0;
  }()));
}

// ---- parameter-free modules ----------------------------------------------------------

extern "C" gt_module *gt_nn_Dropout(double p, bool inplace) {
  return GT_VALUE(gt_module *, nullptr, ([&] {
                    if (!(p >= 0 && p <= 1))
                      gt_throw("dropout probability has to be between 0 and 1, but got %s", py(p).c_str());
                    Fwd f = [p, inplace](nn::Module &mod, const at::Tensor &x) {
                      at::Tensor t = x;
                      return inplace ? at::dropout_(t, p, mod.is_training()) : at::dropout(x, p, mod.is_training());
                    };
                    return stateless("Dropout", "p=" + py(p) + ", inplace=" + py(inplace), f,
                                     {{"p", p}, {"inplace", inplace}});
                  }()));
}

extern "C" gt_module *gt_nn_ReLU(bool inplace) {
  return GT_VALUE(gt_module *, nullptr,
                  stateless("ReLU", inplace ? "inplace=True" : "", [inplace](nn::Module &, const at::Tensor &x) {
                    at::Tensor t = x;
                    return inplace ? at::relu_(t) : at::relu(x);
                  }, {{"inplace", inplace}}));
}

extern "C" gt_module *gt_nn_ReLU6(bool inplace) {
  return GT_VALUE(gt_module *, nullptr,
                  stateless("ReLU6", inplace ? "inplace=True" : "", [inplace](nn::Module &, const at::Tensor &x) {
                    at::Tensor t = x;
                    return inplace ? at::hardtanh_(t, 0.0, 6.0) : at::hardtanh(x, 0.0, 6.0);
                  }, {{"min_val", 0.0}, {"max_val", 6.0}, {"inplace", inplace}}));
}

extern "C" gt_module *gt_nn_LeakyReLU(double slope, bool inplace) {
  return GT_VALUE(gt_module *, nullptr,
                  stateless("LeakyReLU", "negative_slope=" + py(slope) + (inplace ? ", inplace=True" : ""),
                            [slope, inplace](nn::Module &, const at::Tensor &x) {
                              at::Tensor t = x;
                              return inplace ? at::leaky_relu_(t, slope) : at::leaky_relu(x, slope);
                            }, {{"negative_slope", slope}, {"inplace", inplace}}));
}

extern "C" gt_module *gt_nn_ELU(double alpha, bool inplace) {
  return GT_VALUE(gt_module *, nullptr,
                  stateless("ELU", "alpha=" + py(alpha) + (inplace ? ", inplace=True" : ""),
                            [alpha, inplace](nn::Module &, const at::Tensor &x) {
                              at::Tensor t = x;
                              return inplace ? at::elu_(t, alpha) : at::elu(x, alpha);
                            }, {{"alpha", alpha}, {"inplace", inplace}}));
}

extern "C" gt_module *gt_nn_GELU(const char *approximate) {
  return GT_VALUE(gt_module *, nullptr, ([&] {
                    std::string a = approximate ? approximate : "none";
                    if (a != "none" && a != "tanh") gt_throw("approximate argument must be either none or tanh.");
                    return stateless("GELU", "approximate='" + a + "'",
                                     [a](nn::Module &, const at::Tensor &x) { return at::gelu(x, a); },
                                     {{"approximate", a}});
                  }()));
}

extern "C" gt_module *gt_nn_SiLU(bool inplace) {
  return GT_VALUE(gt_module *, nullptr,
                  stateless("SiLU", inplace ? "inplace=True" : "", [inplace](nn::Module &, const at::Tensor &x) {
                    at::Tensor t = x;
                    return inplace ? at::silu_(t) : at::silu(x);
                  }, {{"inplace", inplace}}));
}

extern "C" gt_module *gt_nn_Tanh(void) {
  return GT_VALUE(gt_module *, nullptr, stateless("Tanh", "", [](nn::Module &, const at::Tensor &x) { return at::tanh(x); }));
}

extern "C" gt_module *gt_nn_Sigmoid(void) {
  return GT_VALUE(gt_module *, nullptr,
                  stateless("Sigmoid", "", [](nn::Module &, const at::Tensor &x) { return at::sigmoid(x); }));
}

namespace {

// Softmax(dim=None) picks the dim as F._get_softmax_dim does.
int64_t implicit_dim(const at::Tensor &x, int64_t dim) {
  if (dim != GT_NONE_INT) return dim;
  int64_t nd = x.dim();
  return (nd == 0 || nd == 1 || nd == 3) ? 0 : 1;
}

std::string dim_str(int64_t dim) { return dim == GT_NONE_INT ? "None" : py(dim); }

}  // namespace

extern "C" gt_module *gt_nn_Softmax(int64_t dim) {
  return GT_VALUE(gt_module *, nullptr,
                  stateless("Softmax", "dim=" + dim_str(dim), [dim](nn::Module &, const at::Tensor &x) {
                    return at::softmax(x, implicit_dim(x, dim));
                  }, {{"dim", int_or_none(dim)}}));
}

extern "C" gt_module *gt_nn_LogSoftmax(int64_t dim) {
  return GT_VALUE(gt_module *, nullptr,
                  stateless("LogSoftmax", "dim=" + dim_str(dim), [dim](nn::Module &, const at::Tensor &x) {
                    return at::log_softmax(x, implicit_dim(x, dim));
                  }, {{"dim", int_or_none(dim)}}));
}

extern "C" gt_module *gt_nn_Flatten(int64_t start_dim, int64_t end_dim) {
  return GT_VALUE(gt_module *, nullptr,
                  stateless("Flatten", "start_dim=" + py(start_dim) + ", end_dim=" + py(end_dim),
                            [start_dim, end_dim](nn::Module &, const at::Tensor &x) {
                              return x.flatten(start_dim, end_dim);
                            }, {{"start_dim", start_dim}, {"end_dim", end_dim}}));
}

extern "C" gt_module *gt_nn_Identity(void) {
  return GT_VALUE(gt_module *, nullptr, stateless("Identity", "", [](nn::Module &, const at::Tensor &x) { return x; }));
}

extern "C" gt_module *gt_nn_MaxPool2d(int64_t kh, int64_t kw, int64_t sh, int64_t sw, int64_t ph,
                                      int64_t pw, int64_t dh, int64_t dw, bool ceil_mode) {
  return GT_VALUE(gt_module *, nullptr, ([&] {
                    if (sh == GT_NONE_INT) sh = kh, sw = kw;  // stride=None: kernel_size
                    std::string r = "kernel_size=" + py_hw(kh, kw) + ", stride=" + py_hw(sh, sw) +
                                    ", padding=" + py_hw(ph, pw) + ", dilation=" + py_hw(dh, dw) +
                                    ", ceil_mode=" + py(ceil_mode);
                    return stateless("MaxPool2d", r, [=](nn::Module &, const at::Tensor &x) {
                      return at::max_pool2d(x, {kh, kw}, {sh, sw}, {ph, pw}, {dh, dw}, ceil_mode);
                    }, {{"kernel_size", given(kh, kw)}, {"stride", given(sh, sw)}, {"padding", given(ph, pw)},
                        {"dilation", given(dh, dw)}, {"return_indices", false}, {"ceil_mode", ceil_mode}});
                  }()));
}

extern "C" gt_module *gt_nn_AvgPool2d(int64_t kh, int64_t kw, int64_t sh, int64_t sw, int64_t ph,
                                      int64_t pw, bool ceil_mode, bool count_include_pad,
                                      int64_t divisor_override) {
  return GT_VALUE(gt_module *, nullptr, ([&] {
                    if (sh == GT_NONE_INT) sh = kh, sw = kw;
                    std::string r = "kernel_size=" + py_hw(kh, kw) + ", stride=" + py_hw(sh, sw) +
                                    ", padding=" + py_hw(ph, pw);
                    c10::optional<int64_t> div;
                    if (divisor_override != GT_NONE_INT) div = divisor_override;
                    return stateless("AvgPool2d", r, [=](nn::Module &, const at::Tensor &x) {
                      return at::avg_pool2d(x, {kh, kw}, {sh, sw}, {ph, pw}, ceil_mode, count_include_pad, div);
                    }, {{"kernel_size", given(kh, kw)}, {"stride", given(sh, sw)}, {"padding", given(ph, pw)},
                        {"ceil_mode", ceil_mode}, {"count_include_pad", count_include_pad},
                        {"divisor_override", int_or_none(divisor_override)}});
                  }()));
}

extern "C" gt_module *gt_nn_AdaptiveAvgPool2d(int64_t oh, int64_t ow) {
  return GT_VALUE(gt_module *, nullptr,
                  stateless("AdaptiveAvgPool2d", "output_size=" + py_hw(oh, ow),
                            [=](nn::Module &, const at::Tensor &x) { return at::adaptive_avg_pool2d(x, {oh, ow}); },
                            {{"output_size", given(oh, ow)}}));
}

// ---- pooling and Dropout2d with Python's int-or-tuple sizes ---------------------------
// Python's pooling modules keep their arguments as given (repr shows them so)
// and hand them to F.* at forward, where ATen checks them: these do the same.

namespace {

std::vector<int64_t> L2(const gt_ints &v) { return gt_ints_list(v, 2); }

}  // namespace

extern "C" gt_module *gt_nn_MaxPool2d_ints(gt_ints kernel_size, gt_ints stride, gt_ints padding,
                                           gt_ints dilation, bool return_indices, bool ceil_mode) {
  return GT_VALUE(gt_module *, nullptr, ([&] {
                    // With indices, forward returns a tuple; a module's forward cannot here.
                    if (return_indices) gt_throw("MaxPool2d: return_indices=True is not supported");
                    if (stride.n == 0) stride = kernel_size;  // Python's stride=None
                    std::string r = "kernel_size=" + gt_ints_str(kernel_size) + ", stride=" + gt_ints_str(stride) +
                                    ", padding=" + gt_ints_str(padding) + ", dilation=" + gt_ints_str(dilation) +
                                    ", ceil_mode=" + py(ceil_mode);
                    return stateless("MaxPool2d", r, [=](nn::Module &, const at::Tensor &x) {
                      return at::max_pool2d(x, L2(kernel_size), L2(stride), L2(padding), L2(dilation), ceil_mode);
                    }, {{"kernel_size", given(kernel_size)}, {"stride", given(stride)}, {"padding", given(padding)},
                        {"dilation", given(dilation)}, {"return_indices", return_indices}, {"ceil_mode", ceil_mode}});
                  }()));
}

extern "C" gt_module *gt_nn_AvgPool2d_ints(gt_ints kernel_size, gt_ints stride, gt_ints padding,
                                           bool ceil_mode, bool count_include_pad,
                                           int64_t divisor_override) {
  return GT_VALUE(gt_module *, nullptr, ([&] {
                    if (stride.n == 0) stride = kernel_size;
                    std::string r = "kernel_size=" + gt_ints_str(kernel_size) + ", stride=" + gt_ints_str(stride) +
                                    ", padding=" + gt_ints_str(padding);
                    c10::optional<int64_t> div;
                    if (divisor_override != GT_NONE_INT) div = divisor_override;
                    return stateless("AvgPool2d", r, [=](nn::Module &, const at::Tensor &x) {
                      return at::avg_pool2d(x, L2(kernel_size), L2(stride), L2(padding), ceil_mode,
                                            count_include_pad, div);
                    }, {{"kernel_size", given(kernel_size)}, {"stride", given(stride)}, {"padding", given(padding)},
                        {"ceil_mode", ceil_mode}, {"count_include_pad", count_include_pad},
                        {"divisor_override", int_or_none(divisor_override)}});
                  }()));
}

extern "C" gt_module *gt_nn_AdaptiveAvgPool2d_ints(gt_ints output_size) {
  return GT_VALUE(gt_module *, nullptr,
                  stateless("AdaptiveAvgPool2d", "output_size=" + gt_ints_str(output_size),
                            [=](nn::Module &, const at::Tensor &x) { return at::adaptive_avg_pool2d(x, L2(output_size)); },
                            {{"output_size", given(output_size)}}));
}

extern "C" gt_module *gt_nn_Dropout2d(double p, bool inplace) {
  return GT_VALUE(gt_module *, nullptr, ([&] {
                    if (!(p >= 0 && p <= 1))
                      gt_throw("dropout probability has to be between 0 and 1, but got %s", py(p).c_str());
                    // F.dropout2d: whole channels (see gt_F_dropout2d).
                    Fwd f = [p, inplace](nn::Module &mod, const at::Tensor &x) {
                      at::Tensor t = x;
                      return inplace ? at::feature_dropout_(t, p, mod.is_training())
                                     : at::feature_dropout(x, p, mod.is_training());
                    };
                    return stateless("Dropout2d", "p=" + py(p) + ", inplace=" + py(inplace), f,
                                     {{"p", p}, {"inplace", inplace}});
                  }()));
}

// ---- more layers: PyTorch 1.13's modules, their arguments kept as Python keeps them ----

namespace {

// Python's `nn.modules.utils._ntuple`: an int repeated n times, a tuple as given.
std::vector<int64_t> expanded(const gt_ints &v, size_t n) {
  if (v.n == 1) return std::vector<int64_t>(n, v.v[0]);
  return std::vector<int64_t>(v.v, v.v + std::min<int64_t>(std::max<int64_t>(v.n, 0), GT_INTS_MAX));
}

// Python's str() of a padding tuple: "(1, 1, 1, 1)".
std::string tuple_str(const std::vector<int64_t> &v) { return py_tuple(v); }

// A padding module (ReflectionPad2d, ZeroPad2d, ...): F.pad of the padding
// (expanded to 2 * dims values where given as an int) in `mode`.
gt_module *pad_layer(const char *type, gt_ints padding, size_t dims, const char *mode, double value,
                     bool show_value) {
  std::vector<int64_t> pad = expanded(padding, 2 * dims);
  std::string m = mode;
  std::string r = show_value ? "padding=" + tuple_str(pad) + ", value=" + py(value) : tuple_str(pad);
  gt_layer_attrs attrs = {{"padding", pad}};
  if (show_value) attrs.push_back({"value", value});
  return stateless(type, r, [pad, m, value, show_value](nn::Module &, const at::Tensor &x) {
    return at::pad(x, pad, m, show_value ? c10::optional<double>(value) : c10::nullopt);
  }, std::move(attrs));
}

}  // namespace

extern "C" gt_module *gt_nn_PixelShuffle(int64_t upscale_factor) {
  return GT_VALUE(gt_module *, nullptr,
                  stateless("PixelShuffle", "upscale_factor=" + py(upscale_factor),
                            [upscale_factor](nn::Module &, const at::Tensor &x) {
                              return at::pixel_shuffle(x, upscale_factor);
                            }, {{"upscale_factor", upscale_factor}}));
}

extern "C" gt_module *gt_nn_PixelUnshuffle(int64_t downscale_factor) {
  return GT_VALUE(gt_module *, nullptr,
                  stateless("PixelUnshuffle", "downscale_factor=" + py(downscale_factor),
                            [downscale_factor](nn::Module &, const at::Tensor &x) {
                              return at::pixel_unshuffle(x, downscale_factor);
                            }, {{"downscale_factor", downscale_factor}}));
}

extern "C" gt_module *gt_nn_ReflectionPad1d(gt_ints padding) {
  return GT_VALUE(gt_module *, nullptr, pad_layer("ReflectionPad1d", padding, 1, "reflect", 0, false));
}
extern "C" gt_module *gt_nn_ReflectionPad2d(gt_ints padding) {
  return GT_VALUE(gt_module *, nullptr, pad_layer("ReflectionPad2d", padding, 2, "reflect", 0, false));
}
extern "C" gt_module *gt_nn_ReflectionPad3d(gt_ints padding) {
  return GT_VALUE(gt_module *, nullptr, pad_layer("ReflectionPad3d", padding, 3, "reflect", 0, false));
}
extern "C" gt_module *gt_nn_ReplicationPad1d(gt_ints padding) {
  return GT_VALUE(gt_module *, nullptr, pad_layer("ReplicationPad1d", padding, 1, "replicate", 0, false));
}
extern "C" gt_module *gt_nn_ReplicationPad2d(gt_ints padding) {
  return GT_VALUE(gt_module *, nullptr, pad_layer("ReplicationPad2d", padding, 2, "replicate", 0, false));
}
extern "C" gt_module *gt_nn_ReplicationPad3d(gt_ints padding) {
  return GT_VALUE(gt_module *, nullptr, pad_layer("ReplicationPad3d", padding, 3, "replicate", 0, false));
}
// ZeroPad2d is a ConstantPad2d of 0.0 whose extra_repr shows the padding alone.
extern "C" gt_module *gt_nn_ZeroPad2d(gt_ints padding) {
  return GT_VALUE(gt_module *, nullptr, ([&] {
                    gt_module *m = pad_layer("ZeroPad2d", padding, 2, "constant", 0.0, true);
                    m->s->repr = "ZeroPad2d(" + tuple_str(expanded(padding, 4)) + ")";
                    return m;
                  }()));
}
extern "C" gt_module *gt_nn_ConstantPad1d(gt_ints padding, double value) {
  return GT_VALUE(gt_module *, nullptr, pad_layer("ConstantPad1d", padding, 1, "constant", value, true));
}
extern "C" gt_module *gt_nn_ConstantPad2d(gt_ints padding, double value) {
  return GT_VALUE(gt_module *, nullptr, pad_layer("ConstantPad2d", padding, 2, "constant", value, true));
}
extern "C" gt_module *gt_nn_ConstantPad3d(gt_ints padding, double value) {
  return GT_VALUE(gt_module *, nullptr, pad_layer("ConstantPad3d", padding, 3, "constant", value, true));
}
// The value given as an int shows as one ("value=3"), as Python's.
static gt_module *constant_pad_int(gt_module *m, const char *type, gt_ints padding, size_t dims, int64_t value) {
  if (m) m->s->repr = std::string(type) + "(padding=" + tuple_str(expanded(padding, 2 * dims)) + ", value=" +
                      std::to_string(value) + ")";
  return m;
}
extern "C" gt_module *gt_nn_ConstantPad1d_int(gt_ints padding, int64_t value) {
  return constant_pad_int(gt_nn_ConstantPad1d(padding, (double)value), "ConstantPad1d", padding, 1, value);
}
extern "C" gt_module *gt_nn_ConstantPad2d_int(gt_ints padding, int64_t value) {
  return constant_pad_int(gt_nn_ConstantPad2d(padding, (double)value), "ConstantPad2d", padding, 2, value);
}
extern "C" gt_module *gt_nn_ConstantPad3d_int(gt_ints padding, int64_t value) {
  return constant_pad_int(gt_nn_ConstantPad3d(padding, (double)value), "ConstantPad3d", padding, 3, value);
}

extern "C" gt_module *gt_nn_MaxPool1d_ints(gt_ints kernel_size, gt_ints stride, gt_ints padding,
                                           gt_ints dilation, bool return_indices, bool ceil_mode) {
  return GT_VALUE(gt_module *, nullptr, ([&] {
                    if (return_indices) gt_throw("MaxPool1d: return_indices=True is not supported");
                    if (stride.n == 0) stride = kernel_size;  // Python's stride=None
                    std::string r = "kernel_size=" + gt_ints_str(kernel_size) + ", stride=" + gt_ints_str(stride) +
                                    ", padding=" + gt_ints_str(padding) + ", dilation=" + gt_ints_str(dilation) +
                                    ", ceil_mode=" + py(ceil_mode);
                    return stateless("MaxPool1d", r, [=](nn::Module &, const at::Tensor &x) {
                      return at::max_pool1d(x, gt_ints_list(kernel_size, 1), gt_ints_list(stride, 1),
                                            gt_ints_list(padding, 1), gt_ints_list(dilation, 1), ceil_mode);
                    }, {{"kernel_size", given(kernel_size)}, {"stride", given(stride)}, {"padding", given(padding)},
                        {"dilation", given(dilation)}, {"return_indices", return_indices}, {"ceil_mode", ceil_mode}});
                  }()));
}

extern "C" gt_module *gt_nn_AdaptiveMaxPool1d(gt_ints output_size, bool return_indices) {
  return GT_VALUE(gt_module *, nullptr, ([&] {
                    if (return_indices) gt_throw("AdaptiveMaxPool1d: return_indices=True is not supported");
                    return stateless("AdaptiveMaxPool1d", "output_size=" + gt_ints_str(output_size),
                                     [=](nn::Module &, const at::Tensor &x) {
                                       return std::get<0>(at::adaptive_max_pool1d(x, gt_ints_list(output_size, 1)));
                                     }, {{"output_size", given(output_size)}, {"return_indices", false}});
                  }()));
}

extern "C" gt_module *gt_nn_AdaptiveMaxPool2d(gt_ints output_size, bool return_indices) {
  return GT_VALUE(gt_module *, nullptr, ([&] {
                    if (return_indices) gt_throw("AdaptiveMaxPool2d: return_indices=True is not supported");
                    return stateless("AdaptiveMaxPool2d", "output_size=" + gt_ints_str(output_size),
                                     [=](nn::Module &, const at::Tensor &x) {
                                       return std::get<0>(at::adaptive_max_pool2d(x, L2(output_size)));
                                     }, {{"output_size", given(output_size)}, {"return_indices", false}});
                  }()));
}

extern "C" gt_module *gt_nn_AvgPool1d_ints(gt_ints kernel_size, gt_ints stride, gt_ints padding, bool ceil_mode,
                                           bool count_include_pad) {
  return GT_VALUE(gt_module *, nullptr, ([&] {
                    // Python's AvgPool1d keeps _single() of each: a tuple of one.
                    std::vector<int64_t> k = expanded(kernel_size, 1);
                    std::vector<int64_t> s = stride.n == 0 ? k : expanded(stride, 1);
                    std::vector<int64_t> p = expanded(padding, 1);
                    std::string r = "kernel_size=" + py_tuple(k) + ", stride=" + py_tuple(s) + ", padding=" + py_tuple(p);
                    return stateless("AvgPool1d", r, [=](nn::Module &, const at::Tensor &x) {
                      return at::avg_pool1d(x, k, s, p, ceil_mode, count_include_pad);
                    }, {{"kernel_size", k}, {"stride", s}, {"padding", p}, {"ceil_mode", ceil_mode},
                        {"count_include_pad", count_include_pad}});
                  }()));
}

// Softplus(beta, threshold): each shown as given, an int or a float (one
// entry point per combination, as the stdlib's overloads pick them).
static gt_module *softplus(double beta, double threshold, const std::string &shown) {
  return GT_VALUE(gt_module *, nullptr,
                  stateless("Softplus", shown, [beta, threshold](nn::Module &, const at::Tensor &x) {
                    return at::softplus(x, beta, threshold);
                  }, {{"beta", beta}, {"threshold", threshold}}));
}
extern "C" gt_module *gt_nn_Softplus_ii(int64_t beta, int64_t threshold) {
  return softplus((double)beta, (double)threshold, "beta=" + py(beta) + ", threshold=" + py(threshold));
}
extern "C" gt_module *gt_nn_Softplus_fi(double beta, int64_t threshold) {
  return softplus(beta, (double)threshold, "beta=" + py(beta) + ", threshold=" + py(threshold));
}
extern "C" gt_module *gt_nn_Softplus_if(int64_t beta, double threshold) {
  return softplus((double)beta, threshold, "beta=" + py(beta) + ", threshold=" + py(threshold));
}
extern "C" gt_module *gt_nn_Softplus(double beta, double threshold) {
  return softplus(beta, threshold, "beta=" + py(beta) + ", threshold=" + py(threshold));
}

extern "C" gt_module *gt_nn_Hardswish(bool inplace) {
  return GT_VALUE(gt_module *, nullptr,
                  stateless("Hardswish", "", [inplace](nn::Module &, const at::Tensor &x) {
                    at::Tensor t = x;
                    return inplace ? at::hardswish_(t) : at::hardswish(x);
                  }, {{"inplace", inplace}}));
}

extern "C" gt_module *gt_nn_Hardsigmoid(bool inplace) {
  return GT_VALUE(gt_module *, nullptr,
                  stateless("Hardsigmoid", "", [inplace](nn::Module &, const at::Tensor &x) {
                    at::Tensor t = x;
                    return inplace ? at::hardsigmoid_(t) : at::hardsigmoid(x);
                  }, {{"inplace", inplace}}));
}

extern "C" gt_module *gt_nn_Mish(bool inplace) {
  return GT_VALUE(gt_module *, nullptr,
                  stateless("Mish", "", [inplace](nn::Module &, const at::Tensor &x) {
                    at::Tensor t = x;
                    return inplace ? at::mish_(t) : at::mish(x);
                  }, {{"inplace", inplace}}));
}

extern "C" gt_module *gt_nn_Unflatten(int64_t dim, gt_ints unflattened_size) {
  return GT_VALUE(gt_module *, nullptr, ([&] {
                    std::vector<int64_t> sizes = expanded(unflattened_size, unflattened_size.n);
                    return stateless("Unflatten", "dim=" + py(dim) + ", unflattened_size=" + py_tuple(sizes),
                                     [dim, sizes](nn::Module &, const at::Tensor &x) { return x.unflatten(dim, sizes); },
                                     {{"dim", dim}, {"unflattened_size", sizes}});
                  }()));
}

// ---- PReLU, GroupNorm, the instance norms, Conv3d: parameters as libtorch's modules make them ----

extern "C" gt_module *gt_nn_PReLU(int64_t num_parameters, double init) {
  return GT_VALUE(gt_module *, nullptr, ([&] {
                    auto m = std::make_shared<nn::PReLUImpl>(nn::PReLUOptions().num_parameters(num_parameters).init(init));
                    gt_module *r = gt_module_make("PReLU", "PReLU(num_parameters=" + py(num_parameters) + ")", m,
                                                  [](nn::Module &mod, const at::Tensor &x) {
                                                    return at::prelu(x, dynamic_cast<nn::PReLUImpl &>(mod).weight);
                                                  });
                    r->s->attrs = {{"num_parameters", num_parameters}};
                    return r;
                  }()));
}

extern "C" gt_module *gt_nn_GroupNorm(int64_t num_groups, int64_t num_channels, double eps, bool affine) {
  return GT_VALUE(gt_module *, nullptr, ([&] {
                    if (num_groups == 0) gt_throw("ZeroDivisionError: integer division or modulo by zero");
                    if (((num_channels % num_groups) + num_groups) % num_groups != 0)
                      gt_throw("ValueError: num_channels must be divisible by num_groups");
                    auto m = std::make_shared<nn::GroupNormImpl>(
                        nn::GroupNormOptions(num_groups, num_channels).eps(eps).affine(affine));
                    std::string r = "GroupNorm(" + py(num_groups) + ", " + py(num_channels) + ", eps=" + py(eps) +
                                    ", affine=" + py(affine) + ")";
                    gt_module *g = gt_module_make("GroupNorm", r, m, [](nn::Module &mod, const at::Tensor &x) {
                      auto &n = dynamic_cast<nn::GroupNormImpl &>(mod);
                      // F.group_norm's check (PyTorch 1.13's: x.size(1) of 1-D input is its IndexError)
                      int64_t groups = n.options.num_groups();
                      std::vector<int64_t> size = {x.size(0) * x.size(1) / groups, groups};
                      for (int64_t i = 2; i < x.dim(); i++) size.push_back(x.size(i));
                      int64_t values = size[0];
                      for (size_t i = 2; i < size.size(); i++) values *= size[i];
                      if (values == 1)
                        gt_throw("ValueError: Expected more than 1 value per channel when training, got input size %s",
                                 gt_size_text(size).c_str());
                      return at::group_norm(x, groups, n.weight, n.bias, n.options.eps(),
                                            at::globalContext().userEnabledCuDNN());
                    });
                    g->s->attrs = {{"num_groups", num_groups}, {"num_channels", num_channels}, {"eps", eps},
                                   {"affine", affine}};
                    return g;
                  }()));
}

namespace {

// Python's _InstanceNorm.forward: dims + 1 dims are an unbatched input.
// momentum=None is taken when made and printed, as PyTorch 1.13 takes it,
// and fails each forward where torch.instance_norm gets it.
template <class Impl>
at::Tensor instance_norm_forward(nn::Module &mod, const at::Tensor &x, int64_t dims, bool no_momentum) {
  auto &n = dynamic_cast<Impl &>(mod);
  if (x.dim() != dims + 1 && x.dim() != dims + 2)
    gt_throw("ValueError: expected %lldD or %lldD input (got %lldD input)", (long long)(dims + 1),
             (long long)(dims + 2), (long long)x.dim());
  bool use_input_stats = n.is_training() || !n.options.track_running_stats();
  auto apply = [&](const at::Tensor &in) {
    if (use_input_stats) {  // F._verify_spatial_size
      int64_t prod = 1;
      for (int64_t i = 2; i < in.dim(); i++) prod *= in.size(i);
      if (prod == 1)
        gt_throw("ValueError: Expected more than 1 spatial element when training, got input size %s",
                 gt_size_text(in.sizes()).c_str());
    }
    if (no_momentum) gt_throw("TypeError: instance_norm(): argument 'momentum' (position 7) must be float, not NoneType");
    return at::instance_norm(in, n.weight, n.bias, n.running_mean, n.running_var, use_input_stats,
                             n.options.momentum(), n.options.eps(), at::globalContext().userEnabledCuDNN());
  };
  if (x.dim() == dims + 1) return apply(x.unsqueeze(0)).squeeze(0);
  return apply(x);
}

template <class Impl>
gt_module *instance_norm(const char *type, int64_t dims, int64_t num_features, double eps, double momentum,
                         bool affine, bool track_running_stats) {
  check_positive(num_features, "num_features");
  bool no_momentum = std::isnan(momentum);  // momentum=None
  nn::InstanceNormOptions o(num_features);
  o.eps(eps).affine(affine).track_running_stats(track_running_stats);
  if (!no_momentum) o.momentum(momentum);
  auto m = std::make_shared<Impl>(o);
  std::string r = std::string(type) + "(" + py(num_features) + ", eps=" + py(eps) +
                  ", momentum=" + (no_momentum ? "None" : py(momentum)) + ", affine=" + py(affine) +
                  ", track_running_stats=" + py(track_running_stats) + ")";
  gt_module *g = gt_module_make(type, r, m, [dims, no_momentum](nn::Module &mod, const at::Tensor &x) {
    return instance_norm_forward<Impl>(mod, x, dims, no_momentum);
  });
  g->s->attrs = {{"num_features", num_features}, {"eps", eps},
                 {"momentum", no_momentum ? gt_layer_attr() : gt_layer_attr(momentum)}, {"affine", affine},
                 {"track_running_stats", track_running_stats}};
  return g;
}

}  // namespace

extern "C" gt_module *gt_nn_InstanceNorm1d(int64_t num_features, double eps, double momentum, bool affine,
                                           bool track_running_stats) {
  return GT_VALUE(gt_module *, nullptr,
                  instance_norm<nn::InstanceNorm1dImpl>("InstanceNorm1d", 1, num_features, eps, momentum, affine,
                                                        track_running_stats));
}

extern "C" gt_module *gt_nn_InstanceNorm2d(int64_t num_features, double eps, double momentum, bool affine,
                                           bool track_running_stats) {
  return GT_VALUE(gt_module *, nullptr,
                  instance_norm<nn::InstanceNorm2dImpl>("InstanceNorm2d", 2, num_features, eps, momentum, affine,
                                                        track_running_stats));
}

extern "C" gt_module *gt_nn_InstanceNorm3d(int64_t num_features, double eps, double momentum, bool affine,
                                           bool track_running_stats) {
  return GT_VALUE(gt_module *, nullptr,
                  instance_norm<nn::InstanceNorm3dImpl>("InstanceNorm3d", 3, num_features, eps, momentum, affine,
                                                        track_running_stats));
}

extern "C" gt_module *gt_nn_Conv3d_ints(int64_t in_channels, int64_t out_channels, gt_ints kernel_size,
                                        gt_ints stride, gt_ints padding, gt_ints dilation, int64_t groups,
                                        bool bias, const char *pmode) {
  return GT_VALUE(gt_module *, nullptr, ([&] {
                    const char *op = "Conv3d";
                    Ints k = gt_ints_expand(kernel_size, 3, op, "kernel_size");
                    Ints s = gt_ints_expand(stride, 3, op, "stride");
                    Ints p = gt_ints_expand(padding, 3, op, "padding");
                    Ints d = gt_ints_expand(dilation, 3, op, "dilation");
                    nn::Conv3dOptions o(in_channels, out_channels, torch::ExpandingArray<3>(k));
                    o.stride(torch::ExpandingArray<3>(s)).dilation(torch::ExpandingArray<3>(d));
                    o.padding(torch::ExpandingArray<3>(p)).groups(groups).bias(bias).padding_mode(padding_mode(pmode));
                    auto m = std::make_shared<nn::Conv3dImpl>(o);
                    std::string r = conv_repr("Conv3d", in_channels, out_channels, k, s, p, nullptr, d, {0, 0, 0},
                                              groups, bias, pmode);
                    return gt_module_make("Conv3d", r, m, gt_forward_of<nn::Conv3dImpl>());
                  }()));
}
