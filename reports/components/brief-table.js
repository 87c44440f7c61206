import { appendHead } from "./table.js";

/**
 * The budget brief's table: a plain HTML table whose last row is the total, and which on a phone turns
 * each row into a short list (every cell labelled with its column), so nothing scrolls sideways.
 *
 * @param {object[]} rows
 * @param {{key: string, label: string, numeric?: boolean, format?: (v: any, row: object) => string}[]} columns
 * @param {{total?: object, caption?: string}} [options] - total: the row printed last, in bold.
 * @returns {HTMLTableElement}
 */
export function briefTable(rows, columns, { total, caption } = {}) {
  const table = document.createElement("table");
  table.className = "htm-brief-table";
  if (caption) table.createCaption().textContent = caption;
  appendHead(table, columns);
  const body = table.createTBody();
  const cells = (tr, row) => {
    for (const c of columns) {
      const td = tr.insertCell();
      const v = row[c.key];
      td.textContent = c.format ? c.format(v, row) : v == null ? "–" : String(v);
      td.dataset.label = c.label;
      if (c.numeric) td.className = "num";
    }
  };
  for (const row of rows) cells(body.insertRow(), row);
  if (total) {
    const tr = table.createTFoot().insertRow();
    tr.className = "htm-brief-total";
    cells(tr, total);
  }
  return table;
}
