// print.cpp - str(tensor) exactly as PyTorch's Python prints it.
//
// A port of torch/_tensor_str.py (PyTorch 1.13) over ATen: the _Formatter
// (int mode, sci mode, widths), line wrapping at `linewidth`, summarisation
// with `...`, and the suffixes (device, dtype, size, grad_fn, requires_grad).
// libtorch's own operator<< prints a different format, hence this file.
#include <torch/csrc/autograd/function.h>

#include <c10/core/DefaultDtype.h>

#include <cmath>
#include <cstdio>
#include <mutex>
#include <unordered_map>
#include <string>
#include <vector>

#include "internal.h"
#include "nn_internal.h"

namespace {

// torch._tensor_str.PRINT_OPTS
struct PrintOpts {
  int precision = 4;
  double threshold = 1000;
  int64_t edgeitems = 3;
  int64_t linewidth = 80;
  int sci_mode = -1;  // -1: chosen by the formatter (Python's None)
};
PrintOpts opts;

// The elements of a tensor, on the CPU, in a form Python's formatting sees:
// doubles for floating dtypes (exact for every float type), int64 otherwise.
struct Data {
  bool floating = false, boolean = false, complex = false;
  at::Tensor re, im;  // contiguous CPU double/int64 copies; im only if complex
  std::vector<int64_t> sizes;  // after summarising
  std::vector<bool> cut;       // per dim: summarised, "..." after edgeitems

  double f(const at::Tensor &t, int64_t i) const { return t.data_ptr<double>()[i]; }
  int64_t n(int64_t i) const { return re.data_ptr<int64_t>()[i]; }
};

// Python's "{:.Nf}" / "{:.Ne}": like printf, but nan prints without a sign.
std::string fmt_float(double v, char conv, int prec) {
  if (std::isnan(v)) return "nan";
  if (std::isinf(v)) return v > 0 ? "inf" : "-inf";
  char buf[512];
  char spec[8] = {'%', '.', '*', conv, 0};
  std::snprintf(buf, sizeof buf, spec, prec, v);
  return buf;
}

std::string pad_left(std::string s, size_t width) {
  if (s.size() < width) s.insert(0, width - s.size(), ' ');
  return s;
}

// torch._tensor_str._Formatter, fed with the values that will be printed.
struct Formatter {
  bool floating;
  bool boolean;
  bool int_mode = true;
  bool sci_mode = false;
  size_t max_width = 1;

  Formatter(bool floating_, bool boolean_, const std::vector<double> &fvals,
            const std::vector<int64_t> &ivals)
      : floating(floating_), boolean(boolean_) {
    if (!floating) {
      for (int64_t v : ivals) max_width = std::max(max_width, int_str(v).size());
      return;
    }
    std::vector<double> nz;  // nonzero finite values
    for (double v : fvals)
      if (std::isfinite(v) && v != 0) nz.push_back(v);
    if (nz.empty()) return;  // Python returns early: sci_mode option ignored too
    double mn = std::fabs(nz[0]), mx = mn;
    for (double v : nz) {
      mn = std::min(mn, std::fabs(v));
      mx = std::max(mx, std::fabs(v));
    }
    for (double v : nz)
      if (v != std::ceil(v)) {
        int_mode = false;
        break;
      }
    if (int_mode) {
      if (mx / mn > 1000.0 || mx > 1.0e8) {
        sci_mode = true;
        for (double v : nz) max_width = std::max(max_width, fmt_float(v, 'e', opts.precision).size());
      } else {
        for (double v : nz) max_width = std::max(max_width, fmt_float(v, 'f', 0).size() + 1);
      }
    } else if (mx / mn > 1000.0 || mx > 1.0e8 || mn < 1.0e-4) {
      sci_mode = true;
      for (double v : nz) max_width = std::max(max_width, fmt_float(v, 'e', opts.precision).size());
    } else {
      for (double v : nz) max_width = std::max(max_width, fmt_float(v, 'f', opts.precision).size());
    }
    if (opts.sci_mode >= 0) sci_mode = opts.sci_mode != 0;
  }

  std::string int_str(int64_t v) const {
    if (boolean) return v ? "True" : "False";
    return std::to_string(v);
  }

  // Unpadded text of one value (Formatter.format before its padding).
  std::string raw(double fv, int64_t iv) const {
    if (!floating) return int_str(iv);
    if (sci_mode) return fmt_float(fv, 'e', opts.precision);
    if (int_mode) {
      std::string r = fmt_float(fv, 'f', 0);
      if (std::isfinite(fv)) r += ".";
      return r;
    }
    return fmt_float(fv, 'f', opts.precision);
  }

  std::string format(double fv, int64_t iv = 0) const { return pad_left(raw(fv, iv), max_width); }
};

// Walks every element of the (already summarised) data.
template <class F>
void visit(const std::vector<int64_t> &sizes, size_t d, int64_t offset, F &&f) {
  if (d == sizes.size()) {
    f(offset);
    return;
  }
  int64_t stride = 1;
  for (size_t k = d + 1; k < sizes.size(); k++) stride *= sizes[k];
  for (int64_t i = 0; i < sizes[d]; i++) visit(sizes, d + 1, offset + i * stride, f);
}

struct Printer {
  const Data &data;
  Formatter *re_fmt, *im_fmt;

  std::string value(int64_t i) const {
    if (!data.complex) return re_fmt->format(data.floating ? data.f(data.re, i) : 0, data.floating ? 0 : data.n(i));
    // _vector_str._val_formatter: the imaginary part carries its own sign.
    std::string real = re_fmt->format(data.f(data.re, i));
    std::string imag = im_fmt->format(data.f(data.im, i)) + "j";
    imag.erase(0, imag.find_first_not_of(' '));
    if (imag[0] == '+' || imag[0] == '-') return real + imag;
    return real + "+" + imag;
  }

  size_t element_length() const {
    size_t n = re_fmt->max_width + 2;
    if (data.complex) n += im_fmt->max_width + 1;
    return n;
  }

  // _vector_str
  std::string vector(int64_t offset, int64_t indent) const {
    int64_t per_line = std::max<int64_t>(
        1, (int64_t)std::floor((double)(opts.linewidth - indent) / (double)element_length()));
    std::vector<std::string> items;
    int64_t n = data.sizes.back();
    for (int64_t i = 0; i < n; i++) {
      if (data.cut.back() && i == opts.edgeitems) items.push_back(" ...");
      items.push_back(value(offset + i));
    }
    std::string out = "[";
    for (size_t i = 0; i < items.size(); i++) {
      if (i > 0) out += (i % per_line == 0) ? ",\n" + std::string(indent + 1, ' ') : ", ";
      out += items[i];
    }
    return out + "]";
  }

  // _tensor_str_with_formatter
  std::string nested(size_t d, int64_t offset, int64_t indent) const {
    size_t dim = data.sizes.size();
    if (dim == 0) return value(0);
    if (d == dim - 1) return vector(offset, indent);
    int64_t stride = 1;
    for (size_t k = d + 1; k < dim; k++) stride *= data.sizes[k];
    std::string sep = "," + std::string(dim - d - 1, '\n') + std::string(indent + 1, ' ');
    std::string out = "[";
    for (int64_t i = 0; i < data.sizes[d]; i++) {
      if (i > 0) out += sep;
      if (data.cut[d] && i == opts.edgeitems) out += "..." + sep;
      out += nested(d + 1, offset + i * stride, indent + 1);
    }
    return out + "]";
  }
};

// The elements printing shows, as get_summarized_data picks them: along
// every dim longer than 2 * edgeitems, the first and last edgeitems only.
// Selecting them first keeps printing a huge tensor cheap.
Data load(const at::Tensor &self, bool summarize) {
  Data d;
  at::Tensor t = self.detach();
  int64_t e = opts.edgeitems;
  for (int64_t k = 0; k < t.dim(); k++) {
    int64_t n = t.size(k);
    bool cut = summarize && n > 2 * e;
    d.cut.push_back(cut);
    if (cut)
      t = at::cat({t.narrow(k, 0, e), t.narrow(k, n - e, e)}, k);
  }
  t = t.cpu();
  if (t.is_neg()) t = t.resolve_neg();
  if (t.is_conj()) t = t.resolve_conj();
  d.sizes = t.sizes().vec();
  d.complex = t.is_complex();
  d.floating = d.complex || t.is_floating_point();
  d.boolean = t.scalar_type() == at::kBool;
  if (d.complex) {
    d.re = at::real(t).to(at::kDouble).contiguous();
    d.im = at::imag(t).to(at::kDouble).contiguous();
  } else {
    d.re = t.to(d.floating ? at::kDouble : at::kLong).contiguous();
  }
  return d;
}

// _tensor_str (for a non-empty tensor)
std::string tensor_str(const at::Tensor &self, int64_t indent) {
  Data data = load(self, (double)self.numel() > opts.threshold);
  std::vector<double> fre, fim;
  std::vector<int64_t> ivals;
  visit(data.sizes, 0, 0, [&](int64_t i) {
    if (!data.floating) {
      ivals.push_back(data.n(i));
      return;
    }
    fre.push_back(data.f(data.re, i));
    if (data.complex) fim.push_back(data.f(data.im, i));
  });
  Formatter re_fmt(data.floating, data.boolean, fre, ivals);
  Formatter im_fmt(true, false, fim, ivals);
  Printer p{data, &re_fmt, &im_fmt};
  return p.nested(0, 0, indent);
}

// str(torch.float32) and friends.
std::string dtype_name(c10::ScalarType s) {
  switch (s) {
    case at::kFloat: return "torch.float32";
    case at::kDouble: return "torch.float64";
    case at::kHalf: return "torch.float16";
    case at::kBFloat16: return "torch.bfloat16";
    case at::kComplexHalf: return "torch.complex32";
    case at::kComplexFloat: return "torch.complex64";
    case at::kComplexDouble: return "torch.complex128";
    case at::kByte: return "torch.uint8";
    case at::kChar: return "torch.int8";
    case at::kShort: return "torch.int16";
    case at::kInt: return "torch.int32";
    case at::kLong: return "torch.int64";
    case at::kBool: return "torch.bool";
    default: return std::string("torch.") + c10::toString(s);
  }
}

// str(tuple(shape))
std::string shape_str(at::IntArrayRef s) {
  std::string out = "(";
  for (size_t i = 0; i < s.size(); i++) out += (i ? ", " : "") + std::to_string(s[i]);
  return out + (s.size() == 1 ? ",)" : ")");
}

// _add_suffixes: a sparse tensor's first suffix starts a line of its own
std::string add_suffixes(const std::string &body, const std::vector<std::string> &suffixes, int64_t indent,
                         bool force_newline) {
  std::string out = body;
  // Python: len(s) - s.rfind("\n") + 1, where rfind gives -1 if absent.
  int64_t nl = (int64_t)body.rfind('\n');
  if (nl == (int64_t)std::string::npos) nl = -1;
  int64_t last = (int64_t)body.size() - nl + 1;
  for (const std::string &s : suffixes) {
    if (force_newline || last + (int64_t)s.size() + 2 > opts.linewidth) {
      out += ",\n" + std::string(indent, ' ') + s;
      last = indent + (int64_t)s.size();
      force_newline = false;
    } else {
      out += ", " + s;
      last += (int64_t)s.size() + 2;
    }
  }
  return out + ")";
}

// The autograd node's Python class name: "MulBackward0".
std::string grad_fn_name(const at::Tensor &t) {
  std::string name = t.grad_fn()->name();
  size_t p = name.rfind("::");
  return p == std::string::npos ? name : name.substr(p + 2);
}

// Weak references to the TensorImpls that are nn.Parameters.
std::mutex params_mu;
std::unordered_map<const c10::TensorImpl *, c10::weak_intrusive_ptr<c10::TensorImpl>> params;

}  // namespace

void gt_param_mark(const at::Tensor &t) {
  std::lock_guard<std::mutex> lock(params_mu);
  if (params.size() > 64 && (params.size() & (params.size() - 1)) == 0) {
    // Forget the dead ones now and then, so the table does not grow forever.
    for (auto it = params.begin(); it != params.end();)
      it = it->second.expired() ? params.erase(it) : std::next(it);
  }
  params.insert_or_assign(t.unsafeGetTensorImpl(), c10::weak_intrusive_ptr<c10::TensorImpl>(t.getIntrusivePtr()));
}

bool gt_param_is(const at::Tensor &t) {
  std::lock_guard<std::mutex> lock(params_mu);
  auto it = params.find(t.unsafeGetTensorImpl());
  if (it == params.end()) return false;
  // The same address may have been reused by a newer tensor.
  return it->second.lock().get() == t.unsafeGetTensorImpl();
}

// _str_intern for a dense tensor (plus Parameter.__repr__).
// A number made a tensor (gt_tensor_of_number) prints as the number.
static std::string number_repr(const at::Tensor &t) {
  at::Scalar s = t.item();
  gt_num n = s.isBoolean() ? gt_num_bool(s.toBool()) : s.isIntegral(false) ? gt_num_int(s.toLong())
                                                                             : gt_num_float(s.toDouble());
  gt_str *text = gt_num_str(n);
  std::string r(text->data, (size_t)text->len);
  gt_release(text);
  return r;
}

// _tensor_str of a part of a sparse tensor, which may be empty.
static std::string part_str(const at::Tensor &part, int64_t indent) {
  if (part.numel() == 0) return "[], size=" + shape_str(part.sizes());
  return tensor_str(part, indent);
}

// The sparse COO branch of _str_intern: size, nnz and a dtype not the
// default as suffixes, the body its indices and values, each printed as
// a tensor of its own on a line of its own.
static std::string sparse_body(const at::Tensor &t, int64_t indent, bool has_default_dtype,
                               std::vector<std::string> &suffixes) {
  suffixes.push_back("size=" + shape_str(t.sizes()));
  suffixes.push_back("nnz=" + std::to_string(t._nnz()));
  if (!has_default_dtype) suffixes.push_back("dtype=" + dtype_name(t.scalar_type()));
  const std::string indices_prefix = "indices=tensor(", values_prefix = "values=tensor(";
  std::string indices = part_str(t._indices().detach(), indent + (int64_t)indices_prefix.size());
  std::string values = part_str(t._values().detach(), indent + (int64_t)values_prefix.size());
  return indices_prefix + indices + "),\n" + std::string(indent, ' ') + values_prefix + values + ")";
}

std::string gt_tensor_repr(const at::Tensor &t) {
  if (!t.defined()) return "None";
  if (t.unsafeGetTensorImpl()->is_wrapped_number()) return number_repr(t);
  at::NoGradGuard no_grad;
  const std::string prefix = "tensor(";
  const int64_t indent = (int64_t)prefix.size();
  std::vector<std::string> suffixes;
  if (!t.device().is_cpu()) suffixes.push_back("device='" + t.device().str() + "'");
  c10::ScalarType st = t.scalar_type();
  c10::ScalarType dflt = c10::get_default_dtype_as_scalartype();
  c10::ScalarType dflt_complex = dflt == at::kDouble ? at::kComplexDouble : at::kComplexFloat;
  bool has_default_dtype = st == dflt || st == dflt_complex || st == at::kLong || st == at::kBool;
  std::string body;
  if (t.is_sparse()) {
    body = sparse_body(t, indent, has_default_dtype, suffixes);
    suffixes.push_back("layout=torch.sparse_coo");
  } else if (t.is_meta()) {
    // A meta tensor has a shape and no data: PyTorch prints "...".
    suffixes.push_back("size=" + shape_str(t.sizes()));
    if (st != dflt) suffixes.push_back("dtype=" + dtype_name(st));
    body = "...";
  } else if (t.numel() == 0) {
    if (t.dim() != 1) suffixes.push_back("size=" + shape_str(t.sizes()));
    if (st != dflt) suffixes.push_back("dtype=" + dtype_name(st));
    body = "[]";
  } else {
    if (!has_default_dtype) suffixes.push_back("dtype=" + dtype_name(st));
    body = tensor_str(t, indent);
  }
  if (t.grad_fn())
    suffixes.push_back("grad_fn=<" + grad_fn_name(t) + ">");
  else if (t.requires_grad())
    suffixes.push_back("requires_grad=True");
  std::string s = add_suffixes(prefix + body, suffixes, indent, t.is_sparse());
  if (gt_param_is(t)) s = "Parameter containing:\n" + s;
  return s;
}

extern "C" gt_str *gt_tensor_str(gt_tensor *x) {
  return GT_VALUE(gt_str *, nullptr, ([&]() -> gt_str * {
                    std::string s = x ? gt_tensor_repr(x->t) : "None";  // str(None): a missing .grad
                    return gt_str_new(s.data(), (int64_t)s.size());
                  }()));
}

extern "C" void gt_debug_print(gt_tensor *x) {
  gt_guard<int>(0, [&]() -> int {
    std::string s = x ? gt_tensor_repr(x->t) : "None";
    std::fprintf(stderr, "%s\n", s.c_str());
    return 0;
  });
}

extern "C" int gt_set_printoptions(int64_t precision, double threshold, int64_t edgeitems,
                                   int64_t linewidth, const char *profile, int sci_mode) {
  return GT_STATUS(([&] {
    PrintOpts p = opts;
    if (profile) {
      std::string prof = profile;
      if (prof == "default") p = PrintOpts();
      else if (prof == "short") p.precision = 2, p.threshold = 1000, p.edgeitems = 2, p.linewidth = 80;
      else if (prof == "full") p.precision = 4, p.threshold = INFINITY, p.edgeitems = 3, p.linewidth = 80;
      else gt_throw("set_printoptions: unknown profile '%s'", profile);
    }
    if (edgeitems == 0) gt_throw("set_printoptions: edgeitems must be at least 1");
    if (precision >= 0) p.precision = (int)std::min<int64_t>(precision, 100);
    if (threshold >= 0) p.threshold = threshold;
    if (edgeitems >= 0) p.edgeitems = edgeitems;
    if (linewidth >= 0) p.linewidth = linewidth;
    p.sci_mode = sci_mode < 0 ? -1 : sci_mode != 0;
    opts = p;
  }()));
}
