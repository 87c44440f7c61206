# Kaplan-Meier reference for tests/metrics-retention.test.ts, computed independently of the SQL.
# Run from the repository root: Rscript tests/r/km.R
# Reads tests/fixtures/metrics/km/*.csv, writes tests/r/km_expected.csv and tests/r/km_expected_median.csv.
suppressPackageStartupMessages(library(survival))

dir <- "tests/fixtures/metrics/km"
as_of <- as.Date("2024-12-31")  # settings.json of the fixture
emp <- read.csv(file.path(dir, "employees.csv"), colClasses = "character")
jh <- read.csv(file.path(dir, "job_history.csv"), colClasses = "character")

# role family of the title held at hire (the fixture has one job-history row per employee)
family_of <- function(title) ifelse(grepl("BMET", title), "generalist", "specialist")
emp$role_family <- family_of(jh$job_title[match(emp$employee_id, jh$employee_id)])

hire <- as.Date(emp$hire_date)
term <- as.Date(ifelse(emp$termination_date == "", NA, emp$termination_date))
end_on <- as.Date(ifelse(is.na(term) | term > as_of, as.character(as_of), as.character(term)))
emp$time <- as.numeric(end_on - hire)
emp$any <- as.integer(!is.na(term) & term <= as_of)
emp$voluntary <- as.integer(emp$any == 1 & emp$termination_type == "voluntary")

curves <- list()
medians <- list()
for (event_kind in c("any", "voluntary")) {
  for (group_kind in c("all", "role_family")) {
    groups <- if (group_kind == "all") "all" else sort(unique(emp$role_family))
    for (g in groups) {
      d <- if (g == "all") emp else emp[emp$role_family == g, ]
      fit <- survfit(Surv(d$time, d[[event_kind]]) ~ 1)  # defaults: Greenwood, conf.type = "log"
      months <- 0:min(120, floor(max(d$time) / 30.4375))
      s <- summary(fit, times = months * 30.4375, extend = FALSE)
      curves[[length(curves) + 1]] <- data.frame(
        group_kind = group_kind, group_value = g, event_kind = event_kind,
        month = months[seq_along(s$time)], at_risk = s$n.risk, events = s$n.event,
        survival = s$surv, ci_lower = s$lower, ci_upper = s$upper
      )
      medians[[length(medians) + 1]] <- data.frame(
        group_kind = group_kind, group_value = g, event_kind = event_kind, n = fit$n,
        median_tenure_months = unname(quantile(fit, probs = 0.5, conf.int = FALSE)) / 30.4375
      )
    }
  }
}
write.csv(do.call(rbind, curves), "tests/r/km_expected.csv", row.names = FALSE)
write.csv(do.call(rbind, medians), "tests/r/km_expected_median.csv", row.names = FALSE)
