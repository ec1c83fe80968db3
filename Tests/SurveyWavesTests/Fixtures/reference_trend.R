# Independent reference values for the trend test of `survey compare` across the example's three waves.
# Re-run from the repository root:  Rscript Tests/SurveyWavesTests/Fixtures/reference_trend.R
# Reads the raw data files of 2013, 2018 and 2023 (not anything `survey` writes), keys 問4, 問8 and 問11 itself
# (blank, 99 and double marks such as "1・2" are 無回答; full-width digits and spaces normalised), maps 2013's and
# 2018's 問8 codes as series.yaml says ({1:1, 2:2, 3:3, 4:3, 5:4}), and writes trend_compare.csv: per choice, net
# and 無回答 R's prop.trend.test(x, n) over the wave order (scores 1, 2, 3), its X-squared and p, and the slope of
# the weighted least-squares line of the share on the score in points per wave (as prop.trend.test fits it);
# and indicators_by_district.csv: the participation indicator (問8 1 or 2, after the mapping) within each 地区 per
# wave, as counts x of n respondents of that 地区 (blank and 99 are no 地区).

read_wave <- function(folder, files) {
  frames <- lapply(files, function(f) {
    enc <- if (f$encoding == "cp932") "CP932" else "UTF-8-BOM"
    read.csv(file.path(folder, f$file), fileEncoding = enc, colClasses = "character", check.names = FALSE)
  })
  d <- do.call(rbind, lapply(frames, function(d) d[, c("回答者ID", "地区", "問4", "問8", "問11")]))
  d[trimws(d[["回答者ID"]]) != "", ]   # the blank Excel line has no id
}
normalise <- function(x) {
  x <- chartr("０１２３４５６７８９", "0123456789", x)
  trimws(gsub("\u3000", " ", x))
}
code_counts <- function(values, codes) {
  v <- normalise(values)
  v[!(v %in% as.character(codes))] <- NA   # blank, 99 and double marks count as 無回答
  sapply(codes, function(k) sum(v == as.character(k), na.rm = TRUE))
}

waves <- list(
  read_wave("Surveys/shimin/2013", list(list(file = "paper.csv", encoding = "cp932"))),
  read_wave("Surveys/shimin/2018", list(list(file = "paper.csv", encoding = "cp932"), list(file = "web.csv", encoding = "cp932"))),
  read_wave("Surveys/shimin/2023", list(list(file = "paper.csv", encoding = "cp932"), list(file = "web.csv", encoding = "utf-8"))))
n <- sapply(waves, nrow)

rows <- list()
add <- function(question, kind, choice, x) {
  t <- prop.trend.test(x, n)
  p <- x / n
  fit <- lm(p ~ seq_along(x), weights = n)   # the line prop.trend.test tests (its weights differ by a constant)
  rows[[length(rows) + 1]] <<- data.frame(question = question, kind = kind, choice = choice,
    x = paste(x, collapse = ";"), n = paste(n, collapse = ";"),
    statistic = sprintf("%.17g", unname(t$statistic)), p_value = sprintf("%.17g", t$p.value),
    slope_points = sprintf("%.17g", 100 * unname(coef(fit)[2])))
}
q4 <- lapply(waves, function(w) code_counts(w[["問4"]], 1:4))
for (k in 1:4) add("q4", "choice", k, sapply(q4, `[`, k))
add("q4", "nonresponse", "", n - sapply(q4, sum))
q8 <- lapply(seq_along(waves), function(i) {
  c8 <- code_counts(waves[[i]][["問8"]], if (i < 3) 1:5 else 1:4)
  if (i < 3) c(c8[1], c8[2], c8[3] + c8[4], c8[5]) else c8
})
for (k in 1:4) add("q8", "choice", k, sapply(q8, `[`, k))
add("q8", "nonresponse", "", n - sapply(q8, sum))
q11 <- lapply(waves, function(w) code_counts(w[["問11"]], 1:3))
for (k in 1:3) add("q11", "choice", k, sapply(q11, `[`, k))
write.csv(do.call(rbind, rows), "Tests/SurveyWavesTests/Fixtures/trend_compare.csv", row.names = FALSE, quote = FALSE)

by <- list()
for (i in seq_along(waves)) {
  district <- normalise(waves[[i]][["地区"]])
  for (k in 1:10) {
    w <- waves[[i]][district == as.character(k), ]
    c8 <- code_counts(w[["問8"]], if (i < 3) 1:5 else 1:4)
    by[[length(by) + 1]] <- data.frame(indicator = "participation", district = k, wave = c(2013, 2018, 2023)[i],
                                       x = c8[1] + c8[2], n = nrow(w))
  }
}
write.csv(do.call(rbind, by), "Tests/SurveyWavesTests/Fixtures/indicators_by_district.csv", row.names = FALSE, quote = FALSE)
