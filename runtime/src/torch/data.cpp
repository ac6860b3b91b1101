// data.cpp - FashionMNIST / MNIST (IDX files, gzipped or not), TensorDataset
// and DataLoader with PyTorch 1.13's shuffling order (gtorch_data.h).
//
// Threads: gt_obj reference counts are not atomic, so worker threads never
// touch a handle. They read a copy of the data set's tensors (at::Tensor's
// own counts are atomic) and hand finished batches back as at::Tensors;
// the consuming thread wraps them.
#include <ATen/ATen.h>
#include <ATen/CPUGeneratorImpl.h>
#include <zlib.h>

#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <condition_variable>
#include <cstring>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "gtorch_vision.h"
#include "internal.h"

// vision.cpp's transform steps (C++ linkage; gtorch_vision.h is C): what a
// data set applies to each image it reads.
struct gt_transform;
namespace gtv {
struct Step;
std::shared_ptr<const Step> steps_of(const gt_transform *t);
at::Tensor dataset_apply(const Step &s, const at::Tensor &raw, c10::optional<at::Generator> gen);
bool is_random(const Step &s);
bool calls_program(const Step &s);
}  // namespace gtv

namespace {

// An item's or a batch's fields: a library data set's image and label, a
// program Dataset's tuple (its numbers as tensors), one tensor each.
using Fields = std::vector<at::Tensor>;

// default_collate of the items' fields: field j of every item stacked.
Fields stack_fields(std::vector<Fields> &items) {
  Fields batch;
  for (size_t j = 0; j < items.front().size(); j++) {
    std::vector<at::Tensor> column;
    for (Fields &item : items) column.push_back(std::move(item[j]));
    batch.push_back(at::stack(column, 0));
  }
  return batch;
}

// The items of one batch, each of as many fields as the first (PyTorch's
// default_collate raises this where they differ).
void add_item(std::vector<Fields> &items, Fields item) {
  if (!items.empty() && item.size() != items.front().size())
    gt_throw("RuntimeError: each element in list of batch should be of equal size");
  items.push_back(std::move(item));
}

// ---- what a batch is made from -----------------------------------------------

// Copyable and read-only once built, so worker threads may share it.
struct Source {
  bool images = false;  // x is uint8 NxHxW: ToTensor (and Normalize) per batch
  at::Tensor x, y;
  // A TensorDataset's tensors, each item a row of each (x and y unused).
  std::vector<at::Tensor> tensors;
  // A .gtp Dataset subclass's object (gt_dataset_def): its items come from
  // its __getitem__, one by one, on the thread that iterates.
  gt_obj *object = nullptr;
  const gt_dataset_def *def = nullptr;
  bool normalize = false;
  at::Tensor mean, std;  // float32 0-dim, as torchvision's Normalize makes them
  // A transform's steps (gtorch_vision.h), applied to each uint8 1xHxW
  // image instead of the above; `random`: it draws random numbers, so it
  // runs image by image, in the order torchvision's DataLoader reads them.
  std::shared_ptr<const gtv::Step> steps;
  bool random = false;
  // The steps call the program's code (transforms.Lambda): image by image
  // (as `random`), and on the iterating thread, never a worker's.
  bool on_caller = false;

  // A plain list (DataLoader(ids), DataLoader(texts), DataLoader(tensors)):
  // its numbers, strs or tensors, read from the list itself, as PyTorch
  // reads the sequence it was given; borrowed (the data set holds it) and
  // only ever read on the iterating thread. `elem`: its items' descriptor.
  const gt_list *list = nullptr;
  const gt_type *elem = nullptr;
  // What worker threads read instead (copy_list): the list as an iterator
  // that starts them found it, as PyTorch's worker processes get the data
  // set. Numbers' values in one 1-D tensor, or the tensors.
  bool copied = false;
  at::Tensor values;
  std::vector<at::Tensor> list_tensors;

  // A .gtp IterableDataset: items from its __iter__, in order.
  bool iterable() const { return def && def->iter; }

  int64_t size() const {
    if (iterable() && !def->len) gt_throw("TypeError: object of type '%s' has no len()", def->cls.name);
    if (list) return list_len();
    return def ? object_len() : !tensors.empty() ? tensors[0].size(0) : x.size(0);
  }

  // ---- a plain list's items ----
  bool strs() const { return list && elem->kind == GT_K_STR; }
  bool numbers() const { return elem->kind == GT_K_INT || elem->kind == GT_K_FLOAT || elem->kind == GT_K_BOOL; }
  int64_t list_len() const {
    if (!copied) return list->len;
    return values.defined() ? values.size(0) : static_cast<int64_t>(list_tensors.size());
  }

  // dataset[i] of a list: Python's index (negative from the end), or its
  // IndexError where a sampler gives one past the end.
  int64_t list_index(int64_t i) const {
    int64_t n = list_len();
    if (i < -n || i >= n) gt_throw("IndexError: list index out of range");
    return i < 0 ? i + n : i;
  }

  // items[i] of the list itself, a borrowed value; a None in a list of
  // strs or tensors (typed code has none, but C may put one) is refused.
  gt_val list_value(int64_t i) const {
    gt_val v = list->items[list_index(i)];
    if (gt_type_is_ref(elem) && !v.p) gt_throw("TypeError: item %lld of the data set's list is None", (long long)i);
    if (elem->kind == GT_K_OBJ && static_cast<gt_obj *>(v.p)->cls != &gt_tensor_class)
      gt_throw("TypeError: item %lld of the data set's list is a %s, where a Tensor is expected", (long long)i,
               static_cast<gt_obj *>(v.p)->cls->name);
    return v;
  }

  // default_collate of numbers: torch.tensor(batch) (int64 of ints, bool
  // of bools; float64 of floats, as its dtype=torch.float64 asks), the
  // items p[0..k) of the list, or all of it where p is NULL.
  at::Tensor list_numbers(const int64_t *p, int64_t k) const {
    at::ScalarType dt = elem->kind == GT_K_INT ? at::kLong : elem->kind == GT_K_FLOAT ? at::kDouble : at::kBool;
    at::Tensor r = at::empty({k}, at::TensorOptions().dtype(dt));
    for (int64_t j = 0; j < k; j++) {
      gt_val v = list_value(p ? p[j] : j);
      if (dt == at::kLong) r.data_ptr<int64_t>()[j] = v.i;
      else if (dt == at::kDouble) r.data_ptr<double>()[j] = v.f;
      else r.data_ptr<bool>()[j] = v.b;
    }
    return r;
  }

  // The tensor that is item i: the list's own, or the copy's.
  at::Tensor list_tensor(int64_t i) const {
    if (copied) return list_tensors[static_cast<size_t>(list_index(i))];
    return gt_unwrap(static_cast<gt_tensor *>(list_value(i).p));
  }

  // A plain list's batch by default_collate: the numbers' tensor, or
  // torch.stack of the tensors (its RuntimeError where shapes differ).
  // Strs make no tensor: their batch is list_items'.
  at::Tensor list_batch(const at::Tensor &idx) const {
    if (strs()) gt_throw("TypeError: a list of strs makes batches of strs, not of tensors");
    at::Tensor ixc = idx.to(at::kCPU).contiguous();
    const int64_t *p = ixc.data_ptr<int64_t>();
    if (numbers() && copied) {
      at::Tensor ix = at::empty_like(ixc);  // Python's indices: IndexError, negative ones from the end
      for (int64_t k = 0; k < ixc.numel(); k++) ix.data_ptr<int64_t>()[k] = list_index(p[k]);
      return values.index_select(0, ix);
    }
    if (numbers()) return list_numbers(p, ixc.numel());
    std::vector<at::Tensor> items;
    for (int64_t k = 0; k < ixc.numel(); k++) items.push_back(list_tensor(p[k]));
    return at::stack(items, 0);
  }

  // The items `idx` of a plain list as a new list of the list's own type
  // (the items themselves, retained): what collate_fn= receives, and the
  // default batch of strs (default_collate gives a sequence of strs back).
  gt_list *list_items(const at::Tensor &idx) const {
    at::Tensor ixc = idx.to(at::kCPU).contiguous();
    const int64_t *p = ixc.data_ptr<int64_t>();
    struct Drop {
      gt_list *l;
      ~Drop() { gt_release(l); }
    } out{gt_list_new(list->type, ixc.numel())};
    for (int64_t k = 0; k < ixc.numel(); k++) gt_list_append(out.l, list_value(p[k]));
    gt_list *r = out.l;
    out.l = nullptr;
    return r;
  }

  // Before worker threads start: the values they read, copied here on the
  // iterating thread, so that they touch no handle (nor the list, which
  // the program may change meanwhile).
  void copy_list() {
    if (!list || copied) return;
    if (numbers()) {
      values = list_numbers(nullptr, list->len);
    } else {
      for (int64_t i = 0; i < list->len; i++) list_tensors.push_back(list_tensor(i));
    }
    copied = true;
  }

  // The object's __len__ and __getitem__ are the program's code: an
  // exception they raise must not unwind this C++ code (gt_call_guarded),
  // and fails the library call, which raises it on where it returns.
  struct Call {
    const Source *src;
    int64_t i;
    int64_t len;
    gt_obj *item;
  };
  static void call_len(void *c) {
    auto *k = static_cast<Call *>(c);
    k->len = k->src->def->len(k->src->object);
  }
  static void call_getitem(void *c) {
    auto *k = static_cast<Call *>(c);
    k->item = k->src->def->getitem(k->src->object, k->i);
  }
  int64_t object_len() const {
    Call k{this, 0, 0, nullptr};
    if (!gt_call_guarded(call_len, &k)) gt_throw("%s.__len__ raised an exception", def->cls.name);
    return k.len;
  }

  // A field of an item as a tensor: default_collate's torch.tensor of
  // ints (int64), floats (float64) and bools.
  static at::Tensor item_tensor(gt_val v, const gt_type *t) {
    switch (t->kind) {
      case GT_K_INT: return at::scalar_tensor(v.i, at::kLong);
      case GT_K_FLOAT: return at::scalar_tensor(v.f, at::kDouble);
      case GT_K_BOOL: return at::scalar_tensor(v.b, at::kBool);
      default: return gt_unwrap(static_cast<gt_tensor *>(v.p));
    }
  }

  // A dict item's values as tensors, in the order of `keys`, the first
  // item's keys (default_collate's `for key in elem`): set from this item
  // where NULL. A key it lacks is the KeyError PyTorch's `d[key]` raises;
  // a key only it has is left out, as there.
  static Fields dict_fields(const gt_dict *d, gt_list **keys) {
    if (!*keys) *keys = gt_dict_keys(d);
    const gt_type *vt = gt_dict_type(d)->args[1];
    Fields r;
    for (int64_t k = 0; k < (*keys)->len; k++) {
      gt_val key = (*keys)->items[k];
      if (!gt_dict_contains(d, key)) {
        gt_str *name = gt_str_repr(static_cast<gt_str *>(key.p));
        std::string msg(name->data, static_cast<size_t>(name->len));
        gt_release(name);
        gt_throw("KeyError: %s", msg.c_str());
      }
      gt_val v = gt_dict_get(d, key);
      at::Tensor t = item_tensor(v, vt);
      gt_val_release(v, vt);
      r.push_back(std::move(t));
    }
    return r;
  }

  // An item's fields as tensors (the item released): a tuple's, or a
  // dict's in the order of *keys (where the caller collates dicts: keys
  // not NULL).
  Fields item_fields(gt_obj *o, const char *method, gt_list **keys) const {
    struct Drop {
      gt_obj *o;
      ~Drop() { gt_release(o); }
    } drop{o};
    if (o && o->cls == &gt_dict_class) {
      if (!keys)
        gt_throw("TypeError: %s.%s gives dicts, where a tuple of tensors and numbers is expected", def->cls.name,
                 method);
      return dict_fields(reinterpret_cast<gt_dict *>(o), keys);
    }
    auto *t = reinterpret_cast<gt_tuple *>(o);
    if (!t || t->len == 0) gt_throw("%s.%s gave no tuple of tensors and numbers", def->cls.name, method);
    Fields r;
    for (int64_t k = 0; k < t->len; k++) r.push_back(item_tensor(t->items[k], t->type->args[k]));
    return r;
  }

  // dataset[i] of an object: what its __getitem__ returns (a new reference).
  gt_obj *object_at(int64_t i) const {
    if (iterable()) gt_throw("NotImplementedError: Subclasses of Dataset should implement __getitem__.");
    Call k{this, i, 0, nullptr};
    if (!gt_call_guarded(call_getitem, &k)) gt_throw("%s.__getitem__ raised an exception", def->cls.name);
    return k.item;
  }

  // dataset[i] of an object: its __getitem__'s fields, as tensors.
  Fields object_item(int64_t i, gt_list **keys = nullptr) const {
    return item_fields(object_at(i), "__getitem__", keys);
  }

  // dataset[i] as collate_fn= receives it (a new reference): an object's
  // __getitem__ result, a TensorDataset's tuple[Tensor, ...], another
  // library data set's pair.
  gt_obj *raw_item(int64_t i) const;

  // torchvision's ToTensor: img.to(float32).div(255); Normalize:
  // tensor.sub_(mean).div_(std). `raw` is uint8, 1xHxW or Nx1xHxW.
  at::Tensor transform(at::Tensor raw, c10::optional<at::Generator> gen = c10::nullopt) const {
    if (steps) return gtv::dataset_apply(*steps, raw, std::move(gen));
    at::Tensor t = raw.to(at::kFloat).div_(255);
    if (normalize) t.sub_(mean).div_(std);
    return t;
  }

  // The rows `idx` (int64, 1-D, on the CPU) stacked, as default_collate
  // stacks items: a fresh tensor, never a view of the data set. A random
  // transform draws from `gen` (none: the global generator).
  // Dict items give their keys' fields, the keys in *keys.
  Fields batch(const at::Tensor &idx, c10::optional<at::Generator> gen = c10::nullopt,
               gt_list **keys = nullptr) const {
    if (list) return {list_batch(idx)};
    if (def) {  // default_collate: each item's fields stacked
      std::vector<Fields> items;
      at::Tensor ixc = idx.to(at::kCPU).contiguous();
      const int64_t *p = ixc.data_ptr<int64_t>();
      for (int64_t k = 0; k < ixc.numel(); k++) add_item(items, object_item(p[k], keys));
      return stack_fields(items);
    }
    if (!tensors.empty()) {
      Fields r;
      for (const at::Tensor &t : tensors) r.push_back(t.index_select(0, idx.device() == t.device() ? idx : idx.to(t.device())));
      return r;
    }
    at::Tensor ix = idx.device() == x.device() ? idx : idx.to(x.device());
    at::Tensor iy = idx.device() == y.device() ? idx : idx.to(y.device());
    at::Tensor yb = y.index_select(0, iy);
    if (images && random) {
      // dataset[i] for each index in turn, then torch.stack.
      std::vector<at::Tensor> items;
      at::Tensor ixc = ix.to(at::kCPU).contiguous();
      const int64_t *p = ixc.data_ptr<int64_t>();
      for (int64_t k = 0; k < ixc.numel(); k++) items.push_back(transform(x.select(0, p[k]).unsqueeze(0), gen));
      return {at::stack(items, 0), yb};
    }
    at::Tensor xb = x.index_select(0, ix);
    if (images) xb = transform(xb.unsqueeze(1));
    return {xb, yb};
  }

  Fields item(int64_t i) const {
    int64_t n = size();
    if (i < -n || i >= n)
      gt_throw("index %lld is out of bounds for dimension 0 with size %lld", (long long)i, (long long)n);
    if (i < 0) i += n;
    // ds[i] of a Dataset (loader.dataset[i]) is typed a tuple of tensors,
    // where a plain list's item is the number, str or tensor itself.
    if (list)
      gt_throw("TypeError: dataset[i] of a DataLoader's list of numbers, strs or tensors: index the list itself "
               "(a Dataset's items are tuples of tensors)");
    if (def) return object_item(i);
    if (!tensors.empty()) {
      Fields r;
      for (const at::Tensor &t : tensors) r.push_back(t.select(0, i));
      return r;
    }
    if (images) return {transform(x.select(0, i).unsqueeze(0)), y.select(0, i)};
    return {x.select(0, i), y.select(0, i)};
  }
};

const char *const kFashionClasses[] = {"T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
                                       "Sandal",      "Shirt",   "Sneaker",  "Bag",   "Ankle boot"};
const char *const kMnistClasses[] = {"0 - zero", "1 - one", "2 - two",   "3 - three", "4 - four",
                                     "5 - five", "6 - six", "7 - seven", "8 - eight", "9 - nine"};

struct DatasetState {
  const char *name;                   // "FashionMNIST", "MNIST", "TensorDataset", "list"
  const char *const *classes = nullptr;
  Source src;
  gt_list *owned = nullptr;  // a plain list's reference (src.list borrows it)
  DatasetState() = default;
  DatasetState(const DatasetState &) = delete;
  DatasetState &operator=(const DatasetState &) = delete;
  ~DatasetState() { gt_release(owned); }
};

// ---- IDX files -------------------------------------------------------------------

bool is_file(const std::string &p) {
  struct stat st;
  return stat(p.c_str(), &st) == 0 && S_ISREG(st.st_mode);
}

bool is_dir(const std::string &p) {
  struct stat st;
  return stat(p.c_str(), &st) == 0 && S_ISDIR(st.st_mode);
}

bool ends_with(const std::string &s, const char *suffix) {
  size_t n = std::strlen(suffix);
  return s.size() >= n && s.compare(s.size() - n, n, suffix) == 0;
}

struct GzCloser {
  gzFile f;
  ~GzCloser() {
    if (f) gzclose_r(f);
  }
};

// zlib's description of the last failure on f.
std::string gz_message(gzFile f, const std::string &path) {
  int errnum = 0;
  const char *m = gzerror(f, &errnum);
  if (errnum == Z_ERRNO) return std::strerror(errno);
  if (!m || !*m) return "unknown zlib error";
  // zlib prefixes the path, which the callers' messages already name.
  std::string msg = m;
  if (msg.compare(0, path.size() + 2, path + ": ") == 0) msg.erase(0, path.size() + 2);
  return msg;
}

// Reads exactly n bytes; the text says what was being read when it fails.
void gz_read_exact(gzFile f, const std::string &path, const char *kind, void *buf, int64_t n,
                   const char *what) {
  auto *p = static_cast<unsigned char *>(buf);
  int64_t got = 0;
  while (got < n) {
    int64_t want = std::min<int64_t>(n - got, int64_t(1) << 30);
    int r = gzread(f, p + got, static_cast<unsigned>(want));
    if (r < 0) gt_throw("%s: %s is corrupt (bad gzip data: %s)", kind, path.c_str(), gz_message(f, path).c_str());
    if (r == 0) {
      int errnum = 0;
      gzerror(f, &errnum);
      if (errnum != Z_OK && errnum != Z_BUF_ERROR)
        gt_throw("%s: %s is corrupt (bad gzip data: %s)", kind, path.c_str(), gz_message(f, path).c_str());
      if (n <= 4) gt_throw("%s: %s is truncated: it ends %s", kind, path.c_str(), what);
      gt_throw("%s: %s is truncated: it ends %s (%lld of %lld bytes read)", kind, path.c_str(), what,
               (long long)got, (long long)n);
    }
    got += r;
  }
}

// An IDX file of unsigned bytes with `ndim` dimensions (magic 0x000008NN), as
// a uint8 tensor of the shape its header gives.
at::Tensor read_idx(const char *kind, const std::string &path, int ndim, const char *items) {
  struct stat st;
  if (stat(path.c_str(), &st) != 0) gt_throw("%s: cannot read %s: %s", kind, path.c_str(), std::strerror(errno));
  gzFile f = gzopen(path.c_str(), "rb");
  if (!f) gt_throw("%s: cannot open %s: %s", kind, path.c_str(), errno ? std::strerror(errno) : "out of memory");
  GzCloser closer{f};
  gzbuffer(f, 1 << 18);

  unsigned char head[4];
  gz_read_exact(f, path, kind, head, 4, "inside the IDX header");
  bool compressed = !gzdirect(f);
  if (ends_with(path, ".gz") && !compressed)
    gt_throw("%s: %s is corrupt: it is named .gz but is not gzip-compressed", kind, path.c_str());
  uint32_t magic = (uint32_t(head[0]) << 24) | (uint32_t(head[1]) << 16) | (uint32_t(head[2]) << 8) | head[3];
  uint32_t want = 0x800u | uint32_t(ndim);
  if (magic != want)
    gt_throw("%s: %s is corrupt or not an IDX file of %s: bad magic number 0x%08x (expected 0x%08x)", kind,
             path.c_str(), items, magic, want);

  std::vector<int64_t> dims(ndim);
  int64_t total = 1;
  for (int d = 0; d < ndim; d++) {
    unsigned char b[4];
    gz_read_exact(f, path, kind, b, 4, "inside the IDX header");
    dims[d] = (int64_t(b[0]) << 24) | (int64_t(b[1]) << 16) | (int64_t(b[2]) << 8) | int64_t(b[3]);
    if (d > 0 && dims[d] == 0) gt_throw("%s: %s is corrupt: dimension %d of its header is 0", kind, path.c_str(), d);
    if (dims[d] > 0 && total > (int64_t(1) << 40) / dims[d])
      gt_throw("%s: %s is corrupt: its header announces an impossibly large array", kind, path.c_str());
    total *= dims[d];
  }
  int64_t header = 4 + 4 * int64_t(ndim);
  // A header that announces more than the file can hold is corruption; say
  // so before allocating the memory it asks for.
  if (!compressed && header + total > int64_t(st.st_size))
    gt_throw("%s: %s is truncated: its header announces %lld %s (%lld bytes) but the file holds %lld bytes "
             "after the header", kind, path.c_str(), (long long)dims[0], items, (long long)total,
             (long long)(int64_t(st.st_size) - header));
  if (compressed && total > int64_t(st.st_size) * 1100 + (int64_t(1) << 20))
    gt_throw("%s: %s is corrupt: its header announces %lld %s (%lld bytes), more than a file of %lld "
             "compressed bytes can hold", kind, path.c_str(), (long long)dims[0], items, (long long)total,
             (long long)st.st_size);

  at::Tensor t = at::empty(dims, at::TensorOptions().dtype(at::kByte));
  std::string what = "before the " + std::to_string(dims[0]) + " " + items + " its header announces";
  gz_read_exact(f, path, kind, t.data_ptr<uint8_t>(), total, what.c_str());
  // Reading past the end checks the gzip trailer (CRC and length) too.
  unsigned char extra;
  int r = gzread(f, &extra, 1);
  if (r < 0) gt_throw("%s: %s is corrupt (bad gzip data: %s)", kind, path.c_str(), gz_message(f, path).c_str());
  if (r > 0)
    gt_throw("%s: %s is corrupt: it has data after the %lld %s its header announces", kind, path.c_str(),
             (long long)dims[0], items);
  int errnum = 0;
  gzerror(f, &errnum);
  if (errnum == Z_BUF_ERROR)
    gt_throw("%s: %s is truncated (unexpected end of the gzip stream)", kind, path.c_str());
  closer.f = nullptr;
  int rc = gzclose_r(f);
  if (rc != Z_OK) gt_throw("%s: %s is corrupt (bad gzip data, zlib error %d)", kind, path.c_str(), rc);
  return t;
}

// dir/base, uncompressed first (faster), else dir/base.gz; "" if neither.
std::string find_idx(const std::string &dir, const std::string &base) {
  if (is_file(dir + "/" + base)) return dir + "/" + base;
  if (is_file(dir + "/" + base + ".gz")) return dir + "/" + base + ".gz";
  return "";
}

std::string join_dir(std::string root) {
  while (root.size() > 1 && root.back() == '/') root.pop_back();
  return root;
}

DatasetState *load_mnist_like(const char *kind, const char *const *classes, const char *root_c, bool train,
                              double mean, double std) {
  if (!root_c || !*root_c) gt_throw("%s: root must name a directory, got an empty path", kind);
  std::string root = join_dir(root_c);
  const char *prefix = train ? "train" : "t10k";
  std::string img_base = std::string(prefix) + "-images-idx3-ubyte";
  std::string lbl_base = std::string(prefix) + "-labels-idx1-ubyte";
  std::string raw = root + "/" + kind + "/raw";

  std::string img, lbl;
  for (const std::string &dir : {root, raw}) {
    std::string i = find_idx(dir, img_base), l = find_idx(dir, lbl_base);
    if (!i.empty() && !l.empty()) {
      img = i;
      lbl = l;
      break;
    }
  }
  if (img.empty()) {
    const char *set = train ? "training" : "test";
    std::string why = " (no such directory)";
    if (is_dir(root)) {
      std::string i = find_idx(root, img_base), l = find_idx(root, lbl_base);
      why = !i.empty() ? " (it has " + i + " but no labels)" : !l.empty() ? " (it has " + l + " but no images)" : "";
    }
    std::string hint = std::strcmp(kind, "FashionMNIST") == 0
                           ? "Debian's package dataset-fashion-mnist installs them in /usr/share/datasets/fashion-mnist"
                           : "Debian's package dataset-fashion-mnist installs Fashion-MNIST's (the same format) in "
                             "/usr/share/datasets/fashion-mnist";
    gt_throw("%s: %s set not found in '%s'%s: looked for %s/%s.gz or %s/%s and %s/%s.gz or %s/%s, and the same "
             "under %s. %s",
             kind, set, root.c_str(), why.c_str(), root.c_str(), img_base.c_str(), root.c_str(), img_base.c_str(),
             root.c_str(), lbl_base.c_str(), root.c_str(), lbl_base.c_str(), raw.c_str(), hint.c_str());
  }

  bool normalize = !std::isnan(mean);
  at::Tensor mean_t, std_t;
  if (normalize) {
    if (std::isnan(std)) gt_throw("%s: a normalisation needs both mean and std", kind);
    mean_t = at::scalar_tensor(mean, at::kFloat);
    std_t = at::scalar_tensor(std, at::kFloat);
    if (std_t.item<float>() == 0.0f)
      gt_throw("%s: std evaluated to zero after conversion to torch.float32, leading to division by zero.", kind);
  }

  at::Tensor data = read_idx(kind, img, 3, "images");
  at::Tensor labels = read_idx(kind, lbl, 1, "labels");
  if (data.size(0) != labels.size(0))
    gt_throw("%s: %s has %lld images but %s has %lld labels", kind, img.c_str(), (long long)data.size(0),
             lbl.c_str(), (long long)labels.size(0));

  auto *s = new DatasetState();
  s->name = kind;
  s->classes = classes;
  s->src.images = true;
  s->src.x = data;
  s->src.y = labels.to(at::kLong);
  s->src.normalize = normalize;
  s->src.mean = mean_t;
  s->src.std = std_t;
  return s;
}

}  // namespace

// ---- handles -----------------------------------------------------------------------

struct gt_dataset {
  gt_obj h;
  DatasetState *s;
};

struct gt_loader {
  gt_obj h;
  gt_dataset *ds;  // a reference
  int64_t batch_size, num_workers;
  bool shuffle, drop_last;
  gt_generator *gen, *order_gen;  // generator= and the sampler's: references, or NULL
  gt_fn *collate;                 // collate_fn=: a reference, or NULL (default_collate)
  // A sampler with indices of its own (gt_loader_set_order): a reference,
  // the pass's order it makes, and how many it gives; NULL: the data set's.
  gt_obj *sampler;
  gt_tensor *(*order)(gt_obj *sampler);
  int64_t order_len;
};

namespace {

// RandomSampler.__iter__: torch.randperm(n, generator=g) where the sampler
// has a generator; else seed = torch.empty((), dtype=torch.int64).random_()
// from the global generator, then torch.randperm(n) of a Generator seeded
// with it.
at::Tensor random_order(int64_t n, c10::optional<at::Generator> g) {
  if (!g) {
    int64_t seed = at::empty({}, at::TensorOptions().dtype(at::kLong)).random_().item<int64_t>();
    g = at::make_generator<at::CPUGeneratorImpl>();
    std::lock_guard<std::mutex> lock(g->mutex());
    g->set_current_seed(static_cast<uint64_t>(seed));
  }
  return at::randperm(n, g, at::TensorOptions().dtype(at::kLong));
}

// get_worker_info()'s answers while worker w's generator of an
// IterableDataset runs (on the iterating thread): id -1 is no worker.
thread_local int64_t t_worker_id = -1, t_worker_count = 0, t_worker_seed = 0;

struct WorkerScope {
  int64_t id, count, seed;
  WorkerScope(int64_t w, int64_t n, int64_t s) : id(t_worker_id), count(t_worker_count), seed(t_worker_seed) {
    t_worker_id = w;
    t_worker_count = n;
    t_worker_seed = s;
  }
  ~WorkerScope() {
    t_worker_id = id;
    t_worker_count = count;
    t_worker_seed = seed;
  }
};

// __iter__ and the generator's next are the program's code, called as
// Source::Call's are (gt_call_guarded).
struct GenCall {
  const gt_dataset_def *def;
  gt_obj *object;
  gt_gen *gen;
  gt_val item;
  bool got;
};
void call_iter(void *p) {
  auto *k = static_cast<GenCall *>(p);
  k->gen = k->def->iter(k->object);
}
void call_next(void *p) {
  auto *k = static_cast<GenCall *>(p);
  k->got = gt_gen_next(k->gen, &k->item);
}

struct Batch {
  Fields fields;
  std::string error;  // non-empty: making it failed
};

// One pass over a loader: the order of the items and, with workers, the
// threads that make the batches ahead of the consumer.
struct IterState {
  Source src;
  int64_t n = 0, batch_size = 1, nbatches = 0;
  bool shuffle = false, drop_last = false;
  bool order_ready = false;
  c10::optional<at::Generator> order_gen;  // RandomSampler's generator=
  bool spent = false;                      // its last draw made (sampler_asked_for)
  int64_t ahead_asked = 0;                 // 2 * num_workers: the batches PyTorch's iterator asks ahead
  at::Tensor order;  // int64 1-D: the sampler's indices
  int64_t next = 0;  // the next batch to hand out

  // Workers (num_workers > 0).
  std::vector<std::thread> threads;
  std::mutex mu;
  std::condition_variable want_work, have_batch;
  std::map<int64_t, Batch> ready;
  int64_t claimed = 0, ahead = 0;
  bool stop = false;
  bool grad_mode = true;
  int64_t base_seed = 0;  // _BaseDataLoaderIter's _base_seed

  // An IterableDataset's pass: one generator per worker (one without
  // workers), each over the whole data set as in PyTorch's worker
  // processes, their batches taken in turn (_try_put_index's cycle), one
  // that has ended skipped. References; NULL once ended.
  std::vector<gt_gen *> gens;
  size_t turn = 0;
  int64_t workers = 0;

  // Runs a step of worker w's generator: as that worker (its
  // get_worker_info() and its generators) where there are workers.
  template <class F>
  void as_iterating(size_t w, F &&step) {
    if (workers == 0) return step();
    in_worker(static_cast<int64_t>(w), workers, step);
  }

  void start_iterable(int64_t nworkers) {
    workers = nworkers;
    for (int64_t w = 0; w < std::max<int64_t>(nworkers, 1); w++) {
      GenCall k{src.def, src.object, nullptr, {}, false};
      bool ok = true;
      as_iterating(static_cast<size_t>(w), [&] { ok = gt_call_guarded(call_iter, &k); });
      if (!ok) gt_throw("%s.__iter__ raised an exception", src.def->cls.name);
      gens.push_back(k.gen);
    }
  }

  // Worker w's next item (a new reference): false at its end.
  bool next_object(size_t w, gt_obj **item) {
    GenCall k{src.def, src.object, gens[w], {}, false};
    bool ok = true;
    as_iterating(w, [&] { ok = gt_call_guarded(call_next, &k); });
    if (!ok) gt_throw("%s.__iter__ raised an exception", src.def->cls.name);
    if (k.got) *item = static_cast<gt_obj *>(k.item.p);
    return k.got;
  }

  // Items a batch leaves out (a short one with drop_last): tensors go by
  // themselves, the raw objects a collate_fn would get are released.
  static void discard(std::vector<Fields> &items) { items.clear(); }
  static void discard(std::vector<gt_obj *> &items) {
    for (gt_obj *o : items) gt_release(o);
    items.clear();
  }

  // _IterableDatasetFetcher.fetch from the workers in turn: batch_size
  // items, fewer at a generator's end (none, or fewer with drop_last: that
  // worker is done), each as `take` gives it (as tensors, or raw objects).
  template <class Item, class Take>
  bool take_iterable_items(std::vector<Item> &items, Take take) {
    while (std::any_of(gens.begin(), gens.end(), [](gt_gen *g) { return g != nullptr; })) {
      size_t w = turn++ % gens.size();
      if (!gens[w]) continue;
      discard(items);
      gt_obj *o = nullptr;
      while (static_cast<int64_t>(items.size()) < batch_size && next_object(w, &o)) take(items, o);
      if (static_cast<int64_t>(items.size()) < batch_size) {
        gt_release(gens[w]);
        gens[w] = nullptr;
      }
      if (items.empty() || (drop_last && static_cast<int64_t>(items.size()) < batch_size)) continue;
      return true;
    }
    return false;
  }

  int take_iterable(Fields &out, gt_list **keys) {
    std::vector<Fields> items;
    auto fields = [&](std::vector<Fields> &into, gt_obj *o) {
      add_item(into, src.item_fields(o, "__iter__", keys));
    };
    if (!take_iterable_items(items, fields)) return 0;
    out = stack_fields(items);
    return 1;
  }

  // RandomSampler.__iter__ (random_order). SequentialSampler draws nothing;
  // a sampler of its own indices draws what it draws (sampler_order).
  gt_obj *sampler = nullptr;  // the loader's, borrowed: the iterator holds the loader
  gt_tensor *(*sampler_order)(gt_obj *) = nullptr;
  void make_order() {
    if (order_ready) return;
    if (sampler) {
      gt_tensor *o = sampler_order(sampler);
      if (!o) gt_throw("%s", gt_last_error());
      order = U(o).to(at::kLong).contiguous();
      gt_release(o);
      n = order.numel();
    } else if (shuffle) {
      order = random_order(n, order_gen);
    } else {
      order = at::arange(n, at::TensorOptions().dtype(at::kLong));
    }
    order_ready = true;
  }

  at::Tensor batch_indices(int64_t b) const {
    int64_t start = b * batch_size;
    return order.narrow(0, start, std::min(batch_size, n - start));
  }

  Fields make_batch(int64_t b, c10::optional<at::Generator> gen = c10::nullopt, gt_list **keys = nullptr) const {
    return src.batch(batch_indices(b), std::move(gen), keys);
  }

  // num_workers > 0 where the batches are made on the iterating thread (an
  // object's __getitem__, a Lambda, a collate_fn): each is made as
  // PyTorch's worker b % num_workers makes it, drawing from that worker's
  // torch and random generators, seeded base_seed + w (_worker_loop's
  // torch.manual_seed and random.seed), which are swapped in around it.
  int64_t caller_workers = 0;
  struct WorkerRng {
    at::Tensor torch_state;
    gt_mt *mt = nullptr;
  };
  std::vector<WorkerRng> rngs;

  struct SwappedIn {
    at::Generator main = at::detail::getDefaultCPUGenerator();
    at::Tensor saved;
    WorkerRng *rng;
    gt_mt *module_mt = gt_random_module_mt();
    SwappedIn(WorkerRng *r) : rng(r) {
      std::lock_guard<std::mutex> lock(main.mutex());
      saved = main.get_state();
      main.set_state(rng->torch_state);
      if (module_mt) gt_mt_swap(module_mt, rng->mt);
    }
    ~SwappedIn() {
      std::lock_guard<std::mutex> lock(main.mutex());
      rng->torch_state = main.get_state();
      main.set_state(saved);
      if (module_mt) gt_mt_swap(module_mt, rng->mt);
    }
  };

  // Runs make as worker w of nworkers: get_worker_info() gives it, and
  // it draws from that worker's generators.
  template <class F>
  void in_worker(int64_t w, int64_t nworkers, F &&make) {
    if (rngs.size() < static_cast<size_t>(nworkers)) rngs.resize(static_cast<size_t>(nworkers));
    WorkerRng &r = rngs[static_cast<size_t>(w)];
    int64_t seed = base_seed + w;
    if (!r.mt) {
      r.torch_state = at::make_generator<at::CPUGeneratorImpl>(static_cast<uint64_t>(seed)).get_state();
      r.mt = gt_mt_new();
      gt_mt_seed(r.mt, seed);
    }
    WorkerScope scope(w, nworkers, seed);
    SwappedIn in(&r);
    make();
  }

  template <class F>
  void as_worker(int64_t b, F &&make) {
    if (caller_workers == 0) return make();
    in_worker(b % caller_workers, caller_workers, make);
  }

  // Worker w of `workers`. A random transform runs as in PyTorch's worker
  // processes: worker w makes batches w, w + workers, ... (the iterator
  // hands indices out round-robin) and draws from its own generator,
  // seeded base_seed + w (torch.manual_seed in _worker_loop). Otherwise
  // the batches go to whichever worker is free.
  void work(int64_t w, int64_t workers) {
    at::AutoGradMode mode(grad_mode);
    c10::optional<at::Generator> gen;
    if (src.random) {
      gen = at::make_generator<at::CPUGeneratorImpl>();
      std::lock_guard<std::mutex> lock(gen->mutex());
      gen->set_current_seed(static_cast<uint64_t>(base_seed) + static_cast<uint64_t>(w));
    }
    int64_t mine = w;  // the next of this worker's batches (random transforms)
    for (;;) {
      int64_t b;
      {
        std::unique_lock<std::mutex> lock(mu);
        if (src.random) {
          want_work.wait(lock, [&] { return stop || mine >= nbatches || mine < next + ahead; });
          if (stop || mine >= nbatches) return;
          b = mine;
          mine += workers;
        } else {
          want_work.wait(lock, [&] { return stop || claimed >= nbatches || claimed < next + ahead; });
          if (stop || claimed >= nbatches) return;
          b = claimed++;
        }
      }
      Batch r;
      try {
        r.fields = make_batch(b, gen);
      } catch (const c10::Error &e) {
        r.error = e.what_without_backtrace();
      } catch (const std::exception &e) {
        r.error = e.what();
      } catch (...) {
        r.error = "unknown C++ exception";
      }
      {
        std::lock_guard<std::mutex> lock(mu);
        ready.emplace(b, std::move(r));
      }
      have_batch.notify_all();
    }
  }

  void start(int64_t workers) {
    ahead = 2 * workers;
    grad_mode = at::GradMode::is_enabled();
    int64_t nthreads = std::min<int64_t>(workers, std::max<int64_t>(nbatches, 1));
    for (int64_t i = 0; i < nthreads; i++) threads.emplace_back([this, i, workers] { work(i, workers); });
  }

  void join() {
    {
      std::lock_guard<std::mutex> lock(mu);
      stop = true;
    }
    want_work.notify_all();
    for (auto &t : threads)
      if (t.joinable()) t.join();
    threads.clear();
  }

  ~IterState() {
    join();
    for (gt_gen *g : gens) gt_release(g);
    for (WorkerRng &r : rngs)
      if (r.mt) gt_release(r.mt);
  }

  // 1 and the batch, 0 at the end; throws on a failed batch.
  // RandomSampler.__iter__ with a generator ends with one more
  // `torch.randperm(n, generator=generator).tolist()[:num_samples % n]`,
  // an empty slice that draws all the same, where the sampler is
  // exhausted: as the batch sampler makes a short last batch, or tries to
  // make one past the last. b: the last batch the loader has asked the
  // sampler for (with workers, PyTorch's iterator asks prefetch_factor *
  // num_workers batches ahead). Without a generator the sampler draws from
  // a generator of its own, which nothing sees.
  void sampler_asked_for(int64_t b) {
    bool short_last = n % batch_size != 0 && !drop_last;
    if (!shuffle || !order_gen || spent || b < (short_last ? nbatches - 1 : nbatches)) return;
    at::randperm(n, order_gen, at::TensorOptions().dtype(at::kLong));
    spent = true;
  }

  // The next batch on this thread (no workers): its index, -1 at the end.
  int64_t next_here() {
    if (!order_ready) make_order();
    sampler_asked_for(next + ahead_asked);
    if (next >= nbatches) return -1;
    return next++;
  }

  // The items of the next batch as collate_fn= receives them, new
  // references; false at the end.
  bool take_objects(std::vector<gt_obj *> &items) {
    auto keep = [](std::vector<gt_obj *> &into, gt_obj *o) { into.push_back(o); };
    if (src.iterable()) return take_iterable_items(items, keep);
    int64_t b = next_here();
    if (b < 0) return false;
    at::Tensor idx = batch_indices(b).contiguous();
    const int64_t *p = idx.data_ptr<int64_t>();
    as_worker(b, [&] {
      for (int64_t k = 0; k < idx.numel(); k++) items.push_back(src.raw_item(p[k]));
    });
    return true;
  }

  // The next batch of a plain list as the list of its items (list_items),
  // on this thread; NULL at the end.
  gt_list *take_list() {
    int64_t b = next_here();
    if (b < 0) return nullptr;
    return src.list_items(batch_indices(b));
  }

  // keys: where the items are dicts, their keys (a new list, the batch's
  // fields in their order); NULL to have dicts refused.
  int take(Fields &out, gt_list **keys = nullptr) {
    if (src.iterable()) return take_iterable(out, keys);
    if (threads.empty()) {
      int64_t b = next_here();
      if (b < 0) return 0;
      as_worker(b, [&] { out = make_batch(b, c10::nullopt, keys); });
      return 1;
    }
    Batch r;
    {
      std::unique_lock<std::mutex> lock(mu);
      sampler_asked_for(next + ahead_asked);
      if (next >= nbatches) return 0;
      have_batch.wait(lock, [&] { return ready.count(next) != 0; });
      auto it = ready.find(next);
      r = std::move(it->second);
      ready.erase(it);
      next++;
    }
    want_work.notify_all();
    if (!r.error.empty()) throw std::runtime_error(r.error);
    out = std::move(r.fields);
    return 1;
  }
};

}  // namespace

struct gt_loader_iter {
  gt_obj h;
  gt_loader *loader;  // a reference
  IterState *s;
};

namespace {

void dataset_drop(gt_obj *o) {
  auto *d = reinterpret_cast<gt_dataset *>(o);
  delete d->s;
  d->s = nullptr;
}

void loader_drop(gt_obj *o) {
  auto *l = reinterpret_cast<gt_loader *>(o);
  gt_release(l->ds);
  gt_release(l->gen);
  gt_release(l->order_gen);
  gt_release(l->collate);
  gt_release(l->sampler);
  l->sampler = nullptr;
  l->ds = nullptr;
  l->gen = l->order_gen = nullptr;
  l->collate = nullptr;
}

void iter_drop(gt_obj *o) {
  auto *it = reinterpret_cast<gt_loader_iter *>(o);
  delete it->s;  // joins the workers
  it->s = nullptr;
  gt_release(it->loader);
  it->loader = nullptr;
}

gt_dataset *wrap_dataset(DatasetState *s) {
  auto *d = static_cast<gt_dataset *>(gt_alloc(sizeof(gt_dataset), &gt_dataset_class));
  if (!d) {
    delete s;
    throw std::bad_alloc();
  }
  d->s = s;
  return d;
}

// A .gtp Dataset subclass's object gets its state at first use: its
// class object's len and getitem as the source.
DatasetState &DS(gt_dataset *d) {
  if (!d) throw std::invalid_argument("expected a Dataset, got None");
  if (!d->s && d->h.cls != &gt_dataset_class) {
    auto *s = new DatasetState();
    s->name = d->h.cls->name;
    s->src.object = &d->h;
    s->src.def = reinterpret_cast<const gt_dataset_def *>(d->h.cls);
    d->s = s;
  }
  if (!d->s) throw std::invalid_argument("expected a Dataset, got None");
  return *d->s;
}

gt_loader &LD(gt_loader *l) {
  if (!l || !l->ds) throw std::invalid_argument("expected a DataLoader, got None");
  return *l;
}

int64_t loader_len(const gt_loader &l) {
  int64_t n = l.sampler ? l.order_len : DS(l.ds).src.size();
  return l.drop_last ? n / l.batch_size : (n + l.batch_size - 1) / l.batch_size;
}

}  // namespace

namespace {
// A class with a name and a drop, every other slot empty (whatever gt_class holds).
gt_class make_class(const char *name, void (*drop)(gt_obj *)) {
  gt_class c{};
  c.name = name;
  c.drop = drop;
  return c;
}
}  // namespace

extern "C" const gt_class gt_dataset_class = make_class("Dataset", dataset_drop);
extern "C" const gt_class gt_loader_class = make_class("DataLoader", loader_drop);
extern "C" const gt_class gt_loader_iter_class = make_class("DataLoaderIterator", iter_drop);

// ---- data sets -------------------------------------------------------------------------

extern "C" gt_dataset *gt_data_FashionMNIST(const char *root, bool train, double mean, double std) {
  return GT_VALUE(gt_dataset *, nullptr,
                  wrap_dataset(load_mnist_like("FashionMNIST", kFashionClasses, root, train, mean, std)));
}

extern "C" gt_dataset *gt_data_MNIST(const char *root, bool train, double mean, double std) {
  return GT_VALUE(gt_dataset *, nullptr, wrap_dataset(load_mnist_like("MNIST", kMnistClasses, root, train, mean, std)));
}

// DataLoader(items) of a list of tuples or dicts (PyTorch takes any sequence
// as a map-style data set): item i is items[i] itself, the list shared.
namespace {
struct ListDataset {
  gt_dataset_head head;
  gt_list *items;
};

int64_t list_dataset_len(gt_obj *self) { return reinterpret_cast<ListDataset *>(self)->items->len; }

gt_obj *list_dataset_item(gt_obj *self, int64_t i) {
  gt_list *l = reinterpret_cast<ListDataset *>(self)->items;
  if (i < 0 || i >= l->len) return nullptr;  // a sampler asks for no other index
  return static_cast<gt_obj *>(gt_retain(l->items[i].p));
}

void list_dataset_drop(gt_obj *self) {
  auto *d = reinterpret_cast<ListDataset *>(self);
  gt_dataset_head_drop(&d->head);
  gt_release(d->items);
}

const gt_dataset_def list_dataset_def = {
    {"list", list_dataset_drop, nullptr, nullptr, nullptr, nullptr, nullptr}, list_dataset_len, list_dataset_item,
    nullptr};
}  // namespace

// A list of numbers, strs or tensors: a data set of the runtime's, its
// items read from the list (Source::list), so that default_collate makes
// tensors of them and worker threads may make batches.
static gt_dataset *plain_list_dataset(gt_list *l, const gt_type *elem) {
  auto s = std::make_unique<DatasetState>();
  s->name = "list";
  s->owned = static_cast<gt_list *>(gt_retain(l));
  s->src.list = l;
  s->src.elem = elem;
  for (int64_t i = 0; gt_type_is_ref(elem) && i < l->len; i++) s->src.list_value(i);  // no None, tensors only
  return wrap_dataset(s.release());
}

extern "C" gt_dataset *gt_data_list_dataset(gt_val items, const gt_type *t) {
  return GT_VALUE(gt_dataset *, nullptr, ([&]() -> gt_dataset * {
    auto *l = static_cast<gt_list *>(items.p);
    if (!l) gt_throw("TypeError: a DataLoader's data set is None");
    if (t->kind != GT_K_LIST) gt_throw("TypeError: a DataLoader's data set of this type is not a list");
    switch (t->args[0]->kind) {
      case GT_K_TUPLE: case GT_K_DICT: break;
      case GT_K_INT: case GT_K_FLOAT: case GT_K_BOOL: case GT_K_STR: case GT_K_OBJ:
        return plain_list_dataset(l, t->args[0]);
      default:
        gt_throw("TypeError: a list is a DataLoader's data set where its items are tuples, dicts, numbers, strs "
                 "or tensors");
    }
    for (int64_t i = 0; i < l->len; i++)
      if (!l->items[i].p) gt_throw("TypeError: item %lld of the data set's list is None", (long long)i);
    auto *d = static_cast<ListDataset *>(gt_alloc(sizeof(ListDataset), &list_dataset_def.cls));
    d->items = static_cast<gt_list *>(gt_retain(l));
    return reinterpret_cast<gt_dataset *>(d);
  }()));
}

extern "C" gt_dataset *gt_data_TensorDataset_n(gt_tensor *const *tensors, int64_t n) {
  return GT_VALUE(gt_dataset *, nullptr, ([&] {
    if (n <= 0 || !tensors) gt_throw("IndexError: TensorDataset() needs at least one tensor");
    auto s = std::make_unique<DatasetState>();
    s->name = "TensorDataset";
    for (int64_t i = 0; i < n; i++) {
      const at::Tensor &t = U(tensors[i]);
      if (t.dim() == 0)
        gt_throw("TensorDataset: tensors need at least one dimension (the items), got a 0-dim tensor");
      int64_t rows = U(tensors[0]).size(0);
      if (t.size(0) != rows)
        gt_throw("TensorDataset: size mismatch between tensors: the first has %lld rows (size(0)), tensor %lld "
                 "has %lld", (long long)rows, (long long)i, (long long)t.size(0));
      s->src.tensors.push_back(t);
    }
    return wrap_dataset(s.release());
  }()));
}

extern "C" gt_dataset *gt_data_TensorDataset(gt_tensor *x, gt_tensor *y) {
  gt_tensor *pair[] = {x, y};
  return gt_data_TensorDataset_n(pair, 2);
}

// Tensors as a tuple[Tensor, ...].
static gt_tuple *tensor_tuple(const Fields &f) {
  std::vector<gt_val> items;
  for (const at::Tensor &t : f) items.push_back(gt_vp(gt_wrap(t)));
  gt_tuple *r = gt_tuple_of_elems(&gt_t_tensor, static_cast<int64_t>(items.size()), items.data());
  for (gt_val v : items) gt_release(v.p);
  return r;
}

namespace {
gt_obj *Source::raw_item(int64_t i) const {
  if (def) return object_at(i);
  Fields f = item(i);
  if (!tensors.empty()) return &tensor_tuple(f)->h;
  return &gt_wrap_pair(std::make_tuple(f[0], f[1]))->h;
}
}  // namespace

// dataset[i] of a TensorDataset: a row of each of its tensors.
extern "C" gt_tuple *gt_dataset_getitem_n(gt_dataset *d, int64_t i) {
  return GT_VALUE(gt_tuple *, nullptr, tensor_tuple(DS(d).src.item(i)));
}

// dataset[a:b] of a TensorDataset: each tensor's rows a:b, as PyTorch's
// tuple(tensor[index] for tensor in self.tensors).
extern "C" gt_tuple *gt_dataset_getitem_slice(gt_dataset *d, const gt_index *idx, int64_t n) {
  return GT_VALUE(gt_tuple *, nullptr, ([&] {
    const DatasetState &s = DS(d);
    if (s.src.tensors.empty()) gt_throw("TypeError: '%s' object cannot be sliced", s.name);
    Fields rows;
    for (const at::Tensor &t : s.src.tensors) rows.push_back(t.index(gt_subscript(idx, n)));
    return tensor_tuple(rows);
  }()));
}

extern "C" gt_tuple *gt_dataset_tensors(gt_dataset *d) {
  return GT_VALUE(gt_tuple *, nullptr, ([&] {
    const DatasetState &s = DS(d);
    if (s.src.tensors.empty()) gt_throw("AttributeError: '%s' object has no attribute 'tensors'", s.name);
    return tensor_tuple(s.src.tensors);
  }()));
}

extern "C" void gt_dataset_head_drop(gt_dataset_head *h) {
  delete static_cast<DatasetState *>(h->state);
  h->state = nullptr;
}

extern "C" int64_t gt_dataset_len(gt_dataset *d) { return GT_VALUE(int64_t, -1, DS(d).src.size()); }

// An item of a data set seen as a Dataset of pairs (dataset[i] of a value
// typed Dataset, gt_loader_next): a program's items of other lengths are
// the TypeError that says so.
static Fields pair_of(gt_dataset *d, Fields f, const char *what) {
  if (f.size() != 2)
    gt_throw("TypeError: %s of %s: its items are tuples of %zu, where a pair (of a Dataset) is expected", what,
             DS(d).name, f.size());
  return f;
}

extern "C" gt_tuple *gt_dataset_getitem(gt_dataset *d, int64_t i) {
  return GT_VALUE(gt_tuple *, nullptr, ([&] {
    Fields xy = pair_of(d, DS(d).src.item(i), "dataset[i]");
    return gt_wrap_pair(std::make_tuple(xy[0], xy[1]));
  }()));
}

extern "C" int gt_dataset_item(gt_dataset *d, int64_t i, gt_tensor **x, gt_tensor **y) {
  return GT_VALUE(int, -1, ([&] {
    if (!x || !y) gt_throw("gt_dataset_item: NULL output pointer");
    Fields xy = pair_of(d, DS(d).src.item(i), "dataset[i]");
    gt_tensor *hx = gt_wrap(xy[0]);
    gt_tensor *hy = gt_wrap(xy[1]);
    *x = hx;
    *y = hy;
    return 0;
  }()));
}

// .data and .targets of a data set of the runtime's (a .gtp Dataset has
// none but the fields it sets itself).
static const at::Tensor &own_tensor(gt_dataset *d, bool data) {
  DatasetState &s = DS(d);
  if (s.src.def || (!data && s.src.tensors.size() == 1))
    gt_throw("AttributeError: '%s' object has no attribute '%s'", s.name, data ? "data" : "targets");
  if (!s.src.tensors.empty()) return s.src.tensors[data ? 0 : 1];
  return data ? s.src.x : s.src.y;
}

extern "C" gt_tensor *gt_dataset_data(gt_dataset *d) { return GT_TENSOR(own_tensor(d, true)); }
extern "C" gt_tensor *gt_dataset_targets(gt_dataset *d) { return GT_TENSOR(own_tensor(d, false)); }

extern "C" gt_list *gt_dataset_classes(gt_dataset *d) {
  return GT_VALUE(gt_list *, nullptr, ([&] {
    DatasetState &s = DS(d);
    if (!s.classes) gt_throw("'%s' object has no attribute 'classes'", s.name);
    gt_list *l = gt_list_new(&gt_t_list_str, 10);
    for (int i = 0; i < 10; i++) {
      gt_val v;
      v.p = gt_str_from_cstr(s.classes[i]);
      gt_list_append(l, v);  // the list retains
      gt_release(v.p);
    }
    return l;
  }()));
}

extern "C" const char *gt_dataset_name(gt_dataset *d) { return d && d->s ? d->s->name : nullptr; }

extern "C" int gt_tv_dataset_set_transform(gt_dataset *d, const gt_transform *t) {
  return GT_STATUS(([&] {
    DatasetState &s = DS(d);
    if (!s.src.images) gt_throw("%s: a transform applies to the images of an image data set", s.name);
    s.src.steps = gtv::steps_of(t);
    s.src.on_caller = gtv::calls_program(*s.src.steps);
    s.src.random = gtv::is_random(*s.src.steps) || s.src.on_caller;
    s.src.normalize = false;
  }()));
}

// ---- loaders -------------------------------------------------------------------------------

extern "C" gt_loader *gt_DataLoader(gt_dataset *dataset, int64_t batch_size, bool shuffle, bool drop_last,
                                    int64_t num_workers) {
  return GT_VALUE(gt_loader *, nullptr, ([&] {
    DatasetState &s = DS(dataset);
    if (batch_size == GT_NONE_INT) gt_throw("DataLoader: batch_size=None (no automatic batching) is not supported");
    if (batch_size <= 0)
      gt_throw("batch_size should be a positive integer value, but got batch_size=%lld", (long long)batch_size);
    if (num_workers < 0)
      gt_throw("num_workers option should be non-negative; use num_workers=0 to disable multiprocessing.");
    if (shuffle && s.src.iterable())
      gt_throw("ValueError: DataLoader with IterableDataset: expected unspecified shuffle option, but got "
               "shuffle=True");
    if (shuffle && s.src.size() <= 0)
      gt_throw("ValueError: num_samples should be a positive integer value, but got num_samples=%lld",
               (long long)s.src.size());
    auto *l = static_cast<gt_loader *>(gt_alloc(sizeof(gt_loader), &gt_loader_class));
    if (!l) throw std::bad_alloc();
    l->ds = static_cast<gt_dataset *>(gt_retain(dataset));
    l->batch_size = batch_size;
    l->num_workers = num_workers;
    l->shuffle = shuffle;
    l->drop_last = drop_last;
    l->gen = l->order_gen = nullptr;
    l->collate = nullptr;
    l->sampler = nullptr;
    l->order = nullptr;
    l->order_len = 0;
    return l;
  }()));
}

extern "C" int gt_loader_set_collate(gt_loader *l, gt_fn *collate) {
  return GT_STATUS(([&] {
    gt_loader &L = LD(l);
    gt_release(L.collate);
    L.collate = static_cast<gt_fn *>(gt_retain(collate));
  }()));
}

extern "C" int gt_loader_set_generators(gt_loader *l, gt_generator *g, gt_generator *order) {
  return GT_STATUS(([&] {
    gt_loader &L = LD(l);
    gt_release(L.gen);
    gt_release(L.order_gen);
    L.gen = static_cast<gt_generator *>(gt_retain(g));
    L.order_gen = static_cast<gt_generator *>(gt_retain(order));
  }()));
}

extern "C" int gt_loader_set_order(gt_loader *l, gt_obj *sampler, gt_tensor *(*order)(gt_obj *sampler),
                                   int64_t len) {
  return GT_STATUS(([&] {
    gt_loader &L = LD(l);
    gt_release(L.sampler);
    L.sampler = static_cast<gt_obj *>(gt_retain(sampler));
    L.order = order;
    L.order_len = len;
  }()));
}

extern "C" int64_t gt_loader_len(gt_loader *l) { return GT_VALUE(int64_t, -1, loader_len(LD(l))); }

extern "C" gt_dataset *gt_loader_dataset(gt_loader *l) {
  return GT_VALUE(gt_dataset *, nullptr, static_cast<gt_dataset *>(gt_retain(LD(l).ds)));
}

extern "C" int64_t gt_loader_batch_size(gt_loader *l) { return GT_VALUE(int64_t, -1, LD(l).batch_size); }

extern "C" gt_loader_iter *gt_loader_iter_iter(gt_loader_iter *it) { return static_cast<gt_loader_iter *>(gt_retain(it)); }

extern "C" gt_loader_iter *gt_loader_iter_new(gt_loader *l) {
  return GT_VALUE(gt_loader_iter *, nullptr, ([&] {
    gt_loader &L = LD(l);
    auto st = std::make_unique<IterState>();
    st->src = DS(L.ds).src;
    st->n = st->src.iterable() ? 0 : L.sampler ? L.order_len : st->src.size();
    st->sampler = L.sampler;
    st->sampler_order = L.order;
    st->batch_size = L.batch_size;
    st->shuffle = L.shuffle;
    st->drop_last = L.drop_last;
    st->nbatches = st->src.iterable() ? 0 : loader_len(L);
    st->order_gen = gt_generator_opt(L.order_gen);
    st->ahead_asked = 2 * L.num_workers;  // prefetch_factor's default
    // _BaseDataLoaderIter.__init__: _base_seed = torch.empty((),
    // dtype=torch.int64).random_(generator=loader.generator).item(), drawn
    // whether or not the loader shuffles.
    st->base_seed =
        at::empty({}, at::TensorOptions().dtype(at::kLong)).random_(gt_generator_opt(L.gen)).item<int64_t>();
    if (st->src.iterable()) st->start_iterable(L.num_workers);
    // an object's __getitem__, a Lambda and a collate_fn run on this
    // thread, and strs are batched as the list's own handles
    if (L.num_workers > 0 && !st->src.def && !st->src.on_caller && !L.collate && !st->src.strs()) {
      // The multi-process iterator fetches its first indices at once, so
      // the sampler draws its seed here; the single-process one draws it
      // at the first next().
      st->make_order();
      st->src.copy_list();
      st->start(L.num_workers);
    } else if (!st->src.iterable()) {
      st->caller_workers = L.num_workers;
    }
    auto *it = static_cast<gt_loader_iter *>(gt_alloc(sizeof(gt_loader_iter), &gt_loader_iter_class));
    if (!it) throw std::bad_alloc();
    it->loader = static_cast<gt_loader *>(gt_retain(l));
    it->s = st.release();
    return it;
  }()));
}

extern "C" int gt_loader_next(gt_loader_iter *it, gt_tensor **x, gt_tensor **y) {
  return GT_VALUE(int, -1, ([&] {
    if (!it || !it->s) gt_throw("expected a DataLoader iterator, got None");
    if (!x || !y) gt_throw("gt_loader_next: NULL output pointer");
    Fields batch;
    if (it->s->take(batch) == 0) return 0;
    batch = pair_of(it->loader->ds, std::move(batch), "a batch");
    gt_tensor *hx = gt_wrap(std::move(batch[0]));
    gt_tensor *hy = gt_wrap(std::move(batch[1]));
    *x = hx;
    *y = hy;
    return 1;
  }()));
}

namespace {

const gt_type *const kStrTensor[] = {&gt_t_str, &gt_t_tensor};
const gt_type kDictStrTensor = {GT_K_DICT, 2, kStrTensor, nullptr};

// default_collate of dict items: {key: the key's values stacked}.
gt_dict *dict_batch(const gt_list *keys, const Fields &fields) {
  gt_dict *d = gt_dict_new(&kDictStrTensor);
  for (int64_t k = 0; k < keys->len; k++) {
    gt_tensor *t = gt_wrap(fields[static_cast<size_t>(k)]);
    gt_dict_set(d, keys->items[k], gt_vp(t));
    gt_release(t);
  }
  return d;
}

// collate_fn(items) is the program's code, called as __getitem__ is.
struct CollateCall {
  gt_fn *fn;
  gt_list *items;
  gt_obj *result;
};
void call_collate(void *p) {
  auto *k = static_cast<CollateCall *>(p);
  k->result = reinterpret_cast<gt_obj *(*)(gt_fn *, gt_list *)>(k->fn->code)(k->fn, k->items);
}

// The descriptor of an item that collate_fn= receives: its own.
const gt_type *item_type(const gt_obj *o) {
  if (o->cls == &gt_dict_class) return gt_dict_type(reinterpret_cast<const gt_dict *>(o));
  return reinterpret_cast<const gt_tuple *>(o)->type;
}

// The next batch of a loader with collate_fn=: the function's result on
// the list of the batch's items. 0 at the end.
int collated_batch(gt_loader_iter *it, gt_obj **batch) {
  struct Items {
    std::vector<gt_obj *> v;
    ~Items() {
      for (gt_obj *o : v) gt_release(o);
    }
  } items;
  gt_list *list = nullptr;
  if (it->s->src.list) {  // a plain list's items are no objects of their own
    if (!(list = it->s->take_list())) return 0;
  } else {
    if (!it->s->take_objects(items.v)) return 0;
    list = gt_list_new(gt_type_list_of(item_type(items.v.front())), static_cast<int64_t>(items.v.size()));
    for (gt_obj *o : items.v) gt_list_append(list, gt_vp(o));
  }
  CollateCall k{it->loader->collate, list, nullptr};
  bool ok = gt_call_guarded(call_collate, &k);
  gt_release(list);
  if (!ok) gt_throw("the DataLoader's collate_fn raised an exception");
  if (!k.result) gt_throw("TypeError: the DataLoader's collate_fn returned None");
  *batch = k.result;
  return 1;
}

// The next default batch of a plain list: a gt_tensor * of numbers or
// tensors, or the gt_list * of strs (default_collate hands strs back as
// they are). 0 at the end.
int plain_batch(gt_loader_iter *it, void *batch) {
  if (it->s->src.strs()) {
    gt_list *l = it->s->take_list();
    if (!l) return 0;
    *static_cast<gt_list **>(batch) = l;
    return 1;
  }
  Fields fields;
  if (it->s->take(fields) == 0) return 0;
  *static_cast<gt_tensor **>(batch) = gt_wrap(std::move(fields[0]));
  return 1;
}

}  // namespace

extern "C" int gt_loader_next_batch(gt_loader_iter *it, void *batch) {
  return GT_VALUE(int, -1, ([&] {
    if (!it || !it->s) gt_throw("expected a DataLoader iterator, got None");
    if (!batch) gt_throw("gt_loader_next_batch: NULL output pointer");
    if (it->loader->collate) return collated_batch(it, static_cast<gt_obj **>(batch));
    if (it->s->src.list) return plain_batch(it, batch);
    Fields fields;
    struct Keys {
      gt_list *list = nullptr;
      ~Keys() { gt_release(list); }
    } keys;
    if (it->s->take(fields, &keys.list) == 0) return 0;
    if (keys.list)
      *static_cast<gt_dict **>(batch) = dict_batch(keys.list, fields);
    else
      *static_cast<gt_list **>(batch) = gt_wrap_list(fields);
    return 1;
  }()));
}

extern "C" int64_t gt_data_worker_id(void) { return t_worker_id; }
extern "C" int64_t gt_data_worker_count(void) { return t_worker_count; }
extern "C" int64_t gt_data_worker_seed(void) { return t_worker_seed; }

extern "C" bool gt_dataset_is_iterable(gt_dataset *d) {
  return gt_guard<bool>(false, [&] { return DS(d).src.iterable(); });
}

// list(RandomSampler(ds, generator=g)): IterState::make_order's draws,
// and with g the empty last slice's (IterState::sampler_asked_for).
extern "C" gt_list *gt_data_random_order(int64_t n, gt_generator *g) {
  return GT_VALUE(gt_list *, nullptr, ([&] {
    at::Tensor order = random_order(n, gt_generator_opt(g));
    if (g) at::randperm(n, gt_generator_opt(g), at::TensorOptions().dtype(at::kLong));
    gt_list *l = gt_list_new(&gt_t_list_int, n);
    for (int64_t i = 0; i < n; i++) gt_list_append(l, gt_vi(order.data_ptr<int64_t>()[i]));
    return l;
  }()));
}

// tuple(x.shape) as Python prints it: "(2, 3)", "(2,)", "()".
static std::string shape_tuple(at::IntArrayRef sizes) {
  std::string s = "(";
  for (size_t i = 0; i < sizes.size(); i++) s += (i ? ", " : "") + std::to_string(sizes[i]);
  return s + (sizes.size() == 1 ? ",)" : ")");
}

// SubsetRandomSampler's pass: indices[i] for i in torch.randperm(len(indices),
// generator=g) (the global generator where g is NULL, no seed drawn first).
extern "C" gt_tensor *gt_data_subset_order(const gt_list *indices, gt_generator *g) {
  return GT_TENSOR(([&] {
    at::Tensor perm = at::randperm(indices->len, gt_generator_opt(g), at::TensorOptions().dtype(at::kLong));
    at::Tensor order = at::empty({indices->len}, at::TensorOptions().dtype(at::kLong));
    const int64_t *p = perm.data_ptr<int64_t>();
    int64_t *o = order.data_ptr<int64_t>();
    for (int64_t i = 0; i < indices->len; i++) o[i] = indices->items[p[i]].i;
    return order;
  }()));
}

// WeightedRandomSampler's weights: torch.as_tensor(weights, dtype=torch.double), 1-D.
extern "C" gt_tensor *gt_data_sampler_weights(gt_tensor *weights) {
  return GT_TENSOR(([&] {
    at::Tensor w = U(weights).to(at::kDouble);
    if (w.dim() != 1)
      gt_throw("ValueError: weights should be a 1d sequence but given weights have shape %s",
               shape_tuple(w.sizes()).c_str());
    return w;
  }()));
}

extern "C" gt_tensor *gt_data_sampler_weights_list(const gt_list *weights) {
  return GT_TENSOR(([&] {
    at::Tensor w = at::empty({weights->len}, at::TensorOptions().dtype(at::kDouble));
    double *d = w.data_ptr<double>();
    for (int64_t i = 0; i < weights->len; i++) d[i] = weights->items[i].f;
    return w;
  }()));
}

// WeightedRandomSampler's pass: torch.multinomial(weights, num_samples, replacement, generator=g).
extern "C" gt_tensor *gt_data_weighted_order(gt_tensor *weights, int64_t num_samples, bool replacement,
                                             gt_generator *g) {
  return GT_TENSOR(at::multinomial(U(weights), num_samples, replacement, gt_generator_opt(g)));
}
