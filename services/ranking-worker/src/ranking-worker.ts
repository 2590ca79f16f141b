import { assertNoEviction, createRedis } from '@newsrank/queue';
import type { RunningService, ServiceContext } from '@newsrank/runtime';

export async function startRankingWorker(context: ServiceContext): Promise<RunningService> {
  const connection = createRedis(context.config.redis, 'worker');
  connection.on('error', (error) => context.logger.warn({ err: error }, 'redis connection error'));
  await assertNoEviction(connection);
  return {
    async close() {
      connection.disconnect();
    },
  };
}
