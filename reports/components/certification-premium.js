import * as Plot from "@observablehq/plot";
import { roleOrder } from "./pay-vs-market.js";
import { countShownBelow, kOfM } from "./findings.js";

function signedPct(fraction) {
  const v = Math.round(fraction * 100);
  return `${v > 0 ? "+" : v < 0 ? "−" : "±"}${Math.abs(v)}%`;
}

/**
 * The finding for one year: in how many roles certified staff are paid more, and the largest premium.
 *
 * @param {{year: number, role: string, certified_premium: number|null}[]} rows - one organisation.
 * @param {{year: number}} options
 */
export function certificationPremiumTitle(rows, { year }) {
  const data = rows.filter((d) => d.year === year && d.role !== "all" && d.certified_premium != null);
  if (!data.length)
    return `Too few certified and uncertified staff in the same role to compare pay (${year})`;
  const premiums = data.map((d) => ({ ...d, premium: d.certified_premium - 1 }));
  const top = [...premiums].sort((a, b) => b.premium - a.premium)[0];
  // "more" as shown: a premium written +0% is not more
  const higher =
    premiums.length -
    countShownBelow(
      premiums.map((d) => d.premium),
      0.005,
      signedPct,
    );
  const tally = kOfM(higher, premiums.length, "role");
  // "k of m" of one or two roles is not a pattern: name the comparison there is instead
  if (!tally)
    return `Certified ${top.role} staff are paid ${signedPct(top.premium)} against uncertified (${year}); ${premiums.length === 1 ? "the only role" : "one of two roles"} with enough of both to compare`;
  return `Certified staff are paid more in ${tally}; largest premium ${signedPct(top.premium)} (${top.role}), ${year}`;
}

/**
 * Certification premium by role for one year: median pay of holders ÷ non-holders − 1, as bars either
 * side of zero with the value written beside each; roles with no comparison say so.
 *
 * @param {object[]} rows - marts.pay_position rows for one organisation.
 * @param {{width: number, year: number, roles?: object[], document?: Document}} options
 */
export function certificationPremiumChart(rows, { width, year, roles = [], document } = {}) {
  const data = rows
    .filter((d) => d.year === year && d.role !== "all")
    .map((d) => ({ ...d, premium: d.certified_premium == null ? null : d.certified_premium - 1 }));
  const order = roleOrder(
    data.map((d) => d.role),
    roles,
  );
  const known = data.filter((d) => d.premium != null);
  const unknown = data.filter((d) => d.premium == null);
  const extent = Math.max(0.05, ...known.map((d) => Math.abs(d.premium))) * 1.3;
  const narrow = width < 640;
  return Plot.plot({
    document,
    width,
    height: 28 * order.length + 60,
    marginLeft: narrow ? 10 : 280,
    marginRight: 30,
    x: {
      label: narrow
        ? "Certified vs uncertified pay, same role (%) →"
        : "Certified staff's median pay above (+) or below (−) uncertified peers in the same role (%) →",
      domain: [-extent * 100, extent * 100],
      percent: true,
      grid: true,
    },
    y: { label: null, domain: order, axis: narrow ? null : "left", tickSize: 0 },
    marks: [
      Plot.barX(known, {
        x: "premium",
        y: "role",
        fill: (d) => (d.premium >= 0 ? "#0072B2" : "#D55E00"),
        fillOpacity: narrow ? 0.4 : 1,
        tip: { format: { x: (v) => `${v.toFixed(0)}%`, y: true, fill: false } },
      }),
      Plot.text(
        known.filter((d) => d.premium >= 0),
        {
          x: "premium",
          y: "role",
          text: (d) => signedPct(d.premium),
          dx: 6,
          textAnchor: "start",
          fontSize: 11,
        },
      ),
      Plot.text(
        known.filter((d) => d.premium < 0),
        {
          x: "premium",
          y: "role",
          text: (d) => signedPct(d.premium),
          dx: -6,
          textAnchor: "end",
          fontSize: 11,
        },
      ),
      Plot.text(unknown, {
        x: 0,
        y: "role",
        text: (d) =>
          d.suppressed
            ? narrow
              ? "suppressed (see note)"
              : "suppressed (rule in the note below)"
            : "no comparison",
        dx: 6,
        textAnchor: "start",
        fontSize: 10,
        fill: "#555",
        fontStyle: "italic",
      }),
      narrow
        ? Plot.text(order, {
            x: -extent,
            y: (d) => d,
            text: (d) => d,
            dy: -9,
            dx: 2,
            textAnchor: "start",
            fontSize: 10,
          })
        : null,
      Plot.ruleX([0]),
    ],
  });
}
