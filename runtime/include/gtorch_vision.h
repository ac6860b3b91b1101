/* gtorch_vision.h - torchvision 0.14's utils (make_grid, save_image) and
 * its tensor transforms, over libtorch (runtime/src/torch/vision.cpp).
 * Pure C11. Arguments are borrowed (a .gtp str arrives as a C string);
 * handles returned are new references, NULL on error; functions returning
 * int return 0, or -1 on error. The message is in gt_last_error(). */
#ifndef GTORCH_VISION_H
#define GTORCH_VISION_H

#include "gtorch.h"
#include "gtorch_md5.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- torchvision.utils ------------------------------------------------- */

/* make_grid(tensor, nrow, padding, normalize, value_range, scale_each,
 * pad_value): a batch B x C x H x W (or one image C x H x W, or H x W) as
 * one C x H' x W' image, torchvision's arithmetic exactly; one-channel
 * images become three channels. value_range.n is 0 for None, else 2
 * (low, high). Runs without autograd, as torchvision's @torch.no_grad(). */
gt_tensor *gt_vision_make_grid(gt_tensor *tensor, int64_t nrow, int64_t padding, bool normalize,
                               gt_floats value_range, bool scale_each, double pad_value);
/* make_grid(list_of_images, ...): torch.stack(list, 0), then as above. */
gt_tensor *gt_vision_make_grid_list(const gt_list *tensors, int64_t nrow, int64_t padding, bool normalize,
                                    gt_floats value_range, bool scale_each, double pad_value);
/* save_image(tensor, fp, format, nrow, ...): make_grid's result as
 * grid.mul(255).add_(0.5).clamp_(0, 255).permute(1, 2, 0) in uint8, written
 * as PIL writes that array: an 8-bit PNG, RGB for 3 channels, RGBA for 4,
 * grayscale + alpha for 2. Only PNG: `format` NULL (then fp must end in
 * .png) or "png". 0 or -1; the message names the file. */
int gt_vision_save_image(gt_tensor *tensor, const char *fp, const char *format, int64_t nrow, int64_t padding,
                         bool normalize, gt_floats value_range, bool scale_each, double pad_value);
int gt_vision_save_image_list(const gt_list *tensors, const char *fp, const char *format, int64_t nrow,
                              int64_t padding, bool normalize, gt_floats value_range, bool scale_each,
                              double pad_value);
/* An H x W x C uint8 tensor (C = 1, 2, 3 or 4: gray, gray + alpha, RGB,
 * RGBA) written to `path` as an 8-bit PNG. 0 or -1. */
int gt_vision_write_png(gt_tensor *hwc, const char *path);

/* ---- torchvision.transforms ---------------------------------------------- */

/* A transform: one step, or a Compose of them, applied in order by
 * gt_tv_transform_call to a tensor [..., C, H, W] (a whole batch at once,
 * as torchvision's tensor transforms do) and by a data set to each image it
 * reads. Random steps draw from torch's global generator exactly as
 * torchvision does (torch.rand(1) for a flip, torch.randint for a crop's
 * top, then its left). */
typedef struct gt_transform gt_transform;
extern const gt_class gt_transform_class;

/* ToTensor(): converts a data set's uint8 image to float32 in [0, 1];
 * called on a tensor, it is torchvision's TypeError. */
gt_transform *gt_tv_ToTensor(void);
/* Normalize(mean, std, inplace): (x - mean[c]) / std[c] per channel; one
 * value (or a 1-tuple) applies to every channel. */
gt_transform *gt_tv_Normalize(gt_floats mean, gt_floats std, bool inplace);
/* Normalize(mean=[...], std=[...]): lists of floats. */
gt_transform *gt_tv_Normalize_list(const gt_list *mean, const gt_list *std, bool inplace);
/* Compose(transforms): each in turn. */
gt_transform *gt_tv_Compose(const gt_list *transforms);
/* Compose of callables (a list of gt_fn: the program's objects with
 * __call__, functions): each called in turn, as a Lambda is. */
gt_transform *gt_tv_Compose_callables(const gt_list *transforms);
/* RandomHorizontalFlip(p) / RandomVerticalFlip(p): flips (the whole
 * tensor) when torch.rand(1) < p. */
gt_transform *gt_tv_RandomHorizontalFlip(double p);
gt_transform *gt_tv_RandomVerticalFlip(double p);
/* RandomCrop(size, padding, pad_if_needed, fill, padding_mode): size one
 * or two ints (h, w); padding.n 0 (None), 1, 2 or 4; padding_mode
 * "constant", "edge", "reflect" or "symmetric". */
gt_transform *gt_tv_RandomCrop(gt_ints size, gt_ints padding, bool pad_if_needed, double fill,
                               const char *padding_mode);
/* CenterCrop(size) and Pad(padding, fill, padding_mode). */
gt_transform *gt_tv_CenterCrop(gt_ints size);
gt_transform *gt_tv_Pad(gt_ints padding, double fill, const char *padding_mode);
/* Resize(size, interpolation, max_size, antialias): size one int (the
 * smaller edge) or (h, w); interpolation PIL's code, as torchvision 0.14
 * still accepts it: 0 nearest, 2 bilinear (the default), 3 bicubic;
 * max_size GT_NONE_INT for None. torchvision's tensor path: antialias
 * False unless asked, interpolate(..., align_corners=False). */
gt_transform *gt_tv_Resize(gt_ints size, int64_t interpolation, int64_t max_size, bool antialias);
/* RandomResizedCrop(size, scale=(0.08, 1.0), ratio=(3/4, 4/3),
 * interpolation=2, antialias=None): a crop of random area and aspect
 * ratio, drawn as torchvision 0.14's get_params draws it, resized. */
gt_transform *gt_tv_RandomResizedCrop(gt_ints size, gt_floats scale, gt_floats ratio, int64_t interpolation,
                                      bool antialias);
/* torchvision.transforms.InterpolationMode.NEAREST / BILINEAR / BICUBIC,
 * as the codes Resize takes. */
extern const int64_t gt_tv_NEAREST, gt_tv_BILINEAR, gt_tv_BICUBIC;
/* transforms.Lambda(lambd): calls the program's Callable[[Tensor],
 * Tensor] (a def, a lambda, a closure: a gt_fn, which it holds; the
 * result a new reference); a data set whose transform has one runs it
 * image by image on the thread that iterates (no worker threads). Its
 * repr is "Lambda()". */
gt_transform *gt_tv_Lambda(gt_fn *lambd);
/* transform(img): a new reference (possibly img itself, as torchvision
 * returns its input when a flip does not happen). */
gt_tensor *gt_tv_transform_call(gt_transform *t, gt_tensor *img);

/* A FashionMNIST / MNIST data set applies `t` to each image it reads
 * (data.cpp): the steps before a ToTensor() see the uint8 1 x H x W
 * image, the ones after it float32 in [0, 1] (without a ToTensor, the
 * conversion comes first). Random steps run per image, in the order
 * torchvision's DataLoader reads them (with workers: worker w draws from
 * its own generator seeded base_seed + w, as PyTorch's worker processes
 * do). 0 or -1. */
int gt_tv_dataset_set_transform(gt_dataset *d, const gt_transform *t);

/* An image file's pixels as torchvision's default_loader gives them
 * (PIL.Image.open(path).convert("RGB")), as a uint8 3 x H x W tensor: PNG
 * (libpng: gray replicated, a palette looked up, alpha dropped, 16 bits
 * cut to 8) and JPEG (libjpeg at its defaults, as PIL decodes). A missing
 * file is FileNotFoundError, another format "OSError: cannot identify
 * image file". (image.cpp) */
gt_tensor *gt_tv_read_image_rgb(const char *path);
/* t applied to an image read by gt_tv_read_image_rgb as torchvision applies
 * it to the PIL image: the steps before a ToTensor() see it as uint8 (a
 * Resize there is PIL's antialiased resize), the ones after float32 in
 * [0, 1]; random steps draw from the global generator. */
gt_tensor *gt_tv_image_apply(gt_transform *t, gt_tensor *img);

/* ---- torchvision.datasets.CIFAR10 / CIFAR100 (cifar.c) ------------------- */

/* One CIFAR batch file (a pickle of a dict: a numpy uint8 array `data` of
 * N x 3072 and a list `labels`, else `fine_labels`; Python 2's protocol 2
 * as the real files are, or what Python 3's pickle writes at protocols 2
 * to 5): its images as a new uint8 N x 3 x 32 x 32 tensor, its labels
 * appended to `targets`. A file that cannot be opened is CPython's
 * OSError; one that is no such pickle (truncated, another content) a
 * RuntimeError naming the file and what is wrong (gt_fail). */
gt_tensor *gt_tv_cifar_read(const char *path, gt_list *targets);
/* The list of str at `key` of a CIFAR meta file's dict (batches.meta's
 * label_names, meta's fine_label_names): Python 2's str read as latin-1,
 * as torchvision's encoding="latin1" does. Errors as gt_tv_cifar_read's. */
gt_list *gt_tv_cifar_names(const char *path, const char *key);

#ifdef __cplusplus
}
#endif

#endif
