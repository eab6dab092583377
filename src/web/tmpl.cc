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
#include <unordered_set>
#include <vector>

/*
 * One template cache per language. A template is read, translated and
 * parsed into a language's cache the first time a page of that language
 * needs it (tmpl_expand), or all at once by tmpl_load_all().
 */
static std::vector<ctemplate::TemplateCache *> caches;
/* What each language's cache holds, by file name relative to the root. */
static std::vector<std::unordered_set<std::string> > loaded;
/*
 * The files named for includes so far (tmpl_add_include, tmpl_set_file),
 * in the order first named, and how many of them each language's cache
 * has been given. Each is put in a language's cache before a page of
 * that language expands: ExpandWithData would otherwise read a missing
 * include from disk, untranslated. (ExpandNoLoad, which never reads,
 * works only on a frozen cache, and a frozen cache takes no more.)
 */
static std::vector<std::string> named;
static std::unordered_set<std::string> named_set;
static std::vector<size_t> named_done;

static std::string *tmpl_root;
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

// Replaces every [[English text]] of text with its translation in lang
// (lang -1: checks the brackets only). Returns false on a [[ without ]].
static bool
translate(const std::string &text, int lang, std::string *out)
{
	size_t pos = 0, open;
	while ((open = text.find("[[", pos)) != std::string::npos) {
		size_t close = text.find("]]", open + 2);
		if (close == std::string::npos)
			return false;
		if (lang >= 0) {
			out->append(text, pos, open - pos);
			std::string id = text.substr(open + 2, close - open - 2);
			out->append(html_escape(load_tr(lang, id.c_str())));
		}
		pos = close + 2;
	}
	if (lang >= 0)
		out->append(text, pos, std::string::npos);
	return true;
}

// Reads the template rel (below the root) into *text and checks its
// pragma and brackets. Returns true, or false with *err set.
static bool
read_one(const std::string &rel, std::string *text, std::string *err)
{
	std::ifstream in(*tmpl_root + "/" + rel);
	std::stringstream ss;
	ss << in.rdbuf();
	*text = ss.str();
	if (!in || text->compare(0, sizeof(pragma) - 1, pragma) != 0) {
		*err = "'" + rel + "' does not begin with " + pragma;
		return false;
	}
	if (!translate(*text, -1, NULL)) {
		*err = "'" + rel + "' has a [[ without ]]";
		return false;
	}
	return true;
}

// Puts the template rel, already read as text, into the cache of lang
// (0 .. caches.size() - 1) unless it is there. Returns true, or false
// with *err set.
static bool
load_text(const std::string &rel, const std::string &text, size_t lang,
    std::string *err)
{
	if (loaded[lang].count(rel) != 0)
		return true;
	std::string local;
	translate(text, (int)lang, &local);
	if (!caches[lang]->StringToTemplateCache(rel, local, strip)) {
		*err = "'" + rel + "' failed to load (see the lines above)";
		return false;
	}
	loaded[lang].insert(rel);
	return true;
}

// Puts the template rel into the cache of lang unless it is there:
// reads, checks, translates and parses it. Returns true, or false (logged).
static bool
need(const std::string &rel, size_t lang)
{
	std::string text, err;
	if (loaded[lang].count(rel) != 0)
		return true;
	if (!read_one(rel, &text, &err) || !load_text(rel, text, lang, &err)) {
		log_err("template %s", err.c_str());
		return false;
	}
	return true;
}

// The nftw walk of tmpl_init/tmpl_load_all: its error, and whether it parses.
static std::string *walk_error;
static bool walk_parse;

// nftw callback: checks one template (and, for tmpl_load_all, loads it in
// every language); stops the walk at the first failure.
static int
walk_one(const char *path, const struct stat *st, int type, struct FTW *ftw)
{
	(void)st;
	(void)ftw;
	size_t len = strlen(path);
	if (type != FTW_F || len < 4 || strcmp(path + len - 4, ".tpl") != 0)
		return 0;
	std::string rel(path + tmpl_root->size() + 1), text;
	if (!read_one(rel, &text, walk_error))
		return 1;
	if (walk_parse)
		for (size_t lang = 0; lang < caches.size(); lang++)
			if (!load_text(rel, text, lang, walk_error))
				return 1;
	return 0;
}

// tmpl_init and tmpl_load_all: sets up the caches and walks the root.
static int
start(const char *root, int langs, tmpl_translate tr, bool parse, char **err)
{
	std::string r(root), e;
	while (r.size() > 1 && r[r.size() - 1] == '/')
		r.erase(r.size() - 1);
	tmpl_free_all();
	tmpl_root = new std::string(r);
	for (int i = 0; i < langs; i++) {
		caches.push_back(new ctemplate::TemplateCache());
		caches.back()->SetTemplateRootDirectory(r);
		loaded.push_back(std::unordered_set<std::string>());
		named_done.push_back(0);
	}
	load_tr = tr;
	walk_error = &e;
	walk_parse = parse;
	int rc = nftw(r.c_str(), walk_one, 16, FTW_PHYS);
	walk_error = NULL;
	if (rc == 0)
		return 0;
	if (e.empty())
		e = "cannot read the template directory '" + r + "'";
	*err = strdup(e.c_str());
	if (*err == NULL)
		log_oom();
	return -1;
}

extern "C" int
tmpl_init(const char *root, int langs, tmpl_translate tr, char **err)
{
	return start(root, langs, tr, false, err);
}

extern "C" int
tmpl_load_all(const char *root, int langs, tmpl_translate tr, char **err)
{
	return start(root, langs, tr, true, err);
}

extern "C" void
tmpl_free_all(void)
{
	for (auto *c : caches)
		delete c;
	caches.clear();
	loaded.clear();
	named.clear();
	named_set.clear();
	named_done.clear();
	delete tmpl_root;
	tmpl_root = NULL;
}

// Notes that file will be wanted as an include (see named).
static void
name_file(const char *file)
{
	if (named_set.insert(file).second)
		named.push_back(file);
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
	if (file != NULL) {
		name_file(file);
		sub->SetFilename(file);
	}
	return C(sub);
}

extern "C" void
tmpl_set_file(struct tmpl_dict *include, const char *file)
{
	name_file(file);
	D(include)->SetFilename(file);
}

extern "C" int
tmpl_expand(int lang, const char *file, const struct tmpl_dict *d,
    struct buf *out)
{
	std::string text;
	if (lang < 0 || (size_t)lang >= caches.size())
		goto fail;
	if (!need(file, (size_t)lang))
		goto fail;
	for (; named_done[lang] < named.size(); named_done[lang]++)
		if (!need(named[named_done[lang]], (size_t)lang))
			goto fail;
	if (!caches[lang]->ExpandWithData(file, strip,
	    reinterpret_cast<const TemplateDictionary *>(d), NULL, &text))
		goto fail;
	buf_add(out, text.data(), text.size());
	return 0;
fail:
	log_err("cannot expand template '%s'", file);
	return -1;
}
