import { postEvents, type EventsAnswer, type ViewToSend } from './events.ts';
import { postFeed } from './http.ts';

/** Every answer a retrying client saw, by status (`error` for a refused or reset connection). */
export type StatusLog = Map<number | 'error', number>;

export const noteStatus = (log: StatusLog, status: number | 'error') => log.set(status, (log.get(status) ?? 0) + 1);

/**
 * Posts a feed until the API answers 202, as a publisher with a retry loop would (503s and
 * refused connections included), and returns the accepted job id.
 */
export async function postFeedUntilAccepted(
  baseUrl: string,
  body: string,
  options: { source?: string; contentType?: string },
  log: StatusLog,
  deadlineMs = 60_000,
): Promise<string> {
  const deadline = Date.now() + deadlineMs;
  for (;;) {
    try {
      const response = await postFeed(baseUrl, body, options);
      noteStatus(log, response.status);
      const answer = (await response.json()) as { jobId?: string };
      if (response.status === 202 && answer.jobId) return answer.jobId;
    } catch {
      noteStatus(log, 'error');
    }
    if (Date.now() > deadline) throw new Error('the feed was not accepted before the deadline');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Posts access events until the API answers 202, noting every answer on the way. */
export async function postEventsUntilAccepted(
  baseUrl: string,
  events: ViewToSend[],
  log: StatusLog,
  deadlineMs = 60_000,
): Promise<EventsAnswer> {
  const deadline = Date.now() + deadlineMs;
  for (;;) {
    try {
      const answer = await postEvents(baseUrl, events);
      noteStatus(log, answer.status);
      if (answer.status === 202) return answer.body;
    } catch {
      noteStatus(log, 'error');
    }
    if (Date.now() > deadline) throw new Error('the events were not accepted before the deadline');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
