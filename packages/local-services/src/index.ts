export { TEST_SERVER_DEFAULTS } from './defaults.ts';
export { ensureServers, stopServers, LocalServerError, type ServerUrls } from './ensure-servers.ts';
export { localAddress, type LocalAddress } from './local-address.ts';
