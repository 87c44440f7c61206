/**
 * A seeded generator of malformed variants of a small clean input folder, as an attacker or an
 * unlucky export would make them: broken line endings and quoting, impossible and implausible
 * values, wrong encodings, binary content, truncation. Each variant damages one source file; the
 * fuzz test loads it and checks the outcome against csv-parse, a parser that is not ours.
 */
import { parse } from "csv-parse/sync";
import iconv from "iconv-lite";
import { SOURCES, type SourceContract } from "../../src/contract/index.ts";

/** The clean dataset: every source, a few rows each, valid against the contract. */
export const CLEAN_FILES: Record<string, string> = {
  "organizations.csv":
    'org_id,org_name,region,facility_type,staffed_beds\nORG1,Riverside Medical Center,Northeast,academic_medical_center,820\nORG2,"St. Brigid, Community",Midwest,community_hospital,240\n',
  "employees.csv": [
    "employee_id,hire_date,org_id,termination_date,termination_type,birth_year,veteran,education",
    "007,2015-03-02,ORG1,,,1970,true,bachelor",
    "E02,2016-06-13,ORG1,2021-05-31,voluntary,1985,false,associate",
    "E03,2018-01-08,ORG2,,,1979,no,military",
    "E04,2019-09-16,ORG2,2023-02-28,retirement,1958,yes,associate",
    "E05,2020-04-01,ORG1,,,1992,false,bachelor",
    "E06,2021-11-15,ORG2,,,1988,false,associate",
    "",
  ].join("\n"),
  "job_history.csv": [
    "employee_id,effective_date,job_title,department,fte,employment_type",
    '007,2015-03-02,"Director, Healthcare Technology Management",HTM,1,employee',
    "E02,2016-06-13,BMET I,HTM,1,employee",
    "E02,2019-01-01,BMET II,HTM,1,employee",
    "E03,2018-01-08,Imaging Specialist,HTM,0.8,employee",
    "E04,2019-09-16,BMET III,HTM,1,employee",
    "E05,2020-04-01,Medical Device Networking Specialist,HTM,1,employee",
    "E06,2021-11-15,BMET II,HTM,1,contractor",
    "",
  ].join("\n"),
  "requisitions.csv": [
    "requisition_id,job_title,opened_date,org_id,filled_date,cancelled_date,hire_source",
    "R1,BMET II,2021-01-04,ORG1,2021-03-01,,external",
    "R2,Imaging Specialist,2022-02-07,ORG2,,2022-05-01,",
    "R3,BMET I,2023-03-06,ORG1,,,",
    "",
  ].join("\n"),
  "certifications.csv": [
    "employee_id,certification,earned_date,issuer,expiry_date",
    "E02,CBET,2018-05-01,AAMI Credentials Institute,2021-05-01",
    "E03,CRES,2019-06-01,AAMI Credentials Institute,",
    "E05,CompTIA Network+,2021-02-01,CompTIA,2024-02-01",
    "",
  ].join("\n"),
  "training.csv": [
    "employee_id,course,completed_date,hours,cost,provider,domain",
    "E02,Electrical Safety Testing,2019-01-10,4,0,In-house,general_biomed",
    "E05,DICOM and HL7 basics,2021-03-15,16,950.5,Vendor,networking_integration",
    "E03,CT service school,2019-08-01,40,4200,GE,imaging",
    "",
  ].join("\n"),
  "pay.csv": [
    "employee_id,effective_date,amount,basis,currency,pay_grade,range_min,range_mid,range_max",
    "007,2015-03-02,135000,annual,USD,M5,120000,150000,180000",
    "E02,2016-06-13,24.5,hourly,USD,T1,,,",
    "E03,2018-01-08,78000,annual,USD,T3,65000,80000,95000",
    "E04,2019-09-16,71000,annual,USD,T3,65000,80000,95000",
    "E05,2020-04-01,92000,annual,USD,S1,85000,100000,115000",
    "",
  ].join("\n"),
  "assets.csv": [
    "asset_id,device_type,in_service_date,org_id,manufacturer,model,networked,acquisition_cost,retired_date",
    "A1,Infusion Pump,2012-04-02,ORG1,BD,Alaris 8015,true,3500,",
    "A2,CT Scanner,2015-07-15,ORG2,GE,Revolution,yes,1250000,",
    "A3,Patient Monitor,2010-01-20,ORG1,Philips,MX450,1,9800,2022-06-30",
    "A4,Sterilizer,2008-03-03,ORG2,STERIS,AMSCO 400,false,51987,",
    "",
  ].join("\n"),
  "work_orders.csv": [
    "work_order_id,opened_date,work_type,labor_hours,org_id,asset_id,device_type,completed_date,technician_id,service_provider,vendor_cost,parts_cost",
    "WO1,2021-01-04,PM,1.5,ORG1,A1,Infusion Pump,2021-01-04,E02,in_house,,12.5",
    "WO2,2021-02-10,Repair,3,ORG2,A2,CT Scanner,2021-02-12,E03,vendor,2400,310",
    "WO3,2022-05-02,Security Patch,0.75,ORG1,A3,Patient Monitor,2022-05-03,E05,in_house,,",
    "WO4,2022-08-19,HL7 Interface,6,ORG1,A3,Patient Monitor,,E05,in_house,,",
    "WO5,2023-01-09,Sterilizer PM,2.25,ORG2,A4,Sterilizer,2023-01-09,E04,in_house,,48",
    "WO6,2023-03-14,PM,0,ORG1,A1,Infusion Pump,2023-03-14,E02,IN_HOUSE,,",
    "",
  ].join("\n"),
};

export interface Variant {
  /** Stable description, e.g. "work_orders.csv #12: numeric labor_hours = NaN". */
  name: string;
  file: string;
  bytes: Buffer;
  /** Delimiter the variant is written with, for the independent count. */
  delimiter: string;
  /**
   * Damage confined to rows: the file stays a usable CSV, so the outcome must be loaded or
   * rejected rows, never exit 2.
   */
  rowLevel: boolean;
}

/** mulberry32: a tiny seeded PRNG, so the corpus is the same on every run. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Table {
  header: string[];
  rows: string[][];
}

const quoteCell = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

function readTable(text: string): Table {
  const records = parse(text, { relax_column_count: true }) as string[][];
  return { header: records[0]!, rows: records.slice(1) };
}

function writeTable(t: Table, eol = "\n", delimiter = ","): string {
  return [t.header, ...t.rows].map((r) => r.map(quoteCell).join(delimiter)).join(eol) + eol;
}

type Rng = () => number;
const pick = <T>(rng: Rng, xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)]!;

interface Mutation {
  name: string;
  rowLevel: boolean;
  /** Relative frequency in the corpus (default 1): bad values are what real exports have most. */
  weight?: number;
  /** Returns the new bytes and a short detail, or undefined when it does not apply to the file. */
  apply(
    t: Table,
    source: SourceContract,
    rng: Rng,
  ): { bytes: Buffer | string; detail: string; delimiter?: string } | undefined;
}

function columnsOfKind(t: Table, source: SourceContract, kinds: string[]): number[] {
  return t.header.flatMap((h, i) => (kinds.includes(source.columns[h]?.kind ?? "") ? [i] : []));
}

/** Puts a value drawn from `values` into every one of `columns` in one random row. */
function setRow(t: Table, rng: Rng, columns: number[], values: readonly string[]): string | undefined {
  if (!columns.length || !t.rows.length) return undefined;
  const r = Math.floor(rng() * t.rows.length);
  const set = columns.map((c) => {
    const v = pick(rng, values);
    t.rows[r]![c] = v;
    return `${t.header[c]}=${JSON.stringify(v).slice(0, 20)}`;
  });
  return `data row ${r + 1}: ${set.join(", ")}`;
}

function setCell(t: Table, rng: Rng, columns: number[], value: string): string | undefined {
  if (!columns.length || !t.rows.length) return undefined;
  const c = pick(rng, columns);
  const r = Math.floor(rng() * t.rows.length);
  t.rows[r]![c] = value;
  return `${t.header[c]} on data row ${r + 1} = ${JSON.stringify(value).slice(0, 40)}`;
}

/** Splices raw text into one field of the written file (after quoting, so it can break it). */
function spliceIntoField(t: Table, rng: Rng, raw: string, rows = t.rows.length): string | undefined {
  if (!t.rows.length) return undefined;
  const lines = writeTable(t).split("\n");
  const r = 1 + Math.floor(rng() * Math.min(rows, t.rows.length));
  const cells = lines[r]!.split(",");
  const c = Math.floor(rng() * cells.length);
  cells[c] = cells[c]!.slice(0, 1) + raw + cells[c]!.slice(1);
  lines[r] = cells.join(",");
  return lines.join("\n");
}

const NUMERIC_VALUES = [
  "NaN",
  "Infinity",
  "-Infinity",
  "inf",
  "1e309",
  "-1e309",
  "1e12",
  "1e20",
  "-0",
  "0x10",
  "1,5",
  "12abc",
  "+3",
  " 4 ",
  "1e-320",
  "99999999999999999999",
  "١٢",
];
const HUGE_VALUES = ["1e20", "99999999999999999999", "1e15", "123456789012.5"];
const DATE_VALUES = [
  "99999-01-01",
  "0000-00-00",
  "-0044-03-15",
  "0001-01-01",
  "1800-01-01",
  "2999-12-31",
  "2020-13-01",
  "2020-02-30",
  "2020-01-01T10:00:00",
  "01/02/2020",
  "2020-1-1",
  "20200101",
  "yesterday",
  "2020-01-01 (BC)",
];
const TEXT_VALUES = [
  '=HYPERLINK("http://x")',
  "+cmd|' /C calc'!A0",
  "@SUM(1)",
  "\u0000",
  "\u001b[31mred",
  "\u202eevil",
  "x".repeat(100_000),
  "   ",
  "'; drop table raw.employees; --",
  "\uFEFFbom",
  "😀🏥",
];

export const MUTATIONS: readonly Mutation[] = [
  {
    name: "mixed line endings",
    rowLevel: true,
    apply: (t, _s, rng) => ({
      bytes: writeTable(t)
        .split("\n")
        .map((l, i, all) => (i === all.length - 1 ? l : l + (rng() < 0.5 ? "\r\n" : "\n")))
        .join(""),
      detail: "LF and CRLF mixed",
    }),
  },
  { name: "CR CR LF", rowLevel: true, apply: (t) => ({ bytes: writeTable(t, "\r\r\n"), detail: "" }) },
  {
    name: "CR only (classic Mac)",
    rowLevel: true,
    apply: (t) => ({ bytes: writeTable(t, "\r"), detail: "" }),
  },
  { name: "CRLF", rowLevel: true, apply: (t) => ({ bytes: writeTable(t, "\r\n"), detail: "" }) },
  {
    name: "stray CR in a field",
    rowLevel: true,
    apply: (t, _s, rng) => {
      const b = spliceIntoField(t, rng, "\r");
      return b ? { bytes: b, detail: "" } : undefined;
    },
  },
  {
    name: "numeric value",
    rowLevel: true,
    weight: 4,
    apply: (t, s, rng) => {
      const d = setRow(t, rng, columnsOfKind(t, s, ["number", "integer"]), NUMERIC_VALUES);
      return d ? { bytes: writeTable(t), detail: d } : undefined;
    },
  },
  {
    // one cell only, so the rest of the row is valid and the value reaches the sums of the marts
    // (a whole row of bad numbers is rejected for its first one)
    name: "one huge number in an otherwise valid row",
    rowLevel: true,
    weight: 2,
    apply: (t, s, rng) => {
      const d = setCell(t, rng, columnsOfKind(t, s, ["number", "integer"]), pick(rng, HUGE_VALUES));
      return d ? { bytes: writeTable(t), detail: d } : undefined;
    },
  },
  {
    name: "date value",
    rowLevel: true,
    weight: 4,
    apply: (t, s, rng) => {
      const d = setRow(t, rng, columnsOfKind(t, s, ["date"]), DATE_VALUES);
      return d ? { bytes: writeTable(t), detail: d } : undefined;
    },
  },
  {
    name: "text value",
    rowLevel: true,
    weight: 4,
    apply: (t, s, rng) => {
      const d = setCell(
        t,
        rng,
        columnsOfKind(t, s, ["text", "id", "enum", "boolean"]),
        pick(rng, TEXT_VALUES),
      );
      return d ? { bytes: writeTable(t), detail: d } : undefined;
    },
  },
  {
    name: "unclosed quote in the first 50 rows",
    rowLevel: false,
    apply: (t, _s, rng) => {
      const b = spliceIntoField(t, rng, '"', 50);
      return b ? { bytes: b, detail: "" } : undefined;
    },
  },
  {
    name: "unclosed quote on the last row",
    rowLevel: true,
    apply: (t) => {
      if (!t.rows.length) return undefined;
      const lines = writeTable(t).split("\n");
      lines[lines.length - 2] = lines[lines.length - 2]!.replace(/,/, ',"');
      return { bytes: lines.join("\n"), detail: "" };
    },
  },
  {
    name: "quote inside an unquoted field",
    rowLevel: true,
    apply: (t, _s, rng) => {
      const b = spliceIntoField(t, rng, 'a"b');
      return b ? { bytes: b, detail: "" } : undefined;
    },
  },
  {
    name: "quoted field with an embedded newline",
    rowLevel: true,
    apply: (t, s, rng) => {
      const d = setCell(t, rng, columnsOfKind(t, s, ["text"]), "line one\nline two");
      return d ? { bytes: writeTable(t), detail: d } : undefined;
    },
  },
  {
    name: "a field fewer",
    rowLevel: true,
    apply: (t, _s, rng) => {
      if (!t.rows.length) return undefined;
      const r = Math.floor(rng() * t.rows.length);
      t.rows[r]!.pop();
      return { bytes: writeTable(t), detail: `data row ${r + 1}` };
    },
  },
  {
    name: "a field more",
    rowLevel: true,
    apply: (t, _s, rng) => {
      if (!t.rows.length) return undefined;
      const r = Math.floor(rng() * t.rows.length);
      t.rows[r]!.push("extra");
      return { bytes: writeTable(t), detail: `data row ${r + 1}` };
    },
  },
  {
    name: "duplicated row",
    rowLevel: true,
    apply: (t, _s, rng) => {
      if (!t.rows.length) return undefined;
      const r = Math.floor(rng() * t.rows.length);
      t.rows.splice(r, 0, [...t.rows[r]!]);
      return { bytes: writeTable(t), detail: `data row ${r + 1}` };
    },
  },
  {
    name: "blank lines",
    rowLevel: true,
    apply: (t, _s, rng) => {
      const lines = writeTable(t).split("\n");
      const at = 1 + Math.floor(rng() * (lines.length - 1));
      lines.splice(at, 0, "", "");
      return { bytes: lines.join("\n"), detail: `before line ${at + 1}` };
    },
  },
  {
    name: "whitespace-only line",
    rowLevel: true,
    apply: (t, _s, rng) => {
      const lines = writeTable(t).split("\n");
      const at = 1 + Math.floor(rng() * (lines.length - 1));
      lines.splice(at, 0, "   ");
      return { bytes: lines.join("\n"), detail: `line ${at + 1}` };
    },
  },
  {
    name: "truncated mid-row",
    rowLevel: false,
    apply: (t, _s, rng) => {
      const text = writeTable(t);
      const headerEnd = text.indexOf("\n") + 1;
      const cut = headerEnd + Math.floor(rng() * (text.length - headerEnd));
      return { bytes: text.slice(0, cut), detail: `at byte ${cut}` };
    },
  },
  {
    name: "UTF-8 BOM",
    rowLevel: true,
    apply: (t) => ({ bytes: "\uFEFF" + writeTable(t), detail: "" }),
  },
  {
    name: "UTF-16",
    rowLevel: false,
    apply: (t, _s, rng) => ({
      bytes: iconv.encode(writeTable(t), rng() < 0.5 ? "utf16le" : "utf16be", { addBOM: rng() < 0.7 }),
      detail: "",
    }),
  },
  {
    name: "binary file renamed .csv",
    rowLevel: false,
    apply: (_t, _s, rng) => {
      const b = Buffer.alloc(200 + Math.floor(rng() * 2000));
      for (let i = 0; i < b.length; i++) b[i] = Math.floor(rng() * 256);
      // A PNG or ZIP signature first, as a renamed image or workbook would start.
      (rng() < 0.5 ? Buffer.from("89504e470d0a1a0a", "hex") : Buffer.from("504b0304", "hex")).copy(b);
      return { bytes: b, detail: `${b.length} bytes` };
    },
  },
  {
    name: "invalid UTF-8 byte in a UTF-8 file",
    rowLevel: true,
    apply: (t, _s, rng) => {
      const text = spliceIntoField(t, rng, "\u0001");
      if (!text) return undefined;
      const bytes = Buffer.from(text, "utf8");
      const at = bytes.indexOf(0x01);
      // A valid accented character keeps the file recognisably UTF-8; then 0xFF and a lead byte
      // with no continuation byte.
      const damage = Buffer.concat([Buffer.from("Zoë", "utf8"), Buffer.from([0xff, 0x78, 0xc3])]);
      return {
        bytes: Buffer.concat([bytes.subarray(0, at), damage, bytes.subarray(at + 1)]),
        detail: "",
      };
    },
  },
  {
    name: "Windows-1252 export",
    rowLevel: true,
    apply: (t, s, rng) => {
      const d = setCell(t, rng, columnsOfKind(t, s, ["text"]), "Zoë Müller – café");
      return d ? { bytes: iconv.encode(writeTable(t, "\r\n"), "win1252"), detail: d } : undefined;
    },
  },
  {
    name: "semicolon delimiter",
    rowLevel: true,
    apply: (t) => ({
      bytes: writeTable(t, "\n", ";").replace(/"([^";]*)"/g, "$1"),
      detail: "",
      delimiter: ";",
    }),
  },
  {
    name: "byte flips",
    rowLevel: false,
    apply: (t, _s, rng) => {
      const b = Buffer.from(writeTable(t));
      const headerEnd = b.indexOf(0x0a) + 1;
      const n = 1 + Math.floor(rng() * 4);
      for (let i = 0; i < n; i++) {
        const at = headerEnd + Math.floor(rng() * (b.length - headerEnd));
        b[at] = pick(rng, [0x22, 0x2c, 0x0d, 0x0a, 0x00, 0xff, 0x3b, 0x20, 0x41]);
      }
      return { bytes: b, detail: `${n} bytes` };
    },
  },
  {
    name: "trailing delimiter on every line",
    rowLevel: false,
    apply: (t) => ({
      bytes: writeTable(t)
        .split("\n")
        .map((l) => (l ? l + "," : l))
        .join("\n"),
      detail: "",
    }),
  },
  {
    name: "header only",
    rowLevel: true,
    apply: (t) => ({ bytes: writeTable({ header: t.header, rows: [] }), detail: "" }),
  },
  { name: "empty file", rowLevel: false, apply: () => ({ bytes: "", detail: "" }) },
  {
    name: "required column renamed",
    rowLevel: false,
    apply: (t, s, rng) => {
      const required = t.header.flatMap((h, i) => (s.columns[h]?.required ? [i] : []));
      const c = pick(rng, required);
      t.header[c] = `${t.header[c]}_x`;
      return { bytes: writeTable(t), detail: t.header[c]! };
    },
  },
  {
    name: "duplicated header column",
    rowLevel: false,
    apply: (t) => {
      t.header.push(t.header[0]!);
      for (const r of t.rows) r.push(r[0]!);
      return { bytes: writeTable(t), detail: "" };
    },
  },
  {
    name: "many columns in one row",
    rowLevel: true,
    apply: (t, _s, rng) => {
      if (!t.rows.length) return undefined;
      const r = Math.floor(rng() * t.rows.length);
      t.rows[r]!.push(...Array.from({ length: 3000 }, (_, i) => String(i)));
      return { bytes: writeTable(t), detail: `data row ${r + 1}` };
    },
  },
  {
    name: "long field (3 MB)",
    rowLevel: true,
    apply: (t, s, rng) => {
      const d = setCell(t, rng, columnsOfKind(t, s, ["text"]), "y".repeat(3_000_000));
      return d ? { bytes: writeTable(t), detail: d } : undefined;
    },
  },
];

const WEIGHTED = MUTATIONS.flatMap((m) => Array.from({ length: m.weight ?? 1 }, () => m));

/**
 * Rows in a file as csv-parse counts them: records after the header, with every line ending an
 * export may use, empty lines skipped, and a record csv-parse cannot parse counted once.
 */
export function independentRowCount(bytes: Buffer, delimiter: string): number | undefined {
  let skipped = 0;
  try {
    const text = bytes.toString("latin1").replace(/^\u00ef\u00bb\u00bf/, "");
    const records = parse(text, {
      delimiter,
      relax_column_count: true,
      skip_empty_lines: true,
      record_delimiter: ["\r\n", "\n", "\r"],
      skip_records_with_error: true,
      on_skip: () => {
        skipped++;
      },
    }) as string[][];
    return Math.max(0, records.length - 1) + skipped;
  } catch {
    return undefined;
  }
}

/** `count` variants round-robin over the nine sources, mutations drawn from the seeded PRNG. */
export function generateVariants(seed: number, count: number): Variant[] {
  const rng = seededRandom(seed);
  const variants: Variant[] = [];
  let attempts = 0;
  while (variants.length < count && attempts < count * 20) {
    attempts++;
    const source = SOURCES[variants.length % SOURCES.length]!;
    const mutation = pick(rng, WEIGHTED);
    const table = readTable(CLEAN_FILES[source.file]!);
    const out = mutation.apply(table, source, rng);
    if (!out) continue;
    const bytes = typeof out.bytes === "string" ? Buffer.from(out.bytes, "utf8") : out.bytes;
    variants.push({
      name: `${source.file} #${variants.length}: ${mutation.name}${out.detail ? ` (${out.detail})` : ""}`,
      file: source.file,
      bytes,
      delimiter: out.delimiter ?? ",",
      rowLevel: mutation.rowLevel,
    });
  }
  return variants;
}
