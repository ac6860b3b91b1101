/* str case mapping and character classes against CPython: every code point
 * as a one-character string, then tricky and random strings (final sigma,
 * SpecialCasing, titlecase digraphs, ...). Expected values: unicode_expected.h,
 * written by gen_unicode_expected.py under /usr/bin/python3. */
#include "test_util.h"

#include "unicode_expected.h"

#define N_OF(a) (sizeof(a) / sizeof((a)[0]))

typedef bool (*pred_fn)(const gt_str *);
typedef gt_str *(*map_fn)(const gt_str *);

static const pred_fn PREDS[] = {gt_str_isupper, gt_str_islower,   gt_str_isalpha,
                                gt_str_isalnum, gt_str_isdecimal, gt_str_isdigit,
                                gt_str_isnumeric, gt_str_isspace};
static const char *const PRED_NAMES[] = {UNI_PREDICATES};
static const map_fn MAPS[] = {gt_str_upper, gt_str_lower, gt_str_title, gt_str_capitalize,
                              gt_str_swapcase};
static const char *const MAP_NAMES[] = {UNI_MAP_NAMES};
#define NPREDS (int)(sizeof PREDS / sizeof *PREDS)
#define NMAPS (int)(sizeof MAPS / sizeof *MAPS)

static unsigned pred_bits(const gt_str *s) {
  unsigned b = 0;
  for (int k = 0; k < NPREDS; k++) b |= (unsigned)PREDS[k](s) << k;
  return b;
}

static int check_bits(const gt_str *s, unsigned want, const char *what) {
  unsigned got = pred_bits(s);
  if (got == want) return 1;
  for (int k = 0; k < NPREDS; k++)
    if (((got ^ want) >> k) & 1)
      print_error("%s: %s() is %d, expected %d\n", what, PRED_NAMES[k], (int)((got >> k) & 1),
                  (int)((want >> k) & 1));
  return 0;
}

/* Every code point U+0000..U+10FFFF as a one-character string. */
static void test_every_code_point(void **state) {
  (void)state;
  int bad = 0;
  size_t run = 0, map = 0;
  for (uint32_t cp = 0; cp <= 0x10FFFF && bad < 20; cp++) {
    while (run + 1 < N_OF(UNI_CLASS_RUNS) && UNI_CLASS_RUNS[run + 1].start <= cp) run++;
    gt_str *s = gt_chr(cp);
    char what[64];
    snprintf(what, sizeof what, "U+%04X", (unsigned)cp);
    bad += !check_bits(s, UNI_CLASS_RUNS[run].bits, what);
    const uni_map *m = map < N_OF(UNI_MAPS) && UNI_MAPS[map].cp == cp ? &UNI_MAPS[map++] : NULL;
    for (int k = 0; k < NMAPS; k++) {
      char w[96];
      snprintf(w, sizeof w, "U+%04X.%s()", (unsigned)cp, MAP_NAMES[k]);
      gt_str *r = MAPS[k](s);
      if (m) {
        bad += !check_str(r, m->r[k], w);
      } else if (r->len != s->len || memcmp(r->data, s->data, (size_t)s->len) != 0) {
        print_error("%s: changed a character that CPython leaves as it is\n", w);
        bad++;
        gt_release(r);
      } else {
        gt_release(r);
      }
    }
    gt_release(s);
  }
  assert_int_equal(map, N_OF(UNI_MAPS));
  assert_int_equal(bad, 0);
}

static void test_strings(void **state) {
  (void)state;
  int bad = 0;
  for (size_t i = 0; i < N_OF(UNI_STRS); i++) {
    const uni_str *c = &UNI_STRS[i];
    gt_str *s = gt_str_from_cstr(c->s);
    char what[160];
    snprintf(what, sizeof what, "[%s]", c->s);
    bad += !check_bits(s, c->bits, what);
    for (int k = 0; k < NMAPS; k++) {
      snprintf(what, sizeof what, "[%s].%s()", c->s, MAP_NAMES[k]);
      bad += !check_str(MAPS[k](s), c->r[k], what);
    }
    gt_release(s);
  }
  assert_int_equal(bad, 0);
}

/* Bytes that are not UTF-8 pass through unchanged and have no properties. */
static void test_invalid_utf8(void **state) {
  (void)state;
  gt_str *s = gt_str_new("a\xff\xc3" "b\xce\xa3\xe2\x82", 8);
  assert_true(check_str(gt_str_upper(s), "A\xff\xc3" "B\xce\xa3\xe2\x82", "upper"));
  /* the sigma follows 'b' and then a stray byte (not cased): final */
  assert_true(check_str(gt_str_lower(s), "a\xff\xc3" "b\xcf\x82\xe2\x82", "lower"));
  assert_true(check_str(gt_str_swapcase(s), "A\xff\xc3" "B\xcf\x82\xe2\x82", "swapcase"));
  assert_true(check_str(gt_str_title(s), "A\xff\xc3" "B\xcf\x82\xe2\x82", "title"));
  assert_false(gt_str_isalpha(s));
  assert_false(gt_str_islower(s));
  gt_release(s);
  s = gt_str_new("a\xff\xce\xa3", 4);   /* after a stray byte: not final */
  assert_true(check_str(gt_str_lower(s), "a\xff\xcf\x83", "lower after stray"));
  assert_true(gt_str_isupper(s) == false && gt_str_islower(s) == false);
  gt_release(s);
  s = gt_str_new("\xff" "b", 2);
  assert_true(gt_str_islower(s));
  gt_release(s);
  s = gt_str_new("\xc0\x80", 2);   /* overlong NUL */
  assert_true(check_str(gt_str_upper(s), "\xc0\x80", "overlong"));
  assert_false(gt_str_isspace(s));
  gt_release(s);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_every_code_point),
      cmocka_unit_test(test_strings),
      cmocka_unit_test(test_invalid_utf8),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
