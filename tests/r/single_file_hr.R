# Independent reference for tests/single-file-hr-export.test.ts: reads the raw single-file HR export
# of docs/examples/single-file-hr-export (not the warehouse) and computes SHRM turnover, retention
# rate and Kaplan-Meier figures with R's own date parsing and survival::survfit.
# Run from the repository root: Rscript tests/r/single_file_hr.R
# Writes tests/r/single_file_hr_turnover.csv and tests/r/single_file_hr_km.csv.
suppressPackageStartupMessages(library(survival))

dir <- "docs/examples/single-file-hr-export"
as_of <- as.Date("2023-12-31") # settings.json
history_start <- as.Date("2017-01-01") # settings.json

hr <- read.csv(file.path(dir, "HR_Core_Dataset.csv"), colClasses = "character", fileEncoding = "UTF-8-BOM")
# scope: the HTM departments of the organisation-wide export (trailing spaces in the export)
hr <- hr[trimws(hr$Department) %in% c("Clinical Engineering", "Imaging Services"), ]
# the rehire's id carries a no-break space: one person, not two
hr$id <- gsub("^[[:space:]\u00a0]+|[[:space:]\u00a0]+$", "", hr$EmpID)
hire <- as.Date(hr$DateofHire, format = "%m/%d/%Y")
term <- as.Date(ifelse(hr$DateofTermination == "", NA, hr$DateofTermination), format = "%m/%d/%Y")
type <- ifelse(hr$TermReason == "retiring", "retirement",
  ifelse(hr$EmploymentStatus == "Terminated for Cause", "involuntary",
    ifelse(hr$EmploymentStatus == "Voluntarily Terminated", "voluntary", NA)))
stopifnot(!any(is.na(hire)), all(is.na(term) == is.na(type)))

# headcount on day d: hire <= d < termination (the last day worked is not a headcount day)
headcount <- function(d) length(unique(hr$id[hire <= d & (is.na(term) | d < term)]))

turnover <- data.frame()
for (year in 2017:2023) {
  total <- 0; voluntary <- 0
  for (month in 1:12) {
    first <- max(as.Date(sprintf("%d-%02d-01", year, month)), history_start)
    last <- min(seq(as.Date(sprintf("%d-%02d-01", year, month)), by = "month", length.out = 2)[2] - 1, as_of)
    avg <- (headcount(first) + headcount(last)) / 2
    left <- !is.na(term) & term >= first & term <= last & term >= history_start
    if (avg > 0) {
      total <- total + sum(left) / avg
      voluntary <- voluntary + sum(left & type == "voluntary") / avg
    }
  }
  # retention: staffed on 1 January, still employed on 31 December (or as_of)
  start <- max(as.Date(sprintf("%d-01-01", year)), history_start)
  end <- min(as.Date(sprintf("%d-12-31", year)), as_of)
  cohort <- hire <= start & (is.na(term) | start < term)
  retained <- cohort & (is.na(term) | end < term)
  turnover <- rbind(turnover, data.frame(
    year = year,
    separations = sum(!is.na(term) & format(term, "%Y") == as.character(year)),
    turnover_rate = total,
    voluntary_turnover_rate = voluntary,
    retention_rate = if (sum(cohort) > 0) sum(retained) / sum(cohort) else NA
  ))
}
write.csv(turnover, "tests/r/single_file_hr_turnover.csv", row.names = FALSE)

# Kaplan-Meier from hire (everyone was hired on or after history_start: no delayed entry),
# censored at as_of; voluntary: other separations censored
end_on <- as.Date(ifelse(is.na(term) | term > as_of, as.character(as_of), as.character(term)))
time <- as.numeric(end_on - hire)
any_event <- as.integer(!is.na(term) & term <= as_of)
km <- data.frame()
for (event_kind in c("any", "voluntary")) {
  event <- if (event_kind == "any") any_event else as.integer(any_event == 1 & type == "voluntary")
  fit <- survfit(Surv(time, event) ~ 1)
  s <- summary(fit, times = c(12, 24, 36, 60) * 30.4375)$surv
  km <- rbind(km, data.frame(
    event_kind = event_kind, n = length(time), events = sum(event),
    s12 = s[1], s24 = s[2], s36 = s[3], s60 = s[4],
    median_tenure_months = unname(quantile(fit, 0.5)$quantile) / 30.4375
  ))
}
write.csv(km, "tests/r/single_file_hr_km.csv", row.names = FALSE)
