/**
 * Command-line parsing that forgives: node's parseArgs underneath, but every mistake becomes one
 * UsageError line naming what is wrong and what is valid (the command's options, with a "did you
 * mean" when a typo is close), instead of node's multi-line parser text.
 */
import { parseArgs, type ParseArgsConfig } from "node:util";
import { UsageError } from "./usage-error.ts";

type Options = NonNullable<ParseArgsConfig["options"]>;

/**
 * Edit distance between two strings (insertions, deletions, substitutions and swaps of two
 * neighbours each cost 1): how far a typo is from what was meant.
 */
export function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1);
    }
  }
  return d[a.length]![b.length]!;
}

/**
 * The candidate a typo most likely meant: the closest within a third of its length (at least 1,
 * at most 3 edits), or one that starts with what was typed; undefined when nothing is close.
 */
export function didYouMean(typed: string, candidates: readonly string[]): string | undefined {
  const t = typed.toLowerCase();
  let best: { c: string; d: number } | undefined;
  for (const c of candidates) {
    const d = editDistance(t, c.toLowerCase());
    if (!best || d < best.d) best = { c, d };
  }
  const limit = Math.min(3, Math.max(1, Math.floor(t.length / 3)));
  if (best && best.d <= limit) return best.c;
  const prefixed = candidates.filter((c) => t.length >= 2 && c.toLowerCase().startsWith(t));
  return prefixed.length === 1 ? prefixed[0] : undefined;
}

/** "did you mean X? " or "", for the start of a one-line message's hint. */
export function suggestion(typed: string, candidates: readonly string[], prefix = ""): string {
  const guess = didYouMean(typed, candidates);
  return guess ? `did you mean ${prefix}${guess}? ` : "";
}

const optionList = (options: Options) =>
  Object.keys(options)
    .map((o) => `--${o}`)
    .join(", ");

/**
 * parseArgs for one command, strict, with mistakes as one-line UsageErrors. A string option's value
 * may start with a dash (`--orgs -3`, `--add x=-1`): node would call it ambiguous; here it is the
 * value, and the command's own check says whether it is valid.
 */
export function parseCommandArgs<T extends ParseArgsConfig & { options: Options }>(
  config: T,
): ReturnType<typeof parseArgs<T>> {
  const options = config.options;
  const argv = config.args ?? [];
  const joined: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const name = /^--([^=]+)$/.exec(arg)?.[1];
    const next = argv[i + 1];
    if (
      name &&
      options[name]?.type === "string" &&
      next !== undefined &&
      next.startsWith("-") &&
      next !== "--"
    ) {
      // a negative number, or anything that is not itself one of this command's options, is the value
      const nextName = /^--([^=]+)/.exec(next)?.[1] ?? "";
      const isOption =
        nextName in options || Object.values(options).some((o) => o.short && `-${o.short}` === next);
      if (!isOption) {
        joined.push(`${arg}=${next}`);
        i++;
        continue;
      }
    }
    joined.push(arg);
  }
  try {
    return parseArgs({ ...config, args: joined, strict: true }) as ReturnType<typeof parseArgs<T>>;
  } catch (e) {
    throw usageErrorOf(e, options);
  }
}

function usageErrorOf(e: unknown, options: Options): Error {
  const code = (e as { code?: string }).code ?? "";
  const message = (e as Error).message ?? String(e);
  const names = Object.keys(options);
  if (code === "ERR_PARSE_ARGS_UNKNOWN_OPTION") {
    const typed = /Unknown option '(-{1,2}[^']*)'/.exec(message)?.[1] ?? message;
    const bare = typed.replace(/^-+/, "").split("=")[0]!;
    return new UsageError(
      `unknown option '${typed}'; ${suggestion(bare, names, "--")}valid options: ${optionList(options)}`,
    );
  }
  if (code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE") {
    const name = /'--?([^' ]+)/.exec(message)?.[1] ?? "";
    const type = options[name]?.type;
    if (type === "boolean") return new UsageError(`--${name} takes no value (it is a switch)`);
    return new UsageError(`--${name} needs a value, e.g. --${name} VALUE (see --help)`);
  }
  if (code === "ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL") {
    const typed = /'([^']*)'/.exec(message)?.[1] ?? "";
    return new UsageError(
      `unexpected argument '${typed}'; ${suggestion(typed, names, "--")}this command takes only options: ${optionList(options)}`,
    );
  }
  return e instanceof Error ? e : new Error(message);
}

/** A whole-number option's value, or one line saying which range it must be in. */
export function wholeNumberOption(name: string, text: string, min: number, max: number): number {
  const n = Number(text);
  if (!/^-?\d+$/.test(text.trim()) || n < min || n > max)
    throw new UsageError(`--${name} must be a whole number from ${min} to ${max}, got '${text}'`);
  return n;
}
