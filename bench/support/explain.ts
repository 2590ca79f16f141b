import { Kysely, PostgresDialect, type CompiledQuery } from 'kysely';
import type pg from 'pg';
import type { Database, Db } from '@newsrank/db';

/** One plan node, as much of it as tells how a table was read. */
interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  Plans?: PlanNode[];
}

export interface QueryPlan {
  name: string;
  sql: string;
  /** Every node that reads a table: `Index Scan using article_views_hour_article_idx on article_views_hour` and the like. */
  scans: string[];
  /** Nodes that read a whole table (or all of an index) rather than a range of it. */
  fullScans: string[];
  executionMs: number;
  sharedBuffers: number;
}

const FULL_SCANS = new Set(['Seq Scan', 'Parallel Seq Scan']);

function scansOf(node: PlanNode): PlanNode[] {
  const own = node['Relation Name'] || node['Index Name'] ? [node] : [];
  return [...own, ...(node.Plans ?? []).flatMap(scansOf)];
}

const describe = (node: PlanNode) =>
  `${node['Node Type']}${node['Index Name'] ? ` using ${node['Index Name']}` : ''}${node['Relation Name'] ? ` on ${node['Relation Name']}` : ''}`;

/**
 * The statements `run` sends through the query builder, each then run again under
 * `EXPLAIN (ANALYZE, BUFFERS)` with the same parameters: the plans the service gets, not the
 * plans of a hand-copied query.
 */
export async function explainQueries(pool: pg.Pool, run: (db: Db, name: (label: string) => void) => Promise<void>): Promise<QueryPlan[]> {
  const captured: { name: string; query: CompiledQuery }[] = [];
  let label = 'query';
  const db = new Kysely<Database>({
    dialect: new PostgresDialect({ pool }),
    log: (event) => {
      if (event.level === 'query') captured.push({ name: label, query: event.query });
    },
  });
  await run(db, (next) => (label = next));
  const plans: QueryPlan[] = [];
  for (const { name, query } of captured) {
    const result = await pool.query<{
      'QUERY PLAN': [{ Plan: PlanNode & { 'Shared Hit Blocks': number; 'Shared Read Blocks': number }; 'Execution Time': number }];
    }>(`explain (analyze, buffers, format json) ${query.sql}`, [...query.parameters]);
    const [top] = result.rows[0]?.['QUERY PLAN'] ?? [];
    if (!top) throw new Error(`no plan for ${name}`);
    const scans = scansOf(top.Plan);
    plans.push({
      name,
      sql: query.sql,
      scans: scans.map(describe),
      fullScans: scans.filter((node) => FULL_SCANS.has(node['Node Type'])).map(describe),
      executionMs: top['Execution Time'],
      sharedBuffers: top.Plan['Shared Hit Blocks'] + top.Plan['Shared Read Blocks'],
    });
  }
  return plans;
}
