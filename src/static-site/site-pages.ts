/** The site's pages as the sidebar lists them, plus the overview at "/". */
import config from "../../observablehq.config.ts";

export interface SitePage {
  name: string;
  path: string;
}

export function sitePages(): SitePage[] {
  return [{ name: "Overview", path: "/" }, ...config.pages];
}

/** A file-system friendly name for a page ("/" → "overview"). */
export function pageSlug(page: SitePage): string {
  return page.path === "/" ? "overview" : page.path.replace(/^\//, "").replace(/\//g, "-");
}
