/**
 * The few web-platform globals that both Node and Chromium provide and that src-shared may use.
 * Only tsconfig.shared.json includes this file: it keeps src-shared free of DOM and Node typings
 * while allowing URL parsing, which both runtimes implement identically (WHATWG URL).
 */
declare class URLSearchParams {
  constructor(init?: string);
  get(name: string): string | null;
}

declare class URL {
  constructor(url: string, base?: string);
  readonly protocol: string;
  readonly hostname: string;
  readonly pathname: string;
  readonly searchParams: URLSearchParams;
}
