// The organisation and year filters every page shares, kept in the URL (?org=H03&from=2016&to=2025) so
// a link, a reload or the sidebar opens another page on the same organisation and years.
import * as Inputs from "@observablehq/inputs";

/**
 * A query parameter's value when it is one of `allowed` (compared as strings, exact first, then
 * ignoring case: ?org=h03 is H03, as typed in a link or by `brief --org`), else `fallback`.
 */
export function fromUrl(key, allowed, fallback) {
  const wanted = new URLSearchParams(location.search).get(key);
  if (wanted === null) return fallback;
  return (
    allowed.find((v) => String(v) === wanted) ??
    allowed.find((v) => String(v).toLowerCase() === wanted.toLowerCase()) ??
    fallback
  );
}

/** Writes the input's value into the URL on every change, and carries the query to the sidebar's links. */
export function keepInUrl(input, key) {
  const write = () => {
    const url = new URL(location.href);
    url.searchParams.set(key, String(input.value));
    history.replaceState(history.state, "", url);
    carryQuery();
  };
  input.addEventListener("input", write);
  carryQuery();
  return input;
}

// Sidebar links to other pages keep the organisation and years in force.
function carryQuery() {
  const query = new URLSearchParams(location.search);
  for (const a of document.querySelectorAll("#observablehq-sidebar a[href]")) {
    const href = new URL(a.href, location.href);
    if (href.origin !== location.origin) continue;
    for (const key of ["org", "from", "to"]) {
      if (query.has(key)) href.searchParams.set(key, query.get(key));
    }
    a.href = href.pathname + href.search + href.hash;
  }
}

/** What the page says for an organisation: its full name, or "all organisations". */
export function orgScope(orgs, org) {
  return org === "all" ? "all organisations" : (orgs.find((o) => o.org_id === org)?.name ?? org);
}

/**
 * The organisation dropdown: full names, "All organisations" first (unless includeAll is false), the
 * value from ?org= when it names one.
 *
 * @param {{org_id: string, name: string}[]} orgs - data/orgs.json.
 * @param {{includeAll?: boolean}} [options]
 */
export function orgFilter(orgs, { includeAll = true } = {}) {
  const ids = [...(includeAll ? ["all"] : []), ...orgs.map((o) => o.org_id).filter((id) => id !== "all")];
  const input = Inputs.select(ids, {
    label: "Organisation",
    value: fromUrl("org", ids, ids[0]),
    format: (id) => (id === "all" ? "All organisations" : (orgs.find((o) => o.org_id === id)?.name ?? id)),
  });
  return keepInUrl(input, "org");
}

/**
 * "From year" and "To year" dropdowns (years without separators), defaulting to [from, to] unless the
 * URL says otherwise (?from=, ?to=).
 *
 * @param {number[]} years
 * @param {[number, number]} defaults
 * @returns {[HTMLElement, HTMLElement]}
 */
export function yearFilters(years, [from, to]) {
  const fromInput = Inputs.select(years, {
    label: "From year",
    value: fromUrl("from", years, from),
    format: String,
  });
  const toInput = Inputs.select(years, { label: "To year", value: fromUrl("to", years, to), format: String });
  return [keepInUrl(fromInput, "from"), keepInUrl(toInput, "to")];
}
