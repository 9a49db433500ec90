#!/usr/bin/env python3
"""Figure captions as the screen shows them, on PolNeAR articles, for `make eval`.

Usage: captions_score.py TICKER SPLIT_DIR [--errors N]
Runs `ticker extract --json` (the ranked selection, figures_per_article as
configured) over SPLIT_DIR/text/*.txt and checks every figure item the
screen would show, its caption read as render.c shows it (leading clause
punctuation and the scale word the card label took dropped):
  function-word end  the caption's last word is an article, preposition,
                     conjunction, auxiliary or a title abbreviation ("Mrs")
  cut                the caption holds an ellipsis
  short              two words or fewer
  no noun            a count whose number is followed by no counted noun
                     (the next word is a function word, a verb or nothing)
  trivial            a count below 10 shown as a key figure
Standard library only; nothing from the corpus is written anywhere.
"""
import json
import os
import re
import subprocess
import sys

FUNC = set("""
a an the and or but nor yet if than that which who whom whose while whereas when where
of to in on at by for from with within without into onto over under about above below after
before between among against during until since through per via as up down off out like
is are was were be been being am has have had will would shall should can could may
might must its his her their our my your this these those some any more most less least
mr mrs ms dr st u.s no not very he she they we
le la les un une des du de au aux et ou mais pour par sur dans avec sans est sont
der die das ein eine einen dem den des und oder aber mit von zu im am auf für ist sind
el la los las un una unos unas del al y o pero con por para en es son
""".split())
VERBISH = set("""is are was were be been has have had will would could can may might
do does did says said say according""".split())
SCALE = {"million", "billion", "trillion", "thousand", "hundred", "m", "bn", "mn", "k", "tn"}
LEAD = {"of", "more", "fewer", "other", "new", "additional", "the", "a", "an", "his", "her",
        "their", "its", "our", "your", "my", "or", "so", "about", "than"}
WORD = re.compile(r"[\w’'.$%€£-]+", re.UNICODE)


def words(s):
    return [w.strip(".,;:'’\"") for w in s.split() if w.strip(".,;:'’\"“”()")]


def shown_caption(fig, cap):
    c = cap.lstrip(",;:. ")
    # the card label takes a scale word right after the figure
    w = c.split(" ", 1)
    if fig and fig not in c and w and w[0].lower() in SCALE and len(w) > 1:
        c = w[1].lstrip(", ")
    return c


def phrase_after(fig, cap):
    """The words that follow the number in what the reader sees."""
    if fig in cap:
        return cap[cap.index(fig) + len(fig):]
    return " " + cap


def check(it, fj):
    fig = it.get("figure") or ""
    cap = shown_caption(fig, it.get("caption") or it.get("text") or "")
    ws = words(cap)
    bad = []
    last = ws[-1].lower() if ws else ""
    if last in FUNC:
        bad.append("funcend")
    if "…" in cap or "..." in cap:
        bad.append("cut")
    if len(ws) <= 2:
        bad.append("short")
    kind = fj.get("kind") if fj else None
    if kind in (None, "count"):
        after = [w.lower() for w in words(phrase_after(fig, cap))]
        # "millions of people", "25 million more voters", "10 new judges"
        while after and (after[0] in SCALE or after[0] in LEAD):
            after.pop(0)
        if not after or after[0] in FUNC or after[0] in VERBISH or after[0][:1].isdigit():
            bad.append("nonoun")
        if fj and fj.get("value") is not None and abs(fj["value"]) < 10:
            bad.append("trivial")
    return cap, bad


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    ticker, split = sys.argv[1], sys.argv[2]
    nerr = int(sys.argv[sys.argv.index("--errors") + 1]) if "--errors" in sys.argv else 0
    tdir = os.path.join(split, "text")
    files = sorted(os.path.join(tdir, f) for f in os.listdir(tdir) if f.endswith(".txt"))
    out = subprocess.run([ticker, "extract", "--json"] + files, capture_output=True,
                         text=True).stdout
    counts = {k: 0 for k in ("funcend", "cut", "short", "nonoun", "trivial")}
    total = arts = 0
    examples = []
    for line in out.splitlines():
        try:
            o = json.loads(line)
        except ValueError:
            continue
        arts += 1
        figs = {f["text"]: f for f in o.get("figures", [])}
        for it in o.get("items", []):
            if it.get("kind") != "figure":
                continue
            total += 1
            cap, bad = check(it, figs.get(it.get("figure")))
            for b in bad:
                counts[b] += 1
            if bad:
                examples.append((",".join(bad), it.get("figure"), cap))
    anybad = len(examples)
    print(f"articles {arts}, figures shown {total}")
    print(f"  caption ends on a function word  {counts['funcend']}")
    print(f"  caption cut with an ellipsis     {counts['cut']}")
    print(f"  caption of two words or fewer    {counts['short']}")
    print(f"  count with no noun after it      {counts['nonoun']}")
    print(f"  trivial count shown (< 10)       {counts['trivial']}")
    print(f"  figures with any of these        {anybad}"
          f" ({100.0 * anybad / total if total else 0:.1f}%)")
    for e in examples[:nerr]:
        print(f"    [{e[0]}] {e[1]!r}: {e[2]}")


if __name__ == "__main__":
    main()
