/* photos.h: the photos a form carries, decoded and checked by their content (engine/image), ready for the engine. */
#ifndef PHOTOS_H
#define PHOTOS_H

#include <stddef.h>

#include "app/app.h"
#include "engine/evidence.h"
#include "engine/image.h"

/* Photos of one form, processed; release with photos_release(). */
struct photos {
	struct image		*imgs;
	struct case_photo	*photos;
	size_t			 photosz;
};

/*
 * Decodes every file of r's form field name, which form_check() has
 * passed as a FORM_FILES field (none empty or too large): each must be a
 * JPEG, PNG or WebP image within the decoder's limits and, all of them
 * together, within one request's pixel budget (image_process_within());
 * it is re-encoded
 * without its metadata, with a thumbnail. Returns 0 with p filled, or -1
 * with p empty and msg (msgsz bytes) a sentence for the user in r's
 * language that names the file and says why.
 */
int	photos_decode(struct req *r, const char *name, struct photos *p,
	    char *msg, size_t msgsz);

/* A file sent earlier and held for this form (store/held_store.h). */
struct photos_held {
	const char	*name;
	const void	*data;
	size_t		 datasz;
};

/*
 * Like photos_decode(), with the files held from an earlier try of the
 * same form first (heldsz of them), all within one request's budget.
 */
int	photos_decode_held(struct req *r, const char *name,
	    const struct photos_held *held, size_t heldsz, struct photos *p,
	    char *msg, size_t msgsz);

/* Frees what p holds and empties it. */
void	photos_release(struct photos *p);

#endif /* PHOTOS_H */
