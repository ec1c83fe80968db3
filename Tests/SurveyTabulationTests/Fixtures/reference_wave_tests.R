# Reference values for the wave-level tests of the example wave Surveys/shimin/2023, computed with R:
# the Benjamini–Hochberg adjustment over the wave's tests (p.adjust), Cochran–Armitage trend tests
# (prop.trend.test) and Kruskal–Wallis tests (kruskal.test).
#
# Re-run from the repository root (R 4.2.2, base packages only) after re-recording Reports/:
#
#   Rscript Tests/SurveyTabulationTests/Fixtures/reference_wave_tests.R
#
# It writes Tests/SurveyTabulationTests/Fixtures/reference_wave_tests.csv with the columns
#   quantity,question,break,choice,test,value
# (doubles printed with sprintf("%.17g")); WaveTestsReferenceTests.swift compares each row with
# Tabulator.tabulate at the tolerances given there.
#
# - p_adjusted, one per row of Reports/shimin/2023/tests.csv that the report uses: the p used is chosen here
#   from the file's own columns by the README's rule (chi-square rows: `p_value` when Cochran's rule holds,
#   i.e. min_expected >= 1 and low_expected_share <= 0.2, else `exact_p`; trend and kruskal-wallis rows:
#   `p_value`; Fisher rows: none; in a weighted wave (the file has rao-scott rows, as 2023 has) the design-based
#   rao-scott, design-trend and design-kruskal-wallis rows' `p_value` in place of their chi-square, trend and
#   kruskal-wallis rows, which are then not used), and adjusted with p.adjust(method = "BH") over all of them at once.
#   (This checks the choice of p and the adjustment; the p-values themselves are checked elsewhere.)
# - trend_statistic, trend_p, trend_slope: for every choice of q4, q7 (single) and q14 (multiple, flag
#   columns, at most 3 answers) by age (ordered, scores 1..7), and of q4 by years (the classes 1..4 of the number
#   q1 cut at 5, 10, 20, R's findInterval), from the raw data keyed in example_keying.R:
#   successes = respondents of the age group choosing the choice, trials = those of the group who answered;
#   prop.trend.test(x, n, score) on the groups with trials; the slope is that of lm(x/n ~ score, weights = n).
# - monte_carlo_p: chisq.test(simulate.p.value = TRUE, B = 1e6) of a few tables that fail Cochran's rule
#   (q3, q5 and age by sex, q5 by district, district by sex), to compare with survey's `exact_p`.
# - ffh_p: fisher.test (Fisher–Freeman–Halton) of a few per-choice tables of multiple questions by sex that fail
#   Cochran's rule (q13 choices 4 and 11, q9 choice 6), to compare with survey's `exact_p`.
# - kw_statistic, kw_df, kw_p, kw_n: kruskal.test of the number questions q1 and q2 by district, area, sex
#   and age (respondents with a number and an axis value; groups without any are dropped).

source("Tests/SurveyTabulationTests/Fixtures/example_keying.R")
out_file <- "Tests/SurveyTabulationTests/Fixtures/reference_wave_tests.csv"

rows <- list()
emit <- function(quantity, question, brk, choice, test, value) {
  text <- if (quantity %in% c("kw_df", "kw_n")) sprintf("%d", as.integer(value)) else sprintf("%.17g", value)
  rows[[length(rows) + 1]] <<- data.frame(quantity = quantity, question = question, `break` = brk,
                                          choice = as.character(choice), test = test, value = text,
                                          check.names = FALSE)
}

# 1. Benjamini–Hochberg over the p the report uses.
tests <- read.csv("Reports/shimin/2023/tests.csv", fileEncoding = "UTF-8-BOM", colClasses = "character",
                  na.strings = "", check.names = FALSE)
num <- function(x) as.numeric(x)
reliable <- !is.na(tests$min_expected) & num(tests$min_expected) >= 1 & num(tests$low_expected_share) <= 0.2
weighted <- any(tests$test == "rao-scott")
used <- ifelse(tests$test == "fisher" | (weighted & tests$test %in% c("chi-square", "trend", "kruskal-wallis")), NA,
               ifelse(tests$test == "chi-square" & !reliable, num(tests$exact_p), num(tests$p_value)))
adjusted <- p.adjust(used, method = "BH")
cat("tests:", nrow(tests), "used:", sum(!is.na(used)), "\n")
for (i in which(!is.na(used))) {
  emit("p_adjusted", tests$question[i], tests$`break`[i], ifelse(is.na(tests$choice[i]), "", tests$choice[i]),
       tests$test[i], adjusted[i])
}

# 2. Trend tests by age (and q4 by years, the classes of the number q1).
trend <- function(id, chosen, answered, axis = "age") {
  keep <- elig_of(id) & !is.na(d[[axis]])
  for (j in seq_len(ncol(chosen))) {
    x <- sapply(axis_codes[[axis]], function(g) sum(chosen[keep & d[[axis]] == g, j]))
    n <- sapply(axis_codes[[axis]], function(g) sum(answered[keep & d[[axis]] == g]))
    score <- axis_codes[[axis]]
    with_trials <- n > 0
    x <- x[with_trials]; n <- n[with_trials]; score <- score[with_trials]
    if (sum(x) == 0 || sum(x) == sum(n)) next
    test <- prop.trend.test(x, n, score)
    slope <- unname(coef(lm(I(x / n) ~ score, weights = n))[2])
    emit("trend_statistic", id, axis, j, "trend", unname(test$statistic))
    emit("trend_p", id, axis, j, "trend", test$p.value)
    emit("trend_slope", id, axis, j, "trend", slope)
  }
}
for (id in c("q4", "q7")) {
  k <- length(labels[[id]])
  chosen <- sapply(seq_len(k), function(j) !is.na(d[[id]]) & d[[id]] == j)
  trend(id, chosen, !is.na(d[[id]]))
}
trend("q14", q14, rowSums(q14) > 0)
trend("q4", sapply(seq_along(labels$q4), function(j) !is.na(d$q4) & d$q4 == j), !is.na(d$q4), axis = "years")

# 3. Monte Carlo p of tables that fail Cochran's rule: R's own simulation with 10^6 draws (its standard error
#    is then at most 0.0005), to compare with survey's 10^5 draws within both errors.
monte_carlo <- function(id, axis) {
  keep <- elig_of(id) & !is.na(d[[axis]]) & !is.na(d[[id]])
  t <- table(d[[axis]][keep], d[[id]][keep])
  t <- t[rowSums(t) > 0, colSums(t) > 0, drop = FALSE]
  set.seed(20231)
  test <- suppressWarnings(chisq.test(t, correct = FALSE, simulate.p.value = TRUE, B = 1e6))
  emit("monte_carlo_p", id, axis, "", "chi-square", test$p.value)
}
for (pair in list(c("q3", "sex"), c("q5", "district"), c("q5", "sex"), c("sex", "age"), c("district", "sex"))) {
  monte_carlo(pair[1], pair[2])
}

# Fisher–Freeman–Halton p (fisher.test on r × c) of per-choice tables of multiple questions by sex that fail
# Cochran's rule: sex × (chosen, not chosen) over the respondents who answered.
per_choice_fisher <- function(id, m, j) {
  keep <- elig_of(id) & rowSums(m) > 0 & !is.na(d$sex)
  sex <- factor(d$sex[keep], levels = axis_codes$sex)
  t <- cbind(tapply(m[keep, j], sex, sum, default = 0), tapply(!m[keep, j], sex, sum, default = 0))
  t <- t[rowSums(t) > 0, , drop = FALSE]
  emit("ffh_p", id, "sex", j, "chi-square", fisher.test(t)$p.value)
}
per_choice_fisher("q13", q13, 4)
per_choice_fisher("q13", q13, 11)
per_choice_fisher("q9", q9, 6)

# 4. Kruskal–Wallis tests of the number questions.
for (id in c("q1", "q2")) {
  for (axis in c("district", "area", "sex", "age", "years")) {
    if (id == "q1" && axis == "years") next  # years is made from q1: not one of its axes
    keep <- elig_of(id) & !is.na(d[[id]]) & !is.na(d[[axis]])
    test <- kruskal.test(d[[id]][keep], factor(d[[axis]][keep]))
    emit("kw_statistic", id, axis, "", "kruskal-wallis", unname(test$statistic))
    emit("kw_df", id, axis, "", "kruskal-wallis", unname(test$parameter))
    emit("kw_p", id, axis, "", "kruskal-wallis", test$p.value)
    emit("kw_n", id, axis, "", "kruskal-wallis", sum(keep))
  }
}

result <- do.call(rbind, rows)
write.csv(result, out_file, row.names = FALSE, quote = FALSE, fileEncoding = "UTF-8")
cat("wrote", nrow(result), "reference values to", out_file, "\n")
