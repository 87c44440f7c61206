/** The organisations of the sample: a mix of facility types and sizes, one of them joining mid-period. */
import type { FACILITY_TYPES } from "../contract/index.ts";
import type { Period } from "./calendar.ts";
import { dayOf } from "./calendar.ts";
import { Random } from "./random.ts";
import type { CaseStyle } from "./vocabulary.ts";

type FacilityType = (typeof FACILITY_TYPES)[number];

interface OrgTemplate {
  readonly code: string;
  readonly name: string;
  readonly region: string;
  readonly facilityType: FacilityType;
  readonly staffedBeds: number;
  /** Staff size at the start (or at joining), before specialists are added. */
  readonly staff: number;
  /** Relative size of the equipment inventory. */
  readonly inventoryWeight: number;
  /** Regional pay level relative to the national median. */
  readonly payLevel: number;
}

// Dental group third, so even a three-organisation sample shows dental work joining mid-period.
const TEMPLATES: readonly OrgTemplate[] = [
  {
    code: "RAMC",
    name: "Riverside Academic Medical Center",
    region: "Northeast",
    facilityType: "academic_medical_center",
    staffedBeds: 820,
    staff: 22,
    inventoryWeight: 9,
    payLevel: 1.12,
  },
  {
    code: "SBCH",
    name: "St. Brigid Community Hospital",
    region: "Midwest",
    facilityType: "community_hospital",
    staffedBeds: 240,
    staff: 7,
    inventoryWeight: 2.6,
    payLevel: 0.95,
  },
  {
    code: "BSDG",
    name: "BrightSmile Dental Group",
    region: "Southwest",
    facilityType: "dental_group",
    staffedBeds: 0,
    staff: 3,
    inventoryWeight: 0.8,
    payLevel: 0.97,
  },
  {
    code: "LRMC",
    name: "Lakeview Regional Medical Center",
    region: "Southeast",
    facilityType: "community_hospital",
    staffedBeds: 360,
    staff: 9,
    inventoryWeight: 3.8,
    payLevel: 0.93,
  },
  {
    code: "PCH",
    name: "Prairie County Hospital",
    region: "Midwest",
    facilityType: "critical_access_hospital",
    staffedBeds: 25,
    staff: 2,
    inventoryWeight: 0.4,
    payLevel: 0.88,
  },
  {
    code: "HVAMC",
    name: "Harbor VA Medical Center",
    region: "West",
    facilityType: "federal",
    staffedBeds: 310,
    staff: 9,
    inventoryWeight: 3.4,
    payLevel: 1.02,
  },
  {
    code: "SISO",
    name: "Summit Imaging Service Partners",
    region: "Southeast",
    facilityType: "independent_service_org",
    staffedBeds: 0,
    staff: 10,
    inventoryWeight: 2.2,
    payLevel: 1.0,
  },
  {
    code: "MVH",
    name: "Mercy Valley Hospital",
    region: "West",
    facilityType: "community_hospital",
    staffedBeds: 180,
    staff: 5,
    inventoryWeight: 2,
    payLevel: 1.05,
  },
  {
    code: "NPUH",
    name: "Northern Plains University Hospital",
    region: "Midwest",
    facilityType: "academic_medical_center",
    staffedBeds: 610,
    staff: 16,
    inventoryWeight: 6.5,
    payLevel: 0.98,
  },
  {
    code: "CCH",
    name: "Coastal Children's Hospital",
    region: "Northeast",
    facilityType: "other",
    staffedBeds: 260,
    staff: 7,
    inventoryWeight: 2.8,
    payLevel: 1.1,
  },
  {
    code: "PRCA",
    name: "Pine Ridge Critical Access Hospital",
    region: "West",
    facilityType: "critical_access_hospital",
    staffedBeds: 22,
    staff: 2,
    inventoryWeight: 0.35,
    payLevel: 0.9,
  },
  {
    code: "MHS",
    name: "Metro Health System, Downtown Campus",
    region: "Southwest",
    facilityType: "community_hospital",
    staffedBeds: 450,
    staff: 11,
    inventoryWeight: 4.6,
    payLevel: 1.0,
  },
];

export interface Org {
  readonly index: number;
  readonly id: string;
  readonly code: string;
  readonly name: string;
  readonly region: string;
  readonly facilityType: FacilityType;
  readonly staffedBeds: number;
  readonly staff: number;
  readonly inventoryWeight: number;
  readonly payLevel: number;
  /** First day the organisation has staff and equipment in the data. */
  readonly joinDay: number;
  /** Days a networking / cybersecurity specialist position is created, if ever. */
  readonly networkingPositionDay: number | undefined;
  readonly cybersecurityPositionDay: number | undefined;
  /** A hospital that opens dental clinics mid-period. */
  readonly dentalClinicDay: number | undefined;
  /** Each export has its habits: title spelling per role, case, PM word, boolean spelling. */
  readonly titleVariant: number;
  readonly titleCase: CaseStyle;
  readonly cmmsCase: CaseStyle;
  readonly workTypeVariant: number;
  readonly certificationVariant: number;
  readonly booleanStyle: readonly [string, string];
  readonly department: string;
  /** Salaried technicians (annual basis) rather than hourly. */
  readonly paysTechniciansAnnually: boolean;
  readonly exportsCertificationExpiry: boolean;
  readonly meritMonth: number;
}

const DEPARTMENTS = ["Clinical Engineering", "Biomedical Engineering", "HTM", "Biomed"];
const BOOLEAN_STYLES: readonly (readonly [string, string])[] = [
  ["true", "false"],
  ["yes", "no"],
  ["1", "0"],
  ["Y", "N"],
];

export function makeOrganizations(count: number, period: Period, seed: number): Org[] {
  const random = Random.for(seed, "organizations");
  const years = period.endYear - period.startYear + 1;
  const dayAtFraction = (f: number) => period.startDay + Math.round(f * (period.endDay - period.startDay));
  const orgs: Org[] = [];
  for (let i = 0; i < count; i++) {
    const t = TEMPLATES[i % TEMPLATES.length];
    const round = Math.floor(i / TEMPLATES.length);
    const suffix = round === 0 ? "" : ` ${round + 1}`;
    const big = t.staffedBeds >= 300 || t.facilityType === "independent_service_org";
    const midsize = t.staffedBeds >= 150;
    const joinsLate = t.facilityType === "dental_group";
    orgs.push({
      index: i,
      id: `ORG${String(i + 1).padStart(2, "0")}`,
      code: t.code + (round === 0 ? "" : String(round + 1)),
      name: t.name + suffix,
      region: t.region,
      facilityType: t.facilityType,
      staffedBeds: Math.max(0, Math.round(t.staffedBeds * (round === 0 ? 1 : random.uniform(0.8, 1.2)))),
      staff: t.staff,
      inventoryWeight: t.inventoryWeight,
      payLevel: t.payLevel,
      joinDay: joinsLate
        ? dayOf(period.startYear + Math.floor(years / 2) - 1, random.int(3, 9), 1)
        : period.startDay,
      networkingPositionDay:
        big || midsize ? dayAtFraction(random.uniform(big ? 0.3 : 0.75, big ? 0.5 : 0.95)) : undefined,
      cybersecurityPositionDay: big && t.staff >= 10 ? dayAtFraction(random.uniform(0.55, 0.85)) : undefined,
      dentalClinicDay:
        t.facilityType === "academic_medical_center" ? dayAtFraction(random.uniform(0.45, 0.6)) : undefined,
      titleVariant: random.int(0, 5),
      titleCase: (["as_is", "as_is", "as_is", "upper", "as_is", "lower"] as const)[i % 6],
      cmmsCase: (["as_is", "as_is", "upper", "as_is", "lower", "as_is", "as_is"] as const)[i % 7],
      workTypeVariant: random.int(0, 4),
      certificationVariant: random.int(0, 1),
      booleanStyle: BOOLEAN_STYLES[i % BOOLEAN_STYLES.length],
      department: random.pick(DEPARTMENTS),
      paysTechniciansAnnually: t.facilityType === "federal" || t.facilityType === "independent_service_org",
      exportsCertificationExpiry: random.chance(0.7),
      meritMonth: random.pick([1, 4, 7, 10]),
    });
  }
  return orgs;
}
