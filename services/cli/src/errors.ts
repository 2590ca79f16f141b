/** The command line was wrong: the user gets the usage with it, and exit code 2. */
export class UsageError extends Error {}

/** The command ran and could not do its job: one line on stderr, exit code 1. */
export class CommandError extends Error {}
