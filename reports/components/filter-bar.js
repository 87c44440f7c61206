/**
 * Filters side by side in one framed bar that wraps onto further lines on a phone, each label above its
 * control. Takes Inputs elements (Inputs.select, Inputs.radio…); read their values on the page with
 * `Generators.input(element)`, as `view()` would.
 *
 * Styling is inline so the bar looks the same on every page without touching the site stylesheet.
 *
 * @param {HTMLElement[]} inputs
 * @param {{label?: string}} [options] - accessible name of the group.
 * @returns {HTMLDivElement}
 */
export function filterBar(inputs, { label = "Filters" } = {}) {
  const bar = document.createElement("div");
  bar.className = "htm-filter-bar";
  bar.setAttribute("role", "group");
  bar.setAttribute("aria-label", label);
  Object.assign(bar.style, {
    display: "flex",
    flexWrap: "wrap",
    alignItems: "flex-start",
    gap: "0.6rem 1.5rem",
    padding: "0.6rem 0.9rem",
    margin: "0.75rem 0 1.25rem",
    border: "1px solid var(--theme-foreground-faintest)",
    borderRadius: "6px",
    background: "var(--theme-background-alt)",
    maxWidth: "60rem",
  });
  for (const input of inputs) bar.append(stacked(input));
  return bar;
}

/**
 * Adds one more filter to a bar made by filterBar (for a filter whose options depend on another).
 *
 * @param {HTMLDivElement} bar
 * @param {HTMLElement} input
 * @returns {HTMLElement} the input.
 */
export function appendFilter(bar, input) {
  bar.append(stacked(input));
  return input;
}

// Inputs lays a form out as a fixed 120 px label beside a 240 px control; in a bar the label goes on
// top and the form takes only the width it needs.
function stacked(form) {
  // Explicit display: the pages import Inputs from node_modules, so its own stylesheet may be absent.
  Object.assign(form.style, {
    display: "flex",
    margin: "0",
    width: "auto",
    maxWidth: "100%",
    flexDirection: "column",
    alignItems: "flex-start",
    flexWrap: "nowrap",
  });
  const label = form.querySelector(":scope > label");
  if (label) {
    Object.assign(label.style, {
      display: "block",
      width: "auto",
      padding: "0 0 3px",
      marginRight: "0",
      fontWeight: "600",
      fontSize: "0.8rem",
      color: "var(--theme-foreground-muted)",
    });
  }
  const select = form.querySelector("select");
  if (select) Object.assign(select.style, { width: "auto", minWidth: "6rem", maxWidth: "100%" });
  return form;
}
