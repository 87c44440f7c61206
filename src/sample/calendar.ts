/** Dates as whole days since 1970-01-01 (UTC), so arithmetic is integer and time zones never matter. */
const MS_PER_DAY = 86_400_000;

export function dayOf(year: number, month: number, day: number): number {
  return Date.UTC(year, month - 1, day) / MS_PER_DAY;
}

export function yearOfDay(day: number): number {
  return new Date(day * MS_PER_DAY).getUTCFullYear();
}

/** Fractional year, e.g. 2020.5 in early July 2020: used for trends that move smoothly over time. */
export function decimalYear(day: number): number {
  const y = yearOfDay(day);
  const start = dayOf(y, 1, 1);
  return y + (day - start) / (dayOf(y + 1, 1, 1) - start);
}

export function isoDate(day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

/** ISO strings for a fixed span of days, so the hot path formats a date with one array lookup. */
export class DateFormatter {
  private readonly cache: string[] = [];
  constructor(
    private readonly firstDay: number,
    lastDay: number,
  ) {
    for (let d = firstDay; d <= lastDay; d++) this.cache.push(isoDate(d));
  }
  format(day: number): string {
    return this.cache[day - this.firstDay] ?? isoDate(day);
  }
}

/** The study period: `years` calendar years ending on 31 December of `endYear`. */
export interface Period {
  readonly startYear: number;
  readonly endYear: number;
  readonly startDay: number;
  readonly endDay: number;
}

export function periodOf(years: number, endYear: number): Period {
  const startYear = endYear - years + 1;
  return { startYear, endYear, startDay: dayOf(startYear, 1, 1), endDay: dayOf(endYear, 12, 31) };
}

/** 0 at the start of the period, 1 at its end. */
export function periodFraction(period: Period, day: number): number {
  return Math.min(1, Math.max(0, (day - period.startDay) / (period.endDay - period.startDay)));
}

export function monthStartDay(period: Period, monthIndex: number): number {
  return dayOf(period.startYear + Math.floor(monthIndex / 12), (monthIndex % 12) + 1, 1);
}

export function monthIndexOf(period: Period, day: number): number {
  const d = new Date(day * MS_PER_DAY);
  return (d.getUTCFullYear() - period.startYear) * 12 + d.getUTCMonth();
}
