# Reference values for the example wave's weighted tests that hold a stratum with a single respondent (a lonely
# PSU): q9 (問9, asked of few) by sex, age and years, where the one q9 respondent who left 地区 blank is alone in
# stratum 0. Computed with R's survey package under options(survey.lonely.psu = "adjust") from the raw data keyed
# in example_keying.R (not from anything `survey` writes).
#
# Re-run from the repository root (R >= 4.2 with the survey package, Debian r-cran-survey):
#   Rscript Tests/SurveyTabulationTests/Fixtures/reference_lonely_example.R
# Design (as the tool's table tests): the table's respondents (q9 eligible and answered, the axis answered), each
# its own PSU in the strata of 地区 (0 for a blank 地区), with the wave's strata weights w = population_h /
# respondents_h (a blank 地区: Σ population / respondents with one; survey.yaml's populations):
# svydesign(ids = ~1, strata = ~stratum, weights = ~w, data = the table's respondents).
# Writes lonely_example.csv, lines `question,break,choice,group,quantity,value`:
#   f, ndf, ddf, p   svychisq(~chosen + axis, design, statistic = "F") of choice j (chosen / answered but not chosen)
#   difference, se   svyglm(chosen ~ I(axis == g), design): the slope and its SE (the tool's design_z = d/se)
# Numbers are written with sprintf("%.17g").
# Generated with: R version 4.2.2 Patched (2022-11-10 r83330), survey 4.1.1.

suppressMessages(library(survey))
options(survey.lonely.psu = "adjust")
source("Tests/SurveyTabulationTests/Fixtures/example_keying.R")
out_file <- "Tests/SurveyTabulationTests/Fixtures/lonely_example.csv"
num <- function(x) sprintf("%.17g", x)

# w and stratum: the strata weights of example_keying.R.
answered <- elig_of("q9") & rowSums(q9) > 0

rows <- character(0)
emit <- function(brk, choice, group, quantity, value) rows <<- c(rows, paste("q9", brk, choice, group, quantity, num(value), sep = ","))
lonely <- character(0)
for (axis in c("sex", "age", "years")) {
  keep <- answered & !is.na(d[[axis]])
  table_strata <- table(stratum[keep])
  lonely <- c(lonely, paste0(axis, ": ", paste(names(table_strata)[table_strata == 1], collapse = " ")))
  for (j in 1:8) {
    data <- data.frame(chosen = as.numeric(q9[keep, j]), axis = d[[axis]][keep], stratum = stratum[keep], w = w[keep])
    design <- svydesign(ids = ~1, strata = ~stratum, weights = ~w, data = data)
    test <- svychisq(~chosen + axis, design, statistic = "F")
    emit(axis, j, "", "f", test$statistic); emit(axis, j, "", "ndf", test$parameter[["ndf"]])
    emit(axis, j, "", "ddf", test$parameter[["ddf"]]); emit(axis, j, "", "p", test$p.value)
    for (g in sort(unique(data$axis))) {
      fit <- svyglm(chosen ~ I(axis == g), update(design, g = g))
      emit(axis, j, g, "difference", coef(fit)[[2]]); emit(axis, j, g, "se", SE(fit)[[2]])
    }
  }
}
cat("lonely strata per table (stratum codes):", lonely, sep = "\n  ")
writeLines(c("question,break,choice,group,quantity,value", rows), out_file)
cat("wrote", length(rows), "reference values to", out_file, "\n")
