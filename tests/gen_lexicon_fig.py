#!/usr/bin/env python3
# Regenerates the number-word filters (prefix bits, first-letter index, hash) and the currency-word
# hash in src/lexicon_fig.c from its tables; run after changing a word list, then clang-format:
#   python3 tests/gen_lexicon_fig.py src/lexicon_fig.c && clang-format -i src/lexicon_fig.c
import re, sys
f = sys.argv[1]; s = open(f).read()
def words(table):
    m = re.search(r'static const struct tk_fig_\w+ ' + table + r'\[\] = \{(.*?)\n\};', s, re.S)
    out = []
    for lits in re.findall(r'\{\s*((?:"(?:[^"\\]|\\.)*"\s*)+)', m.group(1)):
        w = ''.join(re.findall(r'"((?:[^"\\]|\\.)*)"', lits))
        b = re.sub(rb'\\x([0-9A-Fa-f]{2})', lambda x: bytes([int(x.group(1), 16)]), w.encode())
        out.append(b)
    return out
nw = words('tk_numwords')
assert nw == sorted(nw), 'numwords not sorted'
def h(b):
    n = len(b)
    return ((n * 131) ^ (b[0] * 31) ^ ((b[1] if n > 1 else 0) * 7) ^ (b[n - 1] * 17)) & 2047
pre = [0] * 26
for w in nw:
    c0 = w[0] | 0x20; i = c0 - 97
    if len(w) == 1: pre[i] |= 1 << 27
    else:
        b = w[1]
        bit = 26 if (b >= 0x80 or b == 45) else ((b | 0x20) - 97)
        pre[i] |= 1 << bit
first = []
for k in range(27):
    c = 97 + k
    first.append(next((j for j, w in enumerate(nw) if w[0] >= c), len(nw)))
def hashtab(ws):
    t = [0] * 64
    for w in ws:
        x = h(w); t[x >> 5] |= 1 << (x & 31)
    return t
def fmt_words(t):
    items = ['0x%08xu' % v for v in t]
    lines = []
    for i in range(0, len(items), 7):
        lines.append('    ' + ', '.join(items[i:i+7]) + ',')
    return '\n'.join(lines)
pre_s = '\n'.join('    0x%08xu, /* %s */' % (v, chr(97 + i)) for i, v in enumerate(pre))
s2 = re.sub(r'(static const unsigned tk_numword_prefix\[26\] = \{\n).*?(\n\};)', lambda m: m.group(1) + pre_s + m.group(2), s, flags=re.S)
fi = ', '.join(str(v) for v in first)
s2 = re.sub(r'(static const unsigned short tk_numword_first\[27\] = \{\n).*?(\n\};)', lambda m: m.group(1) + '    ' + fi + ',' + m.group(2), s2, flags=re.S)
s2 = re.sub(r'(static const unsigned tk_numword_hash\[64\] = \{\n).*?(\n\};)', lambda m: m.group(1) + fmt_words(hashtab(nw)) + m.group(2), s2, flags=re.S)
cw = [w.lower() for w in words('tk_curwords')]
s2 = re.sub(r'(static const unsigned tk_curword_hash\[64\] = \{\n).*?(\n\};)', lambda m: m.group(1) + fmt_words(hashtab(cw)) + m.group(2), s2, flags=re.S)
open(f, 'w').write(s2)
