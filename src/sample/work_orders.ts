/**
 * Streams work orders month by month: each month's count follows the active inventory, each row
 * picks an organisation, a kind of work (networking, cybersecurity and facilities work growing over
 * the period), a device of that organisation in service on the day, and an in-house technician
 * employed that day or a vendor. Per-row work is a few array lookups so millions of rows are cheap.
 *
 * Labor hours follow the staff, not the number of rows: an organisation's in-house hours in a year
 * are aimed at 92–100% of its technical FTE × 1,600 productive hours (docs/architecture.md, sample data: demand roughly
 * matches capacity), shared out over its in-house orders by each kind of work's relative effort (an
 * imaging repair takes longer than a pump PM) with per-order noise. Each order takes its share of
 * the budget still left for the year against the orders still expected, so the yearly totals hold
 * at any --work-orders while memory stays a few numbers per organisation.
 */
import type { Period } from "./calendar.ts";
import { DateFormatter, dayOf, monthStartDay, periodFraction, yearOfDay } from "./calendar.ts";
import { csvField, type CsvFile } from "./csv_file.ts";
import { firstAfter, type Inventory } from "./inventory.ts";
import type { ManifestDefect, ManifestOrphan, UnmappedCounter } from "./manifest.ts";
import type { Org } from "./organizations.ts";
import { Random } from "./random.ts";
import {
  CORRECTIVE_WORK,
  CYBERSECURITY_WORK,
  DENTAL_WORK,
  DEVICE_TYPES,
  FACILITIES_WORK,
  INCOMING_WORK,
  NETWORKING_WORK,
  PROCESS_WORK,
  PROJECT_WORK,
  SCHEDULED_WORK,
  UNKNOWN_DEVICE,
  UNMAPPED_WORK,
  styled,
  type Domain,
  type Role,
  type WorkType,
} from "./vocabulary.ts";

/** The most labour hours the sample books on one work order (the ingest bound is 2,000). */
const MAX_ORDER_HOURS = 1000;
import type { RosterEntry } from "./workforce.ts";

const FILE = "work_orders.csv";
const ORPHAN_TECHNICIAN = "T-0417";
const DEVICE_TYPE_INDEX = new Map(DEVICE_TYPES.map((d, i) => [d.name, i]));

/** Who does each domain's work, best first. */
const PREFERRED: Record<Domain, readonly Role[]> = {
  general_biomed: ["BMET II", "BMET I", "BMET III"],
  imaging: ["Imaging Specialist", "BMET III"],
  laboratory: ["Laboratory Specialist", "BMET III", "BMET II"],
  networking: [
    "Medical Device Networking Specialist",
    "Medical Device Cybersecurity Specialist",
    "BMET III",
    "Clinical Engineer",
  ],
  // integration posts carry networking-specialist titles that name integration at some organisations
  integration: ["Medical Device Networking Specialist", "Clinical Engineer", "BMET III"],
  cybersecurity: [
    "Medical Device Cybersecurity Specialist",
    "Medical Device Networking Specialist",
    "BMET III",
    "Clinical Engineer",
  ],
  dental: ["Dental Equipment Technician", "BMET II"],
  facilities_support: ["BMET II", "BMET III", "BMET I"],
  projects_procurement: ["Clinical Engineer", "HTM Supervisor / Lead", "BMET III"],
  unmapped: ["BMET I", "BMET II"],
};
/**
 * Networking and security work is mostly done by generalists: a specialist, where there is one, takes
 * only this share of it (a department has one or two specialists against several FTE of such work).
 */
const SPECIALIST_SHARE: Partial<Record<Domain, number>> = {
  networking: 0.3,
  integration: 0.3,
  cybersecurity: 0.3,
};
const GENERALISTS_FIRST: readonly Role[] = ["BMET III", "BMET II", "Clinical Engineer"];
const HOURS_FACTOR: Partial<Record<Domain, number>> = { imaging: 8, laboratory: 3 };
/** docs/marts.md default productive hours per FTE, the unit the sample's demand is calibrated in. */
const PRODUCTIVE_HOURS_PER_FTE = 1600;
/** Expected relative effort of an order (in-house share × median hours × noise), before any is seen. */
const PRIOR_EFFORT_PER_ORDER = 1.7;
/** Weight of last month's effort estimate against this month's orders. */
const EFFORT_MEMORY = 0.7;
const VENDOR_FACTOR: Partial<Record<Domain, number>> = {
  imaging: 1.2,
  laboratory: 3,
  facilities_support: 1.5,
};

export interface WorkOrderResult {
  defects: ManifestDefect[];
  orphans: ManifestOrphan[];
}

export async function writeWorkOrders(
  file: CsvFile,
  count: number,
  orgs: readonly Org[],
  inventory: Inventory,
  roster: RosterEntry[][][],
  technicalFte: readonly (readonly number[])[],
  period: Period,
  seed: number,
  unmapped: UnmappedCounter,
  onProgress: (rows: number) => void,
): Promise<WorkOrderResult> {
  const random = Random.for(seed, "work_orders");
  const workload = Random.for(seed, "workload");
  // Utilisation of technical capacity by in-house work orders: each department a little busier by
  // the end of the period, when networking and security work has been added to the old load.
  // In all, in-house work is within about ±10% of technical capacity (the shortfalls are in the
  // specialist domains, not in the total).
  const utilisation = orgs.map(() => workload.uniform(0.92, 0.96));
  const effortSum = orgs.map(() => 0);
  const effortOrders = orgs.map(() => 0);
  const budgetLeft = orgs.map(() => 0);
  const ordersLeft = orgs.map(() => 0);
  const dates = new DateFormatter(period.startDay - 400, period.endDay + 400);
  const months = roster[0].length;
  const defects: ManifestDefect[] = [];
  const orphans: ManifestOrphan[] = [];
  const workTypes: readonly WorkType[] = [
    SCHEDULED_WORK,
    CORRECTIVE_WORK,
    INCOMING_WORK,
    ...NETWORKING_WORK,
    ...CYBERSECURITY_WORK,
    ...FACILITIES_WORK,
    ...DENTAL_WORK,
    ...PROJECT_WORK,
    ...PROCESS_WORK,
    UNMAPPED_WORK,
  ];
  const workTypeIndex = new Map(workTypes.map((w, i) => [w, i]));
  const styledNames = orgs.map((o) =>
    workTypes.map((w) => w.names.map((n) => csvField(styled(n, o.cmmsCase)))),
  );
  const deviceNames = orgs.map((o) => DEVICE_TYPES.map((d) => csvField(styled(d.name, o.cmmsCase))));
  const assetIds = orgs.map((o) => csvField(o.code) + "-");
  const orgIds = orgs.map((o) => csvField(o.id));

  // Months get work orders in proportion to the active inventory; the remainder is carried.
  const monthWeight = inventory.activeByMonth.map((a) => a.reduce((s, x) => s + x, 0));
  const totalWeight = monthWeight.reduce((s, x) => s + x, 0);
  const defectAt = new Map<number, string>([
    [Math.floor(count * 0.11), "negative_hours"],
    [Math.floor(count * 0.23), "malformed_date"],
    [Math.floor(count * 0.37), "duplicate_id"],
    [Math.floor(count * 0.52), "unknown_provider"],
    [Math.floor(count * 0.68), "completed_before_opened"],
    [Math.floor(count * 0.3), "orphan_technician"],
    [Math.floor(count * 0.61), "orphan_technician"],
    [Math.floor(count * 0.83), "orphan_asset"],
  ]);

  const ordersInMonth: number[] = [];
  for (let m = 0, cumulative = 0, before = 0; m < months; m++) {
    cumulative += monthWeight[m];
    const upTo = m === months - 1 ? count : Math.round((count * cumulative) / totalWeight);
    ordersInMonth.push(Math.max(0, upTo - before));
    before = Math.max(before, upTo);
  }
  /** In-house hours an organisation's technical staff are to book in a month. */
  const targetHours = (o: number, m: number) => {
    const monthStart = monthStartDay(period, m);
    const year = yearOfDay(monthStart);
    return (
      technicalFte[o][m] *
      PRODUCTIVE_HOURS_PER_FTE *
      ((monthStartDay(period, m + 1) - monthStart) / (dayOf(year + 1, 1, 1) - dayOf(year, 1, 1))) *
      (utilisation[o] + 0.04 * periodFraction(period, monthStart)) *
      Math.exp(0.05 * workload.normal())
    );
  };

  // Organisations take turns by their inventory's share of the month (no randomness), so how many
  // orders each gets in a year is known before the first is written: a counting pass, a few numbers.
  const ordersOfYear = orgs.map(() => new Array<number>(Math.ceil(months / 12)).fill(0));
  const countingCredit = orgs.map(() => 0);
  for (let m = 0; m < months; m++)
    for (let k = 0; k < ordersInMonth[m]; k++)
      ordersOfYear[nextOrg(countingCredit, inventory.activeByMonth[m], monthWeight[m])][Math.floor(m / 12)]++;
  const orderCredit = orgs.map(() => 0);

  let written = 0;
  let previousId = "";
  for (let m = 0; m < months; m++) {
    if (m % 12 === 0)
      for (let o = 0; o < orgs.length; o++) {
        budgetLeft[o] = 0;
        for (let k = m; k < Math.min(m + 12, months); k++) budgetLeft[o] += targetHours(o, k);
        ordersLeft[o] = ordersOfYear[o][m / 12];
      }
    const n = ordersInMonth[m];
    if (n <= 0) continue;
    const monthStart = monthStartDay(period, m);
    const daysInMonth = monthStartDay(period, m + 1) - monthStart;
    const t = periodFraction(period, monthStart);
    const pNetworking = 0.012 + 0.05 * t;
    const pCyber = 0.004 + 0.042 * t;
    const pFacilities = 0.02 + 0.08 * t;
    const pProjects = 0.03;
    // standardised process work (recalls, incident investigations, security risk assessments) rises
    const pProcess = 0.003 + 0.014 * t;
    const orgWeights = inventory.activeByMonth[m];
    let orgTotal = 0;
    for (const w of orgWeights) orgTotal += w;
    // Each order takes its effort's share of what is left of the year's budget: its own effort over
    // its own plus the expected effort of the organisation's orders still to come that year, so the
    // last order of the year takes what is left and the year lands on its budget however its orders
    // fall. Nothing is carried from one year to the next.
    const effortPerOrder = orgs.map((_, o) =>
      effortOrders[o] > 0 ? effortSum[o] / effortOrders[o] : PRIOR_EFFORT_PER_ORDER,
    );
    const monthEffort = orgs.map(() => 0);
    const monthOrders = orgs.map(() => 0);
    const byRole = roster.map((o) => {
      const map = new Map<Role, RosterEntry[]>();
      for (const e of o[m]) {
        const list = map.get(e.role);
        if (list) list.push(e);
        else map.set(e.role, [e]);
      }
      return map;
    });

    for (let k = 0; k < n; k++) {
      const i = written;
      const day = monthStart + Math.floor(((k + random.next()) * daysInMonth) / n);
      const o = nextOrg(orderCredit, orgWeights, orgTotal);
      const org = orgs[o];

      let work: WorkType;
      const u = random.next();
      if (u < 0.004) work = UNMAPPED_WORK;
      else if (org.facilityType === "dental_group" && u < 0.4) work = random.pick(DENTAL_WORK);
      else if (u < 0.004 + pNetworking) work = random.pick(NETWORKING_WORK);
      else if (u < 0.004 + pNetworking + pCyber) work = random.pick(CYBERSECURITY_WORK);
      else if (u < 0.004 + pNetworking + pCyber + pFacilities) work = random.pick(FACILITIES_WORK);
      else if (u < 0.004 + pNetworking + pCyber + pFacilities + pProjects) work = random.pick(PROJECT_WORK);
      else if (u < 0.004 + pNetworking + pCyber + pFacilities + pProjects + pProcess)
        work = random.pick(PROCESS_WORK);
      else {
        const g = random.next();
        work = g < 0.54 ? SCHEDULED_WORK : g < 0.93 ? CORRECTIVE_WORK : INCOMING_WORK;
      }
      const names = styledNames[o][workTypeIndex.get(work)!];
      const nameIndex =
        work.names.length === 1
          ? 0
          : random.next() < 0.12
            ? Math.floor(random.next() * work.names.length)
            : work === SCHEDULED_WORK
              ? random.next() < 0.2
                ? 3 + (org.workTypeVariant % 2)
                : org.workTypeVariant % 3
              : org.workTypeVariant % work.names.length;
      const workTypeText = names[nameIndex];

      // The device: one of this organisation's, in service on the day.
      let asset = -1;
      const target = work.target;
      if (target.kind === "types") {
        const typeName = target.types[Math.floor(random.next() * target.types.length)];
        const typeIdx = DEVICE_TYPE_INDEX.get(typeName)!;
        asset = pickFrom(inventory, inventory.byType[o][typeIdx], day, random);
        if (asset < 0) asset = pickFrom(inventory, inventory.networkedByOrg[o], day, random);
      } else if (target.kind === "networked")
        asset = pickFrom(inventory, inventory.networkedByOrg[o], day, random);
      if (asset < 0 && target.kind !== "none") asset = pickAny(inventory, o, day, random);
      const deviceType = asset >= 0 ? inventory.deviceType[asset] : -1;
      const domain: Domain =
        work.domain === "by_device"
          ? deviceType >= 0
            ? DEVICE_TYPES[deviceType].domain
            : "general_biomed"
          : work.domain;
      const cost = asset >= 0 ? inventory.acquisitionCost[asset] : 20_000;

      let technician = "";
      // The organisation's last order of the year books what is left of its hours, so it stays in-house.
      const isLastOfYear = ordersLeft[o] === 1 && budgetLeft[o] > 0;
      const vendorDraw = random.next();
      let vendor =
        !isLastOfYear &&
        vendorDraw < work.vendorShare * (work.domain === "by_device" ? (VENDOR_FACTOR[domain] ?? 1) : 1);
      if (!vendor) {
        const specialistShare = SPECIALIST_SHARE[domain];
        const preferred =
          specialistShare !== undefined && random.next() >= specialistShare
            ? GENERALISTS_FIRST
            : PREFERRED[domain];
        technician = pickTechnician(byRole[o], roster[o][m], preferred, day, random);
        if (technician === "") vendor = true;
      }
      const effort = vendor ? 0 : work.hours * (HOURS_FACTOR[domain] ?? 1) * Math.exp(0.45 * random.normal());
      let hours = vendor
        ? random.next() < 0.2
          ? 0.5
          : 0
        : // a small --work-orders spreads the same hours over fewer orders; no order books more than
          // MAX_ORDER_HOURS (the rest of the budget goes to the orders after it), so none trips the
          // plausibility bound max_labor_hours_per_work_order
          Math.min(
            MAX_ORDER_HOURS,
            Math.max(
              0.25,
              Math.round(
                ((effort * budgetLeft[o]) / (effort + (ordersLeft[o] - 1) * effortPerOrder[o])) * 4,
              ) / 4,
            ),
          );
      if (!vendor) budgetLeft[o] = Math.max(0, budgetLeft[o] - hours);
      ordersLeft[o] = Math.max(0, ordersLeft[o] - 1);
      monthEffort[o] += effort;
      monthOrders[o]++;
      const vendorCost = vendor ? Math.round((180 + cost * (0.03 + 0.1 * random.next())) * 100) / 100 : 0;
      const parts =
        work.partsShare > 0 && random.next() < 0.6
          ? Math.round(cost * work.partsShare * random.next() * 100) / 100
          : 0;
      const clock = work.completionDays;
      let completed =
        day + Math.floor(random.exponential(clock ? clock[0] + (clock[1] - clock[0]) * t : vendor ? 9 : 1.5));

      let id = "WO" + String(i + 1).padStart(8, "0");
      let opened = dates.format(day);
      let provider = vendor ? "vendor" : "in_house";
      let assetId = asset >= 0 ? assetIds[o] + inventory.seq[asset] : "";
      const line = i + 2;
      const defect = defectAt.get(i);
      if (defect !== undefined) {
        if (defect === "orphan_technician") {
          vendor = false;
          provider = "in_house";
          technician = ORPHAN_TECHNICIAN;
          hours = Math.max(hours, 1);
          orphans.push({
            file: FILE,
            line,
            column: "technician_id",
            value: technician,
            references: "employees.employee_id",
          });
        } else if (defect === "orphan_asset" && asset >= 0) {
          assetId = assetIds[o] + "099999";
          orphans.push({
            file: FILE,
            line,
            column: "asset_id",
            value: assetId,
            references: "assets.asset_id",
          });
        } else if (defect === "negative_hours") {
          vendor = false;
          provider = "in_house";
          hours = -2.5;
          defects.push({
            file: FILE,
            line,
            column: "labor_hours",
            value: "-2.5",
            reason: "labor_hours must be ≥ 0",
          });
        } else if (defect === "malformed_date") {
          const [y, mo, d] = opened.split("-");
          opened = `${mo}/${d}/${y}`;
          defects.push({
            file: FILE,
            line,
            column: "opened_date",
            value: opened,
            reason: "opened_date must be a date YYYY-MM-DD",
          });
        } else if (defect === "duplicate_id") {
          id = previousId;
          defects.push({
            file: FILE,
            line,
            column: "work_order_id",
            value: id,
            reason: `duplicate work_order_id (first at line ${line - 1})`,
          });
        } else if (defect === "unknown_provider") {
          provider = "contractor";
          defects.push({
            file: FILE,
            line,
            column: "service_provider",
            value: provider,
            reason: "service_provider must be one of in_house, vendor",
          });
        } else if (defect === "completed_before_opened") {
          completed = day - 3;
          defects.push({
            file: FILE,
            line,
            column: "completed_date",
            value: dates.format(completed),
            reason: "completed_date must be on or after opened_date",
          });
        }
      }
      if (defect === undefined || defect.startsWith("orphan")) {
        if (work === UNMAPPED_WORK) unmapped.add(FILE, "work_type", workTypeText);
        if (deviceType === UNKNOWN_DEVICE) unmapped.add(FILE, "device_type", deviceNames[o][deviceType]);
      }

      const row =
        `${id},${opened},${workTypeText},${hours},${orgIds[o]},${assetId},${deviceType >= 0 ? deviceNames[o][deviceType] : ""},` +
        `${completed > period.endDay ? "" : dates.format(completed)},${vendor ? "" : technician},${provider},` +
        `${vendor ? vendorCost : ""},${parts > 0 ? parts : ""},` +
        // scheduled maintenance is opened ahead of its due date: 14 days, except every 12th order, opened
        // on the day it falls due (so a completion after that day is late); no random draw, so every
        // other column is as before
        `${work === SCHEDULED_WORK ? dates.format(day + (i % 12 === 0 ? 0 : 14)) : ""}`;
      previousId = id;
      written++;
      if (file.pushLine(row)) await file.drained();
      if ((written & 0xffff) === 0) onProgress(written);
    }
    for (let o = 0; o < orgs.length; o++) {
      effortSum[o] = EFFORT_MEMORY * effortSum[o] + monthEffort[o];
      effortOrders[o] = EFFORT_MEMORY * effortOrders[o] + monthOrders[o];
    }
  }
  onProgress(written);
  return { defects, orphans };
}

/**
 * The organisation whose turn it is: each earns its share of the month's orders per order and the
 * one furthest ahead takes it, so every organisation gets its share to within one order.
 */
function nextOrg(credit: number[], weights: ArrayLike<number>, total: number): number {
  let o = 0;
  for (let q = 0; q < credit.length; q++) {
    credit[q] += weights[q] / total;
    if (credit[q] > credit[o]) o = q;
  }
  credit[o] -= 1;
  return o;
}

function pickAny(inv: Inventory, o: number, day: number, random: Random): number {
  const lo = inv.orgStart[o];
  const hi = firstAfter(inv.inServiceDay, null, lo, inv.orgStart[o + 1], day);
  if (hi === lo) return -1;
  for (let tries = 0; tries < 10; tries++) {
    const k = lo + Math.floor(random.next() * (hi - lo));
    if (inv.retiredDay[k] > day) return k;
  }
  return -1;
}

function pickFrom(inv: Inventory, list: Int32Array, day: number, random: Random): number {
  const hi = firstAfter(inv.inServiceDay, list, 0, list.length, day);
  if (hi === 0) return -1;
  for (let tries = 0; tries < 8; tries++) {
    const k = list[Math.floor(random.next() * hi)];
    if (inv.retiredDay[k] > day) return k;
  }
  return -1;
}

function pickTechnician(
  byRole: Map<Role, RosterEntry[]>,
  everyone: readonly RosterEntry[],
  preferred: readonly Role[],
  day: number,
  random: Random,
): string {
  if (random.next() < 0.85) {
    for (const role of preferred) {
      const list = byRole.get(role);
      if (!list) continue;
      const e = list[Math.floor(random.next() * list.length)];
      if (e.hireDay <= day) return e.employeeId;
    }
  }
  for (let tries = 0; tries < 4 && everyone.length > 0; tries++) {
    const e = everyone[Math.floor(random.next() * everyone.length)];
    if (e.hireDay <= day) return e.employeeId;
  }
  return "";
}
