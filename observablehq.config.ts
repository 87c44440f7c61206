// Observable Framework configuration for the htm-workforce reports site. Everything the site needs is
// served from its own origin: no Google Fonts (globalStylesheets: []), system font stacks in style.css,
// libraries bundled from node_modules.
import { existsSync } from "node:fs";

// `htm-workforce build` builds from a private copy of reports/ (HTM_SITE_ROOT) so concurrent builds
// never share Framework's loader cache.
const ROOT = process.env.HTM_SITE_ROOT ?? "reports";

// The sidebar in reading order; a page not written yet is left out rather than breaking the build.
const PAGES = [
  { name: "Role evolution", path: "/role-evolution" },
  { name: "Specialist demand", path: "/specialist-demand" },
  { name: "Retention", path: "/retention" },
  { name: "Pay & careers", path: "/pay-careers" },
  { name: "Budget brief", path: "/budget-brief" },
  { name: "Benchmarks", path: "/benchmarks" },
  { name: "Data quality", path: "/data-quality" },
  { name: "Methodology", path: "/methodology" },
].filter((p) => existsSync(new URL(`./${ROOT}${p.path}.md`, import.meta.url)));

export default {
  title: "HTM Workforce",
  root: ROOT,
  // HTM_SITE_OUT lets tests build into a temporary folder without touching dist/.
  output: process.env.HTM_SITE_OUT ?? "dist",
  style: "style.css",
  globalStylesheets: [],
  pages: PAGES,
  pager: false,
  search: false,
  toc: { show: true, label: "On this page" },
  head: '<meta name="referrer" content="no-referrer"><link rel="icon" href="data:,">',
  footer:
    "HTM Workforce — open-source workforce analytics for Healthcare Technology Management. " +
    'Numbers are computed from your warehouse; see <a href="./methodology">Methodology</a>.',
};
