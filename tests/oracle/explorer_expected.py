#!/usr/bin/env python3
"""Independent computation of the explorer's expected scores for the hand-built database of
tests/support/explorer_db.cpp: BM25F search scores, similar-recipe cosines, pantry coverage and scores,
adjusted ratings and percentiles. Run: /usr/bin/python3 tests/oracle/explorer_expected.py
The printed values are the expectations written in tests/unit/analysis/explorer_test.cpp."""
import math
import re

from scipy.stats import percentileofscore

R = {  # id: (name, description, minutes, steps, kcal, ingredients, tags, contributor)
    1: ("Chicken  Curry", "A spicy chicken dish", 45, 8, 520, ["chicken", "curry powder", "onion"], ["main-dish", "indian"]),
    2: ("Chicken Soup", "Warm soup for cold days", 30, 5, 180, ["chicken", "water", "carrot"], ["soups", "easy"]),
    3: ("Chickpea Salad", "Fresh and easy", 10, 3, 250, ["chickpeas", "olive oil", "salt"], ["salads", "easy", "vegetarian"]),
    4: ("Walnut Brownies", "Chocolate brownies with walnuts", 60, 9, 450, ["walnuts", "chocolate", "sugar", "butter"], ["desserts"]),
    5: ("Trail Mix", "", 5, 1, 400, ["mixed nuts", "raisins", "chocolate"], ["snacks", "easy"]),
    6: ("Curry Soup", "A curry soup, no chicken", 40, 6, 150, ["curry powder", "carrot", "water", "salt"], ["soups", "vegetarian"]),
}
RATINGS = {1: [5, 4, 5], 2: [3], 3: [5], 4: [2, 3, 4, 1], 5: [], 6: [5]}
K1, B = 1.2, 0.75


def words(text):
    return re.findall(r"[a-z0-9\x80-\U0010ffff]+", text.lower())


tf = {}
length = {}
for rid, (name, desc, *_rest) in R.items():
    ingredients, tags = R[rid][5], R[rid][6]
    counts = {}
    for text, w in [(name, 3.0), (desc, 1.0)] + [(i, 2.0) for i in ingredients] + [(t, 1.0) for t in tags]:
        for word in words(text):
            counts[word] = counts.get(word, 0.0) + w
    tf[rid] = counts
    length[rid] = sum(counts.values())
N = len(R)
avg = sum(length.values()) / N


def idf(term):
    df = sum(1 for r in R if term in tf[r])
    return math.log(1 + (N - df + 0.5) / (df + 0.5))


def bm25(term, rid):
    f = tf[rid].get(term, 0.0)
    if f == 0:
        return 0.0
    return idf(term) * f * (K1 + 1) / (f + K1 * (1 - B + B * length[rid] / avg))


def search(groups):
    """groups: per query word, the index words it stands for; a doc must match each group."""
    out = {}
    for rid in R:
        per_word = [max(bm25(t, rid) for t in g) for g in groups]
        if all(s > 0 for s in per_word):
            out[rid] = sum(per_word)
    return sorted(out.items(), key=lambda kv: (-kv[1], kv[0]))


print("soup", search([["soup"]]))
print("chicken soup", search([["chicken"], ["soup"]]))
print("chick* (chicken, chickpea, chickpeas)", search([["chicken", "chickpea", "chickpeas"]]))
print("curry chick*", search([["curry"], ["chicken", "chickpea", "chickpeas"]]))

# Similar recipes: ln(N/df) per ingredient, half for tags, 0 when df > N/2; cosine.
def weights(rid):
    v = {}
    for kind, items, fw in (("i", R[rid][5], 1.0), ("t", R[rid][6], 0.5)):
        for it in items:
            df = sum(1 for r in R if it in (R[r][5] if kind == "i" else R[r][6]))
            v[(kind, it)] = 0.0 if df > N / 2 else fw * math.log(N / df)
    return v


def cosine(a, b):
    va, vb = weights(a), weights(b)
    dot = sum(va[k] * vb.get(k, 0.0) for k in va)
    na = math.sqrt(sum(x * x for x in va.values()))
    nb = math.sqrt(sum(x * x for x in vb.values()))
    return dot / (na * nb) if na and nb else 0.0


print("similar to 2", sorted(((r, cosine(2, r)) for r in R if r != 2 and cosine(2, r) > 0), key=lambda kv: (-kv[1], kv[0])))

all_ratings = [x for v in RATINGS.values() for x in v]
prior = sum(all_ratings) / len(all_ratings)
adj = {r: (10 * prior + sum(v)) / (10 + len(v)) for r, v in RATINGS.items() if v}
print("prior", prior, "adjusted", adj)

# Pantry: have chicken + carrot (word match), staples salt + water (exact). Ranked by the entries of
# "have" a recipe uses, then by its ingredients neither had nor staples, then by adjusted rating.
def pantry(have_words, staples, exclude=()):
    out = []
    for rid in R:
        ings = R[rid][5]
        def has_word(it, w):
            return w == it if " " in w else any(x == w or x == w + "s" or w == x + "s" for x in it.split(" "))
        uses = [w for w in have_words if any(has_word(i, w) for i in ings)]
        if not uses:
            continue
        if any(has_word(i, e) for i in ings for e in exclude):
            continue
        missing = [i for i in ings if not any(has_word(i, w) for w in have_words) and i not in staples]
        r = adj.get(rid, prior)
        out.append((rid, (len(ings) - len(missing)) / len(ings), uses, missing, r))
    return sorted(out, key=lambda t: (-len(t[2]), len(t[3]), -t[4], t[0]))


print("pantry chicken,carrot + salt,water", pantry(["chicken", "carrot"], ["salt", "water"]))
print("pantry chicken,curry + salt,water", pantry(["chicken", "curry"], ["salt", "water"]))
print("pantry chocolate exclude nuts", pantry(["chocolate"], [], ["nuts"]))
minutes = [R[r][2] for r in R]
print("percentile minutes 30", percentileofscore(minutes, 30, kind="weak"))
cx = {r: math.log(1 + R[r][2]) + R[r][3] + 0.5 * len(R[r][5]) for r in R}
print("percentile complexity of 2", percentileofscore(list(cx.values()), cx[2], kind="weak"))
print("soup as a prefix (soup, soups)", search([["soup", "soups"]]))
