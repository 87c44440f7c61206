import { col, rowSchema, type SourceContract } from "./columns.ts";

export const FACILITY_TYPES = [
  "academic_medical_center",
  "community_hospital",
  "critical_access_hospital",
  "federal",
  "dental_group",
  "independent_service_org",
  "other",
] as const;

/** US states, DC and territories by USPS code (any case in the file): the keys of BLS OEWS state estimates. */
export const US_STATES = [
  "al",
  "ak",
  "az",
  "ar",
  "ca",
  "co",
  "ct",
  "de",
  "dc",
  "fl",
  "ga",
  "hi",
  "id",
  "il",
  "in",
  "ia",
  "ks",
  "ky",
  "la",
  "me",
  "md",
  "ma",
  "mi",
  "mn",
  "ms",
  "mo",
  "mt",
  "ne",
  "nv",
  "nh",
  "nj",
  "nm",
  "ny",
  "nc",
  "nd",
  "oh",
  "ok",
  "or",
  "pa",
  "ri",
  "sc",
  "sd",
  "tn",
  "tx",
  "ut",
  "vt",
  "va",
  "wa",
  "wv",
  "wi",
  "wy",
  "pr",
  "gu",
  "vi",
] as const;

export const organizations = {
  name: "organizations",
  file: "organizations.csv",
  description:
    "One row per organisation (hospital, system or service company). Optional: without it every row belongs to one default organisation.",
  key: ["org_id"],
  columns: {
    org_id: col.id(
      "Organisation identifier, referenced by employees, requisitions, work orders and assets",
      true,
    ),
    org_name: col.text("Display name (internal audience only; public output uses pseudonyms)", true),
    region: col.text("Region or state, for peer grouping"),
    facility_type: col.enum("Kind of organisation, for peer grouping", FACILITY_TYPES),
    staffed_beds: col.integer("Staffed beds, for the 2.5 FTE per 100 beds rule of thumb", {
      min: 0,
      // the largest hospitals staff about 3,000 beds; more is a data error, not a health system
      max: 20_000,
    }),
    state: col.enum(
      "US state (two-letter code) whose market pay figures apply, where data/reference/market_pay_state.csv has them; else national figures",
      US_STATES,
    ),
  },
  rules: [],
  references: [],
} as const satisfies SourceContract<"organizations">;

export const organizationsRow = rowSchema(organizations);
