/* image.c: evidence photos: recognise JPEG, PNG and WebP by their bytes, refuse decompression bombs, re-encode them with libgd and make JPEG thumbnails. */
#include <assert.h>
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

/*
 * The readers below take the EXIF Orientation (TIFF tag 0x0112) of a JPEG
 * by hand: libgd's JPEG reader skips APP1 segments and has no call that
 * tells anything about EXIF, and a library such as libexif would parse far
 * more of an uploader's bytes than the one number needed here. They read
 * only that: the first APP1 segment starting "Exif\0\0" among the markers
 * before the first SOS, the TIFF header in it (byte order "II" or "MM",
 * the number 42, the offset of IFD0), and IFD0's entries, looking for tag
 * 0x0112 of type SHORT and count 1 with a value 1..8. They follow no
 * other offset (no next IFD, no sub-IFD), so there is no loop to fall
 * into. Every read is bounds-checked against the segment, and anything
 * missing, truncated or malformed reads as orientation 1 (upright), never
 * as an error: a photo with broken metadata is still a photo. None of
 * them allocates.
 */

/*
 * Returns the Orientation in IFD0 of the TIFF structure t[0..n-1] (what
 * follows "Exif\0\0" in an APP1 segment), or 1 when there is none or the
 * structure is malformed: a byte order other than "II" or "MM", no 42, an
 * IFD0 that overlaps the header or whose entries do not all fit in n, or
 * an Orientation entry that is not one SHORT of 1..8.
 */
static unsigned int
image_exif_orientation(const unsigned char *t, size_t n)
{
	uint32_t (*rd16)(const unsigned char *), (*rd32)(const unsigned char *);
	uint32_t ifd, count, k, v;
	const unsigned char *e;

	if (n < 8)
		return 1;
	if (t[0] == 'I' && t[1] == 'I') {
		rd16 = rd_le16;
		rd32 = rd_le32;
	} else if (t[0] == 'M' && t[1] == 'M') {
		rd16 = rd_be16;
		rd32 = rd_be32;
	} else
		return 1;
	if (rd16(t + 2) != 42)
		return 1;
	ifd = rd32(t + 4);
	if (ifd < 8 || ifd > n - 2)
		return 1;
	/* Entries of 12 bytes: tag, type, count, value (or its offset). */
	count = rd16(t + ifd);
	if (count > (n - ifd - 2) / 12)
		return 1;
	for (k = 0; k < count; k++) {
		e = t + ifd + 2 + 12 * k;
		if (rd16(e) != 0x0112)
			continue;
		/* Type 3 is SHORT; one SHORT sits in the value's first half. */
		if (rd16(e + 2) != 3 || rd32(e + 4) != 1)
			return 1;
		v = rd16(e + 8);
		return v >= 1 && v <= 8 ? v : 1;
	}
	return 1;
}

/*
 * Returns the EXIF Orientation (1..8) of the JPEG p[0..n-1], starting with
 * SOI, from the first APP1 "Exif" segment before the first SOS; 1 when
 * there is none or the markers up to it are malformed.
 */
static unsigned int
image_jpeg_orientation(const unsigned char *p, size_t n)
{
	size_t i = 2, len;
	int m;

	while ((m = image_jpeg_marker(p, n, &i)) != -1 && m != 0xd8 &&
	    m != 0xd9 && m != 0xda) {
		if (n - i < 2)
			return 1;
		len = rd_be16(p + i);
		if (len < 2 || len > n - i)
			return 1;
		/* Length, "Exif\0\0", TIFF header and IFD0. */
		if (m == 0xe1 && len >= 8 &&
		    memcmp(p + i + 2, "Exif\0\0", 6) == 0)
			return image_exif_orientation(p + i + 8, len - 8);
		i += len;
	}
	return 1;
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

	/*
	 * Re-encoding drops the EXIF that says which way is up, so turn a
	 * JPEG upright first; PNG and WebP photos are taken as they are.
	 */
	if (type == IMAGE_JPEG)
		im = image_orient(im, image_jpeg_orientation(data, n));

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
