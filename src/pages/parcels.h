/* parcels.h: the parcels of a case (the order's, the return, the replacement) with their waybills as links to the carriers' tracking pages. */
#ifndef PARCELS_H
#define PARCELS_H

#include <stdint.h>

#include "app/app.h"

/*
 * Fills the include PARCELS of d (templates/parts/parcels.tpl) with the
 * parcels of case_id, each waybill a link when its carrier is known
 * (table carriers). Returns 0, or -1 on a database error (logged).
 */
int	parcels_fill(struct req *r, struct tmpl_dict *d, int64_t case_id);

/*
 * Writes the tracking URL of waybill under pattern ("{waybill}" replaced
 * by the waybill, %-encoded) into out. Returns 0, or -1 when it does not
 * fit.
 */
int	parcels_url(const char *pattern, const char *waybill, char *out,
	    size_t outsz);

#endif /* PARCELS_H */
