import { configOrExit } from '@newsrank/runtime';

interface RankingAnswer {
  window: string;
  category: string | null;
  generatedAt: string | null;
  items: { rank: number; previousRank: number | null; views: number; article: { title: string; category: string | null } }[];
}

/** Prints the access ranking a running API serves, as a table. */
export async function rankingCommand(options: { window: string; category?: string | undefined; apiUrl?: string | undefined }): Promise<number> {
  const config = configOrExit();
  const url = new URL('/v1/ranking', options.apiUrl ?? process.env.NEWSRANK_API_URL ?? `http://127.0.0.1:${config.http.port}`);
  url.searchParams.set('window', options.window);
  if (options.category) url.searchParams.set('category', options.category);
  const response = await fetch(url);
  const body = (await response.json()) as RankingAnswer & { error?: { message: string } };
  if (!response.ok) {
    process.stderr.write(`newsrank ranking: ${response.status} ${body.error?.message ?? ''}\n`);
    return 1;
  }
  process.stdout.write(`access ranking, ${body.window}${body.category ? `, ${body.category}` : ''}, as of ${body.generatedAt ?? 'never'}\n`);
  process.stdout.write(`${'rank'.padStart(4)}  ${'prev'.padStart(4)}  ${'views'.padStart(8)}  title\n`);
  for (const item of body.items) {
    const previous = item.previousRank === null ? 'new' : String(item.previousRank);
    process.stdout.write(`${String(item.rank).padStart(4)}  ${previous.padStart(4)}  ${String(item.views).padStart(8)}  ${item.article.title}\n`);
  }
  return 0;
}
