/**
 * The equipment inventory: devices bought before and during the period, retired at the end of
 * their service life and replaced by newer (more often networked) models. Held as typed arrays so
 * a million-device inventory for a ten-million-work-order sample stays small in memory.
 */
import type { Period } from "./calendar.ts";
import { dayOf, monthIndexOf, yearOfDay } from "./calendar.ts";
import type { Org } from "./organizations.ts";
import { Random } from "./random.ts";
import { DEVICE_TYPES, UNKNOWN_DEVICE } from "./vocabulary.ts";

export const NEVER = 2 ** 31 - 1;

export interface Inventory {
  readonly size: number;
  readonly org: Uint8Array;
  readonly deviceType: Uint8Array;
  readonly make: Uint8Array;
  readonly networked: Uint8Array;
  readonly inServiceDay: Int32Array;
  /** NEVER while in service. */
  readonly retiredDay: Int32Array;
  readonly acquisitionCost: Int32Array;
  /** Sequence within the organisation: the asset number is `${org.code}-${seq}`. */
  readonly seq: Int32Array;
  /** Each organisation's assets are the index range [orgStart[o], orgStart[o + 1]), by in-service day. */
  readonly orgStart: Int32Array;
  /** byType[org][deviceType] and networkedByOrg[org]: indices sorted by in-service day. */
  readonly byType: Int32Array[][];
  readonly networkedByOrg: Int32Array[];
  /** Devices in service in each month, activeByMonth[month][org]. */
  readonly activeByMonth: Float64Array[];
}

const typeIndex = new Map(DEVICE_TYPES.map((d, i) => [d.name, i]));
function mix(weights: Record<string, number>): number[] {
  return DEVICE_TYPES.map((d) => weights[d.name] ?? 0);
}
const HOSPITAL_MIX = mix({
  "Infusion Pump": 24,
  "Patient Monitor": 12,
  Defibrillator: 3,
  Ventilator: 3,
  "Electrosurgical Unit": 1.5,
  "ECG Machine": 2,
  "Anesthesia Machine": 1.5,
  "Pulse Oximeter": 6,
  "Telemetry Transmitter": 5,
  "Syringe Pump": 4,
  "Suction Regulator": 8,
  "CT Scanner": 0.12,
  "MRI Scanner": 0.06,
  "X-Ray System": 0.4,
  Ultrasound: 1.2,
  "C-Arm": 0.3,
  "Mammography Unit": 0.1,
  "Chemistry Analyzer": 0.3,
  Centrifuge: 1,
  "Hematology Analyzer": 0.3,
  "Lab Refrigerator": 1.5,
  Sterilizer: 0.6,
  "Hospital Bed": 7,
  "Nurse Call Station": 3,
  Generator: 0.08,
  UPS: 0.8,
  "RTLS Receiver": 2,
  "Network Switch": 0.4,
  "Interface Engine": 0.04,
  "Wireless Access Point": 1,
  "Workstation on Wheels": 1.5,
});
const ISO_MIX = mix({
  "Infusion Pump": 10,
  "Patient Monitor": 8,
  Defibrillator: 2,
  Ventilator: 2,
  "ECG Machine": 2,
  "Anesthesia Machine": 1,
  "CT Scanner": 0.8,
  "MRI Scanner": 0.4,
  "X-Ray System": 3,
  Ultrasound: 6,
  "C-Arm": 2,
  "Mammography Unit": 1,
  "Chemistry Analyzer": 1,
  "Hematology Analyzer": 1,
  Sterilizer: 1,
  UPS: 1,
  "Network Switch": 0.3,
  "Wireless Access Point": 0.5,
});
const DENTAL_MIX = mix({
  "Dental Chair": 10,
  "Dental X-Ray": 4,
  "Intraoral Scanner": 2,
  Sterilizer: 1.5,
  UPS: 0.3,
  "Wireless Access Point": 0.5,
  "Network Switch": 0.2,
});
/** What HTM departments take on over the decade: network gear and facilities-type equipment. */
const GROWTH_BOOST = mix({
  "Network Switch": 6,
  "Interface Engine": 6,
  "Wireless Access Point": 6,
  "Workstation on Wheels": 6,
  "Nurse Call Station": 3,
  "RTLS Receiver": 4,
  UPS: 3,
  Sterilizer: 2,
  "Hospital Bed": 2,
});
const DENTAL_TYPES = ["Dental Chair", "Dental X-Ray", "Intraoral Scanner"].map((n) => typeIndex.get(n)!);

interface Draft {
  type: number;
  make: number;
  inService: number;
  retired: number;
  cost: number;
  networked: boolean;
}

/**
 * Builds an inventory whose active size is about `activeDevices` in total, shared among the
 * organisations by their inventory weight.
 */
export function makeInventory(
  orgs: readonly Org[],
  period: Period,
  activeDevices: number,
  seed: number,
): Inventory {
  const random = Random.for(seed, "inventory");
  const years = period.endYear - period.startYear + 1;
  const months = years * 12;
  const totalWeight = orgs.reduce((s, o) => s + o.inventoryWeight, 0);
  const perWeight = Math.max(40, activeDevices / totalWeight);
  const draftsByOrg: Draft[][] = [];

  const networkedChance = (type: number, day: number) => {
    const d = DEVICE_TYPES[type];
    const f = Math.min(1, Math.max(0, (yearOfDay(day) - (period.startYear - 6)) / (years + 6)));
    return d.networkedEarly + (d.networkedLate - d.networkedEarly) * f;
  };
  const draft = (type: number, inService: number): Draft => {
    const d = DEVICE_TYPES[type];
    const life = d.lifeYears * random.uniform(0.8, 1.3) * 365;
    return {
      type,
      make: random.int(0, d.makes.length - 1),
      inService,
      retired: inService + Math.round(life),
      cost: Math.round(random.lognormal(d.cost, 0.2) * Math.pow(1.025, yearOfDay(inService) - 2020)),
      networked: random.chance(networkedChance(type, inService)),
    };
  };
  const pickType = (weights: readonly number[]) =>
    random.chance(0.003) ? UNKNOWN_DEVICE : random.weighted(weights);

  for (const org of orgs) {
    const drafts: Draft[] = [];
    const base =
      org.facilityType === "dental_group"
        ? DENTAL_MIX
        : org.facilityType === "independent_service_org"
          ? ISO_MIX
          : HOSPITAL_MIX;
    const lateMix = base.map((w, k) => w * (1 + GROWTH_BOOST[k]));
    const initial = Math.round(perWeight * org.inventoryWeight * 0.85);
    const add = (d: Draft) => {
      // Retired devices are replaced by the same kind, bought later and more often networked.
      for (let cur: Draft | undefined = d; cur;) {
        drafts.push(cur);
        if (cur.retired > period.endDay) break;
        const next: number = cur.retired + random.int(0, 45);
        cur = next <= period.endDay ? draft(cur.type, next) : undefined;
      }
    };
    if (org.joinDay <= period.startDay) {
      for (let i = 0; i < initial; i++) {
        const type = pickType(base);
        const life = DEVICE_TYPES[type].lifeYears * 365;
        const d = draft(type, period.startDay - random.int(1, Math.round(life)));
        if (d.retired <= period.startDay) d.retired = period.startDay + random.int(1, 365);
        add(d);
      }
    } else {
      for (let i = 0; i < initial; i++) add(draft(pickType(base), org.joinDay + random.int(0, 180)));
    }
    // Growth: about 2% a year more devices, weighted towards network and facilities equipment.
    for (let y = period.startYear; y <= period.endYear; y++) {
      const from = Math.max(dayOf(y, 1, 1), org.joinDay);
      const to = dayOf(y, 12, 31);
      if (from > to) continue;
      const t = (y - period.startYear) / Math.max(1, years - 1);
      const weights = base.map((w, i) => w + (lateMix[i] - w) * t);
      const n = Math.round(initial * (0.02 + 0.03 * t));
      for (let i = 0; i < n; i++) add(draft(pickType(weights), random.int(from, to)));
    }
    if (org.dentalClinicDay !== undefined) {
      const n = Math.max(6, Math.round(initial * 0.01));
      for (let i = 0; i < n; i++)
        add(draft(DENTAL_TYPES[i % DENTAL_TYPES.length], org.dentalClinicDay + random.int(0, 120)));
    }
    drafts.sort((a, b) => a.inService - b.inService || a.type - b.type || a.cost - b.cost);
    draftsByOrg.push(drafts);
  }

  const size = draftsByOrg.reduce((s, d) => s + d.length, 0);
  const inv = {
    size,
    org: new Uint8Array(size),
    deviceType: new Uint8Array(size),
    make: new Uint8Array(size),
    networked: new Uint8Array(size),
    inServiceDay: new Int32Array(size),
    retiredDay: new Int32Array(size),
    acquisitionCost: new Int32Array(size),
    seq: new Int32Array(size),
    orgStart: new Int32Array(orgs.length + 1),
    byType: [] as Int32Array[][],
    networkedByOrg: [] as Int32Array[],
    activeByMonth: Array.from({ length: months }, () => new Float64Array(orgs.length)),
  };
  let i = 0;
  for (const org of orgs) {
    const drafts = draftsByOrg[org.index];
    inv.orgStart[org.index] = i;
    const typeLists: number[][] = DEVICE_TYPES.map(() => []);
    const networkedList: number[] = [];
    const delta = new Float64Array(months + 1);
    drafts.forEach((d, k) => {
      inv.org[i] = org.index;
      inv.deviceType[i] = d.type;
      inv.make[i] = d.make;
      inv.networked[i] = d.networked ? 1 : 0;
      inv.inServiceDay[i] = d.inService;
      inv.retiredDay[i] = d.retired > period.endDay ? NEVER : d.retired;
      inv.acquisitionCost[i] = d.cost;
      inv.seq[i] = 100_000 + k;
      typeLists[d.type].push(i);
      if (d.networked) networkedList.push(i);
      delta[Math.max(0, monthIndexOf(period, d.inService))] += 1;
      if (d.retired <= period.endDay) delta[monthIndexOf(period, d.retired) + 1] -= 1;
      i++;
    });
    draftsByOrg[org.index] = [];
    inv.byType.push(typeLists.map((l) => Int32Array.from(l)));
    inv.networkedByOrg.push(Int32Array.from(networkedList));
    let running = 0;
    for (let m = 0; m < months; m++) {
      running += delta[m];
      inv.activeByMonth[m][org.index] = running;
    }
  }
  inv.orgStart[orgs.length] = size;
  return inv;
}

/** Index of the first entry of `sorted` (indices into days) whose day is after `day`, within [lo, hi). */
export function firstAfter(
  days: Int32Array,
  sorted: Int32Array | null,
  lo: number,
  hi: number,
  day: number,
): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (days[sorted ? sorted[mid] : mid] <= day) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
