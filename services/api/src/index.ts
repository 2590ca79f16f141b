export { startApi, type RunningApi } from './api.ts';
export { createApp, type AppDeps } from './app.ts';
