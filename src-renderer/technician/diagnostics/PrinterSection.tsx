/**
 * The printer at a glance: its state, its latest fault with when, the paper left on the roll
 * (estimated), and the technician's buttons: the test page, "paper changed" and the reprint of
 * today's last ticket.
 */
import { useTranslation } from 'react-i18next';
import type { DiagnosticsSnapshot } from '../../../src-shared/contract/diagnostics';
import type { PrinterState } from '../../../src-shared/contract/ipc';
import { useBridge } from '../../state/store-context';
import { ActionButton, Actions, Fact, Facts, Section, worst, type Tone } from './Facts';
import { formatDateTime, formatRelative } from './format';
import { useAction } from './use-action';

/** Below this share of the roll the paper is worth a look. */
const LOW_PAPER_PERCENT = 10;

export function printerTone(state: PrinterState): Tone {
  if (state === 'ready' || state === 'printing') return 'ok';
  if (state === 'paper-near-end' || state === 'unknown') return 'warning';
  return 'fault';
}

export function PrinterSection(props: { snapshot: DiagnosticsSnapshot; refresh: () => void }) {
  const { t, i18n } = useTranslation();
  const bridge = useBridge();
  const action = useAction(t('diagnostics.actionFailed'), props.refresh);
  const { printer, takenAt } = props.snapshot;
  const { paper } = printer;
  const language = i18n.language;
  const paperTone: Tone =
    paper.leftMm === 0 ? 'fault' : paper.leftPercent < LOW_PAPER_PERCENT ? 'warning' : 'ok';
  const tone = worst(printerTone(printer.state), paperTone);
  const reason = (kind: string) => t(`diagnostics.printer.kinds.${kind}`);

  const testPrint = () =>
    action.run(
      'test-print',
      () => bridge.invoke('tech:test-print', {}),
      ({ status, failure }) =>
        status === 'printed'
          ? { text: t('diagnostics.printer.testPrinted'), tone: 'ok' }
          : {
              text: t(`diagnostics.printer.test-${status}`, { reason: reason(failure ?? 'error') }),
              tone: 'problem',
            },
    );
  const paperChanged = () =>
    action.run(
      'paper-changed',
      () => bridge.invoke('tech:paper-changed', {}),
      () => ({ text: t('diagnostics.printer.paperReset'), tone: 'ok' }),
    );
  const reprintLast = () =>
    action.run(
      'reprint-last',
      // In the kiosk's own language, as the citizen's ticket was most likely printed.
      () => bridge.invoke('tech:reprint-last', {}),
      ({ ticket }) => {
        if (!ticket) return { text: t('diagnostics.printer.noTicketToday'), tone: 'problem' };
        return ticket.printStatus === 'printed'
          ? { text: t('diagnostics.printer.reprinted', { number: ticket.number }), tone: 'ok' }
          : {
              text: t('diagnostics.printer.reprintFailed', {
                number: ticket.number,
                reason: reason(ticket.printFailure ?? 'error'),
              }),
              tone: 'problem',
            };
      },
    );

  return (
    <Section id="printer" title={t('diagnostics.printer.title')} tone={tone}>
      <Facts>
        <Fact
          label={t('diagnostics.printer.state')}
          tone={printerTone(printer.state)}
          testId="printer-state"
        >
          {reason(printer.state)}
        </Fact>
        <Fact label={t('diagnostics.connection')}>
          {t(`diagnostics.transports.${printer.transport}`)}
        </Fact>
        <Fact label={t('diagnostics.printer.lastError')} testId="printer-last-error">
          {printer.lastError
            ? t('diagnostics.whatWhen', {
                what: reason(printer.lastError.kind),
                when: formatRelative(language, printer.lastError.at, takenAt),
                at: formatDateTime(language, printer.lastError.at),
              })
            : t('diagnostics.none')}
        </Fact>
        <Fact label={t('diagnostics.printer.paperLeft')} tone={paperTone} testId="paper-left">
          {t('diagnostics.printer.paperLeftValue', {
            percent: Math.round(paper.leftPercent),
            metres: (paper.leftMm / 1000).toFixed(1),
            tickets: paper.ticketsLeft,
          })}
        </Fact>
        <Fact label={t('diagnostics.printer.sinceChange')} testId="tickets-since-change">
          {paper.changedAt
            ? t('diagnostics.printer.sinceChangeValue', {
                count: paper.ticketsSinceChange,
                at: formatDateTime(language, paper.changedAt),
              })
            : t('diagnostics.printer.sinceChangeNever', { count: paper.ticketsSinceChange })}
        </Fact>
      </Facts>
      <Actions action={action} testId="printer-outcome">
        <ActionButton action={action} onClick={testPrint}>
          {t('diagnostics.printer.testPrint')}
        </ActionButton>
        <ActionButton action={action} onClick={paperChanged}>
          {t('diagnostics.printer.paperChanged')}
        </ActionButton>
        <ActionButton action={action} onClick={reprintLast}>
          {t('diagnostics.printer.reprintLast')}
        </ActionButton>
      </Actions>
    </Section>
  );
}
