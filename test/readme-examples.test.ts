import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postEvents } from './support/events.ts';
import { rssFeed, testStories } from './support/feeds.ts';
import { ingest } from './support/http.ts';
import { TEST_TOKEN, eventually, startStack, type Stack } from './support/stack.ts';

const README = readFileSync(new URL('../README.md', import.meta.url), 'utf8');

/** Every ```sh block of the README that calls curl, in order, with the line it starts on. */
export function curlBlocks(markdown: string): { line: number; script: string }[] {
  const blocks: { line: number; script: string }[] = [];
  for (const match of markdown.matchAll(/^```sh\n([\s\S]*?)^```$/gm)) {
    const script = match[1] ?? '';
    if (/^\s*curl\b/m.test(script)) blocks.push({ line: markdown.slice(0, match.index).split('\n').length, script });
  }
  return blocks;
}

let stack: Stack;
let workDir: string;
const variables: Record<string, string> = {};

beforeAll(async () => {
  stack = await startStack(['api', 'ingest-worker', 'ranking-worker'], { RANKING_REFRESH_MS: '300' });
  // What the README's examples refer to: the article they post, a job, a cursor, an ETag.
  const seeded = await ingest(stack.baseUrl, rssFeed(testStories(3, 'https://example.com')), { source: 'example' });
  const job = await ingest(
    stack.baseUrl,
    JSON.stringify({
      articles: [
        { guid: 'a-1', url: 'https://example.com/a-1', title: 'Hello', category: 'Politics', publishedAt: '2025-01-13T09:42:00Z' },
      ],
    }),
    { source: 'example', contentType: 'application/json' },
  );
  const articleId = job.result?.articles[0]?.id ?? '';
  expect(articleId).not.toBe('');
  expect((await postEvents(stack.baseUrl, [{ type: 'view', articleId }])).body.accepted).toBe(1);
  const page = (await (await fetch(`${stack.baseUrl}/v1/articles?limit=1`)).json()) as { nextCursor: string };
  const ranking = await eventually(
    async () => {
      const response = await fetch(`${stack.baseUrl}/v1/ranking`);
      const body = (await response.json()) as { items: unknown[] };
      return body.items.length > 0 ? response : undefined;
    },
    15_000,
    'the view in the ranking',
  );
  Object.assign(variables, {
    API: stack.baseUrl,
    TOKEN: TEST_TOKEN,
    JOB_ID: seeded.id,
    ARTICLE_ID: articleId,
    CURSOR: page.nextCursor,
    ETAG: ranking.headers.get('etag') ?? '',
  });
  workDir = mkdtempSync(join(tmpdir(), 'newsrank-readme-'));
  writeFileSync(join(workDir, 'feed.xml'), rssFeed(testStories(2, 'https://readme.example')));
  // The `?at=` example asks for the list of a few seconds ago: let the first one be that old.
  await new Promise((resolve) => setTimeout(resolve, 11_000));
}, 120_000);

afterAll(async () => {
  await stack?.stop();
  if (workDir) rmSync(workDir, { recursive: true, force: true });
});

describe("the README's curl examples", () => {
  it('are found', () => {
    expect(curlBlocks(README).length).toBeGreaterThanOrEqual(10);
  });

  // curl fails on any 4xx/5xx answer here; the stream example is cut after a few seconds.
  const PRELUDE = `curl() { command curl --fail-with-body --max-time 5 "$@"; }\n`;

  it.each(curlBlocks(README).map((block) => [block.line, block.script] as const))(
    'the block at README line %i runs against a started stack',
    (_line, script) => {
      const streaming = script.includes('/stream');
      const run = spawnSync('bash', ['--noprofile', '--norc', '-euo', 'pipefail', '-c', PRELUDE + script], {
        cwd: workDir,
        env: { PATH: process.env.PATH ?? '', HOME: workDir, ...variables },
        encoding: 'utf8',
        timeout: 30_000,
      });
      const output = `${run.stdout}\n${run.stderr}`;
      if (streaming) {
        // 28: curl's own timeout ended the stream, which never ends by itself.
        expect(run.status, output).toBe(28);
        expect(run.stdout).toMatch(/^data: \{/m);
      } else {
        expect(run.status, output).toBe(0);
        expect(run.stdout.trim(), output).not.toBe('');
      }
    },
  );
});
