/**
 * A plain, accessible HTML table (Inputs.table virtualises rows, which screen readers and print miss).
 * Wider than a phone, it scrolls sideways inside its own box instead of being cut off at the edge.
 *
 * @param {object[]} rows
 * @param {{key: string, label: string, numeric?: boolean, format?: (v: any, row: object) => string}[]} columns
 * @param {{caption?: string}} [options]
 * @returns {HTMLTableElement}
 */
export function simpleTable(rows, columns, { caption } = {}) {
  const table = document.createElement("table");
  table.className = "htm-table";
  table.style.display = "block";
  table.style.overflowX = "auto";
  table.style.maxWidth = "100%";
  if (caption) table.createCaption().textContent = caption;
  markWhenScrolling(table);
  appendHead(table, columns);
  const body = table.createTBody();
  for (const row of rows) {
    const tr = body.insertRow();
    for (const c of columns) {
      const td = tr.insertCell();
      const v = row[c.key];
      td.textContent = c.format
        ? c.format(v, row)
        : v == null
          ? "–"
          : c.numeric
            ? Number(v).toLocaleString("en-US")
            : String(v);
      if (c.numeric) td.className = "num";
    }
  }
  return table;
}

/** The header row of a table of `columns` (their labels; numeric columns right-aligned). */
export function appendHead(table, columns) {
  const head = table.createTHead().insertRow();
  for (const c of columns) {
    const th = document.createElement("th");
    th.scope = "col";
    th.textContent = c.label;
    if (c.numeric) th.className = "num";
    head.append(th);
  }
}

/**
 * Once the table is on screen, says so when it is wider than its box: a line above it ("scroll
 * sideways for more columns") and edge shadows, so money columns off the right of a phone are found.
 */
export function markWhenScrolling(table) {
  if (typeof ResizeObserver === "undefined") return;
  const observer = new ResizeObserver(() => {
    const scrolls = table.scrollWidth > table.clientWidth + 1;
    table.toggleAttribute("data-scrolls", scrolls);
    let hint = table.querySelector(":scope > caption > .htm-scroll-hint");
    if (scrolls && !hint) {
      const cap = table.caption ?? table.createCaption();
      hint = document.createElement("span");
      hint.className = "htm-scroll-hint";
      hint.textContent = "Scroll sideways for more columns →";
      cap.append(hint);
    } else if (!scrolls && hint) hint.remove();
  });
  observer.observe(table);
}
