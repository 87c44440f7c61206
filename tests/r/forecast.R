# Independent reference for marts.demand_trend, marts.specialist_demand_forecast and the forecast rows
# of marts.specialist_demand, computed with base R's lm() and predict() from the fixture CSVs.
# Run from the repository root:  Rscript tests/r/forecast.R
# Writes tests/r/forecast-quarterly.csv and tests/r/forecast-yearly.csv, which the vitest suite
# reads (the suite itself never needs R).
fixture <- "tests/fixtures/metrics-m2/demand"
as_of <- as.Date("2024-12-31")      # settings.json of the fixture
hours_per_fte <- 1600               # default productive_hours_per_fte
horizon <- 8                        # default forecast_quarters

wo <- read.csv(file.path(fixture, "work_orders.csv"), stringsAsFactors = FALSE, na.strings = "")
wo$service_provider[is.na(wo$service_provider)] <- "in_house"
wo <- wo[wo$service_provider == "in_house" & as.Date(wo$opened_date) <= as_of, ]
# The fixture's work types and device types, mapped by hand as the taxonomy does.
wo$domain <- ifelse(wo$work_type == "Security Patch", "cybersecurity",
             ifelse(wo$device_type == "Infusion Pump", "general_biomed",
             ifelse(wo$device_type == "CT Scanner", "imaging", NA)))
stopifnot(!any(is.na(wo$domain)))
d <- as.Date(wo$opened_date)
wo$quarter_start <- as.Date(sprintf("%d-%02d-01", as.integer(format(d, "%Y")),
                                    3 * ((as.integer(format(d, "%m")) - 1) %/% 3) + 1))
wo_all <- wo
wo_all$org_id <- "all"
wo <- rbind(wo, wo_all)

add_months <- function(date, m) seq(date, by = paste(m, "months"), length.out = 2)[2]
quarter_seq <- function(from, to) seq(from, to, by = "3 months")

quarterly <- list()
yearly <- list()
for (org in unique(wo$org_id)) {
  w <- wo[wo$org_id == org, ]
  # the org's quarters with in-house hours, first to last, and every domain it ever worked in
  quarters <- quarter_seq(min(w$quarter_start), max(w$quarter_start))
  complete <- quarters[sapply(quarters, function(q) add_months(q, 3) - 1 <= as_of)]
  window <- tail(complete, 12)
  for (dom in c(sort(unique(w$domain)), "all")) {
    wd <- if (dom == "all") w else w[w$domain == dom, ]
    hours <- sapply(window, function(q) sum(wd$labor_hours[wd$quarter_start == q]))
    y <- hours * 4 / hours_per_fte
    n <- length(y)
    if (n < 4) next
    x <- seq_len(n)
    fit <- lm(y ~ x)
    newx <- data.frame(x = n + seq_len(horizon))
    p <- predict(fit, newdata = newx, interval = "prediction", level = 0.8)
    qs <- sapply(seq_len(horizon), function(h) format(add_months(tail(window, 1), 3 * h)))
    quarterly[[length(quarterly) + 1]] <- data.frame(
      org_id = org, domain = dom, quarter_start = qs,
      demand_fte = p[, "fit"], lower_80 = p[, "lwr"], upper_80 = p[, "upr"])
    # Yearly: the mean of a calendar year's four forecast quarters. Its prediction variance is
    # s^2 * (1/4 + a' (X'X)^-1 a) with a the mean row of the model matrix: four new independent errors
    # averaged, plus the uncertainty of the fitted line at those quarters.
    years <- as.integer(substr(qs, 1, 4))
    X <- model.matrix(fit)
    s <- summary(fit)$sigma
    tq <- qt(0.9, df = n - 2)
    for (yr in unique(years)) {
      idx <- which(years == yr)
      if (length(idx) != 4 || yr <= as.integer(format(as_of, "%Y"))) next
      a <- colMeans(cbind(1, newx$x[idx]))
      m <- sum(a * coef(fit))
      se <- s * sqrt(1 / 4 + drop(t(a) %*% solve(crossprod(X)) %*% a))
      yearly[[length(yearly) + 1]] <- data.frame(
        org_id = org, domain = dom, year = yr,
        demand_fte = m, lower_80 = m - tq * se, upper_80 = m + tq * se)
    }
  }
}
q <- do.call(rbind, quarterly)
yr <- do.call(rbind, yearly)
write.csv(q, "tests/r/forecast-quarterly.csv", row.names = FALSE)
write.csv(yr, "tests/r/forecast-yearly.csv", row.names = FALSE)
cat(R.version.string, "\n")
print(yr, digits = 10)
