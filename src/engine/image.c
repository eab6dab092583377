/* image.c: evidence photos: recognise JPEG, PNG and WebP by their bytes, refuse decompression bombs and damaged files, re-encode them with libjpeg, libpng and libwebp and make JPEG thumbnails. */
#include <assert.h>
#include <inttypes.h>
#include <limits.h>
#include <setjmp.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jpeglib.h>
#include <jerror.h>
#include <libexif/exif-data.h>
#include <png.h>
#include <webp/decode.h>
#include <webp/encode.h>

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

/* Bytes an RGBA canvas of w x h takes, and a copy of it (turning, encoding). */
#define IMAGE_DECODE_COST(w, h)	((uint64_t)(w) * (h) * 4 * 2)

static const unsigned char png_magic[8] = {
	0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'
};

/*
 * The size readers below ask each format's own library (libjpeg, libpng,
 * libwebp) for the width and height in a file's header before any
 * canvas is allocated: a small file that declares 65535 x 65535 pixels
 * would cost gigabytes before we could say no. Each reader returns NULL with *w and *h set, or the sentence for
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
 * EOI: libjpeg pads a truncated file with grey and only warns. To keep this
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

/*
 * A decoded picture: w x h pixels of 4 bytes (red, green, blue, alpha),
 * row after row, in p (free with free()).
 */
struct image_px {
	uint32_t	 w;
	uint32_t	 h;
	unsigned char	*p;
};

/* Gives px a canvas of w x h pixels, its contents undefined; exits when out of memory. */
static void
image_px_alloc(struct image_px *px, uint32_t w, uint32_t h)
{
	px->w = w;
	px->h = h;
	px->p = xmalloc((size_t)w * h * 4);
}

/*
 * Decodes the JPEG p[0..n-1] (checked by image_jpeg_check) with libjpeg
 * at 1/denom scale (1, 2, 4 or 8) into px, which it allocates (free
 * px->p with free()). Greyscale and YCbCr come out as RGB; CMYK and YCCK
 * as libgd turned them into RGB (inverted when an Adobe marker says the
 * inks are stored inverted, as Photoshop writes them). Returns whether
 * it could; on failure px holds nothing.
 */
static bool
image_jpeg_decode(const unsigned char *p, size_t n, unsigned int denom,
    struct image_px *px)
{
	struct jpeg_decompress_struct cinfo;
	struct image_jpeg_err err;
	volatile bool ok = false;
	JSAMPARRAY row;
	JDIMENSION x;
	unsigned char *o;
	const unsigned char *s;
	unsigned int c, m, y, k;
	bool cmyk, inv;

	px->p = NULL;
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
	cmyk = cinfo.jpeg_color_space == JCS_CMYK ||
	    cinfo.jpeg_color_space == JCS_YCCK;
	inv = cinfo.saw_Adobe_marker;
	cinfo.out_color_space = cmyk ? JCS_CMYK : JCS_RGB;
	cinfo.scale_num = 1;
	cinfo.scale_denom = denom;
	jpeg_start_decompress(&cinfo);
	if (cinfo.output_components != (cmyk ? 4 : 3))
		goto out;
	image_px_alloc(px, cinfo.output_width, cinfo.output_height);
	row = (*cinfo.mem->alloc_sarray)((j_common_ptr)&cinfo, JPOOL_IMAGE,
	    cinfo.output_width * (JDIMENSION)cinfo.output_components, 1);
	while (cinfo.output_scanline < cinfo.output_height) {
		o = px->p + (size_t)cinfo.output_scanline * px->w * 4;
		if (jpeg_read_scanlines(&cinfo, row, 1) != 1)
			goto out;
		for (x = 0, s = row[0]; x < cinfo.output_width; x++, o += 4) {
			if (!cmyk) {
				o[0] = s[0];
				o[1] = s[1];
				o[2] = s[2];
				s += 3;
			} else {
				c = s[0], m = s[1], y = s[2], k = s[3];
				if (inv)
					c = 255 - c, m = 255 - m, y = 255 - y,
					    k = 255 - k;
				o[0] = (unsigned char)((255 - c) * (255 - k) / 255);
				o[1] = (unsigned char)((255 - m) * (255 - k) / 255);
				o[2] = (unsigned char)((255 - y) * (255 - k) / 255);
				s += 4;
			}
			o[3] = 255;
		}
	}
	jpeg_finish_decompress(&cinfo);
	ok = true;
out:
	jpeg_destroy_decompress(&cinfo);
	if (!ok) {
		free(px->p);
		px->p = NULL;
	}
	return ok;
}

/*
 * Returns whether the chunks of the PNG p[0..n-1] run from its signature
 * to a whole IEND chunk (length 0, its fixed CRC) within the n bytes;
 * anything after IEND is allowed (and dropped on re-encoding). libpng's
 * simplified reader stops after the last row and so never sees a file cut
 * inside its IEND.
 */
static bool
image_png_complete(const unsigned char *p, size_t n)
{
	static const unsigned char iend[12] = {
		0, 0, 0, 0, 'I', 'E', 'N', 'D', 0xae, 0x42, 0x60, 0x82
	};
	size_t off = sizeof(png_magic), len;

	while (n - off >= 12) {
		if (memcmp(p + off + 4, "IEND", 4) == 0)
			return memcmp(p + off, iend, sizeof(iend)) == 0;
		len = (size_t)p[off] << 24 | (size_t)p[off + 1] << 16 |
		    (size_t)p[off + 2] << 8 | p[off + 3];
		if (len > n - off - 12)
			return false;
		off += 12 + len;
	}
	return false;
}

/*
 * Decodes the PNG p[0..n-1] with libpng's simplified API into px, which
 * it allocates (free px->p with free()): any bit depth, palette, grey or
 * transparency key comes out as 8-bit RGBA. Returns whether it could and
 * the file is complete (image_png_complete).
 */
static bool
image_png_decode(const unsigned char *p, size_t n, struct image_px *px)
{
	png_image pi;

	px->p = NULL;
	if (!image_png_complete(p, n))
		return false;
	memset(&pi, 0, sizeof(pi));
	pi.version = PNG_IMAGE_VERSION;
	if (!png_image_begin_read_from_memory(&pi, p, n))
		return false;
	pi.format = PNG_FORMAT_RGBA;
	image_px_alloc(px, pi.width, pi.height);
	if (!png_image_finish_read(&pi, NULL, px->p, 0, NULL)) {
		png_image_free(&pi);
		free(px->p);
		px->p = NULL;
		return false;
	}
	return true;
}

/*
 * Decodes the still WebP p[0..n-1] (lossy or lossless, with or without
 * alpha; image_webp_size read its size) with libwebp into px, which it
 * allocates (free px->p with free()). Returns whether it could.
 */
static bool
image_webp_decode(const unsigned char *p, size_t n, struct image_px *px)
{
	int w, h;

	px->p = NULL;
	if (!WebPGetInfo(p, n, &w, &h) || w <= 0 || h <= 0)
		return false;
	image_px_alloc(px, (uint32_t)w, (uint32_t)h);
	if (WebPDecodeRGBAInto(p, n, px->p, (size_t)w * h * 4, w * 4) ==
	    NULL) {
		free(px->p);
		px->p = NULL;
		return false;
	}
	return true;
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

/* Mirrors px left to right, in place. */
static void
image_flip_h(struct image_px *px)
{
	uint32_t x, y;
	uint32_t *row, t;

	for (y = 0; y < px->h; y++) {
		row = (uint32_t *)(void *)(px->p + (size_t)y * px->w * 4);
		for (x = 0; x < px->w / 2; x++) {
			t = row[x];
			row[x] = row[px->w - 1 - x];
			row[px->w - 1 - x] = t;
		}
	}
}

/* Mirrors px top to bottom, in place. */
static void
image_flip_v(struct image_px *px)
{
	size_t stride = (size_t)px->w * 4;
	unsigned char *a, *b, t;
	uint32_t y;
	size_t i;

	for (y = 0; y < px->h / 2; y++) {
		a = px->p + y * stride;
		b = px->p + (px->h - 1 - y) * stride;
		for (i = 0; i < stride; i++) {
			t = a[i];
			a[i] = b[i];
			b[i] = t;
		}
	}
}

/* Turns px half a turn, in place. */
static void
image_flip_both(struct image_px *px)
{
	image_flip_h(px);
	image_flip_v(px);
}

/*
 * How to turn a decoded image upright, indexed by its EXIF Orientation
 * (0 is no valid value and, like 1, leaves the image as it is). Each of
 * the eight is a transposition or none (see image_transpose), then one of
 * the in-place flips or none.
 */
static const struct image_fix {
	bool	  transpose;
	void	(*flip)(struct image_px *);
} image_fixes[9] = {
	{ false, NULL },		/* 0: none */
	{ false, NULL },		/* 1: upright */
	{ false, image_flip_h },	/* 2: mirror horizontally */
	{ false, image_flip_both },	/* 3: rotate 180 */
	{ false, image_flip_v },	/* 4: mirror vertically */
	{ true, NULL },			/* 5: transpose */
	{ true, image_flip_h },		/* 6: rotate 90 clockwise */
	{ true, image_flip_both },	/* 7: transverse */
	{ true, image_flip_v },		/* 8: rotate 90 anticlockwise */
};

/*
 * Mirrors px across its top-left to bottom-right diagonal (pixel x,y
 * becomes pixel y,x; the width and height swap) into a new canvas, and
 * frees the old one. Every pixel is copied as it is, so nothing blurs.
 */
static void
image_transpose(struct image_px *px)
{
	struct image_px t;
	const uint32_t *s = (const uint32_t *)(const void *)px->p;
	uint32_t *d, x, y;

	image_px_alloc(&t, px->h, px->w);
	d = (uint32_t *)(void *)t.p;
	for (y = 0; y < px->h; y++)
		for (x = 0; x < px->w; x++)
			d[(size_t)x * t.w + y] = s[(size_t)y * px->w + x];
	free(px->p);
	*px = t;
}

/* Turns px, decoded from a file whose EXIF Orientation is o (0..8), upright as image_fixes says. */
static void
image_orient(struct image_px *px, unsigned int o)
{
	assert(o < sizeof(image_fixes) / sizeof(image_fixes[0]));
	if (image_fixes[o].transpose)
		image_transpose(px);
	if (image_fixes[o].flip != NULL)
		image_fixes[o].flip(px);
}

/*
 * Encodes the w x h pixels at p (rows of w * bpp bytes; bpp 3 is RGB,
 * 4 is RGBA whose alpha is ignored) as a baseline JPEG of the given
 * quality with libjpeg, with a JFIF header and no other marker. Returns
 * a buffer to free with free() and its size in *outsz, or NULL when
 * libjpeg fails.
 */
static unsigned char *
image_jpeg_encode(const unsigned char *p, uint32_t w, uint32_t h, int bpp,
    int quality, size_t *outsz)
{
	struct jpeg_compress_struct cinfo;
	struct image_jpeg_err err;
	unsigned char *volatile buf = NULL;
	unsigned char *rowbuf;
	struct {
		unsigned char	*p;	/* jpeg_mem_dest's, filled as it goes */
		unsigned long	 n;
	} mem = { NULL, 0 };
	JSAMPROW row;
	const unsigned char *s;
	uint32_t x;

	/* Allocated before the setjmp, so that a longjmp cannot lose it. */
	rowbuf = xmalloc((size_t)w * 3);
	memset(&cinfo, 0, sizeof(cinfo));
	cinfo.err = jpeg_std_error(&err.pub);
	err.pub.error_exit = image_jpeg_fail;
	if (setjmp(err.env) != 0)
		goto out;
	jpeg_create_compress(&cinfo);
	jpeg_mem_dest(&cinfo, &mem.p, &mem.n);
	cinfo.image_width = w;
	cinfo.image_height = h;
	cinfo.input_components = 3;
	cinfo.in_color_space = JCS_RGB;
	jpeg_set_defaults(&cinfo);
	jpeg_set_quality(&cinfo, quality, TRUE);
	jpeg_start_compress(&cinfo, TRUE);
	while (cinfo.next_scanline < cinfo.image_height) {
		s = p + (size_t)cinfo.next_scanline * w * (size_t)bpp;
		if (bpp == 4) {
			for (x = 0; x < w; x++) {
				rowbuf[3 * x] = s[4 * x];
				rowbuf[3 * x + 1] = s[4 * x + 1];
				rowbuf[3 * x + 2] = s[4 * x + 2];
			}
			row = rowbuf;
		} else
			row = (JSAMPROW)s;
		jpeg_write_scanlines(&cinfo, &row, 1);
	}
	jpeg_finish_compress(&cinfo);
	if (mem.p != NULL && mem.n > 0) {
		/* libjpeg-turbo's jpeg_mem_dest allocates with malloc(). */
		buf = mem.p;
		*outsz = mem.n;
		mem.p = NULL;
	}
out:
	jpeg_destroy_compress(&cinfo);
	/* jpeg_mem_dest's buffer outlives the compressor: ours to free on failure. */
	free(mem.p);
	free(rowbuf);
	return buf;
}

/*
 * Encodes px as an 8-bit RGBA PNG with libpng's simplified API (no chunk
 * but the image's own and sRGB). Returns a buffer to free with free() and
 * its size in *outsz, or NULL when libpng fails.
 */
static unsigned char *
image_png_encode(const struct image_px *px, size_t *outsz)
{
	png_image pi;
	png_alloc_size_t sz;
	unsigned char *buf;

	memset(&pi, 0, sizeof(pi));
	pi.version = PNG_IMAGE_VERSION;
	pi.width = px->w;
	pi.height = px->h;
	pi.format = PNG_FORMAT_RGBA;
	/*
	 * The most it can take, so that it compresses once; malloc maps a
	 * buffer that large lazily, and the tail is given back below.
	 */
	sz = PNG_IMAGE_PNG_SIZE_MAX(pi);
	buf = xmalloc(sz);
	if (!png_image_write_to_memory(&pi, buf, &sz, 0, px->p, 0, NULL)) {
		png_image_free(&pi);
		free(buf);
		return NULL;
	}
	*outsz = sz;
	return xrealloc(buf, sz);
}

/*
 * Encodes px as a lossy WebP of quality 80 (libgd's default) with its
 * alpha channel (kept lossless by libwebp) and no metadata. Returns a
 * buffer to free with free() and its size in *outsz, or NULL when libwebp
 * fails.
 */
static unsigned char *
image_webp_encode(const struct image_px *px, size_t *outsz)
{
	uint8_t *p = NULL;
	unsigned char *buf = NULL;
	size_t sz;

	sz = WebPEncodeRGBA(px->p, (int)px->w, (int)px->h, (int)px->w * 4,
	    80, &p);
	if (sz > 0 && p != NULL) {
		buf = xmalloc(sz);
		memcpy(buf, p, sz);
		*outsz = sz;
	}
	WebPFree(p);
	return buf;
}

/*
 * Encodes px as type (JPEG at IMAGE_JPEG_QUALITY; PNG and WebP keeping
 * the alpha channel). Returns a buffer to free with free() and its size
 * in *outsz, or NULL when the format's library fails.
 */
static unsigned char *
image_encode(const struct image_px *px, enum image_type type, size_t *outsz)
{
	switch (type) {
	case IMAGE_JPEG:
		return image_jpeg_encode(px->p, px->w, px->h, 4,
		    IMAGE_JPEG_QUALITY, outsz);
	case IMAGE_PNG:
		return image_png_encode(px, outsz);
	case IMAGE_WEBP:
		return image_webp_encode(px, outsz);
	default:
		abort();
	}
}

/*
 * Shrinks px (RGBA) to tw x th RGB pixels at out (tw * th * 3 bytes), tw
 * no wider and th no higher than px, flattening transparent parts onto
 * white: each pixel of out is the average of the box of px pixels it
 * covers (box x of tw spans columns x * w / tw up to (x + 1) * w / tw),
 * each weighted by its alpha against white. A box filter is what shrinking
 * a photo to a thumbnail needs (every source pixel counts once, so nothing
 * aliases); libgd's gdImageCopyResampled averages the same way.
 */
static void
image_shrink(const struct image_px *px, uint32_t tw, uint32_t th,
    unsigned char *out)
{
	uint64_t *acc;
	uint32_t *col;
	uint32_t x, y, ty, y0, y1, n;
	const unsigned char *s;
	uint64_t a, div;
	size_t i;

	assert(tw >= 1 && th >= 1 && tw <= px->w && th <= px->h);
	acc = xmalloc((size_t)tw * 3 * sizeof(*acc));
	col = xmalloc((size_t)px->w * sizeof(*col));
	/* The thumbnail column of each source column. */
	for (x = 0, i = 0; i < tw; i++)
		for (; x < (uint32_t)(((uint64_t)i + 1) * px->w / tw); x++)
			col[x] = (uint32_t)i;
	for (ty = 0; ty < th; ty++) {
		y0 = (uint32_t)((uint64_t)ty * px->h / th);
		y1 = (uint32_t)(((uint64_t)ty + 1) * px->h / th);
		memset(acc, 0, (size_t)tw * 3 * sizeof(*acc));
		for (y = y0; y < y1; y++) {
			s = px->p + (size_t)y * px->w * 4;
			for (x = 0; x < px->w; x++, s += 4) {
				a = s[3];
				i = (size_t)col[x] * 3;
				acc[i] += s[0] * a + 255 * (255 - a);
				acc[i + 1] += s[1] * a + 255 * (255 - a);
				acc[i + 2] += s[2] * a + 255 * (255 - a);
			}
		}
		for (i = 0; i < tw; i++) {
			n = (uint32_t)(((uint64_t)i + 1) * px->w / tw) -
			    (uint32_t)((uint64_t)i * px->w / tw);
			div = (uint64_t)n * (y1 - y0) * 255;
			out[((size_t)ty * tw + i) * 3] =
			    (unsigned char)((acc[i * 3] + div / 2) / div);
			out[((size_t)ty * tw + i) * 3 + 1] =
			    (unsigned char)((acc[i * 3 + 1] + div / 2) / div);
			out[((size_t)ty * tw + i) * 3 + 2] =
			    (unsigned char)((acc[i * 3 + 2] + div / 2) / div);
		}
	}
	free(col);
	free(acc);
}

/*
 * Makes a JPEG thumbnail of px: its long side is IMAGE_THUMB pixels, or
 * its own if shorter (never upscaled), the other side keeps the aspect
 * ratio (at least 1 pixel), and transparent parts are flattened onto
 * white. Returns a buffer to free with free() and its size in *outsz, or
 * NULL when libjpeg fails to encode it.
 */
static unsigned char *
image_thumb(const struct image_px *px, size_t *outsz)
{
	uint64_t w = px->w, h = px->h, tw = w, th = h;
	unsigned char *rgb, *p;

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
	rgb = xmalloc((size_t)(tw * th * 3));
	image_shrink(px, (uint32_t)tw, (uint32_t)th, rgb);
	p = image_jpeg_encode(rgb, (uint32_t)tw, (uint32_t)th, 3,
	    IMAGE_THUMB_QUALITY, outsz);
	free(rgb);
	return p;
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
	struct image_px px = { 0, 0, NULL };
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
	/* Uploads are far smaller; libjpeg takes an unsigned long. */
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

	switch (type) {
	case IMAGE_JPEG:
		if (!image_jpeg_decode(data, n, denom, &px)) {
			*why = denom > 1 ? why_large : why_damaged;
			goto out;
		}
		break;
	case IMAGE_PNG:
		if (!image_png_decode(data, n, &px))
			goto out;
		break;
	case IMAGE_WEBP:
		if (!image_webp_decode(data, n, &px))
			goto out;
		break;
	default:
		abort();
	}
	if (px.w != dw || px.h != dh) {
		log_err("image: '%s' header says %" PRIu32 "x%" PRIu32
		    " (1/%u) but decodes as %" PRIu32 "x%" PRIu32,
		    image_media_types[type], w, h, denom, px.w, px.h);
		goto out;
	}

	/*
	 * Re-encoding drops the EXIF that says which way is up, so turn a
	 * JPEG upright first; PNG and WebP photos are taken as they are.
	 */
	if (type == IMAGE_JPEG)
		image_orient(&px, orient);

	out->type = type;
	out->width = (int)px.w;
	out->height = (int)px.h;
	if ((out->thumb = image_thumb(&px, &out->thumbsz)) == NULL ||
	    (out->data = image_encode(&px, type, &out->datasz)) == NULL) {
		log_err("image: cannot encode '%s'", image_media_types[type]);
		goto out;
	}
	*why = NULL;
	rc = RC_OK;
out:
	free(px.p);
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
