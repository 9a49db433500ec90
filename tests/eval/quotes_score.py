#!/usr/bin/env python3
"""Quote finding and attribution quality on PolNeAR (BRAT standoff), for `make eval`.

Usage: quotes_score.py TICKER SPLIT_DIR [--errors N]
SPLIT_DIR holds text/*.txt and attributions/*.ann. Nothing from the corpus is
written anywhere but a temporary directory. Standard library only.

Gold quotes are the directly quoted segments (text between quotation marks,
“…”, "…" or “…" where no ” follows, a quote running on over paragraphs joined
as one) that lie inside
an annotated attribution's content; paraphrase is out of scope. Segments of
fewer than 3 words (scare terms, titles) are ignored on both sides. A found
quote matches a gold one when their character spans overlap by more than half
of the shorter. The gold speaker is the source of the innermost content
holding the segment:
  name        the source has a capitalised word (not a pronoun): right when the
              found speaker shares a capitalised word with it;
  pronoun     he/she/they...: right when the found speaker names someone
              mentioned before the quote;
  descriptor  "a spokesman", "sources": right when the found speaker or role
              shares a word with it, or names someone mentioned before.
Shown quotes are the ranked selection `ticker extract` prints (no --all).
"""
import json
import os
import re
import subprocess
import sys
import tempfile

OPEN = {"\u201c": "\u201d", '"': '"'}
PRONOUNS = {"he", "she", "they", "i", "we", "you", "it", "him", "her", "them"}
STOP = {"the", "a", "an", "and", "of", "for", "in", "on", "to", "at", "by", "his",
        "her", "their", "its", "that", "this", "with", "from", "mr", "mrs", "ms", "dr"}
WORD = re.compile(r"[\w’'.-]+", re.UNICODE)


def parse_ann(path):
    spans, links = {}, []
    with open(path, encoding="utf-8") as f:
        for line in f:
            parts = line.rstrip("\n").split("\t")
            if line.startswith("T") and len(parts) >= 2:
                kind, _, rng = parts[1].partition(" ")
                segs = []
                for r in rng.split(";"):
                    a, b = r.split()
                    segs.append((int(a), int(b)))
                spans[parts[0]] = (kind, segs)
            elif line.startswith("E") and len(parts) >= 2:
                roles = {}
                for item in parts[1].split():
                    k, _, v = item.partition(":")
                    roles.setdefault(re.sub(r"\d+$", "", k), []).append(v)
                links.append(roles)
    atts = []
    for roles in links:
        src = None
        for s in roles.get("Source", []):
            if s in spans:
                src = spans[s][1]
        for c in roles.get("Content", []):
            if c in spans:
                atts.append((spans[c][1], src))
    return atts


def quote_segments(text):
    """Spans (start, end) of the text inside quotation marks, per the marks."""
    segs = []
    paras = []
    pos = 0
    for line in text.split("\n"):
        paras.append((pos, pos + len(line)))
        pos += len(line) + 1
    cur = None  # (open char, start)
    for (ps, pe) in paras:
        i = ps
        if cur is not None:
            j = ps
            while j < pe and text[j] == " ":
                j += 1
            if j < pe and text[j] == cur[0]:
                i = j + 1
            elif ps == pe:
                continue
            else:
                cur = None
        while i < pe:
            c = text[i]
            if cur is None and c in OPEN:
                nxt = text[i + 1] if i + 1 < pe else " "
                if nxt != " ":
                    cur = (c, i + 1)
            elif cur is not None and (c == OPEN[cur[0]] or (
                    cur[0] == "\u201c" and c == '"' and "\u201d" not in text[i:pe])):
                prev = text[i - 1]
                if c != '"' or prev != " ":
                    segs.append((cur[1], i))
                    cur = None
            i += 1
        if cur is not None:
            # runs on when the next paragraph opens with the same mark
            nxt_para = [p for p in paras if p[0] > pe and p[1] > p[0]]
            if nxt_para and text[nxt_para[0][0]:nxt_para[0][0] + 1] == cur[0]:
                continue
            cur = None
    return segs


def words(s):
    return [w for w in WORD.findall(s) if any(ch.isalnum() for ch in w)]


def span_text(text, segs):
    return " ".join(text[a:b] for a, b in segs) if segs else ""


def gold_quotes(text, atts):
    out = []
    for (a, b) in quote_segments(text):
        if len(words(text[a:b])) < 3:
            out.append({"span": (a, b), "ignore": True, "src": None})
            continue
        best = None
        for content, src in atts:
            for (ca, cb) in content:
                if ca <= a + 2 and b - 2 <= cb:
                    size = sum(y - x for x, y in content)
                    if best is None or size < best[0]:
                        best = (size, src)
        if best is None:
            continue  # quotation marks outside any attribution: not a quote
        out.append({"span": (a, b), "ignore": False,
                    "src": span_text(text, best[1]) if best[1] else None})
    return out


def locate(text, qtext, cursor):
    """Span of a found quote's text in the article, searching from cursor."""
    for n in (40, 20, 10):
        key = qtext[:n]
        if not key:
            break
        i = text.find(key, cursor)
        if i < 0:
            i = text.find(key)
        if i >= 0:
            return (i, i + len(qtext))
    return None


def overlap(x, y):
    o = min(x[1], y[1]) - max(x[0], y[0])
    return o > 0 and o * 2 > min(x[1] - x[0], y[1] - y[0])


# capitalised only because they open the source: "Another source", "One man"
OPENERS = {"another", "one", "some", "many", "most", "several", "both", "two", "three", "other",
           "according", "said", "senior", "top", "former", "local", "law"}


def caps(s):
    ws = words(s)
    if ws and ws[0].lower() in OPENERS:
        ws = ws[1:]
    return {w.strip(".’'").lower() for w in ws
            if w[0].isupper() and w.lower() not in STOP and len(w) > 1}


def src_kind(src):
    if not src:
        return "none"
    ws = words(src)
    if len(ws) == 1 and ws[0].lower() in PRONOUNS:
        return "pronoun"
    if caps(src):
        return "name"
    return "descriptor"


def mentioned_before(text, speaker, pos):
    last = words(speaker)[-1] if words(speaker) else ""
    return bool(last) and re.search(r"\b" + re.escape(last) + r"\b", text[:pos]) is not None


def right(text, gold, q):
    sp, role = q.get("speaker"), q.get("role")
    kind = src_kind(gold["src"])
    if not sp and not role:
        return False
    who = (sp or "") + " " + (role or "")
    if kind == "name":
        return bool(caps(who) & caps(gold["src"]))
    if kind == "pronoun":
        return bool(sp) and mentioned_before(text, sp, gold["span"][0])
    if kind == "descriptor":
        gw = {w.lower() for w in words(gold["src"]) if w.lower() not in STOP}
        ww = {w.lower() for w in words(who) if w.lower() not in STOP}
        return bool(gw & ww) or (bool(sp) and mentioned_before(text, sp, gold["span"][0]))
    return False


def run_ticker(ticker, files, extra):
    out = subprocess.run([ticker, "extract", "--json"] + extra + files,
                         capture_output=True, text=True, check=False)
    res = {}
    for line in out.stdout.splitlines():
        o = json.loads(line)
        res[os.path.basename(o["file"])] = o
    return res


def main():
    ticker, split = sys.argv[1], sys.argv[2]
    nerr = int(sys.argv[4]) if len(sys.argv) > 4 and sys.argv[3] == "--errors" else 0
    names = sorted(f[:-4] for f in os.listdir(os.path.join(split, "text")) if f.endswith(".txt"))
    anns = {}
    for a in sorted(os.listdir(os.path.join(split, "attributions"))):
        # one annotator per article: the first by name when several annotated it
        base = re.sub(r"_[0-9a-f]+\.ann$", "", a)
        anns.setdefault(base, os.path.join(split, "attributions", a))
    docs = {}
    with tempfile.TemporaryDirectory() as tmp:
        files = []
        for n in names:
            with open(os.path.join(split, "text", n + ".txt"), encoding="utf-8") as f:
                text = f.read()
            annp = anns.get(n)
            if not annp:
                continue
            docs[n + ".txt"] = (text, parse_ann(annp))
            p = os.path.join(tmp, n + ".txt")
            with open(p, "w", encoding="utf-8") as f:
                f.write(text)
            files.append(p)
        allq = run_ticker(ticker, files, ["--all"])
        shown = run_ticker(ticker, files, [])
    tp = fp = fn = 0
    acc = {"name": [0, 0], "pronoun": [0, 0], "descriptor": [0, 0], "none": [0, 0]}
    sh = {"n": 0, "right": 0, "nospk": 0, "unmatched": 0}
    errors = []
    misses = []
    for fname, (text, atts) in sorted(docs.items()):
        gold = gold_quotes(text, atts)
        found = allq.get(fname, {}).get("quotes", [])
        cursor, spans = 0, []
        for q in found:
            s = locate(text, q["text"], cursor)
            spans.append(s)
            if s:
                cursor = s[0] + 1
        matched = {}
        for qi, s in enumerate(spans):
            g = next((gi for gi, gq in enumerate(gold) if s and overlap(s, gq["span"])), None)
            if g is None:
                fp += 1
            elif gold[g]["ignore"]:
                continue
            elif g in matched:
                continue  # a second piece of the same gold quote: neither hit nor miss
            else:
                matched[g] = qi
        for gi, gq in enumerate(gold):
            if gq["ignore"]:
                continue
            if gi not in matched:
                fn += 1
                a, b = gq["span"]
                misses.append((fname, text[max(0, a - 60):a] + "[[" + text[a:b][:60] + "]]"))
                continue
            tp += 1
            q = found[matched[gi]]
            k = src_kind(gq["src"])
            ok = right(text, gq, q)
            acc[k][0] += ok
            acc[k][1] += 1
            if not ok and k != "none":
                a, b = gq["span"]
                ctx = (text[max(0, a - 110):a] + "[[..]]" + text[b:b + 70]).replace("\n", " / ")
                errors.append((fname, k, gq["src"], q.get("speaker"), q.get("role"), ctx))
        for q in shown.get(fname, {}).get("quotes", []):
            qi = next((i for i, f in enumerate(found) if f["text"] == q["text"]), None)
            s = spans[qi] if qi is not None else locate(text, q["text"], 0)
            g = next((gq for gq in gold if s and overlap(s, gq["span"]) and not gq["ignore"]), None)
            if g is None:
                sh["unmatched"] += 1
                continue
            sh["n"] += 1
            if not q.get("speaker") and not q.get("role"):
                sh["nospk"] += 1
            elif g["src"] and right(text, g, q):
                sh["right"] += 1
            else:
                errors.append((fname, "SHOWN " + src_kind(g["src"]), g["src"], q.get("speaker"),
                               q.get("role"), q["text"][:70]))
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    print(f"articles {len(docs)}  gold quotes {tp + fn}  found {tp + fp}")
    print(f"quote P {p:.3f}  R {r:.3f}  F1 {f1:.3f}")
    tot = [0, 0]
    for k in ("name", "pronoun", "descriptor"):
        a = acc[k]
        tot[0] += a[0]
        tot[1] += a[1]
        print(f"speaker right, gold {k:<10} {a[0]:4d}/{a[1]:<4d} {a[0] / a[1] if a[1] else 0:.3f}")
    print(f"speaker right, all quotes      {tot[0]:4d}/{tot[1]:<4d} {tot[0] / tot[1] if tot[1] else 0:.3f}")
    print(f"shown quotes right             {sh['right']:4d}/{sh['n']:<4d} "
          f"{sh['right'] / sh['n'] if sh['n'] else 0:.3f}  (no attribution {sh['nospk']}, "
          f"not a gold quote {sh['unmatched']})")
    for m in misses[:nerr]:
        print("  MISS", " | ".join(m).replace("\n", " / "))
    for e in errors[:nerr]:
        print("  ERR", " | ".join(str(x) for x in e))


if __name__ == "__main__":
    main()
