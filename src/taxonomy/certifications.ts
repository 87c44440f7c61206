/** Certifications: the catalogue (issuer, domain, renewal) and the rules that recognise raw text. */
import { defineRuleTable, firstMatchingRule } from "./rule_table.ts";
import { cell, defineTable, type Located, type RowOf } from "./taxonomy_table.ts";

export const certificationsTable = defineTable({
  file: "certifications.csv",
  schema: "taxonomy",
  table: "certifications",
  key: ["code"],
  columns: {
    code: cell.matching(/^[A-Z][A-Z0-9_]*$/, "an uppercase code such as CBET or COMPTIA_A_PLUS"),
    label: cell.text("a short label for charts (CompTIA A+)"),
    name: cell.text("the certification's name"),
    issuer: cell.text("the issuing body"),
    domain: cell.optionalText(),
    /** Empty = no expiry is derived (never expires, or renewal rules too irregular to model). */
    renewal_years: cell.optionalInteger(1, 50),
    renewable: cell.optionalBoolean(),
    ceus: cell.optionalInteger(0, 1000),
    /** Earned on or before this date: never expires (CompTIA's "good for life" certifications). */
    lifetime_if_earned_by: cell.optionalDate(),
    /** Certifications of one ladder: earning a higher rank renews the active lower ranks. */
    renewal_ladder: cell.optionalText(),
    ladder_rank: cell.optionalInteger(1, 100),
    notes: cell.optionalText(),
  },
});

export const certificationRulesTable = defineRuleTable({
  file: "certification_rules.csv",
  table: "certification_rules",
  target: "code",
  expected: "a code from certifications.csv",
});

export type Certification = RowOf<typeof certificationsTable>;
export type CertificationRule = RowOf<typeof certificationRulesTable>;

/** Code of a raw certification text, or undefined when no rule matches. */
export function matchCertification(
  rules: readonly Located<CertificationRule>[],
  raw: string | null | undefined,
): string | undefined {
  return firstMatchingRule(rules, raw)?.code;
}
