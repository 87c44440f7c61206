import { domainCodes, domainOrder, roleFamilyOrder } from "./taxonomy.js";

// Colours for the categories every page shares, so a domain or role family looks the same on every
// chart. Okabe–Ito: distinguishable with the common colour-vision deficiencies; charts still
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

// Colours only: labels and order come from the taxonomy (taxonomy.js).
const DOMAIN_COLORS = {
  general_biomed: "#0072B2",
  imaging: "#56B4E9",
  laboratory: "#009E73",
  networking: "#E69F00",
  // the merged domain of older taxonomies: networking's colour
  networking_integration: "#E69F00",
  integration: "#882255",
  cybersecurity: "#D55E00",
  dental: "#CC79A7",
  facilities_support: "#F0E442",
  projects_procurement: "#000000",
  unmapped: GREY,
};

/** Plot colour scale options for the given domains (fixed colour per domain across charts). */
export function domainColors(codes) {
  const domain = domainOrder(codes);
  // A domain added to the taxonomy gets the next free Okabe–Ito colour, the same on every chart.
  const used = new Set(Object.values(DOMAIN_COLORS));
  const spare = OKABE_ITO.filter((c) => !used.has(c));
  const extra = domainCodes().filter((c) => !(c in DOMAIN_COLORS));
  return {
    domain,
    range: domain.map((c) => DOMAIN_COLORS[c] ?? spare[extra.indexOf(c) % Math.max(spare.length, 1)] ?? GREY),
  };
}

const ROLE_FAMILY_COLORS = {
  generalist: "#0072B2",
  specialist: "#D55E00",
  engineering: "#009E73",
  leadership: "#CC79A7",
  unknown: GREY,
  unmapped: "#666666",
  all: "#000000",
};

export function roleFamilyColors(codes) {
  const domain = roleFamilyOrder(codes);
  return { domain, range: domain.map((c) => ROLE_FAMILY_COLORS[c] ?? GREY) };
}

/** A colour per series for charts whose series are not domains or role families. */
export function seriesColors(keys) {
  const domain = [...new Set(keys)];
  return { domain, range: domain.map((_, i) => LINE_COLORS[i % LINE_COLORS.length]) };
}
