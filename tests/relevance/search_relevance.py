#!/usr/bin/env python3
"""Relevance suite of the explorer's search and pantry (issue #19), through the HTTP API of a built binary.

Usage: tests/relevance/search_relevance.py --binary build/release/mangetamain [--db FILE] [--report-only]

Without --db it generates and ingests the small dataset CI uses (scale 0.01, default seed) in a temporary
directory; --db points it at another database (e.g. the full-scale demo, opened read-only). It starts the
server, asks 60+ judged queries and prints recall@10 and nDCG@10 per group and overall.

Judgments come from the data, not from the engine: a recipe is relevant to a query when its name or one of
its ingredients holds, for every concept of the query, one of the concept's English word forms (listed
below: "cookie"/"cookies"), words folded like a reader reads them (case and accents ignored). Checks:
- accent variants ("jalapeño" / "jalapeno") return the same top 10;
- singular and plural return the same set of results (all of it compared up to 500 results, else its size);
- partial-match queries (two words of a recipe's name and a word no recipe holds) return that recipe in the
  top 10;
- French queries return the same top 10 as their English equivalent;
- the pantry's top 10 each use the most of the reader's ingredients any recipe (within the time) uses.
Exit status 1 when a check fails (unless --report-only, used to measure an older binary).
"""
import argparse
import json
import math
import os
import re
import socket
import subprocess
import sys
import tempfile
import time
import unicodedata
import urllib.parse
import urllib.request

# (query, plain form, concepts): each concept is the set of word forms that make a recipe relevant.
ACCENTS = [
    ("jalapeño", "jalapeno", [{"jalapeno", "jalapenos"}]),
    ("sauté", "saute", [{"saute", "sauteed"}]),
    ("purée", "puree", [{"puree", "pureed"}]),
    ("Chicken", "chicken", [{"chicken", "chickens"}]),
    ("CHEESE", "cheese", [{"cheese", "cheeses"}]),
    ("Salade", "salade", [{"salad", "salads"}]),
    ("crème cheese", "creme cheese", [{"cream", "creams"}, {"cheese", "cheeses"}]),
    ("Rïce", "rice", [{"rice"}]),
    ("PÀSTA", "pasta", [{"pasta", "pastas"}]),
    ("Bréad", "bread", [{"bread", "breads"}]),
    ("sôup", "soup", [{"soup", "soups"}]),
    ("Jalapeño beans", "jalapeno beans", [{"jalapeno", "jalapenos"}, {"bean", "beans"}]),
]
PLURALS = [
    ("cookie", "cookies"), ("tomato", "tomatoes"), ("potato", "potatoes"), ("egg", "eggs"), ("muffin", "muffins"),
    ("pancake", "pancakes"), ("brownie", "brownies"), ("noodle", "noodles"), ("apple", "apples"),
    ("onion", "onions"), ("carrot", "carrots"), ("bean", "beans"), ("cherry", "cherries"),
    ("mushroom", "mushrooms"), ("biscuit", "biscuits"),
]
FRENCH = [
    ("poulet", "chicken"), ("riz", "rice"), ("tomates", "tomatoes"), ("pommes de terre", "potatoes"),
    ("boeuf", "beef"), ("porc", "pork"), ("fromage", "cheese"), ("soupe", "soup"), ("gâteau", "cake"),
    ("oignons", "onion"), ("ail", "garlic"), ("citron", "lemon"), ("champignons", "mushrooms"),
    ("carottes", "carrots"), ("épinards", "spinach"), ("crevettes", "shrimp"), ("pâtes", "pasta"),
    ("beurre", "butter"), ("miel", "honey"), ("cannelle", "cinnamon"),
]
PANTRIES = [
    (["chicken", "rice", "tomato"], 30), (["beef", "onion", "potato"], None), (["egg", "milk", "flour"], None),
    (["pasta", "garlic", "cheese"], 45), (["pork", "apple"], None), (["salmon", "lemon", "dill"], None),
    (["banana", "chocolate", "walnuts"], None), (["spinach", "mushroom", "cream"], 60),
]
UNKNOWN_WORD = "zyxwvut"
PARTIAL_QUERIES = 10


def fold(text):
    decomposed = unicodedata.normalize("NFKD", text or "").casefold()
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def words(text):
    return set(re.findall(r"[a-z0-9]+", fold(text)))


def forms(word):
    """A word's singular and plural forms (the judgment's own rule, written here, not the engine's stemmer)."""
    w = fold(word)
    out = {w}
    if w.endswith("ies"):
        out.add(w[:-3] + "y")
    elif w.endswith("oes"):
        out.add(w[:-2])
    elif w.endswith("s"):
        out.add(w[:-1])
    else:
        out |= {w + "s", w + "es", w[:-1] + "ies" if w.endswith("y") else w + "s"}
    return out


def load_recipes(binary, db):
    sql = "SELECT id, name, ingredients, minutes FROM recipes"
    out = subprocess.run([binary, "query", "--db", db, "--format", "json", sql], capture_output=True, text=True,
                         check=True).stdout
    recipes = {}
    for row in json.loads(out):
        items = [fold(x.strip()) for x in (row["ingredients"] or "").strip("[]").split(",") if x.strip()]
        item_sets = [words(i) for i in items]
        recipes[row["id"]] = {"name": words(row["name"]), "item_sets": item_sets,
                              "item_words": set().union(*item_sets) if items else set(),
                              "minutes": row["minutes"]}
    return recipes


_holders = {}


def relevant(recipes, concepts):
    if not _holders:  # word -> recipes whose name or ingredients hold it, built once
        for rid, r in recipes.items():
            for w in r["name"] | r["item_words"]:
                _holders.setdefault(w, set()).add(rid)
    out = None
    for concept in concepts:
        held = set().union(*[_holders.get(w, set()) for w in concept])
        out = held if out is None else out & held
    return out or set()


def recall_ndcg(ranked, gains, ideal_count):
    """recall@10 and nDCG@10 of a ranking; gains: recipe id -> gain in [0, 1]; ideal_count relevant items."""
    top = ranked[:10]
    if ideal_count == 0:
        return None
    hits = sum(1 for rid in top if gains.get(rid, 0) >= 1)
    dcg = sum(gains.get(rid, 0) / math.log2(i + 2) for i, rid in enumerate(top))
    ideal = sorted(gains.values(), reverse=True)[:10]
    idcg = sum(g / math.log2(i + 2) for i, g in enumerate(ideal))
    return hits / min(10, ideal_count), (dcg / idcg if idcg else 0.0)


class Api:
    def __init__(self, base):
        self.base = base

    def get(self, path, **params):
        url = f"{self.base}{path}?{urllib.parse.urlencode(params)}"
        with urllib.request.urlopen(url, timeout=60) as response:
            return json.loads(response.read())

    def search(self, q):
        r = self.get("/api/v1/search", q=q, prefix="false", per_page=10)
        return [x["id"] for x in r["results"]], r["total"]

    def all_ids(self, q, limit=500):
        """Every result of q when there are at most limit of them, else None."""
        ids, page = [], 1
        while True:
            r = self.get("/api/v1/search", q=q, prefix="false", per_page=100, page=page)
            if r["total"] > limit:
                return None
            ids += [x["id"] for x in r["results"]]
            if len(ids) >= r["total"] or not r["results"]:
                return set(ids)
            page += 1

    def pantry(self, have, max_minutes):
        params = {"have": ",".join(have), "staples": "none", "per_page": 10}
        if max_minutes:
            params["max_minutes"] = max_minutes
        return [x["id"] for x in self.get("/api/v1/pantry", **params)["results"]]


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve(binary, db, logdir):
    port = free_port()
    proc = subprocess.Popen([binary, "serve", "--db", db, "--port", str(port), "--no-access-log", "--log-dir", logdir],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for _ in range(600):
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2):
                return proc, Api(f"http://127.0.0.1:{port}")
        except OSError:
            time.sleep(0.2)
    proc.terminate()
    raise SystemExit("server did not start")


class Suite:
    def __init__(self, recipes, api):
        self.recipes = recipes
        self.api = api
        self.scores = {}  # group -> [(recall, ndcg)]
        self.failures = []
        self.queries = 0

    def score(self, group, ranked, concepts):
        rel = relevant(self.recipes, concepts)
        measured = recall_ndcg(ranked, {rid: 1.0 for rid in rel}, len(rel))
        self.queries += 1
        if measured is not None:
            self.scores.setdefault(group, []).append(measured)

    def check(self, ok, message):
        if not ok:
            self.failures.append(message)

    def accents(self):
        for query, plain, concepts in ACCENTS:
            ranked, _ = self.api.search(query)
            expected, _ = self.api.search(plain)
            self.score("accents", ranked, concepts)
            self.check(ranked == expected, f"accents: {query!r} top 10 {ranked} != {plain!r} {expected}")

    def plurals(self):
        for singular, plural in PLURALS:
            concept = [forms(singular) | forms(plural)]
            one, one_total = self.api.search(singular)
            many, many_total = self.api.search(plural)
            self.score("plurals", one, concept)
            self.score("plurals", many, concept)
            # The same set (all of it when small enough to page through, else the same count); within it, the
            # exact form may rank first, so the top 10 may differ.
            same = one_total == many_total and self.api.all_ids(singular) == self.api.all_ids(plural)
            self.check(same, f"plurals: {singular!r} {one_total} results vs {plural!r} {many_total}")

    def partial(self):
        # Recipes whose name has two words held together by few recipes (rarest pairs first, by id): the two
        # words and one no recipe holds must find the recipe in the top 10.
        pairs = []
        for rid in sorted(self.recipes):
            name = sorted(w for w in self.recipes[rid]["name"] if len(w) >= 4 and w.isalpha())
            if len(name) < 2:
                continue
            a, b = name[0], name[-1]
            holders = relevant(self.recipes, [forms(a), forms(b)])
            if len(holders) <= 3:
                pairs.append((rid, a, b, holders))
            if len(pairs) == PARTIAL_QUERIES:
                break
        for rid, a, b, holders in pairs:
            ranked, _ = self.api.search(f"{a} {UNKNOWN_WORD} {b}")
            self.score("partial", ranked, [forms(a), forms(b)])
            self.check(rid in ranked, f"partial: '{a} {UNKNOWN_WORD} {b}' misses recipe {rid} in {ranked}")

    def french(self):
        for french, english in FRENCH:
            ranked, _ = self.api.search(french)
            expected, _ = self.api.search(english)
            self.score("french", ranked, [forms(english)])
            self.check(ranked == expected, f"french: {french!r} {ranked} != {english!r} {expected}")

    def pantry(self):
        for have, minutes in PANTRIES:
            have_forms = [forms(h) for h in have]
            fits = [rid for rid, r in self.recipes.items()
                    if minutes is None or (r["minutes"] is not None and r["minutes"] <= minutes)]
            # How many of the reader's entries each recipe uses: an entry is used when one of its forms is a
            # word of one of the recipe's ingredients.
            used = {rid: sum(1 for f in have_forms if self.recipes[rid]["item_words"] & f) for rid in fits}
            best = max(used.values(), default=0)
            if best == 0:
                continue
            gains = {rid: n / best for rid, n in used.items() if n > 0}
            ranked = self.api.pantry(have, minutes)
            measured = recall_ndcg(ranked, gains, sum(1 for g in gains.values() if g >= 1))
            self.queries += 1
            self.scores.setdefault("pantry", []).append(measured)
            top_uses = [used.get(rid, 0) for rid in ranked]
            expected = sorted(used.values(), reverse=True)[:len(ranked)]
            self.check(top_uses == expected, f"pantry {have}: uses {top_uses}, best possible {expected}")

    def report(self):
        everything = []
        for group, measured in self.scores.items():
            everything += measured
            recall = sum(m[0] for m in measured) / len(measured)
            ndcg = sum(m[1] for m in measured) / len(measured)
            print(f"{group:8s} {len(measured):3d} queries  recall@10 {recall:.3f}  nDCG@10 {ndcg:.3f}")
        recall = sum(m[0] for m in everything) / len(everything)
        ndcg = sum(m[1] for m in everything) / len(everything)
        print(f"{'all':8s} {len(everything):3d} queries  recall@10 {recall:.3f}  nDCG@10 {ndcg:.3f}"
              f"  ({self.queries} asked)")
        for failure in self.failures:
            print("FAILED", failure)
        print(f"{len(self.failures)} checks failed")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", required=True)
    parser.add_argument("--db")
    parser.add_argument("--report-only", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="relevance-") as tmp:
        db = args.db
        if not db:
            db = os.path.join(tmp, "small.duckdb")
            subprocess.run([args.binary, "generate", "--out", os.path.join(tmp, "raw"), "--scale", "0.01"],
                           check=True, capture_output=True)
            subprocess.run([args.binary, "ingest", "--raw-dir", os.path.join(tmp, "raw"), "--db", db], check=True,
                           capture_output=True)
        recipes = load_recipes(args.binary, db)
        proc, api = serve(args.binary, db, os.path.join(tmp, "logs"))
        try:
            suite = Suite(recipes, api)
            for run in (suite.accents, suite.plurals, suite.partial, suite.french, suite.pantry):
                run()
            suite.report()
        finally:
            proc.terminate()
            proc.wait(timeout=30)
    if suite.queries < 60:
        print(f"only {suite.queries} queries asked (at least 60 expected)")
        return 1
    return 0 if args.report_only or not suite.failures else 1


if __name__ == "__main__":
    sys.exit(main())
