export { createContext, type ServiceContext, type RunningService } from './context.ts';
export { runService, configOrExit, type ServiceDefinition } from './run-service.ts';
