export { PROCESSES, type ProcessName } from './commands/start.ts';
