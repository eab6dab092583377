// tmpl.cc: the only C++ in refund-desk: a C API over Google ctemplate.
#include <ftw.h>
#include <string.h>

#include <string>

#include <ctemplate/template.h>
#include <ctemplate/template_dictionary.h>

extern "C" {
#include "log.h"
#include "util.h"
}
#include "tmpl.h"

using ctemplate::TemplateDictionary;

static inline TemplateDictionary *
D(struct tmpl_dict *d)
{
	return reinterpret_cast<TemplateDictionary *>(d);
}

static inline struct tmpl_dict *
C(TemplateDictionary *d)
{
	return reinterpret_cast<struct tmpl_dict *>(d);
}

// Blank lines go; other whitespace stays, so <pre> and <textarea> keep theirs.
static const ctemplate::Strip strip = ctemplate::STRIP_BLANK_LINES;

static std::string *load_root;
static std::string *load_error;

static const char pragma[] = "{{%AUTOESCAPE context=\"HTML\"}}";

// nftw callback: loads one template; stops the walk at the first failure.
static int
load_one(const char *path, const struct stat *st, int type, struct FTW *ftw)
{
	(void)st;
	(void)ftw;
	size_t len = strlen(path);
	if (type != FTW_F || len < 4 || strcmp(path + len - 4, ".tpl") != 0)
		return 0;
	std::string rel(path + load_root->size() + 1);
	FILE *f = fopen(path, "r");
	char head[sizeof(pragma)] = "";
	if (f != NULL) {
		size_t n = fread(head, 1, sizeof(pragma) - 1, f);
		head[n] = '\0';
		fclose(f);
	}
	if (strcmp(head, pragma) != 0) {
		*load_error = "'" + rel + "' does not begin with " + pragma;
		return 1;
	}
	if (!ctemplate::LoadTemplate(rel, strip)) {
		*load_error = "'" + rel + "' failed to load (see the lines above)";
		return 1;
	}
	return 0;
}

extern "C" int
tmpl_load_all(const char *root, char **err)
{
	std::string r(root), e;
	while (r.size() > 1 && r[r.size() - 1] == '/')
		r.erase(r.size() - 1);
	ctemplate::mutable_default_template_cache()->SetTemplateRootDirectory(r);
	load_root = &r;
	load_error = &e;
	int rc = nftw(r.c_str(), load_one, 16, FTW_PHYS);
	load_root = load_error = NULL;
	if (rc == 0)
		return 0;
	if (e.empty())
		e = "cannot read the template directory '" + r + "'";
	*err = strdup(e.c_str());
	if (*err == NULL)
		log_oom();
	return -1;
}

extern "C" struct tmpl_dict *
tmpl_dict_new(void)
{
	return C(new TemplateDictionary("page"));
}

extern "C" void
tmpl_dict_free(struct tmpl_dict *d)
{
	delete D(d);
}

extern "C" void
tmpl_set(struct tmpl_dict *d, const char *var, const char *value)
{
	D(d)->SetValue(var, value != NULL ? value : "");
}

extern "C" void
tmpl_set_int(struct tmpl_dict *d, const char *var, int64_t value)
{
	D(d)->SetValue(var, std::to_string(value));
}

extern "C" void
tmpl_set_cents(struct tmpl_dict *d, const char *var, int64_t cents)
{
	char out[32];

	D(d)->SetValue(var, cents_format(cents, out));
}

extern "C" void
tmpl_set_global(struct tmpl_dict *d, const char *var, const char *value)
{
	D(d)->SetTemplateGlobalValue(var, value != NULL ? value : "");
}

extern "C" void
tmpl_show(struct tmpl_dict *d, const char *section)
{
	D(d)->ShowSection(section);
}

extern "C" struct tmpl_dict *
tmpl_add_section(struct tmpl_dict *d, const char *section)
{
	return C(D(d)->AddSectionDictionary(section));
}

extern "C" struct tmpl_dict *
tmpl_add_include(struct tmpl_dict *d, const char *name, const char *file)
{
	TemplateDictionary *sub = D(d)->AddIncludeDictionary(name);
	if (file != NULL)
		sub->SetFilename(file);
	return C(sub);
}

extern "C" void
tmpl_set_file(struct tmpl_dict *include, const char *file)
{
	D(include)->SetFilename(file);
}

extern "C" int
tmpl_expand(const char *file, const struct tmpl_dict *d, struct buf *out)
{
	std::string text;
	if (!ctemplate::ExpandTemplate(file, strip,
	    reinterpret_cast<const TemplateDictionary *>(d), &text)) {
		log_err("cannot expand template '%s'", file);
		return -1;
	}
	buf_add(out, text.data(), text.size());
	return 0;
}
