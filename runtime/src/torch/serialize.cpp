// serialize.cpp - torch.save / torch.load in PyTorch's zip format.
//
// Saving is libtorch's pickle_save (the format torch.save writes; Python's
// torch.load reads it). Loading is libtorch's Unpickler over the archive's
// data.pkl, after one rewrite: libtorch's Unpickler turns
// collections.OrderedDict into None (it only expects the empty hooks dict of
// a tensor), so a state dict saved by Python would not load. The rewrite
// makes every OrderedDict a plain dict (which keeps insertion order) with a
// marker item in front, which the loaded dict trades for the ordered mark
// (gt_state_set_ordered), and drops the BUILD that sets its `_metadata`
// attribute; a collections.Counter (an lr scheduler's milestones) becomes
// the plain dict it is built from. Saving does the reverse: every dict
// marked ordered gets the marker item, and each dict that holds it in
// pickle_save's bytes is written as Python pickles an OrderedDict.
#include <caffe2/serialize/inline_container.h>
#include <caffe2/serialize/read_adapter_interface.h>
#include <torch/csrc/jit/serialization/export.h>
#include <torch/csrc/jit/serialization/pickle.h>
#include <torch/csrc/jit/serialization/pickler.h>
#include <torch/csrc/jit/serialization/unpickler.h>

#include <cerrno>
#include <cstdio>
#include <functional>
#include <map>
#include <set>
#include <unordered_map>
#include <unordered_set>
#include <sys/stat.h>
#include <unistd.h>

#include "internal.h"
#include "state_internal.h"

namespace {

// ---- files ---------------------------------------------------------------------

// CPython's OSError subclass of an errno, which its message names.
const char *oserror_class(int err) {
  switch (err) {
    case ENOENT: return "FileNotFoundError";
    case EACCES: case EPERM: return "PermissionError";
    case EISDIR: return "IsADirectoryError";
    default: return "OSError";
  }
}

// What is left of stream f (a pipe: no size to read by) from its
// position; false on a read error.
bool read_stream(FILE *f, std::vector<char> &data) {
  char buf[1 << 16];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) data.insert(data.end(), buf, buf + n);
  return !std::ferror(f);
}

// Writes what a save streams: every byte of each piece, or records the
// first error (errno) and drops the rest. It tells libtorch's writer each
// piece went out all the same: the writer's failure would throw, and its
// destructor then throw again (a terminate); the caller reports err.
struct Sink {
  std::function<bool(const char *, size_t)> put;
  int err = 0;
  size_t operator()(const void *bytes, size_t len) {
    if (!err && !put(static_cast<const char *>(bytes), len)) err = errno ? errno : EIO;
    return len;
  }
};

// Writes all of buf to fd: false (errno set) on an error.
bool write_all(int fd, const char *buf, size_t len) {
  while (len > 0) {
    ssize_t w = ::write(fd, buf, len);
    if (w < 0 && errno == EINTR) continue;
    if (w < 0) return false;
    buf += w;
    len -= static_cast<size_t>(w);
  }
  return true;
}

// The process's umask, read without changing it where /proc tells it.
mode_t current_umask() {
  if (FILE *f = std::fopen("/proc/self/status", "r")) {
    char line[256];
    unsigned mask = 0;
    bool found = false;
    while (!found && std::fgets(line, sizeof line, f)) found = std::sscanf(line, "Umask: %o", &mask) == 1;
    std::fclose(f);
    if (found) return static_cast<mode_t>(mask);
  }
  mode_t mask = ::umask(022);
  ::umask(mask);
  return mask;
}

// The mode open(path, "wb") leaves the file with: an existing file keeps
// its own, a new one gets 0666 less the umask.
mode_t mode_for(const char *path) {
  struct stat st;
  if (::stat(path, &st) == 0 && S_ISREG(st.st_mode)) return st.st_mode & 07777;
  return 0666 & ~current_umask();
}

// Writes what `write` streams into its Sink to a temporary file beside
// `path` and renames it over `path`, so a crash never leaves a
// half-written checkpoint; the file ends with the mode Python's open(path,
// "wb") gives it (mkstemp's is 0600).
void write_file_atomic(const char *path, const std::function<void(Sink &)> &write) {
  std::string tmp = std::string(path) + ".tmp.XXXXXX";
  int fd = mkstemp(&tmp[0]);
  if (fd < 0) gt_throw("[Errno %d] %s: '%s'", errno, std::strerror(errno), path);
  Sink sink{[fd](const char *buf, size_t len) { return write_all(fd, buf, len); }};
  auto fail = [&](int e) {
    ::close(fd);
    ::unlink(tmp.c_str());
    gt_throw("[Errno %d] %s: '%s'", e, std::strerror(e), path);
  };
  if (::fchmod(fd, mode_for(path)) != 0) fail(errno);
  try {
    write(sink);
  } catch (...) {
    ::close(fd);
    ::unlink(tmp.c_str());
    throw;
  }
  if (sink.err) fail(sink.err);
  if (::fsync(fd) != 0 || ::close(fd) != 0 || std::rename(tmp.c_str(), path) != 0) {
    int e = errno;
    ::unlink(tmp.c_str());
    gt_throw("[Errno %d] %s: '%s'", e, std::strerror(e), path);
  }
}

struct BufferAdapter : caffe2::serialize::ReadAdapterInterface {
  const std::vector<char> &data;
  explicit BufferAdapter(const std::vector<char> &d) : data(d) {}
  size_t size() const override { return data.size(); }
  size_t read(uint64_t pos, void *buf, size_t n, const char *) const override {
    if (pos >= data.size()) return 0;
    n = std::min(n, static_cast<size_t>(data.size() - pos));
    std::memcpy(buf, data.data() + pos, n);
    return n;
  }
};

// A regular file's bytes [start, start + len) read where they lie (pread),
// so each tensor's record is copied once, from the file into its storage,
// as Python's torch.load reads it. A read error is libtorch's (it
// checks each read's length).
struct FileRangeAdapter : caffe2::serialize::ReadAdapterInterface {
  int fd;
  uint64_t start, len;
  FileRangeAdapter(int f, uint64_t s, uint64_t n) : fd(f), start(s), len(n) {}
  size_t size() const override { return static_cast<size_t>(len); }
  size_t read(uint64_t pos, void *buf, size_t n, const char *) const override {
    if (pos >= len) return 0;
    n = static_cast<size_t>(std::min<uint64_t>(n, len - pos));
    size_t got = 0;
    while (got < n) {
      ssize_t r = ::pread(fd, static_cast<char *>(buf) + got, n - got, static_cast<off_t>(start + pos + got));
      if (r < 0 && errno == EINTR) continue;
      if (r <= 0) break;
      got += static_cast<size_t>(r);
    }
    return got;
  }
};

// ---- the OrderedDict rewrite ------------------------------------------------------

// The key of the item put in front of an ordered dict's own while it
// passes through libtorch's pickler or unpickler.
const std::string &order_marker() {
  static const std::string k("\x01gtorch:collections.OrderedDict\x01");
  return k;
}

// BINUNICODE of the marker.
std::string marker_op() {
  const std::string &k = order_marker();
  std::string op = "X";
  for (int i = 0; i < 4; i++) op += static_cast<char>((k.size() >> (8 * i)) & 0xff);
  return op + k;
}

// The length of the operand of the pickle opcode at in[pos] (the opcode
// itself not counted); throws on opcodes libtorch's pickles never hold.
size_t operand_len(const char *in, size_t size, size_t pos) {
  auto uint_le = [&](size_t at, int n) {
    if (at + n > size) gt_throw("truncated pickle data");
    uint64_t v = 0;
    for (int i = n - 1; i >= 0; i--) v = (v << 8) | static_cast<unsigned char>(in[at + i]);
    return static_cast<size_t>(v);
  };
  switch (in[pos]) {
    case '\x80': case 'K': case 'q': case 'h': return 1;
    case 'M': return 2;
    case 'J': case 'r': case 'j': return 4;
    case 'G': case '\x95': return 8;
    case 'X': case 'T': case 'B': return 4 + uint_le(pos + 1, 4);
    case '\x8d': case '\x8e': return 8 + uint_le(pos + 1, 8);
    case 'U': case 'C': case '\x8c': case '\x8a': return 1 + uint_le(pos + 1, 1);
    case '\x8b': return 4 + uint_le(pos + 1, 4);
    case 'c': {
      size_t a = pos + 1;
      for (int lines = 0; lines < 2; a++) {
        if (a >= size) gt_throw("truncated pickle data");
        if (in[a] == '\n') lines++;
      }
      return a - pos - 1;
    }
    case ')': case '}': case ']': case '(': case 'R': case 'u': case 's': case 'b': case 'Q': case 't':
    case '\x85': case '\x86': case '\x87': case '\x88': case '\x89': case 'N': case 'e': case 'a':
    case '.': case '0': case '1': case '2': case 'd': case 'l': case '\x81': case '\x93': case '\x94':
      return 0;
    default: gt_throw("unsupported pickle opcode 0x%02x", static_cast<unsigned char>(in[pos]));
  }
}

// Every dict in v (by identity) that is marked ordered, copied with the
// marker item in front; what holds one is copied too, the rest is v's own.
struct OrderMarker {
  std::unordered_map<const void *, c10::IValue> done;

  c10::IValue mark(const c10::IValue &v) {
    if (!v.isGenericDict() && !v.isList() && !v.isTuple()) return v;
    auto it = done.find(v.internalToPointer());
    if (it != done.end()) return it->second;
    c10::IValue r = v;
    if (v.isGenericDict()) {
      auto d = v.toGenericDict();
      bool ordered = gt_state_is_ordered(v), changed = ordered;
      std::vector<std::pair<c10::IValue, c10::IValue>> items;
      for (const auto &kv : d) {
        items.emplace_back(kv.key(), mark(kv.value()));
        changed = changed || !items.back().second.isSameIdentity(kv.value());
      }
      if (changed) {
        GenericDict out(d.keyType(), d.valueType());
        if (ordered) out.insert(order_marker(), c10::IValue());
        for (auto &kv : items) out.insert_or_assign(std::move(kv.first), std::move(kv.second));
        r = out;
      }
    } else if (v.isList()) {
      auto l = v.toList();
      std::vector<c10::IValue> items;
      bool changed = false;
      for (const auto &item : l) {
        items.push_back(mark(item));
        changed = changed || !items.back().isSameIdentity(item);
      }
      if (changed) {
        GenericList out(l.elementType());
        for (auto &item : items) out.push_back(std::move(item));
        r = out;
      }
    } else {
      const auto &elems = v.toTupleRef().elements();
      std::vector<c10::IValue> items;
      bool changed = false;
      for (const auto &item : elems) {
        items.push_back(mark(item));
        changed = changed || !items.back().isSameIdentity(item);
      }
      if (changed) r = c10::ivalue::Tuple::create(std::move(items));
    }
    done.emplace(v.internalToPointer(), r);
    return r;
  }
};

// libtorch's pickle of a value OrderMarker marked, as Python pickles it:
// each dict whose first key is the marker (EMPTY_DICT, MARK, the marker,
// None) becomes collections.OrderedDict() without that item, and memo slots
// are renumbered past the marker string's (libtorch's unpickler wants them
// consecutive).
std::string ordered_pickle(const std::vector<char> &in) {
  const char *p = in.data();
  size_t size = in.size(), pos = 0;
  const std::string marker = marker_op();
  std::string out;
  std::unordered_map<uint64_t, uint64_t> renumbered;
  uint64_t next_slot = 0;
  bool have_marker_slot = false;
  uint64_t marker_slot = 0;
  size_t dict_at = 0;
  int after_dict = 0;  // 1: just after EMPTY_DICT (and its PUT), 2: and a MARK
  auto memo_op = [&](char small, char large, uint64_t slot) {
    std::string op(1, slot <= 0xff ? small : large);
    for (int i = 0; i < (slot <= 0xff ? 1 : 4); i++) op += static_cast<char>((slot >> (8 * i)) & 0xff);
    return op;
  };
  auto slot_at = [&](size_t at, int n) {
    uint64_t v = 0;
    for (int i = n - 1; i >= 0; i--) v = (v << 8) | static_cast<unsigned char>(p[at + i]);
    return v;
  };
  while (pos < size) {
    char op = p[pos];
    size_t len = 1 + operand_len(p, size, pos);
    if (pos + len > size) gt_throw("truncated pickle data");
    std::string whole(p + pos, len);
    pos += len;
    bool is_marker = (op == 'X' && whole == marker) ||
                     ((op == 'h' || op == 'j') && have_marker_slot && slot_at(pos - len + 1, op == 'h' ? 1 : 4) == marker_slot);
    if (is_marker) {
      if (after_dict != 2) gt_throw("internal error: an ordered dict's marker out of place in pickle data");
      if (pos < size && (p[pos] == 'q' || p[pos] == 'r')) {  // the marker string's memo slot: dropped
        int n = p[pos] == 'q' ? 1 : 4;
        if (pos + 1 + n > size) gt_throw("truncated pickle data");
        marker_slot = slot_at(pos + 1, n);
        have_marker_slot = true;
        pos += 1 + n;
      }
      if (pos >= size || p[pos] != 'N') gt_throw("internal error: an ordered dict's marker without its None");
      pos++;
      out.replace(dict_at, 1, "ccollections\nOrderedDict\n)R");
      after_dict = 0;
      continue;
    }
    switch (op) {
      case 'q': case 'r': {
        uint64_t slot = slot_at(pos - len + 1, op == 'q' ? 1 : 4);
        renumbered[slot] = next_slot;
        out += memo_op('q', 'r', next_slot++);
        if (after_dict != 1) after_dict = 0;
        continue;
      }
      case 'h': case 'j': {
        auto it = renumbered.find(slot_at(pos - len + 1, op == 'h' ? 1 : 4));
        if (it == renumbered.end()) gt_throw("malformed pickle data");
        out += memo_op('h', 'j', it->second);
        after_dict = 0;
        continue;
      }
      case '}': dict_at = out.size(); after_dict = 1; break;
      case '(': after_dict = after_dict == 1 ? 2 : 0; break;
      default: after_dict = 0; break;
    }
    out += whole;
    if (op == '.') break;
  }
  return out;
}

// Streams torch.save's archive of v into sink, as libtorch's pickle_save
// writes it, with Python's OrderedDict where a dict is marked ordered. The
// tensors' bytes go from their storages to the sink, copied nowhere else.
void write_archive(const at::IValue &v, Sink &sink) {
  OrderMarker marker;
  c10::IValue marked = marker.mark(v);
  std::vector<char> pickle_data;
  torch::jit::Pickler pickler([&](const char *buf, size_t size) { pickle_data.insert(pickle_data.end(), buf, buf + size); });
  pickler.protocol();
  pickler.pushIValue(marked);
  pickler.stop();
  std::string data = ordered_pickle(pickle_data);
  caffe2::serialize::PyTorchStreamWriter writer([&](const void *bytes, size_t len) { return sink(bytes, len); });
  torch::jit::writeArchiveAndTensors("data", data.data(), data.size(), pickler.tensorData(), writer);
  writer.writeEndOfFile();
}

// The loaded value's dicts that hold the marker item (as OrderedDicts
// load), marked ordered without it.
void unmark(const c10::IValue &v, std::unordered_set<const void *> &seen) {
  if (!v.isGenericDict() && !v.isList() && !v.isTuple()) return;
  if (!seen.insert(v.internalToPointer()).second) return;
  if (v.isGenericDict()) {
    auto d = v.toGenericDict();
    if (d.erase(order_marker())) gt_state_set_ordered(v, true);
    for (const auto &kv : d) unmark(kv.value(), seen);
  } else if (v.isList()) {
    for (const auto &item : v.toList()) unmark(item, seen);
  } else {
    for (const auto &item : v.toTupleRef().elements()) unmark(item, seen);
  }
}

struct PickleRewriter {
  const std::vector<char> &in;
  size_t pos = 0;
  std::string out;
  std::set<uint64_t> od_memo;  // memo slots holding the OrderedDict class
  uint64_t memo_next = 0;      // for MEMOIZE (protocol 4)

  // Where each value on the unpickler's stack starts in `out`, so that a
  // MARK can be put in front of a SETITEM's key.
  std::vector<size_t> stack, marks;
  std::map<uint64_t, size_t> memo_at;  // memo slot -> where its PUT is in `out`
  std::set<uint64_t> erased;           // slots whose PUT was dropped with a state
  std::set<uint64_t> counter_memo;     // memo slots holding the Counter class
  // Where each pending Counter(dict) stands on the stack: a placeholder
  // entry for the class, nothing written for it.
  std::vector<size_t> counters;
  bool root_ordered = false;  // is the pickled object itself an OrderedDict (Python's state_dict())?

  explicit PickleRewriter(const std::vector<char> &p) : in(p) {}

  void push() { stack.push_back(out.size()); }
  void pop(size_t n) {
    if (stack.size() < n) gt_throw("malformed pickle data");
    stack.resize(stack.size() - n);
  }
  size_t at_depth(size_t n) const {
    if (stack.size() < n) gt_throw("malformed pickle data");
    return stack[stack.size() - n];
  }
  // Pops everything down to and including the last MARK; returns where it was.
  size_t pop_mark() {
    if (marks.empty()) gt_throw("malformed pickle data");
    size_t depth = marks.back();
    marks.pop_back();
    size_t at = stack[depth];
    stack.resize(depth);
    return at;
  }

  uint64_t uint_le(size_t at, int n) const {
    uint64_t v = 0;
    for (int i = n - 1; i >= 0; i--) v = (v << 8) | static_cast<unsigned char>(in[at + i]);
    return v;
  }
  void need(size_t n) const {
    if (pos + n > in.size()) gt_throw("truncated pickle data");
  }
  // SETITEM and APPEND, which libtorch lacks: a MARK before the last n
  // values, then op (SETITEMS, APPENDS), which libtorch has.
  void as_marked(size_t n, char op) {
    size_t at = at_depth(n);
    pop(n);
    out.insert(at, 1, '(');
    out += op;
  }

  // Counter's class, then (dict,), then REDUCE: is the stack at the dict?
  bool at_counter_args() const { return !counters.empty() && counters.back() + 2 == stack.size(); }

  std::string run() {
    bool pending = false, pending_reduce = false;
    bool counter_put = false;  // the op before pushed Counter's class, whose memo slot is dropped
    while (pos < in.size()) {
      size_t start = pos;
      char op = in[pos++];
      size_t len = 0;
      bool memo_put = false, memo_get = false;
      uint64_t memo_id = 0;
      switch (op) {
        case '\x80': case 'K': len = 1; break;                       // PROTO, BININT1
        case 'M': len = 2; break;                                     // BININT2
        case 'J': len = 4; break;                                     // BININT
        case 'G': case '\x95': len = 8; break;                        // BINFLOAT, FRAME
        case 'q': need(1); memo_put = true; memo_id = uint_le(pos, 1); len = 1; break;  // BINPUT
        case 'r': need(4); memo_put = true; memo_id = uint_le(pos, 4); len = 4; break;  // LONG_BINPUT
        case 'h': need(1); memo_get = true; memo_id = uint_le(pos, 1); len = 1; break;  // BINGET
        case 'j': need(4); memo_get = true; memo_id = uint_le(pos, 4); len = 4; break;  // LONG_BINGET
        case '\x94': memo_put = true; memo_id = memo_next; break;    // MEMOIZE
        case 'X': case 'T': case 'B': need(4); len = 4 + uint_le(pos, 4); break;  // BINUNICODE, BINSTRING, BINBYTES
        case '\x8d': case '\x8e': need(8); len = 8 + uint_le(pos, 8); break;     // BINUNICODE8, BINBYTES8
        case 'U': case 'C': case '\x8c': case '\x8a': need(1); len = 1 + uint_le(pos, 1); break;
        case '\x8b': need(4); len = 4 + uint_le(pos, 4); break;      // LONG4
        case 'c': {                                                   // GLOBAL module\nname\n
          size_t a = pos;
          for (int lines = 0; lines < 2; a++) {
            if (a >= in.size()) gt_throw("truncated pickle data");
            if (in[a] == '\n') lines++;
          }
          len = a - pos;
          break;
        }
        case ')': case '}': case ']': case '(': case 'R': case 'u': case 's': case 'b':
        case 'Q': case 't': case '\x85': case '\x86': case '\x87': case '\x88': case '\x89':
        case 'N': case 'e': case 'a': case '.': case '0': case '1': case '2': case 'd': case 'l':
        case '\x81': case '\x93':
          break;
        default: gt_throw("unsupported pickle opcode 0x%02x", static_cast<unsigned char>(op));
      }
      need(len);
      pos += len;
      std::string whole(in.data() + start, pos - start);

      if (memo_put) {
        if (op == '\x94') memo_next++;
        else memo_next = std::max(memo_next, memo_id + 1);
        if (counter_put) {
          counter_memo.insert(memo_id);
          counter_put = false;
          continue;
        }
        if (pending && !pending_reduce) od_memo.insert(memo_id);
        memo_at[memo_id] = out.size();
        erased.erase(memo_id);
        out += whole;
        continue;
      }
      counter_put = false;
      if ((op == 'c' && whole == "ccollections\nCounter\n") || (memo_get && counter_memo.count(memo_id))) {
        counters.push_back(stack.size());
        push();
        counter_put = true;
        continue;
      }
      if (op == '\x85' && at_counter_args()) continue;  // Counter's (dict,): the dict stays
      if (op == 'R' && at_counter_args()) {               // Counter(dict) is the dict
        stack.erase(stack.end() - 2);
        counters.pop_back();
        continue;
      }
      if (memo_get && erased.count(memo_id)) gt_throw("unsupported pickle data (a reference into an object's state)");
      if (pending) {
        // OrderedDict() is the class, then an empty tuple, then REDUCE.
        if (op == ')' && !pending_reduce) { pending_reduce = true; continue; }
        if (op == 'R' && pending_reduce) {  // the marker item: MARK, its key, None, SETITEMS
          pending = pending_reduce = false;
          out += '(' + marker_op() + "Nu";
          continue;
        }
        gt_throw("unsupported use of collections.OrderedDict in pickle data");
      }
      if ((op == 'c' && whole == "ccollections\nOrderedDict\n") || (memo_get && od_memo.count(memo_id))) {
        if (stack.empty() && marks.empty()) root_ordered = true;  // the first value: the root
        push();
        out += '}';  // EMPTY_DICT stands for the class and for the instance
        pending = true;
        continue;
      }
      switch (op) {
        case 'b': {
          // BUILD only sets attributes (an OrderedDict's _metadata) in the
          // pickles torch.save writes for tensors and state dicts: drop the
          // state's bytes (libtorch has no POP) and what they memoized.
          size_t cut = at_depth(1);
          pop(1);
          out.resize(cut);
          for (auto &m : memo_at)
            if (m.second >= cut) erased.insert(m.first);
          continue;
        }
        case 's': as_marked(2, 'u'); continue;  // SETITEM: MARK key value SETITEMS
        case 'a': as_marked(1, 'e'); continue;  // APPEND: MARK value APPENDS
        case '(': marks.push_back(stack.size()); push(); break;
        case 't': case 'd': case 'l': { size_t a = pop_mark(); stack.push_back(a); break; }
        case 'u': case 'e': pop_mark(); break;
        case 'R': case '\x81': case '\x93': { size_t a = at_depth(2); pop(2); stack.push_back(a); break; }
        case '\x85': case '\x86': case '\x87': {
          int n = op - '\x84';
          size_t a = at_depth(n);
          pop(n);
          stack.push_back(a);
          break;
        }
        case '0': pop(1); break;
        case 'Q': break;                                      // BINPERSID: pop 1, push 1
        case '1': pop_mark(); break;                          // POP_MARK
        case '\x80': case '\x95': case '.': break;           // PROTO, FRAME, STOP
        default: push(); break;                               // everything else pushes one
      }
      out += whole;
      if (op == '.') break;
    }
    return out;
  }
};

// The object the torch.save archive that `adapter` reads holds; *ordered
// (where given): whether it was pickled as an OrderedDict. `name` names
// the file in errors.
at::IValue parse_archive(std::shared_ptr<caffe2::serialize::ReadAdapterInterface> adapter, const char *name,
                         bool *ordered) {
  // Python's torch.load of an empty file falls back to its legacy format,
  // whose pickle.load finds nothing.
  if (adapter->size() == 0) gt_throw("EOFError: Ran out of input");
  try {
    caffe2::serialize::PyTorchStreamReader reader(adapter);
    auto pkl = reader.getRecord("data.pkl");
    const char *p = static_cast<const char *>(std::get<0>(pkl).get());
    std::vector<char> bytes(p, p + std::get<1>(pkl));
    PickleRewriter rewriter(bytes);
    std::string rewritten = rewriter.run();
    if (ordered) *ordered = rewriter.root_ordered;
    size_t at = 0;
    auto read = [&](char *buf, size_t n) {
      n = std::min(n, rewritten.size() - at);
      std::memcpy(buf, rewritten.data() + at, n);
      at += n;
      return n;
    };
    auto record = [&](const std::string &name) { return std::get<0>(reader.getRecord("data/" + name)); };
    torch::jit::Unpickler unpickler(read, nullptr, nullptr, record, c10::nullopt);
    at::IValue v = unpickler.parse_ivalue();
    std::unordered_set<const void *> seen;
    unmark(v, seen);
    return v;
  } catch (const c10::Error &e) {
    gt_throw("cannot load '%s' (not a file written by torch.save?): %s", name, e.what_without_backtrace());
  } catch (const std::exception &e) {
    gt_throw("cannot load '%s' (not a file written by torch.save?): %s", name, e.what());
  }
}

// The archive from stream f's position to its end: read where it lies in
// a regular file (f is left at its end), else read whole first.
at::IValue parse_stream(FILE *f, const char *name, bool *ordered) {
  struct stat st;
  long at = std::ftell(f);
  if (::fstat(fileno(f), &st) == 0 && S_ISREG(st.st_mode) && at >= 0 && st.st_size >= at) {
    auto adapter = std::make_shared<FileRangeAdapter>(fileno(f), static_cast<uint64_t>(at),
                                                      static_cast<uint64_t>(st.st_size - at));
    at::IValue v = parse_archive(adapter, name, ordered);
    std::fseek(f, 0, SEEK_END);
    return v;
  }
  std::vector<char> data;
  if (!read_stream(f, data)) gt_throw("%s: [Errno %d] %s: '%s'", oserror_class(errno), errno, std::strerror(errno), name);
  return parse_archive(std::make_shared<BufferAdapter>(data), name, ordered);
}

at::IValue load_ivalue(const char *path, bool *ordered = nullptr) {
  if (!path) gt_throw("torch.load: path is None");
  FILE *f = std::fopen(path, "rb");
  if (!f) gt_throw("%s: [Errno %d] %s: '%s'", oserror_class(errno), errno, std::strerror(errno), path);
  struct Closer {
    FILE *f;
    ~Closer() { std::fclose(f); }
  } closer{f};
  return parse_stream(f, path, ordered);
}

void save_ivalue(const at::IValue &v, const char *path) {
  if (!path) gt_throw("torch.save: path is None");
  write_file_atomic(path, [&](Sink &sink) { write_archive(v, sink); });
}

// Tensors are saved as CPU tensors with their autograd history cut, as
// torch.save does (it keeps requires_grad, which pickle_save does not).
at::Tensor for_saving(const at::Tensor &t) { return t.detach(); }

}  // namespace

extern "C" int gt_save(gt_tensor *x, const char *path) { return GT_STATUS(save_ivalue(for_saving(U(x)), path)); }

extern "C" gt_tensor *gt_load(const char *path) {
  return GT_TENSOR(([&] {
    at::IValue v = load_ivalue(path);
    if (!v.isTensor()) gt_throw("'%s' holds a %s, not a tensor", path, v.tagKind().c_str());
    return v.toTensor();
  }()));
}

extern "C" int gt_save_named(const char *path, int64_t n, const char *const *names, gt_tensor *const *tensors) {
  return GT_STATUS(([&] {
    c10::Dict<std::string, at::Tensor> d;
    for (int64_t i = 0; i < n; i++) {
      if (!names[i]) gt_throw("state dict key %lld is None", (long long)i);
      d.insert_or_assign(names[i], for_saving(U(tensors[i])));
    }
    save_ivalue(d, path);
    return 0;
  }()));
}

namespace {

// A dict[str, Tensor] as libtorch's dict, each tensor as torch.save keeps it.
c10::Dict<std::string, at::Tensor> tensors_for_saving(const gt_dict *dict) {
  if (!dict) gt_throw("torch.save: the state dict is None");
  c10::Dict<std::string, at::Tensor> d;
  gt_list *keys = gt_dict_keys(dict), *values = gt_dict_values(dict);
  try {
    for (int64_t i = 0; i < keys->len; i++) {
      auto *k = static_cast<gt_str *>(keys->items[i].p);
      d.insert_or_assign(std::string(k->data, k->len), for_saving(U(static_cast<gt_tensor *>(values->items[i].p))));
    }
  } catch (...) {
    gt_release(keys);
    gt_release(values);
    throw;
  }
  gt_release(keys);
  gt_release(values);
  return d;
}

// ... as the value torch.save writes: an OrderedDict where dict is one.
at::IValue for_saving(const gt_dict *dict) {
  at::IValue v(tensors_for_saving(dict));
  if (gt_dict_is_ordered(dict)) gt_state_set_ordered(v, true);
  return v;
}

}  // namespace

extern "C" int gt_save_dict(const gt_dict *dict, const char *path) {
  return GT_STATUS(save_ivalue(for_saving(dict), path));
}

namespace {

// The dict[str, Tensor] a loaded object is, in its saved order; `name`
// names the file in errors.
gt_dict *tensor_dict_of(const at::IValue &v, bool ordered, const char *name) {
  if (!v.isGenericDict())
    gt_throw("'%s' holds a %s, not a dict of tensors%s", name, v.tagKind().c_str(),
             v.isTensor() ? " (a tensor loads where one is expected: `x: torch.Tensor = torch.load(...)`)" : "");
  auto gd = v.toGenericDict();
  // Check everything first so that a bad entry leaks no half-built dict.
  for (const auto &kv : gd) {
    if (!kv.key().isString())
      gt_throw("'%s' is not a dict of str to Tensor: a key is of type %s", name, gt_state_kind(kv.key()));
    if (!kv.value().isTensor())  // a training checkpoint: {"epoch": 3, "model": ...}
      gt_throw("'%s' is not a dict of str to Tensor: its '%s' is of type %s (a checkpoint of values of several types "
               "loads where a dict[str, Any] is expected: `checkpoint: dict[str, Any] = torch.load(...)`)",
               name, kv.key().toStringRef().c_str(), gt_state_kind(kv.value()));
  }
  gt_dict *d = gt_dict_new(&gt_t_tensor_dict);
  for (const auto &kv : gd) {
    const std::string &k = kv.key().toStringRef();
    gt_val key, val;
    key.p = gt_str_new(k.data(), static_cast<int64_t>(k.size()));
    val.p = gt_wrap(kv.value().toTensor());
    gt_dict_set(d, key, val);  // the dict retains both
    gt_release(key.p);
    gt_release(val.p);
  }
  gt_dict_set_ordered(d, ordered || gt_state_is_ordered(v));  // an OrderedDict at the root, however wrapped
  return d;
}

gt_state *state_of(const at::IValue &v, const char *name) {
  if (!v.isGenericDict()) gt_throw("'%s' holds a %s, not a state dict", name, v.tagKind().c_str());
  return gt_state_wrap(v.toGenericDict());
}

}  // namespace

extern "C" gt_dict *gt_load_dict(const char *path) {
  return GT_VALUE(gt_dict *, nullptr, ([&] {
    bool ordered = false;
    at::IValue v = load_ivalue(path, &ordered);
    return tensor_dict_of(v, ordered, path);
  }()));
}

// ---- state dicts of mixed values (an optimizer's, an lr scheduler's) -------------

extern "C" int gt_save_state(gt_state *s, const char *path) {
  return GT_STATUS(save_ivalue(gt_state_of(s), path));
}

// torch.load's map_location: a CUDA device where the runtime has none is
// PyTorch's RuntimeError, before any tensor is moved (libtorch's own
// error there is no RuntimeError, and would end the program).
c10::Device gt_map_location(c10::Device device) {
  if (device.is_cuda() && !gt_has_cuda_device())
    gt_throw("Attempting to deserialize object on a CUDA device but torch.cuda.is_available() is False. If you are "
             "running on a CPU-only machine, please use torch.load with map_location=torch.device('cpu') to map your "
             "storages to the CPU.");
  return device;
}

extern "C" gt_state *gt_load_state(const char *path, bool weights_only) {
  return GT_VALUE(gt_state *, nullptr, state_of(load_ivalue(path), path));
}

namespace {

// Every tensor in a loaded state moved to device, as map_location does.
c10::IValue moved(const c10::IValue &v, c10::Device device) {
  if (v.isTensor()) return v.toTensor().to(device);
  if (v.isList()) {
    GenericList out = gt_generic_list();
    for (const auto &item : v.toListRef()) out.push_back(moved(item, device));
    return out;
  }
  if (v.isTuple()) {
    std::vector<c10::IValue> items;
    for (const auto &item : v.toTupleRef().elements()) items.push_back(moved(item, device));
    return c10::ivalue::Tuple::create(std::move(items));
  }
  if (v.isGenericDict()) {
    GenericDict out = gt_generic_dict();
    for (const auto &kv : v.toGenericDict()) out.insert(kv.key(), moved(kv.value(), device));
    c10::IValue r(out);
    if (gt_state_is_ordered(v)) gt_state_set_ordered(r, true);
    return r;
  }
  return v;
}

gt_state *load_state_to(const char *path, c10::Device device) {
  return state_of(moved(load_ivalue(path), gt_map_location(device)), path);
}

}  // namespace

extern "C" gt_state *gt_load_state_to(const char *path, const gt_device *map_location, bool weights_only) {
  return GT_VALUE(gt_state *, nullptr, load_state_to(path, gt_unwrap_device(map_location)));
}

extern "C" gt_state *gt_load_state_to_name(const char *path, const char *map_location, bool weights_only) {
  return GT_VALUE(gt_state *, nullptr, load_state_to(path, c10::Device(std::string(map_location ? map_location : "cpu"))));
}

// ---- binary file objects: torch.save(obj, f) and torch.load(f) ------------------------
//
// f is what open(path, "wb") or open(path, "rb") gives (bfile.c). save
// writes the archive at f's position, as Python's torch.save writes it
// through f.write (the archive's offsets count from its own start), and
// flushes f. load reads from f's position to its end and leaves f there;
// Python 1.13 reads from the position too but finds no archive that does
// not start the file (its buffer adapter sizes the file wrongly).

// bfile.h: f's stdio stream; a gt_fail where f is the other direction,
// which the language's types rule out (save takes a BufferedWriter, load a
// BufferedReader).
extern "C" FILE *gt_bfile_stream(gt_bfile *f, bool write);

namespace {

// f's stream, Python's ValueError where f is closed.
FILE *open_stream(gt_bfile *f, bool write) {
  if (!f) gt_throw(write ? "torch.save: f is None" : "torch.load: f is None");
  if (gt_bfile_closed(f)) gt_throw(write ? "ValueError: write to closed file" : "ValueError: I/O operation on closed file");
  return gt_bfile_stream(f, write);
}

// f.name, for errors.
std::string name_of(gt_bfile *f) {
  gt_str *name = gt_bfile_name(f);
  std::string s(name->data, name->len);
  gt_release(name);
  return s;
}

[[noreturn]] void throw_os_error(int err) { gt_throw("%s: [Errno %d] %s", oserror_class(err), err, std::strerror(err)); }

void save_ivalue_to(const at::IValue &v, gt_bfile *f) {
  FILE *fp = open_stream(f, true);
  Sink sink{[fp](const char *buf, size_t len) { return std::fwrite(buf, 1, len, fp) == len; }};
  write_archive(v, sink);
  if (sink.err) throw_os_error(sink.err);
  if (std::fflush(fp) != 0) throw_os_error(errno);
}

at::IValue load_ivalue_from(gt_bfile *f, bool *ordered = nullptr) {
  FILE *fp = open_stream(f, false);
  return parse_stream(fp, name_of(f).c_str(), ordered);
}

// map_location= by name; NULL (None) loads where saved.
c10::optional<c10::Device> device_named(const char *map_location) {
  if (!map_location) return c10::nullopt;
  return gt_map_location(c10::Device(std::string(map_location)));
}

c10::optional<c10::Device> device_of(const gt_device *map_location) {
  if (!map_location) return c10::nullopt;
  return gt_map_location(gt_unwrap_device(map_location));
}

gt_dict *load_dict_from(gt_bfile *f, c10::optional<c10::Device> device) {
  bool ordered = false;
  at::IValue v = load_ivalue_from(f, &ordered);
  if (device) v = moved(v, *device);
  return tensor_dict_of(v, ordered, name_of(f).c_str());
}

gt_state *load_state_from(gt_bfile *f, c10::optional<c10::Device> device) {
  at::IValue v = load_ivalue_from(f);
  if (device) v = moved(v, *device);
  return state_of(v, name_of(f).c_str());
}

// A dict result: the generated code checks handles and statuses only, so a
// failure is raised here.
gt_dict *raised_if_null(gt_dict *d) {
  if (!d) gt_fail("%s", gt_last_error());
  return d;
}

}  // namespace

extern "C" int gt_save_file(gt_tensor *x, gt_bfile *f) { return GT_STATUS(save_ivalue_to(for_saving(U(x)), f)); }

extern "C" int gt_save_dict_file(const gt_dict *dict, gt_bfile *f) {
  return GT_STATUS(save_ivalue_to(for_saving(dict), f));
}

extern "C" int gt_save_state_file(gt_state *s, gt_bfile *f) { return GT_STATUS(save_ivalue_to(gt_state_of(s), f)); }

extern "C" gt_dict *gt_bind_load_dict_file(gt_bfile *f, bool weights_only) {
  return raised_if_null(GT_VALUE(gt_dict *, nullptr, load_dict_from(f, c10::nullopt)));
}

extern "C" gt_dict *gt_bind_load_dict_file_to(gt_bfile *f, const gt_device *map_location, bool weights_only) {
  return raised_if_null(GT_VALUE(gt_dict *, nullptr, load_dict_from(f, device_of(map_location))));
}

extern "C" gt_dict *gt_bind_load_dict_file_to_name(gt_bfile *f, const char *map_location, bool weights_only) {
  return raised_if_null(GT_VALUE(gt_dict *, nullptr, load_dict_from(f, device_named(map_location))));
}

extern "C" gt_state *gt_load_state_file(gt_bfile *f, bool weights_only) {
  return GT_VALUE(gt_state *, nullptr, load_state_from(f, c10::nullopt));
}

extern "C" gt_state *gt_load_state_file_to(gt_bfile *f, const gt_device *map_location, bool weights_only) {
  return GT_VALUE(gt_state *, nullptr, load_state_from(f, device_of(map_location)));
}

extern "C" gt_state *gt_load_state_file_to_name(gt_bfile *f, const char *map_location, bool weights_only) {
  return GT_VALUE(gt_state *, nullptr, load_state_from(f, device_named(map_location)));
}
