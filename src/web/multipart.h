/* multipart.h: the multipart/form-data parser (RFC 7578, with the header grammar of RFC 2045 and RFC 2046). */
#ifndef MULTIPART_H
#define MULTIPART_H

#include <stddef.h>

#include "base/rc.h"

struct fields;	/* web/form.h */

/* Limits on a multipart body; a zero means "no part of this kind allowed". */
struct form_limits {
	size_t	max_parts;	/* parts of any kind */
	size_t	max_files;	/* file parts with a non-empty filename */
	size_t	max_field_bytes;	/* bytes of one non-file value */
	size_t	max_file_bytes;	/* bytes of one file: over it, too_large */
};

/*
 * Parses a multipart/form-data body of bodysz bytes whose Content-Type
 * header is content_type (the boundary is taken from it) and appends its
 * parts to out, within lim. Returns RC_OK; RC_INVALID for a malformed body
 * or missing boundary; RC_TOOBIG when max_parts, max_files or
 * max_field_bytes is exceeded. On failure *why (if why is not NULL) is set
 * to a static English sentence for the user. A single file over
 * max_file_bytes is not a failure: it is kept with too_large set.
 */
enum rc	form_parse_multipart(const char *content_type, const char *body,
	    size_t bodysz, const struct form_limits *lim, struct fields *out,
	    const char **why);

#endif /* MULTIPART_H */
