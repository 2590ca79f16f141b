import { connect } from 'node:net';

/** True when something accepts a TCP connection at host:port within the timeout. */
export function answers(host: string, port: number, timeoutMs = 500): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    const done = (result: boolean) => {
      socket.destroy();
      resolve(result);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/** True when any of the addresses answers: `localhost` may be reached on either loopback. */
export async function anyAnswers(hosts: string[], port: number): Promise<boolean> {
  const results = await Promise.all(hosts.map((host) => answers(host, port)));
  return results.includes(true);
}
