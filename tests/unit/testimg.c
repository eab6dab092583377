/* testimg.c: pictures for the image tests, made and read with libjpeg, libpng and libwebp directly (not with the code under test). */
#include <setjmp.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <jpeglib.h>
#include <png.h>
#include <webp/decode.h>
#include <webp/encode.h>

#include "testimg.h"

struct timg
timg_new(int w, int h)
{
	struct timg im;
	int i;

	assert_true(w > 0 && h > 0);
	im.w = w;
	im.h = h;
	im.p = calloc((size_t)w * (size_t)h, 4);
	assert_non_null(im.p);
	for (i = 0; i < w * h; i++)
		im.p[4 * i + 3] = 255;
	return im;
}

void
timg_free(struct timg *im)
{
	free(im->p);
	im->p = NULL;
}

unsigned char *
timg_at(const struct timg *im, int x, int y)
{
	assert_true(x >= 0 && x < im->w && y >= 0 && y < im->h);
	return im->p + ((size_t)y * (size_t)im->w + (size_t)x) * 4;
}

void
timg_set(struct timg *im, int x, int y, int r, int g, int b, int a)
{
	unsigned char *p = timg_at(im, x, y);

	p[0] = (unsigned char)r;
	p[1] = (unsigned char)g;
	p[2] = (unsigned char)b;
	p[3] = (unsigned char)a;
}

void
timg_fill(struct timg *im, int x0, int y0, int x1, int y1, int r, int g,
    int b)
{
	int x, y;

	for (y = y0; y <= y1; y++)
		for (x = x0; x <= x1; x++)
			timg_set(im, x, y, r, g, b, 255);
}

/* libjpeg's error exit for the tests: fails the test. */
static void
timg_jpeg_fail(j_common_ptr cinfo)
{
	char msg[JMSG_LENGTH_MAX];

	cinfo->err->format_message(cinfo, msg);
	fail_msg("libjpeg: %s", msg);
}

struct blob
timg_jpeg(const struct timg *im, int quality, bool progressive)
{
	struct jpeg_compress_struct cinfo;
	struct jpeg_error_mgr err;
	unsigned char *mem = NULL, *row;
	unsigned long memsz = 0;
	struct blob b;
	int x;

	memset(&cinfo, 0, sizeof(cinfo));
	cinfo.err = jpeg_std_error(&err);
	err.error_exit = timg_jpeg_fail;
	jpeg_create_compress(&cinfo);
	jpeg_mem_dest(&cinfo, &mem, &memsz);
	cinfo.image_width = (JDIMENSION)im->w;
	cinfo.image_height = (JDIMENSION)im->h;
	cinfo.input_components = 3;
	cinfo.in_color_space = JCS_RGB;
	jpeg_set_defaults(&cinfo);
	jpeg_set_quality(&cinfo, quality, TRUE);
	if (progressive)
		jpeg_simple_progression(&cinfo);
	jpeg_start_compress(&cinfo, TRUE);
	row = malloc((size_t)im->w * 3);
	assert_non_null(row);
	while (cinfo.next_scanline < cinfo.image_height) {
		for (x = 0; x < im->w; x++)
			memcpy(row + 3 * x,
			    timg_at(im, x, (int)cinfo.next_scanline), 3);
		jpeg_write_scanlines(&cinfo, &row, 1);
	}
	jpeg_finish_compress(&cinfo);
	jpeg_destroy_compress(&cinfo);
	free(row);
	b.data = mem;
	b.datasz = memsz;
	return b;
}

/* Writes the image pi from buf (and colormap) with libpng's simplified API. */
static struct blob
timg_png_write(png_image *pi, const void *buf, const void *colormap)
{
	png_alloc_size_t sz = 0;
	struct blob b;

	assert_true(png_image_write_to_memory(pi, NULL, &sz, 0, buf, 0,
	    colormap));
	b.data = malloc(sz);
	assert_non_null(b.data);
	assert_true(png_image_write_to_memory(pi, b.data, &sz, 0, buf, 0,
	    colormap));
	b.datasz = sz;
	return b;
}

struct blob
timg_png(const struct timg *im)
{
	png_image pi;

	memset(&pi, 0, sizeof(pi));
	pi.version = PNG_IMAGE_VERSION;
	pi.width = (png_uint_32)im->w;
	pi.height = (png_uint_32)im->h;
	pi.format = PNG_FORMAT_RGBA;
	return timg_png_write(&pi, im->p, NULL);
}

struct blob
timg_png_palette(const struct timg *im)
{
	unsigned char map[256 * 3], *idx;
	png_image pi;
	struct blob b;
	int i, j, n = 0;

	idx = malloc((size_t)im->w * (size_t)im->h);
	assert_non_null(idx);
	for (i = 0; i < im->w * im->h; i++) {
		for (j = 0; j < n; j++)
			if (memcmp(map + 3 * j, im->p + 4 * i, 3) == 0)
				break;
		if (j == n) {
			assert_true(n < 256);
			memcpy(map + 3 * n++, im->p + 4 * i, 3);
		}
		idx[i] = (unsigned char)j;
	}
	memset(&pi, 0, sizeof(pi));
	pi.version = PNG_IMAGE_VERSION;
	pi.width = (png_uint_32)im->w;
	pi.height = (png_uint_32)im->h;
	pi.format = PNG_FORMAT_RGB_COLORMAP;
	pi.colormap_entries = (png_uint_32)n;
	b = timg_png_write(&pi, idx, map);
	free(idx);
	return b;
}

struct blob
timg_webp(const struct timg *im, bool lossless)
{
	uint8_t *p = NULL;
	struct blob b;
	size_t sz;

	if (lossless)
		sz = WebPEncodeLosslessRGBA(im->p, im->w, im->h, im->w * 4, &p);
	else
		sz = WebPEncodeRGBA(im->p, im->w, im->h, im->w * 4, 80, &p);
	assert_true(sz > 0);
	b.data = malloc(sz);
	assert_non_null(b.data);
	memcpy(b.data, p, sz);
	b.datasz = sz;
	WebPFree(p);
	return b;
}

struct blob
timg_gif(void)
{
	/* A 1 x 1 GIF89a: header, screen, 2-colour table, image, LZW data, trailer. */
	static const unsigned char gif[] = {
		'G', 'I', 'F', '8', '9', 'a', 1, 0, 1, 0, 0x80, 0, 0,
		0, 0, 0, 255, 255, 255,
		',', 0, 0, 0, 0, 1, 0, 1, 0, 0,
		2, 2, 0x44, 0x01, 0, ';'
	};
	struct blob b;

	b.data = malloc(sizeof(gif));
	assert_non_null(b.data);
	memcpy(b.data, gif, sizeof(gif));
	b.datasz = sizeof(gif);
	return b;
}

/* libjpeg's error exit for decoding: back to the setjmp of timg_decode. */
struct timg_jerr {
	struct jpeg_error_mgr	 pub;
	jmp_buf			 env;
};

static void
timg_jpeg_back(j_common_ptr cinfo)
{
	longjmp(((struct timg_jerr *)(void *)cinfo->err)->env, 1);
}

/* Decodes a JPEG into RGBA; returns false on any libjpeg error. */
static bool
timg_jpeg_decode(const unsigned char *p, size_t n, struct timg *out)
{
	struct jpeg_decompress_struct cinfo;
	struct timg_jerr err;
	unsigned char *volatile row = NULL;
	JSAMPROW r;
	int x;

	memset(&cinfo, 0, sizeof(cinfo));
	out->p = NULL;
	cinfo.err = jpeg_std_error(&err.pub);
	err.pub.error_exit = timg_jpeg_back;
	if (setjmp(err.env) != 0) {
		jpeg_destroy_decompress(&cinfo);
		timg_free(out);
		free(row);
		return false;
	}
	jpeg_create_decompress(&cinfo);
	jpeg_mem_src(&cinfo, p, (unsigned long)n);
	jpeg_read_header(&cinfo, TRUE);
	cinfo.out_color_space = JCS_RGB;
	jpeg_start_decompress(&cinfo);
	*out = timg_new((int)cinfo.output_width, (int)cinfo.output_height);
	row = malloc((size_t)out->w * 3);
	assert_non_null(row);
	while (cinfo.output_scanline < cinfo.output_height) {
		int y = (int)cinfo.output_scanline;

		r = row;
		jpeg_read_scanlines(&cinfo, &r, 1);
		for (x = 0; x < out->w; x++)
			memcpy(timg_at(out, x, y), row + 3 * x, 3);
	}
	jpeg_finish_decompress(&cinfo);
	jpeg_destroy_decompress(&cinfo);
	free(row);
	return true;
}

bool
timg_decode(enum image_type type, const unsigned char *p, size_t n,
    struct timg *out)
{
	png_image pi;
	int w, h;

	out->p = NULL;
	switch (type) {
	case IMAGE_JPEG:
		return timg_jpeg_decode(p, n, out);
	case IMAGE_PNG:
		memset(&pi, 0, sizeof(pi));
		pi.version = PNG_IMAGE_VERSION;
		if (!png_image_begin_read_from_memory(&pi, p, n))
			return false;
		pi.format = PNG_FORMAT_RGBA;
		*out = timg_new((int)pi.width, (int)pi.height);
		if (!png_image_finish_read(&pi, NULL, out->p, 0, NULL)) {
			timg_free(out);
			return false;
		}
		return true;
	case IMAGE_WEBP:
		if (!WebPGetInfo(p, n, &w, &h))
			return false;
		*out = timg_new(w, h);
		if (WebPDecodeRGBAInto(p, n, out->p, (size_t)w * h * 4,
		    w * 4) == NULL) {
			timg_free(out);
			return false;
		}
		return true;
	default:
		return false;
	}
}
