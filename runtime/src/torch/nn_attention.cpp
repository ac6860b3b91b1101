// nn_attention.cpp - torch.nn.functional.multi_head_attention_forward, the
// kernel of nn.MultiheadAttention (whose module is .gtp, in
// stdlib/torch/nn/transformer.gtp), and the out_proj layer it holds.
//
// PyTorch 1.13 computes attention in Python (torch/nn/functional.py); this
// is that code, op for op in the same order, so that the same inputs give
// the same floats and the same random draws for dropout. libtorch's own C++
// version of the function scales and masks in another order.
#include <ATen/CPUGeneratorImpl.h>
#include <torch/nn/modules/linear.h>

#include <mutex>

#include "nn_module.h"

namespace {

using at::Tensor;

std::string py_tuple(std::vector<int64_t> v) {
  std::string r = "(";
  for (size_t i = 0; i < v.size(); i++) r += (i ? ", " : "") + std::to_string(v[i]);
  return r + ")";
}

// _mha_shape_check: whether the query is batched, with Python's assertions.
bool mha_is_batched(const Tensor &q, const Tensor &k, const Tensor &v, const Tensor &kpm, const Tensor &mask,
                    int64_t num_heads) {
  if (q.dim() == 3) {
    if (k.dim() != 3 || v.dim() != 3)
      gt_throw("AssertionError: For batched (3-D) `query`, expected `key` and `value` to be 3-D but found %lld-D "
               "and %lld-D tensors respectively", (long long)k.dim(), (long long)v.dim());
    if (kpm.defined() && kpm.dim() != 2)
      gt_throw("AssertionError: For batched (3-D) `query`, expected `key_padding_mask` to be `None` or 2-D but "
               "found %lld-D tensor instead", (long long)kpm.dim());
    if (mask.defined() && mask.dim() != 2 && mask.dim() != 3)
      gt_throw("AssertionError: For batched (3-D) `query`, expected `attn_mask` to be `None`, 2-D or 3-D but "
               "found %lld-D tensor instead", (long long)mask.dim());
    return true;
  }
  if (q.dim() != 2)
    gt_throw("AssertionError: query should be unbatched 2D or batched 3D tensor but received %lld-D query tensor",
             (long long)q.dim());
  if (k.dim() != 2 || v.dim() != 2)
    gt_throw("AssertionError: For unbatched (2-D) `query`, expected `key` and `value` to be 2-D but found %lld-D "
             "and %lld-D tensors respectively", (long long)k.dim(), (long long)v.dim());
  if (kpm.defined() && kpm.dim() != 1)
    gt_throw("AssertionError: For unbatched (2-D) `query`, expected `key_padding_mask` to be `None` or 1-D but "
             "found %lld-D tensor instead", (long long)kpm.dim());
  if (mask.defined() && mask.dim() != 2 && mask.dim() != 3)
    gt_throw("AssertionError: For unbatched (2-D) `query`, expected `attn_mask` to be `None`, 2-D or 3-D but "
             "found %lld-D tensor instead", (long long)mask.dim());
  if (mask.defined() && mask.dim() == 3) {
    std::vector<int64_t> want = {num_heads, q.size(0), k.size(0)};
    if (mask.sizes().vec() != want)
      gt_throw("AssertionError: Expected `attn_mask` shape to be %s but got %s", py_tuple(want).c_str(),
               gt_size_text(mask.sizes()).c_str());
  }
  return false;
}

Tensor opt_chunk(const Tensor &b, int64_t i, int64_t n) { return b.defined() ? b.chunk(n)[i] : Tensor(); }

// _in_projection_packed: one matmul where query, key and value are one
// tensor (self-attention), two where key is value.
std::vector<Tensor> in_projection_packed(const Tensor &q, const Tensor &k, const Tensor &v, const Tensor &w,
                                         const Tensor &b) {
  int64_t E = q.size(-1);
  if (k.is_same(v)) {
    if (q.is_same(k)) return at::linear(q, w, b).chunk(3, -1);
    auto ws = w.split_with_sizes({E, E * 2});
    Tensor b_q, b_kv;
    if (b.defined()) {
      auto bs = b.split_with_sizes({E, E * 2});
      b_q = bs[0];
      b_kv = bs[1];
    }
    auto kv = at::linear(k, ws[1], b_kv).chunk(2, -1);
    return {at::linear(q, ws[0], b_q), kv[0], kv[1]};
  }
  auto ws = w.chunk(3);
  return {at::linear(q, ws[0], opt_chunk(b, 0, 3)), at::linear(k, ws[1], opt_chunk(b, 1, 3)),
          at::linear(v, ws[2], opt_chunk(b, 2, 3))};
}

void check_proj_weight(const Tensor &w, int64_t rows, int64_t cols, const char *what) {
  if (w.sizes().vec() != std::vector<int64_t>{rows, cols})
    gt_throw("AssertionError: expecting %s weights shape of %s, but got %s", what, py_tuple({rows, cols}).c_str(),
             gt_size_text(w.sizes()).c_str());
}

// _in_projection: separate weights (kdim or vdim differs from embed_dim).
std::vector<Tensor> in_projection(const Tensor &q, const Tensor &k, const Tensor &v, const Tensor &w_q,
                                  const Tensor &w_k, const Tensor &w_v, const Tensor &b) {
  check_proj_weight(w_q, q.size(-1), q.size(-1), "query");
  check_proj_weight(w_k, q.size(-1), k.size(-1), "key");
  check_proj_weight(w_v, q.size(-1), v.size(-1), "value");
  return {at::linear(q, w_q, opt_chunk(b, 0, 3)), at::linear(k, w_k, opt_chunk(b, 1, 3)),
          at::linear(v, w_v, opt_chunk(b, 2, 3))};
}

// The attn_mask checks and its (1, L, S) form; a byte mask becomes bool.
Tensor prepare_attn_mask(Tensor mask, int64_t tgt_len, int64_t src_len, int64_t bsz_heads) {
  if (!mask.defined()) return mask;
  // (PyTorch also warns that a byte mask is deprecated.)
  if (mask.scalar_type() == at::kByte) mask = mask.to(at::kBool);
  else if (!mask.is_floating_point() && mask.scalar_type() != at::kBool)
    gt_throw("AssertionError: Only float, byte, and bool types are supported for attn_mask, not %s",
             gt_dtype_name(static_cast<gt_dtype>(gt_dtype_of(mask.scalar_type()))));
  if (mask.dim() == 2) {
    if (mask.size(0) != tgt_len || mask.size(1) != src_len)
      gt_throw("The shape of the 2D attn_mask is %s, but should be %s.", gt_size_text(mask.sizes()).c_str(),
               py_tuple({tgt_len, src_len}).c_str());
    return mask.unsqueeze(0);
  }
  if (mask.dim() == 3) {
    std::vector<int64_t> want = {bsz_heads, tgt_len, src_len};
    if (mask.sizes().vec() != want)
      gt_throw("The shape of the 3D attn_mask is %s, but should be %s.", gt_size_text(mask.sizes()).c_str(),
               py_tuple(want).c_str());
    return mask;
  }
  gt_throw("attn_mask's dimension %lld is not supported", (long long)mask.dim());
}

Tensor pad_last(const Tensor &t) { return t.defined() ? at::constant_pad_nd(t, {0, 1}) : t; }

// The (bsz * heads, head_dim) split of a projected (len, bsz, E) tensor.
Tensor heads_first(const Tensor &t, int64_t bsz_heads, int64_t head_dim) {
  return t.contiguous().view({t.size(0), bsz_heads, head_dim}).transpose(0, 1);
}

Tensor static_kv(const Tensor &s, int64_t bsz_heads, int64_t head_dim, const char *name) {
  if (s.size(0) != bsz_heads)
    gt_throw("AssertionError: expecting %s.size(0) of %lld, but got %lld", name, (long long)bsz_heads,
             (long long)s.size(0));
  if (s.size(2) != head_dim)
    gt_throw("AssertionError: expecting %s.size(2) of %lld, but got %lld", name, (long long)head_dim,
             (long long)s.size(2));
  return s;
}

// Merges key_padding_mask (bsz, S) into attn_mask, as (bsz * heads, 1, S).
Tensor merge_padding_mask(Tensor mask, const Tensor &kpm, int64_t bsz, int64_t heads, int64_t src_len) {
  if (kpm.sizes().vec() != std::vector<int64_t>{bsz, src_len})
    gt_throw("AssertionError: expecting key_padding_mask shape of %s, but got %s", py_tuple({bsz, src_len}).c_str(),
             gt_size_text(kpm.sizes()).c_str());
  Tensor k = kpm.view({bsz, 1, 1, src_len}).expand({-1, heads, -1, -1}).reshape({bsz * heads, 1, src_len});
  if (!mask.defined()) return k;
  if (mask.scalar_type() == at::kBool) return mask.logical_or(k);
  return mask.masked_fill(k, -INFINITY);
}

struct mha_args {
  Tensor query, key, value;
  int64_t embed_dim_to_check, num_heads;
  Tensor in_proj_weight, in_proj_bias, bias_k, bias_v;
  bool add_zero_attn;
  double dropout_p;
  Tensor out_proj_weight, out_proj_bias;
  bool training;
  Tensor key_padding_mask;
  bool need_weights;
  Tensor attn_mask;
  bool use_separate_proj_weight;
  Tensor q_proj_weight, k_proj_weight, v_proj_weight, static_k, static_v;
  bool average_attn_weights;
};

std::vector<Tensor> project(const mha_args &a, const Tensor &query, const Tensor &key, const Tensor &value) {
  if (!a.use_separate_proj_weight) {
    if (key.sizes() != value.sizes())
      gt_throw("AssertionError: key shape %s does not match value shape %s", gt_size_text(key.sizes()).c_str(),
               gt_size_text(value.sizes()).c_str());
    if (!a.in_proj_weight.defined())
      gt_throw("AssertionError: use_separate_proj_weight is False but in_proj_weight is None");
    return in_projection_packed(query, key, value, a.in_proj_weight, a.in_proj_bias);
  }
  if (key.sizes().slice(0, 2) != value.sizes().slice(0, 2))
    gt_throw("AssertionError: key's sequence and batch dims %s do not match value's %s",
             gt_size_text(key.sizes().slice(0, 2)).c_str(), gt_size_text(value.sizes().slice(0, 2)).c_str());
  const char *missing = !a.q_proj_weight.defined()   ? "q_proj_weight"
                        : !a.k_proj_weight.defined() ? "k_proj_weight"
                        : !a.v_proj_weight.defined() ? "v_proj_weight"
                                                     : nullptr;
  if (missing) gt_throw("AssertionError: use_separate_proj_weight is True but %s is None", missing);
  return in_projection(query, key, value, a.q_proj_weight, a.k_proj_weight, a.v_proj_weight, a.in_proj_bias);
}

std::tuple<Tensor, Tensor> mha_forward(mha_args a) {
  bool batched = mha_is_batched(a.query, a.key, a.value, a.key_padding_mask, a.attn_mask, a.num_heads);
  Tensor query = a.query, key = a.key, value = a.value, kpm = a.key_padding_mask;
  if (!batched) {
    query = query.unsqueeze(1);
    key = key.unsqueeze(1);
    value = value.unsqueeze(1);
    if (kpm.defined()) kpm = kpm.unsqueeze(0);
  }
  int64_t tgt_len = query.size(0), bsz = query.size(1), embed_dim = query.size(2), src_len = key.size(0);
  if (kpm.defined() && kpm.scalar_type() != at::kBool && !kpm.is_floating_point())
    gt_throw("AssertionError: only bool and floating types of key_padding_mask are supported");
  if (embed_dim != a.embed_dim_to_check)
    gt_throw("AssertionError: was expecting embedding dimension of %lld, but got %lld",
             (long long)a.embed_dim_to_check, (long long)embed_dim);
  int64_t heads = a.num_heads, head_dim = embed_dim / heads;
  if (head_dim * heads != embed_dim)
    gt_throw("AssertionError: embed_dim %lld not divisible by num_heads %lld", (long long)embed_dim, (long long)heads);
  auto qkv = project(a, query, key, value);
  Tensor q = qkv[0], k = qkv[1], v = qkv[2];
  Tensor mask = prepare_attn_mask(a.attn_mask, tgt_len, src_len, bsz * heads);
  if (a.bias_k.defined() && a.bias_v.defined()) {
    if (a.static_k.defined()) gt_throw("AssertionError: bias cannot be added to static key.");
    if (a.static_v.defined()) gt_throw("AssertionError: bias cannot be added to static value.");
    k = at::cat({k, a.bias_k.repeat({1, bsz, 1})});
    v = at::cat({v, a.bias_v.repeat({1, bsz, 1})});
    mask = pad_last(mask);
    kpm = pad_last(kpm);
  } else if (a.bias_k.defined() || a.bias_v.defined()) {
    gt_throw("AssertionError");
  }
  q = heads_first(q, bsz * heads, head_dim);
  k = a.static_k.defined() ? static_kv(a.static_k, bsz * heads, head_dim, "static_k") : heads_first(k, bsz * heads, head_dim);
  v = a.static_v.defined() ? static_kv(a.static_v, bsz * heads, head_dim, "static_v") : heads_first(v, bsz * heads, head_dim);
  if (a.add_zero_attn) {
    k = at::cat({k, at::zeros({bsz * heads, 1, head_dim}, k.options())}, 1);
    v = at::cat({v, at::zeros({bsz * heads, 1, head_dim}, v.options())}, 1);
    mask = pad_last(mask);
    kpm = pad_last(kpm);
  }
  src_len = k.size(1);
  if (kpm.defined()) mask = merge_padding_mask(mask, kpm, bsz, heads, src_len);
  if (mask.defined() && mask.scalar_type() == at::kBool)
    mask = at::zeros_like(mask, q.options()).masked_fill_(mask, -INFINITY);
  double dropout_p = a.training ? a.dropout_p : 0.0;

  // _scaled_dot_product_attention
  Tensor q_scaled = q / std::sqrt((double)q.size(2));
  Tensor w = mask.defined() ? at::baddbmm(mask, q_scaled, k.transpose(-2, -1)) : at::bmm(q_scaled, k.transpose(-2, -1));
  w = at::softmax(w, -1);
  if (dropout_p > 0.0) w = at::dropout(w, dropout_p, true);
  Tensor out = at::bmm(w, v);

  out = out.transpose(0, 1).contiguous().view({tgt_len * bsz, embed_dim});
  out = at::linear(out, a.out_proj_weight, a.out_proj_bias);
  out = out.view({tgt_len, bsz, out.size(1)});
  if (!a.need_weights) return {batched ? out : out.squeeze(1), Tensor()};
  w = w.view({bsz, heads, tgt_len, src_len});
  if (a.average_attn_weights) w = w.sum(1) / gt_wrapped_number(heads, w);  /* Python int: DivBackward0 */
  if (!batched) return {out.squeeze(1), w.squeeze(0)};
  return {out, w};
}

at::Tensor O(gt_tensor *t) { return gt_unwrap_opt(t); }

}  // namespace

extern "C" gt_tuple *gt_F_multi_head_attention_forward(
    gt_tensor *query, gt_tensor *key, gt_tensor *value, int64_t embed_dim_to_check, int64_t num_heads,
    gt_tensor *in_proj_weight, gt_tensor *in_proj_bias, gt_tensor *bias_k, gt_tensor *bias_v, bool add_zero_attn,
    double dropout_p, gt_tensor *out_proj_weight, gt_tensor *out_proj_bias, bool training,
    gt_tensor *key_padding_mask, bool need_weights, gt_tensor *attn_mask, bool use_separate_proj_weight,
    gt_tensor *q_proj_weight, gt_tensor *k_proj_weight, gt_tensor *v_proj_weight, gt_tensor *static_k,
    gt_tensor *static_v, bool average_attn_weights) {
  return GT_VALUE(gt_tuple *, nullptr, ([&] {
                    mha_args a{U(query), U(key), U(value), embed_dim_to_check, num_heads, O(in_proj_weight),
                               O(in_proj_bias), O(bias_k), O(bias_v), add_zero_attn, dropout_p,
                               U(out_proj_weight), O(out_proj_bias), training, O(key_padding_mask),
                               need_weights, O(attn_mask), use_separate_proj_weight, O(q_proj_weight),
                               O(k_proj_weight), O(v_proj_weight), O(static_k), O(static_v),
                               average_attn_weights};
                    return gt_wrap_pair(mha_forward(a));
                  }()));
}

// MultiheadAttention's out_proj: a Linear under another class name (PyTorch
// names it so that dynamic quantisation leaves it alone).
extern "C" gt_module *gt_nn_NonDynamicallyQuantizableLinear(int64_t in_features, int64_t out_features, bool bias) {
  return GT_VALUE(gt_module *, nullptr, ([&] {
                    auto m = std::make_shared<torch::nn::LinearImpl>(
                        torch::nn::LinearOptions(in_features, out_features).bias(bias));
                    std::string r = "NonDynamicallyQuantizableLinear(in_features=" + std::to_string(in_features) +
                                    ", out_features=" + std::to_string(out_features) +
                                    ", bias=" + (bias ? "True" : "False") + ")";
                    return gt_module_make("NonDynamicallyQuantizableLinear", r, m,
                                          gt_forward_of<torch::nn::LinearImpl>());
                  }()));
}

// torch.triu / Tensor.triu (nn.Transformer.generate_square_subsequent_mask).
extern "C" gt_tensor *gt_triu(gt_tensor *x, int64_t diagonal) { return GT_TENSOR(at::triu(U(x), diagonal)); }
extern "C" gt_tensor *gt_tril(gt_tensor *x, int64_t diagonal) { return GT_TENSOR(at::tril(U(x), diagonal)); }

// ---- the fast paths PyTorch's modules take in inference (eval, no grad) ----

static c10::optional<at::Tensor> opt(gt_tensor *t) {
  return t ? c10::optional<at::Tensor>(U(t)) : c10::nullopt;
}

// torch._native_multi_head_attention (MultiheadAttention's fast path).
extern "C" gt_tuple *gt_native_multi_head_attention(gt_tensor *query, gt_tensor *key, gt_tensor *value,
                                                     int64_t embed_dim, int64_t num_head, gt_tensor *qkv_weight,
                                                     gt_tensor *qkv_bias, gt_tensor *proj_weight,
                                                     gt_tensor *proj_bias, gt_tensor *mask, bool need_weights,
                                                     bool average_attn_weights, int64_t mask_type) {
  return GT_VALUE(gt_tuple *, nullptr,
                  gt_wrap_pair(at::_native_multi_head_attention(
                      U(query), U(key), U(value), embed_dim, num_head, U(qkv_weight), U(qkv_bias), U(proj_weight),
                      U(proj_bias), opt(mask), need_weights, average_attn_weights, gt_opt_int(mask_type))));
}

// torch._transformer_encoder_layer_fwd (TransformerEncoderLayer's fast path).
extern "C" gt_tensor *gt_transformer_encoder_layer_fwd(
    gt_tensor *src, int64_t embed_dim, int64_t num_heads, gt_tensor *qkv_weight, gt_tensor *qkv_bias,
    gt_tensor *proj_weight, gt_tensor *proj_bias, bool use_gelu, bool norm_first, double eps,
    gt_tensor *norm_weight_1, gt_tensor *norm_bias_1, gt_tensor *norm_weight_2, gt_tensor *norm_bias_2,
    gt_tensor *ffn_weight_1, gt_tensor *ffn_bias_1, gt_tensor *ffn_weight_2, gt_tensor *ffn_bias_2, gt_tensor *mask,
    int64_t mask_type) {
  return GT_TENSOR(at::_transformer_encoder_layer_fwd(
      U(src), embed_dim, num_heads, U(qkv_weight), U(qkv_bias), U(proj_weight), U(proj_bias), use_gelu, norm_first,
      eps, U(norm_weight_1), U(norm_bias_1), U(norm_weight_2), U(norm_bias_2), U(ffn_weight_1), U(ffn_bias_1),
      U(ffn_weight_2), U(ffn_bias_2), opt(mask), gt_opt_int(mask_type)));
}

// torch.get_rng_state / set_rng_state: the CPU generator's state as a
// uint8 tensor, as PyTorch's (nn.TransformerEncoder copies its layer
// without drawing: it builds the copies and then restores the state).
extern "C" gt_tensor *gt_get_rng_state(void) {
  return GT_TENSOR(([] {
    auto gen = at::detail::getDefaultCPUGenerator();
    std::lock_guard<std::mutex> lock(gen.mutex());
    return gen.get_state();
  }()));
}

extern "C" int gt_set_rng_state(gt_tensor *state) {
  return GT_STATUS(([&] {
    auto gen = at::detail::getDefaultCPUGenerator();
    std::lock_guard<std::mutex> lock(gen.mutex());
    gen.set_state(U(state));
  }()));
}
