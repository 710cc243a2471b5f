/**
 * A USB printer-class device (`/dev/usb/lp0`, or better a stable `/dev/usb/by-id/…` link) driven
 * by the kernel's usblp driver.
 *
 * The device is opened non-blocking and kept open between jobs. Non-blocking, because a blocking
 * write to a printer that is out of paper never returns and would pin one of libuv's four worker
 * threads for good; the driver answers EAGAIN instead and we retry until the job's deadline.
 * Kept open, because usblp cancels in-flight transfers when the file is closed, and the last
 * chunk of a non-blocking write is still in flight when write() returns.
 *
 * The device is write-only here: usblp offers no portable way to read the printer's DLE EOT
 * replies, so the status of a USB printer-class device is "unknown". A probe (each status poll)
 * only checks that the device node is still there, or opens it: an unplugged printer's node
 * vanishes (ENOENT), and a replugged one is opened afresh. Symlinks (`/dev/usb/by-id/…`, udev
 * rules) are opened like any path.
 */
import { constants } from 'node:fs';
import { open, stat, type FileHandle } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import type { PrinterTransport } from './transport';
import { beforeAnyByte, PrinterTransportError, toPrintFailure } from './transport-error';
import { errorText } from '../../logging/error-text';

export interface UsblpTransportOptions {
  path: string;
}

/** How long to wait before retrying a write the driver could not take yet. */
const RETRY_DELAY_MS = 20;

function errnoCode(error: unknown): string | undefined {
  return error instanceof Error && 'code' in error && typeof error.code === 'string'
    ? error.code
    : undefined;
}

export class UsblpTransport implements PrinterTransport {
  readonly kind = 'usblp' as const;
  private handle: FileHandle | null = null;

  constructor(private readonly options: UsblpTransportOptions) {}

  async write(data: Buffer, timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    let offset = 0;
    try {
      const handle = await this.open();
      while (offset < data.length) {
        try {
          const { bytesWritten } = await handle.write(data, offset, data.length - offset);
          offset += bytesWritten;
        } catch (error) {
          if (errnoCode(error) !== 'EAGAIN') throw error;
          if (Date.now() >= deadline) {
            throw new PrinterTransportError(
              'timeout',
              `USB printer ${this.options.path} did not take the ticket within ${timeoutMs} ms`,
            );
          }
          await sleep(RETRY_DELAY_MS);
        }
      }
    } catch (error) {
      await this.close();
      // The driver took nothing (could not open, EAGAIN until the deadline, ENOSPC at once):
      // the printer has none of the ticket.
      const failure = this.classify(error);
      throw offset === 0 ? beforeAnyByte(failure) : failure;
    }
  }

  async probe(): Promise<void> {
    try {
      // A kept handle to an unplugged printer only fails on write; its device node is gone already.
      if (this.handle) await stat(this.options.path);
      await this.open();
    } catch (error) {
      await this.close();
      throw this.classify(error);
    }
  }

  async close(): Promise<void> {
    const handle = this.handle;
    this.handle = null;
    await handle?.close().catch(() => undefined);
  }

  private async open(): Promise<FileHandle> {
    if (!this.handle) {
      // No O_CREAT: a missing device must fail with ENOENT, not become a regular file in /dev.
      this.handle = await open(
        this.options.path,
        constants.O_WRONLY | constants.O_NONBLOCK | constants.O_NOCTTY,
      );
    }
    return this.handle;
  }

  private classify(error: unknown): PrinterTransportError {
    if (error instanceof PrinterTransportError) return error;
    const { path } = this.options;
    const code = errnoCode(error);
    const message = errorText(error);
    if (code === 'EACCES' || code === 'EPERM') {
      return new PrinterTransportError(
        'error',
        `USB printer ${path}: permission denied; add the kiosk user to the "lp" group (or install the udev rule)`,
        { cause: error },
      );
    }
    if (code === 'EBUSY') {
      return new PrinterTransportError(
        'error',
        `USB printer ${path} is in use by another program`,
        {
          cause: error,
        },
      );
    }
    const { failure } = toPrintFailure(error);
    return new PrinterTransportError(failure, `USB printer ${path}: ${message}`, { cause: error });
  }
}
