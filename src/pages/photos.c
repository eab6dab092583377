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
	const struct field *fl = NULL;
	struct image_budget budget;
	const char *why;
	size_t n = 0;

	memset(p, 0, sizeof(*p));
	image_budget_init(&budget);
	while ((fl = form_files_next(&r->form, name, fl)) != NULL)
		n++;
	if (n == 0)
		return 0;
	p->imgs = xcalloc(n, sizeof(*p->imgs));
	p->photos = xcalloc(n, sizeof(*p->photos));
	while ((fl = form_files_next(&r->form, name, fl)) != NULL) {
		const char *file = fl->filename != NULL && *fl->filename != '\0' ?
		    fl->filename : tr(r, N_("the photo"));

		if (image_process_within(fl->value, fl->valuesz, &budget,
		    &p->imgs[p->photosz], &why) != RC_OK) {
			snprintf(msg, msgsz, "“%s”: %s", file, tr(r, why));
			photos_release(p);
			return -1;
		}
		p->photos[p->photosz].img = &p->imgs[p->photosz];
		p->photos[p->photosz].name = file;
		p->photosz++;
	}
	return 0;
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
