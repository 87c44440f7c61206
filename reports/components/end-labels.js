import * as Plot from "@observablehq/plot";

/**
 * Spreads label positions apart so none overlap: each label keeps its value's position when it can and
 * moves the least it must otherwise. Positions are in data units of a linear y scale.
 *
 * @param {number[]} values - where each label would like to sit.
 * @param {number} gap - smallest distance between two labels, in data units.
 * @param {[number, number]} extent - [min, max] the labels must stay within.
 * @returns {number[]} positions, in the order of `values`.
 */
export function spreadLabels(values, gap, [min, max]) {
  const order = values.map((v, i) => i).sort((a, b) => values[a] - values[b]);
  const pos = order.map((i) => Math.min(max, Math.max(min, values[i])));
  for (let k = 1; k < pos.length; k++) pos[k] = Math.max(pos[k], pos[k - 1] + gap);
  const overflow = pos.length ? pos[pos.length - 1] - max : 0;
  if (overflow > 0) {
    pos[pos.length - 1] = max;
    for (let k = pos.length - 2; k >= 0; k--) pos[k] = Math.min(pos[k], pos[k + 1] - gap);
  }
  const out = new Array(values.length);
  order.forEach((i, k) => (out[i] = pos[k]));
  return out;
}

/**
 * Direct labels at the right end of series: a coloured swatch (square) and black text, spread so they
 * never overlap. Use with marginRight wide enough for the longest label.
 *
 * @param {{x: any, y: number, label: string, key: string}[]} items - one per series, at its last point.
 * @param {object} options
 * @param {[number, number]} options.yDomain - the y scale's domain.
 * @param {number} options.plotHeight - height of the plotting area in pixels (height − margins).
 * @param {string} [options.colorKey] - channel value given to the colour scale (defaults to item.key).
 * @param {number} [options.maxWidthPx] - room for the text; a longer label is shortened in the middle
 *   ("Networking &…ion 12%"), so its start and its value stay readable on a phone.
 * @returns {Plot.Markish[]}
 */
export function endLabels(items, { yDomain, plotHeight, minGapPx = 13, maxWidthPx }) {
  const [y0, y1] = yDomain;
  // a label that wraps takes two lines: room for two (about 6.5 px a character at 11 px)
  const wraps = maxWidthPx && items.some((d) => String(d.label).length * 6.5 > maxWidthPx);
  const gap = ((wraps ? 2 * minGapPx : minGapPx) * Math.abs(y1 - y0)) / Math.max(1, plotHeight);
  const lo = Math.min(y0, y1) + gap / 2;
  const hi = Math.max(y0, y1) - gap / 2;
  const ys = spreadLabels(
    items.map((d) => d.y),
    gap,
    [lo, hi],
  );
  const placed = items.map((d, i) => ({ ...d, labelY: ys[i] }));
  return [
    Plot.link(placed, {
      x1: "x",
      y1: "y",
      x2: "x",
      y2: "labelY",
      stroke: "#bbb",
      strokeWidth: 0.75,
      filter: (d) => Math.abs(d.labelY - d.y) > gap / 2,
    }),
    Plot.dot(placed, { x: "x", y: "labelY", fill: "key", symbol: "square", r: 4, dx: 9, stroke: "white" }),
    Plot.text(placed, {
      x: "x",
      y: "labelY",
      text: "label",
      dx: 16,
      textAnchor: "start",
      fill: "currentColor",
      fontSize: 11,
      // a long label wraps onto a second line rather than losing its middle ("Projects &…urement")
      // (Plot's estimate of a text's width runs short of the browser's by about a sixth: 13 px an em)
      ...(maxWidthPx ? { lineWidth: maxWidthPx / 13 } : {}),
    }),
  ];
}

/**
 * The x axis of a yearly chart: whole years without separators, as many ticks as fit (56 px each) up
 * to `most`.
 *
 * @param {number} width
 * @param {number[]} years - the years drawn (repeats allowed).
 * @param {number} [most]
 */
export function yearAxis(width, years, most = 12, margins = 120) {
  // margins: the chart's left + right margins; end labels in a wide right margin leave less room
  return {
    label: null,
    tickFormat: "d",
    ticks: Math.min(Math.max(2, Math.floor((width - margins) / 56)), most, new Set(years).size),
  };
}

/**
 * Years to label on a band (one column per year) axis: every year when they fit at 40 px each,
 * else every second, fifth… year, so a phone does not print 2010 to 2025 on top of each other.
 *
 * @param {number} width - the chart's width.
 * @param {number[]} years - the years drawn (repeats allowed).
 * @param {number} [margins] - the chart's left + right margins.
 */
export function bandYearTicks(width, years, margins = 120) {
  const all = [...new Set(years)].sort((a, b) => a - b);
  const room = Math.max(1, Math.floor((width - margins) / 40));
  const step = [1, 2, 3, 5, 10, 20].find((s) => Math.ceil(all.length / s) <= room) ?? 20;
  const last = all.at(-1);
  // counted back from the latest year, so the year a reader looks for first is always labelled
  return all.filter((y) => (last - y) % step === 0);
}

/**
 * Size and margins of a line chart whose series are labelled at their ends, in the right margin.
 *
 * @param {{document?: Document, width: number, height: number, marginRight: number,
 *   marginTop?: number, marginBottom?: number}} options
 */
export function lineFrame({ document, width, height, marginRight, marginTop = 20, marginBottom = 30 }) {
  return { document, width, height, marginTop, marginBottom, marginRight };
}
