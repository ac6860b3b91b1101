/* unicode_internal.h - Unicode character properties and case mappings of
 * libgtorch_core (private). The tables are generated at build time from
 * CPython itself by gen_unicode.py; see unicode.c. */
#ifndef GT_UNICODE_INTERNAL_H
#define GT_UNICODE_INTERNAL_H

#include <stdbool.h>
#include <stdint.h>

/* The longest full case mapping of one code point (e.g. U+0390 upper). */
#define GT_UCD_MAXMAP 3

/* One record per distinct combination of properties: `flags` holds the
 * GT_UCD_* bits of the generated header; each mapping is a delta to add to
 * the code point, or, when its *_EXT flag is set, an index into the array
 * of longer mappings (a length, then the code points). */
typedef struct gt_ucd_record {
  int32_t upper, lower, title;
  uint16_t flags;
} gt_ucd_record;

/* Python's per-character predicates (Py_UNICODE_IS*): code points beyond
 * 0x10FFFF have none of the properties. */
bool gt_ucd_isupper(uint32_t cp);
bool gt_ucd_islower(uint32_t cp);
bool gt_ucd_istitle(uint32_t cp);
bool gt_ucd_iscased(uint32_t cp);
bool gt_ucd_iscaseignorable(uint32_t cp);
bool gt_ucd_isalpha(uint32_t cp);
bool gt_ucd_isdecimal(uint32_t cp);
bool gt_ucd_isdigit(uint32_t cp);
bool gt_ucd_isnumeric(uint32_t cp);
bool gt_ucd_isspace(uint32_t cp);

/* Full case mappings (_PyUnicode_To*Full): write 1..GT_UCD_MAXMAP code
 * points to out and return how many. to_lower does not apply the final
 * sigma rule, which needs the context (str.lower() does). */
int gt_ucd_to_upper(uint32_t cp, uint32_t out[GT_UCD_MAXMAP]);
int gt_ucd_to_lower(uint32_t cp, uint32_t out[GT_UCD_MAXMAP]);
int gt_ucd_to_title(uint32_t cp, uint32_t out[GT_UCD_MAXMAP]);

/* The code point of a str (struct gt_str) at *pos, advancing *pos, or
 * GT_UCD_BAD for a byte that does not start a well-formed UTF-8 sequence
 * (an overlong one, one beyond 0x10FFFF, a stray byte: consumed alone). */
#define GT_UCD_BAD UINT32_MAX
struct gt_str;
uint32_t gt_ucd_next(const struct gt_str *s, int64_t *pos);

#endif
