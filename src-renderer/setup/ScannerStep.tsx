import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DetectedSerialPort } from '../../src-shared/contract/setup';
import { useHeadingFocus } from '../components/use-heading-focus';
import { useBridge } from '../state/store-context';
import { ProblemNotice } from './ProblemNotice';
import { RadioOption } from './RadioOption';
import { ScanTest } from './ScanTest';
import { callSetup } from './setup-api';
import type { StepProps } from './SetupWizard';
import { TextField } from './TextField';
import { useStepAction } from './use-step-action';

const BAUD_RATES = ['9600', '19200', '38400', '57600', '115200'] as const;

/** `scanner.transport` for the choice; null while a typed path is incomplete. */
function transportOf(choice: string, otherPath: string, baud: string): string | null {
  if (choice === 'keyboard') return 'keyboard';
  if (choice === 'other')
    return otherPath.startsWith('/') ? `serial:${otherPath}?baud=${baud}` : null;
  return choice.startsWith('serial:') ? `${choice}?baud=${baud}` : null;
}

/** Step 4: the code scanner (keyboard wedge or serial), then the live "scan anything" test. */
export function ScannerStep(props: StepProps) {
  const { t } = useTranslation();
  const bridge = useBridge();
  const heading = useHeadingFocus<HTMLHeadingElement>();
  const action = useStepAction();
  const chosen = props.status.draft.scanner;
  const [ports, setPorts] = useState<DetectedSerialPort[] | null>(null);
  // Back on this step: the scanner chosen before is selected again.
  const [previousPort = '', previousQuery = ''] = chosen?.transport.startsWith('serial:')
    ? chosen.transport.split('?')
    : [];
  const [choice, setChoice] = useState(previousPort || 'keyboard');
  const [otherPath, setOtherPath] = useState('');
  const [baud, setBaud] = useState(new URLSearchParams(previousQuery).get('baud') ?? '9600');

  const detect = async () => {
    const found = await action.run(() => callSetup(bridge, 'setup:detect-devices', {}));
    if (found) setPorts(found.serialPorts);
  };
  useEffect(() => {
    void detect();
    // Once, when the step opens; "Search again" repeats it.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const transport = transportOf(choice, otherPath, baud);
  const use = async () => {
    if (!transport) return;
    const answer = await action.run(() => callSetup(bridge, 'setup:choose-scanner', { transport }));
    if (answer?.outcome === 'refused') action.refused(answer);
    await props.refresh();
  };

  const radio = (value: string) => ({
    name: 'scanner-connection',
    checked: choice === value,
    onChange: () => setChoice(value),
  });
  const serial = choice !== 'keyboard';
  return (
    <section className="screen setup-step" aria-labelledby="setup-scanner-title">
      <h1 id="setup-scanner-title" className="screen__title" ref={heading} tabIndex={-1}>
        {t('setup.scanner.title')}
      </h1>
      <fieldset className="setup-fieldset">
        <legend>{t('setup.scanner.connection')}</legend>
        <RadioOption
          {...radio('keyboard')}
          label={t('setup.scanner.keyboard')}
          detail={t('setup.scanner.keyboardHint')}
        />
        <p className="setup-group-title">{t('setup.scanner.serial')}</p>
        {ports?.map((port) => (
          <RadioOption
            key={port.path}
            {...radio(`serial:${port.path}`)}
            label={port.byIdName ?? port.path}
            detail={[port.device, port.manufacturer].filter(Boolean).join(' · ')}
          />
        ))}
        <RadioOption {...radio('other')} label={t('setup.scanner.otherPort')} />
        {choice === 'other' && (
          <TextField
            id="scanner-other-path"
            label={t('setup.scanner.otherPortPath')}
            value={otherPath}
            onChange={setOtherPath}
            input={{ placeholder: '/dev/ttyACM0' }}
          />
        )}
      </fieldset>
      {serial && (
        <div className="setup-field">
          <label htmlFor="scanner-baud" className="setup-field__label">
            {t('setup.scanner.baud')}
          </label>
          <select
            id="scanner-baud"
            className="setup-field__input"
            value={baud}
            onChange={(event) => setBaud(event.target.value)}
          >
            {BAUD_RATES.map((rate) => (
              <option key={rate} value={rate}>
                {rate}
              </option>
            ))}
          </select>
        </div>
      )}
      <div className="actions">
        <button
          type="button"
          className="button button--secondary"
          disabled={action.busy}
          onClick={() => void detect()}
        >
          {t('setup.scanner.detect')}
        </button>
        <button
          type="button"
          className="button button--primary"
          disabled={!transport || action.busy}
          onClick={() => void use()}
        >
          {t('setup.scanner.use')}
        </button>
      </div>
      <ProblemNotice problem={action.problem} />
      {chosen ? (
        <ScanTest
          key={chosen.transport}
          serial={chosen.transport !== 'keyboard'}
          onWedgeScan={props.countWedgeScan}
        />
      ) : (
        <p>{t('setup.scanner.choose')}</p>
      )}
    </section>
  );
}
