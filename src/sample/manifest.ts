/** manifest.json: what was generated, and every deliberate defect, unmapped value and orphan in it. */
export interface ManifestDefect {
  file: string;
  /** 1-based physical line; the header is line 1. */
  line: number;
  column: string;
  value: string;
  reason: string;
}

export interface ManifestUnmapped {
  file: string;
  column: string;
  value: string;
  rows: number;
}

/** A reference to a key that does not exist: reported by ingest, but the row is loaded. */
export interface ManifestOrphan {
  file: string;
  line: number;
  column: string;
  value: string;
  references: string;
}

export interface Manifest {
  generator: "htm-workforce sample";
  seed: number;
  orgs: number;
  years: number;
  period: { start: string; end: string };
  files: Record<string, { data_rows: number; sha256: string }>;
  defects: ManifestDefect[];
  unmapped: ManifestUnmapped[];
  orphans: ManifestOrphan[];
}

/** Counts rows per raw value for the values a taxonomy deliberately leaves unmapped. */
export class UnmappedCounter {
  private readonly counts = new Map<string, ManifestUnmapped>();
  add(file: string, column: string, value: string, rows = 1): void {
    const key = `${file}\u0000${column}\u0000${value}`;
    const entry = this.counts.get(key);
    if (entry) entry.rows += rows;
    else this.counts.set(key, { file, column, value, rows });
  }
  entries(): ManifestUnmapped[] {
    return [...this.counts.values()].sort(
      (a, b) =>
        a.file.localeCompare(b.file) || a.column.localeCompare(b.column) || a.value.localeCompare(b.value),
    );
  }
}
