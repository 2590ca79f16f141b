import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getJson } from './support/http.ts';
import { inParallel, postEventsUntilAccepted, type ViewToSend } from './support/events.ts';
import type { ServiceProcess } from './support/processes.ts';
import { insertArticles, type TestArticle } from './support/ranking.ts';
import { eventually, startStack, type Stack } from './support/stack.ts';

const BATCHES = 300;
const BATCH_SIZE = 40;
const KILLS = 3;

let stack: Stack;
let articles: TestArticle[];

beforeAll(async () => {
  stack = await startStack(['api'], { RANKING_REFRESH_MS: '500' });
  articles = await insertArticles(stack.database.db, 40);
}, 60_000);
afterAll(async () => {
  await stack?.stop();
});

const sumBy = async (table: 'article_views_hour' | 'article_views_minute') => {
  const rows = await stack.database.db
    .selectFrom(table)
    .select(['article_id', (eb) => eb.fn.sum<number>('views').as('views')])
    .groupBy('article_id')
    .execute();
  return new Map(rows.map((row) => [row.article_id, Number(row.views)]));
};

describe('ranking workers killed while events flow', () => {
  it('every article ends with exactly the views sent, each counted once', async () => {
    const batches: ViewToSend[][] = Array.from({ length: BATCHES }, (_, b) =>
      Array.from({ length: BATCH_SIZE }, (_, i) => ({
        type: 'view' as const,
        articleId: (articles[(b * 7 + i * i) % articles.length] as TestArticle).id,
        eventId: randomUUID(),
      })),
    );
    const expected = new Map<string, number>();
    for (const event of batches.flat()) expected.set(event.articleId ?? '', (expected.get(event.articleId ?? '') ?? 0) + 1);

    const workers: ServiceProcess[] = [await stack.start('ranking-worker')];
    let acceptedBatches = 0;
    const sending = inParallel(batches, 6, async (batch, b) => {
      await postEventsUntilAccepted(stack.baseUrl, batch);
      acceptedBatches += 1;
      // Every third batch is sent again, as by a client that lost the answer.
      if (b % 3 === 0) await postEventsUntilAccepted(stack.baseUrl, batch);
    });
    const killing = (async () => {
      for (let kill = 1; kill <= KILLS; kill++) {
        await eventually(
          async () => (acceptedBatches >= (kill * BATCHES) / (KILLS + 1) ? true : undefined),
          120_000,
          `batch ${(kill * BATCHES) / (KILLS + 1)}`,
        );
        const victim = workers.shift() as ServiceProcess;
        victim.child.kill('SIGKILL');
        expect(await victim.exited).toBe('SIGKILL');
        workers.push(await stack.start('ranking-worker'));
      }
      // Two workers share the rest of the stream.
      workers.push(await stack.start('ranking-worker'));
    })();
    await Promise.all([sending, killing]);

    // Jobs the killed workers held come back once their locks expire: wait for them.
    const hours = await eventually(
      async () => {
        const counted = await sumBy('article_views_hour');
        const total = [...counted.values()].reduce((a, b) => a + b, 0);
        return total >= BATCHES * BATCH_SIZE ? counted : undefined;
      },
      120_000,
      'every view counted',
    );
    const minutes = await sumBy('article_views_minute');
    const totals = await stack.database.db.selectFrom('article_popularity').select(['article_id', 'views']).execute();
    for (const article of articles) {
      const sent = expected.get(article.id) ?? 0;
      expect({ article: article.id, hours: hours.get(article.id) ?? 0, minutes: minutes.get(article.id) ?? 0 }).toEqual({
        article: article.id,
        hours: sent,
        minutes: sent,
      });
      expect(totals.find((row) => row.article_id === article.id)?.views ?? 0).toBe(sent);
    }

    // And the published list agrees, once the surviving workers have published it.
    await eventually(
      async () => {
        const list = await getJson<{ items: { views: number; article: { id: string } }[] }>(
          stack.baseUrl,
          '/v1/ranking?window=1h&limit=100',
        );
        const shown = new Map(list.body.items.map((item) => [item.article.id, item.views]));
        return articles.every((a) => shown.get(a.id) === expected.get(a.id)) ? true : undefined;
      },
      15_000,
      'the 1h ranking to show every count',
    );
    // Killed workers' jobs wait out their locks; on a loaded machine the whole run takes a while.
  }, 300_000);
});
