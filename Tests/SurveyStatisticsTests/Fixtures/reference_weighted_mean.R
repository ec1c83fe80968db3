# Reference values for WeightedMean, WeightedProportion and WeightedQuantile, computed with R's survey package.
#
# Re-run from the repository root (R >= 4.2 with the survey package, Debian r-cran-survey):
#   Rscript Tests/SurveyStatisticsTests/Fixtures/reference_weighted_mean.R
# It writes weighted_mean.csv next to this file: per respondent (id) its stratum, group, weight, value (NA: no
# value) and flag (0/1), then lines `design,domain,quantity,value` (design `strata`: svydesign(ids = ~1,
# strata = ~stratum, weights = ~w); `plain`: svydesign(ids = ~1, weights = ~w); domain `all` or `group1`, `group2`):
#   mean, se    svymean(~value, design, na.rm = TRUE) / svyby(~value, ~group, design, svymean, na.rm = TRUE)
#   p, p_se     the same of the 0/1 flag (over every respondent of the domain)
#   q25, q50, q75   svyquantile(~value, design, p, na.rm = TRUE, ci = FALSE), default qrule "math" (on the subset design)
# Numbers are written with sprintf("%.17g").
# Generated with: R version 4.2.2 Patched (2022-11-10 r83330), survey 4.1.1.

suppressMessages(library(survey))
args <- commandArgs(trailingOnly = FALSE)
script <- sub("^--file=", "", args[grep("^--file=", args)])
out_dir <- if (length(script) == 1) dirname(normalizePath(script)) else "."
num <- function(x) sprintf("%.17g", x)

set.seed(20261204)
n <- 90
stratum <- rep(1:3, c(40, 30, 20))
group <- sample(1:2, n, replace = TRUE, prob = c(0.6, 0.4))
w <- c(12000, 9000, 15000)[stratum] / c(40, 30, 20)[stratum] * runif(n, 0.8, 1.25)
value <- round(rgamma(n, shape = 2, scale = 8))
value[sample(n, 9)] <- NA
flag <- as.integer(runif(n) < 0.3 + 0.1 * stratum)
data <- data.frame(id = 1:n, stratum = stratum, group = group, w = w, value = value, flag = flag)

lines <- paste(data$id, data$stratum, data$group, num(data$w), ifelse(is.na(data$value), "NA", num(data$value)),
               data$flag, sep = ",")
results <- character(0)
emit <- function(design, domain, quantity, value) results <<- c(results, paste(design, domain, quantity, num(value), sep = ","))
designs <- list(strata = svydesign(ids = ~1, strata = ~stratum, weights = ~w, data = data),
                plain = svydesign(ids = ~1, weights = ~w, data = data))
for (name in names(designs)) {
  des <- designs[[name]]
  m <- svymean(~value, des, na.rm = TRUE); emit(name, "all", "mean", coef(m)); emit(name, "all", "se", SE(m))
  p <- svymean(~flag, des); emit(name, "all", "p", coef(p)); emit(name, "all", "p_se", SE(p))
  q <- as.vector(svyquantile(~value, des, c(0.25, 0.5, 0.75), na.rm = TRUE, ci = FALSE)[[1]])
  emit(name, "all", "q25", q[1]); emit(name, "all", "q50", q[2]); emit(name, "all", "q75", q[3])
  by <- svyby(~value, ~group, des, svymean, na.rm = TRUE)
  byp <- svyby(~flag, ~group, des, svymean)
  for (g in 1:2) {
    emit(name, paste0("group", g), "mean", by[g, "value"]); emit(name, paste0("group", g), "se", by[g, "se"])
    emit(name, paste0("group", g), "p", byp[g, "flag"]); emit(name, paste0("group", g), "p_se", byp[g, "se"])
    q <- as.vector(svyquantile(~value, subset(des, group == g), c(0.25, 0.5, 0.75), na.rm = TRUE, ci = FALSE)[[1]])
    emit(name, paste0("group", g), "q25", q[1]); emit(name, paste0("group", g), "q50", q[2]); emit(name, paste0("group", g), "q75", q[3])
  }
}
writeLines(c("id,stratum,group,w,value,flag", lines, "design,domain,quantity,value", results),
           file.path(out_dir, "weighted_mean.csv"))
