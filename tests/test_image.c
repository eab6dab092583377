/* test_image.c: cmocka tests of image.c on JPEG, PNG and WebP files built in memory with libgd, doctored ones, and files that are no images at all. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <gd.h>

#include "image.h"

static const char why_type[] = "This file is not a JPEG, PNG or WebP image.";
static const char why_damaged[] =
    "This image could not be read; it may be damaged.";
static const char why_large[] = "This image is too large in pixels.";

/* A file made by a test; free data with free(). */
struct blob {
	unsigned char	*data;
	size_t		 datasz;
};

/* Moves a buffer libgd made (sz bytes at p) into a blob; fails the test on NULL. */
static struct blob
blob_from_gd(void *p, int sz)
{
	struct blob b;

	assert_non_null(p);
	assert_true(sz > 0);
	b.data = malloc((size_t)sz);
	assert_non_null(b.data);
	memcpy(b.data, p, (size_t)sz);
	b.datasz = (size_t)sz;
	gdFree(p);
	return b;
}

/*
 * Returns b with n bytes at p inserted at offset at (which must lie within
 * b); b's old data is freed.
 */
static struct blob
blob_insert(struct blob b, size_t at, const void *p, size_t n)
{
	struct blob r;

	assert_true(at <= b.datasz);
	r.data = malloc(b.datasz + n);
	assert_non_null(r.data);
	memcpy(r.data, b.data, at);
	memcpy(r.data + at, p, n);
	memcpy(r.data + at + n, b.data + at, b.datasz - at);
	r.datasz = b.datasz + n;
	free(b.data);
	return r;
}

/* Returns whether the n bytes at hay hold the string needle. */
static bool
has(const unsigned char *hay, size_t n, const char *needle)
{
	return memmem(hay, n, needle, strlen(needle)) != NULL;
}

/*
 * Returns a truecolor w x h image with a colour gradient; with alpha, its
 * left half is fully transparent. Destroy it with gdImageDestroy().
 */
static gdImagePtr
gradient(int w, int h, bool alpha)
{
	gdImagePtr im = gdImageCreateTrueColor(w, h);
	int x, y;

	assert_non_null(im);
	gdImageAlphaBlending(im, 0);
	gdImageSaveAlpha(im, 1);
	for (y = 0; y < h; y++)
		for (x = 0; x < w; x++)
			gdImageSetPixel(im, x, y, gdTrueColorAlpha(
			    x * 255 / w, y * 255 / h, 128,
			    alpha && x < w / 2 ? gdAlphaTransparent :
			    gdAlphaOpaque));
	return im;
}

/* Returns a w x h gradient encoded as type (WebP lossy). */
static struct blob
make(enum image_type type, int w, int h, bool alpha)
{
	gdImagePtr im = gradient(w, h, alpha);
	void *p = NULL;
	int sz = 0;

	switch (type) {
	case IMAGE_JPEG:
		p = gdImageJpegPtr(im, &sz, 90);
		break;
	case IMAGE_PNG:
		p = gdImagePngPtr(im, &sz);
		break;
	case IMAGE_WEBP:
		p = gdImageWebpPtr(im, &sz);
		break;
	default:
		fail();
	}
	gdImageDestroy(im);
	return blob_from_gd(p, sz);
}

/* Decodes n bytes at p as type with libgd; NULL if it cannot. */
static gdImagePtr
decode(enum image_type type, const unsigned char *p, size_t n)
{
	switch (type) {
	case IMAGE_JPEG:
		return gdImageCreateFromJpegPtr((int)n, (void *)p);
	case IMAGE_PNG:
		return gdImageCreateFromPngPtr((int)n, (void *)p);
	case IMAGE_WEBP:
		return gdImageCreateFromWebpPtr((int)n, (void *)p);
	default:
		return NULL;
	}
}

/*
 * Processes b, expects RC_OK, and checks that the result is a type image
 * of w x h whose bytes decode to that size, with a JPEG thumbnail of
 * tw x th. Returns the result; release it with image_release().
 */
static struct image
process_ok(const struct blob *b, enum image_type type, int w, int h, int tw,
    int th)
{
	struct image img;
	enum image_type t;
	const char *why = "unset";
	gdImagePtr im;

	assert_int_equal(image_process(b->data, b->datasz, &img, &why), RC_OK);
	assert_null(why);
	assert_int_equal(img.type, type);
	assert_int_equal(img.width, w);
	assert_int_equal(img.height, h);
	assert_non_null(img.data);
	assert_int_equal(image_sniff(img.data, img.datasz, &t), 0);
	assert_int_equal(t, type);
	im = decode(type, img.data, img.datasz);
	assert_non_null(im);
	assert_int_equal(gdImageSX(im), w);
	assert_int_equal(gdImageSY(im), h);
	gdImageDestroy(im);

	assert_non_null(img.thumb);
	assert_int_equal(image_sniff(img.thumb, img.thumbsz, &t), 0);
	assert_int_equal(t, IMAGE_JPEG);
	im = decode(IMAGE_JPEG, img.thumb, img.thumbsz);
	assert_non_null(im);
	assert_int_equal(gdImageSX(im), tw);
	assert_int_equal(gdImageSY(im), th);
	assert_true(tw <= IMAGE_THUMB && th <= IMAGE_THUMB);
	gdImageDestroy(im);
	return img;
}

/*
 * Processes n bytes at p, expects RC_INVALID with the message want, and
 * checks that nothing is left to free.
 */
static void
process_refused(const void *p, size_t n, const char *want)
{
	struct image img;
	const char *why = NULL;

	memset(&img, 0xa5, sizeof(img));
	assert_int_equal(image_process(p, n, &img, &why), RC_INVALID);
	assert_non_null(why);
	assert_string_equal(why, want);
	assert_null(img.data);
	assert_null(img.thumb);
	assert_int_equal(img.datasz, 0);
	assert_int_equal(img.thumbsz, 0);
	image_release(&img);
}

/* Returns the CRC-32 of a PNG chunk (ISO 3309, as zlib's crc32). */
static uint32_t
png_crc(const unsigned char *p, size_t n)
{
	uint32_t c = 0xffffffffu;
	size_t i;
	int k;

	for (i = 0; i < n; i++) {
		c ^= p[i];
		for (k = 0; k < 8; k++)
			c = (c >> 1) ^ (0xedb88320u & (0u - (c & 1)));
	}
	return c ^ 0xffffffffu;
}

/* Stores v big-endian at p. */
static void
put_be32(unsigned char *p, uint32_t v)
{
	p[0] = v >> 24;
	p[1] = v >> 16;
	p[2] = v >> 8;
	p[3] = v;
}

/* Sets the IHDR width and height of the PNG in b and fixes its CRC. */
static void
png_patch_size(struct blob *b, uint32_t w, uint32_t h)
{
	assert_true(b->datasz > 33);
	assert_memory_equal(b->data + 12, "IHDR", 4);
	put_be32(b->data + 16, w);
	put_be32(b->data + 20, h);
	put_be32(b->data + 29, png_crc(b->data + 12, 17));
}

/* Returns the offset of the first JPEG SOFn marker in b (a gd-made JPEG). */
static size_t
jpeg_find_sof(const struct blob *b)
{
	size_t i = 2;

	while (i + 4 <= b->datasz) {
		assert_int_equal(b->data[i], 0xff);
		if (b->data[i + 1] == 0xc0 || b->data[i + 1] == 0xc2)
			return i;
		i += 2 + ((size_t)b->data[i + 2] << 8 | b->data[i + 3]);
	}
	fail_msg("no SOF marker");
	return 0;
}

static void
test_media_types(void **state)
{
	(void)state;
	assert_string_equal(image_media_types[IMAGE_JPEG], "image/jpeg");
	assert_string_equal(image_media_types[IMAGE_PNG], "image/png");
	assert_string_equal(image_media_types[IMAGE_WEBP], "image/webp");
}

static void
test_sniff(void **state)
{
	static const unsigned char png[] = "\x89PNG\r\n\x1a\n";
	enum image_type t = IMAGE__MAX;

	(void)state;
	assert_int_equal(image_sniff("\xff\xd8\xff", 3, &t), 0);
	assert_int_equal(t, IMAGE_JPEG);
	assert_int_equal(image_sniff(png, 8, &t), 0);
	assert_int_equal(t, IMAGE_PNG);
	assert_int_equal(image_sniff("RIFF\0\0\0\0WEBP", 12, &t), 0);
	assert_int_equal(t, IMAGE_WEBP);

	assert_int_equal(image_sniff(NULL, 0, &t), -1);
	assert_int_equal(image_sniff("\xff\xd8", 2, &t), -1);
	assert_int_equal(image_sniff(png, 7, &t), -1);
	assert_int_equal(image_sniff("RIFF\0\0\0\0WEBP", 11, &t), -1);
	assert_int_equal(image_sniff("RIFF\0\0\0\0AVI ", 12, &t), -1);
	assert_int_equal(image_sniff("GIF89a\1\0\1\0", 10, &t), -1);
	assert_int_equal(image_sniff("%PDF-1.4\n", 9, &t), -1);
	assert_int_equal(image_sniff("<html><body>", 12, &t), -1);
	assert_int_equal(image_sniff("\x89PNX\r\n\x1a\n", 8, &t), -1);
}

static void
test_process_each_type(void **state)
{
	enum image_type type;
	struct image img;
	struct blob b;

	(void)state;
	for (type = IMAGE_JPEG; type < IMAGE__MAX; type++) {
		b = make(type, 640, 480, false);
		img = process_ok(&b, type, 640, 480, 320, 240);
		image_release(&img);
		assert_null(img.data);
		assert_null(img.thumb);
		free(b.data);
	}
}

static void
test_process_tall_png(void **state)
{
	struct blob b = make(IMAGE_PNG, 100, 1000, false);
	struct image img = process_ok(&b, IMAGE_PNG, 100, 1000, 32, 320);

	(void)state;
	image_release(&img);
	free(b.data);
}

static void
test_thumb_never_upscales(void **state)
{
	struct blob b = make(IMAGE_JPEG, 50, 30, false);
	struct image img = process_ok(&b, IMAGE_JPEG, 50, 30, 50, 30);

	(void)state;
	image_release(&img);
	free(b.data);

	/* The short side rounds to 0 pixels, so it is kept at 1. */
	b = make(IMAGE_PNG, 2, 2000, false);
	img = process_ok(&b, IMAGE_PNG, 2, 2000, 1, 320);
	image_release(&img);
	free(b.data);

	b = make(IMAGE_WEBP, 320, 200, false);
	img = process_ok(&b, IMAGE_WEBP, 320, 200, 320, 200);
	image_release(&img);
	free(b.data);
}

static void
test_webp_lossless_and_progressive_jpeg(void **state)
{
	gdImagePtr im = gradient(400, 300, false);
	struct image img;
	struct blob b;
	void *p;
	int sz = 0;

	(void)state;
	p = gdImageWebpPtrEx(im, &sz, gdWebpLossless);
	b = blob_from_gd(p, sz);
	assert_memory_equal(b.data + 12, "VP8L", 4);
	img = process_ok(&b, IMAGE_WEBP, 400, 300, 320, 240);
	image_release(&img);
	free(b.data);

	gdImageInterlace(im, 1);
	p = gdImageJpegPtr(im, &sz, 80);
	b = blob_from_gd(p, sz);
	assert_non_null(memmem(b.data, b.datasz, "\xff\xc2", 2));
	img = process_ok(&b, IMAGE_JPEG, 400, 300, 320, 240);
	image_release(&img);
	free(b.data);
	gdImageDestroy(im);
}

static void
test_alpha_kept_and_thumb_on_white(void **state)
{
	enum image_type type;
	struct image img;
	struct blob b;
	gdImagePtr im;
	int c;

	(void)state;
	for (type = IMAGE_PNG; type <= IMAGE_WEBP; type++) {
		b = make(type, 640, 480, true);
		if (type == IMAGE_WEBP)
			assert_memory_equal(b.data + 12, "VP8X", 4);
		img = process_ok(&b, type, 640, 480, 320, 240);

		im = decode(type, img.data, img.datasz);
		assert_non_null(im);
		c = gdImageGetTrueColorPixel(im, 10, 240);
		assert_int_equal(gdTrueColorGetAlpha(c), gdAlphaTransparent);
		c = gdImageGetTrueColorPixel(im, 600, 240);
		assert_int_equal(gdTrueColorGetAlpha(c), gdAlphaOpaque);
		gdImageDestroy(im);

		im = decode(IMAGE_JPEG, img.thumb, img.thumbsz);
		assert_non_null(im);
		c = gdImageGetTrueColorPixel(im, 10, 120);
		assert_true(gdTrueColorGetRed(c) > 245);
		assert_true(gdTrueColorGetGreen(c) > 245);
		assert_true(gdTrueColorGetBlue(c) > 245);
		c = gdImageGetTrueColorPixel(im, 300, 120);
		assert_true(gdTrueColorGetBlue(c) < 160);
		gdImageDestroy(im);
		image_release(&img);
		free(b.data);
	}
}

static void
test_palette_png(void **state)
{
	gdImagePtr im = gdImageCreate(500, 100);
	struct image img;
	struct blob b;
	void *p;
	int sz = 0;

	(void)state;
	assert_non_null(im);
	gdImageColorAllocate(im, 255, 0, 0);
	gdImageFilledRectangle(im, 100, 10, 300, 90,
	    gdImageColorAllocate(im, 0, 0, 255));
	p = gdImagePngPtr(im, &sz);
	b = blob_from_gd(p, sz);
	gdImageDestroy(im);
	img = process_ok(&b, IMAGE_PNG, 500, 100, 320, 64);
	image_release(&img);
	free(b.data);
}

static void
test_jpeg_exif_dropped(void **state)
{
	static const char secret[] = "GPS-SECRET-48.8584N-2.2945E";
	unsigned char app1[64];
	size_t len = 2 + 6 + sizeof(secret);
	struct image img;
	struct blob b;

	(void)state;
	/* APP1, length, "Exif\0\0", then the secret as the "TIFF" body. */
	app1[0] = 0xff;
	app1[1] = 0xe1;
	app1[2] = len >> 8;
	app1[3] = len & 0xff;
	memcpy(app1 + 4, "Exif\0\0", 6);
	memcpy(app1 + 10, secret, sizeof(secret));
	b = make(IMAGE_JPEG, 640, 480, false);
	b = blob_insert(b, 2, app1, 2 + len);
	assert_true(has(b.data, b.datasz, secret));

	img = process_ok(&b, IMAGE_JPEG, 640, 480, 320, 240);
	assert_false(has(img.data, img.datasz, secret));
	assert_false(has(img.data, img.datasz, "Exif"));
	assert_false(has(img.thumb, img.thumbsz, secret));
	image_release(&img);
	free(b.data);
}

static void
test_jpeg_trailer_dropped(void **state)
{
	static const char payload[] = "<?php system($_GET['c']); ?>";
	struct image img;
	struct blob b;

	(void)state;
	b = make(IMAGE_JPEG, 64, 64, false);
	b = blob_insert(b, b.datasz, payload, sizeof(payload) - 1);
	img = process_ok(&b, IMAGE_JPEG, 64, 64, 64, 64);
	assert_false(has(img.data, img.datasz, "<?php"));
	image_release(&img);
	free(b.data);
}

static void
test_png_trailer_dropped(void **state)
{
	static const char payload[] = "PK\3\4\24\0\0\0\10\0payload.html"
	    "<html><script>alert(document.cookie)</script></html>";
	struct image img;
	struct blob b;

	(void)state;
	b = make(IMAGE_PNG, 640, 480, false);
	assert_memory_equal(b.data + b.datasz - 8, "IEND", 4);
	b = blob_insert(b, b.datasz, payload, sizeof(payload) - 1);
	img = process_ok(&b, IMAGE_PNG, 640, 480, 320, 240);
	assert_false(has(img.data, img.datasz, "<script>"));
	assert_false(has(img.data, img.datasz, "PK\3\4"));
	assert_memory_equal(img.data + img.datasz - 8, "IEND", 4);
	image_release(&img);
	free(b.data);
}

static void
test_png_text_dropped(void **state)
{
	static const char text[] = "Comment\0TEXT-SECRET-0451";
	unsigned char chunk[64];
	size_t len = sizeof(text) - 1;
	struct image img;
	struct blob b;

	(void)state;
	put_be32(chunk, (uint32_t)len);
	memcpy(chunk + 4, "tEXt", 4);
	memcpy(chunk + 8, text, len);
	put_be32(chunk + 8 + len, png_crc(chunk + 4, 4 + len));
	b = make(IMAGE_PNG, 640, 480, false);
	b = blob_insert(b, 33, chunk, 12 + len);	/* after IHDR */
	assert_true(has(b.data, b.datasz, "TEXT-SECRET-0451"));

	img = process_ok(&b, IMAGE_PNG, 640, 480, 320, 240);
	assert_false(has(img.data, img.datasz, "TEXT-SECRET-0451"));
	assert_false(has(img.data, img.datasz, "tEXt"));
	image_release(&img);
	free(b.data);
}

static void
test_refused_not_images(void **state)
{
	static const char pdf[] = "%PDF-1.4\n1 0 obj << /Type /Catalog >>\n";
	static const char html[] = "<!DOCTYPE html><html><script>alert(1)"
	    "</script></html>";	/* uploaded as "photo.jpg" */
	gdImagePtr im = gradient(32, 32, false);
	struct blob gif;
	void *p;
	int sz = 0;

	(void)state;
	p = gdImageGifPtr(im, &sz);
	gif = blob_from_gd(p, sz);
	gdImageDestroy(im);
	assert_memory_equal(gif.data, "GIF8", 4);
	process_refused(gif.data, gif.datasz, why_type);
	free(gif.data);

	process_refused(pdf, sizeof(pdf) - 1, why_type);
	process_refused(html, sizeof(html) - 1, why_type);
	process_refused(NULL, 0, why_type);
	process_refused("", 0, why_type);
	process_refused("GIF", 3, why_type);
	process_refused("RIFF\0\0\0\0AVI LIST", 16, why_type);
}

static void
test_refused_damaged(void **state)
{
	enum image_type type;
	struct blob b;

	(void)state;
	process_refused("\xff\xd8\xff", 3, why_damaged);
	process_refused("\x89PNG\r\n\x1a\n", 8, why_damaged);
	process_refused("RIFF\4\0\0\0WEBP", 12, why_damaged);

	/* The first half of a valid file of each type. */
	for (type = IMAGE_JPEG; type < IMAGE__MAX; type++) {
		b = make(type, 640, 480, false);
		process_refused(b.data, b.datasz / 2, why_damaged);
		/* All but the last byte: a JPEG without its EOI. */
		process_refused(b.data, b.datasz - 1, why_damaged);
		free(b.data);
	}

	/* A WebP whose first chunk is none of VP8, VP8L, VP8X. */
	b = make(IMAGE_WEBP, 64, 64, false);
	memcpy(b.data + 12, "ALPH", 4);
	process_refused(b.data, b.datasz, why_damaged);
	free(b.data);

	/* A JPEG whose scan comes before its frame header. */
	process_refused("\xff\xd8\xff\xda\0\2\xff\xc0\0\x0b\x08\0\1\0\1\1\1\x11"
	    "\0\xff\xd9", 23, why_damaged);
}

static void
test_refused_random(void **state)
{
	static const unsigned char *const magic[] = {
		(const unsigned char *)"\xff\xd8\xff",
		(const unsigned char *)"\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR",
		(const unsigned char *)"RIFF\xf0\x0f\0\0WEBPVP8 ",
	};
	static const size_t magicsz[] = { 3, 16, 16 };
	unsigned char buf[4096];
	struct image img;
	const char *why;
	uint32_t seed = 1;
	size_t i, k;
	int round;

	(void)state;
	/* The case from the brief, with a fixed seed: a definite answer. */
	memcpy(buf, magic[0], magicsz[0]);
	for (i = magicsz[0]; i < 2000; i++) {
		seed = seed * 1103515245u + 12345u;
		buf[i] = (unsigned char)(seed >> 16);
	}
	process_refused(buf, 2000, why_damaged);

	for (round = 0; round < 300; round++) {
		k = (size_t)round % 3;
		memcpy(buf, magic[k], magicsz[k]);
		for (i = magicsz[k]; i < sizeof(buf); i++) {
			seed = seed * 1103515245u + 12345u;
			buf[i] = (unsigned char)(seed >> 16);
		}
		why = NULL;
		assert_int_equal(image_process(buf, 64 + (size_t)round * 13,
		    &img, &why), RC_INVALID);
		assert_true(why != NULL && (strcmp(why, why_damaged) == 0 ||
		    strcmp(why, why_large) == 0));
		assert_null(img.data);
	}
}

static void
test_refused_too_large(void **state)
{
	struct blob b;
	size_t sof;

	(void)state;
	/* 20000 x 20000 claimed by a PNG of 16 x 16. */
	b = make(IMAGE_PNG, 16, 16, false);
	png_patch_size(&b, 20000, 20000);
	process_refused(b.data, b.datasz, why_large);
	/* One pixel over the limit, and exactly at it (libpng then refuses
	 * a width over a million itself). */
	png_patch_size(&b, IMAGE_MAX_PIXELS + 1, 1);
	process_refused(b.data, b.datasz, why_large);
	png_patch_size(&b, 1000, IMAGE_MAX_PIXELS / 1000 + 1);
	process_refused(b.data, b.datasz, why_large);
	png_patch_size(&b, IMAGE_MAX_PIXELS, 1);
	process_refused(b.data, b.datasz, why_damaged);
	png_patch_size(&b, 0xffffffffu, 0xffffffffu);
	process_refused(b.data, b.datasz, why_large);
	png_patch_size(&b, 0, 16);
	process_refused(b.data, b.datasz, why_damaged);
	free(b.data);

	/* A JPEG whose SOF claims 20000 x 20000. */
	b = make(IMAGE_JPEG, 16, 16, false);
	sof = jpeg_find_sof(&b);
	b.data[sof + 5] = 20000 >> 8;
	b.data[sof + 6] = 20000 & 0xff;
	b.data[sof + 7] = 20000 >> 8;
	b.data[sof + 8] = 20000 & 0xff;
	process_refused(b.data, b.datasz, why_large);
	free(b.data);

	/* A lossy WebP (VP8) claiming 16383 x 16383. */
	b = make(IMAGE_WEBP, 16, 16, false);
	assert_memory_equal(b.data + 12, "VP8 ", 4);
	b.data[26] = b.data[28] = 0xff;
	b.data[27] = b.data[29] = 0x3f;
	process_refused(b.data, b.datasz, why_large);
	free(b.data);

	/* A lossless WebP (VP8L) claiming 16384 x 16384. */
	b = make(IMAGE_WEBP, 16, 16, false);
	b.data[12 + 3] = 'L';
	b.data[20] = 0x2f;
	b.data[21] = b.data[22] = b.data[23] = 0xff;
	b.data[24] = 0x0f;
	process_refused(b.data, b.datasz, why_large);
	free(b.data);

	/* An extended WebP (VP8X) whose canvas is 100000 x 1000. */
	b = make(IMAGE_WEBP, 16, 16, true);
	assert_memory_equal(b.data + 12, "VP8X", 4);
	b.data[24] = (100000 - 1) & 0xff;
	b.data[25] = (100000 - 1) >> 8 & 0xff;
	b.data[26] = (100000 - 1) >> 16;
	b.data[27] = (1000 - 1) & 0xff;
	b.data[28] = (1000 - 1) >> 8;
	b.data[29] = 0;
	process_refused(b.data, b.datasz, why_large);
	free(b.data);
}

static void
test_release(void **state)
{
	struct image img;
	struct blob b = make(IMAGE_PNG, 8, 8, false);
	const char *why;

	(void)state;
	image_release(NULL);
	assert_int_equal(image_process(b.data, b.datasz, &img, &why), RC_OK);
	image_release(&img);
	image_release(&img);
	assert_null(img.data);
	free(b.data);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_media_types),
		cmocka_unit_test(test_sniff),
		cmocka_unit_test(test_process_each_type),
		cmocka_unit_test(test_process_tall_png),
		cmocka_unit_test(test_thumb_never_upscales),
		cmocka_unit_test(test_webp_lossless_and_progressive_jpeg),
		cmocka_unit_test(test_alpha_kept_and_thumb_on_white),
		cmocka_unit_test(test_palette_png),
		cmocka_unit_test(test_jpeg_exif_dropped),
		cmocka_unit_test(test_jpeg_trailer_dropped),
		cmocka_unit_test(test_png_trailer_dropped),
		cmocka_unit_test(test_png_text_dropped),
		cmocka_unit_test(test_refused_not_images),
		cmocka_unit_test(test_refused_damaged),
		cmocka_unit_test(test_refused_random),
		cmocka_unit_test(test_refused_too_large),
		cmocka_unit_test(test_release),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
