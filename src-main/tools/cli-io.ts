/** What the technician command-line tools share: where they write, and how they read options. */
export interface CliIo {
  out: (line: string) => void;
  err: (line: string) => void;
}

/** The value of `--name VALUE` or `--name=VALUE`, or null when the option is absent. */
export function cliOption(argv: readonly string[], name: string): string | null {
  const index = argv.indexOf(name);
  if (index >= 0) return argv[index + 1] ?? null;
  const inline = argv.find((arg) => arg.startsWith(`${name}=`));
  return inline ? inline.slice(name.length + 1) : null;
}
