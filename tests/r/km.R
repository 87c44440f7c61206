# Kaplan-Meier reference for tests/metrics-retention.test.ts, computed independently of the SQL.
# Run from the repository root: Rscript tests/r/km.R
# For each fixture below, reads tests/fixtures/metrics/<fixture>/*.csv and settings.json and writes
# tests/r/<fixture>_expected.csv and tests/r/<fixture>_expected_median.csv (km: right-censored only;
# km-truncated: delayed entry at history_start, some exits on entry tenures).
suppressPackageStartupMessages(library(survival))

setting <- function(dir, name) {
  json <- paste(readLines(file.path(dir, "settings.json")), collapse = "")
  as.Date(sub(paste0('.*"', name, '"[[:space:]]*:[[:space:]]*"([0-9-]+)".*'), "\\1", json))
}

# role family of the title held at hire (the fixtures have one job-history row per employee)
family_of <- function(title) ifelse(grepl("BMET", title), "generalist", "specialist")

km_reference <- function(fixture) {
  dir <- file.path("tests/fixtures/metrics", fixture)
  as_of <- setting(dir, "as_of")
  history_start <- setting(dir, "history_start")
  emp <- read.csv(file.path(dir, "employees.csv"), colClasses = "character")
  jh <- read.csv(file.path(dir, "job_history.csv"), colClasses = "character")
  emp$role_family <- family_of(jh$job_title[match(emp$employee_id, jh$employee_id)])

  hire <- as.Date(emp$hire_date)
  term <- as.Date(ifelse(emp$termination_date == "", NA, emp$termination_date))
  end_on <- as.Date(ifelse(is.na(term) | term > as_of, as.character(as_of), as.character(term)))
  emp$time <- as.numeric(end_on - hire)
  # delayed entry: observed from history_start at the tenure reached then. Times are whole days and
  # the warehouse counts the entry day itself (a leaver on history_start is observed), while
  # Surv(entry, exit) is at risk for entry < t <= exit: entering half a day earlier is the same.
  emp$entry <- pmax(0, as.numeric(history_start - hire)) - 0.5
  emp$any <- as.integer(!is.na(term) & term <= as_of)
  emp$voluntary <- as.integer(emp$any == 1 & emp$termination_type == "voluntary")
  # employments that ended before history_start are not observed at all
  emp <- emp[end_on >= history_start, ]

  curves <- list()
  medians <- list()
  for (event_kind in c("any", "voluntary")) {
    for (group_kind in c("all", "role_family")) {
      groups <- if (group_kind == "all") "all" else sort(unique(emp$role_family))
      for (g in groups) {
        d <- if (g == "all") emp else emp[emp$role_family == g, ]
        # defaults: Greenwood, conf.type = "log"
        fit <- survfit(Surv(d$entry, d$time, d[[event_kind]]) ~ 1)
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
  out <- file.path("tests/r", gsub("-", "_", fixture))
  write.csv(do.call(rbind, curves), paste0(out, "_expected.csv"), row.names = FALSE)
  write.csv(do.call(rbind, medians), paste0(out, "_expected_median.csv"), row.names = FALSE)
}

for (fixture in c("km", "km-truncated")) km_reference(fixture)
