/* image.h: evidence photos: recognise JPEG, PNG and WebP by their bytes, decode and re-encode them with libjpeg, libpng and libwebp (dropping metadata and anything hidden), and make thumbnails. */
#ifndef IMAGE_H
#define IMAGE_H

#include <stddef.h>
#include <stdint.h>

#include "base/rc.h"

enum image_type {
	IMAGE_JPEG,
	IMAGE_PNG,
	IMAGE_WEBP,
	IMAGE__MAX
};

/* "image/jpeg", "image/png", "image/webp"; indexed by enum image_type. */
extern const char *const image_media_types[IMAGE__MAX];

/*
 * Tells the type of data[0..n-1] from its first bytes (magic numbers),
 * never from a name or a declared type. Returns 0 with *type set, or -1
 * when the bytes are not a JPEG, PNG or WebP file.
 */
int	image_sniff(const void *data, size_t n, enum image_type *type);

/* A processed photo; free with image_release(). */
struct image {
	enum image_type	 type;	/* of data (the same as the upload's) */
	unsigned char	*data;	/* the re-encoded image */
	size_t		 datasz;
	unsigned char	*thumb;	/* a JPEG at most IMAGE_THUMB px on its long side */
	size_t		 thumbsz;
	int		 width;	/* of data */
	int		 height;
};

#define IMAGE_THUMB		320
#define IMAGE_MAX_PIXELS	(40 * 1000 * 1000)	/* refuse larger images */
#define IMAGE_DECODE_PIXELS	(8 * 1000 * 1000)	/* decoded at most: a larger
							   JPEG is decoded scaled down
							   (1/2, 1/4, 1/8) by libjpeg */
#define IMAGE_REQUEST_PIXELS	(80 * 1000 * 1000)	/* read (header pixels) for one
							   request's photos */
#define IMAGE_PROCESS_BYTES	((size_t)192 << 20)	/* ceiling of the memory images
							   take in one process */

/*
 * What one request may still spend on photos: pixels as their headers
 * declare them (the cost of reading them). Start it at
 * IMAGE_REQUEST_PIXELS with image_budget_init().
 */
struct image_budget {
	uint64_t	 pixels_left;
};

void	image_budget_init(struct image_budget *b);

/*
 * Processes an upload: sniffs it, refuses anything but JPEG, PNG and WebP,
 * decodes it with the format's library (refusing images over IMAGE_MAX_PIXELS before
 * decoding them in full, where the format's header tells), re-encodes it
 * in the same format (JPEG quality 90; a JPEG is first turned upright by
 * its EXIF Orientation; all metadata are dropped), and makes a JPEG
 * thumbnail. Returns RC_OK with *out filled;
 * RC_INVALID with *why a short English sentence for the user (a msgid:
 * "This file is not a JPEG, PNG or WebP image.", "This image could not be
 * read; it may be damaged.", "This image is too large in pixels.");
 * never RC_DB.
 */
enum rc	image_process(const void *data, size_t n, struct image *out,
	    const char **why);

/*
 * Like image_process(), within budget b (NULL: none): an image whose
 * header pixels exceed what b has left is refused before it is decoded
 * ("These photos are too large together..."), and b is charged for the
 * ones read. In every case a JPEG over IMAGE_DECODE_PIXELS is decoded
 * scaled down (the stored photo is smaller), a PNG or WebP whose decoding
 * would take the process's images over IMAGE_PROCESS_BYTES is refused,
 * and the memory of images held (until image_release()) counts against
 * that ceiling.
 */
enum rc	image_process_within(const void *data, size_t n,
	    struct image_budget *b, struct image *out, const char **why);

/* The bytes the process's images hold now, and the most they ever held at once. */
size_t	image_held_bytes(void);
size_t	image_peak_bytes(void);

void	image_release(struct image *img);

#endif /* IMAGE_H */
