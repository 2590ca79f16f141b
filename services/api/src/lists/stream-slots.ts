import { HttpError } from '../http/errors.ts';

/**
 * The event streams one process holds at once. A stream takes a slot when it opens and gives it
 * back when it closes; past the capacity a new one is refused, so that a crowd of readers (or
 * one client opening streams in a loop) cannot take every socket and every heartbeat timer.
 */
export class StreamSlots {
  readonly capacity: number;
  #open = 0;

  constructor(capacity: number) {
    this.capacity = capacity;
  }

  get open(): number {
    return this.#open;
  }

  /** A slot and the function that gives it back (once, however often it is called); null when every slot is taken. */
  take(): (() => void) | null {
    if (this.#open >= this.capacity) return null;
    this.#open++;
    let held = true;
    return () => {
      if (!held) return;
      held = false;
      this.#open--;
    };
  }
}

/** Seconds a refused reader waits: spread over 10–20 s, so that readers refused together do not all return together. */
export function streamRetryAfterSeconds(random: () => number = Math.random): number {
  return 10 + Math.min(10, Math.floor(random() * 11));
}

/** The 503 past the cap; another replica, or this one a little later, will have room. */
export function tooManyStreams(capacity: number, random?: () => number): HttpError {
  const seconds = streamRetryAfterSeconds(random);
  return new HttpError(
    503,
    'too_many_streams',
    `this server holds its limit of ${capacity} open event streams; retry in ${seconds} seconds`,
    { 'retry-after': String(seconds) },
  );
}
