/**
 * Disclosure rules applied to every row the site ships (DESIGN §8). Internal audience: pay statistics
 * need min_pay_group people. Public audience: additionally any cell under min_cell_public people is
 * suppressed, and organisations appear under pseudonyms. Suppressed values become null and the row
 * says why in `suppressed`, so pages show them as suppressed rather than dropping them.
 */
import type { MartDisclosure } from "./mart-catalog.ts";

export interface DisclosureSettings {
  audience: "internal" | "public";
  min_cell_public: number;
  min_pay_group: number;
}

export type Row = Record<string, unknown>;

/** Why a row is suppressed, or null when it may be published as is. */
export function suppressionReason(row: Row, rule: MartDisclosure, s: DisclosureSettings): string | null {
  // Zero people is no person; a zero in one column must not exempt a small count in another.
  const counts = (rule.people ?? [])
    .map((c) => row[c])
    .filter((v): v is number => typeof v === "number" && v > 0);
  if (!counts.length) return null;
  const smallest = Math.min(...counts);
  if (rule.pay && smallest < s.min_pay_group) return `pay statistic for fewer than ${s.min_pay_group} people`;
  if (s.audience === "public" && smallest < s.min_cell_public) {
    return `fewer than ${s.min_cell_public} people (public audience)`;
  }
  return null;
}

/**
 * Copies rows with suppressed values nulled and a `suppressed` reason column; for a public audience
 * org_id is replaced by its pseudonym (from `orgPseudonyms` over every organisation, so pseudonyms
 * agree across marts).
 */
export function applyDisclosure(
  rows: Row[],
  rule: MartDisclosure,
  s: DisclosureSettings,
  pseudonym: (orgId: string) => string,
): Row[] {
  const protectedColumns = (row: Row) =>
    Object.keys(row).filter((c) => !rule.keys.includes(c) && !(rule.keep ?? []).includes(c));
  return rows.map((row) => {
    const reason = suppressionReason(row, rule, s);
    const out: Row = { ...row };
    if (reason) for (const c of protectedColumns(row)) out[c] = null;
    out.suppressed = reason;
    if (s.audience === "public" && typeof row.org_id === "string") out.org_id = pseudonym(row.org_id);
    return out;
  });
}

/**
 * Stable pseudonyms "Org A", "Org B", … by sorted org_id; 'all' (the totals row) keeps its name.
 * Sorting by id rather than by size so a pseudonym reveals nothing about the organisation.
 */
export function orgPseudonyms(orgIds: Iterable<unknown>): (orgId: string) => string {
  const ids = [
    ...new Set([...orgIds].filter((v): v is string => typeof v === "string" && v !== "all")),
  ].sort();
  const names = new Map(ids.map((id, i) => [id, `Org ${letters(i)}`]));
  return (orgId) => names.get(orgId) ?? orgId;
}

function letters(i: number): string {
  let s = "";
  for (let n = i; n >= 0; n = Math.floor(n / 26) - 1) s = String.fromCharCode(65 + (n % 26)) + s;
  return s;
}
