export function electronArguments(
  argv: readonly string[],
  env: NodeJS.ProcessEnv,
): { args: string[]; refused: string[] };

export function refusalLine(refused: readonly string[]): string;
