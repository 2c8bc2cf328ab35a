import type { LiveMessage, LiveTransport, LiveTransportHandlers } from '../live/live-transport';

/** A transport the test drives by hand: what the server would send, and what the client asked. */
export class FakeTransport implements LiveTransport {
  snapshotRequests = 0;
  opened = 0;
  closed = 0;
  private handlers: LiveTransportHandlers | undefined;

  open(handlers: LiveTransportHandlers): void {
    this.handlers = handlers;
    this.opened++;
  }
  requestSnapshot(): void {
    this.snapshotRequests++;
  }
  close(): void {
    this.handlers = undefined;
    this.closed++;
  }
  /** The server sends a message. */
  send(message: LiveMessage): void {
    this.required().message(message);
  }
  connect(): void {
    this.required().connection(true);
  }
  drop(): void {
    this.required().connection(false);
  }
  /** The server refuses the connection as not signed in (a 401 at the handshake). */
  refuse(): void {
    this.required().refused?.();
  }
  private required(): LiveTransportHandlers {
    if (!this.handlers) throw new Error('transport is not open');
    return this.handlers;
  }
}
