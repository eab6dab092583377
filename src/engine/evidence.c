/* evidence.c: stores the photos of a case in the database, within the limits of the case's frozen policy. */
#include <inttypes.h>
#include <string.h>

#include "base/auth.h"
#include "base/i18n.h"
#include "engine/evidence.h"

/* Tells whether media type mt is one of the comma-separated list. */
static bool
type_allowed(const char *list, const char *mt)
{
	size_t n = strlen(mt);
	const char *p;

	for (p = list; (p = strstr(p, mt)) != NULL; p += n)
		if ((p == list || p[-1] == ',' || p[-1] == ' ') &&
		    (p[n] == '\0' || p[n] == ','))
			return true;
	return false;
}

enum rc
evidence_add(struct db *db, int64_t case_id, enum actor who, int64_t actor_id,
    const struct case_photo *photos, size_t photosz, const struct policy *pol,
    time_t now, struct buf *ids, const char **why)
{
	struct db_res r;
	unsigned char sum[32];
	size_t i;
	enum rc rc;

	buf_add(ids, "", 0);
	if (photosz == 0)
		return RC_OK;
	if ((rc = db_query(db, SQL_EVIDENCE_COUNT, &r, "i", case_id)) != RC_OK)
		goto out;
	if (db_int(&r, 0, 0) + (int64_t)photosz > pol->evidence_max_files) {
		*why = N_("The case cannot hold that many photos under the return "
		    "policy.");
		rc = RC_INVALID;
		goto out;
	}
	for (i = 0; i < photosz; i++) {
		const struct image *img = photos[i].img;
		const char *mt = image_media_types[img->type];

		if ((int64_t)img->datasz > pol->evidence_max_bytes) {
			*why = N_("A photo is larger than the return policy allows.");
			rc = RC_INVALID;
			goto out;
		}
		if (!type_allowed(pol->evidence_types, mt)) {
			*why = N_("The return policy does not accept this kind of "
			    "photo.");
			rc = RC_INVALID;
			goto out;
		}
		auth_sha256(img->data, img->datasz, sum);
		rc = db_exec(db, SQL_EVIDENCE_INSERT, NULL, "iissibbbsiit",
		    case_id, actor_id, actor_name(who), mt,
		    (int64_t)img->datasz, sum, sizeof(sum), img->data,
		    img->datasz, img->thumb, img->thumbsz, photos[i].name,
		    (int64_t)img->width, (int64_t)img->height, now);
		if (rc == RC_CONFLICT) {
			db_res_release(&r);
			if ((rc = db_query(db, SQL_EVIDENCE_ID_BY_SHA, &r, "ib",
			    case_id, sum, sizeof(sum))) != RC_OK || r.rowsz == 0)
				goto out;
			buf_printf(ids, "%s%s", ids->len ? "," : "",
			    db_str(&r, 0, 0));
			continue;
		}
		if (rc != RC_OK)
			goto out;
		buf_printf(ids, "%s%" PRId64, ids->len ? "," : "",
		    db_last_id(db));
	}
out:
	db_res_release(&r);
	return rc;
}
