import { figure } from "./figure.js";
import { missingInput, suppressedNote, suppressionReasons } from "./notice.js";

/**
 * Input files (of `needs`) that the latest load did not find. When the status has no record of a file
 * (a warehouse built before load metadata existed), the file counts as present.
 *
 * @param {{present?: Record<string, boolean>}} status - data/status.json.
 * @param {string[]} needs - input file names, e.g. ["work_orders.csv"].
 * @returns {string[]}
 */
export function absentInputs(status, needs) {
  const present = status?.present ?? {};
  return needs.filter((file) => present[file] === false);
}

function note(text) {
  const box = document.createElement("p");
  box.className = "htm-notice";
  box.setAttribute("role", "note");
  box.textContent = text;
  return box;
}

/**
 * A figure (R1's figure()) whose body is the chart when there is something to draw, and otherwise a
 * notice saying why: which input file was not supplied, that the loaded data has nothing for it, or
 * that the filters select nothing. Never an empty frame. Suppressed rows add a note naming the rule.
 *
 * @param {object} options
 * @param {object} options.status - data/status.json.
 * @param {string[]} options.needs - input files the chart is computed from.
 * @param {string} options.what - what the chart shows ("workload by domain").
 * @param {object[]} options.rows - rows the chart draws (after filters); also the CSV download.
 * @param {object[]} [options.allRows] - the whole mart, to tell "no data at all" from "filtered out".
 * @param {() => string} options.title - the finding, computed from rows (called only when rows exist).
 * @param {string} options.fallbackTitle - title when there is nothing to draw.
 * @param {(() => Node)} options.render - draws the chart.
 * @param {string} [options.subtitle]
 * @param {string} options.caption
 * @param {string} [options.method] - methodology anchor.
 * @param {string} options.filename - CSV name.
 * @param {() => object[]} [options.quantities] - quantities the title states (quantity.js stated()),
 *   called only when the title is.
 * @returns {HTMLElement}
 */
export function panel({
  status,
  needs,
  what,
  rows,
  allRows,
  title,
  fallbackTitle,
  render,
  subtitle,
  caption,
  method,
  filename,
  quantities,
}) {
  const absent = absentInputs(status, needs);
  let body;
  let heading = fallbackTitle;
  let stated = [];
  if (absent.length) body = missingInput({ needs: absent, what });
  else if (allRows && !allRows.length) body = note(`The loaded data has nothing for ${what} yet.`);
  else if (!rows.length) body = note(`Nothing to show for ${what} with the current filters.`);
  else {
    heading = title();
    stated = quantities?.() ?? [];
    const reasons = suppressionReasons(rows);
    const chart = render();
    if (reasons.length) {
      const wrap = document.createElement("div");
      wrap.append(chart, ...reasons.map((r) => suppressedNote(r)));
      body = wrap;
    } else body = chart;
  }
  return figure({
    title: heading,
    subtitle,
    caption,
    method,
    plot: body,
    data: absent.length ? [] : rows.map(withoutInternals),
    filename,
    quantities: stated,
  });
}

// The CSV a director downloads holds the chart's rows as the mart has them.
function withoutInternals(row) {
  const out = {};
  for (const [k, v] of Object.entries(row)) if (!k.startsWith("_")) out[k] = v;
  return out;
}
