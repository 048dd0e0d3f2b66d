"""Reference values for the special functions and BG/NBD / Gamma-Gamma closed forms at extreme
arguments, computed in 80-digit decimal arithmetic with Python's standard library only (no mpmath,
no SciPy). Run from the repository root:

    python3 test/calibrate/reference/generate.py > test/calibrate/reference/extreme-values.json

Methods (each exact up to the stated truncation, which is bounded and far below 1e-30):
- ln Γ(x): shift x up past 1000 by the recurrence ln Γ(x) = ln Γ(x + n) − Σ ln(x + j), then
  Stirling's series with 30 Bernoulli terms (Bernoulli numbers exact, as fractions); for real
  x ≥ 1000 the truncation error is below the first omitted term, < 1e-150.
- ψ(x): the same shift, ψ(x) = ψ(x + n) − Σ 1/(x + j), then the asymptotic series ln x − 1/(2x)
  − Σ B₂ₖ/(2k x^2k), 30 terms.
- ₂F₁(a, b; c; z) for a, b, c > 0 and 0 ≤ z < 1: the power series, every term positive, summed
  until the tail bound term·q/(1 − q) is below 1e-60 of the sum, where q bounds every later term
  ratio (q = z·max(1, (a+n)/(n+1))·max(1, (b+n)/(c+n)), valid since both factors are monotone
  in n).
- BG/NBD E[X(t)], E[Y(t) | x, tx, T], P(alive), ln L and Gamma-Gamma ln L: their closed forms
  (Fader, Hardie & Lee 2005, eqs. 6, 7, 10, 11; Fader & Hardie 2013) with the ₂F₁ and ln Γ above.
"""

import json
from decimal import Decimal as D, getcontext, localcontext
from fractions import Fraction

getcontext().prec = 80


def bernoulli(n_max):
    """B_0 … B_n_max as fractions (Akiyama–Tanigawa), with B_1 = +1/2 (unused)."""
    out = []
    a = [Fraction(0)] * (n_max + 1)
    for m in range(n_max + 1):
        a[m] = Fraction(1, m + 1)
        for j in range(m, 0, -1):
            a[j - 1] = j * (a[j - 1] - a[j])
        out.append(a[0])
    return out


B = bernoulli(62)


def exact(v):
    """The exact value of the double nearest to v: the tests pass doubles, so the references are
    for those very numbers."""
    return D(float(v))


def frac(f):
    return D(f.numerator) / D(f.denominator)


def arctan_inv(n):
    """arctan(1/n) by its Taylor series."""
    x = D(1) / n
    x2 = x * x
    total, term, k = D(0), x, 0
    while True:
        t = term / (2 * k + 1)
        if abs(t) < D(10) ** -90:
            break
        total += t if k % 2 == 0 else -t
        term *= x2
        k += 1
    return total


PI = 16 * arctan_inv(5) - 4 * arctan_inv(239)
HALF_LN_2PI = (2 * PI).ln() / 2


def lngamma(x):
    x = D(x)
    shift = D(0)
    while x < 1000:
        shift += x.ln()
        x += 1
    s = (x - D("0.5")) * x.ln() - x + HALF_LN_2PI
    for k in range(1, 31):
        s += frac(B[2 * k]) / (2 * k * (2 * k - 1) * x ** (2 * k - 1))
    return s - shift


def digamma(x):
    x = D(x)
    shift = D(0)
    while x < 1000:
        shift += 1 / x
        x += 1
    s = x.ln() - 1 / (2 * x)
    for k in range(1, 31):
        s -= frac(B[2 * k]) / (2 * k * x ** (2 * k))
    return s - shift


def hyp2f1(a, b, c, z):
    a, b, c, z = D(a), D(b), D(c), D(z)
    assert a > 0 and b > 0 and c > 0 and 0 <= z < 1
    term, total, n = D(1), D(1), 0
    while True:
        term *= (a + n) * (b + n) / ((c + n) * (n + 1)) * z
        total += term
        n += 1
        q = z * max(D(1), (a + n) / (n + 1)) * max(D(1), (b + n) / (c + n))
        if q < 1 and term * q / (1 - q) < total * D(10) ** -60:
            return total


def bgnbd_expected(r, alpha, a, b, t):
    r, alpha, a, b, t = map(exact, (r, alpha, a, b, t))
    z = t / (alpha + t)
    f = hyp2f1(r, b, a + b - 1, z)
    return (a + b - 1) / (a - 1) * (1 - (alpha / (alpha + t)) ** r * f)


def bgnbd_palive(r, alpha, a, b, x, tx, T):
    r, alpha, a, b, tx, T = map(exact, (r, alpha, a, b, tx, T))
    if x == 0:
        return D(1)
    return 1 / (1 + a / (b + x - 1) * ((alpha + T) / (alpha + tx)) ** (r + x))


def bgnbd_conditional(r, alpha, a, b, x, tx, T, t):
    r, alpha, a, b, tx, T, t = map(exact, (r, alpha, a, b, tx, T, t))
    z = t / (alpha + T + t)
    f = hyp2f1(r + x, b + x, a + b + x - 1, z)
    ratio = ((alpha + T) / (alpha + T + t)) ** (r + x)
    num = (a + b + x - 1) / (a - 1) * (1 - ratio * f)
    return num * bgnbd_palive(r, alpha, a, b, x, tx, T)


def bgnbd_loglik(r, alpha, a, b, x, tx, T):
    r, alpha, a, b, tx, T = map(exact, (r, alpha, a, b, tx, T))
    common = (
        lngamma(r + x) - lngamma(r) + r * alpha.ln()
        + lngamma(a + b) + lngamma(b + x) - lngamma(b) - lngamma(a + b + x)
    )
    alive = (alpha + T) ** (-(r + x))
    dropped = a / (b + x - 1) * (alpha + tx) ** (-(r + x)) if x > 0 else D(0)
    return common + (alive + dropped).ln()


def gamma_gamma_loglik(p, q, gamma, x, zbar):
    p, q, gamma, zbar = map(exact, (p, q, gamma, zbar))
    px = p * x
    return (
        lngamma(px + q) - lngamma(px) - lngamma(q) + q * gamma.ln()
        + (px - 1) * zbar.ln() + px * D(x).ln() - (px + q) * (gamma + x * zbar).ln()
    )


def num(v):
    return "%.20e" % v


out = {
    "generatedBy": "test/calibrate/reference/generate.py (Python decimal, 80 digits)",
    "logGammaDifference": [],
    "logGammaDifferenceExcess": [],
    "digamma": [],
    "digammaDifferenceExcess": [],
    "hyp2f1": [],
    "bgnbd": [],
    "gammaGamma": [],
}

for x, d in [("1e15", "0.5"), ("1e300", "0.5"), ("3.5e13", "2.25"), ("1e8", "1e-8"),
             ("1e-8", "5"), ("20", "-15"), ("1e6", "1e6"), ("12.5", "1e-12"), ("0.3", "200.7")]:
    with localcontext() as ctx:
        ctx.prec = 420  # x + d must be exact even at x = 1e300
        value = lngamma(exact(x) + exact(d)) - lngamma(exact(x))
    out["logGammaDifference"].append([x, d, num(value)])

for x, d in [("1e12", "3"), ("1e15", "0.5"), ("50", "7"), ("1e8", "1e4"), ("10.5", "2.5"),
             ("1e20", "1e3"), ("3", "0.25")]:
    x_, d_ = exact(x), exact(d)
    out["logGammaDifferenceExcess"].append(
        [x, d, num(lngamma(x_ + d_) - lngamma(x_) - d_ * x_.ln())]
    )

for x in ["1e-6", "0.5", "1.4616321449683622", "3.7", "30", "1e10"]:
    out["digamma"].append([x, num(digamma(exact(x)))])

for x, d in [("1e8", "2"), ("1e12", "0.5"), ("15", "3"), ("2", "7.5"), ("1e5", "1e3")]:
    x_, d_ = exact(x), exact(d)
    out["digammaDifferenceExcess"].append([x, d, num(digamma(x_ + d_) - digamma(x_) - d_ / x_)])

for a, b, c, z in [
    ("3.93", "28603068.5", "34040353.7", "0.596"),  # the case of issue 9
    ("0.24", "1e8", "100000000.8", "0.99"),
    ("2.5", "1e6", "2e6", "0.9"),
    ("0.5", "1e10", "10000000003", "0.5"),
    ("12.24", "500000", "500000.9", "0.95"),
    ("1.5", "2.5", "4.0001", "0.3"),
    ("250.5", "1e9", "1.5e9", "0.7"),
]:
    out["hyp2f1"].append([a, b, c, z, num(hyp2f1(*map(exact, (a, b, c, z))))])

# BG/NBD closed forms at CDNOW's estimates and at extreme drop-out parameters (a, b large).
customers = [(0, "0", "38.86"), (2, "30.43", "38.86"), (7, "35.5", "38"), (40, "52", "53")]
for r, alpha, a, b, t in [
    ("0.2425945", "4.4136019", "0.7929199", "2.4258881", "39"),
    ("0.5", "2", "900", "1.1e6", "52"),
    ("7.0933", "61.855", "920.96", "1093752.5", "52"),
    ("0.3", "5", "1e6", "3e6", "100"),
    ("2", "10", "0.05", "1e9", "26"),
]:
    out["bgnbd"].append({
        "params": {"r": r, "alpha": alpha, "a": a, "b": b},
        "t": t,
        "expected": num(bgnbd_expected(r, alpha, a, b, t)),
        "customers": [
            {
                "x": x, "tx": tx, "T": T,
                "logLik": num(bgnbd_loglik(r, alpha, a, b, x, tx, T)),
                "pAlive": num(bgnbd_palive(r, alpha, a, b, x, tx, T)),
                "conditional": num(bgnbd_conditional(r, alpha, a, b, x, tx, T, t)),
            }
            for x, tx, T in customers
        ],
    })

for p, q, gamma in [("6.25", "3.74", "15.44"), ("3.2", "1e12", "1.7e13"), ("1e7", "2.5", "3e-6")]:
    out["gammaGamma"].append({
        "params": {"p": p, "q": q, "gamma": gamma},
        "customers": [
            {"x": x, "zbar": z, "logLik": num(gamma_gamma_loglik(p, q, gamma, x, z))}
            for x, z in [(1, "22.35"), (3, "17.1"), (12, "40.02")]
        ],
    })

print(json.dumps(out, indent=1))
