import * as Plot from "@observablehq/plot";

// On a phone a left axis of role names would eat the plot, and names written over the bars collide
// with the value labels at the bar ends. So narrow charts give each row two lines: the name above,
// the bar below it.
const NARROW_ROW_PX = 44;
const WIDE_ROW_PX = 30;
const NARROW_PADDING = 0.5;

/** Widths below this get the two-line rows. */
export const NARROW_PX = 640;

/**
 * Layout of a horizontal bar chart with one row per category.
 *
 * @param {number} width
 * @param {number} rows - number of rows.
 * @param {{marginLeft?: number, extra?: number}} [options] - wide left margin; extra height (axes).
 * @returns {{narrow: boolean, height: number, marginLeft: number, padding: number}}
 */
export function barRowsLayout(width, rows, { marginLeft = 280, extra = 60 } = {}) {
  const narrow = width < NARROW_PX;
  return {
    narrow,
    height: (narrow ? NARROW_ROW_PX : WIDE_ROW_PX) * rows + extra,
    marginLeft: narrow ? 10 : marginLeft,
    padding: narrow ? NARROW_PADDING : 0.1,
  };
}

/**
 * The Plot options every bar-row chart shares: its size from the layout and a y axis of the
 * categories (hidden when narrow, where labelsAboveBars names the rows). Spread into Plot.plot and
 * add the chart's own x scale, margins and marks.
 *
 * @param {{narrow: boolean, height: number, marginLeft: number, padding: number}} layout - from barRowsLayout.
 * @param {{width: number, domain: string[], document?: Document}} options
 */
export function barRowsFrame(layout, { width, domain, document }) {
  return {
    document,
    width,
    height: layout.height,
    marginLeft: layout.marginLeft,
    y: { label: null, domain, axis: layout.narrow ? null : "left", tickSize: 0, padding: layout.padding },
  };
}

/**
 * Category names written just above their bars (narrow layout only; returns null when wide, where the
 * y axis names the rows).
 *
 * @param {object[]} data
 * @param {{y: string, text: string | ((d: object) => string), narrow: boolean}} options
 * @returns {Plot.Markish | null}
 */
export function labelsAboveBars(data, { y, text, narrow }) {
  if (!narrow) return null;
  const halfBar = (NARROW_ROW_PX * (1 - NARROW_PADDING)) / 2;
  return Plot.text(data, {
    // the frame's left edge, not x = 0: on an axis that does not start at 0 (compa-ratio from 0.8)
    // x = 0 lies left of the chart and the names would run off it
    frameAnchor: "left",
    y,
    text,
    dy: -halfBar - 3,
    lineAnchor: "bottom",
    textAnchor: "start",
    fill: "black",
    stroke: "white",
    strokeWidth: 3,
    fontSize: 11,
  });
}
