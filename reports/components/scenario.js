/**
 * The budget brief's scenario: FTE added (or, negative, removed) per competency domain, written in the URL
 * as `add=networking=1.5,cybersecurity=1,general_biomed=-1` (the same text `htm-workforce brief --add`
 * takes), so a scenario survives a change of organisation, a reload and a shared link.
 */

const ENTRY = /^([a-z][a-z0-9_]*)=([+-]?\d+(?:\.\d+)?)$/;

/**
 * Domains an older taxonomy had that are now split: a scenario naming one applies its FTE, whole, to the
 * first domain it became (networking_integration → networking: staff are hired in whole or half FTE, and
 * a networking specialist is who a merged "networking & integration" post was), where the taxonomy in use
 * has it; else it is a domain as named.
 */
export const LEGACY_DOMAINS = { networking_integration: ["networking", "integration"] };

/**
 * The one parser of a scenario ("domain=fte,domain=fte"): any domain id of the taxonomy (`domains`; without
 * it, any id), and the legacy ids of LEGACY_DOMAINS. FTE may be negative (a cut); a domain named twice adds
 * up; entries that add up to 0 are left out. What cannot be read is listed in `errors`, in words.
 *
 * @param {string | null | undefined} text
 * @param {string[]} [domains] - the taxonomy's domain ids.
 * @returns {{scenario: Record<string, number>, errors: string[]}}
 */
export function parseScenario(text, domains) {
  const scenario = {};
  const errors = [];
  const add = (domain, fte) => {
    // sums in hundredths, so 0.1 + 0.2 is 0.3
    scenario[domain] = Math.round(((scenario[domain] ?? 0) + fte) * 100) / 100;
  };
  for (const raw of String(text ?? "").split(",")) {
    const part = raw.trim();
    if (part === "") continue;
    const m = ENTRY.exec(part);
    if (!m) {
      errors.push(`"${part}" is not DOMAIN=FTE (e.g. cybersecurity=1 or general_biomed=-0.5)`);
      continue;
    }
    const [, domain, value] = m;
    const fte = Number(value);
    const split = LEGACY_DOMAINS[domain];
    if (domains && !domains.includes(domain) && split && split.every((d) => domains.includes(d))) {
      add(split[0], fte);
    } else if (domains && !domains.includes(domain)) {
      errors.push(`"${domain}" is not a domain (domains: ${domains.join(", ")})`);
    } else add(domain, fte);
  }
  for (const d of Object.keys(scenario)) if (scenario[d] === 0) delete scenario[d];
  return { scenario, errors };
}

/** The URL form of a scenario, domains in the given order, zero entries left out. */
export function formatScenario(scenario, order = Object.keys(scenario)) {
  return order
    .filter((d) => (scenario[d] ?? 0) !== 0)
    .map((d) => `${d}=${scenario[d]}`)
    .join(",");
}

/** "+1.5 FTE Networking, −1 FTE General biomed", or "no change in staff". */
export function describeScenario(scenario, label = (d) => d, order = Object.keys(scenario)) {
  const parts = order
    .filter((d) => (scenario[d] ?? 0) !== 0)
    .map((d) => `${scenario[d] > 0 ? "+" : "−"}${Math.abs(scenario[d])} FTE ${label(d)}`);
  return parts.length ? parts.join(", ") : "no change in staff";
}

/** Writes the brief's state into the address bar without a reload (null or "" removes a key). */
export function writeUrlState(state) {
  const url = new URL(location.href);
  for (const [key, value] of Object.entries(state)) {
    if (value == null || value === "") url.searchParams.delete(key);
    else url.searchParams.set(key, value);
  }
  history.replaceState(history.state, "", url);
}
