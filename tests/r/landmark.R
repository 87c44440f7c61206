# Landmark-analysis reference for tests/metrics-landmark.test.ts, computed independently of the SQL.
# Run from the repository root: Rscript tests/r/landmark.R
# Reads tests/fixtures/metrics/landmark/*.csv and settings.json; writes tests/r/landmark_expected.csv.
# At a landmark of 12 or 24 months of tenure (365 / 730 days after hire), employments still employed
# and observed then are grouped by their status on that day (holding a valid certification; having
# moved to another role), and survival from the landmark is fitted per group with survfit defaults
# (Greenwood, conf.type = "log"), read 12 and 24 months (365.25, 730.5 days) after the landmark.
suppressPackageStartupMessages(library(survival))

dir <- "tests/fixtures/metrics/landmark"
json <- paste(readLines(file.path(dir, "settings.json")), collapse = "")
setting <- function(name) as.Date(sub(paste0('.*"', name, '"[[:space:]]*:[[:space:]]*"([0-9-]+)".*'), "\\1", json))
as_of <- setting("as_of")
history_start <- setting("history_start")

emp <- read.csv(file.path(dir, "employees.csv"), colClasses = "character")
jh <- read.csv(file.path(dir, "job_history.csv"), colClasses = "character")
cert <- read.csv(file.path(dir, "certifications.csv"), colClasses = "character")

hire <- as.Date(emp$hire_date)
term <- as.Date(ifelse(emp$termination_date == "", NA, emp$termination_date))

rows <- list()
for (landmark_months in c(12, 24)) {
  landmark <- hire + ifelse(landmark_months == 12, 365, 730)
  keep <- landmark <= as_of & landmark >= history_start & (is.na(term) | term > landmark)
  d <- emp[keep, ]
  d$landmark <- landmark[keep]
  d$term <- term[keep]
  end_on <- as.Date(ifelse(is.na(d$term) | d$term > as_of, as.character(as_of), as.character(d$term)))
  d$time <- as.numeric(end_on - d$landmark)
  d$event <- as.integer(!is.na(d$term) & d$term <= as_of)
  d$certified <- sapply(seq_len(nrow(d)), function(i) {
    c <- cert[cert$employee_id == d$employee_id[i], ]
    any(as.Date(c$earned_date) <= d$landmark[i] &
      (c$expiry_date == "" | as.Date(ifelse(c$expiry_date == "", NA, c$expiry_date)) > d$landmark[i]))
  })
  d$moved_role <- sapply(seq_len(nrow(d)), function(i) {
    h <- jh[jh$employee_id == d$employee_id[i], ]
    h <- h[order(h$effective_date), ]
    # the titles here are the roles (one title per role in the fixture)
    changed <- h$job_title[-1] != h$job_title[-nrow(h)]
    any(changed & as.Date(h$effective_date[-1]) <= d$landmark[i])
  })
  for (path in c("certified", "moved_role")) {
    for (status in c("no", "yes")) {
      g <- d[d[[path]] == (status == "yes"), ]
      if (nrow(g) == 0) next
      fit <- survfit(Surv(g$time, g$event) ~ 1)
      at <- function(days) {
        if (days > max(g$time)) return(c(NA, NA, NA))
        s <- summary(fit, times = days)
        c(s$surv, s$lower, s$upper)
      }
      s12 <- at(365.25)
      s24 <- at(730.5)
      rows[[length(rows) + 1]] <- data.frame(
        landmark_months = landmark_months, path = path, status = status,
        people = nrow(g), separations = sum(g$event),
        survival_12 = s12[1], ci_lower_12 = s12[2], ci_upper_12 = s12[3],
        survival_24 = s24[1], ci_lower_24 = s24[2], ci_upper_24 = s24[3]
      )
    }
  }
}
write.csv(do.call(rbind, rows), "tests/r/landmark_expected.csv", row.names = FALSE)
