/* gtorch_data.h - data sets and data loaders for training: torchvision's
 * FashionMNIST and MNIST, torch.utils.data's TensorDataset and DataLoader.
 * Included at the end of gtorch_torch.h.
 *
 * Pure C11 (compiles with -std=c11 -pedantic); every name starts gt_/GT_.
 * Names and semantics are PyTorch 1.13's (torchvision 0.14's for the
 * image data sets), with one difference: an image data set yields tensors
 * (torchvision's ToTensor applied: float32 in [0, 1], shaped 1xHxW, then
 * the optional Normalize((mean,), (std,))) rather than PIL images, and its
 * labels as 0-dim int64 tensors.
 *
 * - Handles (gt_dataset, gt_loader, gt_loader_iter) are opaque, start with
 *   gt_obj and are reference counted with gt_retain/gt_release.
 * - Ownership: arguments are BORROWED; a returned handle or tensor is a NEW
 *   REFERENCE. A loader keeps a reference to its data set, an iterator one
 *   to its loader.
 * - Errors never abort: NULL or -1 and gt_last_error() says why (a missing
 *   data set names the files looked for; a corrupt file names the file).
 *
 * Generated code for `for batch in loader: BODY` is
 *
 *   gt_loader_iter *it = gt_loader_iter_new(loader);   // NULL: error
 *   gt_list *batch = NULL;                             // list[Tensor]
 *   int r;
 *   while ((r = gt_loader_next_batch(it, &batch)) == 1) { BODY; release batch }
 *   gt_release(it);                                    // also on break
 *   if (r < 0) error
 *
 * and `for x, y in loader` unpacks each batch; C code taking pairs calls
 * gt_loader_next(it, &x, &y) instead.
 *
 * Random order: each gt_loader_iter_new draws from the global generator
 * (gt_manual_seed) exactly what PyTorch 1.13's DataLoader draws, so a
 * shuffled loader visits the same items in the same order as in Python for
 * the same seed, and the random numbers a program draws afterwards are the
 * same as well. This holds for unshuffled loaders too: PyTorch draws one
 * number per iterator either way.
 *
 * num_workers > 0 prepares up to 2 * num_workers batches ahead on
 * background threads; the batches and their order are those of
 * num_workers == 0. Releasing the iterator (after the end or a break)
 * stops and joins the threads.
 */
#ifndef GTORCH_DATA_H
#define GTORCH_DATA_H

#include <math.h>
#include <stdbool.h>
#include <stdint.h>

#include "gtorch.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct gt_tensor gt_tensor;
typedef struct gt_dataset gt_dataset;
typedef struct gt_loader gt_loader;
typedef struct gt_loader_iter gt_loader_iter;

extern const gt_class gt_dataset_class;
extern const gt_class gt_loader_class;
extern const gt_class gt_loader_iter_class;

#ifndef GT_NONE_INT
#define GT_NONE_INT INT64_MIN
#define GT_NONE_FLOAT __builtin_nan("0x4e6f6e65")
#endif

/* ---- data sets ------------------------------------------------------------ */

/* torchvision.datasets.FashionMNIST(root, train=train) with
 * transforms.ToTensor() and, unless mean is GT_NONE_FLOAT,
 * transforms.Normalize((mean,), (std,)): images float32 (x/255 - mean)/std
 * shaped 1x28x28, labels int64.
 * Reads train-images-idx3-ubyte and train-labels-idx1-ubyte (t10k-* when
 * train is false), gzipped (.gz) or not, from `root` or from
 * `root/FashionMNIST/raw` (torchvision's layout). Debian's package
 * dataset-fashion-mnist installs them in /usr/share/datasets/fashion-mnist.
 * Borrows root. New reference; NULL on a missing or corrupt file. */
gt_dataset *gt_data_FashionMNIST(const char *root, bool train, double mean, double std);
/* torchvision.datasets.MNIST: the same, from `root` or `root/MNIST/raw`. */
gt_dataset *gt_data_MNIST(const char *root, bool train, double mean, double std);
/* torch.utils.data.TensorDataset(x, y): item i is (x[i], y[i]). The first
 * dims must agree. Keeps references to x and y (no copy, as PyTorch).
 * Borrows x and y. New reference. */
gt_dataset *gt_data_TensorDataset(gt_tensor *x, gt_tensor *y);
/* TensorDataset(*tensors), n >= 1: item i is (tensors[0][i], ...,
 * tensors[n-1][i]), a loader's batch n stacked fields. */
gt_dataset *gt_data_TensorDataset_n(gt_tensor *const *tensors, int64_t n);
/* A list of tuples or dicts (items, of descriptor t) as a data set: item i
 * is the list's item i (PyTorch's DataLoader takes any sequence). A list of
 * ints, floats, bools, strs or tensors too: read from the list itself on
 * the iterating thread (worker threads read a copy that gt_loader_iter_new
 * takes); a None or a non-tensor among strs or tensors is a TypeError. */
gt_dataset *gt_data_list_dataset(gt_val items, const gt_type *t);

/* len(dataset): -1 on error (NULL). Borrows. */
int64_t gt_dataset_len(gt_dataset *d);
/* dataset[i] as a tuple[Tensor, Tensor] (gt_t_tensor_pair); negative i
 * counts from the end; out of range, or a program Dataset's item of other
 * than two fields, is an error. Borrows d. New reference. */
gt_tuple *gt_dataset_getitem(gt_dataset *d, int64_t i);
/* The same into *x and *y (new references; untouched on error): 0 or -1. */
int gt_dataset_item(gt_dataset *d, int64_t i, gt_tensor **x, gt_tensor **y);
/* dataset[i] as a tuple[Tensor, ...] of any length (a TensorDataset's
 * row of each tensor). Borrows d. New reference. */
gt_tuple *gt_dataset_getitem_n(gt_dataset *d, int64_t i);
/* dataset[a:b] of a TensorDataset: each tensor indexed so (PyTorch's
 * tuple(t[index] for t in self.tensors)). Borrows d. New reference. */
gt_tuple *gt_dataset_getitem_slice(gt_dataset *d, const gt_index *idx, int64_t n);
/* A TensorDataset's .tensors (the tensors themselves, shared). New reference. */
gt_tuple *gt_dataset_tensors(gt_dataset *d);
/* An image data set's `.data` (uint8, NxHxW, as read) and `.targets`
 * (int64, N), a TensorDataset's tensors[0] and tensors[1] (of one tensor:
 * no targets, an AttributeError). The tensors are
 * the data set's own (shared, not copied). Borrows d. New reference. */
gt_tensor *gt_dataset_data(gt_dataset *d);
gt_tensor *gt_dataset_targets(gt_dataset *d);
/* An image data set's `.classes`: list[str] of the class names, new
 * reference; NULL with an error for a TensorDataset. Borrows d. */
gt_list *gt_dataset_classes(gt_dataset *d);
/* "FashionMNIST", "MNIST", "TensorDataset": a static string; NULL for NULL. */
const char *gt_dataset_name(gt_dataset *d);

/* A .gtp class deriving Dataset (protocol="dataset"): its struct begins
 * with a gt_dataset_head (zeroed by gt_alloc) and its class object is a
 * gt_dataset_def, whose len and getitem call the class's __len__ and
 * __getitem__ (a tuple of Tensors, ints, floats and bools).
 * Such an object is a gt_dataset to every function here: a DataLoader
 * calls __getitem__ item by item, on the thread that iterates it (also
 * with num_workers > 0), and collates as PyTorch's default_collate, field
 * by field of the tuples (any number of fields, the same in every item):
 * the tensors stacked, ints into an int64 tensor, floats into a float64
 * one, bools into a bool one; a batch is the list of those tensors.
 *
 * A .gtp class deriving IterableDataset (protocol="iterable_dataset") has
 * iter instead of getitem: __iter__, a generator of such tuples (a new
 * reference), and len NULL where it has no __len__. A loader takes its
 * items in order, batch_size at a time; with num_workers = N it iterates
 * N generators (as PyTorch's N worker processes each iterate the whole
 * data set) on the thread that iterates, batch by batch in turn, skipping
 * those that have ended; while worker w's generator runs,
 * gt_data_worker_id() is w (torch.utils.data.get_worker_info). */
typedef struct gt_dataset_head {
  gt_obj obj;
  void *state;  /* the runtime's, made at first use; gt_dataset_head_drop frees it */
} gt_dataset_head;
typedef struct gt_dataset_def {
  gt_class cls;
  int64_t (*len)(gt_obj *self);
  gt_obj *(*getitem)(gt_obj *self, int64_t i);    /* a new reference: a gt_tuple, or a gt_dict of str keys */
  gt_gen *(*iter)(gt_obj *self);                  /* an IterableDataset's; NULL for a Dataset */
} gt_dataset_def;
/* get_worker_info() while a loader's worker iterates an IterableDataset:
 * the worker's id (-1 elsewhere: no worker), the loader's num_workers, the
 * worker's seed (base_seed + id, as PyTorch seeds its worker processes). */
int64_t gt_data_worker_id(void);
int64_t gt_data_worker_count(void);
int64_t gt_data_worker_seed(void);
typedef struct gt_generator gt_generator; /* gtorch_generator.h's torch.Generator */
/* list(RandomSampler(ds, generator=g)) of n items: randperm(n) drawn from
 * g; g NULL: the seed drawn from the global generator, then randperm(n)
 * with it, as a shuffled loader draws. */
gt_list *gt_data_random_order(int64_t n, gt_generator *g);
/* The samplers of indices of their own, as PyTorch's __iter__ draws them:
 * SubsetRandomSampler's indices permuted by torch.randperm (from g, or the
 * global generator), WeightedRandomSampler's torch.multinomial draw of
 * its float64 weights (made by gt_data_sampler_weights from a tensor,
 * ValueError unless 1-D, or from a list of floats). New references. */
gt_tensor *gt_data_subset_order(const gt_list *indices, gt_generator *g);
gt_tensor *gt_data_sampler_weights(gt_tensor *weights);
gt_tensor *gt_data_sampler_weights_list(const gt_list *weights);
gt_tensor *gt_data_weighted_order(gt_tensor *weights, int64_t num_samples, bool replacement, gt_generator *g);
/* Is d a .gtp IterableDataset? (sampler= is then PyTorch's ValueError) */
bool gt_dataset_is_iterable(gt_dataset *d);
/* What the object's drop calls first. */
void gt_dataset_head_drop(gt_dataset_head *h);

/* ---- loaders -------------------------------------------------------------- */

/* torch.utils.data.DataLoader(dataset, batch_size=batch_size,
 * shuffle=shuffle, drop_last=drop_last, num_workers=num_workers).
 * batch_size must be positive (batch_size=None is not supported);
 * num_workers >= 0. Borrows dataset (the loader keeps a reference).
 * New reference. */
gt_loader *gt_DataLoader(gt_dataset *dataset, int64_t batch_size, bool shuffle, bool drop_last,
                         int64_t num_workers);
/* DataLoader(generator=g): each pass's base seed is drawn from g (NULL:
 * the global generator); a shuffling loader's order from `order` (the
 * RandomSampler's generator=: g itself where the loader made the sampler;
 * NULL: a seed from the global generator). Borrows; 0, or -1 on error. */
int gt_loader_set_generators(gt_loader *l, gt_generator *g, gt_generator *order);
/* len(loader): the number of batches; -1 on error. Borrows. */
int64_t gt_loader_len(gt_loader *l);
/* loader.dataset. Borrows l. New reference. */
gt_dataset *gt_loader_dataset(gt_loader *l);
/* loader.batch_size; -1 on error. Borrows. */
int64_t gt_loader_batch_size(gt_loader *l);

/* iter(loader): draws the random numbers PyTorch's iterator draws and, with
 * num_workers > 0, starts the worker threads. Borrows l (the iterator keeps
 * a reference). New reference; gt_release stops and joins its threads. */
gt_loader_iter *gt_loader_iter_new(gt_loader *l);
/* iter(it) of an iterator: it itself (`batches = iter(loader)`, then `for
 * b in batches` goes on where next() left it). New reference. */
gt_loader_iter *gt_loader_iter_iter(gt_loader_iter *it);
/* next(it): 1 and the batch in *batch, 0 at the end (*batch untouched;
 * later calls return 0 again), -1 on error. Borrows it. The batch is a new
 * reference, of the loader's batch type (DataLoader[B]'s B; batch points
 * at a variable of B's C type):
 * - by default a gt_list * (list[Tensor], gt_t_tensor_list) of the images
 *   or tensors[0] rows stacked and the labels or tensors[1] rows stacked,
 *   or of a program Dataset's tuple fields each stacked;
 * - a gt_dict * (dict[str, Tensor]) where a program Dataset's items are
 *   dicts: each key of the batch's first item, its values stacked (an
 *   item without it is KeyError);
 * - over a plain list (gt_data_list_dataset), default_collate's: a
 *   gt_tensor * of numbers (int64, float64, bool) or of the tensors
 *   stacked, a gt_list * of strs (of the data set list's type);
 * - with gt_loader_set_collate, what the collate function returns. */
int gt_loader_next_batch(gt_loader_iter *it, void *batch);
/* DataLoader(collate_fn=f): each batch is f(items), items the list of the
 * batch's items as the data set gives them (a program Dataset's
 * __getitem__ results, an IterableDataset's, a TensorDataset's
 * tuple[Tensor, ...] of rows, another library data set's (image, label)
 * pair, a plain list's items in a list of its own type), called on the thread that iterates (num_workers starts no
 * threads then). The result must be a reference type (f's C result a
 * pointer). Borrows; 0, or -1 on error. */
int gt_loader_set_collate(gt_loader *l, struct gt_fn *collate);
/* sampler= of a sampler with indices of its own (SubsetRandomSampler,
 * WeightedRandomSampler): each pass visits order(sampler), a 1-D tensor of
 * indices made where the pass asks for its first batch, of len items.
 * Borrows (holds a reference to sampler); 0, or -1 on error. */
int gt_loader_set_order(gt_loader *l, gt_obj *sampler, gt_tensor *(*order)(gt_obj *sampler), int64_t len);
/* The same for a batch of two fields, in *x and *y (new references); a
 * batch of other length is an error. */
int gt_loader_next(gt_loader_iter *it, gt_tensor **x, gt_tensor **y);

#ifdef __cplusplus
}
#endif

#endif
