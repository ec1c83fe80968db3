# How the tool's treatment of raked weights (the final weights as plain weights: svydesign(ids = ~1, weights = ~w))
# compares with R's calibrated design (rake() on svydesign(ids = ~1, weights = ~1)), whose standard errors also
# remove the variance the raking margins explain. Not a test fixture: the figures the README quotes (Weights, and
# tests.csv's rao-scott rows) come from here.
#
# Re-run from the repository root (R >= 4.2 with the survey package, Debian r-cran-survey):
#   Rscript Tests/SurveyStatisticsTests/Fixtures/raking_vs_plain.R
# It writes raking_vs_plain.csv next to this file: sample,quantity,variables,category,calibrated,plain,ratio with
#   se     SE of svymean(~factor(v)) for each category of v (ratio = plain / calibrated)
#   p      p of svychisq(~a + b, statistic = "F") (ratio = plain / calibrated)
# on two samples:
#   reference  the 200 respondents of weights.csv (reference_weights.R: district allocated 80/60/40/20, sex and age
#              skewed), raked to its sex and age margins as there, plus `opinion` (3 answers whose shares depend on
#              age and sex, drawn here with a fixed seed) as a variable that is no margin;
#   larger1…5  five samples of 1,000 respondents drawn here (sex, 5 age bands, 4 districts skewed against the
#              population; opinion depending on age, sex and district), raked to sex and age margins;
# `kind` says whether v (or a and b) are raking margins; raking_vs_plain_summary.txt has the range of the ratios per quantity and kind.
# A margin's calibrated SE is 0 up to rounding (raking fixes its shares), so its ratio only says "plain is larger".
# Generated with: R version 4.2.2 Patched (2022-11-10 r83330), survey 4.1.1.

suppressMessages(library(survey))
args <- commandArgs(trailingOnly = FALSE)
script <- sub("^--file=", "", args[grep("^--file=", args)])
out_dir <- if (length(script) == 1) dirname(normalizePath(script)) else "."
num <- function(x) sprintf("%.6g", x)

draw_opinion <- function(age, sex, district, seed) {
  set.seed(seed)
  logit <- -0.8 + 0.35 * (age - mean(age)) + 0.4 * (sex == 2) + 0.25 * (district - mean(district))
  p_agree <- plogis(logit)
  u <- runif(length(age))
  ifelse(u < p_agree, 1L, ifelse(u < p_agree + (1 - p_agree) / 2, 2L, 3L))
}

rows <- character(0)
compare <- function(sample, data, margins, totals) {
  start <- svydesign(ids = ~1, weights = ~1, data = transform(data, one = 1))
  raked <- rake(start, lapply(margins, function(m) as.formula(paste0("~", m))), totals,
                control = list(maxit = 100, epsilon = 1e-7))
  data$w <- unname(weights(raked))
  plain <- svydesign(ids = ~1, weights = ~w, data = data)
  variables <- c(margins, setdiff(c("district", "opinion"), margins))
  for (v in variables) {
    f <- as.formula(paste0("~factor(", v, ")"))
    se_cal <- SE(svymean(f, raked)); se_plain <- SE(svymean(f, plain))
    kind <- if (v %in% margins) "margin" else "other"
    for (k in seq_along(se_cal)) {
      rows <<- c(rows, paste(sample, "se", v, k, num(se_cal[k]), num(se_plain[k]), num(se_plain[k] / se_cal[k]), kind, sep = ","))
    }
  }
  pairs <- combn(variables, 2, simplify = FALSE)
  for (pair in pairs) {
    f <- as.formula(paste("~", pair[1], "+", pair[2]))
    p_cal <- svychisq(f, raked, statistic = "F")$p.value
    p_plain <- svychisq(f, plain, statistic = "F")$p.value
    kind <- if (all(pair %in% margins)) "margin x margin" else if (any(pair %in% margins)) "margin x other" else "other x other"
    rows <<- c(rows, paste(sample, "p", paste(pair, collapse = " x "), "", num(p_cal), num(p_plain), num(p_plain / p_cal), kind, sep = ","))
  }
}

# The reference sample of reference_weights.R, raked as there.
reference <- read.csv(file.path(out_dir, "weights.csv"))
reference$opinion <- draw_opinion(reference$age, reference$sex, reference$district, 20261204)
compare("reference", reference, c("sex", "age"),
        list(data.frame(sex = 1:2, Freq = c(32000, 34000)), data.frame(age = 1:3, Freq = c(26000, 22000, 18000))))

# Larger samples, skewed against their margins (five draws).
for (draw in 1:5) {
  set.seed(20261205 + draw)
  n <- 1000
  larger <- data.frame(sex = sample(1:2, n, replace = TRUE, prob = c(0.4, 0.6)),
                       age = sample(1:5, n, replace = TRUE, prob = c(0.08, 0.12, 0.2, 0.25, 0.35)),
                       district = sample(1:4, n, replace = TRUE, prob = c(0.4, 0.3, 0.2, 0.1)))
  larger$opinion <- draw_opinion(larger$age, larger$sex, larger$district, 20261305 + draw)
  compare(paste0("larger", draw), larger, c("sex", "age"),
          list(data.frame(sex = 1:2, Freq = c(48000, 52000)), data.frame(age = 1:5, Freq = c(15000, 18000, 20000, 22000, 25000))))
}

table <- read.csv(text = c("sample,quantity,variables,category,calibrated,plain,ratio,kind", rows))
write.csv(table, file.path(out_dir, "raking_vs_plain.csv"), row.names = FALSE, quote = FALSE, na = "")
summary <- character(0)
for (q in c("se", "p")) for (k in unique(table$kind[table$quantity == q])) {
  r <- table$ratio[table$quantity == q & table$kind == k]
  summary <- c(summary, sprintf("%-2s %-15s plain/calibrated %.3g – %.3g, median %.3g (%d)", q, k, min(r), max(r), median(r), length(r)))
}
writeLines(summary, file.path(out_dir, "raking_vs_plain_summary.txt"))
cat(summary, sep = "\n")
