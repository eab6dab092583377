/* test_image.c: cmocka tests of image.c on JPEG, PNG and WebP files built in memory with libjpeg, libpng and libwebp (testimg.c), doctored ones, and files that are no images at all. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "engine/image.h"
#include "testimg.h"

static const char why_type[] = "This file is not a JPEG, PNG or WebP image.";
static const char why_damaged[] =
    "This image could not be read; it may be damaged.";
static const char why_large[] = "This image is too large in pixels.";

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
 * Returns a w x h picture with a colour gradient; with alpha, its left
 * half is fully transparent. Free it with timg_free().
 */
static struct timg
gradient(int w, int h, bool alpha)
{
	struct timg im = timg_new(w, h);
	int x, y;

	for (y = 0; y < h; y++)
		for (x = 0; x < w; x++)
			timg_set(&im, x, y, x * 255 / w, y * 255 / h, 128,
			    alpha && x < w / 2 ? 0 : 255);
	return im;
}

/* Returns a w x h gradient encoded as type (WebP lossy). */
static struct blob
make(enum image_type type, int w, int h, bool alpha)
{
	struct timg im = gradient(w, h, alpha);
	struct blob b;

	switch (type) {
	case IMAGE_JPEG:
		b = timg_jpeg(&im, 90, false);
		break;
	case IMAGE_PNG:
		b = timg_png(&im);
		break;
	case IMAGE_WEBP:
		b = timg_webp(&im, false);
		break;
	default:
		fail();
	}
	timg_free(&im);
	return b;
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
	struct timg im;

	assert_int_equal(image_process(b->data, b->datasz, &img, &why), RC_OK);
	assert_null(why);
	assert_int_equal(img.type, type);
	assert_int_equal(img.width, w);
	assert_int_equal(img.height, h);
	assert_non_null(img.data);
	assert_int_equal(image_sniff(img.data, img.datasz, &t), 0);
	assert_int_equal(t, type);
	assert_true(timg_decode(type, img.data, img.datasz, &im));
	assert_int_equal(im.w, w);
	assert_int_equal(im.h, h);
	timg_free(&im);

	assert_non_null(img.thumb);
	assert_int_equal(image_sniff(img.thumb, img.thumbsz, &t), 0);
	assert_int_equal(t, IMAGE_JPEG);
	assert_true(timg_decode(IMAGE_JPEG, img.thumb, img.thumbsz, &im));
	assert_int_equal(im.w, tw);
	assert_int_equal(im.h, th);
	assert_true(tw <= IMAGE_THUMB && th <= IMAGE_THUMB);
	timg_free(&im);
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

/* Returns the offset of the first JPEG SOFn marker in b (a libjpeg-made JPEG). */
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

/*
 * Returns a 60 x 40 JPEG whose quarters are red (top left), green (top
 * right), blue (bottom left) and white (bottom right), so that where its
 * corners end up tells every turn and mirroring apart.
 */
static struct blob
make_corners(void)
{
	struct timg im = timg_new(60, 40);
	struct blob b;

	timg_fill(&im, 0, 0, 29, 19, 255, 0, 0);
	timg_fill(&im, 30, 0, 59, 19, 0, 255, 0);
	timg_fill(&im, 0, 20, 29, 39, 0, 0, 255);
	timg_fill(&im, 30, 20, 59, 39, 255, 255, 255);
	b = timg_jpeg(&im, 90, false);
	timg_free(&im);
	return b;
}

/*
 * Returns the colour near pixel x,y of im as 'R', 'G', 'B' or 'W' (JPEG
 * moves colours a little, so by the dominant channels), or '?'.
 */
static char
colour_at(const struct timg *im, int x, int y)
{
	const unsigned char *c = timg_at(im, x, y);
	int r = c[0], g = c[1], b = c[2];

	if (r > 200 && g > 200 && b > 200)
		return 'W';
	if (r > 160 && g < 96 && b < 96)
		return 'R';
	if (g > 160 && r < 96 && b < 96)
		return 'G';
	if (b > 160 && r < 96 && g < 96)
		return 'B';
	return '?';
}

/*
 * Decodes the JPEG p[0..n-1] and checks that its corners (3 pixels in:
 * top left, top right, bottom left, bottom right) have the colours want.
 */
static void
assert_corners(const unsigned char *p, size_t n, const char *want)
{
	struct timg im;
	int w, h;
	char got[5];

	assert_true(timg_decode(IMAGE_JPEG, p, n, &im));
	w = im.w;
	h = im.h;
	got[0] = colour_at(&im, 3, 3);
	got[1] = colour_at(&im, w - 4, 3);
	got[2] = colour_at(&im, 3, h - 4);
	got[3] = colour_at(&im, w - 4, h - 4);
	got[4] = '\0';
	timg_free(&im);
	assert_string_equal(got, want);
}

/* Stores the 16-bit v at p, big-endian if mm, else little-endian. */
static void
put16(unsigned char *p, bool mm, uint32_t v)
{
	p[mm ? 0 : 1] = v >> 8 & 0xff;
	p[mm ? 1 : 0] = v & 0xff;
}

/* Stores the 32-bit v at p, big-endian if mm, else little-endian. */
static void
put32(unsigned char *p, bool mm, uint32_t v)
{
	put16(p + (mm ? 0 : 2), mm, v >> 16);
	put16(p + (mm ? 2 : 0), mm, v & 0xffff);
}

/* Offsets in the segment exif_app1 makes. */
#define EXIF_TIFF	10	/* TIFF header: byte order, 42, IFD0 */
#define EXIF_IFD0	18	/* IFD0's count of entries */
#define EXIF_ORIENT	32	/* IFD0's Orientation entry */
#define EXIF_NEXT	44	/* IFD0's offset of the next IFD */
#define EXIF_SIZE	48

/*
 * Fills app1 with an APP1 segment as a camera writes it: "Exif\0\0", a
 * TIFF header in Motorola (mm) or Intel byte order, and an IFD0 with two
 * entries, ImageWidth (SHORT 60) and Orientation (SHORT o), and no next
 * IFD. Returns its size, EXIF_SIZE.
 */
static size_t
exif_app1(unsigned char app1[EXIF_SIZE], bool mm, uint32_t o)
{
	unsigned char *t = app1 + EXIF_TIFF;

	memset(app1, 0, EXIF_SIZE);
	app1[0] = 0xff;
	app1[1] = 0xe1;
	app1[2] = 0;
	app1[3] = EXIF_SIZE - 2;
	memcpy(app1 + 4, "Exif\0\0", 6);
	memcpy(t, mm ? "MM" : "II", 2);
	put16(t + 2, mm, 42);
	put32(t + 4, mm, EXIF_IFD0 - EXIF_TIFF);
	put16(app1 + EXIF_IFD0, mm, 2);
	put16(app1 + EXIF_IFD0 + 2, mm, 0x0100);
	put16(app1 + EXIF_IFD0 + 4, mm, 3);
	put32(app1 + EXIF_IFD0 + 6, mm, 1);
	put16(app1 + EXIF_IFD0 + 10, mm, 60);
	put16(app1 + EXIF_ORIENT, mm, 0x0112);
	put16(app1 + EXIF_ORIENT + 2, mm, 3);
	put32(app1 + EXIF_ORIENT + 4, mm, 1);
	put16(app1 + EXIF_ORIENT + 8, mm, o);
	put32(app1 + EXIF_NEXT, mm, 0);
	return EXIF_SIZE;
}

/*
 * Inserts the n bytes of segments at p after the SOI of the corners JPEG,
 * processes it, and checks that the result is w x h (a 60 x 40 or 40 x 60
 * image is its own thumbnail), that the corners of the image and of the
 * thumbnail have the colours want (see assert_corners), and that no EXIF
 * is left in either.
 */
static void
corners_ok(const void *p, size_t n, int w, int h, const char *want)
{
	struct blob b = make_corners();
	struct image img;

	b = blob_insert(b, 2, p, n);
	img = process_ok(&b, IMAGE_JPEG, w, h, w, h);
	assert_corners(img.data, img.datasz, want);
	assert_corners(img.thumb, img.thumbsz, want);
	assert_false(has(img.data, img.datasz, "Exif"));
	assert_false(has(img.thumb, img.thumbsz, "Exif"));
	image_release(&img);
	free(b.data);
}

static void
test_jpeg_harmless_warnings(void **state)
{
	static const unsigned char junk[] = { 0x00, 0x00, 0x00 };

	struct blob b = make_corners();
	struct image img;
	size_t at;

	(void)state;
	/* Stray bytes before the marker after APP0: libjpeg warns, cameras write it. */
	assert_true(b.data[3] == 0xe0);
	at = 4 + ((size_t)b.data[4] << 8 | b.data[5]);
	b = blob_insert(b, at, junk, sizeof(junk));
	img = process_ok(&b, IMAGE_JPEG, 60, 40, 60, 40);
	assert_corners(img.data, img.datasz, "RGBW");
	image_release(&img);
	free(b.data);
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
	struct timg im = gradient(400, 300, false);
	struct image img;
	struct blob b;

	(void)state;
	b = timg_webp(&im, true);
	assert_memory_equal(b.data + 12, "VP8L", 4);
	img = process_ok(&b, IMAGE_WEBP, 400, 300, 320, 240);
	image_release(&img);
	free(b.data);

	b = timg_jpeg(&im, 80, true);
	assert_non_null(memmem(b.data, b.datasz, "\xff\xc2", 2));
	img = process_ok(&b, IMAGE_JPEG, 400, 300, 320, 240);
	image_release(&img);
	free(b.data);
	timg_free(&im);
}

static void
test_alpha_kept_and_thumb_on_white(void **state)
{
	enum image_type type;
	struct image img;
	struct blob b;
	struct timg im;
	const unsigned char *c;

	(void)state;
	for (type = IMAGE_PNG; type <= IMAGE_WEBP; type++) {
		b = make(type, 640, 480, true);
		if (type == IMAGE_WEBP)
			assert_memory_equal(b.data + 12, "VP8X", 4);
		img = process_ok(&b, type, 640, 480, 320, 240);

		assert_true(timg_decode(type, img.data, img.datasz, &im));
		c = timg_at(&im, 10, 240);
		assert_int_equal(c[3], 0);
		c = timg_at(&im, 600, 240);
		assert_int_equal(c[3], 255);
		timg_free(&im);

		assert_true(timg_decode(IMAGE_JPEG, img.thumb, img.thumbsz,
		    &im));
		c = timg_at(&im, 10, 120);
		assert_true(c[0] > 245);
		assert_true(c[1] > 245);
		assert_true(c[2] > 245);
		c = timg_at(&im, 300, 120);
		assert_true(c[2] < 160);
		timg_free(&im);
		image_release(&img);
		free(b.data);
	}
}

/*
 * The thumbnail averages the pixels each of its pixels covers: a
 * one-pixel checkerboard of black and white comes out mid grey (a
 * resampler that picks one source pixel per thumbnail pixel gives black
 * or white), and a half black, half white photo keeps its halves.
 */
static void
test_thumb_box_average(void **state)
{
	struct timg im = timg_new(640, 480), t;
	const unsigned char *c;
	struct image img;
	struct blob b;
	int x, y, v;

	(void)state;
	for (y = 0; y < 480; y++)
		for (x = 0; x < 640; x++) {
			v = x < 320 ? ((x + y) % 2 ? 255 : 0) : 255;
			timg_set(&im, x, y, v, v, v, 255);
		}
	b = timg_png(&im);
	timg_free(&im);
	img = process_ok(&b, IMAGE_PNG, 640, 480, 320, 240);
	assert_true(timg_decode(IMAGE_JPEG, img.thumb, img.thumbsz, &t));
	for (y = 20; y < 220; y += 50) {
		c = timg_at(&t, 60, y);
		assert_in_range(c[0], 108, 148);
		assert_in_range(c[1], 108, 148);
		c = timg_at(&t, 260, y);
		assert_true(c[0] > 245 && c[1] > 245 && c[2] > 245);
	}
	timg_free(&t);
	image_release(&img);
	free(b.data);
}

static void
test_palette_png(void **state)
{
	struct timg im = timg_new(500, 100);
	struct image img;
	struct blob b;

	(void)state;
	timg_fill(&im, 0, 0, 499, 99, 255, 0, 0);
	timg_fill(&im, 100, 10, 300, 90, 0, 0, 255);
	b = timg_png_palette(&im);
	assert_int_equal(b.data[25], 3);	/* IHDR colour type: palette */
	timg_free(&im);
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
test_jpeg_orientation(void **state)
{
	/*
	 * The corners (top left, top right, bottom left, bottom right) of
	 * the upright result, taken from the EXIF definitions: where the
	 * stored image's first row and first column are to be shown.
	 */
	static const char *const want[9] = {
		NULL,
		"RGBW",	/* 1: row 0 at the top, column 0 at the left */
		"GRWB",	/* 2: top, right */
		"WBGR",	/* 3: bottom, right */
		"BWRG",	/* 4: bottom, left */
		"RBGW",	/* 5: left, top */
		"BRWG",	/* 6: right, top */
		"WGBR",	/* 7: right, bottom */
		"GWRB",	/* 8: left, bottom */
	};
	unsigned char app1[EXIF_SIZE];
	uint32_t o;
	int mm;

	(void)state;
	/* Without EXIF the photo is taken as it is. */
	corners_ok("", 0, 60, 40, want[1]);
	for (mm = 0; mm <= 1; mm++)
		for (o = 1; o <= 8; o++) {
			exif_app1(app1, mm, o);
			if (o <= 4)
				corners_ok(app1, EXIF_SIZE, 60, 40, want[o]);
			else
				corners_ok(app1, EXIF_SIZE, 40, 60, want[o]);
		}
}

static void
test_jpeg_orientation_which_segment(void **state)
{
	static const char xmp[] = "http://ns.adobe.com/xap/1.0/\0<x/>";
	unsigned char segs[2 * EXIF_SIZE + 64], *sos;
	struct blob b = make_corners();
	struct image img;
	struct timg im;
	size_t n;

	(void)state;
	/* An APP0 and an XMP APP1 before the EXIF one are passed over. */
	memcpy(segs, "\xff\xe0\0\4\1\2\xff\xe1\0", 9);
	segs[9] = 2 + sizeof(xmp) - 1;
	memcpy(segs + 10, xmp, sizeof(xmp) - 1);
	n = 10 + sizeof(xmp) - 1;
	exif_app1(segs + n, true, 6);
	corners_ok(segs, n + EXIF_SIZE, 40, 60, "BRWG");

	/* The first EXIF segment counts, even when a second says else... */
	exif_app1(segs, false, 3);
	exif_app1(segs + EXIF_SIZE, true, 6);
	corners_ok(segs, 2 * EXIF_SIZE, 60, 40, "WBGR");
	/* ... and even when it is broken. */
	segs[EXIF_TIFF + 2] = 43;
	corners_ok(segs, 2 * EXIF_SIZE, 60, 40, "RGBW");

	/* An APP1 that starts "Exif\0x" is no EXIF. */
	exif_app1(segs, true, 6);
	segs[9] = 'x';
	corners_ok(segs, EXIF_SIZE, 60, 40, "RGBW");

	/*
	 * One between the scans of a progressive JPEG (libjpeg reads it
	 * without a word) comes after the first SOS, too late to count.
	 */
	assert_true(timg_decode(IMAGE_JPEG, b.data, b.datasz, &im));
	free(b.data);
	b = timg_jpeg(&im, 90, true);
	timg_free(&im);
	sos = memmem(b.data, b.datasz, "\xff\xda", 2);
	assert_non_null(sos);
	sos = memmem(sos + 2, b.datasz - (size_t)(sos + 2 - b.data),
	    "\xff\xda", 2);
	assert_non_null(sos);
	exif_app1(segs, true, 6);
	b = blob_insert(b, (size_t)(sos - b.data), segs, EXIF_SIZE);
	img = process_ok(&b, IMAGE_JPEG, 60, 40, 60, 40);
	assert_corners(img.data, img.datasz, "RGBW");
	image_release(&img);
	free(b.data);
}

/*
 * Breaks the Orientation 6 segment of exif_app1 in one way with change
 * (which gets the segment and its byte order), in both byte orders, and
 * checks that the photo comes out as stored.
 */
static void
exif_broken(void (*change)(unsigned char *, bool))
{
	unsigned char app1[EXIF_SIZE];
	int mm;

	for (mm = 0; mm <= 1; mm++) {
		exif_app1(app1, mm, 6);
		change(app1, mm);
		corners_ok(app1, EXIF_SIZE, 60, 40, "RGBW");
	}
}

/*
 * Like exif_broken, but for a flaw libexif reads past (as cameras'
 * readers do): the Orientation 6 still counts.
 */
static void
exif_flawed(void (*change)(unsigned char *, bool))
{
	unsigned char app1[EXIF_SIZE];
	int mm;

	for (mm = 0; mm <= 1; mm++) {
		exif_app1(app1, mm, 6);
		change(app1, mm);
		corners_ok(app1, EXIF_SIZE, 40, 60, "BRWG");
	}
}

static void
count_past_end(unsigned char *a, bool mm)
{
	put16(a + EXIF_IFD0, mm, 0xffff);
}

static void
count_one_past_end(unsigned char *a, bool mm)
{
	put16(a + EXIF_IFD0, mm, 3);
}

static void
ifd0_past_end(unsigned char *a, bool mm)
{
	put32(a + EXIF_TIFF + 4, mm, 0xfffffff0u);
}

static void
ifd0_last_byte(unsigned char *a, bool mm)
{
	put32(a + EXIF_TIFF + 4, mm, EXIF_SIZE - EXIF_TIFF - 1);
}

static void
ifd0_on_header(unsigned char *a, bool mm)
{
	put32(a + EXIF_TIFF + 4, mm, 0);
}

static void
type_long(unsigned char *a, bool mm)
{
	put16(a + EXIF_ORIENT + 2, mm, 4);
}

static void
count_two(unsigned char *a, bool mm)
{
	put32(a + EXIF_ORIENT + 4, mm, 2);
}

static void
value_zero(unsigned char *a, bool mm)
{
	put16(a + EXIF_ORIENT + 8, mm, 0);
}

static void
value_nine(unsigned char *a, bool mm)
{
	put16(a + EXIF_ORIENT + 8, mm, 9);
}

static void
value_in_wrong_half(unsigned char *a, bool mm)
{
	put16(a + EXIF_ORIENT + 8, mm, 0);
	put16(a + EXIF_ORIENT + 10, mm, 6);
}

static void
byte_order_mixed(unsigned char *a, bool mm)
{
	a[EXIF_TIFF + 1] = mm ? 'I' : 'M';
}

static void
not_42(unsigned char *a, bool mm)
{
	put16(a + EXIF_TIFF + 2, mm, 43);
}

static void
test_jpeg_orientation_broken(void **state)
{
	unsigned char app1[EXIF_SIZE], overlap[EXIF_TIFF + 6 + 4 * 12 + 4];
	size_t k;
	int mm;

	(void)state;
	/* libexif reads the entries of an IFD that fit in the segment. */
	exif_flawed(count_past_end);
	exif_flawed(count_one_past_end);
	exif_broken(ifd0_past_end);
	exif_broken(ifd0_last_byte);
	exif_broken(ifd0_on_header);
	exif_broken(type_long);
	exif_broken(count_two);
	exif_broken(value_zero);
	exif_broken(value_nine);
	exif_broken(value_in_wrong_half);
	exif_broken(byte_order_mixed);
	exif_broken(not_42);

	/*
	 * An IFD0 inside the TIFF header: at offset 4 of an Intel header,
	 * its count is the low half of its own offset, 4, and the second of
	 * the four entries that follow is a good Orientation, which libexif
	 * reads.
	 */
	memset(overlap, 0, sizeof(overlap));
	memcpy(overlap, "\xff\xe1\0\0Exif\0\0II*\0\4\0\0\0", 18);
	overlap[3] = sizeof(overlap) - 2;
	put16(overlap + EXIF_TIFF + 18, false, 0x0112);
	put16(overlap + EXIF_TIFF + 20, false, 3);
	put32(overlap + EXIF_TIFF + 22, false, 1);
	put16(overlap + EXIF_TIFF + 26, false, 6);
	corners_ok(overlap, sizeof(overlap), 40, 60, "BRWG");

	for (mm = 0; mm <= 1; mm++) {
		/*
		 * A next IFD that is IFD0 again: only IFD0 is read, so the
		 * loop is never walked and the Orientation in it counts.
		 */
		exif_app1(app1, mm, 6);
		put32(app1 + EXIF_NEXT, mm, EXIF_IFD0 - EXIF_TIFF);
		corners_ok(app1, EXIF_SIZE, 40, 60, "BRWG");

		/*
		 * The segment cut short after k bytes (its length says so;
		 * the bytes after it are gone): the Orientation counts once
		 * all of IFD0's entries are in, the next IFD's offset is not
		 * needed.
		 */
		for (k = 4; k < EXIF_SIZE; k++) {
			exif_app1(app1, mm, 6);
			app1[3] = (unsigned char)(k - 2);
			if (k < EXIF_NEXT)
				corners_ok(app1, k, 60, 40, "RGBW");
			else
				corners_ok(app1, k, 40, 60, "BRWG");
		}
	}
}

static void
test_jpeg_orientation_random(void **state)
{
	/* Where the random bytes start: IFD0's count, its entries, or the
	 * type, count and value of the Orientation entry. */
	static const size_t from[3] = {
		EXIF_IFD0, EXIF_IFD0 + 2, EXIF_ORIENT + 2
	};
	unsigned char app1[EXIF_SIZE];
	struct image img;
	const char *why;
	uint32_t seed = 7;
	struct blob b;
	size_t i;
	int round;

	(void)state;
	for (round = 0; round < 300; round++) {
		exif_app1(app1, round % 2, 6);
		for (i = from[round / 2 % 3]; i < EXIF_NEXT; i++) {
			seed = seed * 1103515245u + 12345u;
			app1[i] = (unsigned char)(seed >> 16);
		}
		b = blob_insert(make_corners(), 2, app1, EXIF_SIZE);
		why = "unset";
		assert_int_equal(image_process(b.data, b.datasz, &img, &why),
		    RC_OK);
		assert_null(why);
		assert_true((img.width == 60 && img.height == 40) ||
		    (img.width == 40 && img.height == 60));
		assert_false(has(img.data, img.datasz, "Exif"));
		image_release(&img);
		free(b.data);
	}
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
	struct blob gif = timg_gif();

	(void)state;
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
	unsigned char *vp8;
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
	/* Exactly at the limit, a PNG (which cannot be decoded smaller)
	 * would take the process over IMAGE_PROCESS_BYTES: too large too. */
	png_patch_size(&b, IMAGE_MAX_PIXELS, 1);
	process_refused(b.data, b.datasz, why_large);
	/* The largest sides a PNG can have; anything over 2^31 - 1 is no
	 * PNG, and libpng refuses it before the size counts. */
	png_patch_size(&b, 0x7fffffffu, 0x7fffffffu);
	process_refused(b.data, b.datasz, why_large);
	png_patch_size(&b, 0xffffffffu, 0xffffffffu);
	process_refused(b.data, b.datasz, why_damaged);
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

	/*
	 * An extended WebP (VP8X) whose canvas is 10000 x 5000, and so is
	 * the lossy frame in it (libwebp refuses a canvas and a frame that
	 * differ as damaged).
	 */
	b = make(IMAGE_WEBP, 16, 16, true);
	assert_memory_equal(b.data + 12, "VP8X", 4);
	b.data[24] = (10000 - 1) & 0xff;
	b.data[25] = (10000 - 1) >> 8;
	b.data[26] = 0;
	b.data[27] = (5000 - 1) & 0xff;
	b.data[28] = (5000 - 1) >> 8;
	b.data[29] = 0;
	process_refused(b.data, b.datasz, why_damaged);
	/* VP8 chunk header, frame tag, start code, then 14-bit sides. */
	vp8 = memmem(b.data + 30, b.datasz - 30, "VP8 ", 4);
	assert_non_null(vp8);
	assert_memory_equal(vp8 + 8 + 3, "\x9d\x01\x2a", 3);
	vp8[14] = 10000 & 0xff;
	vp8[15] = 10000 >> 8;
	vp8[16] = 5000 & 0xff;
	vp8[17] = 5000 >> 8;
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

/*
 * A JPEG over IMAGE_DECODE_PIXELS is decoded scaled down by libjpeg (10
 * megapixels at 1/2), and the memory it took is given back.
 */
static void
test_large_jpeg_scaled(void **state)
{
	struct blob b = make(IMAGE_JPEG, 4000, 2500, false);
	struct image img;

	(void)state;
	img = process_ok(&b, IMAGE_JPEG, 2000, 1250, 320, 200);
	assert_true(image_held_bytes() == img.datasz + img.thumbsz);
	assert_true(image_peak_bytes() >= (size_t)2000 * 1250 * 4);
	assert_true(image_peak_bytes() <= IMAGE_PROCESS_BYTES);
	image_release(&img);
	assert_true(image_held_bytes() == 0);
	free(b.data);
}

/* One request's photos share a budget of header pixels. */
static void
test_request_budget(void **state)
{
	struct blob b = make(IMAGE_PNG, 100, 100, false);
	struct image_budget budget;
	struct image img;
	const char *why;

	(void)state;
	image_budget_init(&budget);
	assert_true(budget.pixels_left == IMAGE_REQUEST_PIXELS);
	budget.pixels_left = 15000;
	assert_int_equal(image_process_within(b.data, b.datasz, &budget, &img,
	    &why), RC_OK);
	assert_true(budget.pixels_left == 5000);
	image_release(&img);
	assert_int_equal(image_process_within(b.data, b.datasz, &budget, &img,
	    &why), RC_INVALID);
	assert_non_null(strstr(why, "too large together"));
	assert_null(img.data);
	assert_true(budget.pixels_left == 5000);
	assert_true(image_held_bytes() == 0);
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
		cmocka_unit_test(test_thumb_box_average),
		cmocka_unit_test(test_palette_png),
		cmocka_unit_test(test_jpeg_exif_dropped),
		cmocka_unit_test(test_jpeg_orientation),
		cmocka_unit_test(test_jpeg_orientation_which_segment),
		cmocka_unit_test(test_jpeg_orientation_broken),
		cmocka_unit_test(test_jpeg_orientation_random),
		cmocka_unit_test(test_jpeg_trailer_dropped),
		cmocka_unit_test(test_jpeg_harmless_warnings),
		cmocka_unit_test(test_png_trailer_dropped),
		cmocka_unit_test(test_png_text_dropped),
		cmocka_unit_test(test_refused_not_images),
		cmocka_unit_test(test_refused_damaged),
		cmocka_unit_test(test_refused_random),
		cmocka_unit_test(test_refused_too_large),
		cmocka_unit_test(test_large_jpeg_scaled),
		cmocka_unit_test(test_request_budget),
		cmocka_unit_test(test_release),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
