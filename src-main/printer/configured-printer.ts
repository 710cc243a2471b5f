/** The ticket printer the configuration describes, with its logo prepared for it. */
import { parsePrinterTransport, type Config } from '../config/schema';
import { errorText } from '../logging/error-text';
import { createTicketPrinter } from './create-ticket-printer';
import { loadLogo } from './logo/logo-store';
import type { PagePrinter, TicketPrinter } from './ticket-printer';
import type { TicketTemplateOptions } from './ticket-template';

/** The printer settings the printer itself uses (the paper roll's length is the diagnostics'). */
export type PrinterSettings = Omit<Config['printer'], 'rollLengthMm'>;

export interface ConfiguredPrinterDeps {
  dataDir: string;
  log: (line: string) => void;
  /** The virtual printer's rendering of each ticket, for the on-screen preview. */
  onTicketRendered: (ticketId: string, text: string) => void;
}

/** The configured logo, prepared for this printer; a bad file is logged and printing goes on. */
export function configuredLogo(printer: PrinterSettings, deps: ConfiguredPrinterDeps) {
  if (!printer.logoFile) return null;
  try {
    return loadLogo(printer.logoFile, {
      paperWidth: printer.paperWidth,
      profile: printer.profile,
      dataDir: deps.dataDir,
    });
  } catch (error) {
    deps.log(`printer: no logo on tickets: ${errorText(error)}`);
    return null;
  }
}

/** The template tickets print with on this printer: paper, code page, dialect, logo. */
export function configuredTemplate(
  printer: PrinterSettings,
  deps: ConfiguredPrinterDeps,
): TicketTemplateOptions {
  return {
    paperWidth: printer.paperWidth,
    codePage: printer.codePage,
    profile: printer.profile,
    logo: configuredLogo(printer, deps),
  };
}

export function createConfiguredPrinter(
  printer: PrinterSettings,
  deps: ConfiguredPrinterDeps,
  template: TicketTemplateOptions = configuredTemplate(printer, deps),
): TicketPrinter & PagePrinter {
  const transport = parsePrinterTransport(printer.transport);
  if (!transport) throw new Error('printer.transport was validated but does not parse');
  return createTicketPrinter({
    transport,
    ...template,
    timeoutMs: printer.timeoutMs,
    statusPollMs: printer.statusPollSeconds * 1000,
    dataDir: deps.dataDir,
    onTicketRendered: deps.onTicketRendered,
    // A printer that does not answer GS ( H, a failing state listener: the technician's log.
    log: deps.log,
  });
}
