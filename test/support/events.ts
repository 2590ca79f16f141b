import { BROWSER_UA } from './stack.ts';

export interface EventsAnswer {
  accepted: number;
  filtered: number;
  rejected: { index: number; reason: string }[];
}

export interface ViewToSend {
  type: 'view';
  articleId?: string;
  url?: string;
  eventId?: string;
  occurredAt?: string;
}

/** POST /v1/events as a browser (or as `userAgent`); returns the status and the parsed body. */
export async function postEvents(
  baseUrl: string,
  events: ViewToSend[],
  userAgent = BROWSER_UA,
): Promise<{ status: number; body: EventsAnswer }> {
  const response = await fetch(new URL('/v1/events', baseUrl), {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'user-agent': userAgent },
    body: JSON.stringify({ events }),
  });
  return { status: response.status, body: (await response.json()) as EventsAnswer };
}

/** Sends until the API answers 202, as a client with a retry loop would (503s and resets included). */
export async function postEventsUntilAccepted(baseUrl: string, events: ViewToSend[], deadlineMs = 60_000): Promise<EventsAnswer> {
  const deadline = Date.now() + deadlineMs;
  for (;;) {
    try {
      const answer = await postEvents(baseUrl, events);
      if (answer.status === 202) return answer.body;
    } catch {
      // Connection refused or reset: retry like any beacon library does.
    }
    if (Date.now() > deadline) throw new Error('events were not accepted before the deadline');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Runs `work` over `items` with at most `concurrency` of them in flight. */
export async function inParallel<T>(
  items: readonly T[],
  concurrency: number,
  work: (item: T, index: number) => Promise<void>,
): Promise<void> {
  let next = 0;
  const lanes = Array.from({ length: Math.min(concurrency, items.length) }, async () => {
    while (next < items.length) {
      const index = next++;
      await work(items[index] as T, index);
    }
  });
  await Promise.all(lanes);
}
