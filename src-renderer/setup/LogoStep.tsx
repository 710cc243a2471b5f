import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useHeadingFocus } from '../components/use-heading-focus';
import { useBridge } from '../state/store-context';
import { ProblemNotice } from './ProblemNotice';
import { RadioOption } from './RadioOption';
import { callSetup } from './setup-api';
import type { StepProps } from './SetupWizard';
import { TextField } from './TextField';
import { useStepAction } from './use-step-action';

interface Preview {
  image: string;
  width: number;
  height: number;
}

/** Step 5 (optional): the town hall's logo, previewed as printed, stored in the printer's NV memory. */
export function LogoStep(props: StepProps) {
  const { t } = useTranslation();
  const bridge = useBridge();
  const heading = useHeadingFocus<HTMLHeadingElement>();
  const action = useStepAction();
  const installed = props.status.draft.logo;
  const [files, setFiles] = useState<Array<{ path: string; name: string }> | null>(null);
  const [path, setPath] = useState(installed?.file ?? '');
  const [preview, setPreview] = useState<Preview | null>(null);

  useEffect(() => {
    void action
      .run(() => callSetup(bridge, 'setup:list-logos', {}))
      .then((answer) => setFiles(answer?.files ?? []));
    // Once, when the step opens.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const choose = (next: string) => {
    setPath(next);
    setPreview(null);
  };

  const showPreview = async () => {
    const answer = await action.run(() => callSetup(bridge, 'setup:preview-logo', { path }));
    if (answer?.outcome === 'refused') action.refused(answer);
    else if (answer) setPreview(answer);
  };

  const install = async () => {
    const answer = await action.run(() => callSetup(bridge, 'setup:install-logo', { path }));
    if (answer?.outcome === 'refused') action.refused(answer);
    await props.refresh();
  };

  return (
    <section className="screen setup-step" aria-labelledby="setup-logo-title">
      <h1 id="setup-logo-title" className="screen__title" ref={heading} tabIndex={-1}>
        {t('setup.logo.title')}
      </h1>
      <p className="screen__hint">{t('setup.logo.hint')}</p>
      <fieldset className="setup-fieldset">
        <legend>{t('setup.logo.files')}</legend>
        {files?.length === 0 && <p>{t('setup.logo.noFiles')}</p>}
        {files?.map((file) => (
          <RadioOption
            key={file.path}
            name="logo-file"
            checked={path === file.path}
            onChange={() => choose(file.path)}
            label={file.name}
            detail={file.path}
          />
        ))}
      </fieldset>
      <TextField id="logo-path" label={t('setup.logo.path')} value={path} onChange={choose} />
      <div className="actions">
        <button
          type="button"
          className="button button--secondary"
          disabled={!path || action.busy}
          onClick={() => void showPreview()}
        >
          {t('setup.logo.previewButton')}
        </button>
        <button
          type="button"
          className="button button--primary"
          disabled={!preview || action.busy}
          onClick={() => void install()}
        >
          {t('setup.logo.install')}
        </button>
      </div>
      {preview && (
        <figure className="setup-logo-preview">
          <figcaption>{t('setup.logo.preview')}</figcaption>
          <img
            src={preview.image}
            width={preview.width}
            height={preview.height}
            alt={t('setup.logo.previewAlt', { width: preview.width, height: preview.height })}
            data-testid="logo-preview"
          />
        </figure>
      )}
      <p className="setup-field__hint">{t('setup.logo.wear')}</p>
      {installed?.installed && (
        <p className="notice notice--success" role="status" data-testid="logo-installed">
          {t('setup.logo.installed')}
        </p>
      )}
      <ProblemNotice problem={action.problem} />
    </section>
  );
}
