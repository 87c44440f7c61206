import { csvFormat } from "d3";
import { certificationLabel, domainLabel, roleFamilyLabel } from "./taxonomy.js";
import { markQuantities } from "./quantity.js";

/**
 * A chart as a director reads it: a title that states the finding, an optional subtitle, the chart,
 * a caption saying how the numbers were computed (with a link to the methodology page), and a button
 * that downloads exactly the data behind the chart as CSV. Nothing here touches the network.
 *
 * @param {object} options
 * @param {string} options.title - the finding in words, computed from the data ("Specialist demand grew 40%…").
 * @param {string} [options.subtitle] - units or scope ("In-house labor hours per quarter, all organisations").
 * @param {string|Node} options.caption - how it was computed; a string is shown as text.
 * @param {string} [options.method] - anchor on the methodology page (e.g. "turnover-rate"); adds a link.
 * @param {Node|null} options.plot - the chart (e.g. the result of Plot.plot) or any element (a table, a notice).
 * @param {object[]} [options.data] - plain objects behind the chart; offered as CSV download when non-empty.
 * @param {string} [options.filename] - CSV file name without extension.
 * @param {object[]} [options.quantities] - quantities the title states (quantity.js stated()), marked for
 *   the test that every page states them alike.
 * @returns {HTMLElement}
 */
export function figure({ title, subtitle, caption, method, plot, data, filename, quantities }) {
  const root = document.createElement("figure");
  root.className = "htm-figure";
  const heading = document.createElement("h3");
  heading.className = "htm-figure-title";
  heading.textContent = title;
  markQuantities(heading, quantities);
  root.append(heading);
  if (subtitle) {
    const sub = document.createElement("p");
    sub.className = "htm-figure-subtitle";
    sub.textContent = subtitle;
    root.append(sub);
  }
  const body = document.createElement("div");
  body.className = "htm-figure-body";
  if (plot) body.append(plot);
  root.append(body);
  const footer = document.createElement("figcaption");
  footer.className = "htm-figure-caption";
  if (caption instanceof Node) footer.append(caption);
  else if (caption) footer.append(document.createTextNode(String(caption)));
  if (method) {
    footer.append(" ");
    const link = document.createElement("a");
    link.href = `./methodology#${method}`;
    link.textContent = "Method →";
    footer.append(link);
  }
  if (data && data.length) footer.append(" ", downloadButton(data, filename ?? "data"));
  root.append(footer);
  return root;
}

/**
 * A button that saves rows as a CSV file, built in the browser (Blob + object URL, no request).
 *
 * @param {object[]} rows - plain objects; Dates become ISO dates.
 * @param {string} filename - without extension.
 * @param {string} [label]
 * @returns {HTMLButtonElement}
 */
export function downloadButton(rows, filename, label = "Download CSV") {
  const button = document.createElement("button");
  button.type = "button";
  button.className = "htm-download";
  button.textContent = label;
  button.setAttribute("aria-label", `${label}: ${filename}.csv`);
  button.addEventListener("click", () => {
    const blob = new Blob([csvFormat(rows.map(csvRow))], { type: "text/csv;charset=utf-8" });
    const url = URL.createObjectURL(blob);
    const a = document.createElement("a");
    a.href = url;
    a.download = `${filename}.csv`;
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  });
  return button;
}

// A code column gets the label the page shows beside it.
const LABELS = {
  domain: domainLabel,
  role_family: roleFamilyLabel,
  from_role_family: roleFamilyLabel,
  to_role_family: roleFamilyLabel,
  certification: certificationLabel,
};

// Values rounded to what the page shows: FTE to a tenth, shares and rates to a tenth of a percent,
// money, hours and days whole; anything else to 4 decimals (no floating-point noise).
function rounded(key, value) {
  if (typeof value !== "number" || !Number.isFinite(value)) return value;
  const to = (digits) => Math.round(value * 10 ** digits) / 10 ** digits;
  if (/_fte$|^fte$/.test(key)) return to(1);
  if (/(rate|share|ratio|pct|fraction|^s_|survival)/.test(key)) return to(3);
  if (/(_usd|_hours|^hours|_days|^days)$/.test(key) || /_usd$/.test(key)) return to(0);
  return Number.isInteger(value) ? value : to(4);
}

/**
 * A chart's rows as its CSV has them: labels beside codes, values rounded as shown, dates as
 * calendar dates (the marts are date-grained, and a time of day would only confuse Excel), and
 * text made safe to open in a spreadsheet (csvCell).
 */
export function csvRow(row) {
  const out = {};
  for (const [key, value] of Object.entries(row)) {
    out[key] = value instanceof Date ? value.toISOString().slice(0, 10) : csvCell(rounded(key, value));
    if (LABELS[key] && value != null) out[`${key}_label`] = LABELS[key](value);
  }
  return out;
}

const FORMULA_START = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;

/**
 * Formula injection (OWASP "CSV injection"): Excel and LibreOffice run a cell that starts with
 * = + - @ (or a tab or CR before one) as a formula. A text value that starts so, and is not simply
 * a number written as text, gets a leading apostrophe, which spreadsheets show as text. Numbers
 * are numbers (a negative one is not a formula) and pass unchanged.
 * @param {unknown} value
 */
export function csvCell(value) {
  if (typeof value !== "string" || !FORMULA_START.test(value) || PLAIN_NUMBER.test(value)) return value;
  return `'${value}`;
}
