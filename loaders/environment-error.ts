/**
 * Failures of the machine, not of the input: a read-only or full disk, a full TMPDIR, memory.
 * They exit with their own code (3, README "Exit codes") and a one-line message, so a script can
 * tell "fix your files" (2) and "rows were rejected" (1) from "fix the machine and run again".
 * The previous warehouse is intact whenever one is raised: ingest only renames a complete build.
 */
export class EnvironmentError extends Error {}

export const ENVIRONMENT_EXIT_CODE = 3;

const CAUSES: [RegExp, string][] = [
  [/ENOSPC|No space left on device/i, "no space left on the device"],
  [/EDQUOT|quota exceeded/i, "disk quota exceeded"],
  [/EROFS|Read-only file system/i, "the file system is read-only"],
  [/EACCES|EPERM|Permission denied|Operation not permitted/i, "permission denied"],
  [/EMFILE|ENFILE|Too many open files/i, "too many open files"],
  [/EIO\b|Input\/output error/i, "an input/output error of the device"],
  [/Out of Memory Error|could not allocate|ENOMEM|Cannot allocate memory/i, "out of memory"],
];

/** The path in a Node fs error or a DuckDB IO error, when it names one. */
function pathOf(e: unknown, message: string): string | undefined {
  const p = (e as { path?: string }).path;
  if (typeof p === "string") return p;
  return /(?:file|directory) "([^"]+)"/.exec(message)?.[1] ?? /'(\/[^']+)'/.exec(message)?.[1];
}

/** An EnvironmentError for a failure of the machine, or undefined for anything else. */
export function asEnvironmentError(e: unknown): EnvironmentError | undefined {
  if (e instanceof EnvironmentError) return e;
  if (!(e instanceof Error)) return undefined;
  const code = (e as NodeJS.ErrnoException).code ?? "";
  const text = `${code} ${e.message}`;
  for (const [pattern, cause] of CAUSES) {
    if (!pattern.test(text)) continue;
    const where = pathOf(e, e.message);
    return new EnvironmentError(
      `${cause}${where ? ` (${where})` : ""}; nothing was changed (a previous warehouse is intact). Free space or fix permissions and run again.`,
    );
  }
  return undefined;
}
