// A plain note in place of a chart the rules do not allow (styled as the reports' notices).
export function notice(text) {
  const p = document.createElement("p");
  p.className = "htm-notice";
  p.setAttribute("role", "note");
  p.textContent = text;
  return p;
}
