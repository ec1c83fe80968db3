# Rao–Scott F (R svychisq(statistic = "F")) on 3 × 3 tables with empty cells, for RaoScottTestTests.
# Respondents: rows (row, column, stratum, weight) generated below from a fixed seed; then cells are emptied by
# dropping their respondents. One empty cell, or three in an L (no cycle): R computes the test. Four empty cells at
# the corners of a rectangle (a cycle): R's solve() stops ("system is computationally singular"), written "error".
# Output: rao_scott_empty_cells.csv (case, f, ndf, ddf, p) with sprintf("%.17g"); the respondents of each case in
# rao_scott_empty_cells_data.csv (case, row, column, stratum, w).
# Generated with: R version 4.2.2 Patched (2022-11-10 r83330), survey 4.1.1.
# Run from this folder: Rscript reference_empty_cells.R
suppressMessages(library(survey))
set.seed(20261203)
n <- 240
base <- data.frame(row = sample(0:2, n, replace = TRUE), column = sample(0:2, n, replace = TRUE),
                   stratum = sample(0:2, n, replace = TRUE))
base$w <- c(12.5, 30, 7.25)[base$stratum + 1]
num <- function(x) sprintf("%.17g", x)
cases <- list(one = list(c(0, 0)), ell = list(c(0, 0), c(0, 1), c(1, 0)),
              rectangle = list(c(0, 0), c(0, 1), c(1, 0), c(1, 1)))
out <- "case,f,ndf,ddf,p"
rows <- "case,row,column,stratum,w"
for (name in names(cases)) {
  keep <- rep(TRUE, n)
  for (cell in cases[[name]]) keep <- keep & !(base$row == cell[1] & base$column == cell[2])
  data <- base[keep, ]
  rows <- c(rows, paste(name, data$row, data$column, data$stratum, num(data$w), sep = ","))
  design <- svydesign(ids = ~1, strata = ~stratum, weights = ~w, data = data)
  test <- tryCatch(svychisq(~row + column, design, statistic = "F"), error = function(e) NULL)
  out <- c(out, if (is.null(test)) paste(name, "error", "", "", "", sep = ",") else
    paste(name, num(test$statistic), num(test$parameter["ndf"]), num(test$parameter["ddf"]), num(test$p.value), sep = ","))
}
writeLines(out, "rao_scott_empty_cells.csv")
writeLines(rows, "rao_scott_empty_cells_data.csv")
