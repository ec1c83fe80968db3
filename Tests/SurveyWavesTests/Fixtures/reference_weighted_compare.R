# Independent reference values for `survey compare` where a wave is weighted: the example's 2023 wave is weighted by
# district population (`weights: strata`), 2013 and 2018 are not. Computed with R's survey package from the raw data
# files (not anything `survey` writes).
# Re-run from the repository root (R >= 4.2 with the survey package):
#   Rscript Tests/SurveyWavesTests/Fixtures/reference_weighted_compare.R
# Keying as reference_compare.R and reference_trend.R (blank, 99 and double marks are 無回答; full-width digits
# normalised; 2013's and 2018's 問8 codes mapped {1:1, 2:2, 3:3, 4:3, 5:4}).
# 2023's design: svydesign(ids = ~1, strata = ~stratum, weights = ~w), w = population_h / respondents_h of each
# district (survey.yaml); respondents without a district get Σ population / respondents with one and form a stratum of
# their own (stratum 0), as the tool does. 2018 is a simple random sample: its share's SE is √(p(1 − p)/n), its mean's s/√n.
# Writes:
#   weighted_compare.csv: per row of q4, q8 (choices, 無回答), q22's free-text share (text), and the indicators
#     participation, isolation, meibo (against their 2018 baseline) and minsei (against 2018, the previous wave):
#     2018's x1, n1, p1 = x1/n1 and se1; 2023's p2 = svymean(~y, design) and se2 = its SE; the difference p2 − p1,
#     SE = √(se1² + se2²), z, two-sided normal p and the 95 % interval (difference ± qnorm(0.975)·SE), in proportions.
#   weighted_means_compare.csv: q1 and q2: 2018's mean and s/√n, 2023's svymean(~y, design, na.rm = TRUE) and SE,
#     the difference and its z, p and interval, 2023's weighted median svyquantile(~y, design, 0.5, ci = FALSE).
#   weighted_trend_compare.csv: per q4, q8 and q11 row, prop.trend.test(x, n) over 2013, 2018, 2023 where 2013's and
#     2018's (x, n) are their counts and 2023's Rao & Scott's effective counts ñ = p(1 − p)/se², x̃ = p·ñ; with
#     the slope of lm(x/n ~ score, weights = n) in points per wave.
# Generated with: R version 4.2.2 Patched (2022-11-10 r83330), survey 4.1.1.

suppressMessages(library(survey))
num <- function(x) sprintf("%.17g", x)
read_wave <- function(folder, files) {
  frames <- lapply(files, function(f) {
    enc <- if (f$encoding == "cp932") "CP932" else "UTF-8-BOM"
    d <- read.csv(file.path(folder, f$file), fileEncoding = enc, colClasses = "character", check.names = FALSE)
    # 2018's free text is 問20, 2023's 問22; 2013's 問17 is another question (only 問4, 問8 and 問11 of 2013 are read).
    d$自由記述 <- if ("問22" %in% names(d)) d[["問22"]] else if ("問20" %in% names(d)) d[["問20"]] else ""
    for (column in c("問17", "問20")) if (!(column %in% names(d))) d[[column]] <- ""
    d[, c("回答者ID", "地区", "問1", "問2", "問4", "問8", "問11", "問17", "問20", "自由記述")]
  })
  d <- do.call(rbind, frames)
  d[trimws(d[["回答者ID"]]) != "", ]   # the blank Excel line has no id
}
normalise <- function(x) {
  x <- chartr("０１２３４５６７８９", "0123456789", x)
  trimws(gsub("\u3000", " ", x))
}
code <- function(values, codes) {
  v <- normalise(values)
  v[!(v %in% as.character(codes))] <- NA
  as.integer(v)
}
numbers <- function(values) suppressWarnings(as.numeric(normalise(values)))
map8 <- function(v) c(1L, 2L, 3L, 3L, 4L)[v]

w2013 <- read_wave("Surveys/shimin/2013", list(list(file = "paper.csv", encoding = "cp932")))
w2018 <- read_wave("Surveys/shimin/2018", list(list(file = "paper.csv", encoding = "cp932"), list(file = "web.csv", encoding = "cp932")))
w2023 <- read_wave("Surveys/shimin/2023", list(list(file = "paper.csv", encoding = "cp932"), list(file = "web.csv", encoding = "utf-8")))

# 2023's design.
population <- c(14200, 9100, 13800, 7600, 4300, 3900, 8700, 16900, 10200, 9300)
district <- code(w2023[["地区"]], 1:10)
answered <- !is.na(district)
respondents <- tabulate(district[answered], nbins = 10)
d23 <- data.frame(w = ifelse(answered, population[ifelse(answered, district, 1L)] / respondents[ifelse(answered, district, 1L)],
                             sum(population) / sum(answered)),
                  stratum = ifelse(answered, district, 0L))
design_with <- function(y) {
  d23$y <- y
  svydesign(ids = ~1, strata = ~stratum, weights = ~w, data = d23)
}
svy <- function(y, na.rm = FALSE) {
  m <- svymean(~y, design_with(y), na.rm = na.rm)
  c(unname(coef(m)), unname(SE(m)))
}

# Rows and indicators: y = 1 when the answer is one of the codes, else 0 (無回答 included in the base).
rows <- list()
add <- function(item, y1, y2) {
  x1 <- sum(y1); n1 <- length(y1); p1 <- x1 / n1; se1 <- sqrt(p1 * (1 - p1) / n1)
  s2 <- svy(as.numeric(y2)); se <- sqrt(se1^2 + s2[2]^2); d <- s2[1] - p1; z <- d / se
  rows[[length(rows) + 1]] <<- data.frame(item = item, x1 = x1, n1 = n1, p1 = num(p1), se1 = num(se1), p2 = num(s2[1]),
    se2 = num(s2[2]), difference = num(d), se = num(se), z = num(z), p_value = num(2 * pnorm(-abs(z))),
    ci_low = num(d - qnorm(0.975) * se), ci_high = num(d + qnorm(0.975) * se))
}
is_in <- function(v, codes) !is.na(v) & v %in% codes
q4_18 <- code(w2018[["問4"]], 1:4); q4_23 <- code(w2023[["問4"]], 1:4)
for (k in 1:4) add(paste0("q4:", k), is_in(q4_18, k), is_in(q4_23, k))
add("q4:nonresponse", is.na(q4_18), is.na(q4_23))
q8_18 <- map8(code(w2018[["問8"]], 1:5)); q8_23 <- code(w2023[["問8"]], 1:4)
for (k in 1:4) add(paste0("q8:", k), is_in(q8_18, k), is_in(q8_23, k))
add("q8:nonresponse", is.na(q8_18), is.na(q8_23))
add("q22:text", trimws(w2018$自由記述) != "", trimws(w2023$自由記述) != "")
add("participation", is_in(q8_18, 1:2), is_in(q8_23, 1:2))
add("isolation", is_in(q4_18, 4), is_in(q4_23, 4))
add("meibo", is_in(code(w2018[["問17"]], 1:3), 1), is_in(code(w2023[["問17"]], 1:3), 1))
add("minsei", is_in(code(w2018[["問11"]], 1:3), 1:2), is_in(code(w2023[["問11"]], 1:3), 1:2))
write.csv(do.call(rbind, rows), "Tests/SurveyWavesTests/Fixtures/weighted_compare.csv", row.names = FALSE, quote = FALSE)

means <- list()
for (q in c("問1", "問2")) {
  x <- numbers(w2018[[q]]); x <- x[!is.na(x)]
  y <- numbers(w2023[[q]])
  s2 <- svy(y, na.rm = TRUE)
  se1 <- sd(x) / sqrt(length(x)); se <- sqrt(se1^2 + s2[2]^2); d <- s2[1] - mean(x); z <- d / se
  median2 <- as.vector(svyquantile(~y, design_with(y), 0.5, na.rm = TRUE, ci = FALSE)[[1]])
  means[[length(means) + 1]] <- data.frame(question = if (q == "問1") "q1" else "q2", mean1 = num(mean(x)), se1 = num(se1),
    mean2 = num(s2[1]), se2 = num(s2[2]), difference = num(d), z = num(z), p_value = num(2 * pnorm(-abs(z))),
    ci_low = num(d - qnorm(0.975) * se), ci_high = num(d + qnorm(0.975) * se), median2 = num(median2))
}
write.csv(do.call(rbind, means), "Tests/SurveyWavesTests/Fixtures/weighted_means_compare.csv", row.names = FALSE, quote = FALSE)

trend <- list()
add_trend <- function(question, kind, choice, y13, y18, y23) {
  s <- svy(as.numeric(y23)); n23 <- s[1] * (1 - s[1]) / s[2]^2
  x <- c(sum(y13), sum(y18), s[1] * n23); n <- c(length(y13), length(y18), n23)
  t <- prop.trend.test(x, n)
  fit <- lm(I(x / n) ~ seq_along(x), weights = n)
  trend[[length(trend) + 1]] <<- data.frame(question = question, kind = kind, choice = choice,
    statistic = num(unname(t$statistic)), p_value = num(t$p.value), slope_points = num(100 * unname(coef(fit)[2])))
}
q4_13 <- code(w2013[["問4"]], 1:4); q8_13 <- map8(code(w2013[["問8"]], 1:5))
for (k in 1:4) add_trend("q4", "choice", k, is_in(q4_13, k), is_in(q4_18, k), is_in(q4_23, k))
add_trend("q4", "nonresponse", "", is.na(q4_13), is.na(q4_18), is.na(q4_23))
for (k in 1:4) add_trend("q8", "choice", k, is_in(q8_13, k), is_in(q8_18, k), is_in(q8_23, k))
add_trend("q8", "nonresponse", "", is.na(q8_13), is.na(q8_18), is.na(q8_23))
q11 <- lapply(list(w2013, w2018, w2023), function(w) code(w[["問11"]], 1:3))
for (k in 1:3) add_trend("q11", "choice", k, is_in(q11[[1]], k), is_in(q11[[2]], k), is_in(q11[[3]], k))
write.csv(do.call(rbind, trend), "Tests/SurveyWavesTests/Fixtures/weighted_trend_compare.csv", row.names = FALSE, quote = FALSE)

# weighted_indicators_compare.csv: the indicators' 2023 values as published (the weighted share in tenths of a percent,
# rounded half up) and their statuses by the README's rules against the 2018 baseline (unweighted, tenths of the exact
# ratio) or a baseline value; targets, tolerances and directions as series.yaml.
tenths_of <- function(p) floor(1000 * p + 0.5)
tenths <- function(x, n) (2000 * x + n) %/% (2 * n)
status <- function(v, b, target, tol, up) {
  s <- if (up) 1 else -1
  t <- round(target * 10); tl <- round(tol * 10)
  if ((v - t) * s >= 0) return("達成")
  if (is.na(b)) return("判定不可")
  d <- (v - b) * s
  if (d > tl) "改善" else if (d < -tl) "悪化" else "現状維持"
}
share23 <- function(y) svy(as.numeric(y))[1]
q17_18 <- code(w2018[["問17"]], 1:3); q11_18 <- code(w2018[["問11"]], 1:3)
ind <- data.frame(
  indicator = c("participation", "isolation", "minsei", "meibo", "kouken"),
  value = c(tenths_of(share23(is_in(q8_23, 1:2))), tenths_of(share23(is_in(q4_23, 4))),
            tenths_of(share23(is_in(code(w2023[["問11"]], 1:3), 1:2))), tenths_of(share23(is_in(code(w2023[["問17"]], 1:3), 1))),
            tenths_of(share23(is_in(code(w2023[["問20"]], 1:3), 1:2)))),
  baseline = c(tenths(sum(is_in(q8_18, 1:2)), length(q8_18)), tenths(sum(is_in(q4_18, 4)), length(q4_18)), 550,
               tenths(sum(is_in(q17_18, 1)), length(q17_18)), NA))
ind$status <- mapply(status, ind$value, ind$baseline, c(45, 8, 70, 20, 50), c(3, 3, 3, 2, 3), c(TRUE, FALSE, TRUE, TRUE, TRUE))
write.csv(ind, "Tests/SurveyWavesTests/Fixtures/weighted_indicators_compare.csv", row.names = FALSE, quote = FALSE, fileEncoding = "UTF-8")
