# Reference values for the statistics of `survey compare` (issue 15), computed with R's stats package.
# Re-run from the repository root (R >= 4.2, base packages only):
#   Rscript Tests/SurveyStatisticsTests/Fixtures/reference_waves.R
# Writes, next to this file: prop_diff_ci.csv (prop.test(correct = FALSE)$conf.int of x2/n2 - x1/n1),
# welch.csv (t.test(y, x) Welch, from generated samples given by their moments), student_t.csv (pt, qt).
# Numbers are written with sprintf("%.17g").

args <- commandArgs(trailingOnly = FALSE)
script <- sub("^--file=", "", args[grep("^--file=", args)])
out_dir <- if (length(script) == 1) dirname(normalizePath(script)) else "."
num <- function(x) sprintf("%.17g", x)
write_rows <- function(name, header, rows) {
  writeLines(c(paste(header, collapse = ","), vapply(rows, paste, "", collapse = ",")), file.path(out_dir, name))
}

# --- difference of two proportions: later (x2/n2) minus earlier (x1/n1)
cases <- list(c(45, 100, 60, 100), c(123, 400, 98, 380), c(10, 50, 25, 60), c(0, 20, 5, 20), c(300, 1000, 345, 1000),
              c(1, 10, 9, 10), c(500, 1000, 100, 1000), c(30, 100, 30, 100), c(412, 1021, 398, 987), c(7, 7, 3, 9),
              c(0, 50, 0, 60), c(139, 1459, 244, 1665), c(849, 1459, 1016, 1665), c(3, 3, 4, 4))
rows <- lapply(cases, function(v) {
  ci <- suppressWarnings(prop.test(c(v[3], v[1]), c(v[4], v[2]), correct = FALSE))$conf.int
  c(v, num(ci[1]), num(ci[2]))
})
write_rows("prop_diff_ci.csv", c("x1", "n1", "x2", "n2", "lower", "upper"), rows)

# --- Welch's t test on generated samples; the Swift test gets n, mean and variance of each
set.seed(15)
samples <- list(
  list(rnorm(40, 10, 2), rnorm(55, 11, 4)),
  list(rpois(1400, 3), rpois(1600, 3.1)),
  list(rexp(30, 0.1), rexp(12, 0.2)),
  list(c(1, 2, 3), c(2, 4, 6, 8)),
  list(round(runif(900, 0, 60)), round(runif(1100, 0, 58))),
  list(c(5, 5, 5, 6), c(5, 5, 5, 5, 7)),
  list(rnorm(3, 0, 1), rnorm(2000, 0.1, 1))
)
rows <- lapply(samples, function(s) {
  x <- s[[1]]; y <- s[[2]]
  t <- t.test(y, x)
  c(length(x), num(mean(x)), num(var(x)), length(y), num(mean(y)), num(var(y)),
    num(unname(t$statistic)), num(unname(t$parameter)), num(t$p.value), num(t$conf.int[1]), num(t$conf.int[2]))
})
write_rows("welch.csv", c("n1", "mean1", "var1", "n2", "mean2", "var2", "t", "df", "p_value", "lower", "upper"), rows)

# --- Student's t distribution
grid <- expand.grid(t = c(0, 0.3, 1, 1.96, 2.5, 4, 8, 15, -1.2), df = c(1, 2.5, 7, 30.4, 150, 3120.7))
rows <- lapply(seq_len(nrow(grid)), function(i) {
  t <- grid$t[i]; df <- grid$df[i]
  c(num(t), num(df), num(pt(t, df, lower.tail = FALSE)), num(2 * pt(-abs(t), df)))
})
write_rows("student_t.csv", c("t", "df", "upper_tail", "two_sided"), rows)
qgrid <- expand.grid(p = c(0.975, 0.995, 0.6, 0.025, 0.9999), df = c(1, 2.5, 7, 30.4, 150, 3120.7))
rows <- lapply(seq_len(nrow(qgrid)), function(i) c(num(qgrid$p[i]), num(qgrid$df[i]), num(qt(qgrid$p[i], qgrid$df[i]))))
write_rows("student_t_quantile.csv", c("p", "df", "quantile"), rows)
