/* png_check - decodes PNG files with libpng, for tests/vision.
 *
 *   png_check A.png            prints "WIDTH HEIGHT COLOR_TYPE BIT_DEPTH"
 *   png_check A.png B.png      also: B has the same header and the same
 *                              pixels as A (exit 1 and where they differ if not)
 *
 * Fails (exit 1) on a file libpng cannot read, a bit depth other than 8, an
 * interlaced file, or an image whose pixels are all the same (a blank image
 * means the pixels never reached the file). */
#include <png.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
  png_uint_32 w, h;
  int color_type, bit_depth, interlace, channels;
  unsigned char *px; /* h rows of w * channels bytes */
} Image;

static int load(const char *path, Image *im) {
  FILE *f = fopen(path, "rb");
  if (!f) {
    fprintf(stderr, "png_check: cannot open %s\n", path);
    return -1;
  }
  unsigned char sig[8];
  if (fread(sig, 1, 8, f) != 8 || png_sig_cmp(sig, 0, 8) != 0) {
    fprintf(stderr, "png_check: %s is not a PNG file\n", path);
    fclose(f);
    return -1;
  }
  png_structp png = png_create_read_struct(PNG_LIBPNG_VER_STRING, NULL, NULL, NULL);
  png_infop info = png ? png_create_info_struct(png) : NULL;
  if (!png || !info) {
    fprintf(stderr, "png_check: out of memory\n");
    fclose(f);
    return -1;
  }
  unsigned char *volatile px = NULL;
  if (setjmp(png_jmpbuf(png))) {
    fprintf(stderr, "png_check: libpng could not decode %s\n", path);
    png_destroy_read_struct(&png, &info, NULL);
    free(px);
    fclose(f);
    return -1;
  }
  png_init_io(png, f);
  png_set_sig_bytes(png, 8);
  png_read_info(png, info);
  im->w = png_get_image_width(png, info);
  im->h = png_get_image_height(png, info);
  im->color_type = png_get_color_type(png, info);
  im->bit_depth = png_get_bit_depth(png, info);
  im->interlace = png_get_interlace_type(png, info);
  im->channels = png_get_channels(png, info);
  if (im->bit_depth != 8 || im->interlace != PNG_INTERLACE_NONE) {
    fprintf(stderr, "png_check: %s: bit depth %d, interlace %d (expected 8-bit, not interlaced)\n", path,
            im->bit_depth, im->interlace);
    png_destroy_read_struct(&png, &info, NULL);
    fclose(f);
    return -1;
  }
  size_t stride = png_get_rowbytes(png, info);
  px = malloc(stride * im->h);
  if (!px) {
    fprintf(stderr, "png_check: out of memory\n");
    png_destroy_read_struct(&png, &info, NULL);
    fclose(f);
    return -1;
  }
  for (png_uint_32 y = 0; y < im->h; y++) png_read_row(png, px + stride * y, NULL);
  png_read_end(png, NULL);
  png_destroy_read_struct(&png, &info, NULL);
  fclose(f);
  im->px = px;
  return 0;
}

int main(int argc, char **argv) {
  if (argc != 2 && argc != 3) {
    fprintf(stderr, "usage: png_check A.png [B.png]\n");
    return 2;
  }
  Image a, b;
  if (load(argv[1], &a) < 0) return 1;
  size_t n = (size_t)a.w * a.h * (size_t)a.channels;
  printf("%u %u %d %d\n", (unsigned)a.w, (unsigned)a.h, a.color_type, a.bit_depth);
  size_t i = 1;
  while (i < n && a.px[i] == a.px[0]) i++;
  if (i >= n) {
    fprintf(stderr, "png_check: %s: every byte of the image is %u\n", argv[1], a.px[0]);
    return 1;
  }
  if (argc == 2) return 0;
  if (load(argv[2], &b) < 0) return 1;
  if (a.w != b.w || a.h != b.h || a.color_type != b.color_type || a.bit_depth != b.bit_depth) {
    fprintf(stderr, "png_check: %s is %ux%u colour type %d, %s is %ux%u colour type %d\n", argv[1], (unsigned)a.w,
            (unsigned)a.h, a.color_type, argv[2], (unsigned)b.w, (unsigned)b.h, b.color_type);
    return 1;
  }
  for (i = 0; i < n; i++) {
    if (a.px[i] != b.px[i]) {
      size_t pixel = i / (size_t)a.channels;
      fprintf(stderr, "png_check: pixel (x=%zu, y=%zu) channel %zu: %u in %s, %u in %s\n", pixel % a.w, pixel / a.w,
              i % (size_t)a.channels, a.px[i], argv[1], b.px[i], argv[2]);
      return 1;
    }
  }
  free(a.px);
  free(b.px);
  return 0;
}
