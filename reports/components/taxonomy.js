// Labels and order of domains and role families, from data/taxonomy/ as ingested (data/taxonomy.json,
// src/site/site-taxonomy.ts). Every page hands the file to useTaxonomy() in the cell that imports the
// components, before anything is drawn; colours stay in palette.js.

let current = null;

/**
 * Sets the taxonomy every label below reads.
 *
 * @param {{domains: {code: string, label: string, noun: string, is_specialist: boolean}[],
 *   role_families: {code: string, label: string, noun: string}[]}} taxonomy - data/taxonomy.json.
 */
export function useTaxonomy(taxonomy) {
  current = {
    domains: new Map(taxonomy.domains.map((d, i) => [d.code, { ...d, rank: i }])),
    families: new Map(taxonomy.role_families.map((f, i) => [f.code, { ...f, rank: i }])),
    certifications: new Map((taxonomy.certifications ?? []).map((c, i) => [c.code, { ...c, rank: i }])),
  };
}

function loaded() {
  // A label drawn before the page loaded the taxonomy would silently show a code: fail loudly instead.
  if (!current) throw new Error("useTaxonomy(data/taxonomy.json) must run before a label is drawn");
  return current;
}

const humanize = (code) => String(code ?? "").replace(/_/g, " ");

function ordered(entries, codes) {
  const rank = (c) => entries.get(c)?.rank ?? entries.size;
  return [...new Set(codes)].sort((a, b) => rank(a) - rank(b) || String(a).localeCompare(String(b)));
}

/** Domain codes in the taxonomy's order (codes it does not know follow, alphabetically). */
export function domainOrder(codes) {
  return ordered(loaded().domains, codes);
}

export function domainLabel(code) {
  return loaded().domains.get(code)?.label ?? humanize(code);
}

/** Whether the taxonomy counts the domain's work as specialist work (domains.csv is_specialist). */
export function isSpecialistDomain(code) {
  return loaded().domains.get(code)?.is_specialist === true;
}

/** Every domain code the taxonomy has, in order (totals and 'unmapped' included). */
export function domainCodes() {
  return [...loaded().domains.keys()];
}

export function roleFamilyOrder(codes) {
  return ordered(loaded().families, codes);
}

export function roleFamilyLabel(code) {
  return loaded().families.get(code)?.label ?? humanize(code);
}

/** A role family as a plural noun inside a sentence ("specialists"). */
export function roleFamilyNoun(code) {
  return loaded().families.get(code)?.noun ?? humanize(code);
}

/** A certification's short label (certifications.csv label: "CompTIA A+"). */
export function certificationLabel(code) {
  return loaded().certifications.get(code)?.label ?? humanize(code);
}
