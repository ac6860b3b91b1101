/* unicodedata.c - CPython 3.11's unicodedata module: the character
 * properties (category, bidirectional, east_asian_width, mirrored,
 * combining, decomposition, decimal, digit, numeric) and the normalization
 * forms NFC, NFD, NFKC and NFKD (normalize, is_normalized), with its
 * messages. name() and lookup() are not here: they need the name table.
 *
 * The tables (gt_unicodedata_db.h, in the build tree) are written at build
 * time by gen_unicodedata.py from CPython itself. Normalization is UAX #15
 * as CPython's Modules/unicodedata.c does it: a quick check first (most
 * text is already normalized, and comes back as it is), else the full
 * decomposition, canonical ordering by combining class and, for NFC and
 * NFKC, canonical composition, with Hangul syllables computed.
 *
 * Bytes that are not valid UTF-8 (the runtime never makes them, but input()
 * may read them) have an unassigned code point's properties, and normalize
 * leaves them as they are. */
#include <stdlib.h>

#include "core_internal.h"
#include "unicode_internal.h"

/* The properties of the code points that share them. */
typedef struct gt_ucd_props {
  uint8_t category, bidirectional, east_asian_width, mirrored;
  uint8_t combining;
  uint8_t quick_check;      /* 2 bits per form, by gt_ucd_form's order: GT_UCD_QC_* */
  uint8_t decimal, digit;   /* GT_UCD_NO_DIGIT where there is none */
  uint8_t numeric;          /* 1 + index into gt_ucd_numeric_values; 0: none */
} gt_ucd_props;

/* A primary composite and its canonical decomposition, sorted by the pair. */
typedef struct gt_ucd_pair {
  uint32_t first, second, composite;
} gt_ucd_pair;

#define GT_UCD_STR(s) {{GT_IMMORTAL, &gt_str_class}, sizeof(s) - 1, s}
#include "gt_unicodedata_db.h"

#define GT_UCD_NO_DIGIT 0xFF
#define GT_UCD_MAX_CP 0x10FFFFu

enum { GT_UCD_QC_YES, GT_UCD_QC_MAYBE, GT_UCD_QC_NO };

/* ---- per code point ------------------------------------------------------ */

static const gt_ucd_props *gt_ucd_props_of(uint32_t cp) {
  if (cp > GT_UCD_MAX_CP) return &gt_ucd_prop_records[0];
  uint32_t block = gt_ucd_prop_index1[cp >> GT_UCD_PROP_SHIFT];
  uint32_t mask = (1u << GT_UCD_PROP_SHIFT) - 1;
  return &gt_ucd_prop_records[gt_ucd_prop_index2[(block << GT_UCD_PROP_SHIFT) + (cp & mask)]];
}

static unsigned gt_ucd_combining(uint32_t cp) { return gt_ucd_props_of(cp)->combining; }

/* The decomposition of cp, a header (tag << 8 | length) then the code
 * points, or NULL where it has none. */
static const uint32_t *gt_ucd_decomp_of(uint32_t cp) {
  if (cp > GT_UCD_MAX_CP) return NULL;
  uint32_t block = gt_ucd_decomp_index1[cp >> GT_UCD_DECOMP_SHIFT];
  uint32_t mask = (1u << GT_UCD_DECOMP_SHIFT) - 1;
  uint32_t offset = gt_ucd_decomp_index2[(block << GT_UCD_DECOMP_SHIFT) + (cp & mask)];
  return offset ? &gt_ucd_decomp_data[offset] : NULL;
}

/* ---- walking UTF-8 ------------------------------------------------------- */

/* A byte that does not start a well-formed sequence, as a code point beyond
 * Unicode's that keeps the byte: no properties, written back unchanged. */
#define GT_UCD_RAW_BYTE 0x80000000u

/* The code point at *pos (unicode.c's decoding), a raw byte kept as itself. */
static uint32_t gt_ucd_next_or_raw(const gt_str *s, int64_t *pos) {
  unsigned char c = (unsigned char)s->data[*pos];
  uint32_t cp = gt_ucd_next(s, pos);
  return cp == GT_UCD_BAD ? GT_UCD_RAW_BYTE | c : cp;
}

/* The one character of a chr argument, or CPython's TypeError, which names
 * the argument as `what` ("category() argument", "digit() argument 1"). */
static uint32_t gt_ucd_char(const gt_str *s, const char *what) {
  if (gt_str_len(s) != 1) gt_fail("TypeError: %s must be a unicode character, not str", what);
  int64_t pos = 0;
  return gt_ucd_next_or_raw(s, &pos);
}

/* ---- the properties ------------------------------------------------------ */

gt_str *gt_unicodedata_category(const gt_str *chr) {
  const gt_ucd_props *p = gt_ucd_props_of(gt_ucd_char(chr, "category() argument"));
  return gt_retain(&gt_ucd_categories[p->category]);
}

gt_str *gt_unicodedata_bidirectional(const gt_str *chr) {
  const gt_ucd_props *p = gt_ucd_props_of(gt_ucd_char(chr, "bidirectional() argument"));
  return gt_retain(&gt_ucd_bidirectionals[p->bidirectional]);
}

gt_str *gt_unicodedata_east_asian_width(const gt_str *chr) {
  const gt_ucd_props *p = gt_ucd_props_of(gt_ucd_char(chr, "east_asian_width() argument"));
  return gt_retain(&gt_ucd_widths[p->east_asian_width]);
}

int64_t gt_unicodedata_mirrored(const gt_str *chr) {
  return gt_ucd_props_of(gt_ucd_char(chr, "mirrored() argument"))->mirrored;
}

int64_t gt_unicodedata_combining(const gt_str *chr) {
  return gt_ucd_props_of(gt_ucd_char(chr, "combining() argument"))->combining;
}

/* "<compat> 0020 0308": the tag, then the code points in hex. Hangul
 * syllables have none here, as in CPython (their decomposition is
 * computed, not in UnicodeData.txt). */
gt_str *gt_unicodedata_decomposition(const gt_str *chr) {
  const uint32_t *d = gt_ucd_decomp_of(gt_ucd_char(chr, "decomposition() argument"));
  if (!d) return gt_str_empty();
  gt_sbuf b;
  gt_sbuf_init(&b);
  gt_sbuf_put_str(&b, &gt_ucd_decomp_tags[d[0] >> 8]);
  for (uint32_t k = 0; k < (d[0] & 0xFF); k++)
    gt_sbuf_printf(&b, b.len ? " %04X" : "%04X", (unsigned)d[1 + k]);
  return gt_sbuf_finish(&b);
}

/* decimal(), digit(): the value, or dflt where there is none; with no
 * default (has_dflt false) that is the ValueError `missing`. */
static int64_t gt_ucd_digit_value(unsigned value, int64_t dflt, bool has_dflt, const char *missing) {
  if (value != GT_UCD_NO_DIGIT) return value;
  if (!has_dflt) gt_fail("ValueError: %s", missing);
  return dflt;
}

int64_t gt_unicodedata_decimal(const gt_str *chr) {
  const gt_ucd_props *p = gt_ucd_props_of(gt_ucd_char(chr, "decimal() argument 1"));
  return gt_ucd_digit_value(p->decimal, 0, false, "not a decimal");
}

/* Also the Optional[int] form: a None default (GT_NONE_INT) comes back. */
int64_t gt_unicodedata_decimal_default(const gt_str *chr, int64_t dflt) {
  const gt_ucd_props *p = gt_ucd_props_of(gt_ucd_char(chr, "decimal() argument 1"));
  return gt_ucd_digit_value(p->decimal, dflt, true, "not a decimal");
}

int64_t gt_unicodedata_digit(const gt_str *chr) {
  const gt_ucd_props *p = gt_ucd_props_of(gt_ucd_char(chr, "digit() argument 1"));
  return gt_ucd_digit_value(p->digit, 0, false, "not a digit");
}

int64_t gt_unicodedata_digit_default(const gt_str *chr, int64_t dflt) {
  const gt_ucd_props *p = gt_ucd_props_of(gt_ucd_char(chr, "digit() argument 1"));
  return gt_ucd_digit_value(p->digit, dflt, true, "not a digit");
}

double gt_unicodedata_numeric(const gt_str *chr) {
  const gt_ucd_props *p = gt_ucd_props_of(gt_ucd_char(chr, "numeric() argument 1"));
  if (!p->numeric) gt_fail("ValueError: not a numeric character");
  return gt_ucd_numeric_values[p->numeric - 1];
}

/* Also the Optional[float] form: a None default (GT_NONE_FLOAT) comes back. */
double gt_unicodedata_numeric_default(const gt_str *chr, double dflt) {
  const gt_ucd_props *p = gt_ucd_props_of(gt_ucd_char(chr, "numeric() argument 1"));
  return p->numeric ? gt_ucd_numeric_values[p->numeric - 1] : dflt;
}

/* numeric(c, 0): the value is a float, the default stays an int. */
gt_num gt_unicodedata_numeric_int_default(const gt_str *chr, int64_t dflt) {
  const gt_ucd_props *p = gt_ucd_props_of(gt_ucd_char(chr, "numeric() argument 1"));
  return p->numeric ? gt_num_float(gt_ucd_numeric_values[p->numeric - 1]) : gt_num_int(dflt);
}

static gt_str gt_ucd_version_str = GT_UCD_STR(GT_UCD_VERSION);
gt_str *const gt_unicodedata_unidata_version = &gt_ucd_version_str;

/* ---- code point buffers -------------------------------------------------- */

/* The text being normalized, as code points (GT_UCD_RAW_BYTE ones too). */
typedef struct gt_ucd_buf {
  uint32_t *cp;
  int64_t len, cap;
  uint32_t small[64];   /* most texts are short: no malloc for them */
} gt_ucd_buf;

static void gt_ucd_buf_init(gt_ucd_buf *b) {
  b->cp = b->small;
  b->len = 0;
  b->cap = (int64_t)(sizeof b->small / sizeof b->small[0]);
}

static void gt_ucd_push(gt_ucd_buf *b, uint32_t cp) {
  if (b->len == b->cap) {
    b->cap *= 2;
    if (b->cp == b->small) {
      b->cp = gt_xmalloc(sizeof(uint32_t) * (size_t)b->cap);
      memcpy(b->cp, b->small, sizeof b->small);
    } else {
      b->cp = gt_xrealloc(b->cp, sizeof(uint32_t) * (size_t)b->cap);
    }
  }
  b->cp[b->len++] = cp;
}

static void gt_ucd_buf_free(gt_ucd_buf *b) {
  if (b->cp != b->small) free(b->cp);
}

/* ---- normalization ------------------------------------------------------- */

/* The forms, in the order of the generated quick check fields. */
enum { GT_UCD_NFC, GT_UCD_NFKC, GT_UCD_NFD, GT_UCD_NFKD };

static int gt_ucd_form(const gt_str *form) {
  static const char *const names[] = {"NFC", "NFKC", "NFD", "NFKD"};
  for (int k = 0; k < 4; k++)
    if ((size_t)form->len == strlen(names[k]) && memcmp(form->data, names[k], (size_t)form->len) == 0) return k;
  gt_fail("ValueError: invalid normalization form");
}

static bool gt_ucd_form_composes(int form) { return form == GT_UCD_NFC || form == GT_UCD_NFKC; }
static bool gt_ucd_form_compat(int form) { return form == GT_UCD_NFKC || form == GT_UCD_NFKD; }

/* Hangul syllables decompose into jamo by arithmetic (the Unicode
 * Standard, section 3.12). */
enum {
  GT_HANGUL_S = 0xAC00, GT_HANGUL_L = 0x1100, GT_HANGUL_V = 0x1161, GT_HANGUL_T = 0x11A7,
  GT_HANGUL_LCOUNT = 19, GT_HANGUL_VCOUNT = 21, GT_HANGUL_TCOUNT = 28,
  GT_HANGUL_NCOUNT = GT_HANGUL_VCOUNT * GT_HANGUL_TCOUNT,
  GT_HANGUL_SCOUNT = GT_HANGUL_LCOUNT * GT_HANGUL_NCOUNT,
};

/* CPython's is_normalized_quickcheck: NO where a character cannot stand in
 * the form or two combining marks are out of canonical order, MAYBE where
 * a character may compose with the one before it, else YES (the text is
 * in the form). */
static int gt_ucd_quick_check(const gt_str *s, int form) {
  int result = GT_UCD_QC_YES;
  unsigned last_combining = 0;
  for (int64_t pos = 0; pos < s->len;) {
    if ((unsigned char)s->data[pos] < 0x80) {   /* ASCII: a starter, in every form */
      pos++;
      last_combining = 0;
      continue;
    }
    const gt_ucd_props *p = gt_ucd_props_of(gt_ucd_next_or_raw(s, &pos));
    if (p->combining && last_combining > p->combining) return GT_UCD_QC_NO;
    last_combining = p->combining;
    int qc = (p->quick_check >> (2 * form)) & 3;
    if (qc == GT_UCD_QC_NO) return GT_UCD_QC_NO;
    if (qc == GT_UCD_QC_MAYBE) result = GT_UCD_QC_MAYBE;
  }
  return result;
}

/* Appends the full decomposition of cp: canonical only, or with compat
 * the compatibility ones too, each mapping decomposed again. */
static void gt_ucd_decompose(gt_ucd_buf *b, uint32_t cp, bool compat) {
  if (cp >= GT_HANGUL_S && cp < GT_HANGUL_S + GT_HANGUL_SCOUNT) {
    uint32_t s = cp - GT_HANGUL_S;
    gt_ucd_push(b, GT_HANGUL_L + s / GT_HANGUL_NCOUNT);
    gt_ucd_push(b, GT_HANGUL_V + s % GT_HANGUL_NCOUNT / GT_HANGUL_TCOUNT);
    if (s % GT_HANGUL_TCOUNT) gt_ucd_push(b, GT_HANGUL_T + s % GT_HANGUL_TCOUNT);
    return;
  }
  const uint32_t *d = gt_ucd_decomp_of(cp);
  bool tagged = d && (d[0] >> 8) != 0;
  if (!d || (tagged && !compat)) {
    gt_ucd_push(b, cp);
    return;
  }
  for (uint32_t k = 0; k < (d[0] & 0xFF); k++) gt_ucd_decompose(b, d[1 + k], compat);
}

/* Sorts each run of combining marks by combining class, keeping the order
 * of equal classes (an insertion sort: runs are short). */
static void gt_ucd_canonical_order(gt_ucd_buf *b) {
  for (int64_t i = 1; i < b->len; i++) {
    uint32_t cp = b->cp[i];
    unsigned cc = gt_ucd_combining(cp);
    if (cc == 0) continue;
    int64_t j = i;
    for (; j > 0; j--) {
      unsigned prev = gt_ucd_combining(b->cp[j - 1]);
      if (prev == 0 || prev <= cc) break;
      b->cp[j] = b->cp[j - 1];
    }
    b->cp[j] = cp;
  }
}

/* The primary composite of first + second, or 0. */
static uint32_t gt_ucd_compose_pair(uint32_t first, uint32_t second) {
  if (first - GT_HANGUL_L < GT_HANGUL_LCOUNT && second - GT_HANGUL_V < GT_HANGUL_VCOUNT)
    return GT_HANGUL_S + ((first - GT_HANGUL_L) * GT_HANGUL_VCOUNT + second - GT_HANGUL_V) * GT_HANGUL_TCOUNT;
  if (first - GT_HANGUL_S < GT_HANGUL_SCOUNT && (first - GT_HANGUL_S) % GT_HANGUL_TCOUNT == 0 &&
      second - GT_HANGUL_T - 1 < GT_HANGUL_TCOUNT - 1)
    return first + second - GT_HANGUL_T;
  size_t lo = 0, hi = sizeof gt_ucd_pairs / sizeof gt_ucd_pairs[0];
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    const gt_ucd_pair *p = &gt_ucd_pairs[mid];
    if (p->first < first || (p->first == first && p->second < second)) lo = mid + 1;
    else hi = mid;
  }
  if (lo < sizeof gt_ucd_pairs / sizeof gt_ucd_pairs[0] && gt_ucd_pairs[lo].first == first &&
      gt_ucd_pairs[lo].second == second)
    return gt_ucd_pairs[lo].composite;
  return 0;
}

/* Canonical composition in place (UAX #15): each character combines with
 * the last starter when nothing between them blocks it, that is, when every
 * character left between them has a lower combining class than its own
 * (none left, for a starter). */
static void gt_ucd_compose(gt_ucd_buf *b) {
  if (b->len == 0) return;
  int64_t starter = 0, out = 1;
  /* The class of the last character kept after the starter: 0 when none
   * is; 256 blocks everything while no starter has come yet. */
  unsigned last_class = gt_ucd_combining(b->cp[0]) ? 256 : 0;
  for (int64_t i = 1; i < b->len; i++) {
    uint32_t cp = b->cp[i];
    unsigned cc = gt_ucd_combining(cp);
    uint32_t composite = gt_ucd_compose_pair(b->cp[starter], cp);
    if (composite && (last_class == 0 || last_class < cc)) {
      b->cp[starter] = composite;
      continue;
    }
    if (cc == 0) starter = out;
    last_class = cc;
    b->cp[out++] = cp;
  }
  b->len = out;
}

static gt_str *gt_ucd_normalize(const gt_str *s, int form) {
  gt_ucd_buf b;
  gt_ucd_buf_init(&b);
  for (int64_t pos = 0; pos < s->len;) gt_ucd_decompose(&b, gt_ucd_next_or_raw(s, &pos), gt_ucd_form_compat(form));
  gt_ucd_canonical_order(&b);
  if (gt_ucd_form_composes(form)) gt_ucd_compose(&b);
  gt_sbuf out;
  gt_sbuf_init(&out);
  for (int64_t i = 0; i < b.len; i++) {
    char utf8[4];
    if (b.cp[i] & GT_UCD_RAW_BYTE) gt_sbuf_putc(&out, (char)(b.cp[i] & 0xFF));
    else gt_sbuf_put(&out, utf8, (size_t)gt_utf8_encode(b.cp[i], utf8));
  }
  gt_ucd_buf_free(&b);
  return gt_sbuf_finish(&out);
}

/* An empty text is itself before the form is looked at, as in CPython:
 * normalize("nfc", "") is "", no error. */
gt_str *gt_unicodedata_normalize(const gt_str *form, const gt_str *unistr) {
  if (unistr->len == 0) return gt_retain((gt_str *)unistr);
  int f = gt_ucd_form(form);
  if (gt_ucd_quick_check(unistr, f) == GT_UCD_QC_YES) return gt_retain((gt_str *)unistr);
  return gt_ucd_normalize(unistr, f);
}

bool gt_unicodedata_is_normalized(const gt_str *form, const gt_str *unistr) {
  if (unistr->len == 0) return true;
  int f = gt_ucd_form(form);
  int qc = gt_ucd_quick_check(unistr, f);
  if (qc != GT_UCD_QC_MAYBE) return qc == GT_UCD_QC_YES;
  gt_str *n = gt_ucd_normalize(unistr, f);
  bool same = gt_str_eq(n, unistr);
  gt_release(n);
  return same;
}
