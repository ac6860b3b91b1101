// autograd_function.cpp - torch.autograd.Function subclasses of the
// program: K.apply(*inputs) runs K.forward(ctx, *inputs) with gradients
// off and records a node whose backward calls K.backward(ctx, *grads).
//
// The node is libtorch's own CppNode (so the engine, saved tensors,
// shape checks and its error messages are libtorch's), named as PyTorch
// names a Python Function's node, "<K>Backward". Its ctx is a program
// object, FunctionCtx, which the node owns; forward and backward reach the
// program through the thunks of its gt_autograd_function (emit.c).
#include <torch/csrc/autograd/custom_function.h>

#include <string>
#include <vector>

#include "internal.h"

using torch::autograd::AutogradContext;
using torch::autograd::CppNode;
using torch::autograd::variable_list;

namespace {
struct FunctionNode;
}

namespace {

// CppNode's backward is a static function of its type argument.
struct Backward {
  static variable_list backward(AutogradContext *ctx, variable_list grads);
};

struct FunctionNode : CppNode<Backward> {
  const gt_autograd_function *def = nullptr;
  gt_autograd_ctx *ctx = nullptr;  // a reference
  std::vector<bool> tensor_input;  // per input of forward: a tensor (an edge of the node)
  std::string name() const override { return std::string(def->name) + "Backward"; }
  ~FunctionNode() override {
    if (ctx) {
      gt_namespace_set_ext(ctx, nullptr);  // the ctx may outlive its node: it forgets it
      gt_release(ctx);
    }
  }
};

}  // namespace

extern "C" const gt_class gt_autograd_ctx_class = {"Function", NULL, NULL, NULL, NULL, NULL, NULL};

namespace {

FunctionNode &node_of(gt_autograd_ctx *ctx) {
  auto *node = ctx ? static_cast<FunctionNode *>(gt_namespace_ext(ctx)) : nullptr;
  if (!node) gt_throw("RuntimeError: this FunctionCtx's node is gone");
  return *node;
}

variable_list tensors_of(gt_tensor *const *tensors, int64_t n) {
  variable_list v;
  for (int64_t i = 0; i < n; i++) v.push_back(tensors[i] ? U(tensors[i]) : at::Tensor());
  return v;
}

// Tensors made for the program (new references) and their boxed values.
struct Boxed {
  std::vector<gt_tensor *> refs;
  std::vector<gt_val> vals;
  void add(const at::Tensor &t) {
    refs.push_back(t.defined() ? gt_wrap(t) : nullptr);
    vals.push_back(gt_vp(refs.back()));
  }
  ~Boxed() {
    for (gt_tensor *t : refs) gt_release(t);
  }
};

// The program's forward or backward, called where an exception it raises
// must not unwind these C++ frames (gt_call_guarded holds it).
struct ProgramCall {
  gt_obj *(*code)(gt_autograd_ctx *, const gt_val *);
  gt_autograd_ctx *ctx;
  const gt_val *args;
  gt_obj *result;
};
void run_program(void *p) {
  auto *k = static_cast<ProgramCall *>(p);
  k->result = k->code(k->ctx, k->args);
}
gt_obj *call_program(gt_obj *(*code)(gt_autograd_ctx *, const gt_val *), gt_autograd_ctx *ctx, const gt_val *args) {
  ProgramCall k{code, ctx, args, nullptr};
  if (!gt_call_guarded(run_program, &k)) throw std::runtime_error("the program's autograd.Function raised");
  return k.result;
}

struct Owned {  // a new reference, released at the end of the scope
  gt_obj *o;
  ~Owned() { gt_release(o); }
};

// forward's value as the node's outputs: a tensor or a tuple of them.
variable_list outputs_of(const gt_autograd_function *def, gt_obj *out) {
  if (!def->tuple_output) return {U(reinterpret_cast<gt_tensor *>(out))};
  auto *t = reinterpret_cast<gt_tuple *>(out);
  variable_list v;
  for (int64_t i = 0; i < t->len; i++) v.push_back(U(static_cast<gt_tensor *>(t->items[i].p)));
  return v;
}

// The wrapped outputs in forward's shape: a tensor, or a tuple of them.
gt_obj *result_of(const gt_autograd_function *def, std::vector<c10::optional<at::Tensor>> &wrapped) {
  if (!def->tuple_output) return reinterpret_cast<gt_obj *>(gt_wrap(*wrapped[0]));
  Boxed items;
  for (auto &w : wrapped) items.add(*w);
  return reinterpret_cast<gt_obj *>(gt_tuple_of_elems(&gt_t_tensor, (int64_t)items.vals.size(), items.vals.data()));
}

// backward's value (a tensor, or a tuple of tensors and Nones), one per input of forward.
variable_list gradients_of(gt_obj *g) {
  if (!g) return {at::Tensor()};
  if (g->cls != &gt_tuple_class) return {U(reinterpret_cast<gt_tensor *>(g))};
  auto *t = reinterpret_cast<gt_tuple *>(g);
  variable_list v;
  for (int64_t i = 0; i < t->len; i++) {
    auto *x = static_cast<gt_tensor *>(t->items[i].p);
    v.push_back(x ? U(x) : at::Tensor());
  }
  return v;
}

variable_list Backward::backward(AutogradContext *actx, variable_list grads) {
  auto &node = *reinterpret_cast<FunctionNode *>(actx->saved_data.at("gt_node").toInt());
  Boxed args;
  for (at::Tensor &g : grads) args.add(g);
  Owned result{call_program(node.def->backward, node.ctx, args.vals.data())};
  variable_list out = gradients_of(result.o);
  // Nones past the inputs are dropped, as Python's Function does.
  while (out.size() > node.tensor_input.size() && !out.back().defined()) out.pop_back();
  // CppNode counts gradients against every input; Python's message counts them too.
  if (out.size() != node.tensor_input.size())
    gt_throw("RuntimeError: function %s returned an incorrect number of gradients (expected %zu, got %zu)",
             node.name().c_str(), node.tensor_input.size(), out.size());
  for (size_t i = 0; i < out.size(); i++)
    if (!node.tensor_input[i] && out[i].defined())
      gt_throw("RuntimeError: function %s returned a gradient different than None at position %zu, but the "
               "corresponding forward input was not a Variable", node.name().c_str(), i + 1);
  return out;
}

gt_obj *apply(const gt_autograd_function *def, const gt_val *inputs) {
  std::shared_ptr<FunctionNode> node(new FunctionNode(), torch::autograd::deleteNode);
  node->def = def;
  variable_list input_vars;
  for (int64_t i = 0; i < def->ninputs; i++) {
    bool tensor = def->tensor_inputs[i] && inputs[i].p;
    node->tensor_input.push_back(tensor);
    node->is_variable_input_.push_back(tensor);
    if (tensor) input_vars.push_back(U(static_cast<gt_tensor *>(inputs[i].p)));
  }
  bool executable = at::GradMode::is_enabled() && torch::autograd::any_variable_requires_grad(input_vars);
  node->set_ctx_grad_fn(node);
  node->set_next_edges(executable ? torch::autograd::collect_next_edges(input_vars) : torch::autograd::edge_list());
  node->clear_input_metadata();
  for (auto &v : input_vars) node->input_info_.emplace_back(v);
  node->ctx_.saved_data["gt_node"] = reinterpret_cast<int64_t>(node.get());
  // the ctx is the node to the program, as in PyTorch ('KBackward' object has no attribute 'x')
  node->ctx = gt_namespace_new_object(node->name().c_str(), node.get());
  gt_obj *out;
  {
    at::AutoGradMode off(false);
    out = call_program(def->forward, node->ctx, inputs);
  }
  Owned held{out};
  variable_list outputs = outputs_of(def, out);
  auto jvp = [](variable_list, variable_list) -> variable_list {
    gt_throw("RuntimeError: forward-mode AD of a custom autograd.Function is not supported");
  };
  std::vector<c10::optional<at::Tensor>> opt(outputs.begin(), outputs.end());
  auto wrapped = torch::autograd::_wrap_outputs(input_vars, node->ctx_.get_non_differentiable(),
                                                node->ctx_.get_and_bump_dirty(), opt,
                                                executable ? node : nullptr, jvp);
  for (auto &o : wrapped) {
    if (executable && o.has_value()) node->output_info_.emplace_back(o.value());
    else if (executable) node->output_info_.emplace_back();
  }
  if (executable) node->save_variables_to_ctx();
  return result_of(def, wrapped);
}

}  // namespace

extern "C" gt_obj *gt_autograd_apply(const gt_autograd_function *def, const gt_val *inputs) {
  return GT_VALUE(gt_obj *, nullptr, apply(def, inputs));
}

extern "C" int gt_autograd_ctx_save_for_backward(gt_autograd_ctx *ctx, gt_tensor *const *tensors, int64_t n) {
  return GT_STATUS(node_of(ctx).ctx_.save_for_backward(tensors_of(tensors, n)));
}

extern "C" gt_tuple *gt_autograd_ctx_saved_tensors(gt_autograd_ctx *ctx) {
  return GT_VALUE(gt_tuple *, nullptr, ([&] {
                    Boxed saved;
                    for (at::Tensor &t : node_of(ctx).ctx_.get_saved_variables()) saved.add(t);
                    return gt_tuple_of_elems(&gt_t_tensor, (int64_t)saved.vals.size(), saved.vals.data());
                  }()));
}

// ctx.needs_input_grad: per input of forward, whether its gradient is needed.
extern "C" gt_tuple *gt_autograd_ctx_needs_input_grad(gt_autograd_ctx *ctx) {
  return GT_VALUE(gt_tuple *, nullptr, ([&] {
                    FunctionNode &node = node_of(ctx);
                    std::vector<gt_val> items;
                    size_t edge = 0;
                    for (bool tensor : node.tensor_input) {
                      bool needed = tensor && edge < node.num_outputs() && node.next_edge(edge).is_valid();
                      edge += tensor;
                      items.push_back(gt_vb(needed));
                    }
                    return gt_tuple_of_elems(&gt_t_bool, (int64_t)items.size(), items.data());
                  }()));
}

extern "C" int gt_autograd_ctx_mark_non_differentiable(gt_autograd_ctx *ctx, gt_tensor *const *tensors, int64_t n) {
  return GT_STATUS(node_of(ctx).ctx_.mark_non_differentiable(tensors_of(tensors, n)));
}

extern "C" int gt_autograd_ctx_mark_dirty(gt_autograd_ctx *ctx, gt_tensor *const *tensors, int64_t n) {
  return GT_STATUS(([&] {
    variable_list v = tensors_of(tensors, n);
    node_of(ctx).ctx_.mark_dirty(v);
  }()));
}

extern "C" int gt_autograd_ctx_set_materialize_grads(gt_autograd_ctx *ctx, bool value) {
  return GT_STATUS(node_of(ctx).ctx_.set_materialize_grads(value));
}
