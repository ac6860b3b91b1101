/* gtorch_nn.h - printing, functional ops, losses, nn modules, init and
 * optimizers over libtorch. Included at the end of gtorch_torch.h.
 *
 * Names, defaults and semantics are PyTorch 1.13's:
 *   F.relu            -> gt_F_relu            (torch.nn.functional)
 *   nn.Linear         -> gt_nn_Linear         (a gt_module)
 *   nn.init.uniform_  -> gt_nn_init_uniform_
 *   optim.SGD         -> gt_optim_SGD         (a gt_optim)
 * Arguments follow Python's order, every one given (the stdlib supplies the
 * defaults). Python's tuple-or-int arguments of 2-D ops arrive as two ints
 * (height, width); lists of ints as (pointer, count).
 *
 * Optional arguments (Python's None):
 *   tensors:  NULL                 ints:   GT_NONE_INT (INT64_MIN)
 *   floats:   a NaN (GT_NONE_FLOAT)  bools:  -1 where an int says "tri-state"
 *   strings:  NULL (the default)   dtypes: GT_DTYPE_DEFAULT
 * padding='same' of a convolution is GT_PADDING_SAME as the padding.
 *
 * How generated code uses a module (a field of a user's nn.Module class):
 *   gt_module *fc = gt_nn_Linear(784, 512, true);        // nn.Linear(784, 512)
 *   gt_tensor *y = gt_module_forward(fc, x);              // fc(x)
 *   gt_list *ps = gt_module_parameters((gt_module *)net); // net.parameters()
 * (the whole-tree methods below work on any module, a .gtp one included;
 * the per-layer accessors gt_module_num_parameters and the like on built-in
 * layers only), and an optimizer over a list[Tensor] of parameters:
 *   gt_optim *opt = gt_optim_SGD(params, 0.01, 0.5, 0, 0, false);
 *   gt_optim_zero_grad(opt, false); ... gt_backward(loss, ...); gt_optim_step(opt);
 *
 * Ownership: arguments are BORROWED; a returned handle is a NEW REFERENCE
 * unless the declaration says "borrowed". Errors never abort: NULL or -1
 * (0 on success) and gt_last_error() says why.
 */
#ifndef GTORCH_NN_H
#define GTORCH_NN_H

#include <math.h>
#include <stdbool.h>
#include <stdint.h>

#include "gtorch.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct gt_tensor gt_tensor;
typedef struct gt_device gt_device;
typedef struct gt_module gt_module;
typedef struct gt_optim gt_optim;

#ifndef GT_NONE_INT
#define GT_NONE_INT INT64_MIN
#define GT_NONE_FLOAT __builtin_nan("0x4e6f6e65")
#endif
/* padding='same' of convolutions (stride 1), given as the padding size. */
#define GT_PADDING_SAME (-1)

/* ---- printing (torch/_tensor_str.py) ---------------------------------- */

/* str(t) / repr(t), exactly as PyTorch prints it; a module's parameter
 * prints as "Parameter containing:\ntensor(...)"; NULL (a missing .grad)
 * prints "None". New reference; NULL on error. */
gt_str *gt_tensor_str(gt_tensor *t);
/* Prints str(t) and a newline to stderr (for gdb: `call gt_debug_print(x)`).
 * Borrows; NULL prints "None". */
void gt_debug_print(gt_tensor *t);
/* torch.set_printoptions: a negative precision/threshold/edgeitems/linewidth
 * leaves that option as it is; `profile` is NULL, "default", "short" or
 * "full"; sci_mode -1 (None: automatic), 0 or 1. Returns 0 or -1. */
int gt_set_printoptions(int64_t precision, double threshold, int64_t edgeitems,
                        int64_t linewidth, const char *profile, int sci_mode);

/* ---- torch.nn.functional: layers (all return a new reference) --------- */

gt_tensor *gt_F_linear(gt_tensor *input, gt_tensor *weight, gt_tensor *bias /* NULL */);
gt_tensor *gt_F_conv1d(gt_tensor *input, gt_tensor *weight, gt_tensor *bias, int64_t stride,
                       int64_t padding, int64_t dilation, int64_t groups);
gt_tensor *gt_F_conv2d(gt_tensor *input, gt_tensor *weight, gt_tensor *bias, int64_t stride_h,
                       int64_t stride_w, int64_t padding_h, int64_t padding_w, int64_t dilation_h,
                       int64_t dilation_w, int64_t groups);
gt_tensor *gt_F_conv_transpose2d(gt_tensor *input, gt_tensor *weight, gt_tensor *bias,
                                 int64_t stride_h, int64_t stride_w, int64_t padding_h,
                                 int64_t padding_w, int64_t output_padding_h,
                                 int64_t output_padding_w, int64_t groups, int64_t dilation_h,
                                 int64_t dilation_w);
/* stride GT_NONE_INT: the kernel size, as Python's stride=None. */
gt_tensor *gt_F_max_pool2d(gt_tensor *input, int64_t kernel_h, int64_t kernel_w, int64_t stride_h,
                           int64_t stride_w, int64_t padding_h, int64_t padding_w,
                           int64_t dilation_h, int64_t dilation_w, bool ceil_mode);
gt_tensor *gt_F_avg_pool2d(gt_tensor *input, int64_t kernel_h, int64_t kernel_w, int64_t stride_h,
                           int64_t stride_w, int64_t padding_h, int64_t padding_w, bool ceil_mode,
                           bool count_include_pad, int64_t divisor_override /* GT_NONE_INT */);
gt_tensor *gt_F_adaptive_avg_pool2d(gt_tensor *input, int64_t out_h, int64_t out_w);
/* The same with Python's int-or-tuple sizes (gtorch_core.h's gt_ints, from
 * an `ints` parameter): an int stands for both dims, a tuple goes to ATen as
 * given, which refuses a wrong length with PyTorch's message; stride n = 0
 * (None) is the kernel size. Python's argument order. */
gt_tensor *gt_F_conv2d_ints(gt_tensor *input, gt_tensor *weight, gt_tensor *bias, gt_ints stride,
                            gt_ints padding, gt_ints dilation, int64_t groups);
/* padding "same" or "valid" (else ATen's error). */
gt_tensor *gt_F_conv2d_str(gt_tensor *input, gt_tensor *weight, gt_tensor *bias, gt_ints stride,
                           const char *padding, gt_ints dilation, int64_t groups);
gt_tensor *gt_F_conv_transpose2d_ints(gt_tensor *input, gt_tensor *weight, gt_tensor *bias,
                                      gt_ints stride, gt_ints padding, gt_ints output_padding,
                                      int64_t groups, gt_ints dilation);
/* return_indices true is an error (Python returns a tuple then). */
gt_tensor *gt_F_max_pool2d_ints(gt_tensor *input, gt_ints kernel_size, gt_ints stride,
                                gt_ints padding, gt_ints dilation, bool ceil_mode,
                                bool return_indices);
gt_tensor *gt_F_avg_pool2d_ints(gt_tensor *input, gt_ints kernel_size, gt_ints stride,
                                gt_ints padding, bool ceil_mode, bool count_include_pad,
                                int64_t divisor_override /* GT_NONE_INT */);
gt_tensor *gt_F_adaptive_avg_pool2d_ints(gt_tensor *input, gt_ints output_size);
/* F.max_pool1d and F.avg_pool1d over (N, C, L) or (C, L). */
gt_tensor *gt_F_max_pool1d_ints(gt_tensor *input, gt_ints kernel_size, gt_ints stride, gt_ints padding,
                                gt_ints dilation, bool ceil_mode, bool return_indices);
gt_tensor *gt_F_avg_pool1d_ints(gt_tensor *input, gt_ints kernel_size, gt_ints stride, gt_ints padding,
                                bool ceil_mode, bool count_include_pad);
gt_tensor *gt_F_batch_norm(gt_tensor *input, gt_tensor *running_mean, gt_tensor *running_var,
                           gt_tensor *weight, gt_tensor *bias, bool training, double momentum,
                           double eps);
gt_tensor *gt_F_layer_norm(gt_tensor *input, const int64_t *normalized_shape, int64_t ndim,
                           gt_tensor *weight, gt_tensor *bias, double eps);
gt_tensor *gt_F_group_norm(gt_tensor *input, int64_t num_groups, gt_tensor *weight,
                           gt_tensor *bias, double eps);
gt_tensor *gt_F_dropout(gt_tensor *input, double p, bool training, bool inplace);
/* F.dropout2d: zeroes whole channels of (N, C, H, W) input, (N, C, L) for
 * 3-D input, as PyTorch 1.13 (which also warns about 3-D input; this does not). */
gt_tensor *gt_F_dropout2d(gt_tensor *input, double p, bool training, bool inplace);
gt_tensor *gt_F_embedding(gt_tensor *input, gt_tensor *weight, int64_t padding_idx,
                          double max_norm, double norm_type, bool scale_grad_by_freq,
                          bool sparse);
/* pad: `pad` holds 2*k sizes (last dimension first), mode "constant",
 * "reflect", "replicate" or "circular", value NAN for None (0). */
gt_tensor *gt_F_pad(gt_tensor *input, const int64_t *pad, int64_t npad, const char *mode,
                    double value);
/* The same with pad a tuple (gt_ints, at most 8 sizes). */
gt_tensor *gt_F_pad_ints(gt_tensor *input, gt_ints pad, const char *mode, double value);
/* interpolate: size (NULL, 0) or scale_factor (NULL, 0) for None; one
 * element stands for Python's single int/float (used for every spatial
 * dim); align_corners and recompute_scale_factor -1 for None. */
gt_tensor *gt_F_interpolate(gt_tensor *input, const int64_t *size, int64_t nsize,
                            const double *scale_factor, int64_t nscale, const char *mode,
                            int align_corners, int recompute_scale_factor, bool antialias);
/* F.interpolate as a program calls it (stdlib): size and scale_factor n 0
 * for None, align_corners and recompute_scale_factor GT_NONE_INT, 0 or 1. */
gt_tensor *gt_bind_F_interpolate(gt_tensor *input, gt_ints size, gt_floats scale_factor, const char *mode,
                                 int64_t align_corners, int64_t recompute_scale_factor, bool antialias);
/* affine_grid: theta (N, 2, 3) for a 4-item size, (N, 3, 4) for 5;
 * grid_sample: mode "bilinear", "nearest" or "bicubic", padding_mode
 * "zeros", "border" or "reflection"; align_corners GT_NONE_INT (False), 0, 1. */
typedef struct gt_size gt_size; /* torch.Size (gtorch_bind.h) */
gt_tensor *gt_F_affine_grid(gt_tensor *theta, const gt_list *size, int64_t align_corners);
gt_tensor *gt_F_affine_grid_size(gt_tensor *theta, const gt_size *size, int64_t align_corners);
gt_tensor *gt_F_grid_sample(gt_tensor *input, gt_tensor *grid, const char *mode, const char *padding_mode,
                            int64_t align_corners);

/* ---- torch.nn.functional: activations (new references) ---------------- */

gt_tensor *gt_F_relu(gt_tensor *input, bool inplace);
gt_tensor *gt_F_leaky_relu(gt_tensor *input, double negative_slope, bool inplace);
gt_tensor *gt_F_elu(gt_tensor *input, double alpha, bool inplace);
gt_tensor *gt_F_gelu(gt_tensor *input, const char *approximate /* "none" | "tanh" */);
gt_tensor *gt_F_silu(gt_tensor *input, bool inplace);
/* functional_more.cpp: more of torch.nn.functional, each the ATen function
 * (or torch/nn/functional.py's formula) of PyTorch 1.13 */
gt_tensor *gt_F_normalize(gt_tensor *input, double p, int64_t dim, double eps);
gt_tensor *gt_F_cosine_similarity(gt_tensor *x1, gt_tensor *x2, int64_t dim, double eps);
gt_tensor *gt_F_pairwise_distance(gt_tensor *x1, gt_tensor *x2, double p, double eps, bool keepdim);
gt_tensor *gt_F_softplus(gt_tensor *input, double beta, double threshold);
gt_tensor *gt_F_hardtanh(gt_tensor *input, double min_val, double max_val, bool inplace);
gt_tensor *gt_F_relu6(gt_tensor *input, bool inplace);
gt_tensor *gt_F_logsigmoid(gt_tensor *input);
gt_tensor *gt_F_softmin(gt_tensor *input, int64_t dim);
gt_tensor *gt_F_glu(gt_tensor *input, int64_t dim);
gt_tensor *gt_F_mish(gt_tensor *input);
gt_tensor *gt_F_hardswish(gt_tensor *input);
gt_tensor *gt_F_hardsigmoid(gt_tensor *input);
gt_tensor *gt_F_selu(gt_tensor *input);
gt_tensor *gt_F_celu(gt_tensor *input, double alpha);
gt_tensor *gt_F_softsign(gt_tensor *input);
gt_tensor *gt_F_tanhshrink(gt_tensor *input);
gt_tensor *gt_F_threshold(gt_tensor *input, double threshold, double value);
gt_tensor *gt_F_adaptive_avg_pool1d(gt_tensor *input, int64_t output_size);
gt_tensor *gt_F_adaptive_max_pool2d(gt_tensor *input, gt_ints output_size);
gt_tensor *gt_F_pixel_shuffle(gt_tensor *input, int64_t upscale_factor);
gt_tensor *gt_F_pixel_unshuffle(gt_tensor *input, int64_t downscale_factor);
/* F.instance_norm; running_mean, running_var, weight, bias NULL for None.
 * use_input_stats: ValueError where the input has one spatial element. */
gt_tensor *gt_F_instance_norm(gt_tensor *input, gt_tensor *running_mean, gt_tensor *running_var,
                              gt_tensor *weight, gt_tensor *bias, bool use_input_stats, double momentum,
                              double eps);
gt_tensor *gt_F_prelu(gt_tensor *input, gt_tensor *weight);
gt_tensor *gt_F_adaptive_max_pool1d(gt_tensor *input, gt_ints output_size);
gt_tensor *gt_F_conv3d_ints(gt_tensor *input, gt_tensor *weight, gt_tensor *bias, gt_ints stride,
                            gt_ints padding, gt_ints dilation, int64_t groups);
/* padding "same" or "valid" */
gt_tensor *gt_F_conv3d_str(gt_tensor *input, gt_tensor *weight, gt_tensor *bias, gt_ints stride,
                           const char *padding, gt_ints dilation, int64_t groups);
gt_tensor *gt_F_tanh(gt_tensor *input);
gt_tensor *gt_F_sigmoid(gt_tensor *input);
/* dim GT_NONE_INT: Python's implicit choice (0 for 0-, 1- and 3-D input, else 1). */
gt_tensor *gt_F_softmax(gt_tensor *input, int64_t dim, int dtype /* gt_dtype */);
gt_tensor *gt_F_log_softmax(gt_tensor *input, int64_t dim, int dtype /* gt_dtype */);

/* ---- torch.nn.functional: losses (new references) ---------------------- */
/* reduction: "mean", "sum" or "none" (kl_div also "batchmean"). */

gt_tensor *gt_F_nll_loss(gt_tensor *input, gt_tensor *target, gt_tensor *weight,
                         int64_t ignore_index, const char *reduction);
gt_tensor *gt_F_cross_entropy(gt_tensor *input, gt_tensor *target, gt_tensor *weight,
                              int64_t ignore_index, const char *reduction,
                              double label_smoothing);
gt_tensor *gt_F_mse_loss(gt_tensor *input, gt_tensor *target, const char *reduction);
gt_tensor *gt_F_l1_loss(gt_tensor *input, gt_tensor *target, const char *reduction);
gt_tensor *gt_F_smooth_l1_loss(gt_tensor *input, gt_tensor *target, const char *reduction,
                               double beta);
gt_tensor *gt_F_binary_cross_entropy(gt_tensor *input, gt_tensor *target, gt_tensor *weight,
                                     const char *reduction);
gt_tensor *gt_F_binary_cross_entropy_with_logits(gt_tensor *input, gt_tensor *target,
                                                 gt_tensor *weight, const char *reduction,
                                                 gt_tensor *pos_weight);
gt_tensor *gt_F_kl_div(gt_tensor *input, gt_tensor *target, const char *reduction,
                       bool log_target);
/* The other losses of torch.nn, PyTorch 1.13's checks and ATen ops. */
gt_tensor *gt_F_cosine_embedding_loss(gt_tensor *input1, gt_tensor *input2, gt_tensor *target,
                                      double margin, const char *reduction);
gt_tensor *gt_F_hinge_embedding_loss(gt_tensor *input, gt_tensor *target, double margin, const char *reduction);
gt_tensor *gt_F_margin_ranking_loss(gt_tensor *input1, gt_tensor *input2, gt_tensor *target, double margin,
                                    const char *reduction);
gt_tensor *gt_F_soft_margin_loss(gt_tensor *input, gt_tensor *target, const char *reduction);
gt_tensor *gt_F_huber_loss(gt_tensor *input, gt_tensor *target, const char *reduction, double delta);
gt_tensor *gt_F_poisson_nll_loss(gt_tensor *input, gt_tensor *target, bool log_input, bool full, double eps,
                                 const char *reduction);
gt_tensor *gt_F_triplet_margin_loss(gt_tensor *anchor, gt_tensor *positive, gt_tensor *negative, double margin,
                                    double p, double eps, bool swap, const char *reduction);
gt_tensor *gt_F_multi_margin_loss(gt_tensor *input, gt_tensor *target, int64_t p, double margin,
                                  gt_tensor *weight, const char *reduction);
gt_tensor *gt_F_multilabel_margin_loss(gt_tensor *input, gt_tensor *target, const char *reduction);
gt_tensor *gt_F_multilabel_soft_margin_loss(gt_tensor *input, gt_tensor *target, gt_tensor *weight,
                                            const char *reduction);

/* ---- nn modules ---------------------------------------------------------- */
/* A gt_module is an opaque, reference-counted torch::nn module. Constructors
 * return a new reference (rc 1) initialised as PyTorch initialises it, in
 * training mode, on the CPU. */

extern const gt_class gt_module_class;

gt_module *gt_nn_Linear(int64_t in_features, int64_t out_features, bool bias);
gt_module *gt_nn_Conv1d(int64_t in_channels, int64_t out_channels, int64_t kernel_size,
                        int64_t stride, int64_t padding, int64_t dilation, int64_t groups,
                        bool bias, const char *padding_mode /* "zeros" */);
gt_module *gt_nn_Conv2d(int64_t in_channels, int64_t out_channels, int64_t kernel_h,
                        int64_t kernel_w, int64_t stride_h, int64_t stride_w, int64_t padding_h,
                        int64_t padding_w, int64_t dilation_h, int64_t dilation_w,
                        int64_t groups, bool bias, const char *padding_mode);
gt_module *gt_nn_ConvTranspose2d(int64_t in_channels, int64_t out_channels, int64_t kernel_h,
                                 int64_t kernel_w, int64_t stride_h, int64_t stride_w,
                                 int64_t padding_h, int64_t padding_w, int64_t output_padding_h,
                                 int64_t output_padding_w, int64_t groups, bool bias,
                                 int64_t dilation_h, int64_t dilation_w);
/* The batch norms: momentum GT_NONE_FLOAT is None (a cumulative moving
 * average); forward's input checks are PyTorch's ValueErrors ("expected 5D
 * input (got 2D input)", "Expected more than 1 value per channel when
 * training, ..."). */
gt_module *gt_nn_BatchNorm1d(int64_t num_features, double eps, double momentum, bool affine,
                             bool track_running_stats);
gt_module *gt_nn_BatchNorm2d(int64_t num_features, double eps, double momentum, bool affine,
                             bool track_running_stats);
gt_module *gt_nn_BatchNorm3d(int64_t num_features, double eps, double momentum, bool affine,
                             bool track_running_stats);
gt_module *gt_nn_LayerNorm(const int64_t *normalized_shape, int64_t ndim, double eps,
                           bool elementwise_affine);
gt_module *gt_nn_Dropout(double p, bool inplace);
gt_module *gt_nn_Embedding(int64_t num_embeddings, int64_t embedding_dim, int64_t padding_idx,
                           double max_norm, double norm_type, bool scale_grad_by_freq,
                           bool sparse);
/* nn.Embedding.from_pretrained(embeddings, freeze, ...): an Embedding whose
 * weight is embeddings' storage (no draws), requires_grad as !freeze. */
gt_module *gt_nn_Embedding_from_pretrained(gt_tensor *embeddings, bool freeze, int64_t padding_idx,
                                           double max_norm, double norm_type, bool scale_grad_by_freq,
                                           bool sparse);
/* nn.EmbeddingBag (mode "sum", "mean" or "max"; a NaN max_norm and a
 * GT_NONE_INT padding_idx are None) and bag(input, offsets,
 * per_sample_weights) (NULL: None). */
gt_module *gt_nn_EmbeddingBag(int64_t num_embeddings, int64_t embedding_dim, double max_norm, double norm_type,
                              bool scale_grad_by_freq, const char *mode, bool sparse, bool include_last_offset,
                              int64_t padding_idx);
gt_tensor *gt_nn_embedding_bag_call(gt_module *m, gt_tensor *input, gt_tensor *offsets,
                                    gt_tensor *per_sample_weights);
gt_module *gt_nn_LSTM(int64_t input_size, int64_t hidden_size, int64_t num_layers, bool bias,
                      bool batch_first, double dropout, bool bidirectional);
gt_module *gt_nn_GRU(int64_t input_size, int64_t hidden_size, int64_t num_layers, bool bias,
                     bool batch_first, double dropout, bool bidirectional);
/* nn.LSTM with proj_size (0: none); nn.RNN (nonlinearity "tanh" or "relu",
 * else ValueError) and the cells (an RNNCell's unknown nonlinearity is
 * refused here, where Python refuses it at the first call). */
gt_module *gt_nn_LSTM_proj(int64_t input_size, int64_t hidden_size, int64_t num_layers, bool bias,
                           bool batch_first, double dropout, bool bidirectional, int64_t proj_size);
gt_module *gt_nn_RNN(int64_t input_size, int64_t hidden_size, int64_t num_layers, bool bias,
                     bool batch_first, double dropout, bool bidirectional,
                     const char *nonlinearity);
gt_module *gt_nn_RNNCell(int64_t input_size, int64_t hidden_size, bool bias, const char *nonlinearity);
gt_module *gt_nn_LSTMCell(int64_t input_size, int64_t hidden_size, bool bias);
gt_module *gt_nn_GRUCell(int64_t input_size, int64_t hidden_size, bool bias);
/* Parameter-free modules. */
gt_module *gt_nn_ReLU(bool inplace);
gt_module *gt_nn_ReLU6(bool inplace);
gt_module *gt_nn_LeakyReLU(double negative_slope, bool inplace);
gt_module *gt_nn_ELU(double alpha, bool inplace);
gt_module *gt_nn_GELU(const char *approximate);
gt_module *gt_nn_SiLU(bool inplace);
gt_module *gt_nn_Tanh(void);
gt_module *gt_nn_Sigmoid(void);
gt_module *gt_nn_Softmax(int64_t dim);
gt_module *gt_nn_LogSoftmax(int64_t dim);
gt_module *gt_nn_Flatten(int64_t start_dim, int64_t end_dim);
gt_module *gt_nn_Identity(void);
gt_module *gt_nn_MaxPool2d(int64_t kernel_h, int64_t kernel_w, int64_t stride_h, int64_t stride_w,
                           int64_t padding_h, int64_t padding_w, int64_t dilation_h,
                           int64_t dilation_w, bool ceil_mode);
gt_module *gt_nn_AvgPool2d(int64_t kernel_h, int64_t kernel_w, int64_t stride_h, int64_t stride_w,
                           int64_t padding_h, int64_t padding_w, bool ceil_mode,
                           bool count_include_pad, int64_t divisor_override);
gt_module *gt_nn_AdaptiveAvgPool2d(int64_t out_h, int64_t out_w);
/* The 2-D layers with Python's argument order and int-or-tuple sizes
 * (gt_ints). Convolutions expand each size to (h, w) when constructed and
 * refuse a tuple of another length then ("Conv2d: stride must either be a
 * single int, or a tuple of two ints, but got (1, 2, 3)"); pooling modules
 * keep the sizes as given, print them so, and leave the checks to ATen at
 * forward, as PyTorch does. stride n = 0 (None): the kernel size. */
gt_module *gt_nn_Conv2d_ints(int64_t in_channels, int64_t out_channels, gt_ints kernel_size,
                             gt_ints stride, gt_ints padding, gt_ints dilation, int64_t groups,
                             bool bias, const char *padding_mode);
/* padding="same" (stride 1) or "valid". */
gt_module *gt_nn_Conv2d_str(int64_t in_channels, int64_t out_channels, gt_ints kernel_size,
                            gt_ints stride, const char *padding, gt_ints dilation, int64_t groups,
                            bool bias, const char *padding_mode);
/* padding_mode must be "zeros", as in PyTorch. */
gt_module *gt_nn_ConvTranspose2d_ints(int64_t in_channels, int64_t out_channels,
                                      gt_ints kernel_size, gt_ints stride, gt_ints padding,
                                      gt_ints output_padding, int64_t groups, bool bias,
                                      gt_ints dilation, const char *padding_mode);
/* ConvTranspose1d and ConvTranspose3d: as gt_nn_ConvTranspose2d_ints with
 * one and three sizes. */
gt_module *gt_nn_ConvTranspose1d_ints(int64_t in_channels, int64_t out_channels, gt_ints kernel_size,
                                      gt_ints stride, gt_ints padding, gt_ints output_padding, int64_t groups,
                                      bool bias, gt_ints dilation, const char *padding_mode);
gt_module *gt_nn_ConvTranspose3d_ints(int64_t in_channels, int64_t out_channels, gt_ints kernel_size,
                                      gt_ints stride, gt_ints padding, gt_ints output_padding, int64_t groups,
                                      bool bias, gt_ints dilation, const char *padding_mode);
/* return_indices true is an error (forward would return a tuple). */
gt_module *gt_nn_MaxPool2d_ints(gt_ints kernel_size, gt_ints stride, gt_ints padding,
                                gt_ints dilation, bool return_indices, bool ceil_mode);
gt_module *gt_nn_AvgPool2d_ints(gt_ints kernel_size, gt_ints stride, gt_ints padding,
                                bool ceil_mode, bool count_include_pad,
                                int64_t divisor_override /* GT_NONE_INT */);
gt_module *gt_nn_AdaptiveAvgPool2d_ints(gt_ints output_size);
/* nn.Dropout2d: F.dropout2d in training mode, the identity in eval mode. */
gt_module *gt_nn_Dropout2d(double p, bool inplace);
/* PyTorch 1.13's nn.PixelShuffle, nn.PixelUnshuffle. */
gt_module *gt_nn_PixelShuffle(int64_t upscale_factor);
gt_module *gt_nn_PixelUnshuffle(int64_t downscale_factor);
/* The padding layers: F.pad of the padding in reflect, replicate or
 * constant mode; an int is that size on every side, a tuple goes as given
 * (F.pad checks its length at forward). ZeroPad2d pads with 0.0. The
 * ConstantPad*d_int forms print an int value as one ("value=3"). */
gt_module *gt_nn_ReflectionPad1d(gt_ints padding);
gt_module *gt_nn_ReflectionPad2d(gt_ints padding);
gt_module *gt_nn_ReflectionPad3d(gt_ints padding);
gt_module *gt_nn_ReplicationPad1d(gt_ints padding);
gt_module *gt_nn_ReplicationPad2d(gt_ints padding);
gt_module *gt_nn_ReplicationPad3d(gt_ints padding);
gt_module *gt_nn_ZeroPad2d(gt_ints padding);
gt_module *gt_nn_ConstantPad1d(gt_ints padding, double value);
gt_module *gt_nn_ConstantPad2d(gt_ints padding, double value);
gt_module *gt_nn_ConstantPad3d(gt_ints padding, double value);
gt_module *gt_nn_ConstantPad1d_int(gt_ints padding, int64_t value);
gt_module *gt_nn_ConstantPad2d_int(gt_ints padding, int64_t value);
gt_module *gt_nn_ConstantPad3d_int(gt_ints padding, int64_t value);
/* Pooling with the sizes as given (see gt_nn_MaxPool2d_ints); return_indices
 * true is an error. AvgPool1d keeps each size as a tuple of one, as PyTorch's. */
gt_module *gt_nn_MaxPool1d_ints(gt_ints kernel_size, gt_ints stride, gt_ints padding, gt_ints dilation,
                                bool return_indices, bool ceil_mode);
gt_module *gt_nn_AvgPool1d_ints(gt_ints kernel_size, gt_ints stride, gt_ints padding, bool ceil_mode,
                                bool count_include_pad);
gt_module *gt_nn_AdaptiveMaxPool1d(gt_ints output_size, bool return_indices);
gt_module *gt_nn_AdaptiveMaxPool2d(gt_ints output_size, bool return_indices);
/* nn.Softplus(beta, threshold): _ii / _fi / _if take the int ones (shown as
 * ints, "beta=1, threshold=20"), gt_nn_Softplus two floats. */
gt_module *gt_nn_Softplus(double beta, double threshold);
gt_module *gt_nn_Softplus_ii(int64_t beta, int64_t threshold);
gt_module *gt_nn_Softplus_fi(double beta, int64_t threshold);
gt_module *gt_nn_Softplus_if(int64_t beta, double threshold);
gt_module *gt_nn_Hardswish(bool inplace);
gt_module *gt_nn_Hardsigmoid(bool inplace);
gt_module *gt_nn_Mish(bool inplace);
/* nn.Unflatten(dim, unflattened_size): x.unflatten(dim, sizes). */
gt_module *gt_nn_Unflatten(int64_t dim, gt_ints unflattened_size);
/* Layers with parameters, initialised as PyTorch's: PReLU's weight of
 * num_parameters values `init`; GroupNorm's and the instance norms' weight
 * and bias ones and zeros where affine (ValueError "num_channels must be
 * divisible by num_groups"); the instance norms' running statistics where
 * track_running_stats, and unbatched input of one dimension fewer
 * (ValueError "expected 3D or 4D input (got 2D input)"); an instance
 * norm's momentum GT_NONE_FLOAT (None) is taken, and its forward raises
 * PyTorch 1.13's TypeError; Conv3d as
 * gt_nn_Conv2d_ints with three sizes. */
gt_module *gt_nn_PReLU(int64_t num_parameters, double init);
gt_module *gt_nn_GroupNorm(int64_t num_groups, int64_t num_channels, double eps, bool affine);
gt_module *gt_nn_InstanceNorm1d(int64_t num_features, double eps, double momentum, bool affine,
                                bool track_running_stats);
gt_module *gt_nn_InstanceNorm2d(int64_t num_features, double eps, double momentum, bool affine,
                                bool track_running_stats);
gt_module *gt_nn_InstanceNorm3d(int64_t num_features, double eps, double momentum, bool affine,
                                bool track_running_stats);
gt_module *gt_nn_Conv3d_ints(int64_t in_channels, int64_t out_channels, gt_ints kernel_size,
                             gt_ints stride, gt_ints padding, gt_ints dilation, int64_t groups,
                             bool bias, const char *padding_mode);

/* module(input) for every module but the recurrent ones. New reference. */
gt_tensor *gt_module_forward(gt_module *m, gt_tensor *input);
/* model(a, b, ...) of a module value: n == 1 is gt_module_forward; more
 * call a .gtp module's forward of n tensors (gt_module_def.forward_n), and
 * are Python's TypeError for any other module. New reference; NULL on
 * error. */
gt_tensor *gt_module_forward_n(gt_module *m, gt_tensor *const *inputs, int64_t n);
/* output, (h_n, c_n) = lstm(input, (h_0, c_0)); h_0/c_0 NULL for zeros (both
 * or neither). Returns output (new reference) and stores new references in
 * *h_n and *c_n; NULL on error. */
gt_tensor *gt_lstm_forward(gt_module *m, gt_tensor *input, gt_tensor *h_0, gt_tensor *c_0,
                           gt_tensor **h_n, gt_tensor **c_n);
/* output, h_n = gru(input, h_0); h_0 NULL for zeros. As gt_lstm_forward. */
gt_tensor *gt_gru_forward(gt_module *m, gt_tensor *input, gt_tensor *h_0, gt_tensor **h_n);
/* The recurrent layers called as in Python, each result a new tuple
 * (gt_t_tensor_pair; the LSTM's second item is the (h_n, c_n) pair), a
 * NULL state for zeros, unbatched input (2-D; a cell's 1-D) as Python takes
 * it: output, h_n = rnn(input, h_0) (RNN and GRU); output, (h_n, c_n) =
 * lstm(input, (h_0, c_0)); h_1 = cell(input, h_0) (RNNCell, GRUCell);
 * (h_1, c_1) = lstm_cell(input, (h_0, c_0)). */
gt_tuple *gt_nn_rnn_call(gt_module *m, gt_tensor *input, gt_tensor *h_0);
gt_tuple *gt_nn_gru_call(gt_module *m, gt_tensor *input, gt_tensor *h_0);
gt_tuple *gt_nn_lstm_call(gt_module *m, gt_tensor *input, const gt_tuple *hx);
gt_tensor *gt_nn_rnn_cell_call(gt_module *m, gt_tensor *input, gt_tensor *h_0);
gt_tensor *gt_nn_gru_cell_call(gt_module *m, gt_tensor *input, gt_tensor *h_0);
gt_tuple *gt_nn_lstm_cell_call(gt_module *m, gt_tensor *input, const gt_tuple *hx);

/* nn.MultiheadAttention's out_proj: a Linear that prints under PyTorch's
 * class name NonDynamicallyQuantizableLinear. */
gt_module *gt_nn_NonDynamicallyQuantizableLinear(int64_t in_features, int64_t out_features, bool bias);
/* F.multi_head_attention_forward as PyTorch 1.13's Python computes it:
 * a new (attn_output, attn_output_weights) tuple, the weights NULL where
 * need_weights is false. NULL tensors are None. */
gt_tuple *gt_F_multi_head_attention_forward(
    gt_tensor *query, gt_tensor *key, gt_tensor *value, int64_t embed_dim_to_check, int64_t num_heads,
    gt_tensor *in_proj_weight, gt_tensor *in_proj_bias, gt_tensor *bias_k, gt_tensor *bias_v, bool add_zero_attn,
    double dropout_p, gt_tensor *out_proj_weight, gt_tensor *out_proj_bias, bool training,
    gt_tensor *key_padding_mask, bool need_weights, gt_tensor *attn_mask, bool use_separate_proj_weight,
    gt_tensor *q_proj_weight, gt_tensor *k_proj_weight, gt_tensor *v_proj_weight, gt_tensor *static_k,
    gt_tensor *static_v, bool average_attn_weights);
/* The inference fast paths of nn.MultiheadAttention and
 * nn.TransformerEncoderLayer: torch._native_multi_head_attention (a new
 * tuple) and torch._transformer_encoder_layer_fwd. mask_type is
 * GT_NONE_INT for None. */
gt_tuple *gt_native_multi_head_attention(gt_tensor *query, gt_tensor *key, gt_tensor *value, int64_t embed_dim,
                                         int64_t num_head, gt_tensor *qkv_weight, gt_tensor *qkv_bias,
                                         gt_tensor *proj_weight, gt_tensor *proj_bias, gt_tensor *mask,
                                         bool need_weights, bool average_attn_weights, int64_t mask_type);
gt_tensor *gt_transformer_encoder_layer_fwd(
    gt_tensor *src, int64_t embed_dim, int64_t num_heads, gt_tensor *qkv_weight, gt_tensor *qkv_bias,
    gt_tensor *proj_weight, gt_tensor *proj_bias, bool use_gelu, bool norm_first, double eps,
    gt_tensor *norm_weight_1, gt_tensor *norm_bias_1, gt_tensor *norm_weight_2, gt_tensor *norm_bias_2,
    gt_tensor *ffn_weight_1, gt_tensor *ffn_bias_1, gt_tensor *ffn_weight_2, gt_tensor *ffn_bias_2, gt_tensor *mask,
    int64_t mask_type);

/* The module's class name as Python's: "Linear", "BatchNorm2d". Borrowed, static. */
const char *gt_module_type(const gt_module *m);
/* repr(module) as Python's: "Linear(in_features=4, out_features=2, bias=True)". New reference. */
gt_str *gt_module_repr(gt_module *m);

/* Named parameters and buffers, in PyTorch's order (state_dict lists the
 * parameters, then the buffers). Names are PyTorch's ("weight",
 * "weight_ih_l0", "running_mean"). Indices run 0..count-1; names and
 * tensors are BORROWED from the module and live as long as it does (to()
 * moves them in place, as PyTorch's Module.to does). Counts are -1 on error. */
int64_t gt_module_num_parameters(gt_module *m);
const char *gt_module_parameter_name(gt_module *m, int64_t i);  /* borrowed; NULL on error */
gt_tensor *gt_module_parameter(gt_module *m, int64_t i);        /* borrowed; NULL on error */
int64_t gt_module_num_buffers(gt_module *m);
const char *gt_module_buffer_name(gt_module *m, int64_t i);     /* borrowed */
gt_tensor *gt_module_buffer(gt_module *m, int64_t i);           /* borrowed */
/* module.<name> for a parameter or buffer ("weight", "running_mean").
 * Borrowed; NULL with a message if the module has no such tensor. */
gt_tensor *gt_module_attr(gt_module *m, const char *name);

/* train(mode) / eval(), recursive over children; is training? */
int gt_module_train(gt_module *m, bool mode);
int gt_module_eval(gt_module *m);
bool gt_module_is_training(gt_module *m);
/* module.to(device) and/or dtype (GT_DTYPE_DEFAULT: keep); device NULL: keep.
 * In place and recursive, as PyTorch's: a parameter keeps its identity (the
 * handle's tensor is replaced). Returns 0 or -1. */
int gt_module_to(gt_module *m, const gt_device *device, int dtype);

/* nn.Parameter(t): a leaf tensor sharing t's data, requires_grad as given;
 * printed as "Parameter containing:". New reference. */
gt_tensor *gt_nn_Parameter(gt_tensor *data, bool requires_grad);

/* ---- modules written in .gtp, containers, and the whole-tree methods ---- */
/* Every module value is a gt_module *: a built-in layer above, a container
 * (nn.Sequential, nn.ModuleList) or an instance of a .gtp class deriving
 * nn.Module. The functions below take any of them (the compiler casts a
 * .gtp module to gt_module *); gt_module_forward dispatches on the kind.
 *
 * A .gtp class `class MLP(nn.Module)` is emitted as
 *
 *   struct MLP { gt_module_head _module; gt_module *fc1; gt_tensor *w; ... };
 *   static const gt_module_def MLP_def = {
 *     {"MLP", MLP_drop, NULL, gt_module_repr_obj, NULL, NULL},
 *     MLP_forward_thunk,      // NULL unless forward is (Tensor) -> Tensor
 *     MLP_fields};
 *   MLP *self = gt_alloc(sizeof(MLP), &MLP_def.cls);
 *   gt_module_head_init(&self->_module);
 *
 * MLP_fields calls visit(ctx, name, value, kind) for each field of a
 * Tensor or module type, in declaration order (the order of first assignment
 * in __init__, which is PyTorch's registration order); value may be NULL
 * (a field not yet assigned), which the runtime skips. kind is false for
 * a Tensor field, which counts as a parameter only if it is an
 * nn.Parameter (gt_nn_Parameter or a module's parameter), as in PyTorch,
 * other tensor fields being plain attributes in no state dict; true for a
 * module; GT_VISIT_BUFFER for a buffer (self.register_buffer("pe", pe)),
 * GT_VISIT_TRANSIENT_BUFFER for one registered with persistent=False
 * (in buffers(), moved by to(), in no state dict). A class deriving a
 * built-in layer reports the layer first, as a module named NULL. */

typedef struct gt_module_head {
  gt_obj h;
  bool training;  /* self.training; true after gt_module_head_init */
} gt_module_head;

#define GT_VISIT_BUFFER 2
#define GT_VISIT_TRANSIENT_BUFFER 3
typedef void (*gt_module_visit)(void *ctx, const char *name, gt_obj *value, int kind);

typedef struct gt_module_def {
  gt_class cls;  /* first: an instance's gt_obj.cls points here */
  gt_tensor *(*forward)(gt_obj *self, gt_tensor *input);  /* new reference; NULL on error */
  void (*fields)(gt_obj *self, gt_module_visit visit, void *ctx);
  /* forward(self, a: Tensor, b: Tensor, ...) -> Tensor of several tensors:
   * called with the n inputs (n the forward's count, else TypeError as
   * Python's); NULL where forward takes another list */
  gt_tensor *(*forward_n)(gt_obj *self, gt_tensor *const *inputs, int64_t n);
  /* extra_repr(self) -> str, what print(model) shows between the class's
   * parentheses before the children (a new reference); NULL where the
   * class defines none (a derived layer's is then the layer's) */
  gt_str *(*extra_repr)(gt_obj *self);
} gt_module_def;

void gt_module_head_init(gt_module_head *head);
/* repr(module) of any module as PyTorch prints it:
 * "MLP(\n  (fc1): Linear(in_features=784, ...)\n)". A gt_class repr slot. */
gt_str *gt_module_repr_obj(gt_obj *self);

/* nn.Sequential(*modules) and nn.ModuleList(modules): children named "0",
 * "1", ...; each keeps references to its modules (arrays and lists are
 * borrowed). Sequential's forward feeds each child's output to the next. */
gt_module *gt_nn_Sequential(gt_module *const *modules, int64_t n);
gt_module *gt_nn_ModuleList(const gt_list *modules /* list of gt_module *; NULL: empty */);
/* A Sequential of the modules in the list that prints and reports its type
 * as `type_name`: a library's subclass of nn.Sequential, as torchvision's
 * Conv2dNormActivation. */
gt_module *gt_nn_Sequential_as(const char *type_name, const gt_list *modules);
/* nn.Sequential(OrderedDict([...])): the children under the keys of a
 * collections.OrderedDict of str to modules (a .gtp object, read by its
 * layout's field `_d`). */
gt_module *gt_nn_Sequential_named(void *ordered /* a collections_OrderedDict_str_Module_ * */);
/* seq.fc1: a Sequential's or ModuleList's child of that name ("0" where
 * none was named); new reference, NULL (AttributeError) where none. */
gt_module *gt_container_getattr(gt_module *m, const gt_str *name);
/* len(), [i] (negative from the end; borrowed result), [i] = child,
 * append, and the children as a list (new reference; for `for m in mods:`) of a Sequential
 * or ModuleList. */
int64_t gt_module_len(gt_module *m);                     /* -1 on error */
gt_module *gt_module_getitem(gt_module *m, int64_t i);   /* borrowed; NULL on error */
int gt_module_setitem(gt_module *m, int64_t i, gt_module *child);  /* seq[i] = child; 0 or -1 */
int gt_module_append(gt_module *m, gt_module *child);    /* ModuleList.append; 0 or -1 */
/* m.add_module(name, child) of a Sequential, ModuleList or ModuleDict: the
 * child under that name (replacing one of that name); 0 or -1. */
int gt_module_add_module(gt_module *m, const gt_str *name, gt_module *child);
gt_list *gt_module_children_list(gt_module *m);
/* nn.ModuleDict(modules): children named by their str keys, in insertion
 * order (the dict is borrowed; NULL: empty). md[key] (borrowed; KeyError),
 * md[key] = child (in place where the key is there, else last), key in md
 * (1, 0 or -1), pop (the container's reference handed on), and new lists
 * of the keys, the modules and (key, module) pairs. len() is gt_module_len. */
gt_module *gt_nn_ModuleDict(const gt_dict *modules);
gt_module *gt_module_dict_get(gt_module *m, const gt_str *key);
int gt_module_dict_set(gt_module *m, const gt_str *key, gt_module *child);
int gt_module_dict_contains(gt_module *m, const gt_str *key);
gt_module *gt_module_dict_pop(gt_module *m, const gt_str *key);
gt_list *gt_module_dict_keys(gt_module *m);
gt_list *gt_module_dict_values(gt_module *m);
gt_list *gt_module_dict_items(gt_module *m);
/* nn.ParameterList(values): its parameters named "0", "1", ... (in
 * named_parameters() and state dicts "params.0" under its field); an
 * nn.Parameter kept as it is, another tensor made Parameter(t) (the list
 * is borrowed; NULL: empty). len() is gt_module_len; pl[i] a new
 * reference (negative from the end; "IndexError: index 5 is out of
 * range"), pl[i] = t (0 or -1), append and extend return the list (a new
 * reference; extend's values a list of tensors, ParameterList(t) and
 * pl.extend(t) of a Tensor are PyTorch's TypeError), values a new list of
 * them (`for p in pl:`). Calling it is PyTorch's "RuntimeError:
 * ParameterList should not be called." */
gt_module *gt_nn_ParameterList(const gt_list *values);
gt_module *gt_nn_ParameterList_tensor(gt_tensor *values);
gt_tensor *gt_parameter_list_getitem(gt_module *m, int64_t i);
int gt_parameter_list_setitem(gt_module *m, int64_t i, gt_tensor *value);
gt_module *gt_parameter_list_append(gt_module *m, gt_tensor *value);
gt_module *gt_parameter_list_extend(gt_module *m, const gt_list *values);
gt_module *gt_parameter_list_extend_tensor(gt_module *m, gt_tensor *values);
gt_list *gt_parameter_list_values(gt_module *m);
/* pl[start:stop:step]: a new ParameterList (a new reference) of the same
 * parameters, as PyTorch's; idx is one GT_IDX_SLICE (an omitted part
 * GT_NOIDX), another subscript PyTorch's TypeError. */
gt_module *gt_parameter_list_slice(gt_module *m, const gt_index *idx, int64_t n);

/* The tree methods, recursive over children as PyTorch's (prefixes
 * "fc1.", "layers.0."), parameters deduplicated by identity. Lists are
 * new references of list[Tensor] (gt_t_tensor_list), list[tuple[str,
 * Tensor]] and dict[str, Tensor] (gt_t_tensor_dict, insertion order). */
gt_list *gt_module_parameters(gt_module *m);
gt_list *gt_module_named_parameters(gt_module *m);
gt_list *gt_module_buffers(gt_module *m);
gt_list *gt_module_named_buffers(gt_module *m);
/* state_dict(): parameters then buffers of each module before its
 * children's, detached (sharing storage), as PyTorch's. */
gt_dict *gt_module_state_dict(gt_module *m);
/* load_state_dict(state, strict): copies in place without recording grad;
 * PyTorch's messages for missing/unexpected keys and size mismatches
 * ("Error(s) in loading state_dict for MLP: ..."). 0 or -1. */
int gt_module_load_state_dict(gt_module *m, const gt_dict *state, bool strict);
/* The same, giving PyTorch's _IncompatibleKeys: the module's keys the dict
 * lacks and the dict's keys the module has not (found whatever `strict`
 * says; an error only where it is true). Its repr is "<All keys matched
 * successfully>" where both are empty; NULL on error. */
typedef struct gt_incompatible_keys gt_incompatible_keys;
gt_incompatible_keys *gt_bind_module_load_state_dict(gt_module *m, const gt_dict *state, bool strict);
/* The same of an OrderedDict[str, Tensor] (collections.gtp's class, whose
 * items are in its field `_d`): `new_sd[k.replace("module.", "")] = v`. */
gt_incompatible_keys *gt_bind_module_load_state_dict_ordered(gt_module *m, void *ordered /* an OrderedDict */,
                                                             bool strict);
gt_list *gt_incompatible_keys_missing(gt_incompatible_keys *k);     /* list[str], new reference */
gt_list *gt_incompatible_keys_unexpected(gt_incompatible_keys *k);  /* list[str], new reference */
gt_list *gt_incompatible_keys_list(gt_incompatible_keys *k);        /* [missing, unexpected] */
/* zero_grad(set_to_none) of every parameter. 0 or -1. */
int gt_module_zero_grad(gt_module *m, bool set_to_none);
/* children() and named_children(): each child once, in registration
 * order; modules() and named_modules(): the module itself (named ""), then
 * its tree in pre-order, each module once, as PyTorch's. New references of
 * list[Module] and list[tuple[str, Module]]. */
gt_list *gt_module_children(gt_module *m);
gt_list *gt_module_named_children(gt_module *m);
gt_list *gt_module_modules(gt_module *m);
gt_list *gt_module_named_modules(gt_module *m);
/* requires_grad_(flag) of every parameter of the tree. 0 or -1. */
int gt_module_requires_grad_(gt_module *m, bool requires_grad);
/* module.apply(fn): fn on every child (recursively, children first), then
 * on m, as PyTorch's. fn reports its own errors (gt_fail). 0 or -1. */
int gt_module_apply(gt_module *m, void (*fn)(gt_module *m));
/* The same with fn(module, ctx): -1 where fn returns false (having
 * reported why), the modules after it not visited. */
int gt_module_apply_ctx(gt_module *m, bool (*fn)(gt_module *m, void *ctx), void *ctx);
/* m.register_forward_hook(hook) of a built-in layer, a Sequential or a
 * .gtp module: hook(m, (input, ...), output), the program's function of
 * that C signature (void (*)(gt_fn *, gt_module *, gt_tuple *, gt_tensor
 * *)), runs after each forward of m, hooks in the order registered; an
 * exception it raises fails that forward. Returns the handle (class
 * gt_hook_handle_class), whose gt_hook_handle_remove takes the hook out
 * (again: nothing); NULL for a ModuleList, a ModuleDict, a recurrent layer
 * or a .gtp module whose forward takes other than tensors or gives other
 * than a tensor. A .gtp module is held while it has hooks. */
typedef struct gt_hook_handle gt_hook_handle;
gt_hook_handle *gt_module_register_forward_hook(gt_module *m, gt_fn *hook);
/* m.register_forward_pre_hook(hook) of a built-in layer or a Sequential:
 * hook(m, (input,)) before each forward, after the pre-hooks registered
 * before it; where it gives a tuple (_tuple: gt_tuple *(*)(gt_fn *,
 * gt_module *, gt_tuple *)) or a tensor (_tensor), not NULL, that is the
 * input from then on (the forward takes one tensor: a TypeError
 * otherwise); plain: it gives nothing. NULL (an error) for a .gtp module,
 * whose forward the program calls before any hook could run. */
gt_hook_handle *gt_module_register_forward_pre_hook(gt_module *m, gt_fn *hook);
gt_hook_handle *gt_module_register_forward_pre_hook_tensor(gt_module *m, gt_fn *hook);
gt_hook_handle *gt_module_register_forward_pre_hook_tuple(gt_module *m, gt_fn *hook);
/* m.register_full_backward_hook(hook) of a built-in layer or a Sequential,
 * PyTorch 1.13's: hook(m, grad_input, grad_output), tuples of one
 * Optional[Tensor] each, in backward() once the gradient of the forward's
 * input is known (grad_input (None,), at once, where the input requires
 * none); a tuple it gives (_tuple) is the input's gradient instead. The
 * _tensors forms take grads typed tuple[Tensor, ...]: a None one is a
 * TypeError there. The forward's input and output each pass through a
 * copy whose gradient the runtime hooks. NULL for a .gtp module. */
gt_hook_handle *gt_module_register_full_backward_hook(gt_module *m, gt_fn *hook);
gt_hook_handle *gt_module_register_full_backward_hook_tuple(gt_module *m, gt_fn *hook);
gt_hook_handle *gt_module_register_full_backward_hook_tensors(gt_module *m, gt_fn *hook);
gt_hook_handle *gt_module_register_full_backward_hook_tensors_tuple(gt_module *m, gt_fn *hook);
/* m.register_backward_hook(hook) of a built-in layer or a Sequential,
 * PyTorch 1.13's deprecated one: hook(m, grad_input, grad_output) with the
 * gradients of the autograd node that made the forward's output (each
 * forward adds the hooks registered then to it): grad_input one per input
 * of that operation (None where one needs none), grad_output its output's.
 * A tuple it gives (_tuple) is the node's gradients instead, checked as
 * PyTorch checks it (its length, a None one not made a tensor, each
 * tensor's type and size). The _tensors forms as above. A module takes
 * either kind of backward hook, never both (PyTorch's RuntimeError). */
gt_hook_handle *gt_module_register_backward_hook(gt_module *m, gt_fn *hook);
gt_hook_handle *gt_module_register_backward_hook_tuple(gt_module *m, gt_fn *hook);
gt_hook_handle *gt_module_register_backward_hook_tensors(gt_module *m, gt_fn *hook);
gt_hook_handle *gt_module_register_backward_hook_tensors_tuple(gt_module *m, gt_fn *hook);
int gt_hook_handle_remove(gt_hook_handle *h);
/* net(a, b) of a .gtp module that the program may hook, which the compiled
 * program calls itself: y, what its forward gave for the n inputs, after
 * the module's hooks ran (none: at once); NULL where a hook raised (y
 * released). */
gt_tensor *gt_module_hooked(gt_module *m, gt_tensor *const *inputs, int64_t n, gt_tensor *y);

/* ---- torch.nn.init (in place, without recording grad; 0 or -1) -------- */
/* mode: "fan_in" | "fan_out"; nonlinearity: "leaky_relu", "relu", "tanh",
 * "sigmoid", "linear", "conv2d", ... as torch.nn.init.calculate_gain. */

int gt_nn_init_uniform_(gt_tensor *t, double a, double b);
int gt_nn_init_normal_(gt_tensor *t, double mean, double std);
/* trunc_normal_(t, mean, std, a, b): PyTorch's draws of a normal cut at [a, b]
 * (without its warning where mean is more than 2 std outside them) */
int gt_nn_init_trunc_normal_(gt_tensor *t, double mean, double std, double a, double b);
int gt_nn_init_constant_(gt_tensor *t, double val);
int gt_nn_init_zeros_(gt_tensor *t);
int gt_nn_init_ones_(gt_tensor *t);
int gt_nn_init_xavier_uniform_(gt_tensor *t, double gain);
int gt_nn_init_xavier_normal_(gt_tensor *t, double gain);
int gt_nn_init_kaiming_uniform_(gt_tensor *t, double a, const char *mode, const char *nonlinearity);
int gt_nn_init_kaiming_normal_(gt_tensor *t, double a, const char *mode, const char *nonlinearity);
/* calculate_gain(nonlinearity, param); param NAN for None. NAN on error. */
double gt_nn_init_calculate_gain(const char *nonlinearity, double param);
/* eye_ (2-D), dirac_ (3- to 5-D, groups), orthogonal_ (PyTorch's QR of
 * normal draws, times gain), sparse_ (normal draws of std, then
 * ceil(sparsity * rows) zeros a column at rows of a randperm): PyTorch's
 * ValueErrors for other shapes. */
int gt_nn_init_eye_(gt_tensor *t);
int gt_nn_init_dirac_(gt_tensor *t, int64_t groups);
int gt_nn_init_orthogonal_(gt_tensor *t, double gain);
int gt_nn_init_sparse_(gt_tensor *t, double sparsity, double std);
/* init._calculate_fan_in_and_fan_out: a new (fan_in, fan_out) tuple;
 * _calculate_correct_fan(t, mode). Errors raise (gt_fail). */
gt_tuple *gt_nn_init_fan_in_and_fan_out(gt_tensor *t);
int64_t gt_nn_init_correct_fan(gt_tensor *t, const char *mode);

/* ---- torch.optim ------------------------------------------------------- */
/* Adadelta, Adamax, NAdam, RAdam: PyTorch 1.13's update rules (libtorch
 * has none of them), its defaults and checks. */
gt_optim *gt_optim_Adadelta(const gt_list *params, double lr, double rho, double eps,
                            double weight_decay, bool maximize);
gt_optim *gt_optim_Adamax(const gt_list *params, double lr, double beta1, double beta2, double eps,
                          double weight_decay, bool maximize);
gt_optim *gt_optim_NAdam(const gt_list *params, double lr, double beta1, double beta2, double eps,
                         double weight_decay, double momentum_decay);
gt_optim *gt_optim_RAdam(const gt_list *params, double lr, double beta1, double beta2, double eps,
                         double weight_decay);
/* `params` is a list[Tensor] (gt_list of gt_tensor*), borrowed; the
 * optimizer keeps its own references to the tensors. New reference. */

extern const gt_class gt_optim_class;

gt_optim *gt_optim_SGD(const gt_list *params, double lr, double momentum, double dampening,
                       double weight_decay, bool nesterov);
gt_optim *gt_optim_Adam(const gt_list *params, double lr, double beta1, double beta2, double eps,
                        double weight_decay, bool amsgrad);
gt_optim *gt_optim_AdamW(const gt_list *params, double lr, double beta1, double beta2, double eps,
                         double weight_decay, bool amsgrad);
gt_optim *gt_optim_RMSprop(const gt_list *params, double lr, double alpha, double eps,
                           double weight_decay, double momentum, bool centered);
gt_optim *gt_optim_Adagrad(const gt_list *params, double lr, double lr_decay, double weight_decay,
                           double initial_accumulator_value, double eps);

int gt_optim_step(gt_optim *o);
/* loss = optimizer.step(closure): the closure re-evaluates the model and
 * returns the loss (a new reference); LBFGS calls it several times. An
 * exception the closure raises fails the step and is raised on where it
 * returns. Returns the first loss (a new reference), NULL on error. */
gt_tensor *gt_optim_step_closure(gt_optim *o, gt_tensor *(*closure)(void));
/* The same with the program's Callable[[], Tensor] (a def, a closure, a
 * lambda: gtorch_core.h's gt_fn). */
gt_tensor *gt_optim_step_callable(gt_optim *o, gt_fn *closure);
/* optim.LBFGS; max_eval GT_NONE_INT for max_iter * 5 // 4, line_search_fn
 * NULL or "strong_wolfe". */
gt_optim *gt_optim_LBFGS(const gt_list *params, double lr, int64_t max_iter, int64_t max_eval,
                         double tolerance_grad, double tolerance_change, int64_t history_size,
                         const char *line_search_fn);
/* optimizer.zero_grad(set_to_none); PyTorch 1.13's default is false. */
int gt_optim_zero_grad(gt_optim *o, bool set_to_none);
/* isinstance(o, torch.optim.Adam): is o an optimizer of that class ("Optimizer": any)? */
bool gt_optim_is(gt_optim *o, const char *name);
/* add_param_group({'params': params, 'lr': lr}); lr NAN: the defaults'. */
int gt_optim_add_param_group(gt_optim *o, const gt_list *params, double lr);
int64_t gt_optim_num_param_groups(gt_optim *o);           /* -1 on error */
double gt_optim_get_lr(gt_optim *o, int64_t group);       /* NAN on error */
int gt_optim_set_lr(gt_optim *o, int64_t group, double lr);

/* optimizer.param_groups: a new list of new handles, one per group, each
 * naming (and holding a reference to) the optimizer and the group's index,
 * so that group["lr"] = x changes the optimizer as in PyTorch. A group maps
 * str keys to floats: "lr" is the group's learning rate; any other key
 * ("initial_lr", set by an lr scheduler) is kept beside the optimizer and is
 * a KeyError until set. Other PyTorch keys ("momentum", "params") are not
 * offered. */
typedef struct gt_param_group gt_param_group;
extern const gt_class gt_param_group_class;
gt_list *gt_optim_param_groups(gt_optim *o);
double gt_param_group_get(gt_param_group *g, const char *key);   /* NAN + "KeyError: 'k'" */
int gt_param_group_set(gt_param_group *g, const char *key, double value);  /* 0 or -1 */
int gt_param_group_contains(gt_param_group *g, const char *key);  /* 1, 0, or -1 on error */

/* torch.nn.utils.clip_grad_value_: every grad clamped to [-v, v] in place. */
int gt_clip_grad_value_(const gt_list *params, double clip_value);
/* torch.nn.utils.clip_grad_norm_: the total norm as a 0-d tensor (new reference). */
gt_tensor *gt_clip_grad_norm_(const gt_list *params, double max_norm, double norm_type,
                              bool error_if_nonfinite);

#ifdef __cplusplus
}
#endif

#endif
