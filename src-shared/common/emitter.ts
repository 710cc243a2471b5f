/**
 * One small typed event emitter for every "something changed" in the kiosk (printer state,
 * scanner status, sync status, settings, kiosk state…), in the manner of VS Code's `Emitter`:
 * the owner keeps the emitter and fires it; everyone else only sees `event`, which subscribes
 * and returns the function that unsubscribes.
 */
export type Listener<T> = (value: T) => void;
export type Unsubscribe = () => void;
export type Event<T> = (listener: Listener<T>) => Unsubscribe;

export class Emitter<T> {
  private readonly listeners = new Set<Listener<T>>();

  /** Subscribes a listener; the answer unsubscribes it (calling it twice is harmless). */
  readonly event: Event<T> = (listener) => {
    // A wrapper per subscription, so the same function subscribed twice is told twice and
    // each unsubscribe removes exactly its own subscription.
    const subscription: Listener<T> = (value) => listener(value);
    this.listeners.add(subscription);
    return () => {
      this.listeners.delete(subscription);
    };
  };

  /**
   * Tells every listener, in subscription order. A listener that throws does not keep the others
   * from being told; the first error is thrown again once all have been told, so it is not lost.
   */
  fire(value: T): void {
    let firstError: { error: unknown } | null = null;
    for (const listener of [...this.listeners]) {
      try {
        listener(value);
      } catch (error) {
        firstError ??= { error };
      }
    }
    if (firstError) throw firstError.error;
  }

  get listenerCount(): number {
    return this.listeners.size;
  }

  /** Forgets every listener (at shutdown). */
  dispose(): void {
    this.listeners.clear();
  }
}
