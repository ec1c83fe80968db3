# Reference values for DesignTrendTest and DesignKruskalWallisTest, computed with R's survey package (Lumley).
#
# Re-run from the repository root (R >= 4.2 with the survey package, Debian r-cran-survey):
#   Rscript Tests/SurveyStatisticsTests/Fixtures/reference_design_tests.R
# It writes design_tests.csv next to this file: per respondent (id) its stratum (1-4, allocated 80/70/50/40 whatever
# the strata's populations), weights (w_strata = population_h / respondents_h; w_column, random), an ordered axis
# `age` (1-5, NA for 無回答), a single answer `q` (1-3, NA for 無回答), a number `x` without ties, a number `y` of
# whole values (many ties), and `eligible` (0/1: the domain of a question asked of some); then lines
# `design,domain,test,variable,quantity,value`:
#   design `strata`: svydesign(ids = ~1, strata = ~stratum, weights = ~w_strata); `column`: svydesign(ids = ~1,
#   weights = ~w_column); domain `all` (the whole design) or `eligible` (subset(design, eligible == 1), whose
#   variances keep every stratum's respondents n_h, as R's domain estimation does).
#   test `trend`, variable `q1`…`q3`: svyglm(I(q == c) ~ age, design) (gaussian): quantity `slope` (the coefficient
#   of age), `se` (its SE), `intercept`; respondents with q or age NA are left out (n_h stays the design's).
#   test `kruskal`, variable `x` / `y`: svyranktest(v ~ age, design, test = "KruskalWallis") — quantity `chisq` (the
#   Wald statistic of the rank scores' group means, R's `parameter`), `ndf`, `ddf`, `p` — and the same test with the
#   tied values' rank taken as the estimated population CDF's mid-point, F̂(v−) + ŵ(v)/2 (quantities `mid_chisq`,
#   `mid_ddf`, `mid_p`; midrank.R: multiranktest's own code with that one line changed). Without ties (x) both
#   are the same; with ties (y) R averages cumsum(w) − w/2 over the tied respondents in row order, which is not the
#   mid-point when their weights differ (and depends on the rows' order).
# Numbers are written with sprintf("%.17g").
# Generated with: R version 4.2.2 Patched (2022-11-10 r83330), survey 4.1.1.

suppressMessages(library(survey))
args <- commandArgs(trailingOnly = FALSE)
script <- sub("^--file=", "", args[grep("^--file=", args)])
out_dir <- if (length(script) == 1) dirname(normalizePath(script)) else "."
num <- function(x) sprintf("%.17g", x)

set.seed(20261205)
allocation <- c(80, 70, 50, 40)
stratum <- rep(1:4, allocation)
n <- length(stratum)
population <- c(12400, 8100, 15300, 30200)
w_strata <- population[stratum] / allocation[stratum]
w_column <- round(runif(n, 0.4, 3), 3)
age <- sample(1:5, n, replace = TRUE, prob = c(0.1, 0.2, 0.25, 0.25, 0.2))
q <- sapply(age, function(a) sample(1:3, 1, prob = c(0.2 + 0.08 * a, 0.4, 0.5 - 0.06 * a)))
x <- round(rgamma(n, shape = 2 + 0.3 * age + 0.2 * stratum, scale = 5), 6)
y <- round(rgamma(n, shape = 1.5 + 0.2 * age, scale = 3))
eligible <- as.integer(runif(n) < 0.7)
age[sample(n, 9)] <- NA
q[sample(n, 12)] <- NA
x[sample(n, 10)] <- NA
y[sample(n, 10)] <- NA
stopifnot(!any(duplicated(x[!is.na(x)])), any(duplicated(y[!is.na(y)])))
data <- data.frame(id = 1:n, stratum = stratum, w_strata = w_strata, w_column = w_column, age = age, q = q, x = x, y = y,
                   eligible = eligible)

source(file.path(out_dir, "midrank.R"))  # midrank(): the same test with tied answers at their mid-point

cell <- function(v) ifelse(is.na(v), "NA", num(v))
lines <- paste(data$id, data$stratum, num(data$w_strata), num(data$w_column), cell(data$age), cell(data$q), cell(data$x),
               cell(data$y), data$eligible, sep = ",")
results <- character(0)
emit <- function(...) results <<- c(results, paste(..., sep = ","))
designs <- list(strata = svydesign(ids = ~1, strata = ~stratum, weights = ~w_strata, data = data),
                column = svydesign(ids = ~1, weights = ~w_column, data = data))
for (name in names(designs)) {
  for (domain in c("all", "eligible")) {
    des <- if (domain == "all") designs[[name]] else subset(designs[[name]], eligible == 1)
    for (k in 1:3) {
      fit <- eval(bquote(svyglm(I(q == .(k)) ~ age, des)))
      emit(name, domain, "trend", paste0("q", k), "slope", num(coef(fit)[["age"]]))
      emit(name, domain, "trend", paste0("q", k), "se", num(SE(fit)[["age"]]))
      emit(name, domain, "trend", paste0("q", k), "intercept", num(coef(fit)[["(Intercept)"]]))
    }
    for (v in c("x", "y")) {
      f <- as.formula(paste(v, "~ age"))
      test <- svyranktest(f, des, test = "KruskalWallis")
      mid <- midrank(f, des)
      emit(name, domain, "kruskal", v, "chisq", num(test$parameter))
      emit(name, domain, "kruskal", v, "ndf", num(test$statistic))
      emit(name, domain, "kruskal", v, "ddf", num(test$ddf))
      emit(name, domain, "kruskal", v, "p", num(test$p.value))
      emit(name, domain, "kruskal", v, "mid_chisq", num(mid[["chisq"]]))
      emit(name, domain, "kruskal", v, "mid_ddf", num(mid[["ddf"]]))
      emit(name, domain, "kruskal", v, "mid_p", num(mid[["p"]]))
    }
  }
}
writeLines(c("id,stratum,w_strata,w_column,age,q,x,y,eligible", lines, "design,domain,test,variable,quantity,value", results),
           file.path(out_dir, "design_tests.csv"))
