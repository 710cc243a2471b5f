import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DetectedDevices } from '../../src-shared/contract/setup';
import { useHeadingFocus } from '../components/use-heading-focus';
import { useBridge } from '../state/store-context';
import { PrinterCheck } from './PrinterCheck';
import { ProblemNotice } from './ProblemNotice';
import { callSetup } from './setup-api';
import type { StepProps } from './SetupWizard';
import { RadioOption } from './RadioOption';
import { TextField } from './TextField';
import { useStepAction } from './use-step-action';

const BAUD_RATES = ['9600', '19200', '38400', '57600', '115200'] as const;
const PROFILES = ['epson', 'star', 'generic'] as const;

/** The connection picked: a detected port or device (`serial:<path>`, `usblp:<path>`) or a kind. */
type Connection = string;

interface PrinterForm {
  connection: Connection;
  otherPath: string;
  host: string;
  port: string;
  baud: string;
  profile: (typeof PROFILES)[number];
  paperWidth: 80 | 58;
}

/** `printer.transport` for what the form says; null while it is incomplete. */
function transportOf(form: PrinterForm): string | null {
  const { connection } = form;
  if (connection === 'virtual') return 'virtual';
  if (connection === 'tcp') {
    const port = Number(form.port);
    if (!form.host.trim() || !Number.isInteger(port) || port < 1 || port > 65535) return null;
    return `tcp://${form.host.trim()}:${port}`;
  }
  if (connection === 'other') {
    return form.otherPath.startsWith('/') ? `serial:${form.otherPath}?baud=${form.baud}` : null;
  }
  if (connection.startsWith('serial:')) return `${connection}?baud=${form.baud}`;
  if (connection.startsWith('usblp:')) return connection;
  return null;
}

/** The form's connection for a transport chosen before (back on this step), or an empty one. */
function formOf(
  transport: string | null,
): Pick<PrinterForm, 'connection' | 'otherPath' | 'host' | 'port' | 'baud'> {
  const empty = { connection: '', otherPath: '', host: '', port: '9100', baud: '19200' };
  if (!transport) return empty;
  if (transport === 'virtual' || transport.startsWith('usblp:')) {
    return { ...empty, connection: transport };
  }
  if (transport.startsWith('tcp://')) {
    const url = new URL(transport);
    return { ...empty, connection: 'tcp', host: url.hostname, port: url.port || '9100' };
  }
  const [port = '', query = ''] = transport.split('?');
  return { ...empty, connection: port, baud: new URLSearchParams(query).get('baud') ?? '19200' };
}

/** Step 3: the ticket printer: found or typed, its model and paper, then tried (PrinterCheck). */
export function PrinterStep(props: StepProps) {
  const { t } = useTranslation();
  const bridge = useBridge();
  const heading = useHeadingFocus<HTMLHeadingElement>();
  const action = useStepAction();
  const chosen = props.status.draft.printer;
  const [devices, setDevices] = useState<DetectedDevices | null>(null);
  const [form, setForm] = useState<PrinterForm>(() => ({
    ...formOf(chosen?.transport ?? null),
    profile: chosen?.profile ?? 'epson',
    paperWidth: chosen?.paperWidth ?? 80,
  }));
  const [reachability, setReachability] = useState<string | null>(null);
  const update = (patch: Partial<PrinterForm>) => setForm((current) => ({ ...current, ...patch }));

  const detect = async () => {
    const found = await action.run(() => callSetup(bridge, 'setup:detect-devices', {}));
    if (found) setDevices(found);
  };
  useEffect(() => {
    void detect();
    // Once, when the step opens; "Search again" repeats it.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const checkNetwork = async () => {
    const port = Number(form.port);
    const answer = await action.run(() =>
      callSetup(bridge, 'setup:check-network-printer', { host: form.host.trim(), port }),
    );
    if (!answer) return;
    const where = { host: form.host.trim(), port };
    setReachability(
      answer.reachable
        ? t('setup.printer.reachable', where)
        : `${t('setup.printer.unreachable', where)} ${answer.detail ?? ''}`,
    );
  };

  const transport = transportOf(form);
  const use = async () => {
    if (!transport) return;
    const answer = await action.run(() =>
      callSetup(bridge, 'setup:choose-printer', {
        transport,
        profile: form.profile,
        paperWidth: form.paperWidth,
      }),
    );
    if (answer?.outcome === 'refused') action.refused(answer);
    await props.refresh();
  };

  const serial = form.connection === 'other' || form.connection.startsWith('serial:');
  const radio = (value: Connection) => ({
    name: 'printer-connection',
    checked: form.connection === value,
    onChange: () => update({ connection: value }),
  });
  return (
    <section className="screen setup-step" aria-labelledby="setup-printer-title">
      <h1 id="setup-printer-title" className="screen__title" ref={heading} tabIndex={-1}>
        {t('setup.printer.title')}
      </h1>
      <fieldset className="setup-fieldset">
        <legend>{t('setup.printer.connection')}</legend>
        <p className="setup-group-title">{t('setup.printer.serialPorts')}</p>
        {devices?.serialPorts.length === 0 && <p>{t('setup.printer.noSerialPorts')}</p>}
        {devices?.serialPorts.map((port) => (
          <RadioOption
            key={port.path}
            {...radio(`serial:${port.path}`)}
            label={port.byIdName ?? port.path}
            detail={[port.device, port.manufacturer].filter(Boolean).join(' · ')}
          />
        ))}
        <RadioOption {...radio('other')} label={t('setup.printer.otherPort')} />
        {form.connection === 'other' && (
          <TextField
            id="printer-other-path"
            label={t('setup.printer.otherPortPath')}
            value={form.otherPath}
            onChange={(otherPath) => update({ otherPath })}
            input={{ placeholder: '/dev/ttyS0' }}
          />
        )}
        <p className="setup-group-title">{t('setup.printer.usbPrinters')}</p>
        {devices?.usbPrinters.length === 0 && <p>{t('setup.printer.noUsbPrinters')}</p>}
        {devices?.usbPrinters.map((printer) => (
          <RadioOption
            key={printer.path}
            {...radio(`usblp:${printer.path}`)}
            label={printer.path}
            {...(printer.writable ? {} : { detail: t('setup.printer.notWritable') })}
          />
        ))}
        <p className="setup-group-title">{t('setup.printer.network')}</p>
        <RadioOption {...radio('tcp')} label={t('setup.printer.networkAddress')} />
        {form.connection === 'tcp' && (
          <div className="setup-inline">
            <TextField
              id="printer-host"
              label={t('setup.printer.host')}
              value={form.host}
              onChange={(host) => update({ host })}
            />
            <TextField
              id="printer-port"
              label={t('setup.printer.port')}
              value={form.port}
              onChange={(port) => update({ port })}
              input={{ inputMode: 'numeric' }}
            />
            <button
              type="button"
              className="button button--secondary"
              disabled={!transport || action.busy}
              onClick={() => void checkNetwork()}
            >
              {t('setup.printer.check')}
            </button>
            {reachability && (
              <p role="status" data-testid="network-check">
                {reachability}
              </p>
            )}
          </div>
        )}
        <RadioOption {...radio('virtual')} label={t('setup.printer.virtual')} />
      </fieldset>
      <button
        type="button"
        className="button button--secondary"
        disabled={action.busy}
        onClick={() => void detect()}
      >
        {t('setup.printer.detect')}
      </button>
      <fieldset className="setup-fieldset">
        <legend>{t('setup.printer.profile')}</legend>
        {PROFILES.map((profile) => (
          <RadioOption
            key={profile}
            name="printer-profile"
            checked={form.profile === profile}
            onChange={() => update({ profile })}
            label={t(`setup.printer.profiles.${profile}`)}
          />
        ))}
      </fieldset>
      <fieldset className="setup-fieldset">
        <legend>{t('setup.printer.paperWidth')}</legend>
        {([80, 58] as const).map((paperWidth) => (
          <RadioOption
            key={paperWidth}
            name="printer-paper"
            checked={form.paperWidth === paperWidth}
            onChange={() => update({ paperWidth })}
            label={t(`setup.printer.paper${paperWidth}`)}
          />
        ))}
      </fieldset>
      {serial && (
        <div className="setup-field">
          <label htmlFor="printer-baud" className="setup-field__label">
            {t('setup.printer.baud')}
          </label>
          <select
            id="printer-baud"
            className="setup-field__input"
            value={form.baud}
            onChange={(event) => update({ baud: event.target.value })}
          >
            {BAUD_RATES.map((baud) => (
              <option key={baud} value={baud}>
                {baud}
              </option>
            ))}
          </select>
        </div>
      )}
      <button
        type="button"
        className="button button--primary"
        disabled={!transport || action.busy}
        onClick={() => void use()}
      >
        {t('setup.printer.use')}
      </button>
      <ProblemNotice problem={action.problem} />
      {chosen ? (
        <PrinterCheck printer={chosen} refresh={props.refresh} />
      ) : (
        <p>{t('setup.printer.choose')}</p>
      )}
    </section>
  );
}
