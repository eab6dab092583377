/* image.h: evidence photos: recognise JPEG, PNG and WebP by their bytes, decode and re-encode them with libgd (dropping metadata and anything hidden), and make thumbnails. */
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

/*
 * Processes an upload: sniffs it, refuses anything but JPEG, PNG and WebP,
 * decodes it with libgd (refusing images over IMAGE_MAX_PIXELS before
 * decoding them in full, where the format's header tells), re-encodes it
 * in the same format (JPEG quality 90; a JPEG is first turned upright by
 * its EXIF Orientation; all metadata are dropped), and makes a JPEG
 * thumbnail. Returns RC_OK with *out filled;
 * RC_INVALID with *why a short English sentence for the user ("This file
 * is not a JPEG, PNG or WebP image.", "This image could not be read; it
 * may be damaged.", "This image is too large in pixels.") ; never RC_DB.
 */
enum rc	image_process(const void *data, size_t n, struct image *out,
	    const char **why);

void	image_release(struct image *img);

#endif /* IMAGE_H */
