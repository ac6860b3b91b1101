/* unicode.c - Unicode case mapping and character classes of str, as
 * CPython 3.11's: upper(), lower(), title(), capitalize(), swapcase() and
 * isupper(), islower(), isalpha(), isalnum(), isdecimal(), isdigit(),
 * isnumeric(), isspace().
 *
 * The tables (gt_unicode_db.h, in the build tree) are written at build time
 * by gen_unicode.py from CPython itself. Case mappings are the full ones
 * (SpecialCasing's unconditional mappings: 'ß'.upper() == 'SS'), and
 * lower() applies the final sigma rule, as CPython's lower_ucs4(). All-ASCII
 * strings take byte loops.
 *
 * Bytes that are not valid UTF-8 (the runtime never makes them, but input()
 * may read them) are copied unchanged, and count as characters with no
 * properties: not cased, not case-ignorable, not letters, digits or space. */
#include "core_internal.h"
#include "unicode_internal.h"

#include "gt_unicode_db.h"

/* ---- per code point ------------------------------------------------------ */

static inline const gt_ucd_record *gt_ucd_rec(uint32_t cp) {
  if (cp > 0x10FFFF) return &gt_ucd_records[0];
  uint32_t block = gt_ucd_index1[cp >> GT_UCD_SHIFT];
  return &gt_ucd_records[gt_ucd_index2[(block << GT_UCD_SHIFT) + (cp & ((1u << GT_UCD_SHIFT) - 1))]];
}

static inline unsigned gt_ucd_flags(uint32_t cp) {
  return cp < 128 ? gt_ucd_ascii_flags[cp] : gt_ucd_rec(cp)->flags;
}

bool gt_ucd_isupper(uint32_t cp) { return gt_ucd_flags(cp) & GT_UCD_UPPER; }
bool gt_ucd_islower(uint32_t cp) { return gt_ucd_flags(cp) & GT_UCD_LOWER; }
bool gt_ucd_istitle(uint32_t cp) { return gt_ucd_flags(cp) & GT_UCD_TITLE; }
bool gt_ucd_iscased(uint32_t cp) { return gt_ucd_flags(cp) & GT_UCD_CASED; }
bool gt_ucd_iscaseignorable(uint32_t cp) { return gt_ucd_flags(cp) & GT_UCD_CASE_IGNORABLE; }
bool gt_ucd_isalpha(uint32_t cp) { return gt_ucd_flags(cp) & GT_UCD_ALPHA; }
bool gt_ucd_isdecimal(uint32_t cp) { return gt_ucd_flags(cp) & GT_UCD_DECIMAL; }
bool gt_ucd_isdigit(uint32_t cp) { return gt_ucd_flags(cp) & GT_UCD_DIGIT; }
bool gt_ucd_isnumeric(uint32_t cp) { return gt_ucd_flags(cp) & GT_UCD_NUMERIC; }
bool gt_ucd_isspace(uint32_t cp) { return gt_ucd_flags(cp) & GT_UCD_SPACE; }

static int gt_ucd_map(uint32_t cp, int32_t v, bool ext, uint32_t out[GT_UCD_MAXMAP]) {
  if (!ext) {
    out[0] = (uint32_t)((int32_t)cp + v);
    return 1;
  }
  const uint32_t *e = &gt_ucd_ext[v];
  int n = (int)e[0];
  for (int k = 0; k < n; k++) out[k] = e[1 + k];
  return n;
}

int gt_ucd_to_upper(uint32_t cp, uint32_t out[GT_UCD_MAXMAP]) {
  const gt_ucd_record *r = gt_ucd_rec(cp);
  return gt_ucd_map(cp, r->upper, r->flags & GT_UCD_UPPER_EXT, out);
}

int gt_ucd_to_lower(uint32_t cp, uint32_t out[GT_UCD_MAXMAP]) {
  const gt_ucd_record *r = gt_ucd_rec(cp);
  return gt_ucd_map(cp, r->lower, r->flags & GT_UCD_LOWER_EXT, out);
}

int gt_ucd_to_title(uint32_t cp, uint32_t out[GT_UCD_MAXMAP]) {
  const gt_ucd_record *r = gt_ucd_rec(cp);
  return gt_ucd_map(cp, r->title, r->flags & GT_UCD_TITLE_EXT, out);
}

/* ---- walking UTF-8 ------------------------------------------------------- */

uint32_t gt_ucd_next(const gt_str *s, int64_t *pos) {
  unsigned char c = (unsigned char)s->data[*pos];
  if (c < 0x80) {
    (*pos)++;
    return c;
  }
  int64_t start = *pos;
  uint32_t cp = gt_utf8_decode(s->data, s->len, pos);
  int64_t n = *pos - start;
  int want = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
  if (cp > 0x10FFFF || n != want) {   /* a stray byte, overlong or out of range */
    *pos = start + 1;
    return GT_UCD_BAD;
  }
  return cp;
}

static inline unsigned gt_ucd_flags_or_bad(uint32_t cp) {
  return cp == GT_UCD_BAD ? 0 : gt_ucd_flags(cp);
}

/* ---- case conversion ----------------------------------------------------- */

typedef enum { GT_CASE_UPPER, GT_CASE_LOWER, GT_CASE_TITLE, GT_CASE_CAPITALIZE, GT_CASE_SWAPCASE } gt_case_mode;

/* CPython's handle_capital_sigma, the part after U+03A3: is the sigma that
 * ends just before `pos` not followed by (case-ignorable characters and) a
 * cased character? The part before it is tracked by the caller. */
static bool gt_sigma_is_final_after(const gt_str *s, int64_t pos) {
  while (pos < s->len) {
    unsigned f = gt_ucd_flags_or_bad(gt_ucd_next(s, &pos));
    if (!(f & GT_UCD_CASE_IGNORABLE)) return !(f & GT_UCD_CASED);
  }
  return true;
}

/* No byte of s is >= 0x80 (no early exit, so that it vectorizes). */
static bool gt_all_ascii(const gt_str *s) {
  unsigned char acc = 0;
  for (int64_t i = 0; i < s->len; i++) acc |= (unsigned char)s->data[i];
  return acc < 0x80;
}

static inline char gt_ascii_up(char c) { return (char)(c ^ (((unsigned char)(c - 'a') < 26u) << 5)); }
static inline char gt_ascii_low(char c) { return (char)(c ^ (((unsigned char)(c - 'A') < 26u) << 5)); }

static gt_str *gt_str_case_ascii(const gt_str *s, gt_case_mode mode) {
  char *p;
  gt_str *r = gt_str_alloc(s->len, &p);
  const char *d = s->data;
  int64_t n = s->len;
  if (mode == GT_CASE_UPPER) {
    for (int64_t i = 0; i < n; i++) p[i] = gt_ascii_up(d[i]);
  } else if (mode == GT_CASE_LOWER) {
    for (int64_t i = 0; i < n; i++) p[i] = gt_ascii_low(d[i]);
  } else if (mode == GT_CASE_SWAPCASE) {
    for (int64_t i = 0; i < n; i++)
      p[i] = (char)(d[i] ^ (((unsigned char)((d[i] | 0x20) - 'a') < 26u) << 5));
  } else {
    bool prev_cased = false;   /* title(): the previous character is a letter */
    for (int64_t i = 0; i < n; i++) {
      char c = d[i];
      bool upper = mode == GT_CASE_TITLE ? !prev_cased : i == 0;
      p[i] = upper ? gt_ascii_up(c) : gt_ascii_low(c);
      prev_cased = (unsigned char)((c | 0x20) - 'a') < 26u;
    }
  }
  return r;
}

static gt_str *gt_str_case(const gt_str *s, gt_case_mode mode) {
  if (gt_all_ascii(s)) return gt_str_case_ascii(s, mode);
  gt_sbuf b;
  gt_sbuf_init(&b);
  char tmp[256];              /* output, a chunk at a time */
  size_t t = 0;
  bool prev_cased = false;    /* title(): the previous character is cased */
  bool cased_before = false;  /* the last character that is not case-ignorable is cased */
  for (int64_t i = 0; i < s->len;) {
    if (t > sizeof tmp - 4 * GT_UCD_MAXMAP) {
      gt_sbuf_put(&b, tmp, t);
      t = 0;
    }
    int64_t start = i;
    uint32_t cp = gt_ucd_next(s, &i);
    if (cp == GT_UCD_BAD) {
      tmp[t++] = s->data[start];
      prev_cased = cased_before = false;
      continue;
    }
    const gt_ucd_record *r = gt_ucd_rec(cp);
    unsigned f = r->flags;
    enum { KEEP, UP, LOW, TITLE } how;
    switch (mode) {
      case GT_CASE_UPPER: how = UP; break;
      case GT_CASE_LOWER: how = LOW; break;
      case GT_CASE_TITLE: how = prev_cased ? LOW : TITLE; break;
      case GT_CASE_CAPITALIZE: how = start == 0 ? TITLE : LOW; break;
      default: how = (f & GT_UCD_UPPER) ? LOW : (f & GT_UCD_LOWER) ? UP : KEEP; break;
    }
    uint32_t out[GT_UCD_MAXMAP];
    int n = 1;
    if (how == LOW && cp == 0x3A3)   /* capital sigma: final or not */
      out[0] = cased_before && gt_sigma_is_final_after(s, i) ? 0x3C2 : 0x3C3;
    else if (how == UP)
      n = gt_ucd_map(cp, r->upper, f & GT_UCD_UPPER_EXT, out);
    else if (how == LOW)
      n = gt_ucd_map(cp, r->lower, f & GT_UCD_LOWER_EXT, out);
    else if (how == TITLE)
      n = gt_ucd_map(cp, r->title, f & GT_UCD_TITLE_EXT, out);
    else
      out[0] = cp;
    for (int k = 0; k < n; k++) {
      if (out[k] < 0x80) tmp[t++] = (char)out[k];
      else t += (size_t)gt_utf8_encode(out[k], tmp + t);
    }
    prev_cased = f & GT_UCD_CASED;
    if (!(f & GT_UCD_CASE_IGNORABLE)) cased_before = f & GT_UCD_CASED;
  }
  gt_sbuf_put(&b, tmp, t);
  return gt_sbuf_finish(&b);
}

gt_str *gt_str_upper(const gt_str *s) { return gt_str_case(s, GT_CASE_UPPER); }
gt_str *gt_str_lower(const gt_str *s) { return gt_str_case(s, GT_CASE_LOWER); }
gt_str *gt_str_title(const gt_str *s) { return gt_str_case(s, GT_CASE_TITLE); }
gt_str *gt_str_capitalize(const gt_str *s) {
  if (s->len == 0) return gt_str_empty();
  return gt_str_case(s, GT_CASE_CAPITALIZE);
}
gt_str *gt_str_swapcase(const gt_str *s) { return gt_str_case(s, GT_CASE_SWAPCASE); }

/* ---- predicates ---------------------------------------------------------- */

/* Every character has one of the properties in `mask`, and there is one. */
static bool gt_str_all(const gt_str *s, unsigned mask) {
  if (s->len == 0) return false;
  for (int64_t i = 0; i < s->len;) {
    unsigned char c = (unsigned char)s->data[i];
    unsigned f;
    if (c < 0x80) {
      f = gt_ucd_ascii_flags[c];
      i++;
    } else {
      f = gt_ucd_flags_or_bad(gt_ucd_next(s, &i));
    }
    if (!(f & mask)) return false;
  }
  return true;
}

bool gt_str_isalpha(const gt_str *s) { return gt_str_all(s, GT_UCD_ALPHA); }
bool gt_str_isdecimal(const gt_str *s) { return gt_str_all(s, GT_UCD_DECIMAL); }
bool gt_str_isdigit(const gt_str *s) { return gt_str_all(s, GT_UCD_DIGIT); }
bool gt_str_isnumeric(const gt_str *s) { return gt_str_all(s, GT_UCD_NUMERIC); }
bool gt_str_isspace(const gt_str *s) { return gt_str_all(s, GT_UCD_SPACE); }
bool gt_str_isalnum(const gt_str *s) {
  return gt_str_all(s, GT_UCD_ALPHA | GT_UCD_DECIMAL | GT_UCD_DIGIT | GT_UCD_NUMERIC);
}

/* CPython's unicode_isupper_impl / unicode_islower_impl: no character of
 * the other case nor titlecase, and at least one of this case. */
static bool gt_str_is_cased_as(const gt_str *s, unsigned want, unsigned other) {
  if (s->len == 0) return false;
  bool cased = false;
  for (int64_t i = 0; i < s->len;) {
    unsigned f = gt_ucd_flags_or_bad(gt_ucd_next(s, &i));
    if (f & (other | GT_UCD_TITLE)) return false;
    if (f & want) cased = true;
  }
  return cased;
}

bool gt_str_isupper(const gt_str *s) { return gt_str_is_cased_as(s, GT_UCD_UPPER, GT_UCD_LOWER); }
bool gt_str_islower(const gt_str *s) { return gt_str_is_cased_as(s, GT_UCD_LOWER, GT_UCD_UPPER); }
