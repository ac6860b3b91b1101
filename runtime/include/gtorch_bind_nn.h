/* gtorch_bind_nn.h - C functions the stdlib's torch.nn, torch.optim,
 * torch.utils.data, torchvision.datasets and torchvision.transforms
 * declarations bind where the runtime's calling convention does not fit an
 * `extern def` directly: methods that return their receiver (`-> Self`),
 * Python's argument order and tuple arguments. Pure C11. Arguments are
 * borrowed (a .gtp str arrives as a C string); handles returned are new
 * references (NULL on error, with gt_last_error()). */
#ifndef GTORCH_BIND_NN_H
#define GTORCH_BIND_NN_H

#include "gtorch_torch.h"

#ifdef __cplusplus
extern "C" {
#endif

/* net.to(device), net.train(mode), net.eval(): the module itself. */
gt_module *gt_bind_module_to(gt_module *m, const gt_device *device);
/* model.cuda(device) (GT_NONE_INT: the current CUDA device), model.cpu(): model.to() of that device */
gt_module *gt_bind_module_cuda(gt_module *m, int64_t device);
gt_module *gt_bind_module_cuda_device(gt_module *m, const gt_device *device);
gt_module *gt_bind_module_cpu(gt_module *m);
gt_module *gt_bind_module_train(gt_module *m, bool mode);
gt_module *gt_bind_module_eval(gt_module *m);
/* model.share_memory(): share_memory_() of every parameter, its gradient
 * where defined, and buffer (PyTorch's _apply); m itself (a new
 * reference). rnn.flatten_parameters(): 0, nothing done. */
gt_module *gt_bind_module_share_memory(gt_module *m);
int gt_bind_module_flatten_parameters(gt_module *m);
/* module.weight / module.bias of a built-in layer. */
gt_tensor *gt_bind_module_weight(gt_module *m);
/* layer.weight = p (weight tying) of a Linear, Embedding, EmbeddingBag or
 * convolution: p (an nn.Parameter) is its weight from then on; 0 or -1. */
int gt_bind_module_set_weight(gt_module *m, gt_tensor *value);
gt_tensor *gt_bind_module_bias(gt_module *m);
/* hasattr(m, name) of an attribute nn.Module declares for every layer:
 * weight and bias where the layer has them (None too: Linear(bias=False)
 * has a bias), a container's methods of a container, a layer's attribute
 * below where the layer has it, the rest always. */
bool gt_bind_module_hasattr(gt_module *m, const char *name);
/* A batch norm's running_mean, running_var and num_batches_tracked: NULL
 * (None) where it tracks no running statistics; a .gtp module's own
 * parameter or buffer of that name; else AttributeError. */
gt_tensor *gt_bind_module_running_mean(gt_module *m);
gt_tensor *gt_bind_module_running_var(gt_module *m);
gt_tensor *gt_bind_module_num_batches_tracked(gt_module *m);
/* A layer's attributes as PyTorch's, of any module (that of a .gtp class
 * deriving a layer too): its options (in_features, kernel_size, eps, p,
 * ...). PyTorch's AttributeError (gt_fail) where the module has none; sizes
 * are tuple[int, ...] (a pooling size given as an int, a padding given as
 * a str, is a TypeError); padding_idx GT_NONE_INT and momentum
 * GT_NONE_FLOAT for None. */
int64_t gt_bind_module_in_features(gt_module *m);
int64_t gt_bind_module_out_features(gt_module *m);
int64_t gt_bind_module_in_channels(gt_module *m);
int64_t gt_bind_module_out_channels(gt_module *m);
gt_tuple *gt_bind_module_kernel_size(gt_module *m);
gt_tuple *gt_bind_module_stride(gt_module *m);
gt_tuple *gt_bind_module_padding(gt_module *m);
gt_tuple *gt_bind_module_dilation(gt_module *m);
int64_t gt_bind_module_groups(gt_module *m);
int64_t gt_bind_module_num_features(gt_module *m);
double gt_bind_module_eps(gt_module *m);
double gt_bind_module_momentum(gt_module *m);
bool gt_bind_module_affine(gt_module *m);
bool gt_bind_module_track_running_stats(gt_module *m);
gt_tuple *gt_bind_module_normalized_shape(gt_module *m);
bool gt_bind_module_elementwise_affine(gt_module *m);
double gt_bind_module_p(gt_module *m);
bool gt_bind_module_inplace(gt_module *m);
int64_t gt_bind_module_num_embeddings(gt_module *m);
int64_t gt_bind_module_embedding_dim(gt_module *m);
int64_t gt_bind_module_padding_idx(gt_module *m);
int64_t gt_bind_module_input_size(gt_module *m);
int64_t gt_bind_module_hidden_size(gt_module *m);
int64_t gt_bind_module_num_layers(gt_module *m);
bool gt_bind_module_batch_first(gt_module *m);
bool gt_bind_module_bidirectional(gt_module *m);
/* output, h_n = rnn(input, h_0) and the other recurrent calls of
 * gtorch_nn.h, raising their errors (gt_fail). */
gt_tuple *gt_bind_nn_rnn_call(gt_module *m, gt_tensor *input, gt_tensor *h_0);
gt_tuple *gt_bind_nn_gru_call(gt_module *m, gt_tensor *input, gt_tensor *h_0);
gt_tuple *gt_bind_nn_lstm_call(gt_module *m, gt_tensor *input, const gt_tuple *hx);
gt_tuple *gt_bind_nn_lstm_cell_call(gt_module *m, gt_tensor *input, const gt_tuple *hx);
/* torch.nn.utils.rnn's PackedSequence: data, batch_sizes, sorted_indices
 * and unsorted_indices (the last two NULL, None, where enforce_sorted). */
typedef struct gt_packed gt_packed;
extern const gt_class gt_packed_class;
gt_tensor *gt_packed_data(gt_packed *p);
gt_tensor *gt_packed_batch_sizes(gt_packed *p);
gt_tensor *gt_packed_sorted_indices(gt_packed *p);
gt_tensor *gt_packed_unsorted_indices(gt_packed *p);
gt_str *gt_packed_repr(gt_packed *p);
/* pack_padded_sequence(input, lengths, batch_first, enforce_sorted), the
 * lengths a tensor or a list[int]; pack_sequence(sequences,
 * enforce_sorted); pad_packed_sequence(sequence, batch_first,
 * padding_value, total_length) -> (padded, lengths) (total_length
 * GT_NONE_INT for None); pad_sequence(sequences, batch_first,
 * padding_value). PyTorch 1.13's results and errors. */
gt_packed *gt_rnn_pack_padded_sequence(gt_tensor *input, gt_tensor *lengths, bool batch_first, bool enforce_sorted);
gt_packed *gt_rnn_pack_padded_sequence_list(gt_tensor *input, const gt_list *lengths, bool batch_first,
                                            bool enforce_sorted);
gt_packed *gt_rnn_pack_sequence(const gt_list *sequences, bool enforce_sorted);
gt_tuple *gt_rnn_pad_packed_sequence(gt_packed *sequence, bool batch_first, double padding_value,
                                     int64_t total_length);
gt_tensor *gt_rnn_pad_sequence(const gt_list *sequences, bool batch_first, double padding_value);
/* rnn(packed, h_0), gru(packed, h_0), lstm(packed, (h_0, c_0)): the output
 * a PackedSequence, as PyTorch's (raising their errors, gt_fail). */
gt_tuple *gt_bind_nn_rnn_call_packed(gt_module *m, gt_packed *input, gt_tensor *h_0);
gt_tuple *gt_bind_nn_gru_call_packed(gt_module *m, gt_packed *input, gt_tensor *h_0);
gt_tuple *gt_bind_nn_lstm_call_packed(gt_module *m, gt_packed *input, const gt_tuple *hx);
/* rnn.weight_ih_l0 (and weight_hh_l0, bias_ih_l0, bias_hh_l0) of a
 * recurrent layer; cell.weight_ih (weight_hh, bias_ih, bias_hh) of a cell. */
gt_tensor *gt_bind_module_weight_ih_l0(gt_module *m);
gt_tensor *gt_bind_module_weight_hh_l0(gt_module *m);
gt_tensor *gt_bind_module_bias_ih_l0(gt_module *m);
gt_tensor *gt_bind_module_bias_hh_l0(gt_module *m);
gt_tensor *gt_bind_module_weight_ih(gt_module *m);
gt_tensor *gt_bind_module_weight_hh(gt_module *m);
gt_tensor *gt_bind_module_bias_ih(gt_module *m);
gt_tensor *gt_bind_module_bias_hh(gt_module *m);
/* isinstance(m, nn.Linear): is m's class the one named `type` ("Linear",
 * or a .gtp class's name), or the layer m's .gtp class derives? */
bool gt_module_is(gt_module *m, const char *type);
/* type(m) (m.__class__) of a module: a .gtp class's class object, or for
 * a layer of the library one class object per type name ("Linear"), so
 * that `type(m).__name__` names it and `type(a) == type(b)` compares. */
gt_classobj *gt_module_classobj(gt_module *m);
/* nn.Linear(in, out, bias, device, dtype): the parameters drawn as
 * nn.Linear(in, out, bias) draws them (float32, on the CPU generator),
 * then moved to the device and converted to the dtype where given. */
typedef struct gt_dtype_obj gt_dtype_obj;
gt_module *gt_bind_nn_Linear(int64_t in_features, int64_t out_features, bool bias, gt_device *device,
                             gt_dtype_obj *dtype);
gt_module *gt_bind_nn_NonDynamicallyQuantizableLinear(int64_t in_features, int64_t out_features, bool bias,
                                                      gt_device *device, gt_dtype_obj *dtype);
/* The layers' device=/dtype= (PyTorch's factory_kwargs): made, then moved
 * and converted as module.to() does. */
gt_module *gt_bind_nn_Conv1d(int64_t in_channels, int64_t out_channels, int64_t kernel_size, int64_t stride,
                             int64_t padding, int64_t dilation, int64_t groups, bool bias, const char *padding_mode,
                             gt_device *device, gt_dtype_obj *dtype);
gt_module *gt_bind_nn_Conv2d_ints(int64_t in_channels, int64_t out_channels, gt_ints kernel_size, gt_ints stride,
                                  gt_ints padding, gt_ints dilation, int64_t groups, bool bias,
                                  const char *padding_mode, gt_device *device, gt_dtype_obj *dtype);
gt_module *gt_bind_nn_Conv2d_str(int64_t in_channels, int64_t out_channels, gt_ints kernel_size, gt_ints stride,
                                 const char *padding, gt_ints dilation, int64_t groups, bool bias,
                                 const char *padding_mode, gt_device *device, gt_dtype_obj *dtype);
gt_module *gt_bind_nn_BatchNorm1d(int64_t num_features, double eps, double momentum, bool affine,
                                  bool track_running_stats, gt_device *device, gt_dtype_obj *dtype);
gt_module *gt_bind_nn_BatchNorm2d(int64_t num_features, double eps, double momentum, bool affine,
                                  bool track_running_stats, gt_device *device, gt_dtype_obj *dtype);
gt_module *gt_bind_nn_Embedding(int64_t num_embeddings, int64_t embedding_dim, int64_t padding_idx, double max_norm,
                                double norm_type, bool scale_grad_by_freq, bool sparse, gt_device *device,
                                gt_dtype_obj *dtype);
/* nn.LayerNorm([4, 5]) and nn.LayerNorm(x.shape[1:]): the shape as a list[int]. */
gt_module *gt_bind_nn_LayerNorm_list(const gt_list *normalized_shape, double eps, bool elementwise_affine);
/* module.parameters(), named_parameters(), buffers(), named_buffers(),
 * children(), named_children(), modules(), named_modules(): Python's
 * generators, over the list of gtorch_nn.h's function of the same name
 * made at the call; NULL where that list is. */
gt_gen *gt_bind_module_parameters(gt_module *m);
gt_gen *gt_bind_module_named_parameters(gt_module *m);
gt_gen *gt_bind_module_buffers(gt_module *m);
gt_gen *gt_bind_module_named_buffers(gt_module *m);
gt_gen *gt_bind_module_children(gt_module *m);
gt_gen *gt_bind_module_named_children(gt_module *m);
gt_gen *gt_bind_module_modules(gt_module *m);
gt_gen *gt_bind_module_named_modules(gt_module *m);
/* module._get_name(): its class's name. */
gt_str *gt_bind_module_get_name(gt_module *m);
/* module.double(), float(), half(), requires_grad_(flag): m itself. */
gt_module *gt_bind_module_double(gt_module *m);
gt_module *gt_bind_module_float(gt_module *m);
gt_module *gt_bind_module_half(gt_module *m);
gt_module *gt_bind_module_requires_grad_(gt_module *m, bool requires_grad);
/* A convolution's options as PyTorch's attributes (Conv1d, Conv2d,
 * ConvTranspose2d, or a class deriving one): sizes as fixed tuples of 1 or
 * 2 ints; a padding given as "same" or "valid" is a TypeError. */
int64_t gt_bind_conv_in_channels(gt_module *m);
int64_t gt_bind_conv_out_channels(gt_module *m);
int64_t gt_bind_conv_groups(gt_module *m);
gt_tuple *gt_bind_conv_kernel_size(gt_module *m);
gt_tuple *gt_bind_conv_stride(gt_module *m);
gt_tuple *gt_bind_conv_padding(gt_module *m);
gt_tuple *gt_bind_conv_dilation(gt_module *m);
/* module.apply(fn), fn the program's Callable[[Module], None]: fn on
 * every submodule, then on m; m itself (NULL where fn raised). */
gt_module *gt_bind_module_apply(gt_module *m, gt_fn *fn);
/* torch.nn.init.calculate_gain; param NAN for None. Errors through gt_fail. */
double gt_bind_calculate_gain(const char *nonlinearity, double param);
/* seq[i] of a Sequential or ModuleList. */
gt_module *gt_bind_module_getitem(gt_module *m, int64_t i);
gt_module *gt_bind_module_dict_get(gt_module *m, const gt_str *key);     /* a new reference */
gt_module *gt_bind_module_dict_getattr(gt_module *m, const gt_str *name); /* m.name: AttributeError if none */
bool gt_bind_module_dict_contains(gt_module *m, const gt_str *key);
/* nn.Parameter(data, requires_grad). */
gt_tensor *gt_bind_Parameter(gt_tensor *data, bool requires_grad);

/* F.softmax / F.log_softmax with dim (GT_NONE_INT: PyTorch's implicit choice). */
/* F.layer_norm of a tuple or list of ints, or of a Size (gtorch_bind.h,
 * which includes this header). */
typedef struct gt_size gt_size;
gt_tensor *gt_bind_F_layer_norm_tuple(gt_tensor *input, const gt_tuple *normalized_shape, gt_tensor *weight,
                                      gt_tensor *bias, double eps);
gt_tensor *gt_bind_F_layer_norm_list(gt_tensor *input, const gt_list *normalized_shape, gt_tensor *weight,
                                     gt_tensor *bias, double eps);
gt_tensor *gt_bind_F_layer_norm_size(gt_tensor *input, const gt_size *normalized_shape, gt_tensor *weight,
                                     gt_tensor *bias, double eps);
gt_tensor *gt_bind_F_softmax(gt_tensor *input, int64_t dim);
/* F.one_hot(tensor, num_classes=-1): int64 classes, num_classes -1 for
 * tensor.max() + 1 (at::one_hot's errors for negatives and too few). */
gt_tensor *gt_bind_F_one_hot(gt_tensor *tensor, int64_t num_classes);
gt_tensor *gt_bind_F_log_softmax(gt_tensor *input, int64_t dim);

/* optim.Adam / AdamW: betas is a tuple[float, float]. */
gt_optim *gt_bind_optim_Adam(const gt_list *params, double lr, const gt_tuple *betas, double eps,
                             double weight_decay, bool amsgrad);
gt_optim *gt_bind_optim_Adamax(const gt_list *params, double lr, const gt_tuple *betas, double eps,
                               double weight_decay, bool maximize);
gt_optim *gt_bind_optim_NAdam(const gt_list *params, double lr, const gt_tuple *betas, double eps,
                              double weight_decay, double momentum_decay);
gt_optim *gt_bind_optim_RAdam(const gt_list *params, double lr, const gt_tuple *betas, double eps,
                              double weight_decay);
gt_optim *gt_bind_optim_AdamW(const gt_list *params, double lr, const gt_tuple *betas, double eps,
                              double weight_decay, bool amsgrad);
/* optimizer.param_groups[0]['lr'] as a property, and its setter. */
double gt_bind_optim_lr(gt_optim *o);
/* optimizer.param_groups (gt_optim_param_groups; errors through gt_fail). */
gt_list *gt_bind_optim_param_groups(gt_optim *o);
/* group[key], group.get(key, default) and group.setdefault(key, default) of
 * a param group (gt_param_group_*): a missing key of [] is a KeyError
 * through gt_fail. */
double gt_bind_param_group_getitem(gt_param_group *g, const char *key);
double gt_bind_param_group_get(gt_param_group *g, const char *key, double dflt);
/* key in group */
bool gt_bind_param_group_contains(gt_param_group *g, const char *key);
double gt_bind_param_group_setdefault(gt_param_group *g, const char *key, double dflt);
/* group["params"]: the group's parameters, a new list of tensors (key is
 * the Literal "params" the overload was chosen by). */
gt_list *gt_bind_param_group_params(gt_param_group *g, const gt_str *key);

/* torchvision.transforms' objects (ToTensor, Normalize, Compose, ...) are
 * gtorch_vision.h's gt_transform. */
typedef struct gt_transform gt_transform;

/* FashionMNIST(root, train, transform, download) and MNIST: transform NULL
 * (the images as ToTensor() makes them) or a transform, applied to each
 * image as it is read (gt_tv_dataset_set_transform); download is accepted
 * and ignored (no network: the files must be in root). */
gt_dataset *gt_bind_FashionMNIST(const char *root, bool train, const gt_transform *transform,
                                 bool download);
gt_dataset *gt_bind_MNIST(const char *root, bool train, const gt_transform *transform,
                          bool download);
/* dataset[i] of an image data set as torchvision gives it: (image, label)
 * with the label a Python int, a tuple[Tensor, int]. */
gt_tuple *gt_bind_image_getitem(gt_dataset *d, int64_t i);
/* SequentialSampler(ds) and RandomSampler(ds, generator=None): a loader's
 * order (sampler=), as shuffle=False and shuffle=True give it. New
 * references; len(). */
typedef struct gt_sampler gt_sampler;
gt_sampler *gt_bind_SequentialSampler(gt_dataset *data_source);
gt_sampler *gt_bind_RandomSampler(gt_dataset *data_source, gt_generator *generator);
/* SubsetRandomSampler(indices, generator=None) and
 * WeightedRandomSampler(weights, num_samples, replacement=True,
 * generator=None) (weights a tensor or a list of floats; PyTorch's
 * ValueErrors): indices of their own, drawn for each pass. */
gt_sampler *gt_bind_SubsetRandomSampler(gt_list *indices, gt_generator *generator);
gt_sampler *gt_bind_WeightedRandomSampler(gt_tensor *weights, int64_t num_samples, bool replacement,
                                          gt_generator *generator);
gt_sampler *gt_bind_WeightedRandomSampler_list(const gt_list *weights, int64_t num_samples, bool replacement,
                                               gt_generator *generator);
int64_t gt_sampler_len(gt_sampler *s);
/* list(sampler): the indices in order; a RandomSampler draws
 * torch.randperm from its generator, or without one from a generator
 * seeded by a draw of the global one, as PyTorch's does. */
gt_list *gt_sampler_iter(gt_sampler *s);
/* BatchSampler(sampler, batch_size, drop_last): the sampler's indices in
 * lists of batch_size (the last shorter unless drop_last). len() and
 * list(bs) (a list[list[int]], drawn as list(sampler)). */
typedef struct gt_batch_sampler gt_batch_sampler;
gt_batch_sampler *gt_bind_BatchSampler(gt_sampler *sampler, int64_t batch_size, bool drop_last);
int64_t gt_batch_sampler_len(gt_batch_sampler *b);
gt_list *gt_batch_sampler_iter(gt_batch_sampler *b);
/* DataLoader(dataset, batch_size, shuffle, sampler, batch_sampler,
 * num_workers, pin_memory, drop_last, persistent_workers, generator):
 * generator NULL or the torch.Generator each pass draws its base seed
 * from (and, shuffling without a sampler, its order); sampler NULL or
 * one of the above (not with shuffle); batch_sampler NULL or a
 * BatchSampler (then batch_size 1, shuffle, sampler and drop_last
 * unspecified, as PyTorch requires: the loader batches as it says);
 * pin_memory and persistent_workers change nothing (no worker processes,
 * no device copies to overlap); collate_fn NULL or the function making
 * each batch of its items (gt_loader_set_collate). */
gt_loader *gt_bind_DataLoader(gt_dataset *dataset, int64_t batch_size, bool shuffle, gt_sampler *sampler,
                              gt_batch_sampler *batch_sampler, int64_t num_workers, gt_fn *collate_fn,
                              bool pin_memory, bool drop_last, bool persistent_workers, gt_generator *generator);

/* F.nll_loss, cross_entropy, mse_loss, l1_loss, smooth_l1_loss,
 * binary_cross_entropy(_with_logits) and kl_div in PyTorch's positional
 * order, with its deprecated size_average and reduce (GT_NONE_INT for
 * None, else 0 or 1), which decide the reduction where either is given. */
/* The reduction those two decide (a loss module's `reduction`), as a str. */
gt_str *gt_bind_legacy_reduction(int64_t size_average, int64_t reduce, const char *reduction);
gt_tensor *gt_bind_F_nll_loss(gt_tensor *input, gt_tensor *target, gt_tensor *weight, int64_t size_average,
                              int64_t ignore_index, int64_t reduce, const char *reduction);
gt_tensor *gt_bind_F_cross_entropy(gt_tensor *input, gt_tensor *target, gt_tensor *weight, int64_t size_average,
                                   int64_t ignore_index, int64_t reduce, const char *reduction,
                                   double label_smoothing);
gt_tensor *gt_bind_F_mse_loss(gt_tensor *input, gt_tensor *target, int64_t size_average, int64_t reduce,
                              const char *reduction);
gt_tensor *gt_bind_F_l1_loss(gt_tensor *input, gt_tensor *target, int64_t size_average, int64_t reduce,
                             const char *reduction);
gt_tensor *gt_bind_F_smooth_l1_loss(gt_tensor *input, gt_tensor *target, int64_t size_average, int64_t reduce,
                                    const char *reduction, double beta);
gt_tensor *gt_bind_F_binary_cross_entropy(gt_tensor *input, gt_tensor *target, gt_tensor *weight,
                                          int64_t size_average, int64_t reduce, const char *reduction);
gt_tensor *gt_bind_F_binary_cross_entropy_with_logits(gt_tensor *input, gt_tensor *target, gt_tensor *weight,
                                                      int64_t size_average, int64_t reduce, const char *reduction,
                                                      gt_tensor *pos_weight);
gt_tensor *gt_bind_F_kl_div(gt_tensor *input, gt_tensor *target, int64_t size_average, int64_t reduce,
                            const char *reduction, bool log_target);

/* (gt_save_dict and gt_load_dict fit directly.) */

#ifdef __cplusplus
}
#endif

#include "gtorch_vision.h"
#include "gtorch_state.h"

#endif
