import { cpSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { DuckDBInstance, listValue, type DuckDBConnection } from "@duckdb/node-api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  loadMarketPay,
  loadTaxonomy,
  loadTaxonomyIntoWarehouse,
  mapCertification,
  mapJobTitle,
  mapProcess,
  mapSystem,
  mapWorkDomain,
  LEGACY_DOMAINS,
  TaxonomyError,
  type Taxonomy,
} from "../src/taxonomy/index.ts";
import { PROJECT_ROOT, REFERENCE_DIR, TAXONOMY_DIR } from "../src/warehouse/paths.ts";
import { societyTaxonomy } from "../src/site/site-taxonomy.ts";
import { shippedTaxonomy } from "./support/site-taxonomy.ts";

const FIXTURES = path.join(PROJECT_ROOT, "tests/fixtures/taxonomy");

/** Raw values of the team brief (what the sample writes) and what each must map to. */
const JOB_TITLES: Record<string, string[]> = {
  "BMET I": [
    "BMET I",
    "BMET 1",
    "Biomedical Equipment Technician I",
    "Biomed Tech I",
    "Biomedical Equipment Tech 1",
    "Biomedical Technician Entry",
  ],
  "BMET II": [
    "BMET II",
    "BMET 2",
    "Biomedical Equipment Tech II",
    "Biomedical Equipment Technician II",
    "Biomed Tech II",
  ],
  "BMET III": [
    "BMET III",
    "BMET 3",
    "Sr. Biomedical Equipment Technician",
    "Senior BMET",
    "Biomedical Equipment Technician III",
  ],
  "Imaging Specialist": [
    "Imaging Specialist",
    "Sr. Imaging Engineer",
    "Imaging Service Engineer",
    "Radiology Equipment Specialist",
    "Diagnostic Imaging Technician",
  ],
  "Laboratory Specialist": [
    "Laboratory Equipment Specialist",
    "Lab Equipment Tech",
    "Clinical Lab Equipment Specialist",
  ],
  "Medical Device Networking Specialist": [
    "Network Specialist - Clinical Engineering",
    "Clinical Systems Network Analyst",
    "HTM Network Specialist",
    "Medical Device Networking Specialist",
  ],
  "Clinical Integration Specialist": [
    "Medical Device Integration Specialist",
    "HL7 Interface Analyst",
    "PACS Administrator",
  ],
  "Medical Device Cybersecurity Specialist": [
    "Medical Device Security Analyst",
    "Clinical Engineering Cybersecurity Specialist",
    "HTM Cybersecurity Engineer",
    "Medical Device Cybersecurity Specialist",
  ],
  "Dental Equipment Technician": [
    "Dental Equipment Technician",
    "Dental Equipment Tech",
    "Dental Service Technician",
  ],
  "Clinical Engineer": ["Clinical Engineer", "Clinical Engineer II", "Biomedical Engineer"],
  "HTM Supervisor / Lead": ["HTM Supervisor", "Lead BMET", "Biomed Supervisor", "Clinical Engineering Lead"],
  "HTM Manager": ["HTM Manager", "Clinical Engineering Manager", "Biomedical Engineering Manager"],
  "HTM Director": [
    "HTM Director",
    "Director of Clinical Engineering",
    "Director, Healthcare Technology Management",
  ],
};

/** Variants real exports use beyond the brief, and titles a careless rule order would get wrong. */
const MORE_JOB_TITLES: Record<string, string[]> = {
  "BMET I": ["bmet i", "BMET-I", "Biomedical Equipment Technician 1", "Junior BMET"],
  "BMET II": ["Biomed Equip Tech II", "BMET-II", "BMETII", "biomed tech ii", "BMET", "Biomed Tech"],
  "BMET III": ["BMET-III", "BMETIII", "Biomedical Equipment Tech III", "Sr BMET", "BMET Senior"],
  "Imaging Specialist": ["Imaging Engineer", "CT/MRI Engineer", "X-Ray Service Technician"],
  "Medical Device Cybersecurity Specialist": ["Cyber Security Analyst - Medical Devices"],
  "Clinical Engineer": ["Senior Clinical Engineer", "CLINICAL ENGINEER III"],
  "HTM Supervisor / Lead": ["Lead Biomedical Equipment Technician", "BMET Supervisor"],
  "HTM Manager": ["Manager, Clinical Engineering"],
  "HTM Director": ["Biomedical Engineering Director"],
};

const UNMAPPED_JOB_TITLES = ["Equipment Coordinator", "Special Projects"];

const WORK_TYPES: Record<string, string[]> = {
  by_device: [
    "PM",
    "Preventive Maintenance",
    "Scheduled Maintenance",
    "Inspection",
    "Safety Inspection",
    "Repair",
    "Corrective Maintenance",
    "Incoming Inspection",
  ],
  cybersecurity: [
    "Security Patch",
    "Vulnerability Remediation",
    "Patch Management",
    "Risk Assessment",
    "MDS2 Review",
    "Security Incident",
  ],
  networking: ["Network Configuration", "VLAN Change", "COW Setup"],
  integration: [
    "HL7 Interface",
    "DICOM Configuration",
    "PACS Integration",
    "Device Integration",
    "EMR Integration",
  ],
  dental: ["Dental Chair Repair", "Dental PM"],
  facilities_support: [
    "Sterilizer PM",
    "Sterilizer Repair",
    "Generator Test",
    "Nurse Call",
    "Bed Repair",
    "RTLS Tag Replacement",
    "UPS Maintenance",
  ],
  projects_procurement: ["Installation", "Pre-Purchase Evaluation", "Project", "Capital Planning"],
};
const UNMAPPED_WORK_TYPES = ["Misc", "Other Work"];

const DEVICE_TYPES: Record<string, string[]> = {
  general_biomed: [
    "Infusion Pump",
    "Patient Monitor",
    "Defibrillator",
    "Ventilator",
    "Electrosurgical Unit",
    "ECG Machine",
    "Anesthesia Machine",
    "Pulse Oximeter",
    "Telemetry Transmitter",
    "Syringe Pump",
    "Suction Regulator",
  ],
  imaging: ["CT Scanner", "MRI Scanner", "X-Ray System", "Ultrasound", "C-Arm", "Mammography Unit"],
  laboratory: ["Chemistry Analyzer", "Centrifuge", "Hematology Analyzer", "Lab Refrigerator"],
  dental: ["Dental Chair", "Dental X-Ray", "Intraoral Scanner"],
  facilities_support: [
    "Sterilizer",
    "Hospital Bed",
    "Nurse Call Station",
    "Generator",
    "UPS",
    "RTLS Receiver",
  ],
  networking: ["Network Switch", "Wireless Access Point", "Workstation on Wheels"],
  integration: ["Interface Engine"],
};
const UNMAPPED_DEVICE_TYPES = ["Unknown Device"];

const CERTIFICATIONS: Record<string, string[]> = {
  CBET: ["CBET", "Certified Biomedical Equipment Technician"],
  CRES: ["CRES"],
  CHTM: ["CHTM"],
  CABT: ["CABT"],
  CCE: ["CCE"],
  CISS: ["CISS"],
  COMPTIA_A_PLUS: ["CompTIA A+", "A+"],
  COMPTIA_NETWORK_PLUS: ["CompTIA Network+", "Network+"],
  COMPTIA_SECURITY_PLUS: ["CompTIA Security+", "Security+"],
  COMPTIA_CYSA_PLUS: ["CompTIA CySA+", "CySA+"],
  CCNA: ["CCNA", "Cisco CCNA"],
  CISSP: ["CISSP"],
  HCISPP: ["HCISPP"],
};
const UNMAPPED_CERTIFICATIONS = ["Vendor Cert XYZ"];

const pairs = (table: Record<string, string[]>) =>
  Object.entries(table).flatMap(([target, values]) => values.map((value) => [value, target] as const));

let taxonomy: Taxonomy;
beforeAll(() => {
  taxonomy = loadTaxonomy();
});

describe("job titles", () => {
  it.each(pairs(JOB_TITLES))("'%s' → %s", (title, role) => {
    expect(mapJobTitle(taxonomy, title)?.role).toBe(role);
  });
  it.each(pairs(MORE_JOB_TITLES))("variant '%s' → %s", (title, role) => {
    expect(mapJobTitle(taxonomy, title)?.role).toBe(role);
  });
  it("ignores case", () => {
    expect(mapJobTitle(taxonomy, "SENIOR bmet")?.role).toBe("BMET III");
    expect(mapJobTitle(taxonomy, "director of clinical engineering")?.role).toBe("HTM Director");
  });
  it.each(UNMAPPED_JOB_TITLES)("'%s' stays unmapped", (title) => {
    expect(mapJobTitle(taxonomy, title)).toBeUndefined();
  });
  it("returns the role's attributes with the match", () => {
    expect(mapJobTitle(taxonomy, "BMET 3")).toEqual({
      role: "BMET III",
      role_family: "generalist",
      ladder_level: 3,
      primary_domain: "general_biomed",
      soc_code: "49-9062",
      rule_priority: 110,
    });
    expect(mapJobTitle(taxonomy, "HTM Director")?.primary_domain).toBeNull();
    expect(mapJobTitle(taxonomy, null)).toBeUndefined();
  });
});

describe("work domains", () => {
  const specificWorkTypes = pairs(WORK_TYPES).filter(([, domain]) => domain !== "by_device");
  it.each(specificWorkTypes)("work type '%s' → %s whatever the device", (workType, domain) => {
    expect(mapWorkDomain(taxonomy, workType, "Infusion Pump")).toBe(domain);
    expect(mapWorkDomain(taxonomy, workType, null)).toBe(domain);
  });
  it.each(pairs(DEVICE_TYPES))("generic work on '%s' → %s", (deviceType, domain) => {
    for (const workType of [...WORK_TYPES.by_device, ...UNMAPPED_WORK_TYPES]) {
      expect(mapWorkDomain(taxonomy, workType, deviceType)).toBe(domain);
    }
    expect(mapWorkDomain(taxonomy, null, deviceType)).toBe(domain);
  });
  it("is unmapped when neither work type nor device type decides", () => {
    expect(mapWorkDomain(taxonomy, "PM", "Unknown Device")).toBe("unmapped");
    expect(mapWorkDomain(taxonomy, "PM", null)).toBe("unmapped");
    expect(mapWorkDomain(taxonomy, "Misc", "Unknown Device")).toBe("unmapped");
    expect(mapWorkDomain(taxonomy, "Other Work", null)).toBe("unmapped");
    expect(mapWorkDomain(taxonomy, null, null)).toBe("unmapped");
  });
});

describe("certifications", () => {
  it.each(pairs(CERTIFICATIONS))("'%s' → %s", (raw, code) => {
    expect(mapCertification(taxonomy, raw)).toBe(code);
  });
  it.each(UNMAPPED_CERTIFICATIONS)("'%s' stays unmapped", (raw) => {
    expect(mapCertification(taxonomy, raw)).toBeUndefined();
  });
  it("carries renewal rules from reference-facts", () => {
    const byCode = new Map(taxonomy.certifications.rows.map((c) => [c.code, c]));
    expect(byCode.get("CABT")).toMatchObject({ renewal_years: 5, renewable: false });
    expect(byCode.get("CBET")).toMatchObject({ renewal_years: 3, renewable: true, ceus: 30 });
    expect(byCode.get("CCE")?.renewal_years).toBeNull();
    expect(byCode.get("COMPTIA_CYSA_PLUS")?.ceus).toBe(60);
  });
});

describe("process work types and equipment systems", () => {
  // real CMMS wording → process; most work is no process at all
  const PROCESSES: Record<string, string[]> = {
    risk_assessment: ["Risk Assessment", "MDS2 Review", "Security Risk Assessment", "MDS-2 review"],
    incident_investigation: [
      "Incident Investigation",
      "Adverse Event Investigation",
      "Security Incident",
      "RCA",
    ],
    recall_alert: [
      "Recall Response",
      "Hazard Alert Review",
      "FDA Recall",
      "Field Safety Notice",
      "ECRI alert",
    ],
    pre_purchase: ["Pre-Purchase Evaluation", "Pre-Purchase MDS2 Review", "Product evaluation"],
    incoming_inspection: ["Incoming Inspection", "Acceptance Test", "Receiving inspection"],
  };
  it.each(pairs(PROCESSES))("work type '%s' → %s", (raw, process) => {
    expect(mapProcess(taxonomy, raw)).toBe(process);
  });
  it.each(["PM", "Repair", "Network Configuration", "Sterilizer PM", "Misc"])("'%s' is no process", (raw) => {
    expect(mapProcess(taxonomy, raw)).toBeUndefined();
  });
  it("gives process work a domain as well: processes cut across domains", () => {
    expect(mapWorkDomain(taxonomy, "Security Risk Assessment", "Infusion Pump")).toBe("cybersecurity");
    expect(mapWorkDomain(taxonomy, "Recall Response", "Infusion Pump")).toBe("general_biomed");
    expect(mapWorkDomain(taxonomy, "Incident Investigation", "CT Scanner")).toBe("imaging");
  });
  it.each([
    ["Sterilizer", "PM", "Sterilizers"],
    ["Hospital Bed", "Repair", "Beds & stretchers"],
    ["Nurse Call Station", "Repair", "Nurse call"],
    ["Generator", "PM", "Generators"],
    ["UPS", "PM", "UPS"],
    ["RTLS Receiver", "PM", "RTLS"],
    ["Dental Chair", "Repair", "Dental"],
    [null, "Generator Test", "Generators"],
    ["Infusion Pump", "PM", undefined],
  ] as const)("device '%s', work '%s' → system %s", (device, work, system) => {
    expect(mapSystem(taxonomy, device, work)).toBe(system);
  });
});

describe("a taxonomy from before the integration split and the process files", () => {
  // tests/fixtures/taxonomy-legacy: the default taxonomy as it was (networking_integration merged,
  // no processes.csv, process_rules.csv or system_rules.csv)
  const legacy = () => loadTaxonomy(path.join(PROJECT_ROOT, "tests/fixtures/taxonomy-legacy"));
  it("loads, with its merged domain and no processes or systems", () => {
    const t = legacy();
    expect(t.domains.rows.map((d) => d.domain)).toContain("networking_integration");
    expect(mapWorkDomain(t, "HL7 Interface", null)).toBe("networking_integration");
    expect(t.processes.rows).toEqual([]);
    expect(t.processRules.rows).toEqual([]);
    expect(t.systemRules.rows).toEqual([]);
    expect(mapProcess(t, "Risk Assessment")).toBeUndefined();
  });
  it("names the domains the merged one became", () => {
    expect(LEGACY_DOMAINS.networking_integration).toEqual(["networking", "integration"]);
    const current = new Set(taxonomy.domains.rows.map((d) => d.domain));
    for (const d of LEGACY_DOMAINS.networking_integration!) expect(current.has(d)).toBe(true);
  });
});

describe("seed taxonomy", () => {
  it("has the 12 seed roles and the integration specialist on a ladder", () => {
    const levels = Object.fromEntries(taxonomy.roles.rows.map((r) => [r.role, r.ladder_level]));
    expect(Object.keys(levels)).toHaveLength(13);
    expect(levels["Clinical Integration Specialist"]).toBe(4);
    expect(levels).toMatchObject({
      "BMET I": 1,
      "BMET II": 2,
      "BMET III": 3,
      "HTM Supervisor / Lead": 5,
      "HTM Manager": 6,
      "HTM Director": 7,
    });
  });
});

describe("market pay", () => {
  it("has a role, year, source page, status, reason and the named statistic on every row", () => {
    const pay = loadMarketPay(REFERENCE_DIR, taxonomy);
    expect(pay.rows.length).toBeGreaterThan(0);
    for (const row of pay.rows) {
      expect(row.year).toBeGreaterThanOrEqual(2015);
      expect(row.source.length).toBeGreaterThan(10);
      // an exact page, not a site's home page
      expect(row.source_url, `line ${row.line}`).toMatch(/^https:\/\/[^/]+\/.+\//);
      expect(row.status).toMatch(/^(published|secondary copy)$/);
      expect(row.reason?.length ?? 0).toBeGreaterThan(10);
      expect(row.comparison).toMatch(/^(primary|secondary)$/);
      expect(row[row.statistic as "median"]).toBeGreaterThan(0);
    }
    const raw = readFileSync(path.join(REFERENCE_DIR, "market_pay.csv"), "utf8").trim().split("\n");
    expect(pay.rows).toHaveLength(raw.length - 1);
  });
  it("labels the director figure as an average", () => {
    const director = loadMarketPay().rows.filter((r) => r.role === "HTM Director");
    expect(director).toHaveLength(1);
    expect(director[0]).toMatchObject({ year: 2024, median: null, mean: 143600, statistic: "mean" });
    expect(director[0].source).toMatch(/average/i);
  });
});

/** Copies the shipped taxonomy to a temp dir and replaces one file with a broken fixture. */
function brokenTaxonomyDir(fixture: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), "htm-taxonomy-"));
  cpSync(TAXONOMY_DIR, dir, { recursive: true });
  cpSync(path.join(FIXTURES, fixture), dir, { recursive: true });
  return dir;
}

function errorOf(load: () => unknown): TaxonomyError {
  try {
    load();
  } catch (error) {
    if (error instanceof TaxonomyError) return error;
    throw error;
  }
  throw new Error("expected a TaxonomyError");
}

describe("bad rule files", () => {
  const cases: [fixture: string, message: string][] = [
    ["invalid_regex", "job_title_rules.csv line 3, column pattern: '(' is not a valid regular expression"],
    ["unknown_role", "job_title_rules.csv line 3, column role: 'BMET IV' is not a role in roles.csv"],
    [
      "duplicate_priority",
      "work_type_rules.csv line 4, column priority: '10' is a duplicate (first on line 2)",
    ],
    ["missing_column", "device_type_rules.csv line 1, column pattern: required column is missing"],
    ["not_portable", "certification_rules.csv line 2, column pattern: '\\bcbet\\b' uses \\b"],
    [
      "unknown_certification",
      "certification_rules.csv line 3, column code: 'CWNA' is not a code in certifications.csv",
    ],
  ];
  it.each(cases)("%s: names file, line and column", (fixture, message) => {
    const dir = brokenTaxonomyDir(fixture);
    try {
      const error = errorOf(() => loadTaxonomy(dir));
      expect(error.message).toContain(message);
      expect(error.message.startsWith(dir) || error.message.includes(path.basename(dir))).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("market pay: a row without a year", () => {
    const error = errorOf(() => loadMarketPay(path.join(FIXTURES, "bad_market_pay"), taxonomy));
    expect(error.message).toBe(
      "tests/fixtures/taxonomy/bad_market_pay/market_pay.csv line 3, column year: '' is empty; expected a whole number from 1900 to 2100",
    );
  });

  it("a missing file is named", () => {
    const error = errorOf(() => loadMarketPay(path.join(FIXTURES, "no_such_dir")));
    expect(error.message).toBe("tests/fixtures/taxonomy/no_such_dir/market_pay.csv: file not found");
  });

  it("market pay: a statistic the row does not give", () => {
    const error = errorOf(() => loadMarketPay(path.join(FIXTURES, "market_pay_missing_statistic"), taxonomy));
    expect(error.issues).toEqual([expect.objectContaining({ line: 2, column: "p25" })]);
  });

  it("market pay: a role neither the taxonomy nor the product has (a typo)", () => {
    const error = errorOf(() => loadMarketPay(path.join(FIXTURES, "market_pay_unknown_role"), taxonomy));
    expect(error.issues).toEqual([expect.objectContaining({ line: 3, column: "role", value: "BMET IV" })]);
  });

  it("market pay: a product role an older taxonomy does not use is left out, not an error", () => {
    // the legacy taxonomy has no Clinical Integration Specialist; the shipped file prices one
    const legacy = loadTaxonomy(path.join(PROJECT_ROOT, "tests/fixtures/taxonomy-legacy"));
    expect(legacy.roles.rows.map((r) => r.role)).not.toContain("Clinical Integration Specialist");
    const raw = readFileSync(path.join(REFERENCE_DIR, "market_pay.csv"), "utf8").trim().split("\n");
    const integrationRows = raw.filter((l) => l.startsWith("Clinical Integration Specialist,")).length;
    expect(integrationRows).toBe(1);
    const pay = loadMarketPay(REFERENCE_DIR, legacy);
    expect(pay.rows.map((r) => r.role)).not.toContain("Clinical Integration Specialist");
    expect(pay.rows).toHaveLength(raw.length - 1 - integrationRows);
    // the current taxonomy keeps it
    expect(loadMarketPay(REFERENCE_DIR, taxonomy).rows.map((r) => r.role)).toContain(
      "Clinical Integration Specialist",
    );
  });
});

describe("in DuckDB", () => {
  let dir: string;
  let instance: DuckDBInstance;
  let conn: DuckDBConnection;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), "htm-taxonomy-db-"));
    instance = await DuckDBInstance.create(path.join(dir, "warehouse.duckdb"));
    conn = await instance.connect();
    await loadTaxonomyIntoWarehouse(conn, taxonomy, loadMarketPay(REFERENCE_DIR, taxonomy));
  });
  afterAll(() => {
    conn.closeSync();
    instance.closeSync();
    rmSync(dir, { recursive: true, force: true });
  });

  /** value → result of `sql` over the distinct values, as the core SQL matches them. */
  async function matchInDuckDB(sql: string, values: readonly string[]): Promise<Map<string, string | null>> {
    const reader = await conn.runAndReadAll(
      `with raw_values as (select distinct unnest($values) as value) ${sql}`,
      { values: listValue([...values]) },
    );
    return new Map(reader.getRowObjects().map((r) => [r.value as string, r.mapped as string | null]));
  }

  const argMinSql = (table: string, column: string) => `
    select v.value, arg_min(r.${column}, r.priority) as mapped
    from raw_values v left join taxonomy.${table} r on regexp_matches(v.value, r.pattern, 'i')
    group by v.value`;

  it("creates typed tables that mirror the CSVs", async () => {
    const reader = await conn.runAndReadAll(`
      select table_schema || '.' || table_name as t, column_name, data_type
      from information_schema.columns
      where table_schema in ('taxonomy', 'reference')
        and column_name in ('priority', 'ladder_level', 'renewal_years', 'renewable', 'median', 'year')
      order by all`);
    expect(reader.getRowObjects().map((r) => `${r.t}.${r.column_name} ${r.data_type}`)).toEqual([
      "reference.market_pay.median DOUBLE",
      "reference.market_pay.year INTEGER",
      "taxonomy.certification_rules.priority INTEGER",
      "taxonomy.certifications.renewable BOOLEAN",
      "taxonomy.certifications.renewal_years INTEGER",
      "taxonomy.device_type_rules.priority INTEGER",
      "taxonomy.job_title_rules.priority INTEGER",
      "taxonomy.process_rules.priority INTEGER",
      "taxonomy.roles.ladder_level INTEGER",
      "taxonomy.system_rules.priority INTEGER",
      "taxonomy.work_type_rules.priority INTEGER",
    ]);
    const counts = await conn.runAndReadAll(`
      select (select count(*) from taxonomy.roles)::integer as roles,
             (select count(*) from reference.market_pay where year is null or source is null)::integer as undated,
             (select count(*) from taxonomy.roles where primary_domain is null)::integer as leadership`);
    expect(counts.getRowObjects()[0]).toEqual({ roles: 13, undated: 0, leadership: 3 });
  });

  it("maps job titles exactly as JS does", async () => {
    const titles = [...pairs(JOB_TITLES), ...pairs(MORE_JOB_TITLES)].map(([t]) => t);
    const all = [...titles, ...UNMAPPED_JOB_TITLES];
    const sql = await matchInDuckDB(argMinSql("job_title_rules", "role"), all);
    for (const title of all)
      expect([title, sql.get(title)]).toEqual([title, mapJobTitle(taxonomy, title)?.role ?? null]);
    for (const title of UNMAPPED_JOB_TITLES) expect(sql.get(title)).toBeNull();
  });

  it("maps certifications exactly as JS does", async () => {
    const all = [...pairs(CERTIFICATIONS).map(([c]) => c), ...UNMAPPED_CERTIFICATIONS];
    const sql = await matchInDuckDB(argMinSql("certification_rules", "code"), all);
    for (const raw of all)
      expect([raw, sql.get(raw)]).toEqual([raw, mapCertification(taxonomy, raw) ?? null]);
  });

  it("maps work domains exactly as JS does", async () => {
    const workTypes = [...pairs(WORK_TYPES).map(([w]) => w), ...UNMAPPED_WORK_TYPES];
    const deviceTypes = [...pairs(DEVICE_TYPES).map(([d]) => d), ...UNMAPPED_DEVICE_TYPES];
    const byWorkType = await matchInDuckDB(argMinSql("work_type_rules", "domain"), workTypes);
    const byDevice = await matchInDuckDB(argMinSql("device_type_rules", "domain"), deviceTypes);
    for (const workType of workTypes) {
      for (const deviceType of deviceTypes) {
        const w = byWorkType.get(workType);
        const sqlDomain = w !== null && w !== "by_device" ? w : (byDevice.get(deviceType) ?? "unmapped");
        expect([workType, deviceType, sqlDomain]).toEqual([
          workType,
          deviceType,
          mapWorkDomain(taxonomy, workType, deviceType),
        ]);
      }
    }
    expect(byWorkType.get("Misc")).toBeNull();
    expect(byDevice.get("Unknown Device")).toBeNull();
  });

  it("reports a pattern DuckDB refuses with file, line and column", async () => {
    const broken: Taxonomy = {
      ...taxonomy,
      certificationRules: {
        file: "data/taxonomy/certification_rules.csv",
        rows: [{ priority: 1, pattern: "(?P<x>cbet", code: "CBET", line: 2 }],
      },
    };
    await expect(loadTaxonomyIntoWarehouse(conn, broken, loadMarketPay())).rejects.toThrow(
      /certification_rules\.csv line 2, column pattern: '\(\?P<x>cbet' is refused by DuckDB/,
    );
  });
});

describe("one taxonomy for both sites (issue 18)", () => {
  // The hospital's taxonomy.json goes through its warehouse (ingest → publish.taxonomy_* → the site's
  // producer); the society's pooled warehouse holds codes only, so its site reads the same files
  // directly. Both must give every code the same label, noun and order.
  for (const [name, dir] of [
    ["the shipped taxonomy", TAXONOMY_DIR],
    [
      "the taxonomy from before the integration split",
      path.join(PROJECT_ROOT, "tests/fixtures/taxonomy-legacy"),
    ],
  ] as const) {
    it(`${name}: the society's site reads what a hospital's site reads`, async () => {
      const hospital = await shippedTaxonomy(dir);
      const society = societyTaxonomy(dir);
      expect(society).toEqual(hospital);
      const family = (t: typeof society) => t.role_families.find((f) => f.code === "generalist")?.label;
      expect(family(society)).toBe("Generalists (BMET I–III)");
    });
  }

  it("a merged domain of an older taxonomy reads as the domains it became, on both sites", async () => {
    const domain = (t: { domains: { code: string; label: string }[] }) =>
      t.domains.find((d) => d.code === "networking_integration")?.label;
    // contributions built with the older taxonomy pool next to new ones: the code keeps its words
    expect(domain(societyTaxonomy(TAXONOMY_DIR))).toBe("Networking & integration");
    expect(domain(await shippedTaxonomy(path.join(PROJECT_ROOT, "tests/fixtures/taxonomy-legacy")))).toBe(
      "Networking & integration",
    );
  });
});
