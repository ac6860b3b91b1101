// vision.cpp - torchvision 0.14 over ATen (gtorch_vision.h): utils.make_grid
// and utils.save_image (PNG through libpng), and the tensor transforms
// (Normalize, RandomHorizontalFlip, RandomCrop, Resize, ... and Compose).
//
// Each function reproduces torchvision's Python source op for op (the
// comments quote it), so the same input gives the same numbers and a random
// transform draws the same numbers from the same generator.
#include <ATen/ATen.h>
#include <ATen/CPUGeneratorImpl.h>
#include <ATen/TensorIndexing.h>
#ifdef GT_HAVE_PNG
#include <png.h>
#endif

#include <algorithm>
#include <array>
#include <cctype>
#include <cerrno>
#include <cmath>
#include <csetjmp>
#include <cstdio>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include <unistd.h>

#include "gtorch_vision.h"
#include "internal.h"

// ---- the transform steps -----------------------------------------------------------

namespace gtv {

enum class Kind { ToTensor, Normalize, HFlip, VFlip, RandomCrop, CenterCrop, Pad, Resize, RandomResizedCrop, Lambda,
                  Compose };

// image.cpp: PIL's Image.resize of a uint8 image [..., H, W].
at::Tensor pil_resize(const at::Tensor &img, int64_t h, int64_t w, int64_t resample);

// One transform, immutable once made (a data set's worker threads share it).
struct Step {
  Kind kind;
  // Normalize
  std::vector<double> mean, std;
  bool inplace = false;
  bool lists = false;  // given as lists (their repr has brackets)
  // flips
  double p = 0.5;
  // crops: (h, w); Resize: 1 or 2 values as given
  std::vector<int64_t> size;
  // RandomCrop / Pad: padding as given (empty: None), fill, padding_mode
  std::vector<int64_t> padding;
  bool pad_if_needed = false;
  double fill = 0;
  std::string padding_mode = "constant";
  // Resize (and RandomResizedCrop's resize)
  int64_t interpolation = 2, max_size = GT_NONE_INT;
  bool antialias = false;
  // RandomResizedCrop: the ranges of the area's scale and of the aspect ratio
  std::vector<double> scale, ratio;
  // Lambda: the program's Callable[[Tensor], Tensor] (held); it runs on
  // the thread that iterates (lambda_ below).
  gt_fn *fn = nullptr;
  ~Step() { gt_release(fn); }
  // Compose
  std::vector<std::shared_ptr<const Step>> parts;

  bool random() const {
    if (kind == Kind::HFlip || kind == Kind::VFlip || kind == Kind::RandomCrop || kind == Kind::RandomResizedCrop)
      return true;
    for (auto &s : parts)
      if (s->random()) return true;
    return false;
  }
  // A Lambda calls program code, which worker threads must not run.
  bool calls_program() const {
    if (kind == Kind::Lambda) return true;
    for (auto &s : parts)
      if (s->calls_program()) return true;
    return false;
  }
  bool has_to_tensor() const {
    if (kind == Kind::ToTensor) return true;
    for (auto &s : parts)
      if (s->has_to_tensor()) return true;
    return false;
  }
};

// How a step is being applied: to a program's tensor (`from_dataset` false)
// or to a data set's image, which is uint8 until its ToTensor() (`raw`).
// `gen` is the generator random steps draw from (none: the global one).
struct Ctx {
  bool from_dataset = false;
  bool raw = false;
  c10::optional<at::Generator> gen;
};

std::string dtype_str(const at::Tensor &t) { return gt_dtype_name(static_cast<gt_dtype>(gt_dtype_of(t.scalar_type()))); }

std::string ints_str(const std::vector<int64_t> &v) {
  std::string r;
  for (size_t i = 0; i < v.size(); i++) r += (i ? ", " : "") + std::to_string(v[i]);
  return r;
}

// F_t._assert_image_tensor and get_dimensions: [channels, height, width].
void assert_image(const at::Tensor &img) {
  if (img.dim() < 2) gt_throw("Tensor is not a torch image.");
}
int64_t img_h(const at::Tensor &img) { return img.size(-2); }
int64_t img_w(const at::Tensor &img) { return img.size(-1); }

// F_t._pad_symmetric(img, [left, right, top, bottom]).
at::Tensor pad_symmetric(at::Tensor img, std::vector<int64_t> p) {
  using namespace at::indexing;
  if (p[0] < 0 || p[1] < 0 || p[2] < 0 || p[3] < 0) {
    int64_t cl = -std::min<int64_t>(p[0], 0), cr = -std::min<int64_t>(p[1], 0);
    int64_t ct = -std::min<int64_t>(p[2], 0), cb = -std::min<int64_t>(p[3], 0);
    img = img.slice(-2, ct, img.size(-2) - cb).slice(-1, cl, img.size(-1) - cr);
    for (auto &x : p) x = std::max<int64_t>(x, 0);
  }
  std::vector<int64_t> xs, ys;
  for (int64_t i = p[0] - 1; i >= 0; i--) xs.push_back(i);
  for (int64_t i = 0; i < img.size(-1); i++) xs.push_back(i);
  for (int64_t i = 0; i < p[1]; i++) xs.push_back(-(i + 1));
  for (int64_t i = p[2] - 1; i >= 0; i--) ys.push_back(i);
  for (int64_t i = 0; i < img.size(-2); i++) ys.push_back(i);
  for (int64_t i = 0; i < p[3]; i++) ys.push_back(-(i + 1));
  auto opts = at::TensorOptions().dtype(at::kLong);
  at::Tensor x = at::tensor(xs, opts).to(img.device()), y = at::tensor(ys, opts).to(img.device());
  at::Tensor yi = y.index({Slice(), None}), xi = x.index({None, Slice()});
  if (img.dim() == 3) return img.index({Slice(), yi, xi});
  if (img.dim() == 4) return img.index({Slice(), Slice(), yi, xi});
  gt_throw("Symmetric padding of N-D tensors are not supported yet");
}

// F_t.pad(img, padding, fill, padding_mode).
at::Tensor pad(at::Tensor img, const std::vector<int64_t> &padding, double fill, const std::string &mode_in) {
  assert_image(img);
  if (padding.size() != 1 && padding.size() != 2 && padding.size() != 4)
    gt_throw("Padding must be an int or a 1, 2, or 4 element tuple, not a %zu element tuple", padding.size());
  if (mode_in != "constant" && mode_in != "edge" && mode_in != "reflect" && mode_in != "symmetric")
    gt_throw("Padding mode should be either constant, edge, reflect or symmetric");
  // _parse_pad_padding: [left, right, top, bottom]
  std::vector<int64_t> p;
  if (padding.size() == 1) p = {padding[0], padding[0], padding[0], padding[0]};
  else if (padding.size() == 2) p = {padding[0], padding[0], padding[1], padding[1]};
  else p = {padding[0], padding[2], padding[1], padding[3]};
  std::string mode = mode_in;
  if (mode == "edge") mode = "replicate";
  else if (mode == "symmetric") return pad_symmetric(img, p);

  bool need_squeeze = false;
  if (img.dim() < 4) {
    img = img.unsqueeze(0);
    need_squeeze = true;
  }
  c10::ScalarType out_dtype = img.scalar_type();
  bool need_cast = false;
  if (mode != "constant" && out_dtype != at::kFloat && out_dtype != at::kDouble) {
    need_cast = true;
    img = img.to(at::kFloat);
  }
  if (mode == "reflect" || mode == "replicate") img = at::pad(img, p, mode);
  else img = at::pad(img, p, mode, fill);
  if (need_squeeze) img = img.squeeze(0);
  if (need_cast) img = img.to(out_dtype);
  return img;
}

// F_t.crop(img, top, left, height, width).
at::Tensor crop(const at::Tensor &img, int64_t top, int64_t left, int64_t height, int64_t width) {
  assert_image(img);
  int64_t h = img_h(img), w = img_w(img);
  int64_t right = left + width, bottom = top + height;
  if (left < 0 || top < 0 || right > w || bottom > h) {
    std::vector<int64_t> ltrb = {
        std::max<int64_t>(-left + std::min<int64_t>(0, right), 0),
        std::max<int64_t>(-top + std::min<int64_t>(0, bottom), 0),
        std::max<int64_t>(right - std::max<int64_t>(w, left), 0),
        std::max<int64_t>(bottom - std::max<int64_t>(h, top), 0),
    };
    return pad(img.slice(-2, std::max<int64_t>(top, 0), bottom).slice(-1, std::max<int64_t>(left, 0), right), ltrb,
               0, "constant");
  }
  return img.slice(-2, top, bottom).slice(-1, left, right);
}

// F_t.normalize(tensor, mean, std, inplace).
at::Tensor normalize(at::Tensor t, const Step &s) {
  assert_image(t);
  if (!t.is_floating_point()) gt_throw("Input tensor should be a float tensor. Got %s.", dtype_str(t).c_str());
  if (t.dim() < 3)
    gt_throw("Expected tensor to be a tensor image of size (..., C, H, W). Got tensor.size() = %s",
             gt_size_text(t.sizes()).c_str());
  if (!s.inplace) t = t.clone();
  auto opts = at::TensorOptions().dtype(t.scalar_type()).device(t.device());
  // torch.as_tensor(mean, dtype=dtype): 1-D here even for one number (a
  // 0-dim tensor in torchvision), which broadcasts to the same values.
  at::Tensor mean = at::tensor(s.mean, at::TensorOptions().dtype(at::kDouble)).to(opts);
  at::Tensor std = at::tensor(s.std, at::TensorOptions().dtype(at::kDouble)).to(opts);
  if (std.eq(0).any().item<bool>())
    gt_throw("std evaluated to zero after conversion to %s, leading to division by zero.", dtype_str(t).c_str());
  if (mean.dim() == 1) mean = mean.view({-1, 1, 1});
  if (std.dim() == 1) std = std.view({-1, 1, 1});
  return t.sub_(mean).div_(std);
}

bool draw_lt(double p, const Ctx &c) {
  // torch.rand(1) < self.p
  return at::rand({1}, c.gen).lt(p).item<bool>();
}

int64_t draw_int(int64_t high, const Ctx &c) {
  // torch.randint(0, high, size=(1,)).item()
  return at::randint(0, high, {1}, c.gen, at::TensorOptions().dtype(at::kLong)).item<int64_t>();
}

// F_t.resize(img, size=output_size, interpolation, antialias).
at::Tensor resize_tensor(at::Tensor img, std::vector<int64_t> size, int64_t interpolation, bool antialias) {
  assert_image(img);
  bool bilinear = interpolation == 2, bicubic = interpolation == 3;
  if (antialias && !bilinear && !bicubic)
    gt_throw("Antialias option is supported for bilinear and bicubic interpolation modes only");
  // _cast_squeeze_in(img, [torch.float32, torch.float64])
  bool need_squeeze = false;
  if (img.dim() < 4) {
    img = img.unsqueeze(0);
    need_squeeze = true;
  }
  c10::ScalarType out_dtype = img.scalar_type();
  bool need_cast = false;
  if (out_dtype != at::kFloat && out_dtype != at::kDouble) {
    need_cast = true;
    img = img.to(at::kFloat);
  }
  if (img.dim() != 4) {
    std::vector<int64_t> spatial(img.sizes().begin() + 2, img.sizes().end());
    gt_throw("Input and output must have the same number of spatial dimensions, but got input with spatial "
             "dimensions of [%s] and output size of [%s]. Please provide input tensor in (N, C, d1, d2, ...,dK) "
             "format and output size in (o1, o2, ...,oK) format.",
             ints_str(spatial).c_str(), ints_str(size).c_str());
  }
  // interpolate(img, size=size, mode=..., align_corners=False (None for nearest), antialias=...)
  at::OptionalIntArrayRef out(size);
  if (bilinear)
    img = antialias ? at::_upsample_bilinear2d_aa(img, out, false, c10::nullopt)
                    : at::upsample_bilinear2d(img, out, false, c10::nullopt);
  else if (bicubic)
    img = antialias ? at::_upsample_bicubic2d_aa(img, out, false, c10::nullopt)
                    : at::upsample_bicubic2d(img, out, false, c10::nullopt);
  else
    img = at::upsample_nearest2d(img, out, c10::nullopt);
  if (bicubic && out_dtype == at::kByte) img = img.clamp(0, 255);
  // _cast_squeeze_out
  if (need_squeeze) img = img.squeeze(0);
  if (need_cast) {
    if (at::isIntegralType(out_dtype, /*includeBool=*/false)) img = at::round(img);
    img = img.to(out_dtype);
  }
  return img;
}

// F._compute_resized_output_size, then F_t.resize.
at::Tensor resize(const at::Tensor &img, const Step &s, bool pil) {
  assert_image(img);
  int64_t h = img_h(img), w = img_w(img);
  int64_t new_h, new_w;
  if (s.size.size() == 1) {
    int64_t shorter = w <= h ? w : h, longer = w <= h ? h : w;
    int64_t req = s.size[0];
    int64_t new_short = req;
    int64_t new_long = static_cast<int64_t>(static_cast<double>(req * longer) / static_cast<double>(shorter));
    if (s.max_size != GT_NONE_INT) {
      if (s.max_size <= req)
        gt_throw("max_size = %lld must be strictly greater than the requested size for the smaller edge size = "
                 "[%lld]",
                 (long long)s.max_size, (long long)req);
      if (new_long > s.max_size) {
        new_short = static_cast<int64_t>(static_cast<double>(s.max_size * new_short) / static_cast<double>(new_long));
        new_long = s.max_size;
      }
    }
    new_w = w <= h ? new_short : new_long;
    new_h = w <= h ? new_long : new_short;
  } else {
    new_h = s.size[0];
    new_w = s.size[1];
  }
  // A data set's image before its ToTensor() is a PIL image in torchvision,
  // which PIL resizes (antialiased).
  if (pil) return pil_resize(img, new_h, new_w, s.interpolation);
  // (image_height, image_width) == output_size compares a tuple with a
  // list in torchvision 0.14: never equal, so it always interpolates.
  return resize_tensor(img, {new_h, new_w}, s.interpolation, s.antialias);
}

// int(round(x)) as Python computes it: a NaN or an infinity (a ratio of 0
// or below) is its ValueError or OverflowError, never a C cast of one.
int64_t py_round(double x) {
  if (std::isnan(x)) gt_throw("ValueError: cannot convert float NaN to integer");
  if (!std::isfinite(x) || std::fabs(x) > 9.2e18) gt_throw("OverflowError: cannot convert float infinity to integer");
  return static_cast<int64_t>(std::nearbyint(x));
}

// RandomResizedCrop.get_params: the crop (i, j, h, w), drawn as
// torchvision 0.14 draws it (float32 uniforms, Python's round).
std::array<int64_t, 4> resized_crop_params(const at::Tensor &img, const Step &s, const Ctx &c) {
  int64_t height = img_h(img), width = img_w(img);
  double area = static_cast<double>(height * width);
  at::Tensor log_ratio = at::log(at::tensor(s.ratio, at::kDouble).to(at::kFloat));
  double l0 = log_ratio[0].item<double>(), l1 = log_ratio[1].item<double>();
  for (int k = 0; k < 10; k++) {
    double target_area = area * at::empty({1}).uniform_(s.scale[0], s.scale[1], c.gen).item<double>();
    double aspect = at::exp(at::empty({1}).uniform_(l0, l1, c.gen)).item<double>();
    int64_t w = py_round(std::sqrt(target_area * aspect));
    int64_t h = py_round(std::sqrt(target_area / aspect));
    if (0 < w && w <= width && 0 < h && h <= height) {
      int64_t i = draw_int(height - h + 1, c);
      int64_t j = draw_int(width - w + 1, c);
      return {i, j, h, w};
    }
  }
  // the central crop
  double in_ratio = static_cast<double>(width) / static_cast<double>(height);
  double lo = std::min(s.ratio[0], s.ratio[1]), hi = std::max(s.ratio[0], s.ratio[1]);
  int64_t w = width, h = height;
  if (in_ratio < lo) h = py_round(static_cast<double>(w) / lo);
  else if (in_ratio > hi) w = py_round(static_cast<double>(h) * hi);
  return {(height - h) / 2, (width - w) / 2, h, w};  // h <= height, w <= width: floor division
}

// F.resized_crop: the crop, resized to s.size as Resize((h, w)) would.
at::Tensor random_resized_crop(const at::Tensor &img, const Step &s, const Ctx &c) {
  assert_image(img);
  std::array<int64_t, 4> p = resized_crop_params(img, s, c);
  Step to_size;
  to_size.kind = Kind::Resize;
  to_size.size = s.size;
  to_size.interpolation = s.interpolation;
  to_size.antialias = s.antialias;
  return resize(crop(img, p[0], p[1], p[2], p[3]), to_size, c.raw);
}

// Lambda's lambd(img): the program's function, which must not unwind these
// C++ frames (gt_call_guarded); an exception it raises fails the call.
struct LambdaCall {
  gt_fn *fn;
  gt_tensor *arg, *result;
};
void call_lambda(void *p) {
  auto *k = static_cast<LambdaCall *>(p);
  k->result = reinterpret_cast<gt_tensor *(*)(gt_fn *, gt_tensor *)>(k->fn->code)(k->fn, k->arg);
}
at::Tensor lambda_(const Step &s, const at::Tensor &img) {
  LambdaCall k{s.fn, gt_wrap(img), nullptr};
  bool ok = gt_call_guarded(call_lambda, &k);
  gt_release(k.arg);
  if (!ok) gt_throw("the Lambda's function raised an exception");
  if (!k.result) gt_throw("TypeError: the Lambda's function returned None");
  at::Tensor r = gt_unwrap(k.result);
  gt_release(k.result);
  return r;
}

at::Tensor apply(const Step &s, at::Tensor img, Ctx &c) {
  switch (s.kind) {
  case Kind::ToTensor:
    if (!c.raw) gt_throw("pic should be PIL Image or ndarray. Got <class 'torch.Tensor'>");
    c.raw = false;
    return img.to(at::kFloat).div_(255);
  case Kind::Normalize:
    return normalize(img, s);
  case Kind::HFlip:
    if (draw_lt(s.p, c)) {
      assert_image(img);
      return img.flip(-1);
    }
    return img;
  case Kind::VFlip:
    if (draw_lt(s.p, c)) {
      assert_image(img);
      return img.flip(-2);
    }
    return img;
  case Kind::Pad:
    return pad(img, s.padding, s.fill, s.padding_mode);
  case Kind::RandomCrop: {
    if (!s.padding.empty()) img = pad(img, s.padding, s.fill, s.padding_mode);
    assert_image(img);
    int64_t th = s.size[0], tw = s.size[1];
    if (s.pad_if_needed && img_w(img) < tw) img = pad(img, {tw - img_w(img), 0}, s.fill, s.padding_mode);
    if (s.pad_if_needed && img_h(img) < th) img = pad(img, {0, th - img_h(img)}, s.fill, s.padding_mode);
    // get_params
    int64_t h = img_h(img), w = img_w(img);
    if (h < th || w < tw)
      gt_throw("Required crop size (%lld, %lld) is larger than input image size (%lld, %lld)", (long long)th,
               (long long)tw, (long long)h, (long long)w);
    int64_t i = 0, j = 0;
    if (!(w == tw && h == th)) {
      i = draw_int(h - th + 1, c);
      j = draw_int(w - tw + 1, c);
    }
    return crop(img, i, j, th, tw);
  }
  case Kind::CenterCrop: {
    assert_image(img);
    int64_t ih = img_h(img), iw = img_w(img);
    int64_t ch = s.size[0], cw = s.size[1];
    if (cw > iw || ch > ih) {
      std::vector<int64_t> ltrb = {cw > iw ? (cw - iw) / 2 : 0, ch > ih ? (ch - ih) / 2 : 0,
                                   cw > iw ? (cw - iw + 1) / 2 : 0, ch > ih ? (ch - ih + 1) / 2 : 0};
      img = pad(img, ltrb, 0, "constant");
      ih = img_h(img);
      iw = img_w(img);
      if (cw == iw && ch == ih) return img;
    }
    // int(round((image_height - crop_height) / 2.0)): Python rounds half to even
    int64_t top = static_cast<int64_t>(std::nearbyint((ih - ch) / 2.0));
    int64_t left = static_cast<int64_t>(std::nearbyint((iw - cw) / 2.0));
    return crop(img, top, left, ch, cw);
  }
  case Kind::Resize:
    return resize(img, s, c.raw);
  case Kind::RandomResizedCrop:
    return random_resized_crop(img, s, c);
  case Kind::Lambda:
    return lambda_(s, img);
  case Kind::Compose:
    for (auto &part : s.parts) img = apply(*part, img, c);
    return img;
  }
  gt_throw("unknown transform");
}

// A data set's image(s) (uint8, 1 x H x W or N x 1 x H x W) through `s`.
at::Tensor dataset_apply(const Step &s, const at::Tensor &raw, c10::optional<at::Generator> gen) {
  Ctx c;
  c.from_dataset = true;
  c.raw = true;
  c.gen = std::move(gen);
  at::Tensor img = raw;
  if (!s.has_to_tensor()) {  // the images are ToTensor's result already
    img = img.to(at::kFloat).div_(255);
    c.raw = false;
  }
  img = apply(s, img, c);
  if (c.raw) img = img.to(at::kFloat).div_(255);  // unreachable: has_to_tensor
  return img;
}

bool is_random(const Step &s) { return s.random(); }
bool calls_program(const Step &s) { return s.calls_program(); }

}  // namespace gtv

// ---- the transform object ------------------------------------------------------------

struct gt_transform {
  gt_obj h;
  std::shared_ptr<const gtv::Step> *step;  // owned (gt_alloc zeroes; drop deletes)
};

namespace gtv {

// For data.cpp: the steps of a transform, shared.
std::shared_ptr<const Step> steps_of(const gt_transform *t) {
  if (!t || !t->step) gt_throw("expected a transform, got None");
  return *t->step;
}

}  // namespace gtv

namespace {

void transform_drop(gt_obj *o) {
  auto *t = reinterpret_cast<gt_transform *>(o);
  delete t->step;
  t->step = nullptr;
}

std::string float_repr(double v) {
  gt_str *s = gt_str_of_float(v);
  std::string r(s->data, static_cast<size_t>(s->len));
  gt_release(s);
  return r;
}

// A sequence as Python prints a tuple, (0.5,) or (0.5, 0.25), or a list,
// [0.5, 0.25].
std::string floats_repr(const std::vector<double> &v, bool list) {
  std::string r = list ? "[" : "(";
  for (size_t i = 0; i < v.size(); i++) r += (i ? ", " : "") + float_repr(v[i]);
  return r + (list ? "]" : v.size() == 1 ? ",)" : ")");
}

std::string ints_repr(const std::vector<int64_t> &v) {
  if (v.empty()) return "None";
  if (v.size() == 1) return std::to_string(v[0]);
  return "(" + gtv::ints_str(v) + ")";
}

std::string step_repr(const gtv::Step &s) {
  using gtv::Kind;
  switch (s.kind) {
  case Kind::ToTensor: return "ToTensor()";
  case Kind::Normalize:
    return "Normalize(mean=" + floats_repr(s.mean, s.lists) + ", std=" + floats_repr(s.std, s.lists) + ")";
  case Kind::HFlip: return "RandomHorizontalFlip(p=" + float_repr(s.p) + ")";
  case Kind::VFlip: return "RandomVerticalFlip(p=" + float_repr(s.p) + ")";
  case Kind::RandomCrop:
    return "RandomCrop(size=(" + gtv::ints_str(s.size) + "), padding=" + ints_repr(s.padding) + ")";
  case Kind::CenterCrop: return "CenterCrop(size=(" + gtv::ints_str(s.size) + "))";
  case Kind::Pad:
    return "Pad(padding=" + ints_repr(s.padding) + ", fill=" + float_repr(s.fill) + ", padding_mode=" + s.padding_mode +
           ")";
  case Kind::Resize: {
    const char *mode = s.interpolation == 0 ? "nearest" : s.interpolation == 3 ? "bicubic" : "bilinear";
    std::string max = s.max_size == GT_NONE_INT ? "None" : std::to_string(s.max_size);
    return "Resize(size=" + ints_repr(s.size) + ", interpolation=" + mode + ", max_size=" + max +
           ", antialias=" + (s.antialias ? "True" : "None") + ")";
  }
  case Kind::RandomResizedCrop: {
    // torchvision 0.14's __repr__, its stray ')' included
    std::vector<double> scale, ratio;
    for (double v : s.scale) scale.push_back(gt_round_float(v, 4));
    for (double v : s.ratio) ratio.push_back(gt_round_float(v, 4));
    const char *mode = s.interpolation == 0 ? "nearest" : s.interpolation == 3 ? "bicubic" : "bilinear";
    return "RandomResizedCrop(size=(" + gtv::ints_str(s.size) + "), scale=" + floats_repr(scale, false) +
           ", ratio=" + floats_repr(ratio, false) + ", interpolation=" + mode + "), antialias=" +
           (s.antialias ? "True" : "None") + ")";
  }
  case Kind::Lambda: return "Lambda()";
  case Kind::Compose: {
    std::string r = "Compose(";
    for (auto &p : s.parts) r += "\n    " + step_repr(*p);
    return r + "\n)";
  }
  }
  return "Transform()";
}

gt_str *transform_repr(gt_obj *o) {
  auto *t = reinterpret_cast<gt_transform *>(o);
  return gt_guard<gt_str *>(nullptr, [&]() -> gt_str * {
    std::string r = t->step ? step_repr(**t->step) : "Transform()";
    return gt_str_new(r.data(), static_cast<int64_t>(r.size()));
  });
}

gt_transform *wrap_step(std::shared_ptr<const gtv::Step> s) {
  auto *t = static_cast<gt_transform *>(gt_alloc(sizeof(gt_transform), &gt_transform_class));
  if (!t) throw std::bad_alloc();
  t->step = new std::shared_ptr<const gtv::Step>(std::move(s));
  return t;
}

std::vector<double> floats_vec(const gt_floats &f) {
  return std::vector<double>(f.v, f.v + std::min<int64_t>(f.n, GT_INTS_MAX));
}

std::vector<int64_t> ints_vec(const gt_ints &f) {
  return std::vector<int64_t>(f.v, f.v + std::min<int64_t>(f.n, GT_INTS_MAX));
}

// transforms._setup_size: an int is (s, s), one value (s, s), else two.
std::vector<int64_t> setup_size(const gt_ints &size) {
  if (size.n == 1) return {size.v[0], size.v[0]};
  if (size.n != 2) gt_throw("Please provide only two dimensions (h, w) for size.");
  return {size.v[0], size.v[1]};
}

void check_padding(const gt_ints &padding, const char *mode) {
  if (padding.n != 0 && padding.n != 1 && padding.n != 2 && padding.n != 4)
    gt_throw("Padding must be an int or a 1, 2, or 4 element tuple, not a %lld element tuple", (long long)padding.n);
  std::string m = mode ? mode : "";
  if (m != "constant" && m != "edge" && m != "reflect" && m != "symmetric")
    gt_throw("Padding mode should be either constant, edge, reflect or symmetric");
}

}  // namespace

extern "C" const gt_class gt_transform_class = {"Transform", transform_drop, transform_repr, transform_repr,
                                                nullptr, nullptr, nullptr};

extern "C" gt_transform *gt_tv_ToTensor(void) {
  return GT_VALUE(gt_transform *, nullptr, ([&] {
    auto s = std::make_shared<gtv::Step>();
    s->kind = gtv::Kind::ToTensor;
    return wrap_step(s);
  }()));
}

extern "C" gt_transform *gt_tv_Normalize(gt_floats mean, gt_floats std, bool inplace) {
  return GT_VALUE(gt_transform *, nullptr, ([&] {
    if (mean.n < 1 || std.n < 1) gt_throw("Normalize: mean and std must be numbers or tuples of numbers");
    auto s = std::make_shared<gtv::Step>();
    s->kind = gtv::Kind::Normalize;
    s->mean = floats_vec(mean);
    s->std = floats_vec(std);
    s->inplace = inplace;
    return wrap_step(s);
  }()));
}

extern "C" gt_transform *gt_tv_Normalize_list(const gt_list *mean, const gt_list *std, bool inplace) {
  return GT_VALUE(gt_transform *, nullptr, ([&] {
    if (!mean || !std || mean->len < 1 || std->len < 1)
      gt_throw("Normalize: mean and std must hold one value per channel");
    auto s = std::make_shared<gtv::Step>();
    s->kind = gtv::Kind::Normalize;
    for (int64_t i = 0; i < mean->len; i++) s->mean.push_back(mean->items[i].f);
    for (int64_t i = 0; i < std->len; i++) s->std.push_back(std->items[i].f);
    s->inplace = inplace;
    s->lists = true;
    return wrap_step(s);
  }()));
}

// A Compose step of the list's items, each made a step by part_of.
template <class PartOf>
static gt_transform *compose_of(const gt_list *transforms, PartOf part_of) {
  return GT_VALUE(gt_transform *, nullptr, ([&] {
    if (!transforms) gt_throw("'NoneType' object is not iterable");
    auto s = std::make_shared<gtv::Step>();
    s->kind = gtv::Kind::Compose;
    for (int64_t i = 0; i < transforms->len; i++) s->parts.push_back(part_of(transforms->items[i].p));
    return wrap_step(s);
  }()));
}

extern "C" gt_transform *gt_tv_Compose(const gt_list *transforms) {
  return compose_of(transforms, [](void *t) { return gtv::steps_of(static_cast<const gt_transform *>(t)); });
}

// The transform whose __call__ fn is bound to (a library transform in a
// list of callables), or NULL.
static const gt_transform *bound_transform(const gt_fn *fn) {
  const auto *self = static_cast<const gt_obj *>(gt_fn_bound_self(fn));
  return self && self->cls == &gt_transform_class ? reinterpret_cast<const gt_transform *>(self) : nullptr;
}

// Compose([transforms.ToTensor(), AddNoise(0.1)]) of callables: a library
// transform stays its steps (ToTensor still converts the image), any other
// callable (the program's objects with __call__, functions) is a Lambda
// step, run where a Lambda runs (on the iterating thread).
extern "C" gt_transform *gt_tv_Compose_callables(const gt_list *transforms) {
  return compose_of(transforms, [](void *p) -> std::shared_ptr<const gtv::Step> {
    auto *fn = static_cast<gt_fn *>(p);
    if (const gt_transform *t = bound_transform(fn)) return gtv::steps_of(t);
    auto part = std::make_shared<gtv::Step>();
    part->kind = gtv::Kind::Lambda;
    part->fn = static_cast<gt_fn *>(gt_retain(fn));
    return part;
  });
}

static gt_transform *flip(gtv::Kind kind, double p) {
  return GT_VALUE(gt_transform *, nullptr, ([&] {
    auto s = std::make_shared<gtv::Step>();
    s->kind = kind;
    s->p = p;
    return wrap_step(s);
  }()));
}

extern "C" gt_transform *gt_tv_RandomHorizontalFlip(double p) { return flip(gtv::Kind::HFlip, p); }
extern "C" gt_transform *gt_tv_RandomVerticalFlip(double p) { return flip(gtv::Kind::VFlip, p); }

extern "C" gt_transform *gt_tv_RandomCrop(gt_ints size, gt_ints padding, bool pad_if_needed, double fill,
                                          const char *padding_mode) {
  return GT_VALUE(gt_transform *, nullptr, ([&] {
    auto s = std::make_shared<gtv::Step>();
    s->kind = gtv::Kind::RandomCrop;
    s->size = setup_size(size);
    check_padding(padding, padding_mode);
    s->padding = ints_vec(padding);
    s->pad_if_needed = pad_if_needed;
    s->fill = fill;
    s->padding_mode = padding_mode;
    return wrap_step(s);
  }()));
}

extern "C" gt_transform *gt_tv_CenterCrop(gt_ints size) {
  return GT_VALUE(gt_transform *, nullptr, ([&] {
    auto s = std::make_shared<gtv::Step>();
    s->kind = gtv::Kind::CenterCrop;
    s->size = setup_size(size);
    return wrap_step(s);
  }()));
}

extern "C" gt_transform *gt_tv_RandomResizedCrop(gt_ints size, gt_floats scale, gt_floats ratio, int64_t interpolation,
                                                 bool antialias) {
  return GT_VALUE(gt_transform *, nullptr, ([&] {
    if (scale.n != 2 || ratio.n != 2) gt_throw("TypeError: Scale and ratio should be sequences of two numbers");
    if (interpolation != 0 && interpolation != 2 && interpolation != 3)
      gt_throw("RandomResizedCrop: interpolation %lld is not supported: use 0 (nearest), 2 (bilinear) or 3 "
               "(bicubic)",
               (long long)interpolation);
    auto s = std::make_shared<gtv::Step>();
    s->kind = gtv::Kind::RandomResizedCrop;
    s->size = setup_size(size);
    s->scale = {scale.v[0], scale.v[1]};
    s->ratio = {ratio.v[0], ratio.v[1]};
    s->interpolation = interpolation;
    s->antialias = antialias;
    return wrap_step(s);
  }()));
}

extern "C" gt_transform *gt_tv_Pad(gt_ints padding, double fill, const char *padding_mode) {
  return GT_VALUE(gt_transform *, nullptr, ([&] {
    auto s = std::make_shared<gtv::Step>();
    s->kind = gtv::Kind::Pad;
    if (padding.n == 0) gt_throw("Got inappropriate padding arg");
    check_padding(padding, padding_mode);
    s->padding = ints_vec(padding);
    s->fill = fill;
    s->padding_mode = padding_mode;
    return wrap_step(s);
  }()));
}

extern "C" gt_transform *gt_tv_Resize(gt_ints size, int64_t interpolation, int64_t max_size, bool antialias) {
  return GT_VALUE(gt_transform *, nullptr, ([&] {
    if (size.n != 1 && size.n != 2) gt_throw("If size is a sequence, it should have 1 or 2 values");
    if (interpolation != 0 && interpolation != 2 && interpolation != 3)
      gt_throw("Resize: interpolation %lld is not supported for tensors: use 0 (nearest), 2 (bilinear) or 3 "
               "(bicubic)",
               (long long)interpolation);
    if (max_size != GT_NONE_INT && size.n != 1)
      gt_throw("max_size should only be passed if size specifies the length of the smaller edge, i.e. size should "
               "be an int or a sequence of length 1 in torchscript mode.");
    auto s = std::make_shared<gtv::Step>();
    s->kind = gtv::Kind::Resize;
    s->size = ints_vec(size);
    s->interpolation = interpolation;
    s->max_size = max_size;
    s->antialias = antialias;
    return wrap_step(s);
  }()));
}

extern "C" gt_transform *gt_tv_Lambda(gt_fn *lambd) {
  return GT_VALUE(gt_transform *, nullptr, ([&] {
    if (!lambd) gt_throw("TypeError: argument should be callable, got 'NoneType'");
    auto s = std::make_shared<gtv::Step>();
    s->kind = gtv::Kind::Lambda;
    s->fn = static_cast<gt_fn *>(gt_retain(lambd));
    return wrap_step(s);
  }()));
}

extern "C" const int64_t gt_tv_NEAREST = 0, gt_tv_BILINEAR = 2, gt_tv_BICUBIC = 3;

extern "C" gt_tensor *gt_tv_transform_call(gt_transform *t, gt_tensor *img) {
  return GT_TENSOR(([&] {
    std::shared_ptr<const gtv::Step> s = gtv::steps_of(t);
    gtv::Ctx c;
    return gtv::apply(*s, U(img), c);
  }()));
}

extern "C" gt_tensor *gt_tv_image_apply(gt_transform *t, gt_tensor *img) {
  return GT_TENSOR(gtv::dataset_apply(*gtv::steps_of(t), U(img), c10::nullopt));
}

// ---- make_grid ---------------------------------------------------------------------------

namespace {

// utils.make_grid, op for op.
at::Tensor make_grid(at::Tensor tensor, int64_t nrow, int64_t padding, bool normalize, const gt_floats &value_range,
                     bool scale_each, double pad_value) {
  at::NoGradGuard no_grad;
  if (tensor.dim() < 2 || tensor.dim() > 4)
    gt_throw("make_grid: expected a 4-D batch of images (B x C x H x W), one image (C x H x W or H x W), got a "
             "%lld-D tensor of size %s",
             (long long)tensor.dim(), gt_size_text(tensor.sizes()).c_str());
  if (tensor.dim() == 2) tensor = tensor.unsqueeze(0);
  if (tensor.dim() == 3) {
    if (tensor.size(0) == 1) tensor = at::cat({tensor, tensor, tensor}, 0);
    tensor = tensor.unsqueeze(0);
  }
  if (tensor.dim() == 4 && tensor.size(1) == 1) tensor = at::cat({tensor, tensor, tensor}, 1);

  if (normalize) {
    tensor = tensor.clone();
    if (value_range.n == 1)
      gt_throw("value_range has to be a tuple (min, max) if specified. min and max are numbers");
    auto norm_ip = [](at::Tensor img, double low, double high) {
      img.clamp_(low, high);
      img.sub_(low).div_(std::max(high - low, 1e-5));
    };
    auto norm_range = [&](at::Tensor t) {
      if (value_range.n >= 2) norm_ip(t, value_range.v[0], value_range.v[1]);
      else norm_ip(t, t.min().item<double>(), t.max().item<double>());
    };
    if (scale_each) {
      for (int64_t i = 0; i < tensor.size(0); i++) norm_range(tensor.select(0, i));
    } else {
      norm_range(tensor);
    }
  }
  if (tensor.size(0) == 1) return tensor.squeeze(0);

  int64_t nmaps = tensor.size(0);
  int64_t xmaps = std::min(nrow, nmaps);
  if (xmaps == 0) gt_throw("float division by zero");
  int64_t ymaps = static_cast<int64_t>(std::ceil(static_cast<double>(nmaps) / static_cast<double>(xmaps)));
  int64_t height = tensor.size(2) + padding, width = tensor.size(3) + padding;
  int64_t num_channels = tensor.size(1);
  at::Tensor grid = tensor.new_full({num_channels, height * ymaps + padding, width * xmaps + padding}, pad_value);
  int64_t k = 0;
  for (int64_t y = 0; y < ymaps; y++) {
    for (int64_t x = 0; x < xmaps; x++) {
      if (k >= nmaps) break;
      grid.narrow(1, y * height + padding, height - padding)
          .narrow(2, x * width + padding, width - padding)
          .copy_(tensor[k]);
      k++;
    }
  }
  return grid;
}

at::Tensor stack_list(const gt_list *tensors) {
  if (!tensors) gt_throw("tensor or list of tensors expected, got <class 'NoneType'>");
  return at::stack(gt_unwrap_list(tensors), 0);
}

// ---- PNG ----------------------------------------------------------------------------------

#ifdef GT_HAVE_PNG
struct PngError {
  jmp_buf jmp;
  char msg[256];
};

void png_error_fn(png_structp png, png_const_charp msg) {
  auto *e = static_cast<PngError *>(png_get_error_ptr(png));
  snprintf(e->msg, sizeof e->msg, "%s", msg);
  longjmp(e->jmp, 1);
}

void png_warning_fn(png_structp, png_const_charp) {}

// Writes h x w pixels of `channels` bytes each (rows contiguous) to f.
// Plain C inside: libpng reports errors by longjmp, which must not cross
// C++ objects. Returns 0, or -1 with the message in err.
int png_write_rows(FILE *f, const uint8_t *data, uint32_t h, uint32_t w, int channels, PngError *err) {
  static const int color_types[] = {0, PNG_COLOR_TYPE_GRAY, PNG_COLOR_TYPE_GRAY_ALPHA, PNG_COLOR_TYPE_RGB,
                                    PNG_COLOR_TYPE_RGB_ALPHA};
  png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, err, png_error_fn, png_warning_fn);
  if (!png) {
    snprintf(err->msg, sizeof err->msg, "out of memory");
    return -1;
  }
  png_infop info = png_create_info_struct(png);
  if (!info) {
    png_destroy_write_struct(&png, nullptr);
    snprintf(err->msg, sizeof err->msg, "out of memory");
    return -1;
  }
  if (setjmp(err->jmp)) {
    png_destroy_write_struct(&png, &info);
    return -1;
  }
  png_init_io(png, f);
  // PIL's defaults: zlib level 6, no interlacing, no extra chunks.
  png_set_compression_level(png, 6);
  png_set_IHDR(png, info, w, h, 8, color_types[channels], PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT,
               PNG_FILTER_TYPE_DEFAULT);
  png_write_info(png, info);
  size_t stride = static_cast<size_t>(w) * static_cast<size_t>(channels);
  for (uint32_t y = 0; y < h; y++) png_write_row(png, const_cast<png_bytep>(data + stride * y));
  png_write_end(png, nullptr);
  png_destroy_write_struct(&png, &info);
  return 0;
}

#endif  // GT_HAVE_PNG

// An H x W x C uint8 CPU tensor to `path`.
void write_png(const at::Tensor &hwc_in, const char *path) {
  if (!path) gt_throw("save_image: fp must be a file name, got None");
  if (hwc_in.dim() != 3 || hwc_in.scalar_type() != at::kByte)
    gt_throw("write_png: expected an H x W x C uint8 tensor, got %s of %s", gtv::dtype_str(hwc_in).c_str(),
             gt_size_text(hwc_in.sizes()).c_str());
  int64_t h = hwc_in.size(0), w = hwc_in.size(1), c = hwc_in.size(2);
  // Image.fromarray: (h, w, 2) is LA, (h, w, 3) RGB, (h, w, 4) RGBA.
  if (c < 1 || c > 4)
    gt_throw("Cannot handle this data type: (1, 1, %lld), |u1 (saving '%s': an image has 1 to 4 channels)",
             (long long)c, path);
  if (h <= 0 || w <= 0 || h > 0x7fffffff || w > 0x7fffffff)
    gt_throw("cannot write '%s': an image of %lld x %lld pixels can not be a PNG", path, (long long)w,
             (long long)h);
#ifndef GT_HAVE_PNG
  gt_throw("cannot write '%s': this libgtorch was built without libpng (install libpng-dev and rebuild)", path);
#else
  at::Tensor hwc = hwc_in.to(at::kCPU).contiguous();
  FILE *f = fopen(path, "wb");
  if (!f) gt_throw("[Errno %d] %s: '%s'", errno, std::strerror(errno), path);
  PngError err;
  err.msg[0] = 0;
  int rc = png_write_rows(f, hwc.data_ptr<uint8_t>(), static_cast<uint32_t>(h), static_cast<uint32_t>(w),
                          static_cast<int>(c), &err);
  int saved = errno;
  if (fclose(f) != 0 && rc == 0) {
    rc = -1;
    snprintf(err.msg, sizeof err.msg, "%s", std::strerror(errno));
  } else if (rc != 0 && saved && !err.msg[0]) {
    snprintf(err.msg, sizeof err.msg, "%s", std::strerror(saved));
  }
  if (rc != 0) {
    unlink(path);
    gt_throw("cannot write '%s': %s", path, err.msg);
  }
#endif
}

}  // namespace

namespace {

// The format PIL would pick: `format`, else the file name's extension.
void check_png(const char *fp, const char *format) {
  if (!fp) gt_throw("save_image: fp must be a file name, got None");
  std::string fmt;
  if (format) {
    fmt = format;
    for (auto &ch : fmt) ch = static_cast<char>(toupper(static_cast<unsigned char>(ch)));
    if (fmt != "PNG")
      gt_throw("save_image: cannot write '%s' as %s: only PNG is supported", fp, format);
    return;
  }
  std::string name = fp;
  size_t slash = name.rfind('/');
  std::string base = slash == std::string::npos ? name : name.substr(slash + 1);
  size_t dot = base.rfind('.');
  std::string ext = dot == std::string::npos || dot == 0 ? "" : base.substr(dot);
  std::string low = ext;
  for (auto &ch : low) ch = static_cast<char>(tolower(static_cast<unsigned char>(ch)));
  if (low == ".png") return;
  if (ext.empty()) gt_throw("unknown file extension: (saving '%s': name it .png)", fp);
  gt_throw("save_image: cannot write '%s': only PNG is supported (the name ends in %s, not .png)", fp, ext.c_str());
}

void save_image(const at::Tensor &tensor, const char *fp, const char *format, int64_t nrow, int64_t padding,
                bool normalize, const gt_floats &value_range, bool scale_each, double pad_value) {
  at::NoGradGuard no_grad;
  check_png(fp, format);
  if (tensor.dim() < 2 || tensor.dim() > 4)
    gt_throw("save_image: cannot write '%s': expected a 4-D batch of images (B x C x H x W) or one image (C x H x W "
             "or H x W), got a %lld-D tensor of size %s",
             fp, (long long)tensor.dim(), gt_size_text(tensor.sizes()).c_str());
  at::Tensor grid = make_grid(tensor, nrow, padding, normalize, value_range, scale_each, pad_value);
  // grid.mul(255).add_(0.5).clamp_(0, 255).permute(1, 2, 0).to("cpu", torch.uint8)
  at::Tensor nd = grid.mul(255).add_(0.5).clamp_(0, 255).permute({1, 2, 0}).to(at::kCPU, at::kByte);
  write_png(nd, fp);
}

}  // namespace

extern "C" gt_tensor *gt_vision_make_grid(gt_tensor *tensor, int64_t nrow, int64_t padding, bool normalize,
                                          gt_floats value_range, bool scale_each, double pad_value) {
  return GT_TENSOR(make_grid(U(tensor), nrow, padding, normalize, value_range, scale_each, pad_value));
}

extern "C" gt_tensor *gt_vision_make_grid_list(const gt_list *tensors, int64_t nrow, int64_t padding, bool normalize,
                                               gt_floats value_range, bool scale_each, double pad_value) {
  return GT_TENSOR(make_grid(stack_list(tensors), nrow, padding, normalize, value_range, scale_each, pad_value));
}

extern "C" int gt_vision_save_image(gt_tensor *tensor, const char *fp, const char *format, int64_t nrow,
                                    int64_t padding, bool normalize, gt_floats value_range, bool scale_each,
                                    double pad_value) {
  return GT_STATUS(save_image(U(tensor), fp, format, nrow, padding, normalize, value_range, scale_each, pad_value));
}

extern "C" int gt_vision_save_image_list(const gt_list *tensors, const char *fp, const char *format, int64_t nrow,
                                         int64_t padding, bool normalize, gt_floats value_range, bool scale_each,
                                         double pad_value) {
  return GT_STATUS(
      save_image(stack_list(tensors), fp, format, nrow, padding, normalize, value_range, scale_each, pad_value));
}

extern "C" int gt_vision_write_png(gt_tensor *hwc, const char *path) { return GT_STATUS(write_png(U(hwc), path)); }
