// image.cpp - image files and PIL's resampling, for torchvision's
// ImageFolder and the transforms that see a data set's image before its
// ToTensor() (a PIL image in torchvision).
//
// Reading is torchvision's default_loader: PIL.Image.open(path).convert("RGB")
// through the same libpng and libjpeg(-turbo) PIL links, so the pixels are
// PIL's. Resizing is Pillow 9's ImagingResample (libImaging/Resample.c) for
// 8-bit planes, fixed point as there: a horizontal pass rounded to 8 bits,
// then a vertical one.
#include <ATen/ATen.h>
#ifdef GT_HAVE_PNG
#include <png.h>
#endif
#ifdef GT_HAVE_JPEG
#include <cstdio>
#include <jpeglib.h>
#endif

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <csetjmp>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include "gtorch_vision.h"
#include "internal.h"

namespace {

// ---- reading ------------------------------------------------------------------

struct FileCloser {
  void operator()(FILE *f) const { std::fclose(f); }
};
using File = std::unique_ptr<FILE, FileCloser>;

// Python's repr of a path for the messages ('...').
std::string quoted(const std::string &path) { return "'" + path + "'"; }

File open_image(const std::string &path) {
  FILE *f = std::fopen(path.c_str(), "rb");
  if (!f) {
    int err = errno;
    const char *cls = err == ENOENT ? "FileNotFoundError" : err == EACCES ? "PermissionError"
                      : err == EISDIR ? "IsADirectoryError" : "OSError";
    gt_throw("%s: [Errno %d] %s: %s", cls, err, std::strerror(err), quoted(path).c_str());
  }
  return File(f);
}

[[noreturn]] void unidentified(const std::string &path) {
  gt_throw("OSError: cannot identify image file %s", quoted(path).c_str());
}

// The decoders below longjmp on errors, so the functions that call setjmp
// hold no C++ objects: the image goes into the tensor of an Image, which
// the caller owns.
struct Image {
  at::Tensor hwc;  // uint8 H x W x 3
  uint8_t *make(int64_t h, int64_t w) {
    hwc = at::empty({h, w, 3}, at::kByte);
    return hwc.data_ptr<uint8_t>();
  }
};

#ifdef GT_HAVE_PNG
struct PngError {
  jmp_buf jump;
  char message[256];
};
void png_fail(png_structp png, png_const_charp msg) {
  auto *e = static_cast<PngError *>(png_get_error_ptr(png));
  std::snprintf(e->message, sizeof e->message, "%s", msg);
  longjmp(e->jump, 1);
}
void png_quiet(png_structp, png_const_charp) {}

// An 8-bit RGB image: gray replicated, a palette looked up, alpha dropped,
// as PIL's convert("RGB") does. False with err->message on failure.
bool decode_png(FILE *f, Image *img, PngError *err) {
  png_structp png = png_create_read_struct(PNG_LIBPNG_VER_STRING, err, png_fail, png_quiet);
  png_infop info = png ? png_create_info_struct(png) : nullptr;
  png_bytep *volatile rows = nullptr;
  if (!info || setjmp(err->jump)) {
    if (!info) std::snprintf(err->message, sizeof err->message, "out of memory");
    std::free(rows);
    png_destroy_read_struct(&png, info ? &info : nullptr, nullptr);
    return false;
  }
  png_init_io(png, f);
  png_read_info(png, info);
  png_set_strip_16(png);
  png_set_palette_to_rgb(png);
  png_set_expand_gray_1_2_4_to_8(png);
  png_set_gray_to_rgb(png);
  png_set_strip_alpha(png);
  png_set_interlace_handling(png);
  png_read_update_info(png, info);
  int64_t h = png_get_image_height(png, info), w = png_get_image_width(png, info);
  uint8_t *data = img->make(h, w);
  rows = static_cast<png_bytep *>(std::malloc(sizeof(png_bytep) * static_cast<size_t>(h)));
  if (!rows) png_error(png, "out of memory");
  for (int64_t y = 0; y < h; y++) rows[y] = data + y * w * 3;
  png_read_image(png, rows);
  png_read_end(png, nullptr);
  std::free(rows);
  png_destroy_read_struct(&png, &info, nullptr);
  return true;
}
#endif

#ifdef GT_HAVE_JPEG
struct JpegError {
  jpeg_error_mgr mgr;
  jmp_buf jump;
  char message[JMSG_LENGTH_MAX];
};
void jpeg_fail(j_common_ptr cinfo) {
  auto *e = reinterpret_cast<JpegError *>(cinfo->err);
  (*cinfo->err->format_message)(cinfo, e->message);
  longjmp(e->jump, 1);
}

// libjpeg's decoder at its defaults (islow DCT, fancy upsampling), as PIL
// runs it, asked for RGB (gray replicated).
bool decode_jpeg(FILE *f, Image *img, JpegError *err) {
  jpeg_decompress_struct cinfo;
  cinfo.err = jpeg_std_error(&err->mgr);
  err->mgr.error_exit = jpeg_fail;
  if (setjmp(err->jump)) {
    jpeg_destroy_decompress(&cinfo);
    return false;
  }
  jpeg_create_decompress(&cinfo);
  jpeg_stdio_src(&cinfo, f);
  jpeg_read_header(&cinfo, TRUE);
  cinfo.out_color_space = JCS_RGB;
  jpeg_start_decompress(&cinfo);
  int64_t w = cinfo.output_width;
  uint8_t *data = img->make(cinfo.output_height, w);
  while (cinfo.output_scanline < cinfo.output_height) {
    JSAMPROW row = data + static_cast<int64_t>(cinfo.output_scanline) * w * 3;
    jpeg_read_scanlines(&cinfo, &row, 1);
  }
  jpeg_finish_decompress(&cinfo);
  jpeg_destroy_decompress(&cinfo);
  return true;
}
#endif

// The file's format from its first bytes, as PIL identifies it.
at::Tensor read_rgb(const std::string &path) {
  File f = open_image(path);
  unsigned char magic[8] = {0};
  size_t got = std::fread(magic, 1, sizeof magic, f.get());
  std::rewind(f.get());
  static const unsigned char kPng[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
  if (got == 8 && std::memcmp(magic, kPng, 8) == 0) {
#ifdef GT_HAVE_PNG
    Image img;
    PngError err;
    if (!decode_png(f.get(), &img, &err)) gt_throw("OSError: %s: %s", quoted(path).c_str(), err.message);
    return img.hwc.permute({2, 0, 1}).contiguous();
#else
    gt_throw("OSError: reading PNG files needs libpng, which this libgtorch was built without");
#endif
  }
  if (got >= 3 && magic[0] == 0xff && magic[1] == 0xd8 && magic[2] == 0xff) {
#ifdef GT_HAVE_JPEG
    Image img;
    JpegError err;
    if (!decode_jpeg(f.get(), &img, &err)) gt_throw("OSError: %s: %s", quoted(path).c_str(), err.message);
    return img.hwc.permute({2, 0, 1}).contiguous();
#else
    gt_throw("OSError: reading JPEG files needs libjpeg, which this libgtorch was built without");
#endif
  }
  unidentified(path);
}

// ---- PIL's resampling -----------------------------------------------------------

struct Filter {
  double (*fn)(double);
  double support;
};

double bilinear_filter(double x) {
  if (x < 0.0) x = -x;
  if (x < 1.0) return 1.0 - x;
  return 0.0;
}

double bicubic_filter(double x) {
  const double a = -0.5;
  if (x < 0.0) x = -x;
  if (x < 1.0) return ((a + 2.0) * x - (a + 3.0)) * x * x + 1;
  if (x < 2.0) return (((x - 5) * x + 8) * x - 4) * a;
  return 0.0;
}

const int kPrecisionBits = 32 - 8 - 2;

// One output pixel's window of input pixels and their fixed-point weights.
struct Window {
  int64_t first = 0, count = 0;
  std::vector<int32_t> weights;
};

// precompute_coeffs, then normalize_coeffs_8bpc: for each output pixel the
// input pixels under the filter (scaled up when reducing) and its weights.
std::vector<Window> coefficients(int64_t in_size, int64_t out_size, const Filter &filter) {
  double scale = static_cast<double>(in_size) / static_cast<double>(out_size);
  double filterscale = scale < 1.0 ? 1.0 : scale;
  double support = filter.support * filterscale;
  std::vector<Window> ws(static_cast<size_t>(out_size));
  for (int64_t xx = 0; xx < out_size; xx++) {
    double center = (xx + 0.5) * scale, ss = 1.0 / filterscale;
    int64_t xmin = std::max<int64_t>(static_cast<int64_t>(center - support + 0.5), 0);
    int64_t xmax = std::min<int64_t>(static_cast<int64_t>(center + support + 0.5), in_size) - xmin;
    std::vector<double> k(static_cast<size_t>(std::max<int64_t>(xmax, 0)));
    double total = 0.0;
    for (int64_t x = 0; x < xmax; x++) {
      k[x] = filter.fn((x + xmin - center + 0.5) * ss);
      total += k[x];
    }
    Window &w = ws[xx];
    w.first = xmin;
    w.count = xmax;
    for (double v : k) {
      if (total != 0.0) v /= total;
      w.weights.push_back(static_cast<int32_t>(v < 0 ? -0.5 + v * (1 << kPrecisionBits) : 0.5 + v * (1 << kPrecisionBits)));
    }
  }
  return ws;
}

// clip8: the sum back to 8 bits, clamped.
uint8_t clip8(int64_t sum) {
  int64_t v = sum >> kPrecisionBits;
  return static_cast<uint8_t>(v < 0 ? 0 : v > 255 ? 255 : v);
}

// Resamples each plane's rows (`stride` apart, `n` values a line) along one
// axis: `along` the distance between the values of a line.
at::Tensor resample_lines(const at::Tensor &in, int64_t axis, int64_t out_size, const Filter &filter) {
  std::vector<int64_t> shape(in.sizes().begin(), in.sizes().end());
  int64_t in_size = shape[axis];
  shape[axis] = out_size;
  at::Tensor out = at::empty(shape, at::kByte);
  std::vector<Window> ws = coefficients(in_size, out_size, filter);
  // A plane is [outer][axis][inner]: inner is 1 for the last axis.
  int64_t inner = 1, outer = 1;
  for (size_t d = static_cast<size_t>(axis) + 1; d < shape.size(); d++) inner *= shape[d];
  for (int64_t d = 0; d < axis; d++) outer *= shape[d];
  const uint8_t *src = in.data_ptr<uint8_t>();
  uint8_t *dst = out.data_ptr<uint8_t>();
  for (int64_t o = 0; o < outer; o++)
    for (int64_t xx = 0; xx < out_size; xx++) {
      const Window &w = ws[xx];
      for (int64_t i = 0; i < inner; i++) {
        int64_t sum = 1 << (kPrecisionBits - 1);
        for (int64_t x = 0; x < w.count; x++) sum += src[(o * in_size + w.first + x) * inner + i] * int64_t(w.weights[x]);
        dst[(o * out_size + xx) * inner + i] = clip8(sum);
      }
    }
  return out;
}

// PIL's NEAREST resize (ImagingScaleAffine): the pixel under each output
// pixel's centre, the position accumulated step by step as Pillow does.
std::vector<int64_t> nearest_table(int64_t out, int64_t in) {
  double step = static_cast<double>(in) / static_cast<double>(out), pos = step * 0.5;
  std::vector<int64_t> t;
  for (int64_t i = 0; i < out; i++, pos += step) t.push_back(std::min<int64_t>(static_cast<int64_t>(pos), in - 1));
  return t;
}

at::Tensor resize_nearest(const at::Tensor &img, int64_t h, int64_t w) {
  auto opts = at::TensorOptions().dtype(at::kLong);
  at::Tensor ys = at::tensor(nearest_table(h, img.size(-2)), opts), xs = at::tensor(nearest_table(w, img.size(-1)), opts);
  return img.index_select(-2, ys).index_select(-1, xs);
}

}  // namespace

namespace gtv {

// PIL's Image.resize((w, h), resample) of a uint8 image [..., H, W] (every
// plane alike): resample 0 nearest, 2 bilinear, 3 bicubic.
at::Tensor pil_resize(const at::Tensor &img, int64_t h, int64_t w, int64_t resample) {
  if (img.scalar_type() != at::kByte) gt_throw("a PIL-stage resize takes a uint8 image");
  if (h <= 0 || w <= 0) gt_throw("ValueError: height and width must be > 0");
  at::Tensor in = img.to(at::kCPU).contiguous();
  if (resample == 0) return resize_nearest(in, h, w).to(img.device());
  if (resample != 2 && resample != 3) gt_throw("ValueError: unknown resampling filter (%lld)", (long long)resample);
  Filter f = resample == 2 ? Filter{bilinear_filter, 1.0} : Filter{bicubic_filter, 2.0};
  int64_t ih = in.size(-2), iw = in.size(-1);
  if (iw != w) in = resample_lines(in, in.dim() - 1, w, f);
  if (ih != h) in = resample_lines(in, in.dim() - 2, h, f);
  return in.to(img.device());
}

}  // namespace gtv

extern "C" gt_tensor *gt_tv_read_image_rgb(const char *path) {
  return GT_TENSOR(read_rgb(path ? path : ""));
}
