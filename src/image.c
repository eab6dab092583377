/* image.c: evidence photos: recognise JPEG, PNG and WebP by their bytes, refuse decompression bombs, re-encode them with libgd and make JPEG thumbnails. */
#include <inttypes.h>
#include <limits.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <gd.h>

#include "image.h"
#include "log.h"
#include "util.h"

#define IMAGE_JPEG_QUALITY	90	/* of a re-encoded JPEG (image.h) */
#define IMAGE_THUMB_QUALITY	85	/* of a thumbnail */
#define IMAGE_JPEG_MAX_SCANS	100	/* encoders write a dozen or so */

const char *const image_media_types[IMAGE__MAX] = {
	"image/jpeg",	/* IMAGE_JPEG */
	"image/png",	/* IMAGE_PNG */
	"image/webp",	/* IMAGE_WEBP */
};

static const char why_type[] = "This file is not a JPEG, PNG or WebP image.";
static const char why_damaged[] =
    "This image could not be read; it may be damaged.";
static const char why_large[] = "This image is too large in pixels.";

static const unsigned char png_magic[8] = {
	0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'
};

/*
 * The readers below take the width and height from a file's header by
 * hand. libgd has no header-only probe: its gdImageCreateFrom*Ptr
 * functions allocate the whole canvas as soon as they know its size, so a
 * small file that declares 65535 x 65535 pixels would cost gigabytes
 * before we could say no. These readers exist for that one check; all the
 * real decoding is libgd's. Each returns true with *w and *h set, or false
 * when the header is missing, truncated or malformed (the caller then
 * refuses the file without decoding it). Every read is bounds-checked
 * against n; none of them allocates.
 */

/* Returns the big-endian 16-bit number at p. */
static uint32_t
rd_be16(const unsigned char *p)
{
	return (uint32_t)p[0] << 8 | p[1];
}

/* Returns the big-endian 32-bit number at p. */
static uint32_t
rd_be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	    (uint32_t)p[2] << 8 | p[3];
}

/* Returns the little-endian 16-bit number at p. */
static uint32_t
rd_le16(const unsigned char *p)
{
	return (uint32_t)p[1] << 8 | p[0];
}

/* Returns the little-endian 24-bit number at p. */
static uint32_t
rd_le24(const unsigned char *p)
{
	return (uint32_t)p[2] << 16 | (uint32_t)p[1] << 8 | p[0];
}

/* Returns the little-endian 32-bit number at p. */
static uint32_t
rd_le32(const unsigned char *p)
{
	return (uint32_t)p[3] << 24 | rd_le24(p);
}

/*
 * Finds the next marker of the JPEG p[0..n-1] from offset *i the way
 * libjpeg does: bytes before a 0xFF, fill 0xFFs and stuffed 0xFF 0x00
 * pairs are skipped, and so are RSTn and TEM, which stand alone. Returns
 * the marker (0x02..0xFE; it has a length unless it is SOI or EOI) with *i
 * just past it, or -1 when the data ends first.
 */
static int
image_jpeg_marker(const unsigned char *p, size_t n, size_t *i)
{
	unsigned int m;

	while (*i < n) {
		if (p[(*i)++] != 0xff)
			continue;
		while (*i < n && p[*i] == 0xff)
			(*i)++;
		if (*i >= n)
			break;
		m = p[(*i)++];
		if (m == 0x00 || m == 0x01 || (m >= 0xd0 && m <= 0xd7))
			continue;
		return (int)m;
	}
	return -1;
}

/*
 * Reads the size of a JPEG (p[0..n-1], starting with SOI) from its first
 * SOFn segment. It walks the markers as libjpeg does (image_jpeg_marker;
 * every marker but SOI and EOI has a length) so that it finds the SOF
 * libjpeg will use. It walks on to the EOI: libjpeg pads a truncated file
 * with grey and only warns, and libgd hands that back as a good image, so
 * a file without an SOS scan and an EOI after its SOF is refused here. It
 * also refuses more than IMAGE_JPEG_MAX_SCANS scans, as each scan of a
 * progressive JPEG costs a pass over the whole image.
 */
static bool
image_jpeg_size(const unsigned char *p, size_t n, uint32_t *w, uint32_t *h)
{
	size_t i = 2, len;
	unsigned int scans = 0;
	int m;
	bool sof = false;

	while ((m = image_jpeg_marker(p, n, &i)) != -1) {
		if (m == 0xd8)
			return false;
		if (m == 0xd9)
			return sof && scans > 0;
		if (n - i < 2)
			return false;
		len = rd_be16(p + i);
		if (len < 2 || len > n - i)
			return false;
		if (m >= 0xc0 && m <= 0xcf && m != 0xc4 && m != 0xc8 &&
		    m != 0xcc && !sof) {
			/* Length, precision, height, width, components. */
			if (len < 8)
				return false;
			*h = rd_be16(p + i + 3);
			*w = rd_be16(p + i + 5);
			sof = true;
		} else if (m == 0xda) {
			if (!sof || ++scans > IMAGE_JPEG_MAX_SCANS)
				return false;
		}
		i += len;
	}
	return false;
}

/*
 * Reads the size of a PNG (p[0..n-1], starting with its signature) from
 * the IHDR chunk, which must come first: length 13, "IHDR", width, height.
 */
static bool
image_png_size(const unsigned char *p, size_t n, uint32_t *w, uint32_t *h)
{
	if (n < 24 || rd_be32(p + 8) != 13 || memcmp(p + 12, "IHDR", 4) != 0)
		return false;
	*w = rd_be32(p + 16);
	*h = rd_be32(p + 20);
	return true;
}

/*
 * Reads the size of a WebP (p[0..n-1], starting "RIFF....WEBP") from its
 * first chunk, as libwebp's WebPGetInfo does: "VP8 " (lossy: start code
 * 9D 01 2A, then 14-bit width and height), "VP8L" (lossless: signature
 * 0x2F, then 14-bit width-1 and height-1) or "VP8X" (extended: 24-bit
 * canvas width-1 and height-1, which libwebp requires the image to match).
 * Anything else after the RIFF header is refused, though libwebp would
 * try it as a bare bitstream.
 */
static bool
image_webp_size(const unsigned char *p, size_t n, uint32_t *w, uint32_t *h)
{
	uint32_t v;

	if (n < 20)
		return false;
	if (memcmp(p + 12, "VP8 ", 4) == 0) {
		if (n < 30 || p[23] != 0x9d || p[24] != 0x01 || p[25] != 0x2a)
			return false;
		*w = rd_le16(p + 26) & 0x3fff;
		*h = rd_le16(p + 28) & 0x3fff;
		return true;
	}
	if (memcmp(p + 12, "VP8L", 4) == 0) {
		if (n < 25 || p[20] != 0x2f)
			return false;
		v = rd_le32(p + 21);
		*w = (v & 0x3fff) + 1;
		*h = (v >> 14 & 0x3fff) + 1;
		return true;
	}
	if (memcmp(p + 12, "VP8X", 4) == 0) {
		if (n < 30)
			return false;
		*w = rd_le24(p + 24) + 1;
		*h = rd_le24(p + 27) + 1;
		return true;
	}
	return false;
}

/* The header readers, indexed by enum image_type. */
static bool (*const image_sizers[IMAGE__MAX])(const unsigned char *, size_t,
    uint32_t *, uint32_t *) = {
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
	gdImagePtr im = NULL;
	enum image_type type;
	uint32_t w = 0, h = 0;
	enum rc rc = RC_INVALID;

	memset(out, 0, sizeof(*out));
	*why = why_type;
	if (image_sniff(data, n, &type) == -1)
		goto out;

	*why = why_damaged;
	/* libgd takes sizes as int; uploads are far smaller anyway. */
	if (n > INT_MAX || !image_sizers[type](data, n, &w, &h) || w == 0 ||
	    h == 0)
		goto out;
	if ((uint64_t)w * h > IMAGE_MAX_PIXELS) {
		*why = why_large;
		goto out;
	}

	/* The decoders only read data; their prototypes lack the const. */
	if ((im = image_decoders[type]((int)n, (void *)data)) == NULL)
		goto out;
	if ((uint32_t)gdImageSX(im) != w || (uint32_t)gdImageSY(im) != h) {
		log_err("image: '%s' header says %" PRIu32 "x%" PRIu32
		    " but decodes as %dx%d", image_media_types[type], w, h,
		    gdImageSX(im), gdImageSY(im));
		goto out;
	}

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
	if (rc != RC_OK)
		image_release(out);
	return rc;
}

void
image_release(struct image *img)
{
	if (img == NULL)
		return;
	free(img->data);
	free(img->thumb);
	memset(img, 0, sizeof(*img));
}
