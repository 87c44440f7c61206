/**
 * Breaks a label into lines of at most `maxChars` characters at spaces (a word longer than that keeps
 * its own line), joined by "\n", which Plot's text and axis marks draw as separate lines. For phone
 * layouts where a one-line category name would be clipped by the margin.
 *
 * @param {string} label
 * @param {number} [maxChars]
 * @returns {string}
 */
export function wrapLabel(label, maxChars = 14) {
  const lines = [];
  for (const word of String(label ?? "").split(" ")) {
    const last = lines.length - 1;
    if (last >= 0 && lines[last].length + 1 + word.length <= maxChars) lines[last] += ` ${word}`;
    else lines.push(word);
  }
  return lines.join("\n");
}
