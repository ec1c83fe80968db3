# Reference values for the design-based trend and Kruskal–Wallis tests of the example's weighted 2023 wave
# (weighted by district population, `weights: strata`), computed with R's survey package independently of the Swift
# code: the raw files are keyed by example_keying.R (it never reads anything `survey` writes).
#
# Re-run from the repository root (R >= 4.2 with the survey package, Debian r-cran-survey):
#
#   Rscript Tests/SurveyTabulationTests/Fixtures/reference_weighted_tests.R
#
# It writes reference_weighted_tests.csv next to this file: quantity,question,break,choice,value with
#   slope, se    the coefficient of the axis score and its SE in svyglm(I(y == c) ~ score, design) (gaussian), y the
#                answer (a multiple question: whether the choice is chosen, among those who answered), score the
#                axis's code (1…k); respondents not eligible, with no answer or no axis value are NA (left out of the
#                fit, still in the design) — for q4, q7, district (single) and q14 (multiple) by age, q4 by years;
#                choices chosen by nobody or everybody in the test are skipped;
#   kw_chisq, kw_ndf, kw_ddf, kw_p   svyranktest(y ~ axis, design, test = "KruskalWallis") (R's `parameter`, its
#                `statistic` (the numerator df), `ddf`, `p.value`), and mid_chisq, mid_ddf, mid_p the same with tied
#                answers ranked at the mid-point of their weight (Tests/SurveyStatisticsTests/Fixtures/midrank.R: R's
#                multiranktest with that one line changed), for the numbers q1, q2
#                by district, area, sex, age and years (not q1 by years, made from q1).
# where the design is svydesign(ids = ~1, strata = ~stratum, weights = ~w), example_keying.R's strata weights.
# Doubles are printed with sprintf("%.17g"). WeightedTestsReferenceTests.swift compares each row.
# Generated with: R version 4.2.2 Patched (2022-11-10 r83330), survey 4.1.1.

suppressMessages(library(survey))
source("Tests/SurveyTabulationTests/Fixtures/example_keying.R")
num <- function(x) sprintf("%.17g", x)

# w and stratum: the strata weights of example_keying.R.
frame <- data.frame(w = w, stratum = stratum, district = d$district, area = d$area, sex = d$sex, age = d$age,
                    years = d$years, q1 = d$q1, q2 = d$q2)
design <- svydesign(ids = ~1, strata = ~stratum, weights = ~w, data = frame)

rows <- character(0)
emit <- function(quantity, id, axis, choice, value) {
  rows <<- c(rows, paste(quantity, id, axis, choice, num(value), sep = ","))
}

# Trend: the slope of the choice's indicator on the axis's score.
trend <- function(id, chosen, answered, axis) {
  keep <- elig_of(id) & answered & !is.na(frame[[axis]])
  for (j in seq_len(ncol(chosen))) {
    y <- ifelse(keep, as.numeric(chosen[, j]), NA)
    if (sum(y, na.rm = TRUE) == 0 || sum(y, na.rm = TRUE) == sum(keep)) next
    des <- update(design, y = y, score = frame[[axis]])
    fit <- svyglm(y ~ score, des)
    emit("slope", id, axis, j, coef(fit)[["score"]])
    emit("se", id, axis, j, SE(fit)[["score"]])
  }
}
for (id in c("q4", "q7", "district")) {
  k <- length(labels[[id]])
  chosen <- sapply(seq_len(k), function(j) !is.na(d[[id]]) & d[[id]] == j)
  trend(id, chosen, !is.na(d[[id]]), "age")
}
trend("q14", q14, rowSums(q14) > 0, "age")
trend("q4", sapply(seq_along(labels$q4), function(j) !is.na(d$q4) & d$q4 == j), !is.na(d$q4), "years")

source("Tests/SurveyStatisticsTests/Fixtures/midrank.R")  # midrank(): tied answers at their mid-point
for (id in c("q1", "q2")) {
  for (axis in c("district", "area", "sex", "age", "years")) {
    if (id == "q1" && axis == "years") next
    des <- update(design, v = ifelse(elig_of(id), frame[[id]], NA), g = frame[[axis]])
    test <- svyranktest(v ~ g, des, test = "KruskalWallis")
    mid <- midrank(v ~ g, des)
    emit("kw_chisq", id, axis, "", test$parameter)
    emit("kw_ndf", id, axis, "", test$statistic)
    emit("kw_ddf", id, axis, "", test$ddf)
    emit("kw_p", id, axis, "", test$p.value)
    emit("mid_chisq", id, axis, "", mid[["chisq"]])
    emit("mid_ddf", id, axis, "", mid[["ddf"]])
    emit("mid_p", id, axis, "", mid[["p"]])
  }
}
out <- file.path("Tests/SurveyTabulationTests/Fixtures", "reference_weighted_tests.csv")
writeLines(c("quantity,question,break,choice,value", rows), out)
cat("wrote", length(rows), "rows to", out, "\n")
