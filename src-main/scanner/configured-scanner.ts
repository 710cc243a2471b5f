/**
 * The serial scanner the configuration describes, or null for a keyboard-wedge scanner (which
 * types into the screen and is read by the renderer).
 */
import { parseScannerTransport, type Config } from '../config/schema';
import { createSerialScanner, type SerialScanner } from './serial-scanner';

export function createConfiguredScanner(
  scanner: Config['scanner'],
  log: (line: string) => void,
): SerialScanner | null {
  const transport = parseScannerTransport(scanner.transport);
  if (transport?.kind !== 'serial') return null;
  return createSerialScanner({
    path: transport.path,
    baud: transport.baud,
    dataBits: transport.dataBits,
    parity: transport.parity,
    stopBits: transport.stopBits,
    flow: transport.flow,
    terminator: scanner.terminator,
    interByteTimeoutMs: scanner.interByteTimeoutMs,
    stripPrefix: scanner.stripPrefix,
    stripSuffix: scanner.stripSuffix,
    log,
  });
}
