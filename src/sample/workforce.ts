/**
 * Simulates each organisation's HTM staff month by month over the period: hires through
 * requisitions, ladder promotions, moves into specialist roles, separations (voluntary,
 * involuntary, retirement), rehires, contractors and part-timers, pay with ranges and merit
 * raises, certifications and training. The result is plain rows for the HR files plus a roster
 * the work-order generator uses to name technicians.
 */
import type { Period } from "./calendar.ts";
import { dayOf, monthStartDay, periodFraction, yearOfDay } from "./calendar.ts";
import type { Org } from "./organizations.ts";
import { Random } from "./random.ts";
import {
  CERTIFICATIONS,
  COURSES,
  JOB_TITLES,
  PAY_GRADE,
  ROLE_FAMILY,
  ROLES,
  SPECIAL_PROJECTS_TITLE,
  UNMAPPED_CERTIFICATION,
  marketMedianPay,
  styled,
  type CertificationKey,
  type Role,
} from "./vocabulary.ts";

type EmploymentType = "employee" | "contractor";
type TerminationType = "voluntary" | "involuntary" | "retirement" | "other";

export interface JobRow {
  day: number;
  role: Role;
  title: string;
  department: string;
  fte: number;
  type: EmploymentType;
}

export interface PayRow {
  day: number;
  amount: number;
  basis: "annual" | "hourly";
  grade: string;
  rangeMin: number;
  rangeMid: number;
  rangeMax: number;
}

export interface Person {
  id: string;
  birthYear: number;
  veteran: boolean;
  education: string;
  employments: Employment[];
  certifications: Map<CertificationKey, number>;
}

export interface Employment {
  person: Person;
  org: Org;
  hireDay: number;
  termDay: number | undefined;
  termType: TerminationType | undefined;
  jobs: JobRow[];
  pay: PayRow[];
  roleSince: number;
  compa: number;
  /** Returns from a temporary "Special Projects" assignment on this day. */
  specialProjectsUntil: number | undefined;
}

export interface Requisition {
  id: string;
  org: Org;
  role: Role;
  title: string;
  openedDay: number;
  filledDay: number | undefined;
  cancelledDay: number | undefined;
  hireSource: "internal" | "external" | undefined;
}

export interface CertificationRow {
  employeeId: string;
  certification: string;
  earnedDay: number;
  issuer: string;
  expiryDay: number | undefined;
}

export interface TrainingRow {
  employeeId: string;
  course: string;
  day: number;
  hours: number;
  cost: number;
  provider: string;
  domain: string;
}

/** Who could book work orders in one organisation in one month. */
export interface RosterEntry {
  employeeId: string;
  role: Role;
  /** Hired this month: not available before this day. */
  hireDay: number;
}

export interface Workforce {
  people: Person[];
  requisitions: Requisition[];
  certifications: CertificationRow[];
  training: TrainingRow[];
  /** roster[orgIndex][monthIndex] */
  roster: RosterEntry[][][];
}

const TECH_ROLES: ReadonlySet<Role> = new Set([
  "BMET I",
  "BMET II",
  "BMET III",
  "Imaging Specialist",
  "Laboratory Specialist",
  "Dental Equipment Technician",
  "Equipment Coordinator",
]);
const HIRE_AGE: Record<Role, readonly [number, number]> = {
  "BMET I": [27, 5],
  "BMET II": [33, 7],
  "BMET III": [40, 8],
  "Imaging Specialist": [39, 8],
  "Laboratory Specialist": [38, 8],
  "Medical Device Networking Specialist": [34, 6],
  "Medical Device Cybersecurity Specialist": [35, 6],
  "Dental Equipment Technician": [40, 9],
  "Clinical Engineer": [33, 7],
  "HTM Supervisor / Lead": [45, 7],
  "HTM Manager": [48, 6],
  "HTM Director": [52, 6],
  "Equipment Coordinator": [40, 10],
};
/** Who can be promoted or moved into a role when a requisition is filled internally. */
const INTERNAL_CANDIDATES: Partial<Record<Role, { share: number; from: readonly Role[] }>> = {
  "BMET II": { share: 0.15, from: ["BMET I"] },
  "BMET III": { share: 0.2, from: ["BMET II"] },
  "Imaging Specialist": { share: 0.25, from: ["BMET III", "BMET II"] },
  "Laboratory Specialist": { share: 0.2, from: ["BMET II", "BMET III"] },
  "Medical Device Networking Specialist": { share: 0.35, from: ["BMET III", "BMET II", "Clinical Engineer"] },
  "Medical Device Cybersecurity Specialist": {
    share: 0.3,
    from: ["Medical Device Networking Specialist", "BMET III", "Clinical Engineer"],
  },
  "HTM Supervisor / Lead": { share: 0.6, from: ["BMET III", "Imaging Specialist"] },
  "HTM Manager": { share: 0.5, from: ["HTM Supervisor / Lead", "Clinical Engineer"] },
  "HTM Director": { share: 0.3, from: ["HTM Manager"] },
};
/** Median days to fill; specialist openings take far longer (docs/architecture.md, who it serves). */
function medianDaysToFill(role: Role): number {
  if (role === "Medical Device Networking Specialist" || role === "Medical Device Cybersecurity Specialist")
    return 112;
  if (
    role === "Imaging Specialist" ||
    role === "Laboratory Specialist" ||
    role === "Dental Equipment Technician"
  )
    return 70;
  if (role === "Clinical Engineer") return 80;
  if (ROLE_FAMILY[role] === "leadership") return 90;
  return 42;
}

function composition(org: Org): Role[] {
  const n = Math.round(org.staff * 1.3);
  const seats: Role[] = [];
  if (org.facilityType === "dental_group")
    return ["Dental Equipment Technician", "Dental Equipment Technician", "BMET II"];
  if (n >= 15) seats.push("HTM Director", "HTM Manager", "HTM Supervisor / Lead", "HTM Supervisor / Lead");
  else if (n >= 7) seats.push("HTM Manager", "HTM Supervisor / Lead");
  else if (n >= 4) seats.push("HTM Supervisor / Lead");
  for (let i = 0; i < Math.floor(n / 9); i++) seats.push("Clinical Engineer");
  const imaging = org.facilityType === "independent_service_org" ? 4 : Math.floor(n / 6);
  for (let i = 0; i < imaging; i++) seats.push("Imaging Specialist");
  for (let i = 0; i < Math.floor(n / 12); i++) seats.push("Laboratory Specialist");
  if (n >= 15) seats.push("Equipment Coordinator");
  const ladder: Role[] = ["BMET II", "BMET I", "BMET III", "BMET II", "BMET I", "BMET II", "BMET III"];
  for (let i = 0; seats.length < n; i++) seats.push(ladder[i % ladder.length]);
  return seats;
}

export function simulateWorkforce(orgs: readonly Org[], period: Period, seed: number): Workforce {
  const random = Random.for(seed, "workforce");
  const months = (period.endYear - period.startYear + 1) * 12;
  const people: Person[] = [];
  const requisitions: Requisition[] = [];
  const active: Employment[] = [];
  let nextEmployeeNumber = 1200;

  type Event = { day: number; seq: number; run: () => void };
  let events: Event[] = [];
  let eventSeq = 0;
  const schedule = (day: number, run: () => void) => events.push({ day, seq: eventSeq++, run });

  const roleIndex = (role: Role) => ROLES.indexOf(role);
  const titleFor = (org: Org, role: Role) => {
    const titles = JOB_TITLES[role];
    const variant = random.chance(0.08)
      ? random.int(0, titles.length - 1)
      : (org.titleVariant + roleIndex(role)) % titles.length;
    return styled(titles[variant], org.titleCase);
  };
  const departmentFor = (org: Org, role: Role) =>
    ROLE_FAMILY[role] === "specialist" && role.startsWith("Medical Device") && org.index % 2 === 1
      ? "IS - Clinical Systems"
      : role === "Dental Equipment Technician" && org.facilityType !== "dental_group"
        ? "Dental Services"
        : org.department;
  const paidHourly = (org: Org, role: Role) => TECH_ROLES.has(role) && !org.paysTechniciansAnnually;
  const currentJob = (e: Employment) => e.jobs[e.jobs.length - 1];
  const currentRole = (e: Employment) => currentJob(e).role;

  const newPerson = (role: Role, ageAtDay: number, day: number): Person => {
    nextEmployeeNumber += random.int(1, 6);
    const [mean, sd] = HIRE_AGE[role];
    const age = Math.max(20, Math.min(66, Math.round(ageAtDay || mean + sd * random.normal())));
    const veteran = random.chance(TECH_ROLES.has(role) ? 0.22 : 0.1);
    const education =
      role === "Clinical Engineer" || role === "HTM Director"
        ? random.pick(["bachelor", "bachelor", "master"])
        : veteran && random.chance(0.5)
          ? "military"
          : random.pick(["associate", "associate", "associate", "bachelor", "certificate"]);
    const person: Person = {
      id: String(nextEmployeeNumber).padStart(6, "0"),
      birthYear: yearOfDay(day) - age,
      veteran,
      education,
      employments: [],
      certifications: new Map(),
    };
    people.push(person);
    return person;
  };

  const setJob = (e: Employment, day: number, change: Partial<JobRow>) => {
    const last = currentJob(e);
    const row: JobRow = { ...last, ...change, day };
    if (last.day === day) e.jobs[e.jobs.length - 1] = row;
    else e.jobs.push(row);
  };

  const payRowAt = (e: Employment, day: number): PayRow => {
    const role = currentRole(e);
    const year = yearOfDay(day);
    const round100 = (x: number) => Math.round(x / 100) * 100;
    const mid = round100(marketMedianPay(role, year) * e.org.payLevel);
    const annual = mid * e.compa;
    const hourly = paidHourly(e.org, role);
    return {
      day,
      amount: hourly ? Math.round((annual / 2080) * 100) / 100 : Math.round(annual),
      basis: hourly ? "hourly" : "annual",
      grade: PAY_GRADE[role],
      rangeMin: round100(mid * 0.8),
      rangeMid: mid,
      rangeMax: round100(mid * 1.2),
    };
  };
  const setPay = (e: Employment, day: number) => {
    if (currentJob(e).type === "contractor") return;
    const row = payRowAt(e, day);
    const last = e.pay[e.pay.length - 1];
    if (last && last.day === day) e.pay[e.pay.length - 1] = row;
    else e.pay.push(row);
  };

  const startEmployment = (
    person: Person,
    org: Org,
    role: Role,
    hireDay: number,
    type: EmploymentType,
  ): Employment => {
    const partTime = type === "employee" && paidHourly(org, role) && random.chance(0.08);
    const e: Employment = {
      person,
      org,
      hireDay,
      termDay: undefined,
      termType: undefined,
      jobs: [
        {
          day: hireDay,
          role,
          title: titleFor(org, role),
          department: departmentFor(org, role),
          fte: partTime ? random.pick([0.5, 0.6, 0.75, 0.8, 0.9]) : 1,
          type,
        },
      ],
      pay: [],
      roleSince: hireDay,
      compa: Math.min(1.12, Math.max(0.84, 0.95 + 0.05 * random.normal())),
      specialProjectsUntil: undefined,
    };
    person.employments.push(e);
    active.push(e);
    return e;
  };

  const moveRole = (e: Employment, role: Role, day: number) => {
    const before = payRowAt(e, day).amount;
    const wasHourly = paidHourly(e.org, currentRole(e));
    setJob(e, day, { role, title: titleFor(e.org, role), department: departmentFor(e.org, role) });
    e.roleSince = day;
    // A promotion is at least a 6% raise, otherwise the person sits where a new hire would.
    const annualBefore = wasHourly ? before * 2080 : before;
    const mid = payRowAt(e, day).rangeMid;
    e.compa = Math.min(1.1, Math.max(0.9 + 0.04 * random.normal(), (annualBefore * 1.06) / mid));
    setPay(e, day);
  };

  const openRequisition = (org: Org, role: Role, requestedDay: number, isBackfill: boolean) => {
    // A backfill for a late-December leaver (or a re-post after a cancellation) can fall after the
    // period: the export would then date it after its own end and push as_of past it, so it opens on
    // the last day instead. Every later draw is the same as for the requested day.
    const day = Math.min(requestedDay, period.endDay);
    const r: Requisition = {
      id: "",
      org,
      role,
      title: titleFor(org, role),
      openedDay: day,
      filledDay: undefined,
      cancelledDay: undefined,
      hireSource: undefined,
    };
    requisitions.push(r);
    if (random.chance(0.07)) {
      r.cancelledDay = day + random.int(20, 120);
      if (r.cancelledDay > period.endDay) r.cancelledDay = undefined;
      else if (isBackfill && random.chance(0.5))
        schedule(r.cancelledDay + random.int(30, 90), () =>
          openRequisition(org, role, r.cancelledDay! + 45, true),
        );
      return;
    }
    const fillDay = day + Math.max(7, Math.round(random.lognormal(medianDaysToFill(role), 0.4)));
    if (fillDay > period.endDay) return;
    schedule(fillDay, () => fillRequisition(r, fillDay));
  };

  const separate = (e: Employment, day: number, type: TerminationType) => {
    e.termDay = day;
    e.termType = type;
    // A move or raise dated after the last day never happened.
    e.jobs = e.jobs.filter((j) => j.day <= day);
    e.pay = e.pay.filter((p) => p.day <= day);
    active.splice(active.indexOf(e), 1);
    const role = currentRole(e);
    const backfill = currentJob(e).type === "contractor" ? 0.5 : 0.93;
    if (random.chance(backfill)) {
      const opened = type === "retirement" ? day - random.int(20, 60) : day + random.int(-14, 21);
      openRequisition(e.org, role, Math.max(opened, period.startDay), true);
    }
  };

  const fillRequisition = (r: Requisition, day: number) => {
    r.filledDay = day;
    const internal = INTERNAL_CANDIDATES[r.role];
    if (internal && random.chance(internal.share)) {
      const candidates = active
        .filter(
          (e) =>
            e.org === r.org && currentJob(e).type === "employee" && internal.from.includes(currentRole(e)),
        )
        .sort((a, b) => a.roleSince - b.roleSince);
      if (candidates.length > 0) {
        const mover = candidates[Math.min(candidates.length - 1, random.int(0, 1))];
        const oldRole = currentRole(mover);
        const moveDay = day + random.int(7, 21);
        r.hireSource = "internal";
        if (moveDay > period.endDay) return;
        moveRole(mover, r.role, moveDay);
        if (random.chance(0.85)) openRequisition(r.org, oldRole, moveDay, true);
        return;
      }
    }
    r.hireSource = "external";
    const hireDay = day + random.int(14, 35);
    if (hireDay > period.endDay) return;
    const contractorShare = r.org.facilityType === "independent_service_org" ? 0.3 : 0.06;
    const type: EmploymentType =
      ROLE_FAMILY[r.role] !== "leadership" && TECH_ROLES.has(r.role) && random.chance(contractorShare)
        ? "contractor"
        : "employee";
    const formerStaff =
      type === "employee" && random.chance(0.15)
        ? people.find((p) => {
            const last = p.employments[p.employments.length - 1];
            return (
              last !== undefined &&
              last.org === r.org &&
              last.termType === "voluntary" &&
              last.termDay! < hireDay - 300 &&
              yearOfDay(hireDay) - p.birthYear < 58 &&
              p.employments.length === 1
            );
          })
        : undefined;
    const person = formerStaff ?? newPerson(r.role, 0, hireDay);
    const e = startEmployment(person, r.org, r.role, hireDay, type);
    setPay(e, hireDay);
  };

  // Staff in post when the period starts, with their earlier history.
  for (const org of orgs) {
    if (org.joinDay > period.startDay) {
      for (const role of composition(org))
        openRequisition(org, role, org.joinDay - random.int(60, 120), false);
      continue;
    }
    for (const role of composition(org)) {
      const age = Math.max(23, Math.min(66, Math.round(47 + 10 * random.normal())));
      const person = newPerson(role, age, period.startDay);
      const tenureDays = Math.min(Math.round(random.exponential(7 * 365)), (age - 21) * 365);
      const hireDay = period.startDay - 30 - tenureDays;
      const inRoleDays = Math.min(tenureDays, random.int(0, 5 * 365));
      const firstRole: Role =
        inRoleDays < tenureDays - 700
          ? role === "BMET III"
            ? "BMET II"
            : role === "BMET II"
              ? "BMET I"
              : ROLE_FAMILY[role] === "leadership" && role !== "HTM Director"
                ? "BMET III"
                : role
          : role;
      const type: EmploymentType =
        org.facilityType === "independent_service_org" && TECH_ROLES.has(role) && random.chance(0.25)
          ? "contractor"
          : "employee";
      const e = startEmployment(person, org, firstRole, hireDay, type);
      const firstPayDay = Math.max(hireDay, dayOf(period.startYear - 1, org.meritMonth, 1));
      if (firstRole !== role) {
        const moveDay = period.startDay - 30 - inRoleDays;
        if (moveDay <= firstPayDay) {
          setJob(e, moveDay, { role, title: titleFor(org, role), department: departmentFor(org, role) });
          e.roleSince = moveDay;
          setPay(e, firstPayDay);
        } else {
          setPay(e, firstPayDay);
          moveRole(e, role, moveDay);
        }
      } else setPay(e, firstPayDay);
    }
  }
  for (const org of orgs) {
    // one specialist post per organisation at most: the work grows faster than the posts (docs/architecture.md, sample data)
    if (org.networkingPositionDay !== undefined)
      openRequisition(org, "Medical Device Networking Specialist", org.networkingPositionDay, false);
    if (org.cybersecurityPositionDay !== undefined)
      openRequisition(org, "Medical Device Cybersecurity Specialist", org.cybersecurityPositionDay, false);
    if (org.dentalClinicDay !== undefined)
      openRequisition(org, "Dental Equipment Technician", org.dentalClinicDay, false);
  }

  const roster: RosterEntry[][][] = orgs.map(() => Array.from({ length: months }, () => []));
  for (let m = 0; m < months; m++) {
    const monthStart = monthStartDay(period, m);
    const nextMonth = monthStartDay(period, m + 1);
    const year = yearOfDay(monthStart);

    for (;;) {
      const due = events.filter((ev) => ev.day < nextMonth).sort((a, b) => a.day - b.day || a.seq - b.seq);
      if (due.length === 0) break;
      events = events.filter((ev) => ev.day >= nextMonth);
      for (const ev of due) ev.run();
    }

    for (const e of [...active]) {
      // back from a special project first, so anything else this month is dated after the return
      if (e.specialProjectsUntil !== undefined && e.specialProjectsUntil < nextMonth) {
        setJob(e, Math.max(e.specialProjectsUntil, currentJob(e).day + 1), {
          title: titleFor(e.org, currentRole(e)),
        });
        e.specialProjectsUntil = undefined;
      }
      const job = currentJob(e);
      const lastPay = e.pay.length > 0 ? e.pay[e.pay.length - 1].day : e.hireDay;
      const day = Math.max(monthStart + random.int(0, nextMonth - monthStart - 1), job.day + 1, lastPay + 1);
      const role = job.role;
      const age = year - e.person.birthYear;
      if (job.type === "contractor") {
        if (random.chance(0.4 / 12)) separate(e, day, "other");
        else if (random.chance(0.08 / 12)) {
          setJob(e, day, { type: "employee" });
          setPay(e, day);
        }
        continue;
      }
      const retire =
        age >= 70 ? 0.5 : age >= 67 ? 0.3 : age >= 65 ? 0.15 : age >= 62 ? 0.07 : age >= 59 ? 0.02 : 0;
      let quit =
        role === "BMET I"
          ? 0.12
          : ROLE_FAMILY[role] === "leadership"
            ? 0.05
            : ROLE_FAMILY[role] === "specialist"
              ? 0.09
              : 0.07;
      if (day - e.hireDay < 365) quit *= 1.5;
      if (age >= 55) quit *= 0.5;
      const r = random.next() * 12;
      if (r < retire) {
        separate(e, day, "retirement");
        continue;
      }
      if (r < retire + quit) {
        separate(e, day, "voluntary");
        continue;
      }
      if (r < retire + quit + 0.02) {
        separate(e, day, "involuntary");
        continue;
      }
      const monthsInRole = (day - e.roleSince) / 30.4;
      if (role === "BMET I" && monthsInRole >= 20 && random.chance(1 / 28)) moveRole(e, "BMET II", day);
      else if (role === "BMET II" && monthsInRole >= 30 && random.chance(1 / 45))
        moveRole(e, "BMET III", day);
      else if (
        (role === "BMET III" || role === "Clinical Engineer") &&
        e.specialProjectsUntil === undefined &&
        random.chance(0.003)
      ) {
        setJob(e, day, { title: styled(SPECIAL_PROJECTS_TITLE, e.org.titleCase) });
        e.specialProjectsUntil = day + random.int(90, 240);
      } else if (job.fte < 1 && random.chance(0.015))
        setJob(e, day, { fte: random.chance(0.6) ? 1 : random.pick([0.5, 0.6, 0.8]) });

      if (monthStart === dayOf(year, e.org.meritMonth, 1) && e.pay.length > 0) {
        e.compa = Math.min(1.18, e.compa + 0.01 + 0.008 * random.normal());
        setPay(e, Math.max(monthStart + random.int(0, 13), e.pay[e.pay.length - 1].day + 1));
      }
    }

    for (const e of active) {
      const role = currentRole(e);
      if (ROLE_FAMILY[role] === "leadership" && role !== "HTM Supervisor / Lead") continue;
      if (role === "Equipment Coordinator") continue;
      roster[e.org.index][m].push({
        employeeId: e.person.id,
        role,
        hireDay: e.hireDay,
      });
    }
  }
  requisitions.sort((a, b) => a.openedDay - b.openedDay || a.org.index - b.org.index);
  requisitions.forEach((r, i) => (r.id = `REQ-${yearOfDay(r.openedDay)}-${String(i + 1).padStart(5, "0")}`));

  return {
    people,
    requisitions,
    certifications: makeCertifications(people, period, random),
    training: makeTraining(people, period, random),
    roster,
  };
}

function roleAt(e: Employment, day: number): Role {
  let role = e.jobs[0].role;
  for (const j of e.jobs) if (j.day <= day) role = j.role;
  return role;
}

function isContractor(e: Employment): boolean {
  return e.jobs.every((j) => j.type === "contractor");
}

/** Yearly chance of earning each certification, by role and by how far into the period we are. */
function certificationHazards(role: Role, t: number): Partial<Record<CertificationKey, number>> {
  switch (role) {
    case "BMET I":
      return { CABT: 0.12, CBET: 0.04, A_PLUS: 0.03 + 0.14 * t, NETWORK_PLUS: 0.005 + 0.05 * t };
    case "BMET II":
    case "BMET III":
      return {
        CBET: 0.12,
        CISS: 0.01,
        A_PLUS: 0.02 + 0.12 * t,
        NETWORK_PLUS: 0.01 + 0.1 * t,
        SECURITY_PLUS: 0.004 + 0.07 * t,
      };
    case "Imaging Specialist":
      return { CRES: 0.15, NETWORK_PLUS: 0.01 + 0.05 * t };
    case "Laboratory Specialist":
    case "Dental Equipment Technician":
      return { CBET: 0.06, A_PLUS: 0.02 + 0.05 * t };
    case "Medical Device Networking Specialist":
      return { NETWORK_PLUS: 0.5, CCNA: 0.35, SECURITY_PLUS: 0.15 };
    case "Medical Device Cybersecurity Specialist":
      return { SECURITY_PLUS: 0.6, CYSA_PLUS: 0.3, CISSP: 0.2, HCISPP: 0.15 };
    case "Clinical Engineer":
      return { CCE: 0.1, CHTM: 0.03 };
    case "HTM Supervisor / Lead":
      return { CBET: 0.05, CHTM: 0.08 };
    case "HTM Manager":
    case "HTM Director":
      return { CHTM: 0.08, CCE: 0.02 };
    case "Equipment Coordinator":
      return {};
  }
}

/** Holdings of staff already in post at the start: CBET common among experienced BMETs. */
const HELD_AT_START: Partial<Record<Role, Partial<Record<CertificationKey, number>>>> = {
  "BMET II": { CBET: 0.45, A_PLUS: 0.06 },
  "BMET III": { CBET: 0.65, A_PLUS: 0.08, CISS: 0.05 },
  "Imaging Specialist": { CRES: 0.4, CBET: 0.3 },
  "HTM Supervisor / Lead": { CBET: 0.6, CHTM: 0.2 },
  "HTM Manager": { CHTM: 0.35, CBET: 0.4 },
  "HTM Director": { CHTM: 0.3, CCE: 0.3 },
  "Clinical Engineer": { CCE: 0.25 },
};

function makeCertifications(people: readonly Person[], period: Period, random: Random): CertificationRow[] {
  const rows: CertificationRow[] = [];
  const addYears = (day: number, years: number) => day + Math.round(years * 365.25);
  const record = (e: Employment, key: CertificationKey, earnedDay: number) => {
    const spec = CERTIFICATIONS[key];
    e.person.certifications.set(key, earnedDay);
    const spellings = spec.spellings;
    const spelling = random.chance(0.1)
      ? random.pick(spellings)
      : spellings[e.org.certificationVariant % spellings.length];
    const end = Math.min(e.termDay ?? period.endDay, period.endDay);
    for (let day = earnedDay; day <= end;) {
      const validYears = "validYears" in spec ? spec.validYears : undefined;
      rows.push({
        employeeId: e.person.id,
        certification: spelling,
        earnedDay: day,
        issuer: spec.issuer,
        expiryDay:
          validYears !== undefined && e.org.exportsCertificationExpiry
            ? addYears(day, validYears)
            : undefined,
      });
      if (!spec.renewable || validYears === undefined) break;
      day = addYears(day, validYears) - random.int(0, 60);
    }
  };
  let vendorCerts = 0;
  for (const person of people) {
    for (const e of person.employments) {
      if (isContractor(e)) continue;
      const end = Math.min(e.termDay ?? period.endDay, period.endDay);
      if (e.hireDay < period.startDay) {
        const held = HELD_AT_START[roleAt(e, period.startDay)] ?? {};
        for (const [key, p] of Object.entries(held) as [CertificationKey, number][]) {
          if (person.certifications.has(key) || !random.chance(p)) continue;
          const earned = Math.max(e.hireDay + 200, period.startDay - random.int(30, 3 * 365));
          if (earned < period.startDay) record(e, key, earned);
        }
      }
      for (let y = Math.max(yearOfDay(e.hireDay), period.startYear); y <= yearOfDay(end); y++) {
        const from = Math.max(e.hireDay + 60, dayOf(y, 1, 1));
        const to = Math.min(end, dayOf(y, 12, 31));
        if (from > to) continue;
        const role = roleAt(e, from);
        const t = periodFraction(period, from);
        for (const [key, p] of Object.entries(certificationHazards(role, t)) as [
          CertificationKey,
          number,
        ][]) {
          if (person.certifications.has(key) || !random.chance(p)) continue;
          record(e, key, random.int(from, to));
        }
        if (vendorCerts < 4 && role === "BMET III" && random.chance(0.05)) {
          vendorCerts++;
          rows.push({
            employeeId: person.id,
            certification: UNMAPPED_CERTIFICATION,
            earnedDay: random.int(from, to),
            issuer: "Vendor",
            expiryDay: undefined,
          });
        }
      }
    }
  }
  rows.sort(
    (a, b) =>
      a.earnedDay - b.earnedDay || (a.employeeId < b.employeeId ? -1 : a.employeeId > b.employeeId ? 1 : 0),
  );
  return rows;
}

function makeTraining(people: readonly Person[], period: Period, random: Random): TrainingRow[] {
  const rows: TrainingRow[] = [];
  const seen = new Set<string>();
  for (const person of people) {
    for (const e of person.employments) {
      if (isContractor(e)) continue;
      const end = Math.min(e.termDay ?? period.endDay, period.endDay);
      for (let y = Math.max(yearOfDay(e.hireDay), period.startYear); y <= yearOfDay(end); y++) {
        const from = Math.max(e.hireDay + 14, dayOf(y, 1, 1));
        const to = Math.min(end, dayOf(y, 12, 31));
        if (from > to) continue;
        const role = roleAt(e, from);
        const t = periodFraction(period, from);
        const courses = COURSES.filter((c) => c.roles.length === 0 || c.roles.includes(role));
        const weights = courses.map((c) => c.weightEarly + (c.weightLate - c.weightEarly) * t);
        const count = random.weighted([0.2, 0.35, 0.28, 0.17]);
        for (let i = 0; i < count; i++) {
          const c = courses[random.weighted(weights)];
          const day = random.int(from, to);
          const key = `${person.id}|${c.name}|${day}`;
          if (seen.has(key)) continue;
          seen.add(key);
          rows.push({
            employeeId: person.id,
            course: c.name,
            day,
            hours: c.hours,
            cost: c.cost === 0 ? 0 : Math.round(c.cost * random.uniform(0.85, 1.2)),
            provider: c.provider,
            domain: c.domain,
          });
        }
      }
    }
  }
  rows.sort(
    (a, b) => a.day - b.day || (a.employeeId < b.employeeId ? -1 : a.employeeId > b.employeeId ? 1 : 0),
  );
  return rows;
}
