// tmpl.cc: the only C++ in refund-desk: a C API over Google ctemplate.
#include <ftw.h>
#include <string.h>

#include <string>

#include <ctemplate/template.h>
#include <ctemplate/template_dictionary.h>

extern "C" {
#include "base/log.h"
#include "base/util.h"
}
#include "web/tmpl.h"

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

#include <ctemplate/template_cache.h>

#include <fstream>
#include <sstream>
#include <vector>

/* One template cache per language, filled at start and only read after. */
static std::vector<ctemplate::TemplateCache *> caches;

static std::string *load_root;
static std::string *load_error;
static tmpl_translate load_tr;

static const char pragma[] = "{{%AUTOESCAPE context=\"HTML\"}}";

// Escapes a translation for HTML text or a quoted attribute, and keeps it
// from ever being read as template syntax.
static std::string
html_escape(const char *s)
{
	std::string out;
	for (; *s != '\0'; s++)
		switch (*s) {
		case '&': out += "&amp;"; break;
		case '<': out += "&lt;"; break;
		case '>': out += "&gt;"; break;
		case '"': out += "&quot;"; break;
		case '\'': out += "&#39;"; break;
		case '{': out += "&#123;"; break;
		case '}': out += "&#125;"; break;
		default: out += *s;
		}
	return out;
}

// Replaces every [[English text]] of text with its translation in lang.
static bool
translate(const std::string &text, int lang, std::string *out)
{
	size_t pos = 0, open;
	while ((open = text.find("[[", pos)) != std::string::npos) {
		size_t close = text.find("]]", open + 2);
		if (close == std::string::npos)
			return false;
		out->append(text, pos, open - pos);
		std::string id = text.substr(open + 2, close - open - 2);
		out->append(html_escape(load_tr(lang, id.c_str())));
		pos = close + 2;
	}
	out->append(text, pos, std::string::npos);
	return true;
}

// nftw callback: loads one template in every language; stops the walk at the first failure.
static int
load_one(const char *path, const struct stat *st, int type, struct FTW *ftw)
{
	(void)st;
	(void)ftw;
	size_t len = strlen(path);
	if (type != FTW_F || len < 4 || strcmp(path + len - 4, ".tpl") != 0)
		return 0;
	std::string rel(path + load_root->size() + 1);
	std::ifstream in(path);
	std::stringstream text;
	text << in.rdbuf();
	if (!in || text.str().compare(0, sizeof(pragma) - 1, pragma) != 0) {
		*load_error = "'" + rel + "' does not begin with " + pragma;
		return 1;
	}
	for (size_t lang = 0; lang < caches.size(); lang++) {
		std::string local;
		if (!translate(text.str(), (int)lang, &local)) {
			*load_error = "'" + rel + "' has a [[ without ]]";
			return 1;
		}
		if (!caches[lang]->StringToTemplateCache(rel, local, strip)) {
			*load_error = "'" + rel + "' failed to load (see the "
			    "lines above)";
			return 1;
		}
	}
	return 0;
}

extern "C" int
tmpl_load_all(const char *root, int langs, tmpl_translate tr, char **err)
{
	std::string r(root), e;
	while (r.size() > 1 && r[r.size() - 1] == '/')
		r.erase(r.size() - 1);
	for (int i = 0; i < langs; i++) {
		caches.push_back(new ctemplate::TemplateCache());
		caches.back()->SetTemplateRootDirectory(r);
	}
	load_root = &r;
	load_error = &e;
	load_tr = tr;
	int rc = nftw(r.c_str(), load_one, 16, FTW_PHYS);
	load_root = load_error = NULL;
	if (rc == 0) {
		for (auto *c : caches)
			c->Freeze();
		return 0;
	}
	if (e.empty())
		e = "cannot read the template directory '" + r + "'";
	*err = strdup(e.c_str());
	if (*err == NULL)
		log_oom();
	return -1;
}

extern "C" void
tmpl_free_all(void)
{
	for (auto *c : caches)
		delete c;
	caches.clear();
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
tmpl_expand(int lang, const char *file, const struct tmpl_dict *d,
    struct buf *out)
{
	std::string text;
	if (lang < 0 || (size_t)lang >= caches.size() ||
	    !caches[lang]->ExpandNoLoad(file, strip,
	    reinterpret_cast<const TemplateDictionary *>(d), NULL, &text)) {
		log_err("cannot expand template '%s'", file);
		return -1;
	}
	buf_add(out, text.data(), text.size());
	return 0;
}
