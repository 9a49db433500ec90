#!/usr/bin/env python3
"""Score `ticker extract --figures-only` against the Microsoft Recognizers-Text
specs (Specs/Number and Specs/NumberWithUnit under RECOGNIZERS_DIR): value+unit
precision, recall and F1 per model and overall. Python 3 standard library only.

A gold result matches a found figure with the same value (relative tolerance
1e-4) and the same unit after mapping both to one canonical form (below). Each
model annotates only its own kind, so a found figure counts as a false
positive only in the model of its kind (count/fraction: Number; percent:
Percent; money: Currency; measure: Dimension or Temperature by its unit);
figures of other kinds are neither credited nor penalised unless they match.
A range or change matches a gold value equal to either of its bounds.
"""
import json
import os
import subprocess
import sys
import unicodedata

LANGS = ["English", "French", "German", "Spanish"]
MODELS = [  # (label, path under Specs, kind of prediction scored)
    ("number", "Number/{}/NumberModel.json", "number"),
    ("percent", "Number/{}/PercentModel.json", "percent"),
    ("currency", "NumberWithUnit/{}/CurrencyModel.json", "money"),
    ("dimension", "NumberWithUnit/{}/DimensionModel.json", "dimension"),
    ("temperature", "NumberWithUnit/{}/TemperatureModel.json", "temperature"),
]
LANG_CODE = {"English": "en", "French": "fr", "German": "de", "Spanish": "es"}


def fold(s):
    s = unicodedata.normalize("NFKD", s.lower())
    return "".join(c for c in s if not unicodedata.combining(c)).strip()


# Recognizers unit names (any of the four languages, accents folded) -> (our unit, factor)
CURRENCY = {
    "dollar": "USD", "dolar": "USD", "united states dollar": "USD",
    "dolar estadounidense": "USD", "dollar etats-unis": "USD",
    "euro": "EUR", "pound": "GBP", "british pound": "GBP", "livre": "GBP", "libra": "GBP",
    "chinese yuan": "CNY", "yuan": "CNY", "yuan chinois": "CNY", "yuan chino": "CNY",
    "canadian dollar": "CAD", "dollar canadien": "CAD", "dolar canadiense": "CAD",
    "franc": "CHF", "franco": "CHF", "swiss franc": "CHF", "franc suisse": "CHF",
    "franco suizo": "CHF", "japanese yen": "JPY", "yen": "JPY", "yen japonais": "JPY",
    "australian dollar": "AUD", "dollar australien": "AUD", "dolar australiano": "AUD",
    "mexican peso": "MXN", "peso mexicano": "MXN", "rupee": "INR", "indian rupee": "INR",
    "roupie": "INR", "roupie indienne": "INR", "bitcoin": "BTC",
    "finnish markka": "FIM", "mark finlandais": "FIM", "marco finlandes": "FIM",
    "peseta": "ESP", "turkish lira": "TRY", "new zealand dollar": "NZD",
    "dollar neo-zelandais": "NZD", "dolar neozelandes": "NZD",
    "hong kong dollar": "HKD", "dollar de hong kong": "HKD", "dolar de hong kong": "HKD",
    "netherlands guilder": "NLG", "florins neerlandais": "NLG", "florin neerlandes": "NLG",
    "costa rican colon": "CRC", "georgian lari": "GEL", "lao kip": "LAK",
    "sri lankan rupee": "LKR", "cambodian riel": "KHR",
}
SUBUNIT = {"cent": "USD", "centavo": "USD", "pence": "GBP", "penny": "GBP", "penique": "GBP",
           "centimes": "EUR"}
DIMENSION = {
    "mile": "mi", "milla": "mi", "foot": "ft", "pie": "ft", "pied": "ft", "meter": "m",
    "metres": "m", "metro": "m", "pound": "lb", "livre": "lb", "libra": "lb",
    "gallon": "gal", "galon": "gal", "square meter": "m2", "metre carre": "m2",
    "metro cuadrado": "m2", "degree": "°", "turn": "turn", "radian": "rad",
    "kilometer per hour": "km/h", "kilometres": "km", "kilometer": "km", "kilometro": "km",
    "inch": "in", "pulgada": "in", "pouce": "in", "ton": "t", "metric ton": "t",
    "tonne metrique": "t", "tonelada metrica": "t", "tonne": "t", "tonelada": "t",
    "kilogram": "kg", "microgram": "µg", "microgramme": "µg", "acre": "acre",
    "teaspoon": "tsp", "millimetres": "mm", "millimeter": "mm", "milimetro": "mm",
    "barril": "bbl", "baril": "bbl", "barrel": "bbl", "milliliter": "ml", "millilitre": "ml",
    "mililitro": "ml", "bit": "bit", "decimeter": "dm", "decimetres": "dm",
    "picometer": "pm", "litre": "l", "liter": "l", "nanometer": "nm",
    "meter per second": "m/s", "ounce": "oz", "onces": "oz", "onza": "oz",
    "cubic foot": "ft3", "pieds cube": "ft3", "pie cubico": "ft3", "mile per hour": "mph",
    "miles par heure": "mph", "milla por hora": "mph", "square kilometer": "km2",
    "kilometre carre": "km2", "kilometro cuadrado": "km2", "megabit": "Mbit",
    "megabyte": "MB", "gigabyte": "GB", "tablespoon": "tbsp", "cup": "cup", "dram": "dram",
    "gram": "g", "hectometre": "hm", "centimetres": "cm", "cubic meter": "m3",
    "micrometer": "µm", "centimetro cubico": "cm3", "meter per millisecond": "m/ms",
    "centimeter per millisecond": "cm/ms", "kilometer per millisecond": "km/ms",
}
TEMPERATURE = {"c": "°C", "grado celsius": "°C", "f": "°F", "grado fahrenheit": "°F",
               "degree": "°", "degre": "°", "grado": "°", "kelvin": "K", "k": "K"}
TEMP_UNITS = {"°C", "°F", "K", "°"}


def gold_items(model, results):
    out = []
    for r in results:
        res = r.get("Resolution") or {}
        v = res.get("value")
        if v is None:
            continue
        v = str(v).rstrip("%").strip()
        if "," in v:  # the French, German and Spanish specs write "0,75"
            v = v.replace(".", "").replace(",", ".")
        try:
            val = float(v)
        except ValueError:
            continue
        unit = None
        if model == "percent":
            unit = "%"
        elif model in ("currency", "dimension", "temperature"):
            name = fold(res.get("unit") or "")
            table = {"currency": CURRENCY, "dimension": DIMENSION,
                     "temperature": TEMPERATURE}[model]
            if model == "currency" and res.get("isoCurrency"):
                unit = res["isoCurrency"]
            elif model == "currency" and name in SUBUNIT:
                unit, val = SUBUNIT[name], val / 100
            else:
                unit = table.get(name, "?" + name)
        out.append((val, unit, r.get("Text", "")))
    return out


def pred_kind(f):
    k = f.get("kind", "count")
    if k in ("count", "fraction"):
        return "number"
    if k == "measure":
        return "temperature" if f.get("unit") in TEMP_UNITS else "dimension"
    return k


def close(a, b):
    return abs(a - b) <= 1e-4 * max(1.0, abs(a), abs(b))


def score_model(model, kind, cases, preds, show):
    tp = fp = fn = 0
    misses = []
    for case, found in zip(cases, preds):
        gold = gold_items(model, case.get("Results", []))
        used = [False] * len(found)
        for gv, gu, gt in gold:
            hit = None
            for i, f in enumerate(found):
                # a range or change ("eight to 10 feet") holds both of its bounds
                if used[i] or not (close(f["value"], gv) or close(f.get("high", f["value"]), gv)):
                    continue
                if model != "number" and f.get("unit") != gu:
                    continue
                hit = i
                break
            if hit is None:
                fn += 1
                misses.append(("miss", gt, gv, gu, case["Input"]))
            else:
                used[hit] = True
                tp += 1
        for i, f in enumerate(found):
            if not used[i] and pred_kind(f) == kind:
                fp += 1
                misses.append(("extra", f["text"], f["value"], f.get("unit"), case["Input"]))
    if show:
        for m in misses[:show]:
            print("    %-5s %r = %s %s   in: %s" % (m[0], m[1], m[2], m[3], m[4][:90]))
    return tp, fp, fn


def prf(tp, fp, fn):
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def run_ticker(ticker, lang, inputs):
    text = "".join(s.replace("\n", " ").replace("\r", " ") + "\n" for s in inputs)
    cmd = [ticker, "extract", "--figures-only"]
    if os.environ.get("TK_EVAL_LANG", "1") == "1":
        cmd += ["--lang", LANG_CODE[lang]]
    cmd.append("-")
    out = subprocess.run(cmd, input=text.encode(), stdout=subprocess.PIPE, check=True).stdout
    rows = [json.loads(line) for line in out.decode().splitlines()]
    return [r["figures"] for r in rows]


def main():
    root, ticker = sys.argv[1], sys.argv[2]
    langs = sys.argv[3].split(",") if len(sys.argv) > 3 else LANGS
    show = int(os.environ.get("TK_EVAL_SHOW", "0"))
    for lang in langs:
        tot = [0, 0, 0]
        print("%-8s %-12s %5s %5s %5s  %6s %6s %6s" %
              (lang, "model", "tp", "fp", "fn", "P", "R", "F1"))
        for label, path, kind in MODELS:
            fn_ = os.path.join(root, "Specs", path.format(lang))
            if not os.path.exists(fn_):
                continue
            with open(fn_, encoding="utf-8-sig") as fh:
                cases = json.load(fh)
            preds = run_ticker(ticker, lang, [c["Input"] for c in cases])
            tp, fp, fn = score_model(label, kind, cases, preds, show)
            tot = [tot[0] + tp, tot[1] + fp, tot[2] + fn]
            print("%-8s %-12s %5d %5d %5d  %6.3f %6.3f %6.3f" %
                  ((lang, label, tp, fp, fn) + prf(tp, fp, fn)))
        print("%-8s %-12s %5d %5d %5d  %6.3f %6.3f %6.3f" %
              ((lang, "overall") + tuple(tot) + prf(*tot)))


if __name__ == "__main__":
    main()
