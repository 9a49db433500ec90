/* Figure lexicon: the unit and currency tables the figure finder reads,
 * sorted bytewise for binary search (tests/test_lexicon_fig.c keeps them
 * sorted). A unit word maps to its canonical unit, its kind and a factor. */
#include "lexicon_fig.h"

#include <string.h>

#define TK_ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

static const struct tk_fig_unit tk_units[] = {
    /* sorted (bytewise) */
    {"GB", "GB", TK_FIG_MEASURE, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"GHz", "GHz", TK_FIG_MEASURE, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"GW", "GW", TK_FIG_MEASURE, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"GWh", "GWh", TK_FIG_MEASURE, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"Gb", "Gbit", TK_FIG_MEASURE, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"Gbps", "Gbit/s", TK_FIG_MEASURE, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"Hz", "Hz", TK_FIG_MEASURE, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"KB", "KB", TK_FIG_MEASURE, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"Kbps", "kbit/s", TK_FIG_MEASURE, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"Km", "km", TK_FIG_MEASURE, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"MB", "MB", TK_FIG_MEASURE, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"MHz", "MHz", TK_FIG_MEASURE, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"MW", "MW", TK_FIG_MEASURE, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"MWh", "MWh", TK_FIG_MEASURE, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"Mb", "Mbit", TK_FIG_MEASURE, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"Mbps", "Mbit/s", TK_FIG_MEASURE, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"PB", "PB", TK_FIG_MEASURE, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"TB", "TB", TK_FIG_MEASURE, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"TW", "TW", TK_FIG_MEASURE, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"TWh", "TWh", TK_FIG_MEASURE, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"V", "V", TK_FIG_MEASURE, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"W", "W", TK_FIG_MEASURE, TK_LU_GLUED | TK_LU_SPACED, 1.0},
    {"acre", "acre", TK_FIG_MEASURE, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"acres", "acre", TK_FIG_MEASURE, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"ann\xC3\xA9"
     "e",
     "years", TK_FIG_DURATION, TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"ann\xC3\xA9"
     "es",
     "years", TK_FIG_DURATION, TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"ans", "years", TK_FIG_DURATION, TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"a\xC3\xB1o", "years", TK_FIG_DURATION, TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"a\xC3\xB1os", "years", TK_FIG_DURATION, TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"baril", "bbl", TK_FIG_MEASURE, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"barils", "bbl", TK_FIG_MEASURE, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"barrel", "bbl", TK_FIG_MEASURE, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"barrels", "bbl", TK_FIG_MEASURE, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"barril", "bbl", TK_FIG_MEASURE, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"barriles", "bbl", TK_FIG_MEASURE, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"bbl", "bbl", TK_FIG_MEASURE, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"bhp", "hp", TK_FIG_MEASURE, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"bit", "bit", TK_FIG_MEASURE, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"bits", "bit", TK_FIG_MEASURE, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"byte", "byte", TK_FIG_MEASURE, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"bytes", "byte", TK_FIG_MEASURE, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"cc", "cm3", TK_FIG_MEASURE, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"celcius",
     "\xC2\xB0"
     "C",
     TK_FIG_MEASURE, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"celsius",
     "\xC2\xB0"
     "C",
     TK_FIG_MEASURE, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"cent", "USD", TK_FIG_MONEY, TK_LU_SPACED | TK_LU_HYPHEN, 0.01},
    {"centavo", "USD", TK_FIG_MONEY, TK_LU_SPACED | TK_LU_HYPHEN, 0.01},
    {"centavos", "USD", TK_FIG_MONEY, TK_LU_SPACED | TK_LU_HYPHEN, 0.01},
    {"centigrade",
     "\xC2\xB0"
     "C",
     TK_FIG_MEASURE, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"centigrate",
     "\xC2\xB0"
     "C",
     TK_FIG_MEASURE, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"centimeter", "cm", TK_FIG_MEASURE, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"centimeters", "cm", TK_FIG_MEASURE, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"centimetre", "cm", TK_FIG_MEASURE, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"centimetres", "cm", TK_FIG_MEASURE, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"centim\xC3\xA8tres", "cm", TK_FIG_MEASURE, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"cents", "USD", TK_FIG_MONEY, TK_LU_SPACED | TK_LU_HYPHEN, 0.01},
    {"centuries", "centuries", TK_FIG_DURATION, TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"century", "centuries", TK_FIG_DURATION, TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"cent\xC3\xADmetros", "cm", TK_FIG_MEASURE, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"cm", "cm", TK_FIG_MEASURE, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"cm3", "cm3", TK_FIG_MEASURE, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"cm\xC2\xB3", "cm3", TK_FIG_MEASURE, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"cup", "cup", TK_FIG_MEASURE, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"cups", "cup", TK_FIG_MEASURE, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"day", "days", TK_FIG_DURATION, TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"days", "days", TK_FIG_DURATION, TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"decade", "decades", TK_FIG_DURATION, TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"decades", "decades", TK_FIG_DURATION, TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"decimeter", "dm", TK_FIG_MEASURE, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"decimeters", "dm", TK_FIG_MEASURE, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"decimetre", "dm", TK_FIG_MEASURE, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"decimetres", "dm", TK_FIG_MEASURE, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"deg", "\xC2\xB0", TK_FIG_MEASURE, TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"degree", "\xC2\xB0", TK_FIG_MEASURE, TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"degrees", "\xC2\xB0", TK_FIG_MEASURE, TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"degr\xC3\xA9", "\xC2\xB0", TK_FIG_MEASURE, TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"degr\xC3\xA9s", "\xC2\xB0", TK_FIG_MEASURE, TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"dia", "days", TK_FIG_DURATION, TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"dias", "days", TK_FIG_DURATION, TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"dm", "dm", TK_FIG_MEASURE, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"d\xC3\xAD"
     "a",
     "days", TK_FIG_DURATION, TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"d\xC3\xAD"
     "as",
     "days", TK_FIG_DURATION, TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"essl\xC3\xB6"
     "ffel",
     "tbsp", TK_FIG_MEASURE, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"fahrenheit",
     "\xC2\xB0"
     "F",
     TK_FIG_MEASURE, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"farenheit",
     "\xC2\xB0"
     "F",
     TK_FIG_MEASURE, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"feet", "ft", TK_FIG_MEASURE, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"foot", "ft", TK_FIG_MEASURE, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"ft", "ft", TK_FIG_MEASURE, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"g", "g", TK_FIG_MEASURE, TK_LU_GLUED, 1.0},
    {"gal", "gal", TK_FIG_MEASURE, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"gallon", "gal", TK_FIG_MEASURE, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"gallons", "gal", TK_FIG_MEASURE, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"galones", "gal", TK_FIG_MEASURE, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"gal\xC3\xB3n", "gal", TK_FIG_MEASURE, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"gbps", "Gbit/s", TK_FIG_MEASURE, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"ghz", "GHz", TK_FIG_MEASURE, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"gigabit", "Gbit", TK_FIG_MEASURE, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"gigabits", "Gbit", TK_FIG_MEASURE, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"gigabyte", "GB", TK_FIG_MEASURE, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"gigabytes", "GB", TK_FIG_MEASURE, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"gigahertz", "GHz", TK_FIG_MEASURE, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"gigawatt", "GW", TK_FIG_MEASURE, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"gigawatts", "GW", TK_FIG_MEASURE, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"grad", "\xC2\xB0", TK_FIG_MEASURE, TK_LU_SPACED, 1.0},
    {"grado", "\xC2\xB0", TK_FIG_MEASURE, TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"grados", "\xC2\xB0", TK_FIG_MEASURE, TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"gram", "g", TK_FIG_MEASURE, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"gramm", "g", TK_FIG_MEASURE, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"gramme", "g", TK_FIG_MEASURE, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"grammes", "g", TK_FIG_MEASURE, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"gramo", "g", TK_FIG_MEASURE, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"gramos", "g", TK_FIG_MEASURE, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"grams", "g", TK_FIG_MEASURE, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"gw", "GW", TK_FIG_MEASURE, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"gwh", "GWh", TK_FIG_MEASURE, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"h", "hours", TK_FIG_DURATION, TK_LU_GLUED, 1.0},
    {"ha", "ha", TK_FIG_MEASURE, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"hectare", "ha", TK_FIG_MEASURE, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"hectares", "ha", TK_FIG_MEASURE, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"hect\xC3\xA1rea", "ha", TK_FIG_MEASURE, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"hect\xC3\xA1reas", "ha", TK_FIG_MEASURE, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"hertz", "Hz", TK_FIG_MEASURE, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"heure", "hours", TK_FIG_DURATION, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"heures", "hours", TK_FIG_DURATION, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"hora", "hours", TK_FIG_DURATION, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"horas", "hours", TK_FIG_DURATION, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"horsepower", "hp", TK_FIG_MEASURE, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"hour", "hours", TK_FIG_DURATION, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"hours", "hours", TK_FIG_DURATION, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"hp", "hp", TK_FIG_MEASURE, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"hr", "hours", TK_FIG_DURATION, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"hrs", "hours", TK_FIG_DURATION, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"hz", "Hz", TK_FIG_MEASURE, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"in", "in", TK_FIG_MEASURE, TK_LU_GLUED | TK_LU_HYPHEN, 1.0},
    {"inch", "in", TK_FIG_MEASURE, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"inches", "in", TK_FIG_MEASURE, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"jahr", "years", TK_FIG_DURATION, TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"jahre", "years", TK_FIG_DURATION, TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"jahren", "years", TK_FIG_DURATION, TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"jour", "days", TK_FIG_DURATION, TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"jours", "days", TK_FIG_DURATION, TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"kB", "KB", TK_FIG_MEASURE, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"kHz", "kHz", TK_FIG_MEASURE, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"kV", "kV", TK_FIG_MEASURE, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"kW", "kW", TK_FIG_MEASURE, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"kWh", "kWh", TK_FIG_MEASURE, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"kbps", "kbit/s", TK_FIG_MEASURE, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"kelvin", "K", TK_FIG_MEASURE, TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"kg", "kg", TK_FIG_MEASURE, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"kgs", "kg", TK_FIG_MEASURE, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"khz", "kHz", TK_FIG_MEASURE, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"kilo", "kg", TK_FIG_MEASURE, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"kilogram", "kg", TK_FIG_MEASURE, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"kilogramm", "kg", TK_FIG_MEASURE, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"kilogramme", "kg", TK_FIG_MEASURE, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"kilogrammes", "kg", TK_FIG_MEASURE, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"kilogramo", "kg", TK_FIG_MEASURE, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"kilogramos", "kg", TK_FIG_MEASURE, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"kilograms", "kg", TK_FIG_MEASURE, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"kilometer", "km", TK_FIG_MEASURE, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"kilometern", "km", TK_FIG_MEASURE, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"kilometers", "km", TK_FIG_MEASURE, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"kilometre", "km", TK_FIG_MEASURE, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"kilometres", "km", TK_FIG_MEASURE, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"kilom\xC3\xA8tre", "km", TK_FIG_MEASURE, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"kilom\xC3\xA8tres", "km", TK_FIG_MEASURE, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"kilos", "kg", TK_FIG_MEASURE, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"kilowatt", "kW", TK_FIG_MEASURE, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"kilowatts", "kW", TK_FIG_MEASURE, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"kil\xC3\xB3metro", "km", TK_FIG_MEASURE, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"kil\xC3\xB3metros", "km", TK_FIG_MEASURE, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"km", "km", TK_FIG_MEASURE, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"km/h", "km/h", TK_FIG_MEASURE, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"km/hr", "km/h", TK_FIG_MEASURE, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"km2", "km2", TK_FIG_MEASURE, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"kmh", "km/h", TK_FIG_MEASURE, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"kmph", "km/h", TK_FIG_MEASURE, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"kms", "km", TK_FIG_MEASURE, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"km\xC2\xB2", "km2", TK_FIG_MEASURE, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"knot", "kn", TK_FIG_MEASURE, TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"knots", "kn", TK_FIG_MEASURE, TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"kph", "km/h", TK_FIG_MEASURE, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"kubikmeter", "m3", TK_FIG_MEASURE, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"kubikmetern", "m3", TK_FIG_MEASURE, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"kw", "kW", TK_FIG_MEASURE, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"kwh", "kWh", TK_FIG_MEASURE, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"l", "l", TK_FIG_MEASURE, TK_LU_GLUED, 1.0},
    {"lb", "lb", TK_FIG_MEASURE, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"lbs", "lb", TK_FIG_MEASURE, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"liter", "l", TK_FIG_MEASURE, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"liters", "l", TK_FIG_MEASURE, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"litre", "l", TK_FIG_MEASURE, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"litres", "l", TK_FIG_MEASURE, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"litro", "l", TK_FIG_MEASURE, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"litros", "l", TK_FIG_MEASURE, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"m", "m", TK_FIG_MEASURE, TK_LU_GLUED | TK_LU_SPACED, 1.0},
    {"m.p.h.", "mph", TK_FIG_MEASURE, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"m/s", "m/s", TK_FIG_MEASURE, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"m2", "m2", TK_FIG_MEASURE, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"m3", "m3", TK_FIG_MEASURE, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"mAh", "mAh", TK_FIG_MEASURE, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"mbps", "Mbit/s", TK_FIG_MEASURE, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"mcg", "\xC2\xB5g", TK_FIG_MEASURE, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"megabit", "Mbit", TK_FIG_MEASURE, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"megabits", "Mbit", TK_FIG_MEASURE, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"megabyte", "MB", TK_FIG_MEASURE, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"megabytes", "MB", TK_FIG_MEASURE, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"megahertz", "MHz", TK_FIG_MEASURE, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"megawatt", "MW", TK_FIG_MEASURE, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"megawatts", "MW", TK_FIG_MEASURE, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"meile", "mi", TK_FIG_MEASURE, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"meilen", "mi", TK_FIG_MEASURE, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"meses", "months", TK_FIG_DURATION, TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"meter", "m", TK_FIG_MEASURE, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"metern", "m", TK_FIG_MEASURE, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"meters", "m", TK_FIG_MEASURE, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"metre", "m", TK_FIG_MEASURE, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"metres", "m", TK_FIG_MEASURE, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"metro", "m", TK_FIG_MEASURE, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"metros", "m", TK_FIG_MEASURE, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"mg", "mg", TK_FIG_MEASURE, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"mhz", "MHz", TK_FIG_MEASURE, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"mi", "mi", TK_FIG_MEASURE, TK_LU_GLUED, 1.0},
    {"microgram", "\xC2\xB5g", TK_FIG_MEASURE, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"microgramme", "\xC2\xB5g", TK_FIG_MEASURE, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"microgrammes", "\xC2\xB5g", TK_FIG_MEASURE, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"micrograms", "\xC2\xB5g", TK_FIG_MEASURE, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"micrometer", "\xC2\xB5m", TK_FIG_MEASURE, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"micrometers", "\xC2\xB5m", TK_FIG_MEASURE, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"micrometre", "\xC2\xB5m", TK_FIG_MEASURE, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"micrometres", "\xC2\xB5m", TK_FIG_MEASURE, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"micron", "\xC2\xB5m", TK_FIG_MEASURE, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"microns", "\xC2\xB5m", TK_FIG_MEASURE, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"mile", "mi", TK_FIG_MEASURE, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"miles", "mi", TK_FIG_MEASURE, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"mililitros", "ml", TK_FIG_MEASURE, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"milla", "mi", TK_FIG_MEASURE, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"millas", "mi", TK_FIG_MEASURE, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"milles", "mi", TK_FIG_MEASURE, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"milligram", "mg", TK_FIG_MEASURE, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"milligramme", "mg", TK_FIG_MEASURE, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"milligrammes", "mg", TK_FIG_MEASURE, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"milligrams", "mg", TK_FIG_MEASURE, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"milliliter", "ml", TK_FIG_MEASURE, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"milliliters", "ml", TK_FIG_MEASURE, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"millilitre", "ml", TK_FIG_MEASURE, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"millilitres", "ml", TK_FIG_MEASURE, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"millimeter", "mm", TK_FIG_MEASURE, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"millimeters", "mm", TK_FIG_MEASURE, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"millimetre", "mm", TK_FIG_MEASURE, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"millimetres", "mm", TK_FIG_MEASURE, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"millim\xC3\xA8tres", "mm", TK_FIG_MEASURE, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"millisecond", "ms", TK_FIG_DURATION, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"milliseconds", "ms", TK_FIG_DURATION, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"mil\xC3\xADmetros", "mm", TK_FIG_MEASURE, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"min", "min", TK_FIG_DURATION, TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"mins", "min", TK_FIG_DURATION, TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"minute", "min", TK_FIG_DURATION, TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"minuten", "min", TK_FIG_DURATION, TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"minutes", "min", TK_FIG_DURATION, TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"minuto", "min", TK_FIG_DURATION, TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"minutos", "min", TK_FIG_DURATION, TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"ml", "ml", TK_FIG_MEASURE, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"mm", "mm", TK_FIG_MEASURE, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"mois", "months", TK_FIG_DURATION, TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"monat", "months", TK_FIG_DURATION, TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"monate", "months", TK_FIG_DURATION, TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"monaten", "months", TK_FIG_DURATION, TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"month", "months", TK_FIG_DURATION, TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"months", "months", TK_FIG_DURATION, TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"mph", "mph", TK_FIG_MEASURE, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"ms", "ms", TK_FIG_DURATION, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"mw", "MW", TK_FIG_MEASURE, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"mwh", "MWh", TK_FIG_MEASURE, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"m\xC2\xB2", "m2", TK_FIG_MEASURE, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"m\xC2\xB3", "m3", TK_FIG_MEASURE, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"m\xC3\xA8tre", "m", TK_FIG_MEASURE, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"m\xC3\xA8tres", "m", TK_FIG_MEASURE, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"m\xC3\xA9gawatts", "MW", TK_FIG_MEASURE, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"nanometer", "nm", TK_FIG_MEASURE, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"nanometern", "nm", TK_FIG_MEASURE, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"nanometers", "nm", TK_FIG_MEASURE, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"nanometre", "nm", TK_FIG_MEASURE, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"nanometres", "nm", TK_FIG_MEASURE, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"nm", "nm", TK_FIG_MEASURE, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"onces", "oz", TK_FIG_MEASURE, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"onza", "oz", TK_FIG_MEASURE, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"onzas", "oz", TK_FIG_MEASURE, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"ounce", "oz", TK_FIG_MEASURE, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"ounces", "oz", TK_FIG_MEASURE, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"oz", "oz", TK_FIG_MEASURE, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"p", "GBP", TK_FIG_MONEY, TK_LU_GLUED, 0.01},
    {"pc", "%", TK_FIG_PERCENT, TK_LU_GLUED | TK_LU_SPACED, 1.0},
    {"pct", "%", TK_FIG_PERCENT, TK_LU_GLUED | TK_LU_SPACED, 1.0},
    {"pence", "GBP", TK_FIG_MONEY, TK_LU_SPACED, 0.01},
    {"penique", "GBP", TK_FIG_MONEY, TK_LU_SPACED, 0.01},
    {"peniques", "GBP", TK_FIG_MONEY, TK_LU_SPACED, 0.01},
    {"pennies", "GBP", TK_FIG_MONEY, TK_LU_SPACED, 0.01},
    {"penny", "GBP", TK_FIG_MONEY, TK_LU_SPACED, 0.01},
    {"pfund", "lb", TK_FIG_MEASURE, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN | TK_LU_AMBIG, 1.0},
    {"picometer", "pm", TK_FIG_MEASURE, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"picometers", "pm", TK_FIG_MEASURE, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"picometre", "pm", TK_FIG_MEASURE, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"picometres", "pm", TK_FIG_MEASURE, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"pieds", "ft", TK_FIG_MEASURE, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"pint", "pint", TK_FIG_MEASURE, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"pints", "pint", TK_FIG_MEASURE, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"pouce", "in", TK_FIG_MEASURE, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"pouces", "in", TK_FIG_MEASURE, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"pound", "lb", TK_FIG_MEASURE, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN | TK_LU_AMBIG, 1.0},
    {"pounds", "lb", TK_FIG_MEASURE, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN | TK_LU_AMBIG, 1.0},
    {"pulgada", "in", TK_FIG_MEASURE, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"pulgadas", "in", TK_FIG_MEASURE, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"quadratkilometer", "km2", TK_FIG_MEASURE, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"quadratkilometern", "km2", TK_FIG_MEASURE, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"quadratmeter", "m2", TK_FIG_MEASURE, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"quadratmetern", "m2", TK_FIG_MEASURE, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"rad", "rad", TK_FIG_MEASURE, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"radian", "rad", TK_FIG_MEASURE, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"radians", "rad", TK_FIG_MEASURE, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"sec", "s", TK_FIG_DURATION, TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"second", "s", TK_FIG_DURATION, TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"seconds", "s", TK_FIG_DURATION, TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"secs", "s", TK_FIG_DURATION, TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"segundos", "s", TK_FIG_DURATION, TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"sekunden", "s", TK_FIG_DURATION, TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"semaine", "weeks", TK_FIG_DURATION, TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"semaines", "weeks", TK_FIG_DURATION, TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"semana", "weeks", TK_FIG_DURATION, TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"semanas", "weeks", TK_FIG_DURATION, TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"sqm", "m2", TK_FIG_MEASURE, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"stunde", "hours", TK_FIG_DURATION, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"stunden", "hours", TK_FIG_DURATION, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"t", "t", TK_FIG_MEASURE, TK_LU_GLUED, 1.0},
    {"tablespoon", "tbsp", TK_FIG_MEASURE, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"tablespoons", "tbsp", TK_FIG_MEASURE, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"tage", "days", TK_FIG_DURATION, TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"tagen", "days", TK_FIG_DURATION, TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"tbsp", "tbsp", TK_FIG_MEASURE, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"teaspoon", "tsp", TK_FIG_MEASURE, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"teaspoons", "tsp", TK_FIG_MEASURE, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"teel\xC3\xB6"
     "ffel",
     "tsp", TK_FIG_MEASURE, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"terabyte", "TB", TK_FIG_MEASURE, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"terabytes", "TB", TK_FIG_MEASURE, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"ton", "t", TK_FIG_MEASURE, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"tonelada", "t", TK_FIG_MEASURE, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"toneladas", "t", TK_FIG_MEASURE, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"tonne", "t", TK_FIG_MEASURE, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"tonnen", "t", TK_FIG_MEASURE, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"tonnes", "t", TK_FIG_MEASURE, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"tons", "t", TK_FIG_MEASURE, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"tsp", "tsp", TK_FIG_MEASURE, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"twh", "TWh", TK_FIG_MEASURE, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"volt", "V", TK_FIG_MEASURE, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"volts", "V", TK_FIG_MEASURE, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"watt", "W", TK_FIG_MEASURE, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"watts", "W", TK_FIG_MEASURE, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"week", "weeks", TK_FIG_DURATION, TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"weeks", "weeks", TK_FIG_DURATION, TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"woche", "weeks", TK_FIG_DURATION, TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"wochen", "weeks", TK_FIG_DURATION, TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"yard", "yd", TK_FIG_MEASURE, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"yards", "yd", TK_FIG_MEASURE, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"yd", "yd", TK_FIG_MEASURE, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"year", "years", TK_FIG_DURATION, TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"years", "years", TK_FIG_DURATION, TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"yr", "years", TK_FIG_DURATION, TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"yrs", "years", TK_FIG_DURATION, TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"zoll", "in", TK_FIG_MEASURE, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"\xC2\xB0", "\xC2\xB0", TK_FIG_MEASURE, TK_LU_GLUED, 1.0},
    {"\xC2\xB0"
     "C",
     "\xC2\xB0"
     "C",
     TK_FIG_MEASURE, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"\xC2\xB0"
     "F",
     "\xC2\xB0"
     "F",
     TK_FIG_MEASURE, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"\xC2\xB0"
     "c",
     "\xC2\xB0"
     "C",
     TK_FIG_MEASURE, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"\xC2\xB0"
     "celsius",
     "\xC2\xB0"
     "C",
     TK_FIG_MEASURE, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"\xC2\xB0"
     "fahrenheit",
     "\xC2\xB0"
     "F",
     TK_FIG_MEASURE, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"\xC2\xB5g", "\xC2\xB5g", TK_FIG_MEASURE, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"\xC2\xB5m", "\xC2\xB5m", TK_FIG_MEASURE, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"\xC2\xBA", "\xC2\xB0", TK_FIG_MEASURE, TK_LU_GLUED, 1.0},
    {"\xC2\xBA"
     "C",
     "\xC2\xB0"
     "C",
     TK_FIG_MEASURE, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"\xC2\xBA"
     "F",
     "\xC2\xB0"
     "F",
     TK_FIG_MEASURE, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"\xCE\xBCg", "\xC2\xB5g", TK_FIG_MEASURE, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"\xCE\xBCm", "\xC2\xB5m", TK_FIG_MEASURE, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"\xE2\x84\x83",
     "\xC2\xB0"
     "C",
     TK_FIG_MEASURE, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
    {"\xE2\x84\x89",
     "\xC2\xB0"
     "F",
     TK_FIG_MEASURE, TK_LU_GLUED | TK_LU_SPACED | TK_LU_HYPHEN, 1.0},
};

static const struct tk_fig_currency tk_currencies[] = {
    /* sorted (bytewise) */
    {"$", "USD"},
    {"$US", "USD"},
    {"A$", "AUD"},
    {"AED", "AED"},
    {"AU$", "AUD"},
    {"AUD", "AUD"},
    {"BRL", "BRL"},
    {"BTC", "BTC"},
    {"C$", "CAD"},
    {"CA$", "CAD"},
    {"CAD", "CAD"},
    {"CHF", "CHF"},
    {"CNY", "CNY"},
    {"CZK", "CZK"},
    {"DKK", "DKK"},
    {"EUR", "EUR"},
    {"GBP", "GBP"},
    {"HK$", "HKD"},
    {"HKD", "HKD"},
    {"HUF", "HUF"},
    {"ILS", "ILS"},
    {"INR", "INR"},
    {"JPY", "JPY"},
    {"KRW", "KRW"},
    {"MX$", "MXN"},
    {"MXN", "MXN"},
    {"MYR", "MYR"},
    {"Mex$", "MXN"},
    {"NOK", "NOK"},
    {"NT$", "TWD"},
    {"NZ$", "NZD"},
    {"NZD", "NZD"},
    {"PLN", "PLN"},
    {"R$", "BRL"},
    {"RM", "MYR"},
    {"RMB", "CNY"},
    {"RUB", "RUB"},
    {"Rs", "INR"},
    {"Rs.", "INR"},
    {"S$", "SGD"},
    {"SAR", "SAR"},
    {"SEK", "SEK"},
    {"SGD", "SGD"},
    {"THB", "THB"},
    {"TRY", "TRY"},
    {"US$", "USD"},
    {"USD", "USD"},
    {"ZAR", "ZAR"},
    {"\xC2\xA3", "GBP"},
    {"\xC2\xA5", "JPY"},
    {"\xE0\xB8\xBF", "THB"},
    {"\xE2\x82\xA1", "CRC"},
    {"\xE2\x82\xA6", "NGN"},
    {"\xE2\x82\xA9", "KRW"},
    {"\xE2\x82\xAA", "ILS"},
    {"\xE2\x82\xAB", "VND"},
    {"\xE2\x82\xAC", "EUR"},
    {"\xE2\x82\xAD", "LAK"},
    {"\xE2\x82\xB1", "PHP"},
    {"\xE2\x82\xB4", "UAH"},
    {"\xE2\x82\xB5", "GHS"},
    {"\xE2\x82\xB8", "KZT"},
    {"\xE2\x82\xB9", "INR"},
    {"\xE2\x82\xBA", "TRY"},
    {"\xE2\x82\xBD", "RUB"},
    {"\xE2\x82\xBE", "GEL"},
    {"\xE2\x82\xBF", "BTC"},
    {"\xE5\x85\x83", "CNY"},
    {"\xE5\x86\x86", "JPY"},
};

static const struct tk_fig_numword tk_numwords[] = {
    /* sorted (bytewise) */
    {"a", 1.0, TK_NW_ARTICLE, TK_NL_EN},
    {"acht", 8.0, TK_NW_UNIT, TK_NL_DE | TK_NL_AMBIG},
    {"achtel", 8.0, TK_NW_FRAC, TK_NL_DE},
    {"achtzehn", 18.0, TK_NW_UNIT, TK_NL_DE},
    {"achtzig", 80.0, TK_NW_TEN, TK_NL_DE},
    {"an", 1.0, TK_NW_ARTICLE, TK_NL_EN},
    {"anderthalb", 1.5, TK_NW_UNIT, TK_NL_DE},
    {"billion", 1000000000.0, TK_NW_SCALE, TK_NL_EN},
    {"billionieme", 1e12, TK_NW_FRAC, TK_NL_FR},
    {"billioniemes", 1e12, TK_NW_FRAC, TK_NL_FR},
    {"billioni\xC3\xA8"
     "me",
     1e12, TK_NW_FRAC, TK_NL_FR},
    {"billioni\xC3\xA8"
     "mes",
     1e12, TK_NW_FRAC, TK_NL_FR},
    {"billions", 1000000000.0, TK_NW_SCALE, TK_NL_EN},
    {"billionth", 1e9, TK_NW_FRAC, TK_NL_EN},
    {"billionths", 1e9, TK_NW_FRAC, TK_NL_EN},
    {"billon", 1000000000000.0, TK_NW_SCALE, TK_NL_ES},
    {"billones", 1000000000000.0, TK_NW_SCALE, TK_NL_ES},
    {"billonesima", 1e12, TK_NW_FRAC, TK_NL_ES},
    {"billonesimas", 1e12, TK_NW_FRAC, TK_NL_ES},
    {"billonesimo", 1e12, TK_NW_FRAC, TK_NL_ES},
    {"billonesimos", 1e12, TK_NW_FRAC, TK_NL_ES},
    {"billon\xC3\xA9sima", 1e12, TK_NW_FRAC, TK_NL_ES},
    {"billon\xC3\xA9simas", 1e12, TK_NW_FRAC, TK_NL_ES},
    {"billon\xC3\xA9simo", 1e12, TK_NW_FRAC, TK_NL_ES},
    {"billon\xC3\xA9simos", 1e12, TK_NW_FRAC, TK_NL_ES},
    {"bill\xC3\xB3n", 1000000000000.0, TK_NW_SCALE, TK_NL_ES},
    {"catorce", 14.0, TK_NW_UNIT, TK_NL_ES},
    {"cent", 100.0, TK_NW_HUNDRED, TK_NL_FR | TK_NL_AMBIG},
    {"centesima", 100.0, TK_NW_FRAC, TK_NL_ES},
    {"centesimas", 100.0, TK_NW_FRAC, TK_NL_ES},
    {"centesimo", 100.0, TK_NW_FRAC, TK_NL_ES},
    {"centesimos", 100.0, TK_NW_FRAC, TK_NL_ES},
    {"centieme", 100.0, TK_NW_FRAC, TK_NL_FR},
    {"centiemes", 100.0, TK_NW_FRAC, TK_NL_FR},
    {"centi\xC3\xA8me", 100.0, TK_NW_FRAC, TK_NL_FR},
    {"centi\xC3\xA8mes", 100.0, TK_NW_FRAC, TK_NL_FR},
    {"cents", 100.0, TK_NW_HUNDRED, TK_NL_FR | TK_NL_AMBIG},
    {"cent\xC3\xA9sima", 100.0, TK_NW_FRAC, TK_NL_ES},
    {"cent\xC3\xA9simas", 100.0, TK_NW_FRAC, TK_NL_ES},
    {"cent\xC3\xA9simo", 100.0, TK_NW_FRAC, TK_NL_ES},
    {"cent\xC3\xA9simos", 100.0, TK_NW_FRAC, TK_NL_ES},
    {"cero", 0.0, TK_NW_UNIT, TK_NL_ES},
    {"cien", 100.0, TK_NW_HUNDRED, TK_NL_ES},
    {"ciento", 100.0, TK_NW_HUNDRED, TK_NL_ES},
    {"cinco", 5.0, TK_NW_UNIT, TK_NL_ES},
    {"cincuenta", 50.0, TK_NW_TEN, TK_NL_ES},
    {"cinq", 5.0, TK_NW_UNIT, TK_NL_FR},
    {"cinquante", 50.0, TK_NW_TEN, TK_NL_FR},
    {"cinquantieme", 50.0, TK_NW_FRAC, TK_NL_FR},
    {"cinquantiemes", 50.0, TK_NW_FRAC, TK_NL_FR},
    {"cinquanti\xC3\xA8"
     "me",
     50.0, TK_NW_FRAC, TK_NL_FR},
    {"cinquanti\xC3\xA8"
     "mes",
     50.0, TK_NW_FRAC, TK_NL_FR},
    {"cinquieme", 5.0, TK_NW_FRAC, TK_NL_FR},
    {"cinquiemes", 5.0, TK_NW_FRAC, TK_NL_FR},
    {"cinqui\xC3\xA8me", 5.0, TK_NW_FRAC, TK_NL_FR},
    {"cinqui\xC3\xA8mes", 5.0, TK_NW_FRAC, TK_NL_FR},
    {"crore", 10000000.0, TK_NW_SCALE, TK_NL_EN},
    {"cuarenta", 40.0, TK_NW_TEN, TK_NL_ES},
    {"cuarta", 4.0, TK_NW_FRAC, TK_NL_ES | TK_NL_AMBIG},
    {"cuartas", 4.0, TK_NW_FRAC, TK_NL_ES | TK_NL_AMBIG},
    {"cuarto", 4.0, TK_NW_FRAC, TK_NL_ES | TK_NL_AMBIG},
    {"cuartos", 4.0, TK_NW_FRAC, TK_NL_ES | TK_NL_AMBIG},
    {"cuatro", 4.0, TK_NW_UNIT, TK_NL_ES},
    {"cuatrocientos", 400.0, TK_NW_TEN, TK_NL_ES},
    {"demi", 2.0, TK_NW_HALF, TK_NL_FR},
    {"demie", 2.0, TK_NW_HALF, TK_NL_FR},
    {"deux", 2.0, TK_NW_UNIT, TK_NL_FR},
    {"diecinueve", 19.0, TK_NW_UNIT, TK_NL_ES},
    {"dieciocho", 18.0, TK_NW_UNIT, TK_NL_ES},
    {"dieciseis", 16.0, TK_NW_UNIT, TK_NL_ES},
    {"diecisiete", 17.0, TK_NW_UNIT, TK_NL_ES},
    {"diecis\xC3\xA9is", 16.0, TK_NW_UNIT, TK_NL_ES},
    {"diez", 10.0, TK_NW_UNIT, TK_NL_ES},
    {"dix", 10.0, TK_NW_UNIT, TK_NL_FR},
    {"dix-huit", 18.0, TK_NW_UNIT, TK_NL_FR},
    {"dix-neuf", 19.0, TK_NW_UNIT, TK_NL_FR},
    {"dix-sept", 17.0, TK_NW_UNIT, TK_NL_FR},
    {"dixieme", 10.0, TK_NW_FRAC, TK_NL_FR},
    {"dixiemes", 10.0, TK_NW_FRAC, TK_NL_FR},
    {"dixi\xC3\xA8me", 10.0, TK_NW_FRAC, TK_NL_FR},
    {"dixi\xC3\xA8mes", 10.0, TK_NW_FRAC, TK_NL_FR},
    {"doce", 12.0, TK_NW_UNIT, TK_NL_ES},
    {"docena", 12.0, TK_NW_DOZEN, TK_NL_ES},
    {"docenas", 12.0, TK_NW_DOZEN, TK_NL_ES},
    {"dos", 2.0, TK_NW_UNIT, TK_NL_ES | TK_NL_AMBIG},
    {"doscientas", 200.0, TK_NW_TEN, TK_NL_ES},
    {"doscientos", 200.0, TK_NW_TEN, TK_NL_ES},
    {"douzaine", 12.0, TK_NW_DOZEN, TK_NL_FR},
    {"douzaines", 12.0, TK_NW_DOZEN, TK_NL_FR},
    {"douze", 12.0, TK_NW_UNIT, TK_NL_FR},
    {"dozen", 12.0, TK_NW_DOZEN, TK_NL_EN},
    {"dozens", 12.0, TK_NW_DOZEN, TK_NL_EN},
    {"drei", 3.0, TK_NW_UNIT, TK_NL_DE},
    {"dreissig", 30.0, TK_NW_TEN, TK_NL_DE},
    {"dreizehn", 13.0, TK_NW_UNIT, TK_NL_DE},
    {"drei\xC3\x9Fig", 30.0, TK_NW_TEN, TK_NL_DE},
    {"drittel", 3.0, TK_NW_FRAC, TK_NL_DE},
    {"dutzend", 12.0, TK_NW_DOZEN, TK_NL_DE},
    {"d\xC3\xA9"
     "cimo",
     10.0, TK_NW_FRAC, TK_NL_ES},
    {"d\xC3\xA9"
     "cimos",
     10.0, TK_NW_FRAC, TK_NL_ES},
    {"eight", 8.0, TK_NW_UNIT, TK_NL_EN},
    {"eighteen", 18.0, TK_NW_UNIT, TK_NL_EN},
    {"eighteenth", 18.0, TK_NW_FRAC, TK_NL_EN},
    {"eighteenths", 18.0, TK_NW_FRAC, TK_NL_EN},
    {"eighth", 8.0, TK_NW_FRAC, TK_NL_EN},
    {"eighths", 8.0, TK_NW_FRAC, TK_NL_EN},
    {"eightieth", 80.0, TK_NW_FRAC, TK_NL_EN},
    {"eightieths", 80.0, TK_NW_FRAC, TK_NL_EN},
    {"eighty", 80.0, TK_NW_TEN, TK_NL_EN},
    {"ein", 1.0, TK_NW_ARTICLE, TK_NL_DE | TK_NL_AMBIG},
    {"eine", 1.0, TK_NW_ARTICLE, TK_NL_DE | TK_NL_AMBIG},
    {"eineinhalb", 1.5, TK_NW_UNIT, TK_NL_DE},
    {"einem", 1.0, TK_NW_ARTICLE, TK_NL_DE | TK_NL_AMBIG},
    {"einen", 1.0, TK_NW_ARTICLE, TK_NL_DE | TK_NL_AMBIG},
    {"einer", 1.0, TK_NW_ARTICLE, TK_NL_DE | TK_NL_AMBIG},
    {"einhalb", 0.5, TK_NW_UNIT, TK_NL_DE},
    {"eins", 1.0, TK_NW_UNIT, TK_NL_DE},
    {"eleven", 11.0, TK_NW_UNIT, TK_NL_EN},
    {"eleventh", 11.0, TK_NW_FRAC, TK_NL_EN},
    {"elevenths", 11.0, TK_NW_FRAC, TK_NL_EN},
    {"elf", 11.0, TK_NW_UNIT, TK_NL_DE | TK_NL_AMBIG},
    {"fifteen", 15.0, TK_NW_UNIT, TK_NL_EN},
    {"fifteenth", 15.0, TK_NW_FRAC, TK_NL_EN},
    {"fifteenths", 15.0, TK_NW_FRAC, TK_NL_EN},
    {"fifth", 5.0, TK_NW_FRAC, TK_NL_EN},
    {"fifths", 5.0, TK_NW_FRAC, TK_NL_EN},
    {"fiftieth", 50.0, TK_NW_FRAC, TK_NL_EN},
    {"fiftieths", 50.0, TK_NW_FRAC, TK_NL_EN},
    {"fifty", 50.0, TK_NW_TEN, TK_NL_EN},
    {"first", 1.0, TK_NW_FRAC, TK_NL_EN},
    {"firsts", 1.0, TK_NW_FRAC, TK_NL_EN},
    {"five", 5.0, TK_NW_UNIT, TK_NL_EN},
    {"fortieth", 40.0, TK_NW_FRAC, TK_NL_EN},
    {"fortieths", 40.0, TK_NW_FRAC, TK_NL_EN},
    {"forty", 40.0, TK_NW_TEN, TK_NL_EN},
    {"four", 4.0, TK_NW_UNIT, TK_NL_EN},
    {"fourteen", 14.0, TK_NW_UNIT, TK_NL_EN},
    {"fourteenth", 14.0, TK_NW_FRAC, TK_NL_EN},
    {"fourteenths", 14.0, TK_NW_FRAC, TK_NL_EN},
    {"fourth", 4.0, TK_NW_FRAC, TK_NL_EN},
    {"fourths", 4.0, TK_NW_FRAC, TK_NL_EN},
    {"fuenf", 5.0, TK_NW_UNIT, TK_NL_DE},
    {"fuenfzig", 50.0, TK_NW_TEN, TK_NL_DE},
    {"f\xC3\xBCnf", 5.0, TK_NW_UNIT, TK_NL_DE},
    {"f\xC3\xBCnftel", 5.0, TK_NW_FRAC, TK_NL_DE},
    {"f\xC3\xBCnfzehn", 15.0, TK_NW_UNIT, TK_NL_DE},
    {"f\xC3\xBCnfzig", 50.0, TK_NW_TEN, TK_NL_DE},
    {"halbe", 2.0, TK_NW_HALF, TK_NL_DE},
    {"halben", 2.0, TK_NW_HALF, TK_NL_DE},
    {"halbes", 2.0, TK_NW_HALF, TK_NL_DE},
    {"half", 2.0, TK_NW_HALF, TK_NL_EN},
    {"huit", 8.0, TK_NW_UNIT, TK_NL_FR},
    {"huitieme", 8.0, TK_NW_FRAC, TK_NL_FR},
    {"huitiemes", 8.0, TK_NW_FRAC, TK_NL_FR},
    {"huiti\xC3\xA8me", 8.0, TK_NW_FRAC, TK_NL_FR},
    {"huiti\xC3\xA8mes", 8.0, TK_NW_FRAC, TK_NL_FR},
    {"hundert", 100.0, TK_NW_HUNDRED, TK_NL_DE},
    {"hundertstel", 100.0, TK_NW_FRAC, TK_NL_DE},
    {"hundred", 100.0, TK_NW_HUNDRED, TK_NL_EN},
    {"hundreds", 100.0, TK_NW_HUNDRED, TK_NL_EN},
    {"hundredth", 100.0, TK_NW_FRAC, TK_NL_EN},
    {"hundredths", 100.0, TK_NW_FRAC, TK_NL_EN},
    {"h\xC3\xA4lfte", 2.0, TK_NW_HALF, TK_NL_DE},
    {"lakh", 100000.0, TK_NW_SCALE, TK_NL_EN},
    {"media", 2.0, TK_NW_HALF, TK_NL_ES},
    {"medio", 2.0, TK_NW_HALF, TK_NL_ES},
    {"mil", 1000.0, TK_NW_SCALE, TK_NL_ES | TK_NL_AMBIG},
    {"milesima", 1000.0, TK_NW_FRAC, TK_NL_ES},
    {"milesimas", 1000.0, TK_NW_FRAC, TK_NL_ES},
    {"milesimo", 1000.0, TK_NW_FRAC, TK_NL_ES},
    {"milesimos", 1000.0, TK_NW_FRAC, TK_NL_ES},
    {"mille", 1000.0, TK_NW_SCALE, TK_NL_FR},
    {"milliard", 1000000000.0, TK_NW_SCALE, TK_NL_FR},
    {"milliarde", 1000000000.0, TK_NW_SCALE, TK_NL_DE},
    {"milliarden", 1000000000.0, TK_NW_SCALE, TK_NL_DE},
    {"milliardieme", 1e9, TK_NW_FRAC, TK_NL_FR},
    {"milliardiemes", 1e9, TK_NW_FRAC, TK_NL_FR},
    {"milliardi\xC3\xA8"
     "me",
     1e9, TK_NW_FRAC, TK_NL_FR},
    {"milliardi\xC3\xA8"
     "mes",
     1e9, TK_NW_FRAC, TK_NL_FR},
    {"milliards", 1000000000.0, TK_NW_SCALE, TK_NL_FR},
    {"millieme", 1000.0, TK_NW_FRAC, TK_NL_FR},
    {"milliemes", 1000.0, TK_NW_FRAC, TK_NL_FR},
    {"million", 1000000.0, TK_NW_SCALE, TK_NL_DE | TK_NL_EN | TK_NL_FR},
    {"millionen", 1000000.0, TK_NW_SCALE, TK_NL_DE},
    {"millionieme", 1e6, TK_NW_FRAC, TK_NL_FR},
    {"millioniemes", 1e6, TK_NW_FRAC, TK_NL_FR},
    {"millioni\xC3\xA8"
     "me",
     1e6, TK_NW_FRAC, TK_NL_FR},
    {"millioni\xC3\xA8"
     "mes",
     1e6, TK_NW_FRAC, TK_NL_FR},
    {"millions", 1000000.0, TK_NW_SCALE, TK_NL_EN | TK_NL_FR},
    {"millionth", 1e6, TK_NW_FRAC, TK_NL_EN},
    {"millionths", 1e6, TK_NW_FRAC, TK_NL_EN},
    {"milli\xC3\xA8me", 1000.0, TK_NW_FRAC, TK_NL_FR},
    {"milli\xC3\xA8mes", 1000.0, TK_NW_FRAC, TK_NL_FR},
    {"millon", 1000000.0, TK_NW_SCALE, TK_NL_ES},
    {"millones", 1000000.0, TK_NW_SCALE, TK_NL_ES},
    {"millonesima", 1e6, TK_NW_FRAC, TK_NL_ES},
    {"millonesimas", 1e6, TK_NW_FRAC, TK_NL_ES},
    {"millonesimo", 1e6, TK_NW_FRAC, TK_NL_ES},
    {"millonesimos", 1e6, TK_NW_FRAC, TK_NL_ES},
    {"millon\xC3\xA9sima", 1e6, TK_NW_FRAC, TK_NL_ES},
    {"millon\xC3\xA9simas", 1e6, TK_NW_FRAC, TK_NL_ES},
    {"millon\xC3\xA9simo", 1e6, TK_NW_FRAC, TK_NL_ES},
    {"millon\xC3\xA9simos", 1e6, TK_NW_FRAC, TK_NL_ES},
    {"mill\xC3\xB3n", 1000000.0, TK_NW_SCALE, TK_NL_ES},
    {"mil\xC3\xA9sima", 1000.0, TK_NW_FRAC, TK_NL_ES},
    {"mil\xC3\xA9simas", 1000.0, TK_NW_FRAC, TK_NL_ES},
    {"mil\xC3\xA9simo", 1000.0, TK_NW_FRAC, TK_NL_ES},
    {"mil\xC3\xA9simos", 1000.0, TK_NW_FRAC, TK_NL_ES},
    {"mitad", 2.0, TK_NW_HALF, TK_NL_ES},
    {"moiti\xC3\xA9", 2.0, TK_NW_HALF, TK_NL_FR},
    {"naught", 0.0, TK_NW_UNIT, TK_NL_EN},
    {"neuf", 9.0, TK_NW_UNIT, TK_NL_FR},
    {"neun", 9.0, TK_NW_UNIT, TK_NL_DE},
    {"neunzehn", 19.0, TK_NW_UNIT, TK_NL_DE},
    {"neunzig", 90.0, TK_NW_TEN, TK_NL_DE},
    {"neuvieme", 9.0, TK_NW_FRAC, TK_NL_FR},
    {"neuviemes", 9.0, TK_NW_FRAC, TK_NL_FR},
    {"neuvi\xC3\xA8"
     "me",
     9.0, TK_NW_FRAC, TK_NL_FR},
    {"neuvi\xC3\xA8"
     "mes",
     9.0, TK_NW_FRAC, TK_NL_FR},
    {"nine", 9.0, TK_NW_UNIT, TK_NL_EN},
    {"nineteen", 19.0, TK_NW_UNIT, TK_NL_EN},
    {"nineteenth", 19.0, TK_NW_FRAC, TK_NL_EN},
    {"nineteenths", 19.0, TK_NW_FRAC, TK_NL_EN},
    {"ninetieth", 90.0, TK_NW_FRAC, TK_NL_EN},
    {"ninetieths", 90.0, TK_NW_FRAC, TK_NL_EN},
    {"ninety", 90.0, TK_NW_TEN, TK_NL_EN},
    {"ninth", 9.0, TK_NW_FRAC, TK_NL_EN},
    {"ninths", 9.0, TK_NW_FRAC, TK_NL_EN},
    {"nought", 0.0, TK_NW_UNIT, TK_NL_EN},
    {"novecientos", 900.0, TK_NW_TEN, TK_NL_ES},
    {"noventa", 90.0, TK_NW_TEN, TK_NL_ES},
    {"nueve", 9.0, TK_NW_UNIT, TK_NL_ES},
    {"null", 0.0, TK_NW_UNIT, TK_NL_DE | TK_NL_AMBIG},
    {"ochenta", 80.0, TK_NW_TEN, TK_NL_ES},
    {"ocho", 8.0, TK_NW_UNIT, TK_NL_ES},
    {"ochocientos", 800.0, TK_NW_TEN, TK_NL_ES},
    {"octavo", 8.0, TK_NW_FRAC, TK_NL_ES},
    {"octavos", 8.0, TK_NW_FRAC, TK_NL_ES},
    {"once", 11.0, TK_NW_UNIT, TK_NL_ES | TK_NL_AMBIG},
    {"one", 1.0, TK_NW_UNIT, TK_NL_EN | TK_NL_AMBIG},
    {"onze", 11.0, TK_NW_UNIT, TK_NL_FR | TK_NL_AMBIG},
    {"quarante", 40.0, TK_NW_TEN, TK_NL_FR},
    {"quarantieme", 40.0, TK_NW_FRAC, TK_NL_FR},
    {"quarantiemes", 40.0, TK_NW_FRAC, TK_NL_FR},
    {"quaranti\xC3\xA8"
     "me",
     40.0, TK_NW_FRAC, TK_NL_FR},
    {"quaranti\xC3\xA8"
     "mes",
     40.0, TK_NW_FRAC, TK_NL_FR},
    {"quart", 4.0, TK_NW_FRAC, TK_NL_FR},
    {"quarter", 4.0, TK_NW_FRAC, TK_NL_EN},
    {"quarters", 4.0, TK_NW_FRAC, TK_NL_EN},
    {"quarts", 4.0, TK_NW_FRAC, TK_NL_FR},
    {"quatorze", 14.0, TK_NW_UNIT, TK_NL_FR},
    {"quatre", 4.0, TK_NW_UNIT, TK_NL_FR},
    {"quatre-vingt", 80.0, TK_NW_TEN, TK_NL_FR},
    {"quatre-vingt-dix", 90.0, TK_NW_TEN, TK_NL_FR},
    {"quatre-vingts", 80.0, TK_NW_TEN, TK_NL_FR},
    {"quatrieme", 4.0, TK_NW_FRAC, TK_NL_FR},
    {"quatriemes", 4.0, TK_NW_FRAC, TK_NL_FR},
    {"quatri\xC3\xA8"
     "me",
     4.0, TK_NW_FRAC, TK_NL_FR},
    {"quatri\xC3\xA8"
     "mes",
     4.0, TK_NW_FRAC, TK_NL_FR},
    {"quince", 15.0, TK_NW_UNIT, TK_NL_ES},
    {"quinientas", 500.0, TK_NW_TEN, TK_NL_ES},
    {"quinientos", 500.0, TK_NW_TEN, TK_NL_ES},
    {"quinta", 5.0, TK_NW_FRAC, TK_NL_ES},
    {"quintas", 5.0, TK_NW_FRAC, TK_NL_ES},
    {"quinto", 5.0, TK_NW_FRAC, TK_NL_ES},
    {"quintos", 5.0, TK_NW_FRAC, TK_NL_ES},
    {"quinze", 15.0, TK_NW_UNIT, TK_NL_FR},
    {"sechs", 6.0, TK_NW_UNIT, TK_NL_DE},
    {"sechzehn", 16.0, TK_NW_UNIT, TK_NL_DE},
    {"sechzig", 60.0, TK_NW_TEN, TK_NL_DE},
    {"seis", 6.0, TK_NW_UNIT, TK_NL_ES | TK_NL_AMBIG},
    {"seiscientos", 600.0, TK_NW_TEN, TK_NL_ES},
    {"seize", 16.0, TK_NW_UNIT, TK_NL_FR},
    {"sept", 7.0, TK_NW_UNIT, TK_NL_FR | TK_NL_AMBIG},
    {"septieme", 7.0, TK_NW_FRAC, TK_NL_FR},
    {"septiemes", 7.0, TK_NW_FRAC, TK_NL_FR},
    {"septi\xC3\xA8"
     "me",
     7.0, TK_NW_FRAC, TK_NL_FR},
    {"septi\xC3\xA8"
     "mes",
     7.0, TK_NW_FRAC, TK_NL_FR},
    {"sesenta", 60.0, TK_NW_TEN, TK_NL_ES},
    {"setecientos", 700.0, TK_NW_TEN, TK_NL_ES},
    {"setenta", 70.0, TK_NW_TEN, TK_NL_ES},
    {"seven", 7.0, TK_NW_UNIT, TK_NL_EN},
    {"seventeen", 17.0, TK_NW_UNIT, TK_NL_EN},
    {"seventeenth", 17.0, TK_NW_FRAC, TK_NL_EN},
    {"seventeenths", 17.0, TK_NW_FRAC, TK_NL_EN},
    {"seventh", 7.0, TK_NW_FRAC, TK_NL_EN},
    {"sevenths", 7.0, TK_NW_FRAC, TK_NL_EN},
    {"seventieth", 70.0, TK_NW_FRAC, TK_NL_EN},
    {"seventieths", 70.0, TK_NW_FRAC, TK_NL_EN},
    {"seventy", 70.0, TK_NW_TEN, TK_NL_EN},
    {"sexto", 6.0, TK_NW_FRAC, TK_NL_ES},
    {"sextos", 6.0, TK_NW_FRAC, TK_NL_ES},
    {"sieben", 7.0, TK_NW_UNIT, TK_NL_DE},
    {"siebzehn", 17.0, TK_NW_UNIT, TK_NL_DE},
    {"siebzig", 70.0, TK_NW_TEN, TK_NL_DE},
    {"siete", 7.0, TK_NW_UNIT, TK_NL_ES},
    {"six", 6.0, TK_NW_UNIT, TK_NL_EN},
    {"sixieme", 6.0, TK_NW_FRAC, TK_NL_FR},
    {"sixiemes", 6.0, TK_NW_FRAC, TK_NL_FR},
    {"sixi\xC3\xA8me", 6.0, TK_NW_FRAC, TK_NL_FR},
    {"sixi\xC3\xA8mes", 6.0, TK_NW_FRAC, TK_NL_FR},
    {"sixteen", 16.0, TK_NW_UNIT, TK_NL_EN},
    {"sixteenth", 16.0, TK_NW_FRAC, TK_NL_EN},
    {"sixteenths", 16.0, TK_NW_FRAC, TK_NL_EN},
    {"sixth", 6.0, TK_NW_FRAC, TK_NL_EN},
    {"sixths", 6.0, TK_NW_FRAC, TK_NL_EN},
    {"sixtieth", 60.0, TK_NW_FRAC, TK_NL_EN},
    {"sixtieths", 60.0, TK_NW_FRAC, TK_NL_EN},
    {"sixty", 60.0, TK_NW_TEN, TK_NL_EN},
    {"soixante", 60.0, TK_NW_TEN, TK_NL_FR},
    {"soixante-dix", 70.0, TK_NW_TEN, TK_NL_FR},
    {"soixantieme", 60.0, TK_NW_FRAC, TK_NL_FR},
    {"soixantiemes", 60.0, TK_NW_FRAC, TK_NL_FR},
    {"soixanti\xC3\xA8"
     "me",
     60.0, TK_NW_FRAC, TK_NL_FR},
    {"soixanti\xC3\xA8"
     "mes",
     60.0, TK_NW_FRAC, TK_NL_FR},
    {"tausend", 1000.0, TK_NW_SCALE, TK_NL_DE},
    {"ten", 10.0, TK_NW_UNIT, TK_NL_EN},
    {"tenth", 10.0, TK_NW_FRAC, TK_NL_EN},
    {"tenths", 10.0, TK_NW_FRAC, TK_NL_EN},
    {"tercio", 3.0, TK_NW_FRAC, TK_NL_ES},
    {"tercios", 3.0, TK_NW_FRAC, TK_NL_ES},
    {"third", 3.0, TK_NW_FRAC, TK_NL_EN},
    {"thirds", 3.0, TK_NW_FRAC, TK_NL_EN},
    {"thirteen", 13.0, TK_NW_UNIT, TK_NL_EN},
    {"thirteenth", 13.0, TK_NW_FRAC, TK_NL_EN},
    {"thirteenths", 13.0, TK_NW_FRAC, TK_NL_EN},
    {"thirtieth", 30.0, TK_NW_FRAC, TK_NL_EN},
    {"thirtieths", 30.0, TK_NW_FRAC, TK_NL_EN},
    {"thirty", 30.0, TK_NW_TEN, TK_NL_EN},
    {"thousand", 1000.0, TK_NW_SCALE, TK_NL_EN},
    {"thousands", 1000.0, TK_NW_SCALE, TK_NL_EN},
    {"thousandth", 1000.0, TK_NW_FRAC, TK_NL_EN},
    {"thousandths", 1000.0, TK_NW_FRAC, TK_NL_EN},
    {"three", 3.0, TK_NW_UNIT, TK_NL_EN},
    {"tiers", 3.0, TK_NW_FRAC, TK_NL_FR},
    {"trece", 13.0, TK_NW_UNIT, TK_NL_ES},
    {"treinta", 30.0, TK_NW_TEN, TK_NL_ES},
    {"treize", 13.0, TK_NW_UNIT, TK_NL_FR},
    {"trente", 30.0, TK_NW_TEN, TK_NL_FR},
    {"trentieme", 30.0, TK_NW_FRAC, TK_NL_FR},
    {"trentiemes", 30.0, TK_NW_FRAC, TK_NL_FR},
    {"trenti\xC3\xA8"
     "me",
     30.0, TK_NW_FRAC, TK_NL_FR},
    {"trenti\xC3\xA8"
     "mes",
     30.0, TK_NW_FRAC, TK_NL_FR},
    {"tres", 3.0, TK_NW_UNIT, TK_NL_ES | TK_NL_AMBIG},
    {"trescientas", 300.0, TK_NW_TEN, TK_NL_ES},
    {"trescientos", 300.0, TK_NW_TEN, TK_NL_ES},
    {"trillion", 1000000000000.0, TK_NW_SCALE, TK_NL_EN},
    {"trillions", 1000000000000.0, TK_NW_SCALE, TK_NL_EN},
    {"trillionth", 1e12, TK_NW_FRAC, TK_NL_EN},
    {"trillionths", 1e12, TK_NW_FRAC, TK_NL_EN},
    {"trois", 3.0, TK_NW_UNIT, TK_NL_FR},
    {"twelfth", 12.0, TK_NW_FRAC, TK_NL_EN},
    {"twelfths", 12.0, TK_NW_FRAC, TK_NL_EN},
    {"twelve", 12.0, TK_NW_UNIT, TK_NL_EN},
    {"twentieth", 20.0, TK_NW_FRAC, TK_NL_EN},
    {"twentieths", 20.0, TK_NW_FRAC, TK_NL_EN},
    {"twenty", 20.0, TK_NW_TEN, TK_NL_EN},
    {"two", 2.0, TK_NW_UNIT, TK_NL_EN},
    {"un", 1.0, TK_NW_UNIT, TK_NL_FR | TK_NL_ES | TK_NL_AMBIG},
    {"una", 1.0, TK_NW_ARTICLE, TK_NL_ES | TK_NL_AMBIG},
    {"une", 1.0, TK_NW_ARTICLE, TK_NL_FR | TK_NL_AMBIG},
    {"uno", 1.0, TK_NW_UNIT, TK_NL_ES | TK_NL_AMBIG},
    {"veinte", 20.0, TK_NW_TEN, TK_NL_ES},
    {"veinticinco", 25.0, TK_NW_TEN, TK_NL_ES},
    {"veinticuatro", 24.0, TK_NW_TEN, TK_NL_ES},
    {"veintidos", 22.0, TK_NW_TEN, TK_NL_ES},
    {"veintid\xC3\xB3s", 22.0, TK_NW_TEN, TK_NL_ES},
    {"veintinueve", 29.0, TK_NW_TEN, TK_NL_ES},
    {"veintiocho", 28.0, TK_NW_TEN, TK_NL_ES},
    {"veintiseis", 26.0, TK_NW_TEN, TK_NL_ES},
    {"veintisiete", 27.0, TK_NW_TEN, TK_NL_ES},
    {"veintis\xC3\xA9is", 26.0, TK_NW_TEN, TK_NL_ES},
    {"veintitres", 23.0, TK_NW_TEN, TK_NL_ES},
    {"veintitr\xC3\xA9s", 23.0, TK_NW_TEN, TK_NL_ES},
    {"veintiun", 21.0, TK_NW_TEN, TK_NL_ES},
    {"veintiuna", 21.0, TK_NW_TEN, TK_NL_ES},
    {"veintiuno", 21.0, TK_NW_TEN, TK_NL_ES},
    {"vier", 4.0, TK_NW_UNIT, TK_NL_DE},
    {"viertel", 4.0, TK_NW_FRAC, TK_NL_DE},
    {"vierzehn", 14.0, TK_NW_UNIT, TK_NL_DE},
    {"vierzig", 40.0, TK_NW_TEN, TK_NL_DE},
    {"vingt", 20.0, TK_NW_TEN, TK_NL_FR},
    {"vingtieme", 20.0, TK_NW_FRAC, TK_NL_FR},
    {"vingtiemes", 20.0, TK_NW_FRAC, TK_NL_FR},
    {"vingti\xC3\xA8"
     "me",
     20.0, TK_NW_FRAC, TK_NL_FR},
    {"vingti\xC3\xA8"
     "mes",
     20.0, TK_NW_FRAC, TK_NL_FR},
    {"zehn", 10.0, TK_NW_UNIT, TK_NL_DE},
    {"zehntel", 10.0, TK_NW_FRAC, TK_NL_DE},
    {"zero", 0.0, TK_NW_UNIT, TK_NL_EN},
    {"zwanzig", 20.0, TK_NW_TEN, TK_NL_DE},
    {"zwei", 2.0, TK_NW_UNIT, TK_NL_DE},
    {"zwoelf", 12.0, TK_NW_UNIT, TK_NL_DE},
    {"zw\xC3\xB6lf", 12.0, TK_NW_UNIT, TK_NL_DE},
    {"z\xC3\xA9ro", 0.0, TK_NW_UNIT, TK_NL_FR},
};

static const struct tk_fig_currency tk_curwords[] = {
    /* sorted (bytewise), lower case */
    {"aud", "AUD"},	     {"baht", "THB"},	      {"bitcoin", "BTC"},
    {"bitcoins", "BTC"},     {"brl", "BRL"},	      {"btc", "BTC"},
    {"cad", "CAD"},	     {"chf", "CHF"},	      {"cny", "CNY"},
    {"dirhams", "AED"},	     {"dkk", "DKK"},	      {"dollar", "USD"},
    {"dollars", "USD"},	     {"d\xC3\xB3lar", "USD"}, {"d\xC3\xB3lares", "USD"},
    {"eur", "EUR"},	     {"euro", "EUR"},	      {"euros", "EUR"},
    {"florins", "NLG"},	     {"franc", "CHF"},	      {"francos", "CHF"},
    {"francs", "CHF"},	     {"franken", "CHF"},      {"gbp", "GBP"},
    {"guilders", "NLG"},     {"hkd", "HKD"},	      {"inr", "INR"},
    {"jpy", "JPY"},	     {"kroner", "NOK"},	      {"kronor", "SEK"},
    {"libras", "GBP"},	     {"lira", "TRY"},	      {"liras", "TRY"},
    {"livres", "GBP"},	     {"markka", "FIM"},	      {"mxn", "MXN"},
    {"naira", "NGN"},	     {"nok", "NOK"},	      {"nzd", "NZD"},
    {"pesetas", "ESP"},	     {"peso", "MXN"},	      {"pesos", "MXN"},
    {"pln", "PLN"},	     {"pound", "GBP"},	      {"pounds", "GBP"},
    {"rand", "ZAR"},	     {"reais", "BRL"},	      {"renminbi", "CNY"},
    {"riel", "KHR"},	     {"ringgit", "MYR"},      {"riyals", "SAR"},
    {"rmb", "CNY"},	     {"roubles", "RUB"},      {"roupies", "INR"},
    {"rub", "RUB"},	     {"rubles", "RUB"},	      {"rublos", "RUB"},
    {"rupee", "INR"},	     {"rupees", "INR"},	      {"rupias", "INR"},
    {"rupien", "INR"},	     {"sek", "SEK"},	      {"sgd", "SGD"},
    {"shekels", "ILS"},	     {"us-dollar", "USD"},    {"usd", "USD"},
    {"yen", "JPY"},	     {"yenes", "JPY"},	      {"yens", "JPY"},
    {"yuan", "CNY"},	     {"zar", "ZAR"},	      {"zloty", "PLN"},
    {"z\xC5\x82oty", "PLN"},
};

/* Nationality words before or after a currency word: "Australian dollars",
 * "dollars canadiens". */
static const struct tk_fig_currency tk_curadj[] = {
    /* sorted (bytewise), lower case */
    {"american", "USD"},
    {"amerikanische", "USD"},
    {"amerikanischen", "USD"},
    {"am\xC3\xA9ricain", "USD"},
    {"am\xC3\xA9ricains", "USD"},
    {"argentine", "ARS"},
    {"australian", "AUD"},
    {"australiano", "AUD"},
    {"australianos", "AUD"},
    {"australien", "AUD"},
    {"australiens", "AUD"},
    {"australische", "AUD"},
    {"australischen", "AUD"},
    {"belgian", "BEF"},
    {"brazilian", "BRL"},
    {"british", "GBP"},
    {"canadian", "CAD"},
    {"canadien", "CAD"},
    {"canadiens", "CAD"},
    {"canadiense", "CAD"},
    {"canadienses", "CAD"},
    {"chilean", "CLP"},
    {"chinese", "CNY"},
    {"colombian", "COP"},
    {"danish", "DKK"},
    {"dutch", "NLG"},
    {"egyptian", "EGP"},
    {"estadounidense", "USD"},
    {"estadounidenses", "USD"},
    {"finnish", "FIM"},
    {"french", "FRF"},
    {"hong kong", "HKD"},
    {"indian", "INR"},
    {"indische", "INR"},
    {"indischen", "INR"},
    {"japanese", "JPY"},
    {"kambodschanische", "KHR"},
    {"kanadische", "CAD"},
    {"kanadischen", "CAD"},
    {"mexican", "MXN"},
    {"mexicano", "MXN"},
    {"mexicanos", "MXN"},
    {"new zealand", "NZD"},
    {"norwegian", "NOK"},
    {"pakistani", "PKR"},
    {"russian", "RUB"},
    {"schweizer", "CHF"},
    {"singapore", "SGD"},
    {"south african", "ZAR"},
    {"suisse", "CHF"},
    {"suisses", "CHF"},
    {"suizo", "CHF"},
    {"suizos", "CHF"},
    {"swedish", "SEK"},
    {"swiss", "CHF"},
    {"taiwan", "TWD"},
    {"turkish", "TRY"},
    {"u.s.", "USD"},
    {"us", "USD"},
};

/* Which second letters each first letter of a number word takes (bit 0-25
 * a-z, 26 a non-ASCII byte or '-', 27 the end of a one-letter word): a
 * cheap test that spares most words the lookup. Generated (tests/gen_lexicon_fig.py) with the table
 * above; tests/test_lexicon_fig.c checks every word passes it. */
static const unsigned tk_numword_prefix[26] = {
    0x08002004u, /* a */
    0x00000100u, /* b */
    0x00120111u, /* c */
    0x04124110u, /* d */
    0x00000900u, /* e */
    0x04104100u, /* f */
    0x00000000u, /* g */
    0x04100001u, /* h */
    0x00000000u, /* i */
    0x00000000u, /* j */
    0x00000000u, /* k */
    0x00000001u, /* l */
    0x00004110u, /* m */
    0x00104111u, /* n */
    0x00002004u, /* o */
    0x00000000u, /* p */
    0x00100000u, /* q */
    0x00000000u, /* r */
    0x00004110u, /* s */
    0x00420191u, /* t */
    0x00002000u, /* u */
    0x00000110u, /* v */
    0x00000000u, /* w */
    0x00000000u, /* x */
    0x00000000u, /* y */
    0x04400010u, /* z */
};

/* Where the number words of each first letter start in the table (and its
 * end): the search looks only there. Checked by looking up every word. */
static const unsigned short tk_numword_first[27] = {
    0,	 7,   26,  64,	100, 121, 147, 147, 163, 163, 163, 163, 164, 210,
    233, 241, 241, 267, 267, 315, 358, 362, 386, 386, 386, 386, 394,
};

/* A 2048-bit filter over every number word (length, first, second and
 * last byte): most other words are turned away without a search. */
static const unsigned tk_numword_hash[64] = {
    0x00000020u, 0x40011048u, 0x00080000u, 0x44000020u, 0x00000044u, 0x30240100u, 0x00000020u,
    0x82404400u, 0x00000800u, 0x80014100u, 0x00508288u, 0x00040000u, 0x04010001u, 0x00084800u,
    0x00800400u, 0x80000000u, 0x402c0164u, 0x18102401u, 0x780a0000u, 0x00411008u, 0x0cc84202u,
    0x04000680u, 0x041e2400u, 0x64248024u, 0x40115100u, 0x1890882bu, 0x08e80802u, 0x80044022u,
    0x88080608u, 0xd8011090u, 0x80500181u, 0x828c0608u, 0x20450428u, 0x93022102u, 0x02900300u,
    0x4d206891u, 0x40e80248u, 0x00048a20u, 0x0b300080u, 0x09442040u, 0x004400c1u, 0x109110c0u,
    0x20032042u, 0x01008100u, 0x80088128u, 0xb1142148u, 0x05202044u, 0xc8850000u, 0x00002000u,
    0x00100500u, 0x00400018u, 0x00a00b08u, 0x00c00800u, 0x0a000280u, 0x00400100u, 0x00600110u,
    0x08011000u, 0x51000004u, 0x00002000u, 0x20000028u, 0x21000004u, 0x02028000u, 0x80008008u,
    0x40011001u,
};

static unsigned tk_numword_hash_of(const char *low, size_t n)
{
	const unsigned char *b = (const unsigned char *)low;
	return ((unsigned)(n * 131) ^ (b[0] * 31u) ^ ((n > 1 ? b[1] : 0) * 7u) ^ (b[n - 1] * 17u)) &
	       2047u;
}

/* The same filter over the currency words. */
static const unsigned tk_curword_hash[64] = {
    0x00020000u, 0x40004000u, 0x00000000u, 0x00000008u, 0x00000000u, 0x50000000u, 0x00400200u,
    0x00000000u, 0x00080000u, 0x00000200u, 0x01000100u, 0x80000000u, 0x00000000u, 0x10004008u,
    0x00000800u, 0x00400000u, 0x00000001u, 0x0002011au, 0x08001000u, 0x84000000u, 0x01000000u,
    0x0404000au, 0x00000080u, 0x00a60080u, 0x00000808u, 0x00010008u, 0x01000000u, 0x04040820u,
    0x80200000u, 0x00400001u, 0x00000002u, 0x00200000u, 0x00000000u, 0x00000000u, 0x00000000u,
    0x00000000u, 0x00000000u, 0x00000000u, 0x00000002u, 0x00020000u, 0x00000000u, 0x00000000u,
    0x00000000u, 0x00000000u, 0x00000000u, 0x00000000u, 0x04000200u, 0x00001000u, 0x00000080u,
    0x00000000u, 0x00000040u, 0x00800420u, 0x00000000u, 0x00100000u, 0x00000000u, 0x00000000u,
    0x00000000u, 0x00000000u, 0x00000000u, 0x00000000u, 0x00000000u, 0x00000002u, 0x00000000u,
    0x00000100u,
};

static int tk_lexfig_cmp(const char *key, size_t n, const char *word)
{
	size_t l = strlen(word);
	int c = memcmp(key, word, n < l ? n : l);

	if (c)
		return c;
	return n < l ? -1 : n > l;
}

const struct tk_fig_unit *tk_lexfig_unit(const char *s, size_t n)
{
	size_t lo = 0, hi = TK_ARRAY_LEN(tk_units), i;
	char low[24];
	int pass;

	if (n == 0 || n >= sizeof low)
		return NULL;
	for (pass = 0; pass < 2; pass++) {
		const char *key = s;
		if (pass == 1) {
			int changed = 0;
			if (n < 4)
				break;
			for (i = 0; i < n; i++) {
				char c = s[i];
				changed |= c >= 'A' && c <= 'Z';
				low[i] = c >= 'A' && c <= 'Z' ? (char)(c + 32) : c;
			}
			if (!changed)
				break;
			key = low;
		}
		lo = 0;
		hi = TK_ARRAY_LEN(tk_units);
		while (lo < hi) {
			size_t mid = (lo + hi) / 2;
			int c = tk_lexfig_cmp(key, n, tk_units[mid].word);
			if (c == 0)
				return &tk_units[mid];
			if (c < 0)
				hi = mid;
			else
				lo = mid + 1;
		}
	}
	return NULL;
}

const struct tk_fig_currency *tk_lexfig_currency(const char *s, size_t n)
{
	size_t lo = 0, hi = TK_ARRAY_LEN(tk_currencies);

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		int c = tk_lexfig_cmp(s, n, tk_currencies[mid].text);
		if (c == 0)
			return &tk_currencies[mid];
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}

const struct tk_fig_unit *tk_lexfig_units(size_t *n)
{
	*n = TK_ARRAY_LEN(tk_units);
	return tk_units;
}

const struct tk_fig_currency *tk_lexfig_currencies(size_t *n)
{
	*n = TK_ARRAY_LEN(tk_currencies);
	return tk_currencies;
}

const struct tk_fig_numword *tk_lexfig_numword(const char *s, size_t n)
{
	size_t lo, hi, i;
	unsigned h;
	char low[24];

	if (n == 0 || n >= sizeof low)
		return NULL;
	for (i = 0; i < n; i++)
		low[i] = s[i] >= 'A' && s[i] <= 'Z' ? (char)(s[i] + 32) : s[i];
	if (low[0] < 'a' || low[0] > 'z')
		return NULL;
	h = tk_numword_hash_of(low, n);
	if (!((tk_numword_hash[h >> 5] >> (h & 31)) & 1))
		return NULL;
	lo = tk_numword_first[low[0] - 'a'];
	hi = tk_numword_first[low[0] - 'a' + 1];
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		int c = strncmp(low, tk_numwords[mid].word, n);
		if (c == 0 && tk_numwords[mid].word[n])
			c = -1; /* a prefix of the word: sorts before it */
		if (c == 0)
			return &tk_numwords[mid];
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}

const struct tk_fig_numword *tk_lexfig_numwords(size_t *n)
{
	*n = TK_ARRAY_LEN(tk_numwords);
	return tk_numwords;
}

/* Binary search of a lower-cased s[0..n) in a currency-shaped table. */
static const struct tk_fig_currency *tk_lexfig_lower(const struct tk_fig_currency *t, size_t count,
						     const char *s, size_t n)
{
	size_t lo = 0, hi = count, i;
	char low[24];

	if (n == 0 || n >= sizeof low)
		return NULL;
	for (i = 0; i < n; i++)
		low[i] = s[i] >= 'A' && s[i] <= 'Z' ? (char)(s[i] + 32) : s[i];
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		int c = tk_lexfig_cmp(low, n, t[mid].text);
		if (c == 0)
			return &t[mid];
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}

const struct tk_fig_currency *tk_lexfig_currency_word(const char *s, size_t n)
{
	char low[24];
	unsigned h;
	size_t i;

	if (n == 0 || n >= sizeof low)
		return NULL;
	for (i = 0; i < n; i++)
		low[i] = s[i] >= 'A' && s[i] <= 'Z' ? (char)(s[i] + 32) : s[i];
	h = tk_numword_hash_of(low, n);
	if (!((tk_curword_hash[h >> 5] >> (h & 31)) & 1))
		return NULL;
	return tk_lexfig_lower(tk_curwords, TK_ARRAY_LEN(tk_curwords), s, n);
}

const struct tk_fig_currency *tk_lexfig_currency_adjective(const char *s, size_t n)
{
	return tk_lexfig_lower(tk_curadj, TK_ARRAY_LEN(tk_curadj), s, n);
}

const struct tk_fig_currency *tk_lexfig_currency_words(size_t *n, int adjectives)
{
	*n = adjectives ? TK_ARRAY_LEN(tk_curadj) : TK_ARRAY_LEN(tk_curwords);
	return adjectives ? tk_curadj : tk_curwords;
}

int tk_lexfig_numword_maybe(const char *s, size_t n)
{
	unsigned c0 = (unsigned char)s[0] | 0x20, bit;
	unsigned char b;

	if (n == 0 || c0 < 'a' || c0 > 'z')
		return 0;
	if (n == 1)
		return (tk_numword_prefix[c0 - 'a'] >> 27) & 1;
	b = (unsigned char)s[1];
	if (b >= 0x80 || b == '-')
		bit = 26;
	else if ((b | 0x20) >= 'a' && (b | 0x20) <= 'z')
		bit = (b | 0x20) - 'a';
	else
		return 0;
	return (tk_numword_prefix[c0 - 'a'] >> bit) & 1;
}
