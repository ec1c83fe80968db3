# Reference values for strata with a single respondent (lonely PSUs), computed with R's survey package under
# options(survey.lonely.psu = "adjust") (and the default survey.adjust.domain.lonely = FALSE).
#
# Re-run from the repository root (R >= 4.2 with the survey package, Debian r-cran-survey):
#   Rscript Tests/SurveyStatisticsTests/Fixtures/reference_lonely_psu.R
# It writes lonely_psu_data.csv next to this file, per respondent: id, stratum (strata 4 and 5 hold one respondent
# each; stratum 5's has no value), group (group 2 has exactly one respondent in stratum 3, which has 11), band
# (1..3), age (1..3), weight, value (NA: no value), flag (0/1) and x (value plus a uniform draw; NA with value);
# and lonely_psu.csv, lines `design,test,domain,quantity,value`, design `strata` (svydesign(ids = ~1,
# strata = ~stratum, weights = ~w)) or
# `all_lonely` (every respondent its own stratum, strata = ~id):
#   mean mean/se        svymean(~value, design, na.rm = TRUE), domain all, or group1/group2 by
#                       svyby(~value, ~group, design, svymean, na.rm = TRUE)
#   mean p/p_se         the same of the 0/1 flag
#   mean se_domain_lonely/p_se_domain_lonely   group 2's SEs with options(survey.adjust.domain.lonely = TRUE),
#                       where its single respondent in stratum 3 is treated as lonely (not the default: ours must
#                       differ from these)
#   chisq f/ndf/ddf/p/pearson   svychisq(~row + age, design, statistic = "F"), domain the row variable (group,
#                       band), with the Pearson X² of the weighted table scaled to n
#   glm difference/se   svyglm(I(age == k) ~ I(row == g), design): slope and SE, domain `row=g:age=k`
#   trend slope/se      svyglm(I(age == k) ~ band, design): the slope on the band's score and its SE, domain `agek`
#   kruskal chisq/ndf/ddf/p   svyranktest(x ~ band, design, test = "KruskalWallis") (strata design only: with every
#                       stratum lonely R's denominator df is negative), x = value plus a uniform draw, without ties
#                       (so the tool's mid-point ranks are R's own); chisq is R's `parameter`, ndf its `statistic`
# Numbers are written with sprintf("%.17g").
# Generated with: R version 4.2.2 Patched (2022-11-10 r83330), survey 4.1.1.

suppressMessages(library(survey))
options(survey.lonely.psu = "adjust")
args <- commandArgs(trailingOnly = FALSE)
script <- sub("^--file=", "", args[grep("^--file=", args)])
out_dir <- if (length(script) == 1) dirname(normalizePath(script)) else "."
num <- function(x) sprintf("%.17g", x)

set.seed(20261205)
sizes <- c(30, 20, 11, 1, 1)
stratum <- rep(seq_along(sizes), sizes)
n <- length(stratum)
group <- sample(1:2, n, replace = TRUE, prob = c(0.55, 0.45))
group[stratum == 3] <- 1
group[which(stratum == 3)[4]] <- 2
group[stratum == 4] <- 1
group[stratum == 5] <- 2
band <- sample(1:3, n, replace = TRUE)
age <- sample(1:3, n, replace = TRUE, prob = c(0.3, 0.3, 0.4))
w <- c(9000, 8000, 7000, 600, 500)[stratum] / sizes[stratum] * runif(n, 0.8, 1.25)
value <- round(rgamma(n, shape = 2, scale = 8))
value[sample(which(stratum <= 3), 5)] <- NA
value[stratum == 5] <- NA
flag <- as.integer(runif(n) < 0.25 + 0.1 * (stratum %% 3))
x <- ifelse(is.na(value), NA, value + runif(n))
data <- data.frame(id = 1:n, stratum = stratum, group = group, band = band, age = age, w = w, value = value, flag = flag, x = x)
stopifnot(!any(duplicated(x[!is.na(x)])))
stopifnot(sum(data$group == 2 & data$stratum == 3) == 1)

write.csv(transform(data, w = num(w), value = ifelse(is.na(value), "NA", num(value)), x = ifelse(is.na(x), "NA", num(x))),
          file.path(out_dir, "lonely_psu_data.csv"), row.names = FALSE, quote = FALSE)

results <- character(0)
emit <- function(design, test, domain, quantity, value)
  results <<- c(results, paste(design, test, domain, quantity, num(value), sep = ","))
designs <- list(strata = svydesign(ids = ~1, strata = ~stratum, weights = ~w, data = data),
                all_lonely = svydesign(ids = ~1, strata = ~id, weights = ~w, data = data))
for (name in names(designs)) {
  des <- designs[[name]]
  m <- svymean(~value, des, na.rm = TRUE); emit(name, "mean", "all", "mean", coef(m)); emit(name, "mean", "all", "se", SE(m))
  p <- svymean(~flag, des); emit(name, "mean", "all", "p", coef(p)); emit(name, "mean", "all", "p_se", SE(p))
  by <- svyby(~value, ~group, des, svymean, na.rm = TRUE)
  byp <- svyby(~flag, ~group, des, svymean)
  for (g in 1:2) {
    emit(name, "mean", paste0("group", g), "mean", by[g, "value"]); emit(name, "mean", paste0("group", g), "se", by[g, "se"])
    emit(name, "mean", paste0("group", g), "p", byp[g, "flag"]); emit(name, "mean", paste0("group", g), "p_se", byp[g, "se"])
  }
  if (name == "strata") {
    options(survey.adjust.domain.lonely = TRUE)
    by <- suppressWarnings(svyby(~value, ~group, des, svymean, na.rm = TRUE))
    byp <- suppressWarnings(svyby(~flag, ~group, des, svymean))
    options(survey.adjust.domain.lonely = FALSE)
    emit(name, "mean", "group2", "se_domain_lonely", by[2, "se"]); emit(name, "mean", "group2", "p_se_domain_lonely", byp[2, "se"])
  }
  for (k in 1:3) {
    fit <- eval(bquote(svyglm(I(age == .(k)) ~ band, des)))
    emit(name, "trend", paste0("age", k), "slope", coef(fit)[["band"]]); emit(name, "trend", paste0("age", k), "se", SE(fit)[["band"]])
  }
  if (name == "strata") {
    test <- svyranktest(x ~ band, des, test = "KruskalWallis")
    emit(name, "kruskal", "x", "chisq", test$parameter); emit(name, "kruskal", "x", "ndf", test$statistic)
    emit(name, "kruskal", "x", "ddf", test$ddf); emit(name, "kruskal", "x", "p", test$p.value)
  }
  for (row in c("group", "band")) {
    f <- as.formula(paste("~", row, "+ age"))
    test <- suppressWarnings(svychisq(f, des, statistic = "F"))
    pearson <- suppressWarnings(chisq.test(svytable(f, des, Ntotal = n), correct = FALSE))$statistic
    for (q in list(c("f", test$statistic), c("ndf", test$parameter["ndf"]), c("ddf", test$parameter["ddf"]),
                   c("p", test$p.value), c("pearson", pearson))) emit(name, "chisq", row, q[1], as.numeric(q[2]))
    for (g in sort(unique(data[[row]]))) for (k in 1:3) {
      cell <- eval(bquote(update(des, y = as.numeric(age == .(k)), d = as.numeric(.(as.name(row)) == .(g)))))
      fit <- svyglm(y ~ d, cell)
      domain <- paste0(row, "=", g, ":age=", k)
      emit(name, "glm", domain, "difference", coef(fit)[["d"]]); emit(name, "glm", domain, "se", SE(fit)[["d"]])
    }
  }
}
writeLines(c("design,test,domain,quantity,value", results), file.path(out_dir, "lonely_psu.csv"))
