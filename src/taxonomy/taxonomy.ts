/**
 * The whole taxonomy (data/taxonomy/*.csv) loaded, validated across files, and the pure matchers
 * the rest of the product and the tests use. The warehouse applies the same rules in SQL.
 */
import { TAXONOMY_DIR } from "../warehouse/paths.ts";
import {
  certificationRulesTable,
  certificationsTable,
  matchCertification,
  type Certification,
  type CertificationRule,
} from "./certifications.ts";
import { domainsTable, UNMAPPED, type Domain } from "./domains.ts";
import { jobTitleRulesTable, matchJobTitle, type JobTitleMatch, type JobTitleRule } from "./job_titles.ts";
import { roleFamiliesTable, type RoleFamilyRow } from "./role_families.ts";
import { rolesTable, type Role } from "./roles.ts";
import { readTable, type LoadedTable } from "./taxonomy_table.ts";
import { TaxonomyError, type TaxonomyIssue } from "./taxonomy_error.ts";
import {
  BY_DEVICE,
  deviceTypeRulesTable,
  matchWorkDomain,
  workTypeRulesTable,
  type DeviceTypeRule,
  type WorkTypeRule,
} from "./work_domains.ts";
import {
  matchProcess,
  processRulesTable,
  processesTable,
  type Process,
  type ProcessRule,
} from "./work_processes.ts";
import { matchSystem, systemRulesTable, type SystemRule } from "./equipment_systems.ts";

/** Rule tables have their rows sorted by priority, so the first match is the winner. */
export interface Taxonomy {
  readonly roles: LoadedTable<Role>;
  readonly roleFamilies: LoadedTable<RoleFamilyRow>;
  readonly jobTitleRules: LoadedTable<JobTitleRule>;
  readonly domains: LoadedTable<Domain>;
  readonly workTypeRules: LoadedTable<WorkTypeRule>;
  readonly deviceTypeRules: LoadedTable<DeviceTypeRule>;
  readonly certificationRules: LoadedTable<CertificationRule>;
  readonly certifications: LoadedTable<Certification>;
  /** Optional files (empty when absent): process work types and equipment systems. */
  readonly processes: LoadedTable<Process>;
  readonly processRules: LoadedTable<ProcessRule>;
  readonly systemRules: LoadedTable<SystemRule>;
}

/** Names the warehouse uses for "no rule matched"; a taxonomy may not define them. */
const RESERVED = new Set([UNMAPPED, "unknown", BY_DEVICE]);

function byPriority<Row extends { priority: number }>(table: LoadedTable<Row>): LoadedTable<Row> {
  return { file: table.file, rows: [...table.rows].sort((a, b) => a.priority - b.priority) };
}

/**
 * Reads every taxonomy CSV in `dir`, checks each file and the references between them (rule roles,
 * domains and codes exist; reserved names unused). Throws a TaxonomyError listing every problem
 * with file, line and column.
 */
export function loadTaxonomy(dir: string = TAXONOMY_DIR): Taxonomy {
  const issues: TaxonomyIssue[] = [];
  const read = <T>(load: () => T): T | undefined => {
    try {
      return load();
    } catch (error) {
      if (!(error instanceof TaxonomyError)) throw error;
      issues.push(...error.issues);
      return undefined;
    }
  };
  const roles = read(() => readTable(dir, rolesTable));
  const roleFamilies = read(() => readTable(dir, roleFamiliesTable));
  const jobTitleRules = read(() => byPriority(readTable(dir, jobTitleRulesTable)));
  const domains = read(() => readTable(dir, domainsTable));
  const workTypeRules = read(() => byPriority(readTable(dir, workTypeRulesTable)));
  const deviceTypeRules = read(() => byPriority(readTable(dir, deviceTypeRulesTable)));
  const certificationRules = read(() => byPriority(readTable(dir, certificationRulesTable)));
  const certifications = read(() => readTable(dir, certificationsTable));
  const processes = read(() => readTable(dir, processesTable));
  const processRules = read(() => byPriority(readTable(dir, processRulesTable)));
  const systemRules = read(() => byPriority(readTable(dir, systemRulesTable)));
  if (
    !roles ||
    !roleFamilies ||
    !jobTitleRules ||
    !domains ||
    !workTypeRules ||
    !deviceTypeRules ||
    !certificationRules ||
    !certifications ||
    !processes ||
    !processRules ||
    !systemRules
  ) {
    throw new TaxonomyError(issues);
  }

  const check = <Row>(
    table: LoadedTable<Row>,
    column: keyof Row & string,
    allowed: ReadonlySet<string>,
    what: string,
  ) => {
    for (const row of table.rows) {
      const value = row[column] as string | null;
      if (value !== null && !allowed.has(value)) {
        issues.push({ file: table.file, line: row.line, column, value, problem: `is not ${what}` });
      }
    }
  };
  const reserved = <Row>(table: LoadedTable<Row>, column: keyof Row & string) => {
    for (const row of table.rows) {
      const value = row[column] as string;
      if (RESERVED.has(value.toLowerCase())) {
        issues.push({
          file: table.file,
          line: row.line,
          column,
          value,
          problem: `is reserved for values no rule maps (${[...RESERVED].join(", ")}); choose another name`,
        });
      }
    }
  };

  const roleNames = new Set(roles.rows.map((r) => r.role));
  const domainNames = new Set(domains.rows.map((d) => d.domain));
  const codes = new Set(certifications.rows.map((c) => c.code));
  reserved(roles, "role");
  reserved(domains, "domain");
  check(roles, "primary_domain", domainNames, "a domain in domains.csv");
  check(
    roles,
    "role_family",
    new Set(roleFamilies.rows.map((f) => f.role_family)),
    "a role family in role_families.csv",
  );
  check(jobTitleRules, "role", roleNames, "a role in roles.csv");
  check(
    workTypeRules,
    "domain",
    new Set([...domainNames, BY_DEVICE]),
    `a domain in domains.csv or ${BY_DEVICE} (the device type decides)`,
  );
  check(deviceTypeRules, "domain", domainNames, "a domain in domains.csv");
  check(certifications, "domain", domainNames, "a domain in domains.csv");
  check(certificationRules, "code", codes, "a code in certifications.csv");
  reserved(processes, "process");
  check(processRules, "process", new Set(processes.rows.map((p) => p.process)), "a process in processes.csv");
  if (issues.length > 0) throw new TaxonomyError(issues);

  return {
    roles,
    roleFamilies,
    jobTitleRules,
    domains,
    workTypeRules,
    deviceTypeRules,
    certificationRules,
    certifications,
    processes,
    processRules,
    systemRules,
  };
}

/** Canonical role of a raw job title, or undefined when no rule matches ('unmapped' in the warehouse). */
export function mapJobTitle(taxonomy: Taxonomy, title: string | null | undefined): JobTitleMatch | undefined {
  return matchJobTitle(taxonomy.jobTitleRules.rows, taxonomy.roles.rows, title);
}

/** Competency domain of a work order, or 'unmapped'. See work_domains.ts for the by_device rule. */
export function mapWorkDomain(
  taxonomy: Taxonomy,
  workType: string | null | undefined,
  deviceType: string | null | undefined,
): string {
  return matchWorkDomain(taxonomy.workTypeRules.rows, taxonomy.deviceTypeRules.rows, workType, deviceType);
}

/** Certification code of a raw certification text, or undefined when no rule matches. */
export function mapCertification(taxonomy: Taxonomy, raw: string | null | undefined): string | undefined {
  return matchCertification(taxonomy.certificationRules.rows, raw);
}

/** Process work type of a work order's work type (risk assessment, recall response…), or undefined. */
export function mapProcess(taxonomy: Taxonomy, workType: string | null | undefined): string | undefined {
  return matchProcess(taxonomy.processRules.rows, workType);
}

/** Equipment system of a work order (sterilizers, nurse call, dental…), or undefined. */
export function mapSystem(
  taxonomy: Taxonomy,
  deviceType: string | null | undefined,
  workType: string | null | undefined,
): string | undefined {
  return matchSystem(taxonomy.systemRules.rows, deviceType, workType);
}
