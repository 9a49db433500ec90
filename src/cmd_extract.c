/* `ticker extract [--json] [--all] [--max-bytes N] FILE...`: reads article
 * files, runs the reader and the extraction, and prints what was found,
 * human-readable or one JSON object per article per line. */
#include <errno.h>
#include <fcntl.h>
#include <json-c/json.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "article.h"
#include "buf.h"
#include "cmd.h"
#include "err.h"
#include "extract.h"
#include "langid.h"
#include "log.h"
#include "mem.h"

static json_object *tk_jstr(const char *s)
{
	return s ? json_object_new_string(s) : NULL;
}

static const char *tk_kind_name(enum tk_item_kind k)
{
	return k == TK_ITEM_HEADLINE ? "headline" : k == TK_ITEM_QUOTE ? "quote" : "figure";
}

static json_object *tk_jnum(double v)
{
	char buf[32];

	if (v == (double)(int64_t)v && v < 9e15 && v > -9e15)
		return json_object_new_int64((int64_t)v);
	/* 12 significant digits: "164p" prints 1.64, not 1.6399999999999999 */
	snprintf(buf, sizeof buf, "%.12g", v);
	return json_object_new_double_s(v, buf);
}

/* One figure as JSON: value, unit, text, context, kind, and where they
 * apply low/high (ranges), change, converted and speaker. */
static json_object *tk_figure_json(const struct tk_figure *f)
{
	json_object *j = json_object_new_object();

	json_object_object_add(j, "value", tk_jnum(f->value));
	if (f->value_max != f->value) {
		json_object_object_add(j, "low", tk_jnum(f->value));
		json_object_object_add(j, "high", tk_jnum(f->value_max));
		json_object_object_add(j, "max", tk_jnum(f->value_max));
	}
	json_object_object_add(j, "unit", tk_jstr(f->unit));
	json_object_object_add(j, "kind", json_object_new_string(tk_figure_kind_name(f->kind)));
	if (f->change)
		json_object_object_add(j, "change",
				       json_object_new_string(f->change > 0 ? "up" : "down"));
	if (f->conv_unit) {
		json_object *c = json_object_new_object();
		json_object_object_add(c, "value", tk_jnum(f->conv_value));
		json_object_object_add(c, "unit", json_object_new_string(f->conv_unit));
		json_object_object_add(j, "converted", c);
	}
	if (f->speaker)
		json_object_object_add(j, "speaker", json_object_new_string(f->speaker));
	json_object_object_add(j, "text", json_object_new_string(f->text));
	json_object_object_add(j, "context", json_object_new_string(f->context));
	json_object_object_add(j, "paragraph", json_object_new_int64((int64_t)f->para));
	json_object_object_add(j, "score", json_object_new_int(f->score));
	return j;
}

/* --figures-only: every line of in is one paragraph on its own (a sentence
 * to score); prints {"line": N, "figures": [...]} per line, every figure
 * found, unranked. Returns 0, or -1 on a read, memory or write failure. */
static int tk_figures_lines(FILE *in, const char *lang)
{
	char *line = NULL;
	size_t cap = 0, no = 0;
	ssize_t len;
	int rc = 0;
	struct tk_extract_opts xo = {0, 0, 1, 1};

	while (rc == 0 && (len = getline(&line, &cap, in)) >= 0) {
		const char *paras[1];
		struct tk_article a = {"-", NULL, NULL, paras, 1, lang};
		struct tk_extraction *ex = NULL;
		json_object *o, *fs;
		size_t i;

		while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
			line[--len] = 0;
		paras[0] = line;
		no++;
		if (tk_extract(&a, &xo, &ex) != TK_OK) {
			rc = -1;
			break;
		}
		o = json_object_new_object();
		fs = json_object_new_array();
		json_object_object_add(o, "line", json_object_new_int64((int64_t)no));
		for (i = 0; i < ex->n_figures; i++)
			json_object_array_add(fs, tk_figure_json(&ex->figures[i]));
		json_object_object_add(o, "figures", fs);
		if (puts(json_object_to_json_string_ext(o, JSON_C_TO_STRING_PLAIN |
							       JSON_C_TO_STRING_NOSLASHESCAPE)) < 0)
			rc = -1;
		json_object_put(o);
		tk_extraction_free(ex);
	}
	if (ferror(in))
		rc = -1;
	free(line);
	return rc;
}

static int tk_print_json(const char *file, size_t idx, const struct tk_doc *doc,
			 const struct tk_article *a, const struct tk_extraction *ex)
{
	json_object *o = json_object_new_object(), *qs, *fs, *is;
	size_t i;
	int rc = 0;

	if (!o)
		return -1;
	json_object_object_add(o, "file", json_object_new_string(file));
	json_object_object_add(o, "article", json_object_new_int64((int64_t)idx));
	json_object_object_add(o, "format",
			       json_object_new_string(tk_format_name(tk_doc_format(doc))));
	json_object_object_add(o, "encoding", json_object_new_string(tk_doc_encoding(doc)));
	json_object_object_add(o, "headline", json_object_new_string(a->headline));
	json_object_object_add(o, "date", tk_jstr(a->date));
	json_object_object_add(o, "source", tk_jstr(a->source));
	json_object_object_add(o, "language", tk_jstr(a->lang));
	qs = json_object_new_array();
	for (i = 0; i < ex->n_quotes; i++) {
		json_object *q = json_object_new_object();
		json_object_object_add(q, "text", json_object_new_string(ex->quotes[i].text));
		json_object_object_add(q, "speaker", tk_jstr(ex->quotes[i].speaker));
		json_object_object_add(q, "role", tk_jstr(ex->quotes[i].role));
		json_object_object_add(
		    q, "kind", json_object_new_string(ex->quotes[i].partial ? "partial" : "full"));
		json_object_object_add(q, "paragraph",
				       json_object_new_int64((int64_t)ex->quotes[i].para));
		json_object_object_add(q, "score", json_object_new_int(ex->quotes[i].score));
		json_object_array_add(qs, q);
	}
	json_object_object_add(o, "quotes", qs);
	fs = json_object_new_array();
	for (i = 0; i < ex->n_figures; i++)
		json_object_array_add(fs, tk_figure_json(&ex->figures[i]));
	json_object_object_add(o, "figures", fs);
	is = json_object_new_array();
	for (i = 0; i < ex->n_items; i++) {
		const struct tk_item *it = &ex->items[i];
		json_object *j = json_object_new_object();
		json_object_object_add(j, "kind", json_object_new_string(tk_kind_name(it->kind)));
		json_object_object_add(j, "text", json_object_new_string(it->text));
		if (it->kind == TK_ITEM_QUOTE) {
			json_object_object_add(j, "speaker", tk_jstr(it->speaker));
			json_object_object_add(j, "role", tk_jstr(it->role));
		} else if (it->kind == TK_ITEM_FIGURE) {
			json_object_object_add(j, "figure", tk_jstr(it->figure));
			json_object_object_add(j, "caption", tk_jstr(it->caption));
			if (it->speaker)
				json_object_object_add(j, "speaker", tk_jstr(it->speaker));
		}
		json_object_array_add(is, j);
	}
	json_object_object_add(o, "items", is);
	if (puts(json_object_to_json_string_ext(o, JSON_C_TO_STRING_PLAIN |
						       JSON_C_TO_STRING_NOSLASHESCAPE)) < 0)
		rc = -1;
	json_object_put(o);
	return rc;
}

/* Is the figure's unit already part of its text? Currency codes and
 * percentages come from a symbol or word inside the figure as written. */
static int tk_unit_shown(const struct tk_figure *f)
{
	const char *u = f->unit;

	if (!u || f->kind != TK_FIG_COUNT)
		return 1;
	if (!strcmp(u, "%") || !strcmp(u, "percentage points"))
		return 1;
	return strlen(u) == 3 && u[0] >= 'A' && u[0] <= 'Z' && u[1] >= 'A' && u[1] <= 'Z' &&
	       u[2] >= 'A' && u[2] <= 'Z';
}

static void tk_print_text(const char *file, size_t idx, size_t count, const struct tk_doc *doc,
			  const struct tk_article *a, const struct tk_extraction *ex)
{
	size_t i;

	if (count > 1)
		printf("== %s #%zu (%s, %s)\n", file, idx + 1, tk_format_name(tk_doc_format(doc)),
		       tk_doc_encoding(doc));
	else
		printf("== %s (%s, %s)\n", file, tk_format_name(tk_doc_format(doc)),
		       tk_doc_encoding(doc));
	printf("Headline: %s\n", a->headline);
	if (a->date || a->source)
		printf("%s%s%s%s\n", a->date ? "Date: " : "", a->date ? a->date : "",
		       a->date && a->source ? "   " : "", a->source ? a->source : "");
	if (ex->n_quotes) {
		printf("Quotes:\n");
		for (i = 0; i < ex->n_quotes; i++) {
			const struct tk_quote *q = &ex->quotes[i];
			printf("  \xE2\x80\x9C%s\xE2\x80\x9D", q->text);
			if (q->speaker)
				printf(" \xE2\x80\x94 %s", q->speaker);
			if (q->role)
				printf("%s%s%s", q->speaker ? " (" : " \xE2\x80\x94 ", q->role,
				       q->speaker ? ")" : "");
			printf("\n");
		}
	}
	if (ex->n_figures) {
		printf("Figures:\n");
		for (i = 0; i < ex->n_figures; i++) {
			const struct tk_figure *f = &ex->figures[i];
			/* "€ 5,000", "8%", "3,2 Mio. Euro" already show their unit;
			 * only a counted noun ("82,000 people") is added */
			const char *u = tk_unit_shown(f) ? NULL : f->unit;
			printf("  %s%s%s: %s\n", f->text, u ? " " : "", u ? u : "", f->context);
		}
	}
	printf("\n");
}

/* --figures-only over the files named (or "-" for standard input). */
static int tk_extract_lines(int argc, char **argv, const char *lang)
{
	int i, failed = 0;

	for (i = 0; i < argc; i++) {
		FILE *f = strcmp(argv[i], "-") ? fopen(argv[i], "r") : stdin;
		if (!f) {
			tk_log(TK_LOG_WARN, "%s: refused: %s", argv[i], strerror(errno));
			failed++;
			continue;
		}
		if (tk_figures_lines(f, lang) != 0) {
			if (f != stdin)
				fclose(f);
			return TK_EXIT_FAIL;
		}
		if (f != stdin)
			fclose(f);
	}
	if (fflush(stdout) != 0)
		return TK_EXIT_FAIL;
	if (failed == 0)
		return TK_EXIT_OK;
	return failed == argc ? TK_EXIT_REFUSED : TK_EXIT_PARTIAL;
}

/* What the command line asked for. */
struct tk_extract_cli {
	struct tk_extract_opts xo;
	int json, figures_only;
	const char *lang;
	size_t max;
	struct tk_langid *langid; /* for undeclared articles, or NULL */
};

/* Options up to the first file; *first is its index. TK_EXIT_OK or
 * TK_EXIT_USAGE (said). */
static int tk_extract_args(int argc, char **argv, struct tk_extract_cli *c, int *first)
{
	int i;

	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--json")) {
			c->json = 1;
		} else if (!strcmp(argv[i], "--all")) {
			c->xo.all = 1;
		} else if (!strcmp(argv[i], "--figures-only")) {
			c->figures_only = 1;
		} else if (!strcmp(argv[i], "--lang") && i + 1 < argc) {
			c->lang = argv[++i];
		} else if (!strcmp(argv[i], "--max-bytes") && i + 1 < argc) {
			char *end;
			unsigned long long v;
			errno = 0;
			v = strtoull(argv[++i], &end, 10);
			if (errno || *end || end == argv[i] || v == 0 || v > (1ULL << 30)) {
				tk_log(TK_LOG_ERROR,
				       "--max-bytes: expected a number from 1 to %llu", 1ULL << 30);
				return TK_EXIT_USAGE;
			}
			c->max = (size_t)v;
		} else if (!strcmp(argv[i], "--")) {
			i++;
			break;
		} else if (argv[i][0] == '-' && argv[i][1]) {
			tk_log(TK_LOG_ERROR, "extract: unknown option %s (see ticker help extract)",
			       argv[i]);
			return TK_EXIT_USAGE;
		} else {
			break;
		}
	}
	*first = i;
	return TK_EXIT_OK;
}

/* A refused file: a warning, and a JSON error line with --json. */
static void tk_extract_refused(const char *file, const char *why, int json)
{
	tk_log(TK_LOG_WARN, "%s: refused: %s", file, why);
	if (json) {
		json_object *o = json_object_new_object();
		json_object_object_add(o, "file", json_object_new_string(file));
		json_object_object_add(o, "error", json_object_new_string(why));
		puts(json_object_to_json_string_ext(o, JSON_C_TO_STRING_PLAIN |
							   JSON_C_TO_STRING_NOSLASHESCAPE));
		json_object_put(o);
	}
}

/* Read, parse, extract and print one file. 0 printed, 1 refused, -1 out of
 * memory or an extraction failure (the command stops). */
static int tk_extract_file(const char *file, const struct tk_extract_cli *c)
{
	struct tk_read_opts ro = {c->max, c->langid};
	struct tk_doc *doc = NULL;
	const char *why = NULL;
	char *buf = NULL;
	size_t len = 0, k;
	int err, os_err, ret = 0;

	/* max + 1 bytes at most: the reader tells a file over max */
	err = tk_buf_read_file(file, c->max, &buf, &len, &why, &os_err);
	if (!err)
		err = tk_doc_parse(buf, len, file, &ro, &doc, &why);
	if (err) {
		tk_extract_refused(file, why ? why : tk_strerror(err), c->json);
		ret = err == TK_ENOMEM ? -1 : 1;
		goto out;
	}
	for (k = 0; k < tk_doc_count(doc); k++) {
		const struct tk_article *a = tk_doc_article(doc, k);
		struct tk_extraction *ex = NULL;
		err = tk_extract(a, &c->xo, &ex);
		if (err) {
			tk_log(TK_LOG_ERROR, "%s: %s", file, tk_strerror(err));
			ret = -1;
			goto out;
		}
		if (c->json)
			tk_print_json(file, k, doc, a, ex);
		else
			tk_print_text(file, k, tk_doc_count(doc), doc, a, ex);
		tk_extraction_free(ex);
	}
out:
	tk_doc_free(doc);
	tk_free(buf);
	return ret;
}

int tk_cmd_extract(int argc, char **argv, struct tk_config *cfg)
{
	struct tk_extract_cli c = {.max = (size_t)cfg->max_file_bytes};
	int nfiles = 0, failed = 0, i, rc;

	tk_extract_opts_from_config(cfg, &c.xo);
	rc = tk_extract_args(argc, argv, &c, &i);
	if (rc != TK_EXIT_OK)
		return rc;
	if (i >= argc) {
		/* the usage text lives in main.c's table, which tests don't link */
		fputs("usage: ticker extract [--json] [--all] [--figures-only [--lang LL]] "
		      "[--max-bytes N] "
		      "FILE...\n",
		      stderr);
		return TK_EXIT_USAGE;
	}
	if (c.figures_only)
		return tk_extract_lines(argc - i, argv + i, c.lang);
	/* without the fingerprints the short-word guess still works */
	if (tk_langid_open(NULL, &c.langid) != TK_OK)
		c.langid = NULL;
	for (; i < argc; i++, nfiles++) {
		rc = tk_extract_file(argv[i], &c);
		if (rc < 0)
			break;
		failed += rc;
	}
	tk_langid_close(c.langid);
	if (rc < 0 || fflush(stdout) != 0)
		return TK_EXIT_FAIL;
	if (failed == 0)
		return TK_EXIT_OK;
	return failed == nfiles ? TK_EXIT_REFUSED : TK_EXIT_PARTIAL;
}
