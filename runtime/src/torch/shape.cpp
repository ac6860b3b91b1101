// shape.cpp - views, joins and splits, indexing.
#include "internal.h"

using at::indexing::TensorIndex;

extern "C" gt_tensor *gt_view(gt_tensor *x, const int64_t *shape, int64_t n) { return GT_TENSOR(U(x).view(gt_shape(shape, n))); }
extern "C" gt_tensor *gt_reshape(gt_tensor *x, const int64_t *shape, int64_t n) { return GT_TENSOR(U(x).reshape(gt_shape(shape, n))); }
extern "C" gt_tensor *gt_flatten(gt_tensor *x, int64_t start_dim, int64_t end_dim) { return GT_TENSOR(U(x).flatten(start_dim, end_dim)); }
extern "C" gt_tensor *gt_squeeze(gt_tensor *x) { return GT_TENSOR(U(x).squeeze()); }
extern "C" gt_tensor *gt_squeeze_dim(gt_tensor *x, int64_t dim) { return GT_TENSOR(U(x).squeeze(dim)); }
extern "C" gt_tensor *gt_unsqueeze(gt_tensor *x, int64_t dim) { return GT_TENSOR(U(x).unsqueeze(dim)); }
extern "C" gt_tensor *gt_permute(gt_tensor *x, const int64_t *dims, int64_t n) { return GT_TENSOR(U(x).permute(gt_shape(dims, n))); }
extern "C" gt_tensor *gt_flip(gt_tensor *x, const int64_t *dims, int64_t n) { return GT_TENSOR(at::flip(U(x), gt_shape(dims, n))); }
extern "C" gt_tensor *gt_fliplr(gt_tensor *x) { return GT_TENSOR(at::fliplr(U(x))); }
extern "C" gt_tensor *gt_flipud(gt_tensor *x) { return GT_TENSOR(at::flipud(U(x))); }
extern "C" gt_tensor *gt_transpose(gt_tensor *x, int64_t d0, int64_t d1) { return GT_TENSOR(U(x).transpose(d0, d1)); }
extern "C" gt_tensor *gt_t(gt_tensor *x) { return GT_TENSOR(U(x).t()); }
extern "C" int gt_squeeze_(gt_tensor *x) { return GT_STATUS(U(x).squeeze_()); }
extern "C" int gt_squeeze_dim_(gt_tensor *x, int64_t dim) { return GT_STATUS(U(x).squeeze_(dim)); }
extern "C" int gt_unsqueeze_(gt_tensor *x, int64_t dim) { return GT_STATUS(U(x).unsqueeze_(dim)); }
extern "C" int gt_transpose_(gt_tensor *x, int64_t d0, int64_t d1) { return GT_STATUS(U(x).transpose_(d0, d1)); }
extern "C" int gt_t_(gt_tensor *x) { return GT_STATUS(U(x).t_()); }
extern "C" gt_tensor *gt_expand(gt_tensor *x, const int64_t *shape, int64_t n) { return GT_TENSOR(U(x).expand(gt_shape(shape, n))); }
extern "C" gt_tensor *gt_expand_as(gt_tensor *x, gt_tensor *other) { return GT_TENSOR(U(x).expand_as(U(other))); }
extern "C" gt_tensor *gt_view_as(gt_tensor *x, gt_tensor *other) { return GT_TENSOR(U(x).view_as(U(other))); }
extern "C" gt_tensor *gt_repeat(gt_tensor *x, const int64_t *repeats, int64_t n) { return GT_TENSOR(U(x).repeat(gt_shape(repeats, n))); }
extern "C" gt_tensor *gt_narrow(gt_tensor *x, int64_t dim, int64_t start, int64_t length) { return GT_TENSOR(U(x).narrow(dim, start, length)); }
extern "C" gt_tensor *gt_unfold(gt_tensor *x, int64_t dimension, int64_t size, int64_t step) { return GT_TENSOR(U(x).unfold(dimension, size, step)); }
extern "C" gt_tensor *gt_select(gt_tensor *x, int64_t dim, int64_t index) { return GT_TENSOR(U(x).select(dim, index)); }

extern "C" gt_tensor *gt_cat(const gt_list *ts, int64_t dim) { return GT_TENSOR(at::cat(gt_unwrap_list(ts), dim)); }
extern "C" gt_tensor *gt_stack(const gt_list *ts, int64_t dim) { return GT_TENSOR(at::stack(gt_unwrap_list(ts), dim)); }
extern "C" gt_list *gt_split(gt_tensor *x, int64_t size, int64_t dim) { return GT_VALUE(gt_list *, nullptr, gt_wrap_list(at::split(U(x), size, dim))); }
extern "C" gt_list *gt_split_sizes(gt_tensor *x, const int64_t *sizes, int64_t n, int64_t dim) {
  return GT_VALUE(gt_list *, nullptr, gt_wrap_list(at::split_with_sizes(U(x), gt_shape(sizes, n), dim)));
}
extern "C" gt_list *gt_chunk(gt_tensor *x, int64_t chunks, int64_t dim) { return GT_VALUE(gt_list *, nullptr, gt_wrap_list(at::chunk(U(x), chunks, dim))); }
extern "C" gt_list *gt_unbind(gt_tensor *x, int64_t dim) { return GT_VALUE(gt_list *, nullptr, gt_wrap_list(at::unbind(U(x), dim))); }

// ---- indexing --------------------------------------------------------------------

// x[[0, 2]]: a list of ints is an int64 index tensor, one of bools a mask, as PyTorch reads them.
static at::Tensor list_index(const gt_list *l) {
  bool bools = l->type->args[0]->kind == GT_K_BOOL;
  std::vector<int64_t> v((size_t)l->len);
  for (int64_t i = 0; i < l->len; i++) v[(size_t)i] = bools ? (int64_t)l->items[i].b : l->items[i].i;
  at::Tensor t = at::tensor(v, at::kLong);
  return bools ? t.to(at::kBool) : t;
}

// A subscript as at::indexing items; Python's slice rules are ATen's.
std::vector<TensorIndex> gt_subscript(const gt_index *idx, int64_t n) {
  if (n < 0 || (n > 0 && !idx)) gt_throw("invalid subscript");
  std::vector<TensorIndex> out;
  out.reserve(n);
  for (int64_t i = 0; i < n; i++) {
    const gt_index &g = idx[i];
    switch (g.kind) {
      case GT_IDX_INT: out.emplace_back(g.start); break;
      case GT_IDX_SLICE:
        if (g.step == 0) gt_throw("slice step cannot be zero");
        out.emplace_back(at::indexing::Slice(gt_opt_int(g.start), gt_opt_int(g.stop), gt_opt_int(g.step)));
        break;
      case GT_IDX_NONE: out.emplace_back(at::indexing::None); break;
      case GT_IDX_ELLIPSIS: out.emplace_back(at::indexing::Ellipsis); break;
      case GT_IDX_TENSOR: out.emplace_back(gt_unwrap(g.tensor)); break;
      case GT_IDX_BOOL: out.emplace_back(g.start != 0); break;
      case GT_IDX_RANGE:
        if (g.step == 0) gt_throw("ValueError: range() arg 3 must not be zero");
        out.emplace_back(at::arange(g.start, g.stop, g.step, at::kLong));
        break;
      case GT_IDX_LIST: out.emplace_back(list_index(g.list)); break;
      default: gt_throw("invalid subscript kind %d", (int)g.kind);
    }
  }
  return out;
}

extern "C" gt_tensor *gt_getitem(gt_tensor *x, const gt_index *idx, int64_t n) { return GT_TENSOR(U(x).index(gt_subscript(idx, n))); }
extern "C" int gt_setitem_(gt_tensor *x, const gt_index *idx, int64_t n, gt_tensor *value) {
  return GT_STATUS(U(x).index_put_(gt_subscript(idx, n), U(value)));
}
extern "C" int gt_setitem_f_(gt_tensor *x, const gt_index *idx, int64_t n, double value) {
  return GT_STATUS(U(x).index_put_(gt_subscript(idx, n), value));
}
extern "C" int gt_setitem_i_(gt_tensor *x, const gt_index *idx, int64_t n, int64_t value) {
  return GT_STATUS(U(x).index_put_(gt_subscript(idx, n), value));
}

extern "C" gt_tensor *gt_index_select(gt_tensor *x, int64_t dim, gt_tensor *index) { return GT_TENSOR(at::index_select(U(x), dim, U(index))); }
extern "C" gt_tensor *gt_gather(gt_tensor *x, int64_t dim, gt_tensor *index) { return GT_TENSOR(at::gather(U(x), dim, U(index))); }
extern "C" gt_tensor *gt_scatter(gt_tensor *x, int64_t dim, gt_tensor *index, gt_tensor *src) {
  return GT_TENSOR(at::scatter(U(x), dim, U(index), U(src)));
}
extern "C" gt_tensor *gt_scatter_f(gt_tensor *x, int64_t dim, gt_tensor *index, double value) {
  return GT_TENSOR(at::scatter(U(x), dim, U(index), value));
}
extern "C" int gt_scatter_(gt_tensor *x, int64_t dim, gt_tensor *index, gt_tensor *src) { return GT_STATUS(U(x).scatter_(dim, U(index), U(src))); }
extern "C" int gt_scatter_f_(gt_tensor *x, int64_t dim, gt_tensor *index, double value) { return GT_STATUS(U(x).scatter_(dim, U(index), value)); }
extern "C" gt_tensor *gt_masked_fill_f(gt_tensor *x, gt_tensor *mask, double v) { return GT_TENSOR(at::masked_fill(U(x), U(mask), v)); }
extern "C" gt_tensor *gt_masked_fill_i(gt_tensor *x, gt_tensor *mask, int64_t v) { return GT_TENSOR(at::masked_fill(U(x), U(mask), v)); }
extern "C" gt_tensor *gt_masked_fill_t(gt_tensor *x, gt_tensor *mask, gt_tensor *v) { return GT_TENSOR(at::masked_fill(U(x), U(mask), U(v))); }
extern "C" int gt_masked_fill_f_(gt_tensor *x, gt_tensor *mask, double v) { return GT_STATUS(U(x).masked_fill_(U(mask), v)); }
extern "C" int gt_masked_fill_i_(gt_tensor *x, gt_tensor *mask, int64_t v) { return GT_STATUS(U(x).masked_fill_(U(mask), v)); }
extern "C" gt_tensor *gt_masked_select(gt_tensor *x, gt_tensor *mask) { return GT_TENSOR(at::masked_select(U(x), U(mask))); }
extern "C" gt_tensor *gt_nonzero(gt_tensor *x) { return GT_TENSOR(at::nonzero(U(x))); }

// torch.diag: a 1-D tensor's diagonal matrix, a 2-D tensor's diagonal.
extern "C" gt_tensor *gt_diag(gt_tensor *x, int64_t diagonal) { return GT_TENSOR(at::diag(U(x), diagonal)); }
