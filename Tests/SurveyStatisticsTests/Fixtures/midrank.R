# svyranktest's multiranktest (survey 4.1.1) with one line changed: a value's rank is the mid-point of its
# respondents' weight in the estimated population CDF, F̂(v−) + ŵ(v)/2 (times N), whatever their order (R averages
# cumsum(w) − w/2 over the tied respondents in row order). Sourced by reference_design_tests.R (beside this file)
# and Tests/SurveyTabulationTests/Fixtures/reference_weighted_tests.R. Returns c(chisq, ndf, ddf, p).
midrank <- function(formula, design) {
  mf <- model.frame(formula, model.frame(design), na.action = na.omit)
  if (!is.null(naa <- attr(mf, "na.action"))) design <- design[-naa, ]
  y <- mf[, 1]
  g <- mf[, 2]
  w <- weights(design, "sampling")
  N <- sum(w)
  at <- tapply(w, y, sum)
  below <- cumsum(at) - at
  rankscore <- as.vector((below + at / 2)[as.character(y)]) / N
  m <- glm(rankscore ~ factor(g), weights = w)
  m$na.action <- naa
  V <- survey:::svy.varcoef(m, design)
  ndf <- length(unique(g)) - 1
  beta <- coef(m)[-1]
  V <- V[-1, -1]
  chisq <- beta %*% solve(V, beta)
  ddf <- degf(design) - ndf
  c(chisq = chisq, ndf = ndf, ddf = ddf, p = pf(chisq / ndf, ndf, ddf, lower.tail = FALSE))
}
