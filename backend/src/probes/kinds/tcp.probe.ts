import { Socket } from 'node:net';
import type { ProbeKind } from '../probe-kind.js';
import { failed } from '../probe-kind.js';
import { classifyNetworkError } from '../network-errors.js';

/** TCP: the partner accepts a connection. Closed at once; nothing is sent. */
export const tcpProbe: ProbeKind<'tcp'> = {
  kind: 'tcp',
  run(check, ctx) {
    return new Promise((resolve) => {
      const socket = new Socket();
      const finish = (outcome: Awaited<ReturnType<ProbeKind<'tcp'>['run']>>) => {
        ctx.signal.removeEventListener('abort', onAbort);
        socket.destroy();
        resolve(outcome);
      };
      const onAbort = () => finish(failed('connect', 'timeout', `no connection to ${check.host}:${check.port} in time`));
      // An abort that came before we started never fires its event: check it first.
      if (ctx.signal.aborted) return onAbort();
      ctx.signal.addEventListener('abort', onAbort, { once: true });
      socket.once('connect', () => finish({ ok: true }));
      socket.once('error', (err) => {
        const c = classifyNetworkError(err, 'connect');
        finish(failed(c.stage, c.errorClass, c.message));
      });
      socket.connect({ host: check.host, port: check.port });
    });
  },
};
