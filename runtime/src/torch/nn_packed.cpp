// nn_packed.cpp - torch.nn.utils.rnn: PackedSequence, pack_padded_sequence,
// pad_packed_sequence, pad_sequence, pack_sequence, and the recurrent
// layers' calls on a PackedSequence, as PyTorch 1.13's Python computes them
// (libtorch's torch::nn::utils::rnn and forward_with_packed_input run the
// same kernels; the checks Python adds around them are here, in its words).
#include <torch/nn/modules/rnn.h>
#include <torch/nn/utils/rnn.h>

#include "nn_module.h"

namespace rnn = torch::nn::utils::rnn;

struct gt_packed {
  gt_obj h;
  rnn::PackedSequence seq;
};

namespace {

void packed_drop(gt_obj *o) { reinterpret_cast<gt_packed *>(o)->~gt_packed(); }

// A field of the namedtuple's repr: a tensor's repr, or None.
std::string field(const at::Tensor &t) {
  if (!t.defined()) return "None";
  gt_tensor *w = gt_wrap(t);
  gt_str *s = gt_tensor_str(w);
  gt_release(w);
  if (!s) gt_throw("%s", gt_last_error());
  std::string r(s->data, s->len);
  gt_release(s);
  return r;
}

// Python's namedtuple repr: PackedSequence(data=tensor(...), batch_sizes=...).
gt_str *packed_repr(gt_obj *o) {
  return GT_VALUE(gt_str *, nullptr, ([&] {
                    const rnn::PackedSequence &p = reinterpret_cast<gt_packed *>(o)->seq;
                    std::string s = "PackedSequence(data=" + field(p.data()) + ", batch_sizes=" +
                                    field(p.batch_sizes()) + ", sorted_indices=" + field(p.sorted_indices()) +
                                    ", unsorted_indices=" + field(p.unsorted_indices()) + ")";
                    return gt_str_new(s.data(), (int64_t)s.size());
                  }()));
}

gt_packed *wrap_packed(rnn::PackedSequence seq) {
  auto *p = static_cast<gt_packed *>(gt_alloc(sizeof(gt_packed), &gt_packed_class));
  new (&p->seq) rnn::PackedSequence(std::move(seq));
  return p;
}

const rnn::PackedSequence &unwrap_packed(gt_packed *p) {
  if (!p) gt_throw("TypeError: expected a PackedSequence, got None");
  return p->seq;
}

// Python's pack_padded_sequence: lengths as int64 on the CPU, sorted (with
// the input's batch permuted) unless enforce_sorted; the kernel checks the rest.
rnn::PackedSequence pack_padded(const at::Tensor &input, const at::Tensor &lengths, bool batch_first,
                                bool enforce_sorted) {
  at::Tensor lens = lengths.to(at::kCPU, at::kLong);
  return rnn::pack_padded_sequence(input, lens, batch_first, enforce_sorted);
}

}  // namespace

extern "C" const gt_class gt_packed_class = {"PackedSequence", packed_drop, packed_repr, packed_repr,
                                             NULL, NULL, NULL};

extern "C" gt_tensor *gt_packed_data(gt_packed *p) { return GT_TENSOR(unwrap_packed(p).data()); }
extern "C" gt_tensor *gt_packed_batch_sizes(gt_packed *p) { return GT_TENSOR(unwrap_packed(p).batch_sizes()); }
// None where undefined: NULL with no message (gt_ok's None, as gt_grad's).
extern "C" gt_tensor *gt_packed_sorted_indices(gt_packed *p) {
  gt_clear_error();
  return GT_TENSOR(unwrap_packed(p).sorted_indices());
}
extern "C" gt_tensor *gt_packed_unsorted_indices(gt_packed *p) {
  gt_clear_error();
  return GT_TENSOR(unwrap_packed(p).unsorted_indices());
}
extern "C" gt_str *gt_packed_repr(gt_packed *p) { return packed_repr(&p->h); }

extern "C" gt_packed *gt_rnn_pack_padded_sequence(gt_tensor *input, gt_tensor *lengths, bool batch_first,
                                                  bool enforce_sorted) {
  return GT_VALUE(gt_packed *, nullptr, wrap_packed(pack_padded(U(input), U(lengths), batch_first, enforce_sorted)));
}

extern "C" gt_packed *gt_rnn_pack_padded_sequence_list(gt_tensor *input, const gt_list *lengths, bool batch_first,
                                                       bool enforce_sorted) {
  return GT_VALUE(gt_packed *, nullptr, ([&] {
                    std::vector<int64_t> v;
                    for (int64_t i = 0; i < lengths->len; i++) v.push_back(lengths->items[i].i);
                    at::Tensor lens = torch::tensor(v, at::kLong);
                    return wrap_packed(pack_padded(U(input), lens, batch_first, enforce_sorted));
                  }()));
}

extern "C" gt_packed *gt_rnn_pack_sequence(const gt_list *sequences, bool enforce_sorted) {
  return GT_VALUE(gt_packed *, nullptr, wrap_packed(rnn::pack_sequence(gt_unwrap_list(sequences), enforce_sorted)));
}

extern "C" gt_tuple *gt_rnn_pad_packed_sequence(gt_packed *sequence, bool batch_first, double padding_value,
                                                int64_t total_length) {
  gt_tuple *r = GT_VALUE(gt_tuple *, nullptr, ([&] {
                           const rnn::PackedSequence &p = unwrap_packed(sequence);
                           int64_t longest = p.batch_sizes().size(0);
                           if (total_length != GT_NONE_INT && total_length < longest)
                             gt_throw("ValueError: Expected total_length to be at least the length of the longest "
                                      "sequence in input, but got total_length=%lld and max sequence length being "
                                      "%lld",
                                      (long long)total_length, (long long)longest);
                           return gt_wrap_pair(rnn::pad_packed_sequence(p, batch_first, padding_value,
                                                                        gt_opt_int(total_length)));
                         }()));
  if (!r) gt_fail("%s", gt_last_error());
  return r;
}

extern "C" gt_tensor *gt_rnn_pad_sequence(const gt_list *sequences, bool batch_first, double padding_value) {
  return GT_TENSOR(rnn::pad_sequence(gt_unwrap_list(sequences), batch_first, padding_value));
}

// ---- the recurrent layers on a PackedSequence ----------------------------------------

namespace {

template <class Impl>
std::shared_ptr<Impl> packed_layer(gt_module *m, const char *type) {
  std::shared_ptr<Impl> p;
  if (gt_module_is_builtin(m)) p = std::dynamic_pointer_cast<Impl>(gt_module_unwrap(m).module);
  if (!p) gt_throw("expected an %s module, got %s", type, gt_module_type(m));
  return p;
}

// (output, h_n) of a PackedSequence output and a state (a tensor or a tuple).
gt_tuple *packed_result(rnn::PackedSequence out, void *state) {
  gt_val a, b;
  a.p = wrap_packed(std::move(out));
  b.p = state;
  gt_tuple *t = gt_tuple_of(&gt_t_tensor_pair, a, b);  // the tuple retains
  gt_release(a.p);
  gt_release(b.p);
  return t;
}

template <class Impl>
gt_tuple *call_single_state(gt_module *m, const char *type, gt_packed *input, gt_tensor *h_0) {
  auto layer = packed_layer<Impl>(m, type);
  auto out = layer->forward_with_packed_input(unwrap_packed(input), h_0 ? U(h_0) : at::Tensor());
  return packed_result(std::get<0>(out), gt_wrap(std::get<1>(out)));
}

gt_tuple *or_fail(gt_tuple *t) {
  if (!t) gt_fail("%s", gt_last_error());
  return t;
}

}  // namespace

extern "C" gt_tuple *gt_bind_nn_rnn_call_packed(gt_module *m, gt_packed *input, gt_tensor *h_0) {
  return or_fail(GT_VALUE(gt_tuple *, nullptr, call_single_state<torch::nn::RNNImpl>(m, "RNN", input, h_0)));
}

extern "C" gt_tuple *gt_bind_nn_gru_call_packed(gt_module *m, gt_packed *input, gt_tensor *h_0) {
  return or_fail(GT_VALUE(gt_tuple *, nullptr, call_single_state<torch::nn::GRUImpl>(m, "GRU", input, h_0)));
}

extern "C" gt_tuple *gt_bind_nn_lstm_call_packed(gt_module *m, gt_packed *input, const gt_tuple *hx) {
  return or_fail(GT_VALUE(gt_tuple *, nullptr, ([&] {
                            auto lstm = packed_layer<torch::nn::LSTMImpl>(m, "LSTM");
                            c10::optional<std::tuple<at::Tensor, at::Tensor>> state;
                            if (hx)
                              state = std::make_tuple(U(static_cast<gt_tensor *>(hx->items[0].p)),
                                                      U(static_cast<gt_tensor *>(hx->items[1].p)));
                            auto out = lstm->forward_with_packed_input(unwrap_packed(input), state);
                            return packed_result(std::get<0>(out), gt_wrap_pair(std::get<1>(out)));
                          }())));
}
