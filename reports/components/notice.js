/**
 * Said instead of a chart whose input file was not supplied: which file(s) would fill it. Never an
 * error and never an empty frame (docs/input.md: people bring what they have).
 *
 * @param {object} options
 * @param {string[]} options.needs - input files, e.g. ["pay.csv"].
 * @param {string} options.what - what the chart would show, e.g. "pay by role".
 * @returns {HTMLElement}
 */
export function missingInput({ needs, what }) {
  const box = document.createElement("div");
  box.className = "htm-notice htm-missing";
  box.setAttribute("role", "note");
  const strong = document.createElement("strong");
  strong.textContent = `No data for ${what} yet.`;
  box.append(strong, " Add ");
  needs.forEach((file, i) => {
    if (i > 0) box.append(i === needs.length - 1 ? " and " : ", ");
    const code = document.createElement("code");
    code.textContent = file;
    box.append(code);
  });
  box.append(` to data/input/ and run `);
  const cmd = document.createElement("code");
  cmd.textContent = "htm-workforce ingest";
  box.append(cmd, " then rebuild; the ");
  const link = document.createElement("a");
  link.href = "./data-quality";
  link.textContent = "data quality page";
  box.append(link, " lists which files were found.");
  return box;
}

/**
 * A note that some values are suppressed, naming the rule that applied (docs/architecture.md, privacy: suppressed, never
 * silently dropped).
 *
 * @param {string|{reason: string}} rule - e.g. "fewer than 11 people (public audience)".
 * @returns {HTMLElement}
 */
export function suppressedNote(rule) {
  const reason = typeof rule === "string" ? rule : rule?.reason;
  const box = document.createElement("p");
  box.className = "htm-notice htm-suppressed";
  box.setAttribute("role", "note");
  box.textContent = `Some values are suppressed: ${reason}.`;
  return box;
}

/**
 * Reasons for suppression present in rows (the `suppressed` column every loader writes), distinct.
 *
 * @param {object[]} rows
 * @returns {string[]}
 */
export function suppressionReasons(rows) {
  return [...new Set(rows.map((d) => d.suppressed).filter(Boolean))];
}

/**
 * A banner for a warehouse loaded with `--accept-rejects` (status.json's load_warning): the figures
 * rest on a source that rejected more rows than max_rejected_share allows.
 *
 * @param {{load_warning?: string|null}} status
 * @returns {HTMLElement|string} the banner, or "" when the load was within the limit
 */
export function loadWarning(status) {
  if (!status?.load_warning) return "";
  const box = document.createElement("p");
  box.className = "htm-notice htm-load-warning";
  box.setAttribute("role", "alert");
  const strong = document.createElement("strong");
  strong.textContent = "Rejected rows over the limit. ";
  const link = document.createElement("a");
  link.href = "./data-quality";
  link.textContent = "Data quality";
  box.append(strong, status.load_warning, " See ", link, ".");
  return box;
}
