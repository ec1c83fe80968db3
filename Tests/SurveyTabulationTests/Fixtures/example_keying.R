# The example wave Surveys/shimin/2023 keyed in R, independently of the Swift code: sourced by
# reference_example.R and reference_wave_tests.R (run from the repository root). The keying rules are
# listed at the top of reference_example.R. Defines `cells`, `N`, `labels`, `d` (single and number answers
# and the derived area by id), `q9`, `q13`, `q14` (multiple answers, logical matrices), `axis_codes` and
# `elig_of(id)`.

stopifnot(l10n_info()[["UTF-8"]])
options(warn = 1)

folder <- "Surveys/shimin/2023"
if (!dir.exists(folder)) stop("run from the repository root")

read_wave_file <- function(path, encoding) {
  read.csv(path, fileEncoding = encoding, colClasses = "character", check.names = FALSE,
           na.strings = character(0), strip.white = FALSE)
}
paper <- read_wave_file(file.path(folder, "paper.csv"), "CP932")
web <- read_wave_file(file.path(folder, "web.csv"), "UTF-8-BOM")
stopifnot(identical(names(paper), names(web)))
raw <- rbind(paper, web)

normalise <- function(x) {
  x <- chartr(intToUtf8(c(0xFF01:0xFF5E, 0x3000), multiple = FALSE),
              intToUtf8(c(0x21:0x7E, 0x20), multiple = FALSE), x)
  gsub("^[[:space:]]+|[[:space:]]+$", "", x, perl = TRUE)
}
cells <- as.data.frame(lapply(raw, normalise), check.names = FALSE, stringsAsFactors = FALSE)

# A completely blank row (every answer column empty) is not a respondent.
answer_columns <- setdiff(names(cells), "回答者ID")
blank <- apply(cells[answer_columns] == "", 1, all)
cat("blank rows dropped:", sum(blank), "\n")
cells <- cells[!blank, , drop = FALSE]
N <- nrow(cells)
cat("respondents:", N, "\n")

# ---- definition (the parts used here, transcribed from survey.yaml) ----
labels <- list(
  district = c("中央", "港", "駅前", "山手", "北浜", "東原", "緑ケ丘", "桜台", "西川", "南浜"),
  sex = c("男性", "女性", "その他・回答しない"),
  age = c("18～29歳", "30～39歳", "40～49歳", "50～59歳", "60～69歳", "70～79歳", "80歳以上"),
  q3 = c("ひとり暮らし", "夫婦のみ", "親と子の二世代", "親・子・孫の三世代", "その他"),
  q4 = c("困ったときに相談したり助け合ったりする", "立ち話をする程度", "あいさつをする程度", "ほとんどつきあいはない"),
  q5 = c("仕事などで家にいる時間が短い", "きっかけがない", "必要を感じない", "わずらわしい", "引っ越して間もない", "その他"),
  q6 = c("住みやすい", "どちらかといえば住みやすい", "どちらかといえば住みにくい", "住みにくい"),
  q7 = c("加入している", "加入していない", "わからない"),
  q8 = c("積極的に参加している", "ときどき参加している", "参加していない", "どのような活動があるか知らない"),
  q11 = c("名前も活動内容も知っている", "名前は知っているが活動内容は知らない", "知らない"),
  q19 = c("そう思う", "ややそう思う", "あまりそう思わない", "そう思わない"),
  q21 = c("しばしばある・常にある", "時々ある", "たまにある", "ほとんどない", "決してない"),
  q13 = c("家族・親族", "友人・知人", "近所の人", "民生委員・児童委員", "市役所の窓口", "社会福祉協議会",
          "地域包括支援センター", "医療機関", "職場の同僚・上司", "相談できる人はいない", "その他")
)
column_of <- c(district = "地区", sex = "性別", age = "年齢", q1 = "問1", q2 = "問2", q3 = "問3", q4 = "問4",
               q5 = "問5", q6 = "問6", q7 = "問7", q8 = "問8", q11 = "問11", q13 = "問13", q19 = "問19", q21 = "問21")
missing_codes <- 99L
nets <- list(q6 = list(1:2, 3:4), q19 = list(1:2, 3:4), q21 = list(1:3, 4:5))
scores <- list(q6 = c(4, 3, 2, 1), q19 = c(4, 3, 2, 1), q21 = c(5, 4, 3, 2, 1))
# The battery q23: six items 問23_1…問23_6 on one scale, each keyed as a scale question of its own.
battery_items <- paste0("q23_", 1:6)
for (k in 1:6) {
  labels[[battery_items[k]]] <- c("知っている", "聞いたことはある", "知らない")
  column_of[[battery_items[k]]] <- paste0("問23_", k)
  nets[[battery_items[k]]] <- list(1:2)
}

# ---- keying ----
code_piece <- function(t, choice_labels) {
  codes <- seq_along(choice_labels)
  v <- ifelse(grepl("^[0-9]+$", t), suppressWarnings(as.integer(t)), NA_integer_)
  v[!(v %in% codes)] <- NA_integer_          # blank, 99 and unknown codes are 無回答
  by_label <- match(t, normalise(choice_labels))
  v[is.na(v) & !is.na(by_label)] <- by_label[is.na(v) & !is.na(by_label)]
  v
}
single <- function(id) {
  t <- cells[[column_of[[id]]]]
  # A double mark (`2,3`, `1・2`) matches neither a code nor a label, so it is NA too.
  code_piece(t, labels[[id]])
}
flags <- function(prefix, k) {
  m <- sapply(seq_len(k), function(j) cells[[paste0(prefix, "_", j)]] %in% c("1", "1.0", "○", "〇", "TRUE", "true"))
  matrix(m, nrow = N)
}
one_cell <- function(id) {
  k <- length(labels[[id]])
  pieces <- strsplit(cells[[column_of[[id]]]], ",", fixed = TRUE)
  t(vapply(pieces, function(p) {
    codes <- code_piece(normalise(p), labels[[id]])
    seq_len(k) %in% codes
  }, logical(k)))
}
keep_lowest <- function(m, max_answers) {
  for (i in which(rowSums(m) > max_answers)) {
    chosen <- which(m[i, ])
    m[i, ] <- FALSE
    m[i, chosen[seq_len(max_answers)]] <- TRUE
  }
  m
}
number <- function(id) {
  t <- cells[[column_of[[id]]]]
  v <- suppressWarnings(as.numeric(t))
  v[t == ""] <- NA
  v
}

d <- list()
for (id in c("district", "sex", "age", "q3", "q4", "q5", "q6", "q7", "q8", "q11", "q19", "q21", battery_items)) d[[id]] <- single(id)
d$q1 <- number("q1")
d$q2 <- number("q2")
d$area <- c(2L, 2L, 2L, 2L, 1L, 1L, 1L, 3L, 3L, 3L)[d$district]
# years (derived from the number q1 with bins [5, 10, 20]): 1 below 5, 2 in [5, 10), 3 in [10, 20), 4 from 20 up.
d$years <- findInterval(d$q1, c(5, 10, 20)) + 1L
q13 <- one_cell("q13")
q9 <- flags("問9", 8)
q14_raw <- flags("問14", 11)
q14 <- keep_lowest(q14_raw, 3)
cat("q14 rows over max:", sum(rowSums(q14_raw) > 3), "\n")
axis_codes <- list(district = 1:10, area = 1:3, sex = 1:3, age = 1:7, years = 1:4)

# q9's not_asked: a -1 (非該当, keyed by the 2023 paper's contractor) in any of 問9's flag columns takes the
# respondent out of q9's base, as its asked_if does.
q9_not_asked <- Reduce(`|`, lapply(1:8, function(j) cells[[paste0("問9_", j)]] == "-1"))
cat("q9 rows keyed not asked (-1):", sum(q9_not_asked), "\n")
eligible <- list(q5 = !is.na(d$q4) & d$q4 == 4L, q9 = !is.na(d$q8) & d$q8 %in% 1:2 & !q9_not_asked)
everyone <- rep(TRUE, N)
elig_of <- function(id) if (is.null(eligible[[id]])) everyone else eligible[[id]]

# 2023's strata weights (survey.yaml's `weights: strata` by district): w = population_h / respondents_h; the
# respondents who left the district blank get Σ population / respondents who answered it and form a stratum of their
# own (stratum 0), as the tool does.
population <- c(14200, 9100, 13800, 7600, 4300, 3900, 8700, 16900, 10200, 9300)
has_district <- !is.na(d$district)
district_respondents <- tabulate(d$district[has_district], nbins = 10)
w <- ifelse(has_district, population[ifelse(has_district, d$district, 1L)] / district_respondents[ifelse(has_district, d$district, 1L)],
            sum(population) / sum(has_district))
stratum <- ifelse(has_district, d$district, 0L)
