#!/usr/bin/python3
"""Reference values for mtm::stats from SciPy / statsmodels / NumPy.

Writes a JSON list of cases {function, name, inputs, expected}. Floats that JSON cannot hold are written as the
strings "NaN", "Infinity", "-Infinity". When the reference library raises, `expected` is {"raises": message}.
Run with Debian's interpreter: /usr/bin/python3 stats_oracle.py --out cases.json
"""
import argparse
import json
import math
import warnings

import numpy as np
import scipy.stats as st
import statsmodels.api as sm
from statsmodels.stats.multitest import multipletests
from statsmodels.stats.proportion import proportion_effectsize

rng = np.random.default_rng(20240603)
cases = []


def enc(v):
    """JSON-safe encoding of numbers, arrays and nested structures."""
    if isinstance(v, dict):
        return {k: enc(x) for k, x in v.items()}
    if isinstance(v, (list, tuple, np.ndarray)):
        return [enc(x) for x in v]
    if isinstance(v, (bool, np.bool_)):
        return bool(v)
    if isinstance(v, (int, np.integer)):
        return int(v)
    if isinstance(v, (float, np.floating)):
        f = float(v)
        if math.isnan(f):
            return "NaN"
        if math.isinf(f):
            return "Infinity" if f > 0 else "-Infinity"
        return f
    return v


def add(function, name, inputs, compute):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            expected = compute()
        except (ValueError, TypeError, ZeroDivisionError, np.linalg.LinAlgError) as e:
            expected = {"raises": f"{type(e).__name__}: {e}"}
    cases.append({"function": function, "name": f"{function}/{name}", "inputs": enc(inputs), "expected": enc(expected)})


def normal(n, loc=0.0, scale=1.0):
    return rng.normal(loc, scale, n)


# ---------------------------------------------------------------- descriptive
QS = [0.0, 0.05, 0.1, 0.25, 0.33, 0.5, 0.66, 0.75, 0.9, 0.95, 1.0]
samples = {
    "n1": [3.5],
    "n2": [1.0, 4.0],
    "four": [1.0, 2.0, 3.0, 4.0],
    "random50": normal(50, 10, 3),
    "random1000": normal(1000),
    "ties": rng.integers(1, 6, 200).astype(float),
    "constant": [2.5] * 7,
    "huge": normal(40, 1e12, 1e9),
    "tiny": normal(40, 0, 1e-9),
    "skewed": rng.exponential(30.0, 300),
}
for name, x in samples.items():
    x = np.asarray(x, dtype=float)
    add("quantiles", name, {"x": x, "q": QS}, lambda x=x: {"values": np.quantile(x, QS)})
    add("moments", name, {"x": x}, lambda x=x: {
        "mean": np.mean(x), "var0": np.var(x), "var1": np.var(x, ddof=1) if len(x) > 1 else math.nan,
        "std0": np.std(x), "std1": np.std(x, ddof=1) if len(x) > 1 else math.nan,
        "median": np.median(x), "cv0": np.std(x) / np.mean(x)})
    add("z_scores", name, {"x": x}, lambda x=x: {"ddof0": st.zscore(x), "ddof1": st.zscore(x, ddof=1)})
add("quantiles", "empty", {"x": [], "q": [0.5]}, lambda: {"values": [math.nan]})

weighted = {
    "random": (normal(60, 4.6, 0.1), rng.integers(100, 5000, 60).astype(float) ** 0.5),
    "unit": (normal(20), np.ones(20)),
    "zeros_some": (normal(10), np.r_[np.zeros(3), rng.uniform(1, 2, 7)]),
    "huge": (normal(30, 1e10, 1e7), rng.uniform(0.1, 10, 30)),
    "constant": (np.full(5, 3.0), rng.uniform(1, 2, 5)),
}
for name, (x, w) in weighted.items():
    def wm(x=x, w=w):
        m = np.average(x, weights=w)
        v = np.average((x - m) ** 2, weights=w)
        return {"mean": m, "var": v, "std": math.sqrt(v)}
    add("weighted_moments", name, {"x": x, "w": w}, wm)


# ---------------------------------------------------------------- regression
def regression(x, y, w=None):
    x = np.asarray(x, float)
    y = np.asarray(y, float)
    X = sm.add_constant(x, has_constant="add")
    model = sm.OLS(y, X) if w is None else sm.WLS(y, X, weights=np.asarray(w, float))
    res = model.fit()
    out = {"params": res.params, "bse": res.bse, "tvalues": res.tvalues, "pvalues": res.pvalues,
           "rsquared": res.rsquared, "scale": res.scale}
    frame = res.get_prediction().summary_frame(alpha=0.05)
    out["in_sample"] = {k: frame[k].to_numpy() for k in
                        ["mean", "mean_se", "mean_ci_lower", "mean_ci_upper", "obs_ci_lower", "obs_ci_upper"]}
    new_x = np.array([x.min() - 1.0, float(np.mean(x)), x.max() + 2.5])
    frame = res.get_prediction(sm.add_constant(new_x, has_constant="add")).summary_frame(alpha=0.1)
    out["new_x"] = new_x
    out["out_of_sample_90"] = {k: frame[k].to_numpy() for k in
                               ["mean", "mean_se", "mean_ci_lower", "mean_ci_upper", "obs_ci_lower",
                                "obs_ci_upper"]}
    if w is None:
        lr = st.linregress(x, y)
        out["linregress"] = {"slope": lr.slope, "intercept": lr.intercept, "rvalue": lr.rvalue,
                             "pvalue": lr.pvalue, "stderr": lr.stderr, "intercept_stderr": lr.intercept_stderr}
    return out


years = np.arange(1999, 2019, dtype=float)
reg_cases = {
    "years_trend": (years, 40 - 0.46 * (years - 1999) + normal(20, 0, 2), rng.integers(50, 20000, 20)),
    "months": (np.arange(120.0), 4.68 + 1e-5 * np.arange(120) + normal(120, 0, 0.02),
               np.sqrt(rng.integers(100, 30000, 120))),
    "random": (normal(200), normal(200), rng.uniform(0.5, 3, 200)),
    "n3": ([1.0, 2.0, 4.0], [2.0, 3.0, 7.0], [1.0, 2.0, 3.0]),
    "huge_y": (years, 1e12 + 1e9 * normal(20), rng.uniform(1, 5, 20)),
    "perfect_fit": (np.arange(10.0), 3 + 2 * np.arange(10.0), np.ones(10) * 2),
    "some_zero_weights": (np.arange(12.0), normal(12, 5, 1), np.r_[0.0, 0.0, rng.uniform(1, 4, 10)]),
    "large": (normal(5000), normal(5000), rng.uniform(0.1, 10, 5000)),
}
for name, (x, y, w) in reg_cases.items():
    add("ols", name, {"x": x, "y": y}, lambda x=x, y=y: regression(x, y))
    add("wls", name, {"x": x, "y": y, "w": w}, lambda x=x, y=y, w=w: regression(x, y, w))
# Degenerate inputs: SciPy's linregress raises on constant x; statsmodels has no residual df at n = 2.
add("ols", "constant_x", {"x": [2.0] * 5, "y": [1.0, 2.0, 3.0, 4.0, 6.0]},
    lambda: {"linregress": st.linregress([2.0] * 5, [1.0, 2.0, 3.0, 4.0, 6.0])})
add("ols", "n2", {"x": [1.0, 3.0], "y": [2.0, 5.0]}, lambda: {"params": sm.OLS([2.0, 5.0], sm.add_constant(
    np.array([1.0, 3.0]))).fit().params})


# ---------------------------------------------------------------- correlation
def corr(x, y, w):
    x = np.asarray(x, float)
    y = np.asarray(y, float)
    out = {}
    for key, fn in [("pearson", lambda: st.pearsonr(x, y)), ("spearman", lambda: st.spearmanr(x, y)),
                    ("kendall", lambda: st.kendalltau(x, y, method="asymptotic"))]:
        try:
            r = fn()
            out[key] = {"r": r[0], "p": r[1]}
        except ValueError as e:
            out[key] = {"raises": str(e)}
    rx, ry = st.rankdata(x), st.rankdata(y)
    c = np.cov(rx, ry, aweights=np.asarray(w, float))
    out["weighted_spearman"] = {"r": c[0, 1] / math.sqrt(c[0, 0] * c[1, 1]) if c[0, 0] * c[1, 1] > 0 else math.nan}
    return out


base = normal(300)
corr_cases = {
    "random": (normal(100), normal(100), rng.uniform(1, 10, 100)),
    "correlated": (base, 0.6 * base + normal(300), np.sqrt(rng.integers(1, 1000, 300))),
    "ties": (rng.integers(1, 6, 400).astype(float), rng.integers(1, 4, 400).astype(float), rng.uniform(1, 3, 400)),
    "ratings_vs_volume": (rng.integers(100, 20000, 150).astype(float), 4.68 + normal(150, 0, 0.03),
                          np.sqrt(rng.integers(100, 20000, 150))),
    "n2": ([1.0, 2.0], [3.0, 1.0], [1.0, 1.0]),
    "n3": ([1.0, 2.0, 3.0], [1.0, 3.0, 2.0], [1.0, 2.0, 1.0]),
    "perfect": (np.arange(12.0), np.arange(12.0) * 3, np.ones(12)),
    "constant_y": (np.arange(6.0), np.full(6, 4.0), np.ones(6)),
    "huge": (normal(50, 1e12, 1e9), normal(50, -1e12, 1e9), np.ones(50)),
    "large": (normal(20000), normal(20000), np.ones(20000)),
}
for name, (x, y, w) in corr_cases.items():
    add("correlation", name, {"x": x, "y": y, "w": w}, lambda x=x, y=y, w=w: corr(x, y, w))


# ---------------------------------------------------------------- normality
def qq(x):
    (osm, osr), (slope, intercept, r) = st.probplot(x, dist="norm")
    return {"osm": osm, "osr": osr, "slope": slope, "intercept": intercept, "r": r}


norm_cases = {
    "n3": [1.0, 2.0, 4.0],
    "n4": [2.0, 1.0, 7.0, 3.0],
    "n5": normal(5),
    "n6": normal(6),
    "n11": normal(11),
    "n12": normal(12),
    "yearly_counts": rng.integers(300, 30000, 20).astype(float),
    "n100": normal(100),
    "exponential": rng.exponential(1.0, 500),
    "ties": rng.integers(1, 6, 300).astype(float),
    "n5000": normal(5000),
    "huge": normal(60, 1e12, 1e10),
    "constant": [3.0] * 10,
    "n2": [1.0, 2.0],
}
for n in (7, 8, 10, 15, 20, 30, 50, 99, 200, 500, 1000, 2500):
    norm_cases[f"normal_n{n}"] = normal(n, 5, 2)
    norm_cases[f"lognormal_n{n}"] = np.exp(normal(n))
for name, x in norm_cases.items():
    x = np.asarray(x, float)
    add("probplot", name, {"x": x}, lambda x=x: qq(x))
    add("shapiro", name, {"x": x}, lambda x=x: {"w": st.shapiro(x)[0], "p": st.shapiro(x)[1]})


# ---------------------------------------------------------------- chi-square
def gof(obs, exp=None, ddof=0):
    r = st.chisquare(obs, exp, ddof=ddof)
    return {"stat": r[0], "p": r[1]}


add("chisquare", "uniform", {"observed": [52.0, 48.0, 61.0, 39.0]}, lambda: gof([52.0, 48.0, 61.0, 39.0]))
add("chisquare", "expected", {"observed": [18.0, 22.0, 30.0, 30.0], "expected": [25.0, 25.0, 25.0, 25.0]},
    lambda: gof([18.0, 22.0, 30.0, 30.0], [25.0, 25.0, 25.0, 25.0]))
add("chisquare", "seasons", {"observed": [51234.0, 49876.0, 50321.0, 52011.0], "ddof": 1},
    lambda: gof([51234.0, 49876.0, 50321.0, 52011.0], ddof=1))
add("chisquare", "huge", {"observed": [1e12, 1.001e12, 0.999e12]}, lambda: gof([1e12, 1.001e12, 0.999e12]))
add("chisquare", "sums_differ", {"observed": [10.0, 20.0], "expected": [10.0, 10.0]},
    lambda: gof([10.0, 20.0], [10.0, 10.0]))


def contingency(table, correction):
    r = st.chi2_contingency(np.asarray(table, float), correction=correction)
    return {"stat": r[0], "p": r[1], "dof": r[2]}


tables = {
    "2x2": [[120.0, 880.0], [95.0, 905.0]],
    "2x2_small": [[3.0, 7.0], [8.0, 2.0]],
    "2x2_close": [[10.0, 10.0], [10.4, 9.6]],
    "3x4": rng.integers(5, 200, (3, 4)).astype(float),
    "1x3": [[4.0, 5.0, 6.0]],
    "zero_column": [[0.0, 5.0], [0.0, 7.0]],
    "huge": [[1e9, 2e9], [1.5e9, 2.2e9]],
}
for name, table in tables.items():
    for corr_flag in (True, False):
        add("chi2_contingency", f"{name}_{'yates' if corr_flag else 'plain'}",
            {"table": table, "yates": corr_flag}, lambda t=table, c=corr_flag: contingency(t, c))


# ---------------------------------------------------------------- group comparisons
def groups_case(groups):
    out = {}
    for key, fn in [("anova", lambda: st.f_oneway(*groups)), ("kruskal", lambda: st.kruskal(*groups))]:
        try:
            r = fn()
            out[key] = {"stat": r[0], "p": r[1]}
        except (ValueError, TypeError) as e:
            out[key] = {"raises": str(e)}
    return out


group_cases = {
    "seasons": [4.6 + rng.integers(0, 2, n) * 0.1 + normal(n, 0, 0.5) for n in (300, 280, 310, 290)],
    "ratings_ties": [rng.integers(1, 6, n).astype(float) for n in (200, 150, 180)],
    "two_groups": [normal(30), normal(40, 0.5)],
    "singletons_and_pair": [[1.0], [2.0, 3.0], [5.0]],
    "all_single": [[1.0], [2.0], [3.0]],
    "empty_group": [[1.0, 2.0], []],
    "each_constant": [[1.0, 1.0], [2.0, 2.0, 2.0]],
    "all_same": [[3.0, 3.0], [3.0, 3.0, 3.0]],
    "huge": [normal(20, 1e12, 1e9), normal(25, 1e12 + 5e8, 1e9)],
}
for name, groups in group_cases.items():
    add("groups", name, {"groups": [np.asarray(g, float) for g in groups]}, lambda g=groups: groups_case(g))


def two_sample(a, b):
    a = np.asarray(a, float)
    b = np.asarray(b, float)
    out = {}
    for key, fn in [("student", lambda: st.ttest_ind(a, b, equal_var=True)),
                    ("welch", lambda: st.ttest_ind(a, b, equal_var=False)),
                    ("mannwhitney", lambda: st.mannwhitneyu(a, b, method="asymptotic", use_continuity=True,
                                                            alternative="two-sided"))]:
        try:
            r = fn()
            out[key] = {"stat": r[0], "p": r[1]}
        except (ValueError, TypeError) as e:
            out[key] = {"raises": str(e)}
    n1, n2 = len(a), len(b)
    if n1 + n2 >= 3 and n1 and n2:
        s = math.sqrt(((n1 - 1) * (np.var(a, ddof=1) if n1 > 1 else 0) + (n2 - 1) * (np.var(b, ddof=1) if n2 > 1 else 0))
                      / (n1 + n2 - 2))
        out["cohens_d"] = (np.mean(a) - np.mean(b)) / s if s > 0 else math.nan
    else:
        out["cohens_d"] = math.nan
    return out


pair_cases = {
    "random": (normal(50, 10, 2), normal(60, 11, 3)),
    "weekend_like": (rng.exponential(40, 700), rng.exponential(43, 300)),
    "ties": (rng.integers(1, 6, 120).astype(float), rng.integers(2, 6, 90).astype(float)),
    "n1_n1": ([1.0], [2.0]),
    "n1_n2": ([1.0], [2.0, 4.0]),
    "n2_n2": ([1.0, 2.0], [3.0, 5.0]),
    "empty": ([], [1.0, 2.0]),
    "all_tied": ([2.0, 2.0, 2.0], [2.0, 2.0]),
    "constant_groups": ([1.0, 1.0, 1.0], [2.0, 2.0]),
    "huge": (normal(30, 1e12, 1e9), normal(30, 1e12 + 1e9, 1e9)),
    "separated": (normal(40, 0, 1), normal(40, 50, 1)),
}
for name, (a, b) in pair_cases.items():
    add("two_sample", name, {"a": a, "b": b}, lambda a=a, b=b: two_sample(a, b))


# Rank tests from counts over ordered levels 1..5: expand to samples and ask SciPy.
def expand(counts):
    return np.repeat(np.arange(1.0, len(counts) + 1.0), counts)


count_cases = {
    "ratings": [rng.integers(0, 4000, 5) for _ in range(4)],
    "skewed": [np.array([30, 20, 60, 900, 5000]), np.array([50, 25, 40, 700, 4200]), np.array([3, 1, 4, 80, 600])],
    "two_levels": [np.array([5, 9]), np.array([7, 3])],
    "zero_level": [np.array([0, 10, 0, 5, 20]), np.array([0, 4, 0, 9, 12])],
}
for name, table in count_cases.items():
    table = [np.asarray(t, dtype=np.int64) for t in table]
    samples_ = [expand(t) for t in table]
    add("rank_counts", name, {"table": table},
        lambda s=samples_: {
            "kruskal": list(st.kruskal(*s)),
            "mannwhitney": list(st.mannwhitneyu(s[0], s[1], method="asymptotic", use_continuity=True,
                                                alternative="two-sided"))})


# ---------------------------------------------------------------- multiple testing
bh_cases = {
    "known": [0.01, 0.04, 0.03, 0.005, 0.2, 0.5],
    "random": rng.uniform(0, 1, 200) ** 3,
    "ties": [0.02, 0.02, 0.5, 0.02, 0.9],
    "single": [0.03],
    "with_ones": [1.0, 0.99, 0.001],
}
for name, p in bh_cases.items():
    add("bh", name, {"p": p}, lambda p=p: {"adjusted": multipletests(np.asarray(p, float), method="fdr_bh")[1]})

# ---------------------------------------------------------------- effect size of two proportions
h_cases = {"rise": (0.05, 0.12), "fall": (0.3, 0.1), "equal": (0.2, 0.2), "edges": (0.0, 1.0), "tiny": (1e-5, 3e-5)}
for name, (p1, p2) in h_cases.items():
    add("cohens_h", name, {"p1": p1, "p2": p2}, lambda p1=p1, p2=p2: {"h": proportion_effectsize(p1, p2)})

parser = argparse.ArgumentParser()
parser.add_argument("--out", required=True)
args = parser.parse_args()
with open(args.out, "w", encoding="utf-8") as f:
    json.dump(cases, f, allow_nan=False)
print(f"wrote {len(cases)} cases to {args.out}")
