# Reference values for the SurveyStatistics tests, computed independently with R's stats package.
#
# Re-run from the repository root (R >= 4.2, base packages only):
#   Rscript Tests/SurveyStatisticsTests/Fixtures/reference.R
# It rewrites the *.csv fixtures next to this file (except nist_*, which come from nist_reference.py).
# Numbers are written with sprintf("%.17g"), i.e. round-trip exact doubles; NA marks "no value".
# Tables are written row by row: cells separated by spaces, rows by ";".
# Generated with: R version 4.2.2 Patched (2022-11-10 r83330).

args <- commandArgs(trailingOnly = FALSE)
script <- sub("^--file=", "", args[grep("^--file=", args)])
out_dir <- if (length(script) == 1) dirname(normalizePath(script)) else "."

num <- function(x) ifelse(is.na(x), "NA", sprintf("%.17g", x))
table_string <- function(t) paste(apply(t, 1, paste, collapse = " "), collapse = ";")
ints <- function(v) if (length(v) == 0) "" else paste(v, collapse = " ")
write_rows <- function(name, header, rows) {
  lines <- c(paste(header, collapse = ","), vapply(rows, paste, "", collapse = ","))
  writeLines(lines, file.path(out_dir, name))
}
m <- function(...) matrix(c(...), nrow = length(list(...)), byrow = TRUE)
tbl <- function(...) do.call(rbind, list(...))

# Drop all-zero rows and columns, as ChiSquareTest.pearson and AdjustedResiduals.haberman do.
reduce <- function(t) {
  keep_r <- rowSums(t) > 0
  keep_c <- colSums(t) > 0
  list(t = t[keep_r, keep_c, drop = FALSE], rows = which(keep_r) - 1L, cols = which(keep_c) - 1L)
}

# ---------------------------------------------------------------- chi-square
chisq_cases <- list(
  survey_3x4          = tbl(c(25, 40, 20, 15), c(30, 35, 25, 10), c(12, 20, 30, 38)),
  zero_row_and_column = tbl(c(10, 0, 5, 8), c(0, 0, 0, 0), c(7, 0, 9, 3), c(4, 0, 6, 12)),
  choice_nobody_picked = tbl(c(12, 7, 0), c(9, 15, 0)),
  two_by_two          = tbl(c(18, 7), c(9, 16)),
  independent_exactly = tbl(c(10, 20), c(20, 40)),
  low_expected        = tbl(c(3, 1, 0, 2), c(5, 2, 1, 0), c(4, 6, 2, 1)),
  sparse_cochran_fail = tbl(c(1, 0, 4), c(0, 2, 1), c(6, 1, 0)),
  five_by_six         = tbl(c(23, 17, 30, 12, 8, 10), c(15, 22, 18, 20, 14, 11), c(9, 12, 25, 30, 22, 18),
                            c(30, 25, 14, 10, 6, 15), c(12, 14, 16, 18, 20, 22)),
  tiny_p_1e100        = tbl(c(290, 95, 60), c(100, 250, 70), c(70, 85, 240)),
  tiny_p_1e250        = tbl(c(440, 110, 70, 50), c(80, 400, 100, 60), c(60, 90, 420, 120)),
  tiny_p_1e261_2x2    = tbl(c(800, 60), c(90, 790)),
  p_underflows        = tbl(c(520, 90, 40, 30), c(80, 480, 60, 40), c(50, 70, 450, 90), c(40, 60, 80, 500)),
  one_by_k            = tbl(c(5, 9, 12, 4)),
  k_by_one_after_drop = tbl(c(5, 0), c(7, 0), c(3, 0)),
  all_zero            = tbl(c(0, 0), c(0, 0)),
  wide_2x7            = tbl(c(3, 8, 15, 22, 9, 4, 1), c(6, 11, 13, 14, 12, 9, 5))
)
rows <- list()
for (name in names(chisq_cases)) {
  t <- chisq_cases[[name]]
  r <- reduce(t)
  if (nrow(r$t) < 2 || ncol(r$t) < 2) {
    rows[[name]] <- c(name, table_string(t), rep("NA", 7), "NA", "NA")
    next
  }
  ct <- suppressWarnings(chisq.test(r$t, correct = FALSE))
  E <- ct$expected
  n <- sum(r$t)
  v <- sqrt(unname(ct$statistic) / (n * (min(dim(r$t)) - 1)))
  rows[[name]] <- c(name, table_string(t), num(unname(ct$statistic)), unname(ct$parameter),
                    num(ct$p.value), n, num(v), num(min(E)), num(mean(E < 5)),
                    ints(r$rows), ints(r$cols))
}
write_rows("chisq.csv", c("case", "table", "statistic", "df", "p_value", "n", "cramers_v",
                          "min_expected", "low_expected_share", "kept_rows", "kept_columns"), rows)

# ------------------------------------------------------- adjusted residuals
residual_cases <- chisq_cases[c("survey_3x4", "zero_row_and_column", "two_by_two", "choice_nobody_picked",
                                 "five_by_six", "tiny_p_1e250")]
rows <- list()
for (name in names(residual_cases)) {
  t <- residual_cases[[name]]
  r <- reduce(t)
  full <- matrix(NA_real_, nrow(t), ncol(t))
  full[r$rows + 1, r$cols + 1] <- suppressWarnings(chisq.test(r$t, correct = FALSE))$stdres
  for (i in seq_len(nrow(t))) for (j in seq_len(ncol(t))) {
    rows[[length(rows) + 1]] <- c(name, table_string(t), i - 1, j - 1, num(full[i, j]))
  }
}
write_rows("residuals.csv", c("case", "table", "row", "column", "residual"), rows)

# -------------------------------------------------------------- Fisher exact
fisher_cases <- list(
  c(3, 1, 1, 3), c(18, 7, 9, 16), c(0, 0, 0, 0), c(0, 5, 5, 0), c(10, 0, 0, 10), c(1, 0, 0, 0),
  c(7, 12, 0, 3), c(2, 30, 15, 1), c(12, 7, 9, 15), c(5, 5, 5, 5), c(1, 9, 11, 3),
  c(120, 80, 95, 105), c(500, 480, 430, 560), c(1500, 1450, 1380, 1620), c(250, 300, 400, 200),
  c(40, 960, 70, 930), c(3, 2997, 12, 2988), c(0, 400, 6, 394)
)
rows <- lapply(fisher_cases, function(v) {
  p <- fisher.test(matrix(v, 2, byrow = TRUE))$p.value
  c(v, num(p))
})
write_rows("fisher.csv", c("a", "b", "c", "d", "p_value"), rows)

# ------------------------------------------------------------ Wilson (score)
wilson_cases <- list(
  c(0, 10, 0.95), c(10, 10, 0.95), c(1, 10, 0.95), c(5, 10, 0.95), c(37, 120, 0.95), c(123, 456, 0.95),
  c(1, 1000, 0.95), c(999, 1000, 0.95), c(0, 1, 0.95), c(1, 1, 0.95), c(50, 100, 0.95),
  c(37, 120, 0.90), c(37, 120, 0.99), c(250, 1000, 0.999), c(0, 2500, 0.95), c(1234, 2500, 0.95)
)
rows <- lapply(wilson_cases, function(v) {
  ci <- suppressWarnings(prop.test(v[1], v[2], conf.level = v[3], correct = FALSE))$conf.int
  c(v[1], v[2], num(v[3]), num(ci[1]), num(ci[2]))
})
write_rows("wilson.csv", c("x", "n", "confidence", "lower", "upper"), rows)

# ------------------------------------------------- two-sample prop.test (z)
prop_cases <- list(
  c(45, 100, 60, 100), c(123, 400, 98, 380), c(10, 50, 25, 60), c(0, 20, 5, 20), c(300, 1000, 345, 1000),
  c(1, 10, 9, 10), c(500, 1000, 100, 1000), c(30, 100, 30, 100), c(412, 1021, 398, 987), c(7, 7, 3, 9)
)
rows <- lapply(prop_cases, function(v) {
  pt <- suppressWarnings(prop.test(c(v[1], v[3]), c(v[2], v[4]), correct = FALSE))
  c(v, num(v[3] / v[4] - v[1] / v[2]), num(unname(pt$statistic)), num(pt$p.value))
})
write_rows("prop_test.csv", c("x1", "n1", "x2", "n2", "difference", "x_squared", "p_value"), rows)

# ------------------------------------------------------------ quantile type 7
quantile_cases <- list(
  odd_7        = c(3.1, 1.5, 9.2, 4.4, 7.7, 2.0, 5.5),
  even_8       = c(12, 7, 3, 18, 4, 9, 15, 1),
  duplicated   = c(2, 2, 2, 5, 5, 7, 7, 7, 7, 10),
  single       = c(42),
  pair         = c(-1.5, 3.25),
  likert_ages  = c(65, 72, 80, 68, 91, 77, 74, 69, 83, 70, 66)
)
probs <- c(0, 0.1, 0.25, 1 / 3, 0.5, 0.6, 0.75, 0.9, 0.99, 1)
rows <- list()
for (name in names(quantile_cases)) {
  x <- quantile_cases[[name]]
  q <- quantile(x, probs, type = 7, names = FALSE)
  for (k in seq_along(probs)) {
    rows[[length(rows) + 1]] <- c(name, paste(num(sort(x)), collapse = " "), num(probs[k]), num(q[k]))
  }
}
write_rows("quantile.csv", c("case", "sorted_values", "p", "quantile"), rows)

# ---------------------------------------------- incomplete gamma, chi-square
gamma_points <- list(
  c(0.5, 600), c(50, 700), c(0.5, 0.1), c(1, 1), c(2.5, 3), c(10, 5), c(10, 20), c(100, 90), c(100, 150),
  c(3, 500), c(1.5, 300), c(0.5, 350), c(5, 0.001), c(200, 400), c(0.5, 700), c(25, 1), c(1, 1150),
  c(500, 520), c(500, 480), c(1000, 1400), c(0.5, 1e-8), c(30, 31), c(30, 29), c(4.5, 11.5), c(12, 12)
)
rows <- lapply(gamma_points, function(v) {
  c(num(v[1]), num(v[2]), num(pgamma(v[2], v[1], lower.tail = FALSE)), num(pgamma(v[2], v[1])))
})
write_rows("gamma_tail.csv", c("a", "x", "upper", "lower"), rows)

chisq_points <- list(
  c(3.841458820694124, 1), c(0.5, 1), c(10, 3), c(1152, 1), c(1193.273, 1), c(1188.743, 6), c(469.7977, 4),
  c(21.026, 12), c(0.001, 2), c(50, 20), c(250, 200), c(1400, 30)
)
rows <- lapply(chisq_points, function(v) c(num(v[1]), v[2], num(pchisq(v[1], v[2], lower.tail = FALSE))))
write_rows("chisq_tail.csv", c("x", "df", "upper"), rows)

# ---------------------------------------------------------------- normal
ps <- c(0.5, 0.975, 0.995, 0.95, 0.9, 0.025, 0.075, 0.925, 0.3, 0.6, 1e-3, 1e-5, 1e-10, 1e-11, 2e-11, 1e-12,
        1e-20, 1e-50, 1e-100, 1e-300, 0.9999999, 0.999999999)
write_rows("qnorm.csv", c("p", "quantile"), lapply(ps, function(p) c(num(p), num(qnorm(p)))))
zs <- c(0, 0.5, 1, 1.959963984540054, 2.5, 3, 5, 8, 10, 20, 30, 37, -1, -2, -6)
write_rows("pnorm.csv", c("z", "upper", "two_sided"),
           lapply(zs, function(z) c(num(z), num(pnorm(z, lower.tail = FALSE)), num(2 * pnorm(-abs(z))))))

# --------------------------------------------------------- sampling error
se_cases <- list(c(0.5, 1000, 50000), c(0.3, 812, 120000), c(0.5, 400, NA), c(0.1, 1500, 3000),
                 c(0.05, 250, 2600), c(0.5, 100, 100), c(0.42, 1, NA))
rows <- lapply(se_cases, function(v) {
  fpc <- if (is.na(v[3])) 1 else (v[3] - v[2]) / (v[3] - 1)
  c(num(v[1]), v[2], ifelse(is.na(v[3]), "NA", v[3]), num(1.96), num(1.96 * sqrt(fpc * v[1] * (1 - v[1]) / v[2])))
})
write_rows("sampling_error.csv", c("p", "n", "N", "z", "half_width"), rows)

# ---------------------------------------------------- Benjamini-Hochberg (BH)
# NA inputs are written as NaN; p.adjust leaves them NA and does not count them in m.
nums <- function(v) paste(ifelse(is.na(v), "NaN", sprintf("%.17g", v)), collapse = " ")
bh_cases <- list(
  ten            = c(0.01, 0.04, 0.03, 0.005, 0.2, 0.5, 0.049, 0.0001, 0.8, 0.03),
  ties           = c(0.02, 0.02, 0.02, 0.5, 0.5, 0.001, 0.001),
  with_missing   = c(0.01, NA, 0.04, 0.03, NA, 0.9),
  single         = c(0.037),
  zero_and_one   = c(0, 1, 0.5, 0, 1e-300, 1),
  all_large      = c(0.9, 0.95, 0.99, 1, 0.97),
  wave_200       = c((seq_len(200) / 201)^4, NA, 1e-12, 3e-9),
  decreasing_cum = c(0.001, 0.0105, 0.011, 0.012, 0.049, 0.05, 0.051)
)
rows <- lapply(names(bh_cases), function(name) {
  p <- bh_cases[[name]]
  c(name, nums(p), nums(p.adjust(p, method = "BH")))
})
write_rows("bh.csv", c("case", "p", "adjusted"), rows)

# ------------------------------------- Cochran-Armitage trend (prop.trend.test)
# score NA = default scores 1..k. A group with no trials is dropped by R's lm (freq NaN); R's statistic NaN = no test.
trend_cases <- list(
  rising_ages    = list(x = c(12, 18, 25, 30, 41, 52), n = c(80, 95, 100, 98, 110, 104)),
  falling        = list(x = c(40, 33, 30, 21, 15), n = c(60, 61, 64, 58, 55)),
  custom_scores  = list(x = c(5, 9, 14, 22), n = c(40, 42, 41, 45), s = c(20, 35, 50, 72.5)),
  zero_trials    = list(x = c(5, 0, 8, 12), n = c(20, 0, 25, 30)),
  no_trend       = list(x = c(10, 20, 30, 20, 10), n = c(50, 100, 150, 100, 50)),
  near_one       = list(x = c(21, 20, 22, 20), n = c(100, 100, 101, 99)),
  tiny_p         = list(x = c(50, 150, 300, 450, 600), n = c(1000, 1000, 1000, 1000, 1000)),
  two_groups     = list(x = c(18, 9), n = c(25, 25)),
  u_shape        = list(x = c(30, 10, 5, 10, 30), n = c(50, 50, 50, 50, 50)),
  negative_score = list(x = c(3, 7, 12), n = c(30, 31, 29), s = c(-1, 0, 2)),
  single_success = list(x = c(0, 0, 1), n = c(10, 10, 10)),
  all_success    = list(x = c(5, 6, 7), n = c(5, 6, 7)),
  no_success     = list(x = c(0, 0, 0), n = c(5, 6, 7)),
  one_group      = list(x = c(4, 0), n = c(10, 0)),
  equal_scores   = list(x = c(4, 6, 8), n = c(10, 10, 10), s = c(2, 2, 2))
)
rows <- lapply(names(trend_cases), function(name) {
  cs <- trend_cases[[name]]
  s <- if (is.null(cs$s)) seq_along(cs$x) else cs$s
  t <- suppressWarnings(tryCatch(prop.trend.test(cs$x, cs$n, s), error = function(e) NULL))
  stat <- if (is.null(t)) NA else unname(t$statistic)
  keep <- cs$n > 0
  pr <- cs$x[keep] / cs$n[keep]
  slope <- if (is.na(stat)) NA else unname(coef(lm(pr ~ s[keep], weights = cs$n[keep]))[2])
  c(name, ints(cs$x), ints(cs$n), if (is.null(cs$s)) "NA" else nums(cs$s),
    num(stat), num(if (is.na(stat)) NA else t$p.value), num(slope))
})
write_rows("trend.csv", c("case", "successes", "trials", "scores", "statistic", "p_value", "slope"), rows)

# --------------------------------------------------- Kruskal-Wallis (ties)
# Groups separated by ";", values by " "; NaN values are ignored and empty groups dropped (x/g form of kruskal.test).
make_lcg <- function(seed) { state <- seed; function(k) { state <<- (1103515245 * state + 12345) %% 2^31; state %% k } }
draw <- make_lcg(20261203)
likert <- lapply(c(180, 240, 150, 90), function(size) vapply(seq_len(size), function(i) draw(5) + 1, 0))
likert[[4]] <- likert[[4]] + (likert[[4]] < 3)
children <- lapply(c(400, 350, 500), function(size) vapply(seq_len(size), function(i) min(draw(4) + draw(3), 5), 0))
kw_cases <- list(
  no_ties       = list(c(2.9, 3.0, 2.5, 2.6, 3.2), c(3.8, 2.7, 4.0, 2.4), c(2.8, 3.4, 3.7, 2.2, 2.0)),
  ties          = list(c(1, 2, 2, 3, 3, 3), c(2, 3, 4, 4, 5), c(1, 1, 2, 5, 5, 5, 4)),
  with_nan      = list(c(10, NaN, 12, 15), c(NaN, 20, 22, 21, 25), c(11, 14, NaN)),
  empty_group   = list(c(1, 2, 3), numeric(0), c(4, 5, 6), c(2, 7)),
  singletons    = list(c(5), c(3), c(9), c(1, 4)),
  near_one      = list(c(1, 2, 3, 4, 5, 6), c(6, 5, 4, 3, 2, 1), c(1, 6, 2, 5, 3, 4)),
  tiny_p        = list(0:199, 100:299, 250:449),
  two_groups    = list(c(0.5, 1.5, 1.5, 2.5), c(2.5, 3.5, 3.5, 3.5, 4.5)),
  likert_4      = likert,
  children_3    = children,
  single_group  = list(c(1, 2, 3), numeric(0)),
  all_equal     = list(c(2, 2), c(2, 2, 2)),
  negative_mixed = list(c(-1.5, 0, 2e6), c(-3e-4, 7, 7), c(1e-9, -1e9, 3))
)
rows <- lapply(names(kw_cases), function(name) {
  groups <- kw_cases[[name]]
  x <- unlist(groups)
  g <- factor(rep.int(seq_along(groups), lengths(groups)))
  t <- suppressWarnings(tryCatch(kruskal.test(x, g), error = function(e) NULL))
  ok <- !is.na(x)
  stat <- if (is.null(t)) NA else unname(t$statistic)
  c(name, paste(vapply(groups, nums, ""), collapse = ";"), num(stat),
    if (is.na(stat)) "NA" else unname(t$parameter), num(if (is.na(stat)) NA else t$p.value),
    if (is.na(stat)) "NA" else nlevels(factor(g[ok])), sum(ok))
})
write_rows("kruskal.csv", c("case", "groups", "statistic", "df", "p_value", "groups_kept", "n"), rows)

# ------------------------------------ r x c tables: exact and Monte Carlo p
# exact_chisq_p: the exact conditional p of Pearson's chi-square given both margins (every table enumerated; the
# quantity a Monte Carlo p estimates), with R's tolerance 1 - 64 eps. fisher_p: R's fisher.test (Fisher-Freeman-
# Halton, tables ordered by probability, not by chi-square; workspace 2e8) and whether R's default workspace suffices.
# sim_p: chisq.test(simulate.p.value = TRUE) with B draws.
column_fillings <- function(total, caps) {
  if (length(caps) == 1) return(if (total <= caps) matrix(total, 1, 1) else matrix(0L, 0, 1))
  out <- NULL
  for (v in 0:min(total, caps[1])) {
    rest <- column_fillings(total - v, caps[-1])
    if (nrow(rest) > 0) out <- rbind(out, cbind(v, rest))
  }
  if (is.null(out)) matrix(0L, 0, length(caps)) else unname(out)
}
exact_chisq_p <- function(t) {
  t <- reduce(t)$t
  r <- rowSums(t); cs <- colSums(t); n <- sum(t)
  E <- outer(r, cs) / n
  observed <- sum((t - E)^2 / E)
  log_k <- sum(lfactorial(r)) + sum(lfactorial(cs)) - lfactorial(n)
  p <- 0
  walk <- function(j, left, partial_stat, partial_log) {
    if (j == length(cs)) {
      x <- left
      s <- partial_stat + sum((x - E[, j])^2 / E[, j])
      if (s >= observed * (1 - 64 * .Machine$double.eps)) p <<- p + exp(log_k + partial_log - sum(lfactorial(x)))
      return(invisible())
    }
    fills <- column_fillings(cs[j], left)
    for (k in seq_len(nrow(fills))) {
      x <- fills[k, ]
      walk(j + 1, left - x, partial_stat + sum((x - E[, j])^2 / E[, j]), partial_log - sum(lfactorial(x)))
    }
  }
  walk(1, r, 0, 0)
  p
}
rxc_cases <- list(
  low_expected        = chisq_cases$low_expected,
  sparse_cochran_fail = chisq_cases$sparse_cochran_fail,
  zero_row_and_column = tbl(c(3, 0, 1, 2), c(0, 0, 0, 0), c(1, 0, 4, 0), c(2, 0, 0, 3)),
  two_by_three        = tbl(c(3, 1, 0), c(1, 4, 5)),
  near_one            = tbl(c(2, 4, 3), c(4, 8, 6), c(2, 4, 3)),
  near_zero           = tbl(c(6, 0, 0), c(0, 6, 0), c(0, 0, 6)),
  ties_symmetric      = tbl(c(2, 2), c(2, 2), c(2, 2)),
  two_by_two          = tbl(c(18, 7), c(9, 16)),
  district_dontknow   = tbl(c(20, 27, 1), c(35, 17, 3), c(22, 24, 0), c(30, 18, 2)),
  age_by_choice       = tbl(c(12, 9, 4, 1), c(8, 14, 6, 0), c(5, 11, 13, 2), c(3, 7, 15, 4)),
  survey_3x4          = chisq_cases$survey_3x4,
  wide_2x7            = chisq_cases$wide_2x7,
  large_2x5           = tbl(c(120, 95, 80, 60, 3), c(110, 120, 95, 90, 9)),
  twelve_by_five      = outer(0:11, 0:4, function(i, j) 10 + (i * 7 + j * 13) %% 41),
  ten_by_five_n1600   = outer(0:9, 0:4, function(i, j) 12 + (i * 11 + j * 17) %% 41),
  five_by_four_sparse = tbl(c(40, 55, 3, 0), c(61, 30, 1, 2), c(38, 44, 0, 1), c(52, 41, 4, 0), c(45, 47, 2, 3)),
  three_by_five_n95   = tbl(c(10, 8, 5, 3, 2), c(6, 9, 8, 5, 4), c(3, 5, 9, 12, 6)),
  five_by_three_sparse = tbl(c(20, 18, 1), c(25, 12, 2), c(15, 20, 0), c(30, 25, 3), c(14, 14, 1)),
  six_by_three_sparse = tbl(c(30, 18, 1), c(25, 22, 2), c(25, 20, 0), c(30, 25, 3), c(24, 24, 1), c(30, 19, 1)),
  two_by_eight_n1200  = tbl(c(80, 70, 90, 60, 50, 70, 100, 80), c(70, 80, 60, 90, 80, 60, 70, 90))
)
exact_feasible <- c("low_expected", "sparse_cochran_fail", "zero_row_and_column", "two_by_three", "near_one",
                    "near_zero", "ties_symmetric", "two_by_two")
sim_b <- 1e6
rows <- list()
for (name in names(rxc_cases)) {
  t <- rxc_cases[[name]]
  rt <- reduce(t)$t
  stat <- suppressWarnings(chisq.test(rt, correct = FALSE))$statistic
  exact <- if (name %in% exact_feasible) exact_chisq_p(t) else NA
  set.seed(20261203)
  sim <- suppressWarnings(chisq.test(rt, simulate.p.value = TRUE, B = sim_b))$p.value
  fisher <- tryCatch(fisher.test(rt, workspace = 2e8)$p.value, error = function(e) NA)
  fisher_default <- tryCatch(fisher.test(rt)$p.value, error = function(e) NA)
  rows[[name]] <- c(name, table_string(t), num(unname(stat)), num(exact), num(sim), sim_b, num(fisher),
                    if (is.na(fisher_default)) "no" else "yes")
}
write_rows("rxc.csv", c("case", "table", "statistic", "exact_chisq_p", "sim_p", "sim_draws", "fisher_p",
                        "fisher_default_workspace"), rows)

cat("wrote fixtures to", out_dir, "\n")
