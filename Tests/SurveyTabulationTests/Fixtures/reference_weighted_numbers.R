# Reference values for the weighted number summaries of the example wave Surveys/shimin/2023 (weighted by
# district population, `weights: strata`), computed with R's survey package independently of the Swift code: the
# raw files are keyed by example_keying.R (it never reads anything `survey` writes).
#
# Re-run from the repository root (R >= 4.2 with the survey package, Debian r-cran-survey):
#
#   Rscript Tests/SurveyTabulationTests/Fixtures/reference_weighted_numbers.R
#
# It writes reference_weighted_numbers.csv next to this file: quantity,question,break,break_value,value with
#   mean, se   svymean(~y, design, na.rm = TRUE) and its SE (overall), svyby(~y, ~axis, design, svymean,
#              na.rm = TRUE) (per axis value: each value a domain of the whole wave's design)
#   q1, median, q3   svyquantile(~y, design, c(0.25, 0.5, 0.75), na.rm = TRUE, ci = FALSE) (default qrule "math"),
#              overall and on each axis value's subset design
# for the number questions q1 (years lived) and q2 (household size) and the scored scales q6, q19, q21 (y = the
# answer's score, NA for 無回答), where the design is svydesign(ids = ~1, strata = ~stratum, weights = ~w):
#   w = population_h / respondents_h of each district h (survey.yaml); the respondents who left the district blank
#   get Σ population / respondents who answered it and form a stratum of their own (stratum 0), as the tool does.
# Doubles are printed with sprintf("%.17g"). WeightedNumbersReferenceTests.swift compares each row at 1e-9.
# Generated with: R version 4.2.2 Patched (2022-11-10 r83330), survey 4.1.1.

suppressMessages(library(survey))
source("Tests/SurveyTabulationTests/Fixtures/example_keying.R")
num <- function(x) sprintf("%.17g", x)

# w and stratum: the strata weights of example_keying.R.

scored <- function(id) scores[[id]][d[[id]]]
values <- list(q1 = d$q1, q2 = d$q2, q6 = scored("q6"), q19 = scored("q19"), q21 = scored("q21"))
frame <- data.frame(w = w, stratum = stratum, district = d$district, area = d$area, sex = d$sex, age = d$age,
                    years = d$years)
for (id in names(values)) frame[[id]] <- values[[id]]
design <- svydesign(ids = ~1, strata = ~stratum, weights = ~w, data = frame)

rows <- character(0)
emit <- function(quantity, id, axis, value_code, value) {
  rows <<- c(rows, paste(quantity, id, axis, value_code, num(value), sep = ","))
}
quartiles <- function(id, des) {
  q <- svyquantile(as.formula(paste0("~", id)), des, c(0.25, 0.5, 0.75), na.rm = TRUE, ci = FALSE)[[1]]
  as.vector(q)
}
for (id in names(values)) {
  f <- as.formula(paste0("~", id))
  m <- svymean(f, design, na.rm = TRUE)
  emit("mean", id, "total", "", coef(m))
  emit("se", id, "total", "", SE(m))
  q <- quartiles(id, design)
  emit("q1", id, "total", "", q[1]); emit("median", id, "total", "", q[2]); emit("q3", id, "total", "", q[3])
  for (axis in c("district", "area", "sex", "age", "years")) {
    if (id %in% c("q1") && axis == "years") next   # years is derived from q1: not crossed with it
    by <- svyby(f, as.formula(paste0("~", axis)), design, svymean, na.rm = TRUE)
    for (k in seq_len(nrow(by))) {
      code <- by[k, axis]
      emit("mean", id, axis, code, by[k, id])
      emit("se", id, axis, code, by[k, "se"])
      q <- quartiles(id, subset(design, frame[[axis]] == code & !is.na(frame[[axis]])))
      emit("q1", id, axis, code, q[1]); emit("median", id, axis, code, q[2]); emit("q3", id, axis, code, q[3])
    }
  }
}
out <- file.path("Tests/SurveyTabulationTests/Fixtures", "reference_weighted_numbers.csv")
writeLines(c("quantity,question,break,break_value,value", rows), out)
cat("wrote", length(rows), "rows to", out, "\n")
