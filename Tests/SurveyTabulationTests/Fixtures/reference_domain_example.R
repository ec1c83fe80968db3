# Reference values for the example wave's weighted cross-tab tests as domains of the whole wave's design: q9 (問9,
# asked of few; a multiple question) by sex, age and years, and q6 (a single question with 無回答) by age and sex.
# Each table's respondents are a domain: the design is every respondent of the wave, those outside the table
# (not asked, 無回答, the axis blank) with NA, so each stratum's n_h is the wave's and the design's degrees of
# freedom are the wave's n − H. Computed with R's survey package (options(survey.lonely.psu = "adjust"), the tool's
# rule; the wave has no lonely stratum) from the raw data keyed in example_keying.R (not from anything `survey`
# writes).
#
# Re-run from the repository root (R >= 4.2 with the survey package, Debian r-cran-survey):
#   Rscript Tests/SurveyTabulationTests/Fixtures/reference_domain_example.R
# Design: svydesign(ids = ~1, strata = ~stratum, weights = ~w, data = every respondent), the wave's strata weights
# w = population_h / respondents_h by 地区 (stratum 0 for a blank 地区: Σ population / respondents with one).
# Writes domain_example.csv, lines `question,break,choice,group,quantity,value`:
#   f, ndf, ddf, p   svychisq(~y + axis, design, statistic = "F"): q9 per choice j (y: chosen / answered but not
#                    chosen; choice j), q6 the whole table (choice empty)
#   difference, se   svyglm(I(y == c) ~ I(axis == g), design): the slope and its SE (the tool's design_z = d/se)
#   (svyglm drops the NA rows with `[.survey.design2`, which keeps each stratum's sample size: the same domain.)
# A check at the end: the same tests on the table's respondents alone (svydesign on the subset's rows, n_h the
# table's) differ, which is what this reference tells apart.
# Numbers are written with sprintf("%.17g").
# Generated with: R version 4.2.2 Patched (2022-11-10 r83330), survey 4.1.1.

suppressMessages(library(survey))
options(survey.lonely.psu = "adjust")
source("Tests/SurveyTabulationTests/Fixtures/example_keying.R")
out_file <- "Tests/SurveyTabulationTests/Fixtures/domain_example.csv"
num <- function(x) sprintf("%.17g", x)

rows <- character(0)
emit <- function(q, brk, choice, group, quantity, value) rows <<- c(rows, paste(q, brk, choice, group, quantity, num(value), sep = ","))
frame <- data.frame(stratum = stratum, w = w, sex = d$sex, age = d$age, years = d$years, q6 = d$q6)
design <- svydesign(ids = ~1, strata = ~stratum, weights = ~w, data = frame)
cat("design:", nrow(frame), "respondents in", length(unique(stratum)), "strata; degf", degf(design), "\n")

# One table: y (NA outside it) by axis; `choice` names the q9 choice, empty for q6.
tabulate_domain <- function(q, axis, y, choice, values) {
  data <- transform(frame, y = y, a = frame[[axis]])
  data$y[is.na(data$a)] <- NA
  data$a[is.na(data$y)] <- NA
  domain <- svydesign(ids = ~1, strata = ~stratum, weights = ~w, data = data)
  test <- svychisq(~y + a, domain, statistic = "F")
  emit(q, axis, choice, "", "f", test$statistic); emit(q, axis, choice, "", "ndf", test$parameter[["ndf"]])
  emit(q, axis, choice, "", "ddf", test$parameter[["ddf"]]); emit(q, axis, choice, "", "p", test$p.value)
  for (v in values) {
    for (g in sort(unique(na.omit(data$a)))) {
      fit <- svyglm(I(y == v) ~ I(a == g), update(domain, g = g, v = v))
      label <- if (choice == "") v else choice
      emit(q, axis, label, g, "difference", coef(fit)[[2]]); emit(q, axis, label, g, "se", SE(fit)[[2]])
    }
  }
  kept <- !is.na(data$y)
  alone <- svydesign(ids = ~1, strata = ~stratum, weights = ~w, data = data[kept, ])
  c(wave = test$statistic[[1]], table_alone = svychisq(~y + a, alone, statistic = "F")$statistic[[1]])
}

answered <- elig_of("q9") & rowSums(q9) > 0
checks <- list()
for (axis in c("sex", "age", "years")) {
  for (j in 1:8) {
    y <- ifelse(answered, as.numeric(q9[, j]), NA)
    checks[[paste("q9", axis, j)]] <- tabulate_domain("q9", axis, y, j, 1)
  }
}
for (axis in c("age", "sex")) checks[[paste("q6", axis)]] <- tabulate_domain("q6", axis, d$q6, "", 1:4)
cat("F on the wave's design vs on the table's respondents alone (relative difference), largest 5:\n")
relative <- sapply(checks, function(x) abs(x[["wave"]] / x[["table_alone"]] - 1))
print(head(sort(relative, decreasing = TRUE), 5))
writeLines(c("question,break,choice,group,quantity,value", rows), out_file)
cat("wrote", length(rows), "reference values to", out_file, "\n")
