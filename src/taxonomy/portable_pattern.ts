/**
 * Rule patterns are matched twice: by the JS matchers here and by DuckDB's RE2 in the warehouse
 * (`regexp_matches(value, pattern, 'i')`). Both must give the same answer, so a pattern may only use
 * syntax the two engines read identically: literals, `.`, classes, groups, `(?:)`, alternation,
 * anchors, quantifiers and the `\d \w \s` escapes.
 */

/** RE2 refuses repetition counts above this. */
const RE2_MAX_REPEAT = 1000;

const compiled = new Map<string, RegExp>();

/** Why `pattern` cannot be used as a rule, or undefined when it is fine. */
export function patternProblem(pattern: string): string | undefined {
  try {
    new RegExp(pattern, "i");
  } catch (error) {
    return `is not a valid regular expression (${(error as Error).message})`;
  }
  return portabilityProblem(pattern);
}

function portabilityProblem(pattern: string): string | undefined {
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === "\\") {
      const next = pattern[i + 1] ?? "";
      if (next === "b" || next === "B") {
        return "uses \\b or \\B, which DuckDB's RE2 and JS define differently; use (^|[^a-z]) and ([^a-z]|$) instead";
      }
      if (/[1-9k]/.test(next)) return "uses a back-reference, which DuckDB's RE2 does not support";
      if (/[pPuxc]/.test(next)) {
        return `uses the escape \\${next}, which JS (without the u flag) and DuckDB's RE2 read differently`;
      }
      i++;
      continue;
    }
    if (inClass) {
      if (c === "]") inClass = false;
      continue;
    }
    if (c === "[") {
      const rest = pattern.slice(i + 1);
      if (rest.startsWith("]") || rest.startsWith("^]")) {
        return "has a character class starting with ']', which JS and DuckDB's RE2 read differently; write \\] instead";
      }
      inClass = true;
      i += rest.startsWith("^") ? 1 : 0;
      continue;
    }
    if (c === "(" && pattern[i + 1] === "?" && pattern[i + 2] !== ":") {
      return "uses (?…) syntax (lookaround, named group or inline flag), which JS and DuckDB's RE2 do not share; only (?:…) is allowed";
    }
    if (c === "{") {
      const repeat = /^\{(\d+)(,(\d*))?\}/.exec(pattern.slice(i));
      if (repeat && Math.max(Number(repeat[1]), Number(repeat[3] || 0)) > RE2_MAX_REPEAT) {
        return `repeats more than ${RE2_MAX_REPEAT} times, which DuckDB's RE2 refuses`;
      }
    }
  }
  return undefined;
}

/** The case-insensitive JS RegExp for a pattern already checked by `patternProblem`. */
export function patternRegExp(pattern: string): RegExp {
  let re = compiled.get(pattern);
  if (!re) {
    re = new RegExp(pattern, "i");
    compiled.set(pattern, re);
  }
  return re;
}

/** Same semantics as `regexp_matches(value, pattern, 'i')`: true when the pattern matches anywhere in value. */
export function patternMatches(pattern: string, value: string): boolean {
  return patternRegExp(pattern).test(value);
}
