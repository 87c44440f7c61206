/**
 * A mistake on the command line (unknown option, bad value): `main` prints its message and exits 2.
 * Its own module, so commands can throw it without importing the command registry (no import cycle).
 */
export class UsageError extends Error {}
