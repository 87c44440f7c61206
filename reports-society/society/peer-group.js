// The peer group a reader of the society's site looks at: a facility type, staffed-bed band and
// region, each a value or "all", chosen among the groups that passed the publication rules
// (data/peer_groups.json) and kept in the URL (?peer=community_hospital|all|Midwest) so a link or
// the sidebar opens the other page on the same group.
import * as Inputs from "@observablehq/inputs";
import { fromUrl, keepInUrl } from "../components/url-filters.js";

const FACILITY = {
  academic_medical_center: "Academic medical centers",
  community_hospital: "Community hospitals",
  critical_access_hospital: "Critical access hospitals",
  federal: "Federal facilities",
  dental_group: "Dental groups",
  independent_service_org: "Independent service organisations",
  other: "Other facilities",
  unknown: "Facility type not stated",
};
const BEDS = {
  no_beds: "no staffed beds",
  under_100: "under 100 staffed beds",
  "100_299": "100–299 staffed beds",
  "300_499": "300–499 staffed beds",
  "500_plus": "500 or more staffed beds",
  unknown: "beds not stated",
};

/** "ft|beds|region", the group's key in the URL and in row lookups. */
export function peerKey(g) {
  return `${g.facility_type}|${g.bed_band}|${g.region}`;
}

/**
 * The group in words: "All contributors", "Community hospitals with 100–299 staffed beds",
 * "Organisations in the West region".
 */
export function peerLabel(g) {
  if (g.facility_type === "all" && g.bed_band === "all" && g.region === "all") return "All contributors";
  const noun = g.facility_type === "all" ? "Organisations" : (FACILITY[g.facility_type] ?? g.facility_type);
  const beds = g.bed_band === "all" ? "" : ` with ${BEDS[g.bed_band] ?? g.bed_band}`;
  const region = g.region === "all" ? "" : ` in the ${g.region} region`;
  return `${noun}${beds}${region}`;
}

/** The group as a title puts it: "across all contributors", "among community hospitals …". */
export function peerScope(g) {
  const label = peerLabel(g);
  return label === "All contributors"
    ? "across all contributors"
    : `among ${label.charAt(0).toLowerCase()}${label.slice(1)}`;
}

/** The dropdown of published peer groups (the all-contributors group first when it is published). */
export function peerGroupInput(groups) {
  const keys = groups.map(peerKey);
  const fallback = keys.includes("all|all|all") ? "all|all|all" : keys[0];
  const input = Inputs.select(keys, {
    label: "Peer group",
    value: fromUrl("peer", keys, fallback),
    format: (k) => {
      const g = groups.find((d) => peerKey(d) === k);
      return `${peerLabel(g)} (${g.contributors} organisations)`;
    },
  });
  keepInUrl(input, "peer");
  const carry = () => {
    for (const a of document.querySelectorAll("#observablehq-sidebar a[href]")) {
      const href = new URL(a.href, location.href);
      if (href.origin !== location.origin) continue;
      href.searchParams.set("peer", input.value);
      a.href = href.pathname + href.search + href.hash;
    }
  };
  input.addEventListener("input", carry);
  carry();
  return input;
}

/** Rows of one peer group. */
export function ofGroup(rows, key) {
  return rows.filter((d) => peerKey(d) === key);
}
