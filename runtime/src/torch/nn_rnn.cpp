// nn_rnn.cpp - the recurrent layers: nn.RNN, nn.LSTM, nn.GRU and the cells
// nn.RNNCell, nn.LSTMCell, nn.GRUCell.
//
// libtorch's modules create, name and initialise the weights as Python's do
// (weight_ih_l0, weight_hh_l0, bias_ih_l0, ... drawn in that order); the
// calls here add what Python's forward adds around the kernel: unbatched
// input (a batch of one, squeezed back) and its checks of the hidden state.
#include <torch/nn/modules/rnn.h>

#include "nn_module.h"

namespace {

namespace nn = torch::nn;

std::string py(double x) { return gt_py_float(x); }
std::string py(int64_t i) { return std::to_string(i); }

// RNNBase.__init__'s checks, in its order and words.
void check_rnn_options(int64_t hidden_size, int64_t num_layers, double dropout, int64_t proj_size) {
  if (!(dropout >= 0 && dropout <= 1))
    gt_throw("ValueError: dropout should be a number in range [0, 1] representing the probability "
             "of an element being zeroed");
  if (proj_size < 0)
    gt_throw("ValueError: proj_size should be a positive integer or zero to disable projections");
  if (proj_size >= hidden_size) gt_throw("ValueError: proj_size has to be smaller than hidden_size");
  // Python builds no layer at all for num_layers=0 and fails at forward.
  if (num_layers <= 0) gt_throw("ValueError: num_layers must be positive, got %lld", (long long)num_layers);
}

// Python's RNNBase.extra_repr (RNN's nonlinearity is not shown).
std::string rnn_repr(const char *type, int64_t in, int64_t hidden, int64_t proj, int64_t layers,
                     bool bias, bool batch_first, double dropout, bool bidirectional) {
  std::string s = std::string(type) + "(" + py(in) + ", " + py(hidden);
  if (proj != 0) s += ", proj_size=" + py(proj);
  if (layers != 1) s += ", num_layers=" + py(layers);
  if (!bias) s += ", bias=False";
  if (batch_first) s += ", batch_first=True";
  if (dropout != 0) s += ", dropout=" + py(dropout);
  if (bidirectional) s += ", bidirectional=True";
  return s + ")";
}

// Python's RNNCellBase.extra_repr.
std::string cell_repr(const char *type, int64_t in, int64_t hidden, bool bias, const std::string &nonlin) {
  std::string s = std::string(type) + "(" + py(in) + ", " + py(hidden);
  if (!bias) s += ", bias=False";
  if (nonlin != "tanh") s += ", nonlinearity=" + nonlin;
  return s + ")";
}

// The options all three layers share.
template <class Options>
Options rnn_options(int64_t input_size, int64_t hidden_size, int64_t num_layers, bool bias,
                    bool batch_first, double dropout, bool bidirectional) {
  check_rnn_options(hidden_size, num_layers, dropout, 0);
  Options o(input_size, hidden_size);
  o.num_layers(num_layers).bias(bias).batch_first(batch_first).dropout(dropout);
  o.bidirectional(bidirectional);
  return o;
}

// A recurrent layer has no one-tensor forward: net(x) goes through the calls below.
template <class Impl, class Options>
gt_module *make_layer(const char *type, const Options &o, const std::string &repr) {
  return gt_module_make(type, repr, std::make_shared<Impl>(o), nullptr);
}

template <class Impl>
std::shared_ptr<Impl> layer_of(gt_module *m, const char *type) {
  std::shared_ptr<Impl> p;
  if (gt_module_is_builtin(m)) p = std::dynamic_pointer_cast<Impl>(gt_module_unwrap(m).module);
  if (!p) gt_throw("expected an %s module, got %s", type, gt_module_type(m));
  return p;
}

// Python's nonlinearity argument as libtorch's option; RNN checks it at
// construction (ValueError), RNNCell at its first call.
template <class Nonlin>
Nonlin nonlinearity(const std::string &name, bool cell) {
  if (name == "tanh") return torch::kTanh;
  if (name == "relu") return torch::kReLU;
  if (cell) gt_throw("Unknown nonlinearity: %s", name.c_str());
  gt_throw("ValueError: Unknown nonlinearity '%s'", name.c_str());
}

}  // namespace

// ---- constructors --------------------------------------------------------------------

extern "C" gt_module *gt_nn_RNN(int64_t input_size, int64_t hidden_size, int64_t num_layers,
                                bool bias, bool batch_first, double dropout, bool bidirectional,
                                const char *nonlin) {
  return GT_VALUE(gt_module *, nullptr, ([&] {
                    auto n = nonlinearity<nn::RNNOptions::nonlinearity_t>(nonlin ? nonlin : "tanh", false);
                    auto o = rnn_options<nn::RNNOptions>(input_size, hidden_size, num_layers, bias,
                                                         batch_first, dropout, bidirectional);
                    o.nonlinearity(n);
                    return make_layer<nn::RNNImpl>("RNN", o, rnn_repr("RNN", input_size, hidden_size, 0, num_layers, bias,
                                                                       batch_first, dropout, bidirectional));
                  }()));
}

extern "C" gt_module *gt_nn_LSTM_proj(int64_t input_size, int64_t hidden_size, int64_t num_layers,
                                      bool bias, bool batch_first, double dropout,
                                      bool bidirectional, int64_t proj_size) {
  return GT_VALUE(gt_module *, nullptr, ([&] {
                    check_rnn_options(hidden_size, num_layers, dropout, proj_size);
                    auto o = rnn_options<nn::LSTMOptions>(input_size, hidden_size, num_layers, bias,
                                                          batch_first, dropout, bidirectional);
                    o.proj_size(proj_size);
                    return make_layer<nn::LSTMImpl>("LSTM", o, rnn_repr("LSTM", input_size, hidden_size, proj_size,
                                                                         num_layers, bias, batch_first, dropout,
                                                                         bidirectional));
                  }()));
}

extern "C" gt_module *gt_nn_LSTM(int64_t input_size, int64_t hidden_size, int64_t num_layers,
                                 bool bias, bool batch_first, double dropout, bool bidirectional) {
  return gt_nn_LSTM_proj(input_size, hidden_size, num_layers, bias, batch_first, dropout, bidirectional, 0);
}

extern "C" gt_module *gt_nn_GRU(int64_t input_size, int64_t hidden_size, int64_t num_layers,
                                bool bias, bool batch_first, double dropout, bool bidirectional) {
  return GT_VALUE(gt_module *, nullptr, ([&] {
                    auto o = rnn_options<nn::GRUOptions>(input_size, hidden_size, num_layers, bias,
                                                         batch_first, dropout, bidirectional);
                    return make_layer<nn::GRUImpl>("GRU", o, rnn_repr("GRU", input_size, hidden_size, 0, num_layers, bias,
                                                                       batch_first, dropout, bidirectional));
                  }()));
}

extern "C" gt_module *gt_nn_RNNCell(int64_t input_size, int64_t hidden_size, bool bias, const char *nonlin) {
  return GT_VALUE(gt_module *, nullptr, ([&] {
                    std::string name = nonlin ? nonlin : "tanh";
                    nn::RNNCellOptions o(input_size, hidden_size);
                    // Python takes any name here and fails at the first call.
                    o.bias(bias).nonlinearity(nonlinearity<nn::RNNCellOptions::nonlinearity_t>(name, true));
                    return make_layer<nn::RNNCellImpl>("RNNCell", o,
                                                       cell_repr("RNNCell", input_size, hidden_size, bias, name));
                  }()));
}

extern "C" gt_module *gt_nn_LSTMCell(int64_t input_size, int64_t hidden_size, bool bias) {
  return GT_VALUE(gt_module *, nullptr, ([&] {
                    nn::LSTMCellOptions o(input_size, hidden_size);
                    o.bias(bias);
                    return make_layer<nn::LSTMCellImpl>("LSTMCell", o,
                                                        cell_repr("LSTMCell", input_size, hidden_size, bias, "tanh"));
                  }()));
}

extern "C" gt_module *gt_nn_GRUCell(int64_t input_size, int64_t hidden_size, bool bias) {
  return GT_VALUE(gt_module *, nullptr, ([&] {
                    nn::GRUCellOptions o(input_size, hidden_size);
                    o.bias(bias);
                    return make_layer<nn::GRUCellImpl>("GRUCell", o,
                                                       cell_repr("GRUCell", input_size, hidden_size, bias, "tanh"));
                  }()));
}

// ---- calls ----------------------------------------------------------------------------

namespace {

at::Tensor unsqueeze_if(const at::Tensor &t, bool yes, int64_t dim) { return yes && t.defined() ? t.unsqueeze(dim) : t; }
at::Tensor squeeze_if(const at::Tensor &t, bool yes, int64_t dim) { return yes ? t.squeeze(dim) : t; }

// Python's check of h_0 against the input's batching (RNN and GRU).
void check_hidden(bool batched, const at::Tensor &h) {
  if (!h.defined()) return;
  if (batched && h.dim() != 3)
    gt_throw("For batched 3-D input, hx should also be 3-D but got %lld-D tensor", (long long)h.dim());
  if (!batched && h.dim() != 2)
    gt_throw("For unbatched 2-D input, hx should also be 2-D but got %lld-D tensor", (long long)h.dim());
}

void check_hidden_pair(bool batched, const at::Tensor &h, const at::Tensor &c) {
  int64_t want = batched ? 3 : 2;
  if (h.dim() != want || c.dim() != want)
    gt_throw("For %s input, hx and cx should also be %s but got (%lld-D, %lld-D) tensors",
             batched ? "batched 3-D" : "unbatched 2-D", batched ? "3-D" : "2-D", (long long)h.dim(),
             (long long)c.dim());
}

std::string py_sizes(const std::vector<int64_t> &v, const char *open, const char *close) {
  std::string s = open;
  for (size_t i = 0; i < v.size(); i++) s += (i ? ", " : "") + py((int64_t)v[i]);
  return s + close;
}

// RNNBase.check_input and check_hidden_size, in Python's words (libtorch's
// own checks word them otherwise). x is the batched input.
template <class Options>
void check_input(const Options &o, const at::Tensor &x) {
  if (x.dim() != 3) gt_throw("input must have 3 dimensions, got %lld", (long long)x.dim());
  if (x.size(-1) != o.input_size())
    gt_throw("input.size(-1) must be equal to input_size. Expected %lld, got %lld", (long long)o.input_size(),
             (long long)x.size(-1));
}

template <class Options>
void check_hidden_size(const Options &o, const at::Tensor &x, const at::Tensor &h, int64_t size, const char *what) {
  int64_t batch = x.size(o.batch_first() ? 0 : 1);
  std::vector<int64_t> want = {o.num_layers() * (o.bidirectional() ? 2 : 1), batch, size};
  if (h.sizes().vec() != want)
    gt_throw("Expected %s size %s, got %s", what, py_sizes(want, "(", ")").c_str(),
             py_sizes(h.sizes().vec(), "[", "]").c_str());
}

gt_tensor *tensor_item(const gt_tuple *t, int64_t i) {
  gt_tensor *x = static_cast<gt_tensor *>(t->items[i].p);
  if (!x) gt_throw("TypeError: expected a Tensor, got None");
  return x;
}

// A tuple[Tensor, Tensor] (or, with an inner tuple as b, the LSTM's result).
gt_tuple *pair_of(void *a, void *b) {
  gt_val x, y;
  x.p = a;
  y.p = b;
  gt_tuple *t = gt_tuple_of(&gt_t_tensor_pair, x, y);  // the tuple retains
  gt_release(a);
  gt_release(b);
  return t;
}

gt_tuple *wrap_pair(const at::Tensor &a, const at::Tensor &b) { return pair_of(gt_wrap(a), gt_wrap(b)); }

// output, h_n = layer(input, h_0) for RNN and GRU, whose forwards are alike.
template <class Impl>
gt_tuple *call_single_state(gt_module *m, const char *type, gt_tensor *input, gt_tensor *h_0) {
  auto layer = layer_of<Impl>(m, type);
  const at::Tensor &x = U(input);
  bool batched = x.dim() == 3;
  int64_t bdim = layer->options.batch_first() ? 0 : 1;
  at::Tensor h = h_0 ? U(h_0) : at::Tensor();
  check_hidden(batched, h);
  at::Tensor input_3d = unsqueeze_if(x, !batched, bdim), h_3d = unsqueeze_if(h, !batched, 1);
  check_input(layer->options, input_3d);
  if (h.defined()) check_hidden_size(layer->options, input_3d, h_3d, layer->options.hidden_size(), "hidden");
  auto out = layer->forward(input_3d, h_3d);
  return wrap_pair(squeeze_if(std::get<0>(out), !batched, bdim), squeeze_if(std::get<1>(out), !batched, 1));
}

}  // namespace

extern "C" gt_tuple *gt_nn_rnn_call(gt_module *m, gt_tensor *input, gt_tensor *h_0) {
  return GT_VALUE(gt_tuple *, nullptr, call_single_state<nn::RNNImpl>(m, "RNN", input, h_0));
}

extern "C" gt_tuple *gt_nn_gru_call(gt_module *m, gt_tensor *input, gt_tensor *h_0) {
  return GT_VALUE(gt_tuple *, nullptr, call_single_state<nn::GRUImpl>(m, "GRU", input, h_0));
}

extern "C" gt_tuple *gt_nn_lstm_call(gt_module *m, gt_tensor *input, const gt_tuple *hx) {
  return GT_VALUE(gt_tuple *, nullptr, ([&] {
                    auto lstm = layer_of<nn::LSTMImpl>(m, "LSTM");
                    const at::Tensor &x = U(input);
                    bool batched = x.dim() == 3;
                    int64_t bdim = lstm->options.batch_first() ? 0 : 1;
                    const auto &o = lstm->options;
                    at::Tensor input_3d = unsqueeze_if(x, !batched, bdim);
                    c10::optional<std::tuple<at::Tensor, at::Tensor>> state;
                    if (hx) {
                      const at::Tensor &h = U(tensor_item(hx, 0)), &c = U(tensor_item(hx, 1));
                      check_hidden_pair(batched, h, c);
                      state = std::make_tuple(unsqueeze_if(h, !batched, 1), unsqueeze_if(c, !batched, 1));
                    }
                    check_input(o, input_3d);
                    if (state) {
                      int64_t h_size = o.proj_size() > 0 ? o.proj_size() : o.hidden_size();
                      check_hidden_size(o, input_3d, std::get<0>(*state), h_size, "hidden[0]");
                      check_hidden_size(o, input_3d, std::get<1>(*state), o.hidden_size(), "hidden[1]");
                    }
                    auto out = lstm->forward(input_3d, state);
                    const auto &hc = std::get<1>(out);
                    gt_tuple *h_c = wrap_pair(squeeze_if(std::get<0>(hc), !batched, 1),
                                              squeeze_if(std::get<1>(hc), !batched, 1));
                    return pair_of(gt_wrap(squeeze_if(std::get<0>(out), !batched, bdim)), h_c);
                  }()));
}

// The cells: Python's forwards take 1-D (unbatched) or 2-D input.
namespace {

bool cell_batched(const char *type, const at::Tensor &x) {
  if (x.dim() != 1 && x.dim() != 2)
    gt_throw("AssertionError: %s: Expected input to be 1-D or 2-D but received %lld-D tensor", type,
             (long long)x.dim());
  return x.dim() == 2;
}

template <class Impl>
gt_tensor *call_cell(gt_module *m, const char *type, gt_tensor *input, gt_tensor *h_0) {
  auto cell = layer_of<Impl>(m, type);
  const at::Tensor &x = U(input);
  bool batched = cell_batched(type, x);
  at::Tensor h = h_0 ? U(h_0) : at::Tensor();
  if (!batched && h.defined() && h.dim() != 1)
    gt_throw("AssertionError: %s: Expected hidden to be 1-D when input is 1-D but received %lld-D tensor", type,
             (long long)h.dim());
  at::Tensor y = cell->forward(unsqueeze_if(x, !batched, 0), unsqueeze_if(h, !batched, 0));
  return gt_wrap(squeeze_if(y, !batched, 0));
}

}  // namespace

extern "C" gt_tensor *gt_nn_rnn_cell_call(gt_module *m, gt_tensor *input, gt_tensor *h_0) {
  return GT_VALUE(gt_tensor *, nullptr, call_cell<nn::RNNCellImpl>(m, "RNNCell", input, h_0));
}

extern "C" gt_tensor *gt_nn_gru_cell_call(gt_module *m, gt_tensor *input, gt_tensor *h_0) {
  return GT_VALUE(gt_tensor *, nullptr, call_cell<nn::GRUCellImpl>(m, "GRUCell", input, h_0));
}

extern "C" gt_tuple *gt_nn_lstm_cell_call(gt_module *m, gt_tensor *input, const gt_tuple *hx) {
  return GT_VALUE(gt_tuple *, nullptr, ([&] {
                    auto cell = layer_of<nn::LSTMCellImpl>(m, "LSTMCell");
                    const at::Tensor &x = U(input);
                    bool batched = cell_batched("LSTMCell", x);
                    c10::optional<std::tuple<at::Tensor, at::Tensor>> state;
                    if (hx)
                      state = std::make_tuple(unsqueeze_if(U(tensor_item(hx, 0)), !batched, 0),
                                              unsqueeze_if(U(tensor_item(hx, 1)), !batched, 0));
                    auto out = cell->forward(unsqueeze_if(x, !batched, 0), state);
                    return wrap_pair(squeeze_if(std::get<0>(out), !batched, 0),
                                     squeeze_if(std::get<1>(out), !batched, 0));
                  }()));
}

// ---- the C API's out-parameter forms (gtorch_nn.h) ------------------------------------

extern "C" gt_tensor *gt_lstm_forward(gt_module *m, gt_tensor *input, gt_tensor *h_0,
                                      gt_tensor *c_0, gt_tensor **h_n, gt_tensor **c_n) {
  if (!GT_VALUE(bool, false, (layer_of<nn::LSTMImpl>(m, "LSTM"), true))) return nullptr;
  if (!h_n || !c_n || (h_0 == nullptr) != (c_0 == nullptr)) {
    gt_set_error(!h_n || !c_n ? "gt_lstm_forward: h_n and c_n must not be NULL"
                              : "LSTM: give both h_0 and c_0, or neither");
    return nullptr;
  }
  gt_tuple *hx = nullptr;
  if (h_0) {
    gt_val h, c;
    h.p = h_0;
    c.p = c_0;
    hx = gt_tuple_of(&gt_t_tensor_pair, h, c);
  }
  gt_tuple *out = gt_nn_lstm_call(m, input, hx);
  if (hx) gt_release(hx);
  if (!out) return nullptr;
  gt_tuple *hc = static_cast<gt_tuple *>(out->items[1].p);
  gt_tensor *y = static_cast<gt_tensor *>(gt_retain(out->items[0].p));
  *h_n = static_cast<gt_tensor *>(gt_retain(hc->items[0].p));
  *c_n = static_cast<gt_tensor *>(gt_retain(hc->items[1].p));
  gt_release(out);
  return y;
}

extern "C" gt_tensor *gt_gru_forward(gt_module *m, gt_tensor *input, gt_tensor *h_0, gt_tensor **h_n) {
  if (!GT_VALUE(bool, false, (layer_of<nn::GRUImpl>(m, "GRU"), true))) return nullptr;
  if (!h_n) {
    gt_set_error("gt_gru_forward: h_n must not be NULL");
    return nullptr;
  }
  gt_tuple *out = gt_nn_gru_call(m, input, h_0);
  if (!out) return nullptr;
  gt_tensor *y = static_cast<gt_tensor *>(gt_retain(out->items[0].p));
  *h_n = static_cast<gt_tensor *>(gt_retain(out->items[1].p));
  gt_release(out);
  return y;
}
