/* photos.c: the photos a form carries, decoded and checked by their content (engine/image), ready for the engine. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/util.h"
#include "pages/photos.h"

int
photos_decode(struct req *r, const char *name, struct photos *p, char *msg,
    size_t msgsz)
{
	return photos_decode_held(r, name, NULL, 0, p, msg, msgsz);
}

/* Processes one file into p's next photo; -1 with msg naming it. */
static int
photos_one(struct req *r, struct image_budget *budget, const char *filename,
    const void *data, size_t datasz, struct photos *p, char *msg,
    size_t msgsz)
{
	const char *file = filename != NULL && *filename != '\0' ? filename :
	    tr(r, N_("the photo"));
	const char *why;

	if (image_process_within(data, datasz, budget, &p->imgs[p->photosz],
	    &why) != RC_OK) {
		snprintf(msg, msgsz, "“%s”: %s", file, tr(r, why));
		return -1;
	}
	p->photos[p->photosz].img = &p->imgs[p->photosz];
	p->photos[p->photosz].name = file;
	p->photosz++;
	return 0;
}

int
photos_decode_held(struct req *r, const char *name,
    const struct photos_held *held, size_t heldsz, struct photos *p,
    char *msg, size_t msgsz)
{
	const struct field *fl = NULL;
	struct image_budget budget;
	size_t i, n = heldsz;

	memset(p, 0, sizeof(*p));
	image_budget_init(&budget);
	while ((fl = form_files_next(&r->form, name, fl)) != NULL)
		n++;
	if (n == 0)
		return 0;
	p->imgs = xcalloc(n, sizeof(*p->imgs));
	p->photos = xcalloc(n, sizeof(*p->photos));
	for (i = 0; i < heldsz; i++)
		if (photos_one(r, &budget, held[i].name, held[i].data,
		    held[i].datasz, p, msg, msgsz) != 0)
			goto fail;
	while ((fl = form_files_next(&r->form, name, fl)) != NULL)
		if (photos_one(r, &budget, fl->filename, fl->value, fl->valuesz,
		    p, msg, msgsz) != 0)
			goto fail;
	return 0;
fail:
	photos_release(p);
	return -1;
}

void
photos_release(struct photos *p)
{
	size_t i;

	for (i = 0; i < p->photosz; i++)
		image_release(&p->imgs[i]);
	free(p->imgs);
	free(p->photos);
	memset(p, 0, sizeof(*p));
}
