/* image.c: evidence photos: recognise JPEG, PNG and WebP by their bytes, refuse decompression bombs and damaged files, re-encode them with libgd and make JPEG thumbnails. */
#include <assert.h>
#include <inttypes.h>
#include <limits.h>
#include <setjmp.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gd.h>
#include <jpeglib.h>
#include <jerror.h>
#include <libexif/exif-data.h>
#include <png.h>
#include <webp/decode.h>

#include "engine/image.h"
#include "base/i18n.h"
#include "base/log.h"
#include "base/util.h"

#define IMAGE_JPEG_QUALITY	90	/* of a re-encoded JPEG (image.h) */
#define IMAGE_THUMB_QUALITY	85	/* of a thumbnail */
#define IMAGE_JPEG_MAX_SCANS	100	/* encoders write a dozen or so */

const char *const image_media_types[IMAGE__MAX] = {
	"image/jpeg",	/* IMAGE_JPEG */
	"image/png",	/* IMAGE_PNG */
	"image/webp",	/* IMAGE_WEBP */
};

static const char why_type[] = N_("This file is not a JPEG, PNG or WebP image.");
static const char why_damaged[] =
    N_("This image could not be read; it may be damaged.");
static const char why_large[] = N_("This image is too large in pixels.");
static const char why_budget[] = N_("These photos are too large together; "
    "send fewer or smaller ones.");
static const char why_busy[] = N_("Photos cannot be processed right now; try "
    "again in a moment.");

/*
 * The memory the process's images take: what the images handed out hold
 * (data and thumbnails, until image_release()), and the most it has been
 * with a decode in progress. Per process, like the loaded templates: one
 * request at a time runs in a desk's process.
 */
static size_t image_held, image_peak;

/* Bytes libgd takes for a truecolor image of w x h, and a copy of it (turning, encoding). */
#define IMAGE_DECODE_COST(w, h)	((uint64_t)(w) * (h) * 4 * 2)

static const unsigned char png_magic[8] = {
	0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'
};

/*
 * The size readers below ask each format's own library (libjpeg, libpng,
 * libwebp) for the width and height in a file's header. libgd has no
 * header-only probe: its gdImageCreateFrom*Ptr functions allocate the
 * whole canvas as soon as they know its size, so a small file that
 * declares 65535 x 65535 pixels would cost gigabytes before we could say
 * no. Each reader returns NULL with *w and *h set, or the sentence for
 * the user (why_damaged, or why_large when the library itself refuses
 * the size) when the header is missing, truncated or malformed. None of
 * them decodes pixels.
 */

/* libjpeg's error manager with a way back to the caller. */
struct image_jpeg_err {
	struct jpeg_error_mgr	 pub;
	jmp_buf			 env;
};

/* Ends a libjpeg call on an error: jumps back to the caller's setjmp. */
static void
image_jpeg_fail(j_common_ptr cinfo)
{
	longjmp(((struct image_jpeg_err *)cinfo->err)->env, 1);
}

/*
 * Takes libjpeg's messages: a warning that the data is truncated or
 * corrupt (libjpeg would paper over it with grey) fails like an error;
 * harmless warnings (stray bytes between markers, an unknown JFIF
 * revision, as some cameras write) and trace messages are dropped.
 */
static void
image_jpeg_message(j_common_ptr cinfo, int level)
{
	int code = cinfo->err->msg_code;

	if (level < 0 && (code == JWRN_JPEG_EOF || code == JWRN_HIT_MARKER ||
	    code == JWRN_HUFF_BAD_CODE || code == JWRN_MUST_RESYNC ||
	    code == JWRN_NOT_SEQUENTIAL || code == JWRN_BOGUS_PROGRESSION ||
	    code == JWRN_TOO_MUCH_DATA))
		image_jpeg_fail(cinfo);
}

/*
 * Called by libjpeg as it reads a multi-scan JPEG: fails when it has
 * started more than IMAGE_JPEG_MAX_SCANS scans, as each scan of a
 * progressive JPEG costs a pass over the whole image.
 */
static void
image_jpeg_progress(j_common_ptr cinfo)
{
	if (((j_decompress_ptr)cinfo)->input_scan_number >
	    IMAGE_JPEG_MAX_SCANS)
		image_jpeg_fail(cinfo);
}

/*
 * Reads the size of a JPEG (p[0..n-1], starting with SOI) with libjpeg's
 * jpeg_read_header, which stops at the first scan. Any libjpeg warning
 * counts as damage.
 */
static const char *
image_jpeg_size(const unsigned char *p, size_t n, uint32_t *w, uint32_t *h)
{
	struct jpeg_decompress_struct cinfo;
	struct image_jpeg_err err;
	const char *volatile why = why_damaged;

	memset(&cinfo, 0, sizeof(cinfo));
	cinfo.err = jpeg_std_error(&err.pub);
	err.pub.error_exit = image_jpeg_fail;
	err.pub.emit_message = image_jpeg_message;
	if (setjmp(err.env) != 0)
		goto out;
	jpeg_create_decompress(&cinfo);
	jpeg_mem_src(&cinfo, p, (unsigned long)n);
	if (jpeg_read_header(&cinfo, TRUE) != JPEG_HEADER_OK)
		goto out;
	*w = cinfo.image_width;
	*h = cinfo.image_height;
	why = NULL;
out:
	jpeg_destroy_decompress(&cinfo);
	return why;
}

/* A PNG in memory as libpng reads it. */
struct image_png_src {
	const unsigned char	*p;
	size_t			 n;
	size_t			 off;		/* of the next byte to read */
	bool			 over_limit;	/* set by image_png_warning */
};

/* libpng's read callback: copies the next len bytes, or fails. */
static void
image_png_read(png_structp png, png_bytep buf, size_t len)
{
	struct image_png_src *src = png_get_io_ptr(png);

	if (len > src->n - src->off)
		png_error(png, "truncated");
	memcpy(buf, src->p + src->off, len);
	src->off += len;
}

/* libpng's error callback: jumps back to the caller's setjmp, silently. */
static void
image_png_error(png_structp png, png_const_charp msg)
{
	(void)msg;
	png_longjmp(png, 1);
}

/*
 * libpng's warning callback. png_check_IHDR warns "Image width (height)
 * exceeds user limit in IHDR" before it fails on a dimension over the
 * png_set_user_limits of image_png_size; that one warning is noted so
 * that the user hears the file is too large rather than damaged.
 */
static void
image_png_warning(png_structp png, png_const_charp msg)
{
	struct image_png_src *src = png_get_error_ptr(png);

	if (strstr(msg, "exceeds user limit") != NULL)
		src->over_limit = true;
}

/*
 * Reads the size of a PNG (p[0..n-1], starting with its signature) with
 * libpng's png_read_info, which reads the chunks up to the first IDAT.
 * Neither side may exceed IMAGE_MAX_PIXELS (libpng's user limits; the
 * product is checked by the caller); a side over that is why_large.
 */
static const char *
image_png_size(const unsigned char *p, size_t n, uint32_t *w, uint32_t *h)
{
	struct image_png_src src = { p, n, 0, false };
	png_structp png;
	png_infop info = NULL;
	png_uint_32 pw, ph;
	int depth, colour;

	png = png_create_read_struct(PNG_LIBPNG_VER_STRING, &src,
	    image_png_error, image_png_warning);
	if (png == NULL || (info = png_create_info_struct(png)) == NULL)
		log_oom();
	if (setjmp(png_jmpbuf(png)) != 0) {
		png_destroy_read_struct(&png, &info, NULL);
		return src.over_limit ? why_large : why_damaged;
	}
	png_set_user_limits(png, IMAGE_MAX_PIXELS, IMAGE_MAX_PIXELS);
	png_set_read_fn(png, &src, image_png_read);
	png_read_info(png, info);
	png_get_IHDR(png, info, &pw, &ph, &depth, &colour, NULL, NULL, NULL);
	png_destroy_read_struct(&png, &info, NULL);
	*w = pw;
	*h = ph;
	return NULL;
}

/*
 * Reads the size of a WebP (p[0..n-1], starting "RIFF....WEBP") with
 * libwebp's WebPGetInfo, which reads the first chunks (VP8, VP8L or VP8X
 * and, for a still VP8X image, the bitstream's size, which must match).
 */
static const char *
image_webp_size(const unsigned char *p, size_t n, uint32_t *w, uint32_t *h)
{
	int iw, ih;

	if (!WebPGetInfo(p, n, &iw, &ih) || iw <= 0 || ih <= 0)
		return why_damaged;
	*w = (uint32_t)iw;
	*h = (uint32_t)ih;
	return NULL;
}

/*
 * Returns the EXIF Orientation (1..8) that libexif finds in IFD0 of the
 * EXIF data p[0..n-1] (an APP1 segment's body, starting "Exif\0\0"), or
 * 1 (upright) when there is none or it is not one SHORT of 1..8: a photo
 * with broken metadata is still a photo. libexif is told not to "fix"
 * the data to the standard, which would turn a LONG into a SHORT and add
 * entries that are not in the file.
 */
static unsigned int
image_exif_orientation(const unsigned char *p, size_t n)
{
	ExifData *ed;
	ExifEntry *e;
	unsigned int o = 1, v;

	if ((ed = exif_data_new()) == NULL)
		log_oom();
	exif_data_unset_option(ed, EXIF_DATA_OPTION_FOLLOW_SPECIFICATION);
	exif_data_load_data(ed, p, (unsigned int)n);
	e = exif_content_get_entry(ed->ifd[EXIF_IFD_0], EXIF_TAG_ORIENTATION);
	if (e != NULL && e->format == EXIF_FORMAT_SHORT &&
	    e->components == 1 && e->size >= 2) {
		v = exif_get_short(e->data, exif_data_get_byte_order(ed));
		if (v >= 1 && v <= 8)
			o = v;
	}
	exif_data_unref(ed);
	return o;
}

/*
 * Checks with libjpeg that the JPEG p[0..n-1] decodes without a warning
 * or an error, in at most IMAGE_JPEG_MAX_SCANS scans, and ends with an
 * EOI: libjpeg pads a truncated file with grey and only warns, and libgd
 * ignores the warning and hands that back as a good image. To keep this
 * cheap it decodes at 1/8 scale with the fast IDCT, one row at a time
 * into one buffer: the entropy-coded data are still read in full, which
 * is where damage shows. Sets *orient to the EXIF Orientation of the
 * first APP1 "Exif" segment before the first scan (image_exif_orientation;
 * 1 without one). Returns whether the file is intact.
 */
static bool
image_jpeg_check(const unsigned char *p, size_t n, unsigned int *orient)
{
	static const unsigned char exif[6] = { 'E', 'x', 'i', 'f', 0, 0 };
	struct jpeg_decompress_struct cinfo;
	struct image_jpeg_err err;
	struct jpeg_progress_mgr progress;
	jpeg_saved_marker_ptr m;
	JSAMPARRAY row;
	volatile bool ok = false;

	*orient = 1;
	memset(&cinfo, 0, sizeof(cinfo));
	memset(&progress, 0, sizeof(progress));
	cinfo.err = jpeg_std_error(&err.pub);
	err.pub.error_exit = image_jpeg_fail;
	err.pub.emit_message = image_jpeg_message;
	progress.progress_monitor = image_jpeg_progress;
	if (setjmp(err.env) != 0)
		goto out;
	jpeg_create_decompress(&cinfo);
	cinfo.progress = &progress;
	jpeg_mem_src(&cinfo, p, (unsigned long)n);
	jpeg_save_markers(&cinfo, JPEG_APP0 + 1, 0xffff);
	if (jpeg_read_header(&cinfo, TRUE) != JPEG_HEADER_OK)
		goto out;

	/*
	 * The markers libjpeg saved before the first scan, in file order;
	 * jpeg_finish_decompress frees them.
	 */
	for (m = cinfo.marker_list; m != NULL; m = m->next)
		if (m->marker == JPEG_APP0 + 1 &&
		    m->data_length >= sizeof(exif) &&
		    memcmp(m->data, exif, sizeof(exif)) == 0) {
			*orient = image_exif_orientation(m->data,
			    m->data_length);
			break;
		}

	cinfo.scale_num = 1;
	cinfo.scale_denom = 8;
	cinfo.dct_method = JDCT_IFAST;
	cinfo.do_fancy_upsampling = FALSE;
	jpeg_start_decompress(&cinfo);
	row = (*cinfo.mem->alloc_sarray)((j_common_ptr)&cinfo, JPOOL_IMAGE,
	    cinfo.output_width * (JDIMENSION)cinfo.output_components, 1);
	while (cinfo.output_scanline < cinfo.output_height)
		if (jpeg_read_scanlines(&cinfo, row, 1) != 1)
			goto out;
	jpeg_finish_decompress(&cinfo);
	ok = true;
out:
	jpeg_destroy_decompress(&cinfo);
	return ok;
}

/* The header readers, indexed by enum image_type. */
static const char *(*const image_sizers[IMAGE__MAX])(const unsigned char *,
    size_t, uint32_t *, uint32_t *) = {
	image_jpeg_size,	/* IMAGE_JPEG */
	image_png_size,		/* IMAGE_PNG */
	image_webp_size,	/* IMAGE_WEBP */
};

/* libgd's decoders, indexed by enum image_type. */
static gdImagePtr (*const image_decoders[IMAGE__MAX])(int, void *) = {
	gdImageCreateFromJpegPtr,	/* IMAGE_JPEG */
	gdImageCreateFromPngPtr,	/* IMAGE_PNG */
	gdImageCreateFromWebpPtr,	/* IMAGE_WEBP */
};

/*
 * Decodes the JPEG p[0..n-1] (checked by image_jpeg_check) with libjpeg
 * at 1/denom scale into a new truecolor libgd image, for pictures too
 * large to decode in full. Returns the image (destroy it with
 * gdImageDestroy), or NULL when libjpeg fails or the picture is CMYK.
 */
static gdImagePtr
image_jpeg_scaled(const unsigned char *p, size_t n, unsigned int denom)
{
	struct jpeg_decompress_struct cinfo;
	struct image_jpeg_err err;
	gdImagePtr volatile im = NULL;
	JSAMPARRAY row;
	JDIMENSION x;
	int y;

	memset(&cinfo, 0, sizeof(cinfo));
	cinfo.err = jpeg_std_error(&err.pub);
	err.pub.error_exit = image_jpeg_fail;
	err.pub.emit_message = image_jpeg_message;
	if (setjmp(err.env) != 0) {
		if (im != NULL)
			gdImageDestroy(im);
		im = NULL;
		goto out;
	}
	jpeg_create_decompress(&cinfo);
	jpeg_mem_src(&cinfo, p, (unsigned long)n);
	if (jpeg_read_header(&cinfo, TRUE) != JPEG_HEADER_OK ||
	    cinfo.jpeg_color_space == JCS_CMYK ||
	    cinfo.jpeg_color_space == JCS_YCCK)
		goto out;
	cinfo.out_color_space = JCS_RGB;
	cinfo.scale_num = 1;
	cinfo.scale_denom = denom;
	jpeg_start_decompress(&cinfo);
	if ((im = gdImageCreateTrueColor((int)cinfo.output_width,
	    (int)cinfo.output_height)) == NULL)
		log_oom();
	row = (*cinfo.mem->alloc_sarray)((j_common_ptr)&cinfo, JPOOL_IMAGE,
	    cinfo.output_width * 3, 1);
	for (y = 0; cinfo.output_scanline < cinfo.output_height; y++) {
		if (jpeg_read_scanlines(&cinfo, row, 1) != 1)
			longjmp(err.env, 1);
		for (x = 0; x < cinfo.output_width; x++)
			gdImageTrueColorPixel(im, x, y) = gdTrueColor(
			    row[0][3 * x], row[0][3 * x + 1], row[0][3 * x + 2]);
	}
	jpeg_finish_decompress(&cinfo);
out:
	jpeg_destroy_decompress(&cinfo);
	return im;
}

/* The smallest of 1, 2, 4, 8 that brings w x h within IMAGE_DECODE_PIXELS (8 at most). */
static unsigned int
image_jpeg_denom(uint32_t w, uint32_t h)
{
	unsigned int d;

	for (d = 1; d < 8; d *= 2)
		if ((uint64_t)((w + d - 1) / d) * ((h + d - 1) / d) <=
		    IMAGE_DECODE_PIXELS)
			break;
	return d;
}

void
image_budget_init(struct image_budget *b)
{
	b->pixels_left = IMAGE_REQUEST_PIXELS;
}

size_t
image_held_bytes(void)
{
	return image_held;
}

size_t
image_peak_bytes(void)
{
	return image_peak;
}

int
image_sniff(const void *data, size_t n, enum image_type *type)
{
	const unsigned char *p = data;

	if (n >= 3 && p[0] == 0xff && p[1] == 0xd8 && p[2] == 0xff)
		*type = IMAGE_JPEG;
	else if (n >= sizeof(png_magic) &&
	    memcmp(p, png_magic, sizeof(png_magic)) == 0)
		*type = IMAGE_PNG;
	else if (n >= 12 && memcmp(p, "RIFF", 4) == 0 &&
	    memcmp(p + 8, "WEBP", 4) == 0)
		*type = IMAGE_WEBP;
	else
		return -1;
	return 0;
}

/*
 * Moves a buffer of sz bytes that libgd allocated (p, may be NULL) into
 * one of ours: frees p with gdFree and returns a copy to free with free(),
 * with its size in *outsz; returns NULL when libgd produced nothing.
 */
static unsigned char *
image_own(void *p, int sz, size_t *outsz)
{
	unsigned char *q = NULL;

	if (p != NULL && sz > 0) {
		q = xmalloc((size_t)sz);
		memcpy(q, p, (size_t)sz);
		*outsz = (size_t)sz;
	}
	if (p != NULL)
		gdFree(p);
	return q;
}

/*
 * How to turn a decoded image upright, indexed by its EXIF Orientation
 * (0 is no valid value and, like 1, leaves the image as it is). Each of
 * the eight is a transposition or none (see image_transpose), then one of
 * libgd's in-place flips or none.
 */
static const struct image_fix {
	bool	  transpose;
	void	(*flip)(gdImagePtr);
} image_fixes[9] = {
	{ false, NULL },		/* 0: none */
	{ false, NULL },		/* 1: upright */
	{ false, gdImageFlipHorizontal }, /* 2: mirror horizontally */
	{ false, gdImageFlipBoth },	/* 3: rotate 180 */
	{ false, gdImageFlipVertical },	/* 4: mirror vertically */
	{ true, NULL },			/* 5: transpose */
	{ true, gdImageFlipHorizontal }, /* 6: rotate 90 clockwise */
	{ true, gdImageFlipBoth },	/* 7: transverse */
	{ true, gdImageFlipVertical },	/* 8: rotate 90 anticlockwise */
};

/*
 * Returns a new truecolor image that is im mirrored across its top-left
 * to bottom-right diagonal (pixel x,y of im is pixel y,x of the result,
 * which is as wide as im is high), with the resolutions swapped likewise,
 * and destroys im. Every pixel is copied as it is, so nothing blurs;
 * gdImageRotateInterpolated would do for the quarter turns (it copies
 * exactly at 90 and 270 degrees), but not for the transpositions.
 */
static gdImagePtr
image_transpose(gdImagePtr im)
{
	gdImagePtr t;
	int w = gdImageSX(im), h = gdImageSY(im), x, y;

	if ((t = gdImageCreateTrueColor(h, w)) == NULL)
		log_oom();
	for (y = 0; y < h; y++)
		for (x = 0; x < w; x++)
			gdImageTrueColorPixel(t, y, x) =
			    gdImageGetTrueColorPixel(im, x, y);
	gdImageSetResolution(t, gdImageResolutionY(im),
	    gdImageResolutionX(im));
	gdImageDestroy(im);
	return t;
}

/*
 * Turns im, decoded from a file whose EXIF Orientation is o (1..8), upright
 * as image_fixes says. Returns the upright image: im itself, or a new one,
 * in which case im has been destroyed. Exits when out of memory.
 */
static gdImagePtr
image_orient(gdImagePtr im, unsigned int o)
{
	assert(o < sizeof(image_fixes) / sizeof(image_fixes[0]));
	if (image_fixes[o].transpose)
		im = image_transpose(im);
	if (image_fixes[o].flip != NULL)
		image_fixes[o].flip(im);
	return im;
}

/*
 * Encodes im as type (JPEG at IMAGE_JPEG_QUALITY; PNG and WebP keeping
 * the alpha channel). Returns a buffer to free with free() and its size in
 * *outsz, or NULL when libgd fails.
 */
static unsigned char *
image_encode(gdImagePtr im, enum image_type type, size_t *outsz)
{
	void *p = NULL;
	int sz = 0;

	switch (type) {
	case IMAGE_JPEG:
		p = gdImageJpegPtr(im, &sz, IMAGE_JPEG_QUALITY);
		break;
	case IMAGE_PNG:
		gdImageAlphaBlending(im, 0);
		gdImageSaveAlpha(im, 1);
		p = gdImagePngPtr(im, &sz);
		break;
	case IMAGE_WEBP:
		gdImageAlphaBlending(im, 0);
		gdImageSaveAlpha(im, 1);
		p = gdImageWebpPtr(im, &sz);
		break;
	default:
		abort();
	}
	return image_own(p, sz, outsz);
}

/*
 * Makes a JPEG thumbnail of im: its long side is IMAGE_THUMB pixels, or
 * its own if shorter (never upscaled), the other side keeps the aspect
 * ratio (at least 1 pixel), and transparent parts are flattened onto
 * white. Returns a buffer to free with free() and its size in *outsz, or
 * NULL when libgd fails to encode it.
 */
static unsigned char *
image_thumb(gdImagePtr im, size_t *outsz)
{
	gdImagePtr t;
	uint64_t w = (uint64_t)gdImageSX(im), h = (uint64_t)gdImageSY(im);
	uint64_t tw = w, th = h;
	void *p;
	int sz = 0;

	if (w >= h && w > IMAGE_THUMB) {
		tw = IMAGE_THUMB;
		th = (h * IMAGE_THUMB + w / 2) / w;
	} else if (h > w && h > IMAGE_THUMB) {
		th = IMAGE_THUMB;
		tw = (w * IMAGE_THUMB + h / 2) / h;
	}
	if (tw == 0)
		tw = 1;
	if (th == 0)
		th = 1;

	if ((t = gdImageCreateTrueColor((int)tw, (int)th)) == NULL)
		log_oom();
	gdImageAlphaBlending(t, 0);
	gdImageFilledRectangle(t, 0, 0, (int)tw - 1, (int)th - 1,
	    gdTrueColor(255, 255, 255));
	gdImageAlphaBlending(t, 1);
	gdImageCopyResampled(t, im, 0, 0, 0, 0, (int)tw, (int)th, (int)w,
	    (int)h);
	p = gdImageJpegPtr(t, &sz, IMAGE_THUMB_QUALITY);
	gdImageDestroy(t);
	return image_own(p, sz, outsz);
}

/*
 * See image.h. The decoded size must match the one the header reader
 * found; a mismatch (a bug in a reader) or a failure to encode is logged
 * and answered as RC_INVALID, since image.h promises no other code.
 */
enum rc
image_process(const void *data, size_t n, struct image *out,
    const char **why)
{
	return image_process_within(data, n, NULL, out, why);
}

enum rc
image_process_within(const void *data, size_t n, struct image_budget *b,
    struct image *out, const char **why)
{
	gdImagePtr im = NULL;
	enum image_type type;
	uint32_t w = 0, h = 0, dw, dh;
	unsigned int orient = 1, denom = 1;
	uint64_t cost = 0;
	enum rc rc = RC_INVALID;

	memset(out, 0, sizeof(*out));
	*why = why_type;
	if (image_sniff(data, n, &type) == -1)
		goto out;

	*why = why_damaged;
	/* libgd takes sizes as int; uploads are far smaller anyway. */
	if (n > INT_MAX)
		goto out;
	if ((*why = image_sizers[type](data, n, &w, &h)) != NULL)
		goto out;
	*why = why_damaged;
	if (w == 0 || h == 0)
		goto out;
	if ((uint64_t)w * h > IMAGE_MAX_PIXELS) {
		*why = why_large;
		goto out;
	}
	if (b != NULL && (uint64_t)w * h > b->pixels_left) {
		*why = why_budget;
		goto out;
	}
	if (b != NULL)
		b->pixels_left -= (uint64_t)w * h;
	/* Only a JPEG can be decoded smaller than it is. */
	if (type == IMAGE_JPEG)
		denom = image_jpeg_denom(w, h);
	dw = (w + denom - 1) / denom;
	dh = (h + denom - 1) / denom;
	cost = IMAGE_DECODE_COST(dw, dh);
	if (image_held + cost > IMAGE_PROCESS_BYTES) {
		*why = image_held == 0 ? why_large : why_busy;
		cost = 0;
		goto out;
	}
	image_held += cost;
	if (image_held > image_peak)
		image_peak = image_held;
	if (type == IMAGE_JPEG && !image_jpeg_check(data, n, &orient))
		goto out;

	/* The decoders only read data; their prototypes lack the const. */
	if (denom > 1) {
		if ((im = image_jpeg_scaled(data, n, denom)) == NULL) {
			*why = why_large;
			goto out;
		}
	} else if ((im = image_decoders[type]((int)n, (void *)data)) == NULL)
		goto out;
	if ((uint32_t)gdImageSX(im) != dw || (uint32_t)gdImageSY(im) != dh) {
		log_err("image: '%s' header says %" PRIu32 "x%" PRIu32
		    " (1/%u) but decodes as %dx%d", image_media_types[type], w,
		    h, denom, gdImageSX(im), gdImageSY(im));
		goto out;
	}

	/*
	 * Re-encoding drops the EXIF that says which way is up, so turn a
	 * JPEG upright first; PNG and WebP photos are taken as they are.
	 */
	if (type == IMAGE_JPEG)
		im = image_orient(im, orient);

	out->type = type;
	out->width = gdImageSX(im);
	out->height = gdImageSY(im);
	if ((out->thumb = image_thumb(im, &out->thumbsz)) == NULL ||
	    (out->data = image_encode(im, type, &out->datasz)) == NULL) {
		log_err("image: cannot encode '%s'", image_media_types[type]);
		goto out;
	}
	*why = NULL;
	rc = RC_OK;
out:
	if (im != NULL)
		gdImageDestroy(im);
	image_held -= cost;
	if (rc == RC_OK)
		image_held += out->datasz + out->thumbsz;
	else {
		/* Nothing of it was counted as held yet. */
		free(out->data);
		free(out->thumb);
		memset(out, 0, sizeof(*out));
	}
	return rc;
}

void
image_release(struct image *img)
{
	if (img == NULL)
		return;
	assert(image_held >= img->datasz + img->thumbsz);
	image_held -= img->datasz + img->thumbsz;
	free(img->data);
	free(img->thumb);
	memset(img, 0, sizeof(*img));
}
