/**
 * A diagnostics section: its heading, its facts as a description list, a fact's tone (fine,
 * worth a look, a fault) said in words as well as colour, its buttons and its status line.
 */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Action } from './use-action';

export type Tone = 'ok' | 'warning' | 'fault' | 'neutral';

export function Section(props: {
  id: string;
  title: string;
  /** The worst tone of the section's facts: shown beside its heading, in words. */
  tone: Tone;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <section
      className="diagnostics-section"
      aria-labelledby={`diagnostics-${props.id}`}
      data-testid={`diagnostics-${props.id}`}
      data-tone={props.tone}
    >
      <h2 id={`diagnostics-${props.id}`}>
        {props.title}{' '}
        <span className="diagnostics-badge">{t(`diagnostics.tones.${props.tone}`)}</span>
      </h2>
      {props.children}
    </section>
  );
}

export function Facts(props: { children: ReactNode }) {
  return <dl className="diagnostics-facts">{props.children}</dl>;
}

export function Fact(props: { label: string; tone?: Tone; testId?: string; children: ReactNode }) {
  return (
    <div className="diagnostics-fact" data-tone={props.tone ?? 'neutral'}>
      <dt>{props.label}</dt>
      <dd data-testid={props.testId}>{props.children}</dd>
    </div>
  );
}

/** The section's buttons and the status line that tells their outcome. */
export function Actions(props: { action: Action; testId: string; children: ReactNode }) {
  const { outcome } = props.action;
  return (
    <div className="diagnostics-actions">
      <div className="diagnostics-actions__buttons">{props.children}</div>
      <p
        role="status"
        className="diagnostics-actions__outcome"
        data-tone={outcome?.tone ?? 'ok'}
        data-testid={props.testId}
      >
        {outcome?.text}
      </p>
    </div>
  );
}

/** One of a section's buttons: none can start while another action of the section runs. */
export function ActionButton(props: {
  action: Action;
  onClick: () => void;
  disabled?: boolean;
  primary?: boolean;
  children: ReactNode;
}) {
  return (
    <button
      type="button"
      className={`button ${props.primary ? 'button--primary' : 'button--secondary'}`}
      disabled={props.action.busy !== null || props.disabled === true}
      onClick={props.onClick}
    >
      {props.children}
    </button>
  );
}

export function worst(...tones: Tone[]): Tone {
  for (const tone of ['fault', 'warning', 'ok'] as const) if (tones.includes(tone)) return tone;
  return 'neutral';
}
