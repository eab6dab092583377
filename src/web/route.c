/* route.c: pure matching of request paths against route patterns. */
#include <string.h>

#include "web/form.h"
#include "web/route.h"

bool
route_match(const char *pattern, const char *path, int64_t ids[ROUTE_IDS])
{
	int nid = 0;

	for (;;) {
		size_t pl = strcspn(pattern, "/"), sl = strcspn(path, "/");

		if (pl == 1 && pattern[0] == '#') {
			char seg[21];

			if (sl == 0 || sl >= sizeof(seg) || nid >= ROUTE_IDS)
				return false;
			memcpy(seg, path, sl);
			seg[sl] = '\0';
			if (!valid_id(seg, &ids[nid++]))
				return false;
		} else if (pl != sl || memcmp(pattern, path, pl) != 0)
			return false;
		pattern += pl;
		path += sl;
		if (*pattern == '\0' || *path == '\0')
			return *pattern == *path;
		pattern++;
		path++;
	}
}
