// Observable Framework configuration of a professional society's published site: `htm-workforce
// build` on a pooled survey warehouse (`pool --db`) builds reports-society/ with it (from a private
// copy, HTM_SITE_ROOT, like reports/). Same rules as observablehq.config.ts: nothing from outside
// the site's origin.
const ROOT = process.env.HTM_SITE_ROOT ?? "reports-society";

export default {
  title: "HTM Workforce field survey",
  root: ROOT,
  output: process.env.HTM_SITE_OUT ?? "dist",
  style: "style.css",
  globalStylesheets: [],
  pages: [
    { name: "Field survey", path: "/" },
    { name: "Pay by title", path: "/pay" },
    { name: "Benchmarks", path: "/benchmarks" },
    { name: "Methodology", path: "/methodology" },
    { name: "Survey report (print)", path: "/report" },
  ],
  pager: false,
  search: false,
  toc: { show: true, label: "On this page" },
  head: '<meta name="referrer" content="no-referrer"><link rel="icon" href="data:,">',
  footer:
    "HTM Workforce field survey — pooled from hospitals' contributions of aggregates; no person-level " +
    'data left any hospital. See <a href="./methodology">Methodology</a>.',
};
