import { describe, expect, it } from 'vitest';
import {
  accessibilityInUse,
  bindAccessibilityToSession,
  createAccessibilityStore,
  NO_CHOICES,
} from '../../src-renderer/accessibility/accessibility-store';
import { createScreenStore } from '../../src-renderer/state/screen-store';
import { kioskStateFixture } from '../support/kiosk-state-fixture';

function boundStores() {
  const screens = createScreenStore();
  screens.getState().setKioskState(kioskStateFixture());
  const accessibility = createAccessibilityStore();
  const unbind = bindAccessibilityToSession(screens, accessibility);
  return { screens, accessibility, unbind };
}

describe('accessibility choices', () => {
  it('start off, toggle one at a time, and say when they are in use', () => {
    const accessibility = createAccessibilityStore();
    expect(accessibility.getState().choices).toEqual(NO_CHOICES);
    expect(accessibilityInUse(accessibility.getState())).toBe(false);

    accessibility.getState().openPanel();
    expect(accessibilityInUse(accessibility.getState())).toBe(true);
    accessibility.getState().toggle('largeText');
    accessibility.getState().toggle('lowReach');
    accessibility.getState().toggle('lowReach');
    accessibility.getState().closePanel();
    expect(accessibility.getState().choices).toEqual({ ...NO_CHOICES, largeText: true });
    expect(accessibilityInUse(accessibility.getState())).toBe(true);
  });

  it('are cleared, panel closed, when the session ends', () => {
    const { screens, accessibility } = boundStores();
    screens.getState().chooseLanguage('fr');
    accessibility.getState().toggle('spokenGuidance');
    accessibility.getState().toggle('highContrast');
    accessibility.getState().openPanel();

    screens.getState().endSession();

    expect(accessibility.getState().choices).toEqual(NO_CHOICES);
    expect(accessibility.getState().panelOpen).toBe(false);
    expect(accessibilityInUse(accessibility.getState())).toBe(false);
  });

  it('are cleared even when the session ends on the home screen, with nothing else to reset', () => {
    const { screens, accessibility } = boundStores();
    accessibility.getState().toggle('largeText');
    screens.getState().endSession();
    expect(accessibility.getState().choices.largeText).toBe(false);
  });

  it('stay with the same person through screens and outcomes; the panel closes for them', () => {
    const { screens, accessibility } = boundStores();
    accessibility.getState().toggle('lowReach');
    accessibility.getState().openPanel();
    screens.getState().startIdEntry();
    expect(accessibility.getState().panelOpen).toBe(false);

    accessibility.getState().openPanel();
    screens.getState().showOutcome({ ok: false, error: { code: 'booking-not-found' } });
    expect(accessibility.getState().panelOpen).toBe(false);

    // The same refusal again (a second scan) is a new outcome on the same screen.
    accessibility.getState().openPanel();
    screens.getState().showOutcome({ ok: false, error: { code: 'booking-not-found' } });
    expect(accessibility.getState().panelOpen).toBe(false);

    screens.getState().goHome();
    expect(accessibility.getState().choices).toEqual({ ...NO_CHOICES, lowReach: true });
  });

  it('are left alone by typing and state updates, and by a session end once unbound', () => {
    const { screens, accessibility, unbind } = boundStores();
    screens.getState().startCodeEntry();
    accessibility.getState().openPanel();
    accessibility.getState().toggle('largeText');
    screens.getState().typeCode('TRN');
    screens.getState().setKioskState(kioskStateFixture({ connectivity: 'offline' }));
    expect(accessibility.getState().panelOpen).toBe(true);

    unbind();
    screens.getState().endSession();
    expect(accessibility.getState().choices.largeText).toBe(true);
  });
});
