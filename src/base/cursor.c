/* cursor.c: keyset page positions in links (see cursor.h). */
#include <stdio.h>
#include <string.h>

#include "base/cursor.h"
#include "base/util.h"

bool
cursor_parse(const char *s, struct cursor *c)
{
	int64_t id;
	size_t i;

	if (s == NULL)
		return false;
	if (strchr(s, '.') == NULL) {
		if (!id_parse(s, &id))
			return false;
		c->key[0] = '\0';
		c->id = id;
		return true;
	}
	if (strlen(s) < 16 || s[14] != '.' || !id_parse(s + 15, &id))
		return false;
	for (i = 0; i < 14; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	memcpy(c->key, s, 14);
	c->key[14] = '\0';
	c->id = id;
	return true;
}

void
cursor_format(const struct cursor *c, char *buf, size_t n)
{
	if (c->key[0] != '\0')
		snprintf(buf, n, "%s.%lld", c->key, (long long)c->id);
	else
		snprintf(buf, n, "%lld", (long long)c->id);
}

bool
cursor_first(const struct cursor *c)
{
	return c->key[0] == '\0' && c->id == 0;
}
