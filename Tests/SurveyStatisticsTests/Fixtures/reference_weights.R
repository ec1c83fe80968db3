# Reference weights for the weighting tests, computed with R's survey package (Lumley), independently of the tool.
#
# Re-run from the repository root (R >= 4.2 with the survey package, Debian r-cran-survey):
#   Rscript Tests/SurveyStatisticsTests/Fixtures/reference_weights.R
# It rewrites weights.csv next to this file: a small stratified sample (200 respondents, district allocated
# 80/60/40/20 whatever the districts' populations, sex and age band skewed against the population) and each
# respondent's weights:
#   strata_w        population_h / respondents_h, the weights of svydesign(ids = ~1, strata = ~district, weights = ~w)
#   rake_w          rake() of svydesign(ids = ~1, weights = ~1) to the sex and age margins (epsilon 1e-7, relative)
#   rake_trimmed_w  trimWeights(raked, lower = 0.5 * mean, upper = 2 * mean, strict = TRUE)
# and weighted_tables.csv: with the strata design, the age band's weighted counts (svytable(~age)) and percents
# (svymean(~factor(age)) × 100) overall and by sex (svytable(~sex + age), svyby(~factor(age), ~sex, svymean)), and
# Kish's effective n and design effect overall and per district ((Σw)²/Σw², n·Σw²/(Σw)²: a formula, not an R function).
# and rao_scott.csv: svychisq(~row + col, design, statistic = "F") (F, ndf, ddf, p) on the strata design and on
# svydesign(ids = ~1, weights = ~w_column), with the Pearson X² of the weighted table scaled to n.
# and domain_difference.csv: per design (strata; column = svydesign(ids = ~1, weights = ~w_column); rake =
# svydesign(ids = ~1, weights = ~rake_w), the raked weights as plain weights; rake-calibrated = the rake() design
# itself, whose standard errors also remove the variance the margins explain), per pair (sex × age, district × age),
# group g of the row variable and category c of the column variable: the slope of
# svyglm(I(column == c) ~ I(row == g), design) (p̂_g − p̂_rest) and its standard error.
# Numbers are written with sprintf("%.17g"), i.e. round-trip exact doubles.
# Generated with: R version 4.2.2 Patched (2022-11-10 r83330), survey 4.1.1.

suppressMessages(library(survey))
args <- commandArgs(trailingOnly = FALSE)
script <- sub("^--file=", "", args[grep("^--file=", args)])
out_dir <- if (length(script) == 1) dirname(normalizePath(script)) else "."
num <- function(x) sprintf("%.17g", x)

set.seed(20261203)
allocation <- c(80, 60, 40, 20)
district <- rep(1:4, allocation)
n <- length(district)
sex <- sample(1:2, n, replace = TRUE, prob = c(0.65, 0.35))
age <- sample(1:3, n, replace = TRUE, prob = c(0.15, 0.30, 0.55))
w_column <- round(runif(n, 0.5, 3), 3)
data <- data.frame(id = 1:n, district = district, sex = sex, age = age, w_column = w_column)

# Stratified design weights: population over respondents per district.
population <- c(`1` = 12400, `2` = 8100, `3` = 15300, `4` = 30200)
data$strata_w <- as.vector(population[as.character(data$district)]) / as.vector(table(data$district)[as.character(data$district)])
strata <- svydesign(ids = ~1, strata = ~district, weights = ~strata_w, data = data)
stopifnot(isTRUE(all.equal(unname(weights(strata)), data$strata_w)))

# Raking to the sex and age margins (totals 66000 each), from weight 1.
sex_margin <- data.frame(sex = 1:2, Freq = c(32000, 34000))
age_margin <- data.frame(age = 1:3, Freq = c(26000, 22000, 18000))
start <- svydesign(ids = ~1, weights = ~1, data = transform(data, one = 1))
raked <- rake(start, list(~sex, ~age), list(sex_margin, age_margin), control = list(maxit = 100, epsilon = 1e-7))
data$rake_w <- unname(weights(raked))
mean_w <- mean(data$rake_w)
trimmed <- trimWeights(raked, lower = 0.5 * mean_w, upper = 2 * mean_w, strict = TRUE)
data$rake_trimmed_w <- unname(weights(trimmed))
stopifnot(any(data$rake_w > 2 * mean_w), any(data$rake_w < 0.5 * mean_w))

out <- data.frame(id = data$id, district = data$district, sex = data$sex, age = data$age, w_column = num(data$w_column),
                  strata_w = num(data$strata_w), rake_w = num(data$rake_w), rake_trimmed_w = num(data$rake_trimmed_w))
write.csv(out, file.path(out_dir, "weights.csv"), row.names = FALSE, quote = FALSE)

# Weighted tables of the strata design.
rows <- character(0)
emit <- function(measure, sex, age, value) rows <<- c(rows, paste(measure, sex, age, num(value), sep = ","))
counts <- svytable(~age, strata)
shares <- coef(svymean(~factor(age), strata))
for (a in 1:3) {
  emit("count", "", a, counts[as.character(a)])
  emit("percent", "", a, 100 * shares[a])
}
by_sex <- svytable(~sex + age, strata)
shares_by_sex <- svyby(~factor(age), ~sex, strata, svymean)
for (s in 1:2) for (a in 1:3) {
  emit("count", s, a, by_sex[as.character(s), as.character(a)])
  emit("percent", s, a, 100 * shares_by_sex[as.character(s), paste0("factor(age)", a)])
}
kish <- function(w) c(sum(w)^2 / sum(w^2), length(w) * sum(w^2) / sum(w)^2)
emit("effective_n", "", "", kish(data$strata_w)[1])
emit("design_effect", "", "", kish(data$strata_w)[2])
for (h in 1:4) {
  emit("effective_n", paste0("district", h), "", kish(data$strata_w[data$district == h])[1])
  emit("design_effect", paste0("district", h), "", kish(data$strata_w[data$district == h])[2])
}
writeLines(c("measure,group,age,value", rows), file.path(out_dir, "weighted_tables.csv"))

# Rao–Scott second-order tests.
column_design <- svydesign(ids = ~1, weights = ~w_column, data = data)
rao <- character(0)
for (design_name in c("strata", "column")) {
  design <- if (design_name == "strata") strata else column_design
  for (pair in list(c("sex", "age"), c("district", "age"), c("district", "sex"))) {
    f <- as.formula(paste("~", pair[1], "+", pair[2]))
    test <- svychisq(f, design, statistic = "F")
    scaled <- svytable(f, design, Ntotal = nrow(data))
    pearson <- suppressWarnings(chisq.test(scaled, correct = FALSE))$statistic
    rao <- c(rao, paste(design_name, pair[1], pair[2], num(test$statistic), num(test$parameter["ndf"]),
                        num(test$parameter["ddf"]), num(test$p.value), num(pearson), sep = ","))
  }
}
writeLines(c("design,row,column,f,ndf,ddf,p,pearson", rao), file.path(out_dir, "rao_scott.csv"))

# Design-based cell tests: group g's weighted proportion of category c against the rest of the respondents.
rake_plain <- svydesign(ids = ~1, weights = ~rake_w, data = data)
domain <- character(0)
for (design_name in c("strata", "column", "rake", "rake-calibrated")) {
  design <- switch(design_name, strata = strata, column = column_design, rake = rake_plain, `rake-calibrated` = raked)
  for (pair in list(c("sex", "age"), c("district", "age"))) {
    for (g in sort(unique(data[[pair[1]]]))) for (k in sort(unique(data[[pair[2]]]))) {
      cell <- eval(bquote(update(design, y = as.numeric(.(as.name(pair[2])) == .(k)), d = as.numeric(.(as.name(pair[1])) == .(g)))))
      fit <- svyglm(y ~ d, cell)
      domain <- c(domain, paste(design_name, pair[1], pair[2], g, k, num(coef(fit)[["d"]]), num(SE(fit)[["d"]]), sep = ","))
    }
  }
}
writeLines(c("design,row,column,group,category,difference,se", domain), file.path(out_dir, "domain_difference.csv"))
