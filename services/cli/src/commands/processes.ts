export const PROCESSES = ['api', 'ingest-worker', 'ranking-worker'] as const;
export type ProcessName = (typeof PROCESSES)[number];
