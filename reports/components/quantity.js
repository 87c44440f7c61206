// The hook by which a quantity a page states can be found as rendered: the figure (or card) that states
// it wraps the number in <span data-quantity="turnover_rate" data-period="2025">3.6%</span>. Several pages
// state the same quantity (turnover on the overview, Retention and Benchmarks); the e2e test
// tests/e2e/same-number.test.ts reads these spans on every page × organisation and requires the same
// text everywhere, so a page that rounds, filters or sums differently is caught. Keys name the quantity
// and its scope, never the page: "technical_fte" (staff who do the work) and "fte_all_staff" (everyone
// employed) are different quantities and each sentence that states one says which (docs/readable.md).

/**
 * A quantity stated in a text: which one (key), for which period, and the text that shows it.
 *
 * @param {string} key - e.g. "turnover_rate", "specialist_gap", "technical_fte".
 * @param {string} text - the number exactly as the sentence writes it ("3.6%", "4.2 FTE").
 * @param {object} [options]
 * @param {string|number} [options.period] - the year or date it is for ("2025", "2025-12-31").
 * @param {string} [options.after] - text right before the number, when the number alone also occurs
 *   earlier in the sentence ("to " in "from 29 to 27").
 * @param {string} [options.before] - text right after the number, for the same reason (" devices").
 * @returns {{key: string, text: string, period: string, after: string, before: string}}
 */
export function stated(key, text, { period = "", after = "", before = "" } = {}) {
  return { key, text: String(text ?? "–"), period: String(period ?? ""), after, before };
}

/**
 * Wraps the first occurrence of each stated quantity's text inside `root` in a span carrying its key and
 * period. A quantity stated as "–" (suppressed, or nothing to state) is not marked. One whose text the
 * element does not contain is named in root's data-quantity-unfound: the element prints another number
 * than the one it claims to state, which the same-number test reports.
 *
 * @param {Element} root
 * @param {ReturnType<typeof stated>[]} [quantities]
 * @returns {Element} root
 */
export function markQuantities(root, quantities = []) {
  for (const q of quantities) {
    if (!q || !q.text || q.text === "–") continue;
    const doc = root.ownerDocument;
    const walker = doc.createTreeWalker(root, 4 /* NodeFilter.SHOW_TEXT */);
    let marked = false;
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (node.parentElement?.closest("[data-quantity]")) continue;
      const at = findNumber(node.data, q.text, q.after, q.before);
      if (at < 0) continue;
      const rest = node.splitText(at);
      rest.splitText(q.text.length);
      const span = doc.createElement("span");
      span.className = "htm-quantity";
      span.dataset.quantity = q.key;
      if (q.period) span.dataset.period = q.period;
      rest.replaceWith(span);
      span.append(rest);
      marked = true;
      break;
    }
    if (!marked) {
      const unfound = root.dataset.quantityUnfound;
      root.dataset.quantityUnfound = `${unfound ? `${unfound} ` : ""}${q.key}=${q.text}`;
    }
  }
  return root;
}

// The index of `text` in `data` between `after` and `before`, standing alone as a number (not the "27" of
// "127" or of "27.5"), or -1.
function findNumber(data, text, after, before) {
  let from = 0;
  for (;;) {
    const i = data.indexOf(after + text + before, from);
    if (i < 0) return -1;
    const start = i + after.length;
    const prev = data[start - 1] ?? "";
    const next = data.slice(start + text.length, start + text.length + 2);
    if (!/[\d.,]/.test(prev) && !/^[\d]|^[.,]\d/.test(next)) return start;
    from = i + 1;
  }
}
