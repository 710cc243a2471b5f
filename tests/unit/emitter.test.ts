import { describe, expect, it } from 'vitest';
import { Emitter } from '../../src-shared/common/emitter';

describe('Emitter', () => {
  it('tells each listener in subscription order, until it unsubscribes', () => {
    const emitter = new Emitter<number>();
    const seen: string[] = [];
    const offA = emitter.event((value) => seen.push(`a${value}`));
    emitter.event((value) => seen.push(`b${value}`));
    emitter.fire(1);
    offA();
    offA();
    emitter.fire(2);
    expect(seen).toEqual(['a1', 'b1', 'b2']);
    expect(emitter.listenerCount).toBe(1);
  });

  it('counts the same function subscribed twice as two subscriptions', () => {
    const emitter = new Emitter<string>();
    const seen: string[] = [];
    const listener = (value: string) => seen.push(value);
    const first = emitter.event(listener);
    emitter.event(listener);
    emitter.fire('x');
    first();
    emitter.fire('y');
    expect(seen).toEqual(['x', 'x', 'y']);
  });

  it('tells the others when one listener throws, then throws the first error', () => {
    const emitter = new Emitter<void>();
    const told: string[] = [];
    emitter.event(() => {
      throw new Error('first');
    });
    emitter.event(() => {
      told.push('second');
      throw new Error('second');
    });
    emitter.event(() => told.push('third'));
    expect(() => emitter.fire()).toThrow('first');
    expect(told).toEqual(['second', 'third']);
  });

  it('lets a listener unsubscribe itself while being told', () => {
    const emitter = new Emitter<number>();
    const seen: number[] = [];
    const off = emitter.event((value) => {
      seen.push(value);
      off();
    });
    emitter.event((value) => seen.push(value * 10));
    emitter.fire(1);
    emitter.fire(2);
    expect(seen).toEqual([1, 10, 20]);
  });

  it('forgets everyone on dispose', () => {
    const emitter = new Emitter<number>();
    const seen: number[] = [];
    emitter.event((value) => seen.push(value));
    emitter.dispose();
    emitter.fire(1);
    expect(seen).toEqual([]);
  });
});
