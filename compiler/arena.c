/* arena.c - bump allocation: many small objects, one free. */
#include "arena.h"

#include <stdalign.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { ARENA_BLOCK = 64 * 1024 };

struct ArenaBlock {
  ArenaBlock *next;
  size_t used, size;
  alignas(max_align_t) unsigned char data[];
};

static ArenaBlock *block_new(size_t size, ArenaBlock *next) {
  ArenaBlock *b = malloc(sizeof(ArenaBlock) + size);
  if (!b) {
    fputs("gtorchc: error: out of memory\n", stderr);
    exit(1);
  }
  b->next = next;
  b->used = 0;
  b->size = size;
  return b;
}

static size_t align_up(size_t n) {
  size_t a = alignof(max_align_t);
  return (n + a - 1) / a * a;
}

void *arena_alloc(Arena *a, size_t size) {
  size = align_up(size ? size : 1);
  ArenaBlock *b = a->head;
  if (!b || b->size - b->used < size) {
    /* A big request gets a block of its own behind the current one, so the
     * space left in the current block is not wasted. */
    if (size > ARENA_BLOCK / 4 && b) {
      b->next = block_new(size, b->next);
      b = b->next;
    } else {
      b = a->head = block_new(size > ARENA_BLOCK ? size : ARENA_BLOCK, a->head);
    }
  }
  void *p = b->data + b->used;
  b->used += size;
  memset(p, 0, size);
  return p;
}

char *arena_strndup(Arena *a, const char *s, size_t n) {
  char *p = arena_alloc(a, n + 1);
  memcpy(p, s, n);
  p[n] = '\0';
  return p;
}

char *arena_strdup(Arena *a, const char *s) {
  return arena_strndup(a, s, strlen(s));
}

char *arena_vprintf(Arena *a, const char *fmt, va_list ap) {
  va_list ap2;
  va_copy(ap2, ap);
  int n = vsnprintf(NULL, 0, fmt, ap);
  char *p = arena_alloc(a, (size_t)(n < 0 ? 0 : n) + 1);
  *p = 0;
  if (n > 0)
    vsnprintf(p, (size_t)n + 1, fmt, ap2);
  va_end(ap2);
  return p;
}

char *arena_printf(Arena *a, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  char *p = arena_vprintf(a, fmt, ap);
  va_end(ap);
  return p;
}

void arena_free(Arena *a) {
  for (ArenaBlock *b = a->head, *next; b; b = next) {
    next = b->next;
    free(b);
  }
  a->head = NULL;
}
