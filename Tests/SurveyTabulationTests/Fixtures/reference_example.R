# Reference values for the tabulation of the example wave Surveys/shimin/2023, computed with R
# independently of the Swift code (it reads the raw CSV files and applies the keying rules itself; it
# never reads anything `survey` writes).
#
# Re-run from the repository root (R 4.2.2, base packages only):
#
#   Rscript Tests/SurveyTabulationTests/Fixtures/reference_example.R
#
# It writes Tests/SurveyTabulationTests/Fixtures/reference_example.csv with the columns
#   quantity,question,break,break_value,choice,value
# where `break` is `total` or an axis id, `break_value` the axis code (empty for `total`), and `choice` a
# choice code, `net1`/`net2`… (the scale's nets in definition order), `nonresponse` (無回答), or empty.
# Doubles are printed with sprintf("%.17g"). ExampleReferenceTests.swift compares every row with
# Tabulator.tabulate (counts exactly, doubles to 1e-9 relative).
#
# Keying rules (README.md "How cells are read", Surveys/README.md):
#   - every cell is normalised: full-width ASCII (U+FF01–U+FF5E) and the ideographic space become ASCII
#     (the part of NFKC that matters for codes), then surrounding white space is removed;
#   - single/scale cells: a defined code or a choice label → that code; blank, the missing code 99, a
#     double mark (`2,3`, `1・2`) or anything else → 無回答 (NA);
#   - flag columns: `1` (also `1.0`, ○, 〇, TRUE) chosen, anything else not chosen; no flag chosen = 無回答;
#   - the one-cell multiple 問13 is split on "," and each piece matched as a code or a label;
#   - more answers than `max` (q14: 3): the lowest codes are kept;
#   - a row whose every answer cell is blank is not a respondent;
#   - asked_if: q5 is asked if q4 = 4, q9 if q8 ∈ {1, 2}; answers of others are not counted, and the base
#     of such a question is its eligible respondents (無回答 included);
#   - not_asked: a -1 in any of q9's flag columns (問9_1…問9_8) takes the respondent out of q9's base too;
#   - area (derived from district): 北部 = 1 (5, 6, 7), 中部 = 2 (1–4), 南部 = 3 (8–10).
#   - the battery q23: its items q23_1…q23_6 (問23_1…問23_6) are scales with the one set of choices 知っている,
#     聞いたことはある, 知らない and the net 知っている（計） = codes 1, 2; a battery adds no counting of its own.

out_file <- "Tests/SurveyTabulationTests/Fixtures/reference_example.csv"
source("Tests/SurveyTabulationTests/Fixtures/example_keying.R")

# ---- output ----
rows <- list()
emit <- function(quantity, question, brk, value_of_break, choice, value) {
  value_text <- if (is.integer(value) || quantity %in% c("count", "base", "df", "n", "missing", "axis_nonresponse")) {
    sprintf("%d", as.integer(value))
  } else {
    sprintf("%.17g", value)
  }
  rows[[length(rows) + 1]] <<- data.frame(quantity = quantity, question = question, `break` = brk,
                                          break_value = as.character(value_of_break), choice = as.character(choice),
                                          value = value_text, check.names = FALSE)
}

# 単純集計 of a single/scale question: choice counts, nets, 無回答, base.
single_total <- function(id) {
  x <- d[[id]][elig_of(id)]
  k <- length(labels[[id]])
  counts <- tabulate(x[!is.na(x)], nbins = k)
  base <- length(x)
  emit("base", id, "total", "", "", base)
  for (j in seq_len(k)) emit("count", id, "total", "", j, counts[j])
  for (n in seq_along(nets[[id]])) emit("count", id, "total", "", paste0("net", n), sum(counts[nets[[id]][[n]]]))
  emit("count", id, "total", "", "nonresponse", base - sum(counts))
}

# 単純集計 of a multiple question.
multiple_total <- function(id, m) {
  base <- nrow(m)
  answered <- rowSums(m) > 0
  emit("base", id, "total", "", "", base)
  for (j in seq_len(ncol(m))) emit("count", id, "total", "", j, sum(m[answered, j]))
  emit("count", id, "total", "", "nonresponse", base - sum(answered))
}

# The axis × choice table of valid answers, for respondents eligible for `id` with a valid axis value.
cross_table <- function(id, axis) {
  keep <- elig_of(id) & !is.na(d[[axis]])
  table(factor(d[[axis]][keep], levels = axis_codes[[axis]]),
        factor(d[[id]][keep], levels = seq_along(labels[[id]])))
}

# Pearson chi-square without continuity correction, after dropping empty rows and columns.
chi_square <- function(t, id, axis, choice = "") {
  t <- t[rowSums(t) > 0, colSums(t) > 0, drop = FALSE]
  if (nrow(t) < 2 || ncol(t) < 2) return(invisible(NULL))
  test <- suppressWarnings(chisq.test(t, correct = FALSE))
  n <- sum(t)
  emit("chisq_statistic", id, axis, "", choice, unname(test$statistic))
  emit("chisq_df", id, axis, "", choice, unname(test$parameter))
  emit("chisq_p", id, axis, "", choice, test$p.value)
  emit("chisq_n", id, axis, "", choice, n)
  emit("cramers_v", id, axis, "", choice, sqrt(unname(test$statistic) / (n * (min(dim(t)) - 1))))
  if (nrow(t) == 2 && ncol(t) == 2) emit("fisher_p", id, axis, "", choice, fisher.test(t)$p.value)
  fisher <- nrow(t) == 2 && ncol(t) == 2
  invisible(fisher)
}

summary_values <- function(id, x, brk, value_of_break) {
  v <- x[!is.na(x)]
  emit("n", id, brk, value_of_break, "", length(v))
  emit("missing", id, brk, value_of_break, "", length(x) - length(v))
  emit("mean", id, brk, value_of_break, "", mean(v))
  emit("sd", id, brk, value_of_break, "", sd(v))
  q <- unname(quantile(v, c(0.25, 0.5, 0.75), type = 7))
  emit("q1", id, brk, value_of_break, "", q[1])
  emit("median", id, brk, value_of_break, "", q[2])
  emit("q3", id, brk, value_of_break, "", q[3])
}

# 1. 単純集計: single questions, the asked_if question q5, scales with nets.
for (id in c("sex", "age", "q3", "q4", "q5", "q6", "q7", "q11", "q19", "q21", battery_items)) single_total(id)
multiple_total("q14", q14)
multiple_total("q13", q13)
multiple_total("q9", q9[eligible$q9, , drop = FALSE])  # asked_if: only the eligible count

# 2. q4 by district: counts per group, 無回答 per group, bases, adjusted residuals, and axis 無回答.
t <- cross_table("q4", "district")
stdres <- suppressWarnings(chisq.test(t, correct = FALSE))$stdres
for (g in axis_codes$district) {
  keep <- !is.na(d$district) & d$district == g
  emit("base", "q4", "district", g, "", sum(keep))
  emit("count", "q4", "district", g, "nonresponse", sum(keep & is.na(d$q4)))
  for (j in seq_len(ncol(t))) {
    emit("count", "q4", "district", g, j, t[g, j])
    emit("adj_residual", "q4", "district", g, j, stdres[g, j])
  }
}
emit("axis_nonresponse", "q4", "district", "", "", sum(is.na(d$district)))

# q6 (a scale with nets) by area: counts and nets per area.
t6 <- cross_table("q6", "area")
for (g in axis_codes$area) {
  for (j in seq_len(ncol(t6))) emit("count", "q6", "area", g, j, t6[g, j])
  for (n in seq_along(nets$q6)) emit("count", "q6", "area", g, paste0("net", n), sum(t6[g, nets$q6[[n]]]))
}

# q5 (asked_if) by sex: counts among the eligible only.
t5 <- cross_table("q5", "sex")
for (g in axis_codes$sex) {
  emit("base", "q5", "sex", g, "", sum(elig_of("q5") & !is.na(d$sex) & d$sex == g))
  for (j in seq_len(ncol(t5))) emit("count", "q5", "sex", g, j, t5[g, j])
}

# 3. Chi-square tests.
fisher_seen <- FALSE
for (pair in list(c("q4", "district"), c("q4", "age"), c("q11", "age"), c("q19", "area"), c("q5", "sex"), c("q21", "sex"),
                  c("q23_2", "age"), c("q23_4", "district"))) {
  fisher_seen <- isTRUE(chi_square(cross_table(pair[1], pair[2]), pair[1], pair[2])) || fisher_seen
}

# Per-choice chi-square of the multiple q13 by sex: a sex × (chosen, not chosen) table over the
# respondents who chose at least one answer and whose sex is known.
answered13 <- rowSums(q13) > 0
keep <- answered13 & !is.na(d$sex)
for (j in seq_len(ncol(q13))) {
  sex <- factor(d$sex[keep], levels = axis_codes$sex)
  t13 <- cbind(chosen = tapply(q13[keep, j], sex, sum, default = 0),
               not_chosen = tapply(!q13[keep, j], sex, sum, default = 0))
  fisher_seen <- isTRUE(chi_square(t13, "q13", "sex", j)) || fisher_seen
  stdres <- suppressWarnings(chisq.test(t13[rowSums(t13) > 0, , drop = FALSE], correct = FALSE))$stdres
  for (g in axis_codes$sex) {
    emit("count", "q13", "sex", g, j, t13[g, "chosen"])
    if (j == 1) emit("adj_residual", "q13", "sex", g, j, stdres[as.character(g), "chosen"])
  }
}
# No test of the example reduces to a 2 × 2 table (every axis keeps at least 3 values and q7 has 3
# choices), so no Fisher reference is written unless one appeared above.
cat("Fisher rows:", if (fisher_seen) "yes" else "none", "\n")

# 4. Number summaries: q1 and q2 overall and by area; the score of the scale q6 (and q21) overall and by area.
for (id in c("q1", "q2")) {
  summary_values(id, d[[id]], "total", "")
  for (g in axis_codes$area) summary_values(id, d[[id]][!is.na(d$area) & d$area == g], "area", g)
}
for (id in c("q6", "q21")) {
  s <- scores[[id]][d[[id]]]
  summary_values(id, s, "total", "")
  for (g in axis_codes$area) summary_values(id, s[!is.na(d$area) & d$area == g], "area", g)
}

result <- do.call(rbind, rows)
write.csv(result, out_file, row.names = FALSE, quote = FALSE, fileEncoding = "UTF-8")
cat("wrote", nrow(result), "reference values to", out_file, "\n")
