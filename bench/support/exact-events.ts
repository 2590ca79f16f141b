import { BROWSER_UA } from './load.ts';
import { sleep } from './stats.ts';

/** Every answer the senders saw that was not the one expected, and what stayed unknown. */
export interface RequestTally {
  /** Requests answered 202, each counted once however many attempts it took. */
  accepted: number;
  /** Answers other than 202 (each one an attempt that was then made again with the same body). */
  non2xx: number;
  /** Attempts that ended without an answer (reset, timeout). */
  networkErrors: number;
  /** Requests still without a 202 after every attempt: whether the service took them is unknown. */
  unresolved: number;
}

export const newTally = (): RequestTally => ({ accepted: 0, non2xx: 0, networkErrors: 0, unresolved: 0 });

const ATTEMPTS = 30;
const RETRY_PAUSE_MS = 250;

/**
 * POSTs one events body until it is answered 202, sending the very same body (same eventIds)
 * again after any other answer or a lost connection: the service counts an eventId once, so a
 * resend cannot count twice, and a 202 is counted here exactly once. Returns whether it got one.
 */
export async function postUntilAccepted(url: string, body: string, tally: RequestTally): Promise<boolean> {
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'user-agent': BROWSER_UA },
        body,
        signal: AbortSignal.timeout(30_000),
      });
      await response.arrayBuffer();
      if (response.status === 202) {
        tally.accepted++;
        return true;
      }
      tally.non2xx++;
    } catch {
      tally.networkErrors++;
    }
    await sleep(RETRY_PAUSE_MS);
  }
  tally.unresolved++;
  return false;
}

export interface PacedSenderOptions {
  url: string;
  /** A body whose `[<id>]` placeholders become one id per request (readerEventsBody, eventsBody). */
  template: string;
  /** Requests per second to start. */
  requestsPerSecond: number;
  /** Requests in flight at most; a request due while that many wait is not sent (counted as late). */
  maxInFlight: number;
  /** Makes the ids of this run unlike any other's. */
  runId: string;
  tally: RequestTally;
}

export interface PacedSender {
  /** Requests started, and requests skipped because too many were still in flight. */
  started(): number;
  late(): number;
  /** Stops starting requests and resolves once every started one has its answer. */
  stop(): Promise<void>;
}

/**
 * A steady rate of event requests whose 202s are counted exactly: unlike a load generator that
 * abandons the requests in flight when it stops, every request started here is seen through to
 * its answer (postUntilAccepted), so after stop() the 202s counted are all the service accepted.
 */
export function sendAtRate(options: PacedSenderOptions): PacedSender {
  let started = 0;
  let late = 0;
  let running = true;
  const inFlight = new Set<Promise<boolean>>();
  const begun = performance.now();
  const loop = (async () => {
    while (running) {
      const due = Math.floor(((performance.now() - begun) / 1000) * options.requestsPerSecond);
      while (started + late < due) {
        if (inFlight.size >= options.maxInFlight) {
          late++;
          continue;
        }
        const body = options.template.replaceAll('[<id>]', `${options.runId}-${started++}`);
        const request = postUntilAccepted(options.url, body, options.tally);
        inFlight.add(request);
        void request.finally(() => inFlight.delete(request));
      }
      await sleep(5);
    }
  })();
  return {
    started: () => started,
    late: () => late,
    async stop() {
      running = false;
      await loop;
      await Promise.all(inFlight);
    },
  };
}
