/**
 * The budget brief's what-if: FTE added per competency domain, written in the URL as
 * `add=networking_integration=1.5,cybersecurity=1` (the same text `htm-workforce brief --add` takes), so
 * a scenario survives a change of organisation, a reload and a shared link.
 */

// FTE may be negative (staff taken away); `htm-workforce brief --add imaging=-1` writes the same text.
const ENTRY = /^([a-z_][a-z0-9_]*)=(-?\d+(?:\.\d+)?)$/;

/**
 * Parses "domain=fte,domain=fte"; entries that are not `domain=number` (or name no known domain when
 * `domains` is given) are left out. A domain named twice adds up.
 *
 * @param {string | null | undefined} text
 * @param {string[]} [domains]
 * @returns {Record<string, number>}
 */
export function parseScenario(text, domains) {
  const out = {};
  for (const part of String(text ?? "").split(",")) {
    const m = ENTRY.exec(part.trim());
    if (!m) continue;
    const [, domain, value] = m;
    if (domains && !domains.includes(domain)) continue;
    const fte = Number(value);
    if (fte !== 0) out[domain] = (out[domain] ?? 0) + fte;
  }
  return out;
}

/** The URL form of a scenario, domains in the given order, zero entries left out. */
export function formatScenario(scenario, order = Object.keys(scenario)) {
  return order
    .filter((d) => (scenario[d] ?? 0) !== 0)
    .map((d) => `${d}=${scenario[d]}`)
    .join(",");
}

/** "+1.5 FTE Networking & integration, −1 FTE Imaging", or "no added staff". */
export function describeScenario(scenario, label = (d) => d, order = Object.keys(scenario)) {
  const parts = order
    .filter((d) => (scenario[d] ?? 0) !== 0)
    .map((d) => `${scenario[d] > 0 ? "+" : "−"}${Math.abs(scenario[d])} FTE ${label(d)}`);
  return parts.length ? parts.join(", ") : "no added staff";
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
