export { PROCESSES, type ProcessName } from './commands/processes.ts';
