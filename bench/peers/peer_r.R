# The benchmark workload in R: table() and chisq.test().
# usage: Rscript peer_r.R responses.csv OUTDIR — reads with data.table::fread when installed, else read.csv.
args <- commandArgs(trailingOnly = TRUE)
src <- args[1]; out <- args[2]
dir.create(out, showWarnings = FALSE, recursive = TRUE)
single <- paste0("\u554f", 1:20); scale <- paste0("\u554f", 24:33)
flag_sets <- list(c("\u554f21", 12), c("\u554f22", 10), c("\u554f23", 8))
numbers <- c("\u554f34", "\u554f35"); district <- "\u5730\u533a"; nonresponse <- "\u7121\u56de\u7b54"
flag_columns <- unlist(lapply(flag_sets, function(s) paste0(s[1], "_", seq_len(as.integer(s[2])))))
integers <- c("\u56de\u7b54\u8005ID", district, "\u6027\u5225", "\u5e74\u9f62", "\u4e16\u5e2f\u69cb\u6210",
              single, flag_columns, scale, numbers)
if (requireNamespace("data.table", quietly = TRUE)) {
  df <- as.data.frame(data.table::fread(src, encoding = "UTF-8", select = integers,
                                        colClasses = list(integer = integers), na.strings = "", showProgress = FALSE))
} else {
  df <- read.csv(src, fileEncoding = "UTF-8-BOM", colClasses = c(rep("integer", length(integers)), "NULL"),
                 check.names = FALSE, na.strings = "")
}
n_all <- nrow(df)
d <- factor(df[[district]], levels = 1:30)
fmt <- function(x) ifelse(is.na(x), "", sprintf("%.10g", x))
freq <- list(); tests <- list()
for (q in c(single, scale)) {
  codes <- if (q %in% single) 1:5 else 1:4
  x <- df[[q]]; missing <- is.na(x) | x == 9
  v <- factor(x[!missing], levels = codes)
  counts <- c(as.integer(table(v)), sum(missing))
  freq[[q]] <- data.frame(question = q, code = c(as.character(codes), nonresponse), count = counts,
                          pct = fmt(100 * counts / n_all))
  tab <- table(d[!missing], v)
  m <- tab[rowSums(tab) > 0, colSums(tab) > 0, drop = FALSE]
  test <- suppressWarnings(chisq.test(m, correct = FALSE))
  tests[[q]] <- data.frame(question = q, n = sum(m), chisq = fmt(unname(test$statistic)),
                           df = unname(test$parameter), p = fmt(test$p.value))
}
ma <- list()
for (s in flag_sets) {
  chosen <- as.matrix(df[paste0(s[1], "_", seq_len(as.integer(s[2])))]) == 1
  chosen[is.na(chosen)] <- FALSE
  answered <- rowSums(chosen) > 0
  base <- sum(answered); counts <- colSums(chosen[answered, , drop = FALSE])
  ma[[s[1]]] <- data.frame(set = s[1], choice = c(seq_along(counts), nonresponse), count = c(counts, n_all - base),
                           base = c(rep(base, length(counts)), n_all),
                           pct = fmt(100 * c(counts / base, (n_all - base) / n_all)))
  by_district <- rowsum(chosen[answered, , drop = FALSE] * 1L, d[answered], reorder = TRUE)
}
summaries <- do.call(rbind, lapply(numbers, function(q) {
  x <- df[[q]]; x <- x[!is.na(x)]
  data.frame(question = q, n = length(x), mean = fmt(mean(x)), sd = fmt(sd(x)), median = fmt(median(x)))
}))
w <- function(x, f) write.csv(x, file.path(out, f), row.names = FALSE, quote = FALSE, fileEncoding = "UTF-8")
w(do.call(rbind, freq), "freq.csv"); w(do.call(rbind, tests), "chisq.csv")
w(do.call(rbind, ma), "ma.csv"); w(summaries, "numeric.csv")
