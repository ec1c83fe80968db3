#!/usr/bin/env python3
"""NIST StRD univariate data sets and exact reference moments for the Moments tests.

Re-run from the repository root (Python >= 3.8, standard library only):
    python3 Tests/SurveyStatisticsTests/Fixtures/nist_reference.py

The NIST Statistical Reference Datasets, Univariate Summary Statistics
(https://www.itl.nist.gov/div898/strd/univ/homepage.html) cannot be downloaded
here, so each data set is rebuilt from its NIST definition or transcribed from
published copies of the NIST .dat files:
  * PiDigits  - the first 5000 decimal digits of pi (3, 1, 4, 1, 5, ...), computed
                below with Machin's formula in integer arithmetic, with one
                difference that NIST's file has: its 957th value is 3 where pi's
                957th digit is 8 (with the true digit the certified mean 4.5348
                would be 4.5358; with NIST's 3 both certified values are matched);
  * Lottery   - 218 Pick-3 lottery draws (transcribed, Lottery.dat lines 61-278);
  * Lew       - 200 beam deflections (transcribed, Lew.dat lines 61-260);
  * Mavro     - 50 filter transmittances (transcribed, Mavro.dat lines 61-110);
  * Michelso  - 100 Michelson speed-of-light values (transcribed, Michelso.dat);
  * NumAcc1   - 10000001, 10000003, 10000002;
  * NumAcc2/3/4 - 1.2 / 1000000.2 / 10000000.2 followed by 500 pairs of
                (c - 0.1, c + 0.1), 1001 values each.
Every data set is checked: the exact (rational) mean and sample standard
deviation of the decimal data must reproduce NIST's certified values, which are
given to 15 significant digits, or the script stops.

Because the tests feed binary64 doubles (the nearest double to each decimal
datum), the script also computes the exact mean and standard deviation of those
doubles (fractions.Fraction arithmetic, square root in 50-digit decimal). For
NumAcc3/NumAcc4 (and slightly for Mavro/Michelso) these differ from the certified
values by more than 1e-13: the rounding of the inputs, not the algorithm, limits
what any double-precision program can reach there. The tests compare with the
exact-of-doubles values at 1e-13 and with the certified values at that
representation bound.

Outputs (next to this script): nist_<Name>.txt (one datum per line, as printed by
NIST) and nist_certified.csv.
"""
from decimal import Decimal, getcontext
from fractions import Fraction
from pathlib import Path

getcontext().prec = 50
OUT = Path(__file__).resolve().parent

LOTTERY = """
162 671 933 414 788 730 817 33 536 875 670 236 473 167 877 980 316 950 456 92
517 557 956 954 104 178 794 278 147 773 437 435 502 610 582 780 689 562 964 791
28 97 848 281 858 538 660 972 671 613 867 448 738 966 139 636 847 659 754 243
122 455 195 968 793 59 730 361 574 522 97 762 431 158 429 414 22 629 788 999
187 215 810 782 47 34 108 986 25 644 829 630 315 567 919 331 207 412 242 607
668 944 749 168 864 442 533 805 372 63 458 777 416 340 436 140 919 350 510 572
905 900 85 389 473 758 444 169 625 692 140 897 672 288 312 860 724 226 884 508
976 741 476 417 831 15 318 432 241 114 799 955 833 358 935 146 630 830 440 642
356 373 271 715 367 393 190 669 8 861 108 795 269 590 326 866 64 523 862 840
219 382 998 4 628 305 747 247 34 747 729 645 856 974 24 568 24 694 608 480
410 729 947 293 53 930 223 203 677 227 62 455 387 318 562 242 428 968
"""

LEW = """
-213 -564 -35 -15 141 115 -420 -360 203 -338 -431 194 -220 -513 154 -125 -559 92 -21 -579
-52 99 -543 -175 162 -457 -346 204 -300 -474 164 -107 -572 -8 83 -541 -224 180 -420 -374
201 -236 -531 83 27 -564 -112 131 -507 -254 199 -311 -495 143 -46 -579 -90 136 -472 -338
202 -287 -477 169 -124 -568 17 48 -568 -135 162 -430 -422 172 -74 -577 -13 92 -534 -243
194 -355 -465 156 -81 -578 -64 139 -449 -384 193 -198 -538 110 -44 -577 -6 66 -552 -164
161 -460 -344 205 -281 -504 134 -28 -576 -118 156 -437 -381 200 -220 -540 83 11 -568 -160
172 -414 -408 188 -125 -572 -32 139 -492 -321 205 -262 -504 142 -83 -574 0 48 -571 -106
137 -501 -266 190 -391 -406 194 -186 -553 83 -13 -577 -49 103 -515 -280 201 300 -506 131
-45 -578 -80 138 -462 -361 201 -211 -554 32 74 -533 -235 187 -372 -442 182 -147 -566 25
68 -535 -244 194 -351 -463 174 -125 -570 15 72 -550 -190 172 -424 -385 198 -218 -536 96
"""

MAVRO = """
2.00180 2.00170 2.00180 2.00190 2.00180 2.00170 2.00150 2.00140 2.00150 2.00150
2.00170 2.00180 2.00180 2.00190 2.00190 2.00210 2.00200 2.00160 2.00140 2.00130
2.00130 2.00150 2.00150 2.00160 2.00150 2.00140 2.00130 2.00140 2.00150 2.00140
2.00150 2.00160 2.00150 2.00160 2.00190 2.00200 2.00200 2.00210 2.00220 2.00230
2.00240 2.00250 2.00270 2.00260 2.00260 2.00260 2.00270 2.00260 2.00250 2.00240
"""

MICHELSO = """
299.85 299.74 299.90 300.07 299.93 299.85 299.95 299.98 299.98 299.88
300.00 299.98 299.93 299.65 299.76 299.81 300.00 300.00 299.96 299.96
299.96 299.94 299.96 299.94 299.88 299.80 299.85 299.88 299.90 299.84
299.83 299.79 299.81 299.88 299.88 299.83 299.80 299.79 299.76 299.80
299.88 299.88 299.88 299.86 299.72 299.72 299.62 299.86 299.97 299.95
299.88 299.91 299.85 299.87 299.84 299.84 299.85 299.84 299.84 299.84
299.89 299.81 299.81 299.82 299.80 299.77 299.76 299.74 299.75 299.76
299.91 299.92 299.89 299.86 299.88 299.72 299.84 299.85 299.85 299.78
299.89 299.84 299.78 299.81 299.76 299.81 299.79 299.81 299.82 299.85
299.87 299.87 299.81 299.74 299.81 299.94 299.95 299.80 299.81 299.87
"""

# name: (certified mean, certified sample standard deviation), as printed in the .dat headers.
CERTIFIED = {
    "PiDigits": ("4.53480000000000", "2.86733906028871"),
    "Lottery": ("518.958715596330", "291.699727470969"),
    "Lew": ("-177.435000000000", "277.332168044316"),
    "Mavro": ("2.00185600000000", "0.000429123454003053"),
    "Michelso": ("299.852400000000", "0.0790105478190518"),
    "NumAcc1": ("10000002.0000000", "1.00000000000000"),
    "NumAcc2": ("1.20000000000000", "0.100000000000000"),
    "NumAcc3": ("1000000.20000000", "0.100000000000000"),
    "NumAcc4": ("10000000.2000000", "0.100000000000000"),
}


def pi_digits(count):
    """First `count` decimal digits of pi (including the leading 3), by Machin's formula."""
    guard = 10
    scale = 10 ** (count + guard)

    def arctan_inverse(x):
        total, term, k, sign = 0, scale // x, 1, 1
        x2 = x * x
        while term:
            total += sign * (term // k)
            term //= x2
            k += 2
            sign = -sign
        return total

    pi = 4 * (4 * arctan_inverse(5) - arctan_inverse(239))
    digits = []
    while pi:  # base conversion by hand (str() of huge ints is capped since Python 3.11)
        pi, d = divmod(pi, 10)
        digits.append(d)
    return digits[::-1][:count]


def nist_pi_digits():
    """PiDigits.dat: the first 5000 digits of pi as NIST distributes them (value 957 is 3, not 8)."""
    digits = pi_digits(5000)
    assert digits[956] == 8
    digits[956] = 3
    return digits


def num_acc(centre):
    c = Decimal(centre)
    tenth = Decimal("0.1")
    values = [str(c)]
    for _ in range(500):
        values += [str(c - tenth), str(c + tenth)]
    return values


def datasets():
    return {
        "PiDigits": [str(d) for d in nist_pi_digits()],
        "Lottery": LOTTERY.split(),
        "Lew": LEW.split(),
        "Mavro": MAVRO.split(),
        "Michelso": MICHELSO.split(),
        "NumAcc1": ["10000001", "10000003", "10000002"],
        "NumAcc2": num_acc("1.2"),
        "NumAcc3": num_acc("1000000.2"),
        "NumAcc4": num_acc("10000000.2"),
    }


def exact_moments(values):
    """Exact mean (Fraction) and sample standard deviation (50-digit Decimal)."""
    n = len(values)
    mean = sum(values, Fraction(0)) / n
    ss = sum(((v - mean) ** 2 for v in values), Fraction(0))
    var = ss / (n - 1)
    sd = (Decimal(var.numerator) / Decimal(var.denominator)).sqrt()
    return Decimal(mean.numerator) / Decimal(mean.denominator), sd


def rel(a, b):
    a, b = Decimal(a), Decimal(b)
    return abs(a - b) / abs(b) if b != 0 else abs(a - b)


def main():
    expected_sizes = {"PiDigits": 5000, "Lottery": 218, "Lew": 200, "Mavro": 50, "Michelso": 100,
                      "NumAcc1": 3, "NumAcc2": 1001, "NumAcc3": 1001, "NumAcc4": 1001}
    rows = ["name,n,certified_mean,certified_sd,decimal_mean,decimal_sd,"
            "binary64_mean,binary64_sd,binary64_vs_certified_mean,binary64_vs_certified_sd"]
    for name, strings in datasets().items():
        assert len(strings) == expected_sizes[name], (name, len(strings))
        decimal_values = [Fraction(s) for s in strings]
        binary_values = [Fraction(float(s)) for s in strings]  # exact value of the nearest double
        dec_mean, dec_sd = exact_moments(decimal_values)
        bin_mean, bin_sd = exact_moments(binary_values)
        cert_mean, cert_sd = CERTIFIED[name]
        # The certified values carry 15 significant digits: the exact decimal statistics must agree.
        assert rel(dec_mean, cert_mean) < Decimal("5e-15"), (name, "mean", dec_mean, cert_mean)
        assert rel(dec_sd, cert_sd) < Decimal("5e-15"), (name, "sd", dec_sd, cert_sd)
        (OUT / f"nist_{name}.txt").write_text("\n".join(strings) + "\n")
        rows.append(",".join([
            name, str(len(strings)), cert_mean, cert_sd,
            f"{dec_mean:.25g}", f"{dec_sd:.25g}", f"{bin_mean:.25g}", f"{bin_sd:.25g}",
            f"{float(rel(bin_mean, cert_mean)):.3e}", f"{float(rel(bin_sd, cert_sd)):.3e}",
        ]))
        print(f"{name:9s} n={len(strings):5d} certified sd {cert_sd:>22s}  exact-of-doubles sd {bin_sd:.20g}"
              f"  rel. gap {float(rel(bin_sd, cert_sd)):.2e}")
    (OUT / "nist_certified.csv").write_text("\n".join(rows) + "\n")


if __name__ == "__main__":
    main()
