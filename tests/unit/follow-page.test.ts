// @vitest-environment happy-dom
/**
 * The follow page's drawing (plain DOM) and language choice: what a citizen reads while waiting,
 * once called and for a token that opens nothing; the phone's language, Spanish otherwise.
 */
import { describe, expect, it, vi } from 'vitest';
import type { FollowState } from '../../src-shared/contract/follow';
import { followTexts, phoneLanguage } from '../../src-renderer/office/follow/follow-texts';
import { drawFollowPage } from '../../src-renderer/office/follow/follow-view';

const waiting: FollowState = {
  ticketNumber: 'E-014',
  serviceNames: { es: 'Empadronamiento', en: 'Census registration' },
  status: 'waiting',
  peopleAhead: 3,
  estimatedWaitMinutes: 12,
  serverTime: '2026-02-10T09:00:00.000Z',
};

function draw(view: Parameters<typeof drawFollowPage>[1]['view'], language: 'es' | 'en' = 'es') {
  const root = document.createElement('div');
  const actions = { chooseLanguage: vi.fn(), enableSound: vi.fn() };
  drawFollowPage(root, { view, language, soundOn: false }, followTexts(language), actions);
  const text = (testId: string) =>
    root.querySelector(`[data-testid="${testId}"]`)?.textContent ?? null;
  return { root, actions, text };
}

describe('the follow page', () => {
  it('shows number, service, people ahead and wait while waiting', () => {
    const { root, text } = draw({ kind: 'ticket', state: waiting, online: true });
    expect(root.querySelector('h1')?.textContent).toBe('Siga su turno');
    expect(text('follow-number')).toBe('E-014');
    expect(text('follow-service')).toBe('Empadronamiento');
    expect(text('follow-ahead')).toBe('3');
    expect(text('follow-wait')).toBe('12 min');
    expect(text('follow-called')).toBeNull();
    expect(text('follow-status')).toContain('Se actualiza solo');
  });

  it('says whose turn it is and where, in the chosen language, without the queue', () => {
    const { text } = draw(
      { kind: 'ticket', state: { ...waiting, status: 'called', desk: 'Mesa 3' }, online: false },
      'en',
    );
    expect(text('follow-called')).toContain('It is your turn: Mesa 3');
    expect(text('follow-service')).toBe('Census registration');
    expect(text('follow-ahead')).toBeNull();
    expect(text('follow-status')).toContain('No connection');
  });

  it('reveals nothing for a token that opens nothing', () => {
    const { root, text } = draw({ kind: 'not-found' });
    expect(root.querySelector('h1')?.textContent).toBe('Turno no disponible');
    expect(text('follow-number')).toBeNull();
    expect(root.querySelector('button')).toBeNull();
  });

  it('passes the language choice and the sound request on', () => {
    const { root, actions } = draw({ kind: 'ticket', state: waiting, online: true });
    const select = root.querySelector('select') as HTMLSelectElement;
    select.value = 'de';
    select.dispatchEvent(new Event('change'));
    expect(actions.chooseLanguage).toHaveBeenCalledWith('de');
    (root.querySelector('button') as HTMLButtonElement).click();
    expect(actions.enableSound).toHaveBeenCalledOnce();
  });

  it('picks the phone’s first language it has, Spanish otherwise', () => {
    expect(phoneLanguage(['pt-BR', 'fr-CA', 'en'])).toBe('fr');
    expect(phoneLanguage(['it-IT'])).toBe('es');
    expect(phoneLanguage([])).toBe('es');
  });
});
