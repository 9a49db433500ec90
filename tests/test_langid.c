/* Language identification of undeclared articles (libexttextcat): the four
 * languages extraction knows are told apart on news-like paragraphs, and an
 * article the short-word guess cannot place gets its language, and with it
 * the right decimal separator, from the classifier. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "article.h"
#include "err.h"
#include "extract.h"
#include "langid.h"

static const struct {
	const char *lang, *text;
} samples[] = {
    {"en", "The city council approved the budget on Tuesday after a long debate about "
	   "housing, transport and the cost of repairing the old bridge over the river."},
    {"de", "Der Stadtrat hat am Dienstag nach langer Debatte den Haushalt beschlossen; "
	   "es ging um Wohnungen, den Nahverkehr und die Kosten für die alte Brücke."},
    {"fr", "Le conseil municipal a adopté mardi le budget après un long débat sur le "
	   "logement, les transports et le coût de la réparation du vieux pont."},
    {"es", "El ayuntamiento aprobó el martes el presupuesto tras un largo debate sobre la "
	   "vivienda, el transporte y el coste de reparar el viejo puente del río."},
};

static void test_guess_samples(void **state)
{
	struct tk_langid *li = NULL;
	size_t i;

	(void)state;
	assert_int_equal(tk_langid_open(NULL, &li), TK_OK);
	for (i = 0; i < sizeof samples / sizeof samples[0]; i++) {
		char got[3] = "";
		if (!tk_langid_guess(li, samples[i].text, strlen(samples[i].text), got) ||
		    strcmp(got, samples[i].lang))
			fail_msg("sample %s guessed as %s", samples[i].lang,
				 got[0] ? got : "(none)");
	}
	/* too little text to tell */
	{
		char got[3];
		assert_false(tk_langid_guess(li, "OK", 2, got));
	}
	tk_langid_close(li);
	tk_langid_close(NULL);
}

static void test_missing_fingerprints(void **state)
{
	struct tk_langid *li = NULL;

	(void)state;
	assert_int_equal(tk_langid_open("/nonexistent", &li), TK_ENOENT);
	assert_null(li);
}

/* German without der/die/das/und: the short-word guess has nothing to go
 * on, the classifier does; "45.000" is then forty-five thousand. */
static void test_undeclared_separator(void **state)
{
	static const char text[] =
	    "Neubau in Berlin\n\n"
	    "Berlins Stadtverwaltung meldet 45.000 neue Wohnungen seit Januar. "
	    "Bürgermeisterin Schmidt erwartet weitere Bauprojekte im kommenden Jahr; "
	    "Mieten sollen stabil bleiben, Bauträger hoffen auf schnellere Genehmigungen.\n";
	struct tk_langid *li = NULL;
	struct tk_read_opts ro = {0, NULL};
	struct tk_extract_opts all = {3, 2, 1, 0};
	struct tk_extraction *ex = NULL;
	struct tk_doc *doc = NULL;
	const char *why = NULL;
	const struct tk_article *a;
	size_t i;

	(void)state;
	/* without the classifier: undecided */
	assert_int_equal(tk_doc_parse(text, sizeof text - 1, "a.txt", &ro, &doc, &why), TK_OK);
	assert_null(tk_doc_article(doc, 0)->lang);
	tk_doc_free(doc);
	doc = NULL;

	assert_int_equal(tk_langid_open(NULL, &li), TK_OK);
	ro.langid = li;
	assert_int_equal(tk_doc_parse(text, sizeof text - 1, "a.txt", &ro, &doc, &why), TK_OK);
	a = tk_doc_article(doc, 0);
	assert_non_null(a->lang);
	assert_string_equal(a->lang, "de");
	assert_int_equal(tk_extract(a, &all, &ex), TK_OK);
	for (i = 0; i < ex->n_figures; i++)
		if (!strcmp(ex->figures[i].text, "45.000"))
			break;
	assert_true(i < ex->n_figures);
	assert_true(ex->figures[i].value == 45000);
	tk_extraction_free(ex);
	tk_doc_free(doc);
	tk_langid_close(li);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_guess_samples),
	    cmocka_unit_test(test_missing_fingerprints),
	    cmocka_unit_test(test_undeclared_separator),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
