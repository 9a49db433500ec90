/* The word lists of extraction, one home for each: reporting verbs, roles,
 * titles, stop words, pronouns. Every list is sorted bytewise (lower-case
 * ASCII where it can be), so membership is a binary search; test_lexicon
 * checks that each stays sorted. */
#include "lexicon.h"

#define TK_LIST(name, words)                                                                       \
	const struct tk_wordlist tk_lx_##name = {#name, words, sizeof(words) / sizeof((words)[0])}

/* reporting verbs (said, sagte, dijo, ...) */
static const char *const verbs_w[] = {
    "acknowledged", "acknowledges", "acknowledging", "added",	    "adding",	   "adds",
    "admet",	    "admitió",	    "admits",	     "admitted",    "advirtió",	   "advised",
    "advises",	    "affirme",	    "affirmé",	     "afirma",	    "afirmaron",   "afirmó",
    "agreed",	    "agrees",	    "agrega",	     "agregó",	    "ajoute",	   "ajouté",
    "annonce",	    "annoncé",	    "announced",     "announces",   "announcing",  "answered",
    "answers",	    "antwortete",   "apuntó",	     "argued",	    "argues",	   "arguing",
    "asegura",	    "aseguró",	    "asked",	     "asking",	    "asks",	   "asserted",
    "asserts",	    "assure",	    "assured",	     "assuré",	    "averti",	   "avertit",
    "añade",	    "añadió",	    "barked",	     "beamed",	    "begged",	   "berichtete",
    "bestätigte",   "betont",	    "betonte",	     "betonten",    "blasted",	   "blurted",
    "boasted",	    "boasting",	    "boasts",	     "bragged",	    "cautioned",   "cautioning",
    "cautions",	    "chanted",	    "charged",	     "cheered",	    "chimed",	   "claimed",
    "claims",	    "comentó",	    "commente",	     "commented",   "commenté",	   "complained",
    "complaining",  "complains",    "conceded",	     "conceding",   "concluded",   "concludes",
    "concluding",   "conclut",	    "concluyó",	     "confie",	    "confirme",	   "confirmed",
    "confirms",	    "confirmé",	    "confié",	     "contended",   "contends",	   "continued",
    "continues",    "continuing",   "countered",     "countering",  "counters",	   "cried",
    "declara",	    "declared",	    "declares",	     "declaring",   "declaró",	   "demanded",
    "destacó",	    "dice",	    "dijeron",	     "dijo",	    "disait",	   "dit",
    "déclarait",    "déclare",	    "déclaré",	     "déplore",	    "echoed",	   "elaborated",
    "emailed",	    "emphasised",   "emphasized",    "ergänzt",	    "ergänzte",	   "erklären",
    "erklärt",	    "erklärte",	    "erklärten",     "erzählt",	    "erzählte",	   "estime",
    "estimé",	    "exclaimed",    "exclaiming",    "exhorted",    "explained",   "explaining",
    "explains",	    "explica",	    "explicó",	     "explique",    "expliqué",	   "forderte",
    "fumed",	    "fügte",	    "glisse",	     "gushed",	    "implored",	   "indica",
    "indicó",	    "indique",	    "indiqué",	     "insiste",	    "insisted",	   "insisting",
    "insistió",	    "insists",	    "insisté",	     "interjected", "intoned",	   "ironise",
    "joked",	    "jokes",	    "joking",	     "kritisierte", "lamented",	   "laments",
    "lance",	    "lancé",	    "laughed",	     "lectured",    "lecturing",   "mahnte",
    "maintained",   "maintains",    "manifestó",     "martelé",	    "martèle",	   "marveled",
    "marvelled",    "meint",	    "meinte",	     "mentioned",   "mused",	   "muses",
    "noted",	    "notes",	    "noting",	     "noté",	    "objected",	   "observe",
    "observed",	    "observes",	    "observing",     "opined",	    "pleaded",	   "pledged",
    "pointed",	    "posted",	    "posts",	     "poursuit",    "poursuivi",   "praised",
    "precisó",	    "predicted",    "predicting",    "predicts",    "promised",	   "protested",
    "précise",	    "précisé",	    "prévenu",	     "prévient",    "quipped",	   "quipping",
    "quips",	    "quoted",	    "raconte",	     "raconté",	    "rappelle",	   "rappelé",
    "read",	    "reads",	    "recalled",	     "recalling",   "recalls",	   "reconnaît",
    "reconnu",	    "reconoció",    "recordó",	     "recounted",   "recounting",  "recounts",
    "reflected",    "reflects",	    "regrette",	     "reiterated",  "rejoined",	   "remarked",
    "remarking",    "remarks",	    "replied",	     "replies",	    "replying",	   "reported",
    "reports",	    "responded",    "responding",    "respondió",   "responds",	   "retaliated",
    "retorted",	    "revealed",	    "riffed",	     "räumte",	    "répond",	   "répondu",
    "résume",	    "s'exclame",    "sagen",	     "sagt",	    "sagte",	   "sagten",
    "said",	    "say",	    "saying",	     "says",	    "schrieb",	   "scoffed",
    "scolded",	    "señala",	    "señaló",	     "shot",	    "shouted",	   "shouting",
    "sighed",	    "snapped",	    "sneered",	     "sniped",	    "sostuvo",	   "souffle",
    "souligne",	    "souligné",	    "stated",	     "states",	    "stating",	   "stressed",
    "stresses",	    "subrayó",	    "suggested",     "suggests",    "teilte",	   "telling",
    "tells",	    "testified",    "texted",	     "told",	    "tranche",	   "tweeted",
    "tweeting",	    "tweets",	    "unterstrich",   "urged",	    "urges",	   "urging",
    "versicherte",  "vowed",	    "vowing",	     "vows",	    "warned",	   "warning",
    "warns",	    "warnt",	    "warnte",	     "went",	    "whispered",   "wondered",
    "wonders",	    "writes",	    "writing",	     "wrote",	    "yelled",	   "yelling",
    "ανέφερε",	    "δήλωσε",	    "είπε",	     "εξήγησε",	    "πρόσθεσε",	   "σημείωσε",
    "τόνισε",	    "υπογράμμισε",  "говорит",	     "добавил",	    "добавила",	   "заявил",
    "заявила",	    "отметил",	    "отметила",	     "подчеркнул",  "подчеркнула", "сказал",
    "сказала",	    "сообщил",	    "сообщила",
};
TK_LIST(verbs, verbs_w);

/* words that introduce the source after the quote ("so Müller", "laut") */
static const char *const according_w[] = {
    "laut", "segun", "según", "selon", "so",
};
TK_LIST(according, according_w);

/* words allowed between subject and verb ("also", "later") */
static const char *const adverbs_w[] = {
    "a",       "again",	     "also",	"angrily", "auch",	 "aussi",    "avait",
    "bluntly", "calmly",     "dann",	"earlier", "even",	 "finally",  "firmly",
    "flatly",  "ha",	     "habe",	"had",	   "has",	 "hat",	     "have",
    "herself", "himself",    "itself",	"later",   "luego",	 "noch",     "once",
    "only",    "previously", "proudly", "quickly", "quietly",	 "recently", "repeatedly",
    "sadly",   "simply",     "softly",	"también", "themselves", "then",     "told",
    "too",     "will",	     "would",
};
TK_LIST(adverbs, adverbs_w);

/* determiners and possessives */
static const char *const dets_w[] = {
    "a",   "an",   "another", "das",   "dem",  "den", "der", "die", "ein", "eine", "einer",
    "el",  "her",  "his",     "its",   "l",    "la",  "las", "le",  "les", "los",  "one",
    "our", "that", "the",     "their", "this", "un",  "una", "une", "η",   "ο",
};
TK_LIST(dets, dets_w);

/* titles before a name (Mr, Dr, Sen) */
static const char *const honorifics_w[] = {
    "capt", "col",  "dame", "det",  "don",  "dott", "doña", "dr",  "dra", "fr",	  "frau", "gen",
    "gov",  "herr", "ing",  "insp", "lady", "lic",  "lord", "m",   "me",  "miss", "mlle", "mme",
    "mr",   "mrs",  "ms",   "mx",   "prof", "rep",  "rev",  "sen", "sir", "sr",	  "sra",  "srta",
};
TK_LIST(honorifics, honorifics_w);

/* role nouns (mayor, spokeswoman, ministre) */
static const char *const roles_w[] = {
    "abgeordnete",
    "abgeordneter",
    "abogada",
    "abogado",
    "activist",
    "adjoint",
    "adjointe",
    "administrator",
    "admiral",
    "adviser",
    "advisor",
    "aide",
    "alcalde",
    "alcaldesa",
    "alderman",
    "ambassador",
    "analyst",
    "anchor",
    "anwalt",
    "anwältin",
    "archbishop",
    "architect",
    "arzt",
    "assistant",
    "attendee",
    "attorney",
    "author",
    "avocat",
    "avocate",
    "baker",
    "bishop",
    "bundeskanzler",
    "bundeskanzlerin",
    "bürgermeister",
    "bürgermeisterin",
    "campaigner",
    "candidate",
    "captain",
    "cardinal",
    "ceo",
    "cfo",
    "chair",
    "chairman",
    "chairperson",
    "chairs",
    "chairwoman",
    "chancellor",
    "chaplain",
    "chef",
    "chefarzt",
    "chefin",
    "chefärztin",
    "chief",
    "chirurgien",
    "chirurgienne",
    "cirujana",
    "cirujano",
    "co-founder",
    "coach",
    "colonel",
    "columnist",
    "commander",
    "commentator",
    "commissaire",
    "commissioner",
    "concejal",
    "concejala",
    "congressman",
    "congresswoman",
    "conseiller",
    "conseillère",
    "consejero",
    "consul",
    "consultant",
    "controller",
    "coo",
    "coordinator",
    "correspondent",
    "councillor",
    "councilman",
    "councilmember",
    "councilor",
    "councilwoman",
    "coxswain",
    "cto",
    "curator",
    "dean",
    "delegate",
    "deputy",
    "designer",
    "diplomat",
    "diputada",
    "diputado",
    "directeur",
    "director",
    "director-general",
    "directora",
    "directrice",
    "direktor",
    "direktorin",
    "doctor",
    "doctora",
    "driver",
    "délégué",
    "déléguée",
    "député",
    "députée",
    "economist",
    "editor",
    "emir",
    "enfermera",
    "enfermero",
    "engineer",
    "envoy",
    "executive",
    "expert",
    "experte",
    "expertin",
    "farmer",
    "firefighter",
    "fishmonger",
    "fondateur",
    "fondatrice",
    "founder",
    "fundador",
    "fundadora",
    "gen",
    "general",
    "gerente",
    "geschäftsführer",
    "geschäftsführerin",
    "gouverneur",
    "gov",
    "governor",
    "governor-general",
    "harbormaster",
    "harbourmaster",
    "head",
    "headmaster",
    "headmistress",
    "headteacher",
    "historian",
    "host",
    "imam",
    "infirmier",
    "infirmière",
    "inspector",
    "jefa",
    "jefe",
    "judge",
    "juge",
    "justice",
    "kanzler",
    "kanzlerin",
    "king",
    "landrat",
    "landrätin",
    "lawmaker",
    "lawyer",
    "leader",
    "legislator",
    "leiter",
    "leiterin",
    "lieutenant",
    "maire",
    "manager",
    "master",
    "mayor",
    "mep",
    "midwife",
    "minister",
    "minister-president",
    "ministerin",
    "ministra",
    "ministre",
    "ministro",
    "moderator",
    "mp",
    "médecin",
    "médica",
    "médico",
    "negotiator",
    "nominee",
    "nurse",
    "oberarzt",
    "oberärztin",
    "officer",
    "official",
    "operative",
    "organiser",
    "organizer",
    "owner",
    "paramedic",
    "partner",
    "pastor",
    "pdg",
    "pflegekraft",
    "physician",
    "pilot",
    "planner",
    "pollster",
    "pope",
    "portavoz",
    "porte-parole",
    "premier",
    "president",
    "president-elect",
    "presidente",
    "priest",
    "prince",
    "princess",
    "principal",
    "procureur",
    "prof",
    "professor",
    "professorin",
    "präsident",
    "präsidentin",
    "président",
    "présidente",
    "queen",
    "rabbi",
    "rechtsanwalt",
    "rechtsanwältin",
    "rep",
    "reporter",
    "representative",
    "researcher",
    "resident",
    "responsable",
    "scientist",
    "secretaria",
    "secretario",
    "secretary",
    "secrétaire",
    "selectman",
    "sen",
    "senador",
    "senadora",
    "senator",
    "sergeant",
    "sheikh",
    "sheriff",
    "shopkeeper",
    "spokesman",
    "spokesperson",
    "spokeswoman",
    "sprecher",
    "sprecherin",
    "stadtrat",
    "stadträtin",
    "strategist",
    "student",
    "sultan",
    "superintendent",
    "supervisor",
    "supporter",
    "surgeon",
    "sénateur",
    "teacher",
    "treasurer",
    "trustee",
    "vicar",
    "vice-president",
    "vocera",
    "vocero",
    "volunteer",
    "vorsitzende",
    "vorsitzender",
    "vorstandschef",
    "voter",
    "warden",
    "worker",
    "ärztin",
    "élu",
    "élue",
    "δήμαρχος",
    "διευθυντής",
    "εκπρόσωπος",
    "πρόεδρος",
    "υπουργός",
    "глава",
    "директор",
    "министр",
    "мэр",
    "председатель",
    "представитель",
    "президент",
};
TK_LIST(roles, roles_w);

/* roles that say the person is a woman */
static const char *const female_roles_w[] = {
    "abogada",	       "alcaldesa",
    "anwältin",	       "avocate",
    "bundeskanzlerin", "bürgermeisterin",
    "chairwoman",      "chefin",
    "chefärztin",      "chirurgienne",
    "cirujana",	       "congresswoman",
    "councilwoman",    "diputada",
    "directora",       "directrice",
    "direktorin",      "doctora",
    "députée",	       "enfermera",
    "expertin",	       "fondatrice",
    "fundadora",       "geschäftsführerin",
    "infirmière",      "jefa",
    "kanzlerin",       "leiterin",
    "ministerin",      "ministra",
    "médica",	       "oberärztin",
    "princess",	       "professorin",
    "präsidentin",     "présidente",
    "queen",	       "rechtsanwältin",
    "secretaria",      "senadora",
    "spokeswoman",     "sprecherin",
    "ärztin",
};
TK_LIST(female_roles, female_roles_w);

/* roles that say the person is a man */
static const char *const male_roles_w[] = {
    "chairman", "councilman", "king", "prince", "spokesman",
};
TK_LIST(male_roles, male_roles_w);

/* capitalised words that start a sentence but never a name */
static const char *const stop_w[] = {
    "a",	"aber",	   "about",	"according", "acting",	  "after",   "all",	 "also",
    "although", "am",	   "an",	"and",	     "another",	  "april",   "as",	 "asked",
    "at",	"au",	   "august",	"aux",	     "because",	  "before",  "both",	 "but",
    "by",	"ce",	   "cette",	"dans",	     "das",	  "de",	     "december", "der",
    "des",	"despite", "die",	"du",	     "during",	  "each",    "earlier",	 "ein",
    "eine",	"el",	   "ella",	"elle",	     "elles",	  "en",	     "er",	 "es",
    "et",	"even",	   "every",	"february",  "finally",	  "first",   "for",	 "former",
    "friday",	"from",	   "he",	"her",	     "here",	  "his",     "how",	 "however",
    "i",	"if",	   "il",	"ils",	     "im",	  "in",	     "indeed",	 "instead",
    "interim",	"it",	   "its",	"january",   "july",	  "june",    "just",	 "la",
    "las",	"last",	   "later",	"laut",	     "le",	  "les",     "like",	 "los",
    "mais",	"many",	   "march",	"may",	     "meanwhile", "mit",     "monday",	 "more",
    "most",	"my",	   "nach",	"new",	     "next",	  "no",	     "not",	 "nous",
    "november", "now",	   "october",	"of",	     "on",	  "once",    "one",	 "only",
    "or",	"other",   "our",	"over",	     "overall",	  "perhaps", "pero",	 "pour",
    "saturday", "second",  "según",	"selon",     "september", "several", "she",	 "sie",
    "since",	"so",	   "some",	"speaking",  "still",	  "such",    "sunday",	 "that",
    "the",	"their",   "then",	"there",     "therefore", "these",   "they",	 "third",
    "this",	"those",   "though",	"three",     "thursday",  "thus",    "to",	 "today",
    "tomorrow", "top",	   "tuesday",	"two",	     "un",	  "una",     "und",	 "under",
    "une",	"unlike",  "until",	"we",	     "wednesday", "what",    "when",	 "where",
    "which",	"while",   "who",	"why",	     "wir",	  "with",    "within",	 "without",
    "y",	"yes",	   "yesterday", "yet",	     "you",	  "él",
};
TK_LIST(stop, stop_w);

/* words that make a capitalised chain an organisation or place */
static const char *const org_w[] = {
    "ag",	    "agency",	  "airlines",	  "airport",	   "alliance",	 "army",
    "association",  "authority",  "bank",	  "bay",	   "board",	 "capital",
    "center",	    "centre",	  "championship", "chronicle",	   "city",	 "club",
    "co",	    "college",	  "commission",	  "committee",	   "company",	 "corp",
    "corporation",  "council",	  "county",	  "courier",	   "court",	 "cup",
    "daily",	    "department", "east",	  "energy",	   "europe",	 "european",
    "federal",	    "festival",	  "foods",	  "forces",	   "foundation", "fund",
    "gazette",	    "globe",	  "gmbh",	  "gobierno",	   "government", "group",
    "guardian",	    "gulf",	  "hall",	  "herald",	   "holdings",	 "hospital",
    "house",	    "inc",	  "institute",	  "international", "island",	 "journal",
    "kingdom",	    "league",	  "library",	  "llc",	   "ltd",	 "magazine",
    "mail",	    "media",	  "middle",	  "ministerio",	   "ministry",	 "ministère",
    "mirror",	    "motors",	  "museum",	  "national",	   "nations",	 "network",
    "news",	    "north",	  "observer",	  "ocean",	   "office",	 "organisation",
    "organization", "park",	  "parliament",	  "partners",	   "party",	 "plc",
    "police",	    "post",	  "press",	  "province",	   "radio",	 "regierung",
    "region",	    "republic",	  "river",	  "road",	   "sa",	 "school",
    "sea",	    "services",	  "south",	  "square",	   "stadt",	 "state",
    "states",	    "street",	  "systems",	  "technologies",  "telegraph",	 "television",
    "times",	    "tribune",	  "union",	  "united",	   "university", "valley",
    "west",
};
TK_LIST(org, org_w);

/* plural nouns that speak as a group */
static const char *const groups_w[] = {
    "activists",  "analysts", "authorities", "critics",	   "diplomats",	  "doctors",   "economists",
    "employees",  "experts",  "investors",   "locals",	   "officers",	  "officials", "organisers",
    "organizers", "parents",  "police",	     "protesters", "researchers", "residents", "scientists",
    "sources",	  "staff",    "students",    "teachers",   "villagers",	  "witnesses", "workers",
};
TK_LIST(groups, groups_w);

/* particles inside names (de, van, bin) */
static const char *const connectors_w[] = {
    "al",  "and", "bin", "da", "de", "del", "den", "der", "des", "di",	"du", "el", "for",
    "für", "ibn", "la",	 "le", "of", "on",  "ter", "the", "van", "von", "y",  "zu",
};
TK_LIST(connectors, connectors_w);

/* male subject pronouns */
static const char *const pron_male_w[] = {
    "er",
    "he",
    "il",
    "él",
};
TK_LIST(pron_male, pron_male_w);

/* female subject pronouns */
static const char *const pron_female_w[] = {
    "ella",
    "elle",
    "she",
    "sie",
};
TK_LIST(pron_female, pron_female_w);

/* plural subject pronouns */
static const char *const pron_plural_w[] = {
    "elles",
    "ellos",
    "ils",
    "they",
};
TK_LIST(pron_plural, pron_plural_w);

/* titles that say the person is a woman */
static const char *const titles_female_w[] = {
    "dame", "doña", "dra", "frau", "lady", "miss", "mlle", "mme", "mrs", "ms", "sra", "srta",
};
TK_LIST(titles_female, titles_female_w);

/* titles that say the person is a man */
static const char *const titles_male_w[] = {
    "don", "herr", "lord", "m", "mr", "sir", "sr",
};
TK_LIST(titles_male, titles_male_w);

/* prepositions that link a role to its sentence ("junto al consejero") */
static const char *const role_links_w[] = {
    "al",    "alongside", "and",   "avec", "by",   "con", "et",
    "junto", "mit",	  "neben", "und",  "with", "y",
};
TK_LIST(role_links, role_links_w);

/* abbreviations whose dot ends no sentence */
static const char *const abbrevs_w[] = {
    "approx", "apr", "aug",  "av",  "bzw",  "ca",  "capt", "co",   "col", "corp", "dec",
    "dept",   "det", "dott", "dr",  "dra",  "e.g", "est",  "etc",  "feb", "fig",  "fr",
    "ft",     "gen", "gov",  "hr",  "i.e",  "inc", "ing",  "insp", "jan", "jr",	  "jul",
    "jun",    "lic", "lt",   "ltd", "m",    "mar", "mlle", "mme",  "mr",  "mrs",  "ms",
    "mt",     "mx",  "no",   "nov", "nr",   "oct", "prof", "rep",  "rev", "sen",  "sep",
    "sept",   "sgt", "sr",   "sra", "srta", "st",  "u.k",  "u.s",  "vol", "vs",
};
TK_LIST(abbrevs, abbrevs_w);

/* verbs that introduce quoted words inside a sentence, not a quotation on
 * their own ("called it “…”", "describes himself as “…”") */
static const char *const quote_verbs_w[] = {
    "branded",	     "call",	  "called",    "calling",  "calls",	"characterized",
    "characterizes", "decried",	  "denounced", "describe", "described", "describes",
    "describing",    "dubbed",	  "labeled",   "labelled", "pledged",	"pledging",
    "promised",	     "promising", "referred",  "termed",   "vowed",
};
TK_LIST(quote_verbs, quote_verbs_w);

/* nouns that speak for someone: "the newspaper wrote", "the report said" */
static const char *const source_nouns_w[] = {
    "ad",	 "analysis", "blog",	 "campaign", "editorial", "email",  "filing",
    "lawsuit",	 "letter",   "magazine", "memo",     "newspaper", "outlet", "paper",
    "petition",	 "poll",     "post",	 "release",  "report",	  "ruling", "site",
    "statement", "study",    "survey",	 "website",
};
TK_LIST(source_nouns, source_nouns_w);

/* capitalised words that are never a person on their own: parties,
 * demonyms, places in datelines */
static const char *const not_names_w[] = {
    "african",	     "america",	   "american",	  "americans",	  "british",	"canadian",
    "canadians",     "catholic",   "catholics",	  "christian",	  "christians", "conservative",
    "conservatives", "democrat",   "democratic",  "democrats",	  "european",	"evangelical",
    "evangelicals",  "gop",	   "independent", "independents", "jewish",	"latino",
    "latinos",	     "liberal",	   "liberals",	  "libertarian",  "local",	"muslim",
    "muslims",	     "republican", "republicans", "tea",	  "washington", "white",
};
TK_LIST(not_names, not_names_w);

/* words that make an organisation a news outlet ("Harbour Gazette") */
static const char *const media_w[] = {
    "abc",	 "afp",		"axios",    "bbc",	"bulletin", "cbs",	"chronicle",
    "cnn",	 "courier",	"daily",    "express",	"gazette",  "globe",	"guardian",
    "herald",	 "independent", "journal",  "magazine", "mail",	    "media",	"mirror",
    "nbc",	 "network",	"news",	    "npr",	"observer", "politico", "post",
    "press",	 "radio",	"register", "reuters",	"review",   "standard", "star",
    "telegraph", "television",	"times",    "tribune",	"tv",
};
TK_LIST(media, media_w);

/* what an article calls an outlet named before: "the newspaper wrote" */
static const char *const media_nouns_w[] = {
    "broadcaster", "channel",	  "daily", "magazine", "network", "newspaper", "outlet",
    "paper",	   "publication", "site",  "station",  "tabloid", "website",
};
TK_LIST(media_nouns, media_nouns_w);

const struct tk_wordlist *const tk_lexicon_lists[] = {
    &tk_lx_media,	  &tk_lx_media_nouns, &tk_lx_not_names,	  &tk_lx_source_nouns,
    &tk_lx_quote_verbs,	  &tk_lx_verbs,	      &tk_lx_according,	  &tk_lx_adverbs,
    &tk_lx_dets,	  &tk_lx_honorifics,  &tk_lx_roles,	  &tk_lx_female_roles,
    &tk_lx_male_roles,	  &tk_lx_stop,	      &tk_lx_org,	  &tk_lx_groups,
    &tk_lx_connectors,	  &tk_lx_pron_male,   &tk_lx_pron_female, &tk_lx_pron_plural,
    &tk_lx_titles_female, &tk_lx_titles_male, &tk_lx_role_links,  &tk_lx_abbrevs,
};
const size_t tk_lexicon_nlists = sizeof tk_lexicon_lists / sizeof tk_lexicon_lists[0];
