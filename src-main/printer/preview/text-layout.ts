/** Decoded lines as plain text: the decoder's `text`, and the preview's monospace page. */
import type { DecodedEscPos, DecodedLine } from './decoded-ticket';

/** The lines' text joined with newlines, trailing blanks and the blank feed before a cut left out. */
export function joinText(lines: readonly DecodedLine[]): string {
  const texts = lines.map((line) => line.text.trimEnd());
  while (texts.length > 0 && texts[texts.length - 1] === '') texts.pop();
  return texts.join('\n');
}

/**
 * Lays decoded lines out on a monospace page of `columns` characters, honouring alignment, for
 * the on-screen preview and the saved .txt. Magnified text keeps one cell per character here.
 */
export function formatDecodedText(decoded: DecodedEscPos, columns: number): string {
  return joinText(
    decoded.lines.map((line) => {
      const text = line.text.trimEnd();
      const free = Math.max(0, columns - text.length);
      const pad =
        line.align === 'center' ? Math.floor(free / 2) : line.align === 'right' ? free : 0;
      return { ...line, text: ' '.repeat(pad) + text };
    }),
  );
}
