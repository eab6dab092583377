/* parcels.c: the parcels of a case with tracking links, for the case pages of every desk. */
#include <stdio.h>
#include <string.h>

#include "pages/parcels.h"

int
parcels_url(const char *pattern, const char *waybill, char *out, size_t outsz)
{
	static const char hex[] = "0123456789ABCDEF";
	const char *at = strstr(pattern, "{waybill}");
	size_t n = 0;
	const unsigned char *w;

	if (at == NULL || (size_t)(at - pattern) >= outsz)
		return -1;
	memcpy(out, pattern, (size_t)(at - pattern));
	n = (size_t)(at - pattern);
	for (w = (const unsigned char *)waybill; *w != '\0'; w++) {
		if (n + 4 >= outsz)
			return -1;
		if ((*w >= '0' && *w <= '9') || (*w >= 'A' && *w <= 'Z') ||
		    (*w >= 'a' && *w <= 'z') || *w == '-' || *w == '_') {
			out[n++] = (char)*w;
		} else {
			out[n++] = '%';
			out[n++] = hex[*w >> 4];
			out[n++] = hex[*w & 15];
		}
	}
	if (n + strlen(at + 9) + 1 > outsz)
		return -1;
	strcpy(out + n, at + 9);
	return 0;
}

int
parcels_fill(struct req *r, struct tmpl_dict *d, int64_t case_id)
{
	static const char *const kinds[] = { "outbound", "return",
	    "replacement" };
	static const char *const words[] = { N_("The order's parcel"),
	    N_("The goods sent back"), N_("The replacement") };
	struct db_res res = { 0 };
	struct tmpl_dict *inc, *s;
	char url[600];
	size_t i, k;

	if (db_query(r->app->db, SQL_PARCELS_OF_CASE, &res, "ii", case_id,
	    case_id) != RC_OK) {
		db_res_release(&res);
		return -1;
	}
	inc = tmpl_add_include(d, "PARCELS", "parts/parcels.tpl");
	if (res.rowsz > 0)
		tmpl_show(inc, "HAS_PARCELS");
	for (i = 0; i < res.rowsz; i++) {
		s = tmpl_add_section(inc, "PARCEL");
		for (k = 0; k < 3 && strcmp(kinds[k], db_str(&res, i, 0)); k++)
			;
		tmpl_set(s, "KIND", tr(r, words[k < 3 ? k : 0]));
		tmpl_set(s, "CARRIER", db_null(&res, i, 3) ? db_str(&res, i, 1) :
		    r->lang == LANG_ZH ? db_str(&res, i, 4) : db_str(&res, i, 3));
		tmpl_set(s, "WAYBILL", db_str(&res, i, 2));
		if (!db_null(&res, i, 5) && parcels_url(db_str(&res, i, 5),
		    db_str(&res, i, 2), url, sizeof(url)) == 0)
			tmpl_set(tmpl_add_section(s, "LINK"), "URL", url);
		else
			tmpl_show(s, "NO_LINK");
	}
	db_res_release(&res);
	return 0;
}
