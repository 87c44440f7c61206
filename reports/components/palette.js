// Colours and labels for the categories every page shares, so a domain or role family looks the same
// on every chart. Okabe–Ito: distinguishable with the common colour-vision deficiencies; charts still
// label series directly or mark them with shapes, so no meaning rests on colour alone.

export const OKABE_ITO = [
  "#0072B2",
  "#E69F00",
  "#009E73",
  "#CC79A7",
  "#56B4E9",
  "#D55E00",
  "#F0E442",
  "#000000",
];
// For lines and dots: Okabe–Ito without the yellow, which is too faint on white as a thin stroke.
const LINE_COLORS = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#000000", "#999999"];
const GREY = "#999999";

const DOMAINS = [
  ["general_biomed", "General biomed", "#0072B2"],
  ["imaging", "Imaging", "#56B4E9"],
  ["laboratory", "Laboratory", "#009E73"],
  ["networking_integration", "Networking & integration", "#E69F00"],
  ["cybersecurity", "Cybersecurity", "#D55E00"],
  ["dental", "Dental", "#CC79A7"],
  ["facilities_support", "Facilities support", "#F0E442"],
  ["projects_procurement", "Projects & procurement", "#000000"],
  ["unmapped", "Unmapped", GREY],
];

/** Domain codes in display order (taxonomy order; unknown codes follow, then "unmapped"). */
export function domainOrder(codes) {
  const known = DOMAINS.map(([code]) => code);
  const rank = (c) => (known.includes(c) ? known.indexOf(c) : known.length - 1.5);
  return [...new Set(codes)].sort((a, b) => rank(a) - rank(b) || String(a).localeCompare(String(b)));
}

export function domainLabel(code) {
  const hit = DOMAINS.find(([c]) => c === code);
  return hit ? hit[1] : String(code ?? "").replace(/_/g, " ");
}

/** Plot colour scale options for the given domains (fixed colour per domain across charts). */
export function domainColors(codes) {
  const domain = domainOrder(codes);
  return {
    domain,
    range: domain.map((c) => DOMAINS.find(([d]) => d === c)?.[2] ?? GREY),
  };
}

const ROLE_FAMILIES = [
  ["generalist", "Generalists (BMET I–III)", "#0072B2"],
  ["specialist", "Specialists", "#D55E00"],
  ["engineering", "Clinical engineers", "#009E73"],
  ["leadership", "Leadership", "#CC79A7"],
  ["unknown", "No job history", GREY],
  ["unmapped", "Unmapped titles", "#666666"],
  ["all", "All staff", "#000000"],
];

export function roleFamilyOrder(codes) {
  const known = ROLE_FAMILIES.map(([code]) => code);
  const rank = (c) => (known.includes(c) ? known.indexOf(c) : known.length);
  return [...new Set(codes)].sort((a, b) => rank(a) - rank(b) || String(a).localeCompare(String(b)));
}

export function roleFamilyLabel(code) {
  const hit = ROLE_FAMILIES.find(([c]) => c === code);
  return hit ? hit[1] : String(code ?? "").replace(/_/g, " ");
}

/** A role family as a plural noun inside a sentence ("specialists"). */
export function roleFamilyNoun(code) {
  const nouns = {
    generalist: "generalists",
    specialist: "specialists",
    engineering: "clinical engineers",
    leadership: "leadership",
    unknown: "staff with no job history",
    unmapped: "staff with unmapped titles",
    all: "all staff",
  };
  return nouns[code] ?? String(code ?? "").replace(/_/g, " ");
}

export function roleFamilyColors(codes) {
  const domain = roleFamilyOrder(codes);
  return { domain, range: domain.map((c) => ROLE_FAMILIES.find(([d]) => d === c)?.[2] ?? GREY) };
}

const CERTIFICATIONS = {
  CBET: "CBET",
  CRES: "CRES",
  CHTM: "CHTM",
  CABT: "CABT",
  CCE: "CCE",
  CISS: "CISS",
  COMPTIA_A_PLUS: "CompTIA A+",
  COMPTIA_NETWORK_PLUS: "CompTIA Network+",
  COMPTIA_SECURITY_PLUS: "CompTIA Security+",
  COMPTIA_CYSA_PLUS: "CompTIA CySA+",
  CCNA: "Cisco CCNA",
  CISSP: "CISSP",
  HCISPP: "HCISPP",
};

export function certificationLabel(code) {
  if (code === "any") return "Any certification";
  if (code === "unmapped") return "Other (unmapped) certifications";
  return CERTIFICATIONS[code] ?? String(code ?? "").replace(/_/g, " ");
}

/** A colour per series for charts whose series are not domains or role families. */
export function seriesColors(keys) {
  const domain = [...new Set(keys)];
  return { domain, range: domain.map((_, i) => LINE_COLORS[i % LINE_COLORS.length]) };
}
