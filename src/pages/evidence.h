/* evidence.h: the photos of a case: the evidence/# and evidence/#/thumb pages of every desk, and the case page's list of them. */
#ifndef PAGES_EVIDENCE_H
#define PAGES_EVIDENCE_H

#include <stdint.h>

#include "app/app.h"

/*
 * Route handlers: GET evidence/# (the photo) and evidence/#/thumb (its
 * thumbnail) for a viewer who may see the case, as the desk's actor;
 * 404 otherwise, exactly as for a photo that does not exist; 500.
 */
void	evidence_route_photo(struct req *r);
void	evidence_route_thumb(struct req *r);

/*
 * Fills the photos of case case_id into section EVIDENCE of d (and
 * shows HAS_EVIDENCE when there are some); the caller has checked the
 * viewer may see the case. Returns 0, or -1 on a database error.
 */
int	evidence_fill(struct req *r, struct tmpl_dict *d, int64_t case_id);

#endif /* PAGES_EVIDENCE_H */
