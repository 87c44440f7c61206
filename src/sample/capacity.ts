/**
 * Technical staff capacity per organisation and month: the FTE of employees (not contractors) in
 * generalist, specialist and engineering roles, counted as docs/marts.md counts headcount (hire day up
 * to, not including, the termination day). Work-order hours are calibrated to it, so a department's
 * in-house hours roughly match what its technicians can deliver at any number of work orders.
 */
import type { Period } from "./calendar.ts";
import { monthStartDay } from "./calendar.ts";
import type { Org } from "./organizations.ts";
import { ROLE_FAMILY, SPECIAL_PROJECTS_TITLE, type Role } from "./vocabulary.ts";
import type { JobRow, Person } from "./workforce.ts";

const TECHNICAL_FAMILIES: ReadonlySet<string> = new Set(["generalist", "specialist", "engineering"]);

/** A role whose hours count as technical capacity (leadership and support roles do not). */
export function isTechnicalRole(role: Role): boolean {
  return TECHNICAL_FAMILIES.has(ROLE_FAMILY[role]);
}

/**
 * fte[orgIndex][monthIndex]: average technical FTE over the days of the month. Jobs in `unrecorded`
 * (rows the export gets wrong, which ingest rejects) are skipped: the job before them runs on, as
 * it does in the warehouse.
 */
export function technicalFteByMonth(
  people: readonly Person[],
  orgs: readonly Org[],
  period: Period,
  unrecorded: ReadonlySet<JobRow> = new Set(),
): number[][] {
  const months = (period.endYear - period.startYear + 1) * 12;
  const starts = Array.from({ length: months + 1 }, (_, m) => monthStartDay(period, m));
  const fteDays = orgs.map(() => new Array<number>(months).fill(0));
  const specialProjects = SPECIAL_PROJECTS_TITLE.toLowerCase();
  for (const person of people)
    for (const e of person.employments) {
      const end = e.termDay ?? starts[months];
      // in date order, as the warehouse reads job history
      const jobs = e.jobs.filter((j) => !unrecorded.has(j)).sort((a, b) => a.day - b.day);
      for (let j = 0; j < jobs.length; j++) {
        const job = jobs[j];
        // a temporary "Special Projects" title maps to no role, so the warehouse does not count it
        if (job.type !== "employee" || !isTechnicalRole(job.role)) continue;
        if (job.title.toLowerCase() === specialProjects) continue;
        const from = Math.max(j === 0 ? e.hireDay : job.day, e.hireDay, starts[0]);
        const to = Math.min(j + 1 < jobs.length ? jobs[j + 1].day : end, end, starts[months]);
        if (to <= from) continue;
        const perMonth = fteDays[e.org.index];
        for (let m = monthOf(starts, from); m < months && starts[m] < to; m++)
          perMonth[m] += job.fte * (Math.min(to, starts[m + 1]) - Math.max(from, starts[m]));
      }
    }
  return fteDays.map((perMonth) => perMonth.map((days, m) => days / (starts[m + 1] - starts[m])));
}

function monthOf(starts: readonly number[], day: number): number {
  let lo = 0;
  let hi = starts.length - 2;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= day) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
