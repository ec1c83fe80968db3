# Independent reference values for `survey compare` on the example series (Surveys/shimin).
# Re-run from the repository root:  Rscript Tests/SurveyWavesTests/Fixtures/reference_compare.R
# Reads the raw data files of both waves (not anything `survey` writes), keys 問4 and 問8 itself,
# maps 2018's 問8 codes as series.yaml says ({1:1, 2:2, 3:3, 4:3, 5:4}), and writes
# prop_test_compare.csv: R's prop.test(correct = FALSE) per choice and 無回答 (X-squared = z^2, p, and the 95 %
# conf.int of 2023 minus 2018 in points), welch_compare.csv: t.test(2023, 2018) (Welch) and the medians of the
# number questions 問1 and 問2, text_compare.csv: prop.test of the share writing any free text, and
# indicators_compare.csv: the indicator statuses by the rules in the README (達成 without a baseline too), and
# indicator_tests_compare.csv: prop.test of each indicator's change against its baseline or previous wave.

read_wave <- function(folder, files) {
  frames <- lapply(files, function(f) {
    enc <- if (f$encoding == "cp932") "CP932" else "UTF-8-BOM"
    read.csv(file.path(folder, f$file), fileEncoding = enc, colClasses = "character", check.names = FALSE)
  })
  do.call(rbind, lapply(frames, function(d) {
    d$自由記述 <- d[[if ("問22" %in% names(d)) "問22" else "問20"]]   # 2018's free text is 問20, 2023's 問22
    if (!("問22" %in% names(d))) d$問20 <- ""   # 2018 has no 成年後見 question (its 問20 is the free text)
    d[, c("回答者ID", "問1", "問2", "問4", "問8", "問11", "問17", "問20", "自由記述")]
  }))
}
normalise <- function(x) {
  x <- chartr("０１２３４５６７８９", "0123456789", x)
  trimws(gsub("\u3000", " ", x))
}
# A respondent is a row with an id (the blank Excel line has none; every other row has one).
code_counts <- function(values, codes) {
  v <- normalise(values)
  v[v %in% c("", "99")] <- NA
  v[!(v %in% as.character(codes))] <- NA   # double marks such as "2,3" count as 無回答
  sapply(codes, function(k) sum(v == as.character(k), na.rm = TRUE))
}

w2018 <- read_wave("Surveys/shimin/2018", list(list(file = "paper.csv", encoding = "cp932"), list(file = "web.csv", encoding = "cp932")))
w2023 <- read_wave("Surveys/shimin/2023", list(list(file = "paper.csv", encoding = "cp932"), list(file = "web.csv", encoding = "utf-8")))
w2018 <- w2018[normalise(w2018[["回答者ID"]]) != "", ]
w2023 <- w2023[normalise(w2023[["回答者ID"]]) != "", ]
n1 <- nrow(w2018); n2 <- nrow(w2023)

rows <- list()
add <- function(question, code, x1, x2) {
  t <- prop.test(c(x1, x2), c(n1, n2), correct = FALSE)
  ci <- prop.test(c(x2, x1), c(n2, n1), correct = FALSE)$conf.int * 100
  rows[[length(rows) + 1]] <<- data.frame(question = question, choice = code, x1 = x1, n1 = n1, x2 = x2, n2 = n2,
    statistic = sprintf("%.17g", unname(t$statistic)), p_value = sprintf("%.17g", t$p.value),
    ci_low = sprintf("%.17g", ci[1]), ci_high = sprintf("%.17g", ci[2]))
}
q4_18 <- code_counts(w2018[["問4"]], 1:4); q4_23 <- code_counts(w2023[["問4"]], 1:4)
for (k in 1:4) add("q4", k, q4_18[k], q4_23[k])
add("q4", "nonresponse", n1 - sum(q4_18), n2 - sum(q4_23))
q8_18raw <- code_counts(w2018[["問8"]], 1:5)
q8_18 <- c(q8_18raw[1], q8_18raw[2], q8_18raw[3] + q8_18raw[4], q8_18raw[5])
q8_23 <- code_counts(w2023[["問8"]], 1:4)
for (k in 1:4) add("q8", k, q8_18[k], q8_23[k])
add("q8", "nonresponse", n1 - sum(q8_18), n2 - sum(q8_23))
write.csv(do.call(rbind, rows), "Tests/SurveyWavesTests/Fixtures/prop_test_compare.csv", row.names = FALSE, quote = FALSE)

# Number questions: every cell that reads as a number (after NFKC-like normalising) is an answer.
numbers <- function(values) suppressWarnings(as.numeric(normalise(values)))
welch <- list()
for (q in c("問1", "問2")) {
  x <- numbers(w2018[[q]]); x <- x[!is.na(x)]
  y <- numbers(w2023[[q]]); y <- y[!is.na(y)]
  t <- t.test(y, x)
  welch[[length(welch) + 1]] <- data.frame(question = if (q == "問1") "q1" else "q2", n1 = length(x), n2 = length(y),
    mean_difference = sprintf("%.17g", mean(y) - mean(x)), t = sprintf("%.17g", unname(t$statistic)),
    df = sprintf("%.17g", unname(t$parameter)), p_value = sprintf("%.17g", t$p.value),
    ci_low = sprintf("%.17g", t$conf.int[1]), ci_high = sprintf("%.17g", t$conf.int[2]),
    median1 = median(x), median2 = median(y))
}
write.csv(do.call(rbind, welch), "Tests/SurveyWavesTests/Fixtures/welch_compare.csv", row.names = FALSE, quote = FALSE)

# Free text: a respondent with any non-blank text answered.
t1 <- sum(trimws(w2018$自由記述) != ""); t2 <- sum(trimws(w2023$自由記述) != "")
tt <- prop.test(c(t1, t2), c(n1, n2), correct = FALSE)
ti <- prop.test(c(t2, t1), c(n2, n1), correct = FALSE)$conf.int * 100
write.csv(data.frame(x1 = t1, n1 = n1, x2 = t2, n2 = n2, statistic = sprintf("%.17g", unname(tt$statistic)),
                     p_value = sprintf("%.17g", tt$p.value), ci_low = sprintf("%.17g", ti[1]), ci_high = sprintf("%.17g", ti[2])),
          "Tests/SurveyWavesTests/Fixtures/text_compare.csv", row.names = FALSE, quote = FALSE)

# Indicators, on the published one-decimal values (tenths, rounded half up on the exact ratio).
tenths <- function(x, n) (2000 * x + n) %/% (2 * n)
status <- function(v, b, target, tol, up) {
  s <- if (up) 1 else -1
  t <- round(target * 10); tl <- round(tol * 10)
  if (is.na(v)) return("判定不可")
  if ((v - t) * s >= 0) return("達成")   # met, with or without a baseline
  if (is.na(b)) return("判定不可")
  d <- (v - b) * s
  if (d > tl) "改善" else if (d < -tl) "悪化" else "現状維持"
}
q11_18 <- code_counts(w2018[["問11"]], 1:3); q11_23 <- code_counts(w2023[["問11"]], 1:3)
q17_18 <- code_counts(w2018[["問17"]], 1:3); q17_23 <- code_counts(w2023[["問17"]], 1:3)
q20_23 <- code_counts(w2023[["問20"]], 1:3)
ind <- data.frame(
  indicator = c("participation", "isolation", "minsei", "minsei", "meibo", "kouken"),
  wave = c(2023, 2023, 2018, 2023, 2023, 2023),
  value = c(tenths(q8_23[1] + q8_23[2], n2), tenths(q4_23[4], n2), tenths(q11_18[1] + q11_18[2], n1),
            tenths(q11_23[1] + q11_23[2], n2), tenths(q17_23[1], n2), tenths(q20_23[1] + q20_23[2], n2)),
  baseline = c(tenths(q8_18[1] + q8_18[2], n1), tenths(q4_18[4], n1), 550, 550, tenths(q17_18[1], n1), NA))
ind$status <- mapply(status, ind$value, ind$baseline,
  c(45, 8, 70, 70, 20, 50), c(3, 3, 3, 3, 2, 3), c(TRUE, FALSE, TRUE, TRUE, TRUE, TRUE))
write.csv(ind, "Tests/SurveyWavesTests/Fixtures/indicators_compare.csv", row.names = FALSE, quote = FALSE, fileEncoding = "UTF-8")

# The indicators' changes, 2023 against 2018 (the baseline wave, or the previous wave for minsei):
# prop.test(correct = FALSE) X-squared and p, and the conf.int of 2023 minus 2018 in points.
changes <- list(
  list("participation", "baseline", q8_18[1] + q8_18[2], q8_23[1] + q8_23[2]),
  list("isolation", "baseline", q4_18[4], q4_23[4]),
  list("meibo", "baseline", q17_18[1], q17_23[1]),
  list("minsei", "previous", q11_18[1] + q11_18[2], q11_23[1] + q11_23[2]))
write.csv(do.call(rbind, lapply(changes, function(c) {
  t <- prop.test(c(c[[3]], c[[4]]), c(n1, n2), correct = FALSE)
  ci <- prop.test(c(c[[4]], c[[3]]), c(n2, n1), correct = FALSE)$conf.int * 100
  data.frame(indicator = c[[1]], against = c[[2]], x1 = c[[3]], n1 = n1, x2 = c[[4]], n2 = n2,
             statistic = sprintf("%.17g", unname(t$statistic)), p_value = sprintf("%.17g", t$p.value),
             ci_low = sprintf("%.17g", ci[1]), ci_high = sprintf("%.17g", ci[2]))
})), "Tests/SurveyWavesTests/Fixtures/indicator_tests_compare.csv", row.names = FALSE, quote = FALSE)
