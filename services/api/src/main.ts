import { runService } from '@newsrank/runtime';
import { startApi } from './api.ts';

await runService({ name: 'api', start: startApi }, { migrate: true });
