export {
  loadConfig,
  shapeConfig,
  ConfigError,
  DEVELOPMENT_INGEST_TOKEN,
  type Config,
  type HttpLimits,
  type SourcePollingConfig,
} from './config.ts';
export { envSchema, type Env } from './schema.ts';
export { parseDurationMs, readDuration, DURATION_UNITS, type DurationReading, type DurationUnit } from './duration.ts';
export type { CorsOrigins, TrustProxy } from './http-options.ts';
export type { SourceTimeZones } from './source-time-zones.ts';
