/**
 * Just enough MIME (RFC 2045–2047) to read what the server mails: headers (unfolded, encoded
 * words decoded), nested multiparts flattened into their leaf parts, base64 and
 * quoted-printable bodies decoded.
 */
export interface MimePart {
  headers: Map<string, string>;
  /** `image/png`, lower case, without parameters. */
  type: string;
  body: Buffer;
}

export interface MimeMessage {
  headers: Map<string, string>;
  parts: MimePart[];
}

const decodeWords = (value: string): string =>
  value
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(
      /=\?([^?]+)\?([BbQq])\?([^?]*)\?=/g,
      (_match, _charset, encoding: string, text: string) =>
        encoding.toUpperCase() === 'B'
          ? Buffer.from(text, 'base64').toString('utf8')
          : Buffer.from(
              text
                .replace(/_/g, ' ')
                .replace(/=([0-9A-Fa-f]{2})/g, (_m, hex: string) =>
                  String.fromCharCode(parseInt(hex, 16)),
                ),
              'latin1',
            ).toString('utf8'),
    );

function splitEntity(entity: string): { headers: Map<string, string>; body: string } {
  const end = entity.indexOf('\r\n\r\n');
  const head = end < 0 ? entity : entity.slice(0, end);
  const headers = new Map<string, string>();
  for (const line of head.replace(/\r\n[ \t]+/g, ' ').split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) {
      headers.set(
        line.slice(0, colon).trim().toLowerCase(),
        decodeWords(line.slice(colon + 1).trim()),
      );
    }
  }
  return { headers, body: end < 0 ? '' : entity.slice(end + 4) };
}

/** A header's parameter: `boundary` of `multipart/mixed; boundary="--_x"`. */
export function headerParameter(value: string | undefined, name: string): string | undefined {
  const match = new RegExp(`${name}="?([^";]+)"?`, 'i').exec(value ?? '');
  return match?.[1];
}

function decodeBody(body: string, encoding: string | undefined): Buffer {
  switch ((encoding ?? '').toLowerCase()) {
    case 'base64':
      return Buffer.from(body.replace(/\s+/g, ''), 'base64');
    case 'quoted-printable':
      return Buffer.from(
        body
          .replace(/=\r\n/g, '')
          .replace(/=([0-9A-Fa-f]{2})/g, (_m, hex: string) =>
            String.fromCharCode(parseInt(hex, 16)),
          ),
        'latin1',
      );
    default:
      return Buffer.from(body, 'utf8');
  }
}

function leaves(entity: string): MimePart[] {
  const { headers, body } = splitEntity(entity);
  const contentType = headers.get('content-type') ?? 'text/plain';
  const type = contentType.split(';')[0]?.trim().toLowerCase() ?? 'text/plain';
  if (type.startsWith('multipart/')) {
    const boundary = headerParameter(contentType, 'boundary');
    if (!boundary) throw new Error(`a ${type} without a boundary`);
    const sections = body.split(`--${boundary}`);
    // The preamble before the first boundary and the epilogue after the closing one are no part.
    return sections
      .slice(1, -1)
      .flatMap((section) => leaves(section.replace(/^\r\n/, '').replace(/\r\n$/, '')));
  }
  return [{ headers, type, body: decodeBody(body, headers.get('content-transfer-encoding')) }];
}

export function parseMime(raw: string): MimeMessage {
  const normalised = raw.replace(/\r?\n/g, '\r\n');
  return { headers: splitEntity(normalised).headers, parts: leaves(normalised) };
}
