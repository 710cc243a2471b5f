/** Bounds one transport operation in time. */
import { PrinterTransportError } from './transport-error';

/**
 * Settles like `work`, or rejects with a 'timeout' PrinterTransportError after `timeoutMs`, first
 * calling `onTimeout` so the transport can drop the connection the stuck operation holds.
 */
export function withDeadline<T>(
  work: Promise<T>,
  timeoutMs: number,
  what: string,
  onTimeout: () => void,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => {
      onTimeout();
      reject(new PrinterTransportError('timeout', `${what}: no answer within ${timeoutMs} ms`));
    }, timeoutMs);
    work.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}
