import net, { connect, type AddressInfo, type Server as NetServer, type Socket } from 'node:net';
import dimse from 'dcmjs-dimse';

const { Server, Scp, responses, constants } = dimse;
dimse.log.setLevel('silent'); // as the probe does: the simulator logs its own lines
const { PresentationContextResult, RejectReason, RejectResult, RejectSource, SopClass, Status, TransferSyntax } = constants;

interface Context {
  getAbstractSyntaxUid(): string;
  getTransferSyntaxUids(): string[];
  setResult(result: number, transferSyntax?: string): void;
}
interface Assoc {
  getCalledAeTitle(): string;
  getPresentationContexts(): { id: number }[];
  getPresentationContext(id: number): Context;
}

/** The AE title the simulated DICOM peer answers to. */
export const DEMO_DICOM_AE = 'IMGXCHANGE';

class EchoScp extends Scp {
  override associationRequested(association: Assoc): void {
    if (association.getCalledAeTitle().trim() !== DEMO_DICOM_AE) {
      return this.sendAssociationReject(RejectResult.Permanent, RejectSource.ServiceUser, RejectReason.CalledAeNotRecognized);
    }
    for (const { id } of association.getPresentationContexts()) {
      const context = association.getPresentationContext(id);
      if (context.getAbstractSyntaxUid() !== SopClass.Verification) context.setResult(PresentationContextResult.RejectAbstractSyntaxNotSupported);
      else {
        const syntaxes = context.getTransferSyntaxUids();
        context.setResult(PresentationContextResult.Accept, syntaxes.find((t) => t === TransferSyntax.ImplicitVRLittleEndian) ?? syntaxes[0]);
      }
    }
    this.sendAssociationAccept();
  }

  override cEchoRequest(request: Parameters<InstanceType<typeof Scp>['cEchoRequest']>[0], callback: (r: InstanceType<typeof responses.CEchoResponse>) => void): void {
    const response = responses.CEchoResponse.fromRequest(request);
    response.setStatus(Status.Success);
    callback(response);
  }

  override associationReleaseRequested(): void {
    this.sendAssociationReleaseResponse();
  }
}

/**
 * A DICOM Verification SCP (C-ECHO) played by dcmjs-dimse on a private loopback port; the
 * gated front (GatedTcpServer) pipes each admitted connection to it.
 */
export class DicomSystem {
  private server: InstanceType<typeof Server> | undefined;
  private port = 0;
  private readonly pipes = new Set<Socket>();

  async start(): Promise<void> {
    const server = new Server(EchoScp as unknown as typeof Scp);
    server.on('networkError', () => undefined); // a client hanging up is normal
    // dcmjs-dimse's listen(port) takes no host: pin it to loopback while it starts.
    const listen = net.Server.prototype.listen;
    net.Server.prototype.listen = function (this: NetServer, ...args: unknown[]) {
      const hostless = typeof args[0] === 'number' && (args.length === 1 || typeof args[1] === 'function');
      return listen.apply(this, (hostless ? [args[0], '127.0.0.1', ...args.slice(1)] : args) as never);
    } as typeof listen;
    try {
      server.listen(0);
    } finally {
      net.Server.prototype.listen = listen;
    }
    const inner = (server as unknown as { server: NetServer }).server;
    await new Promise<void>((resolve, reject) => {
      if (inner.listening) return resolve();
      inner.once('listening', () => resolve());
      inner.once('error', reject);
    });
    this.port = (inner.address() as AddressInfo).port;
    this.server = server;
  }

  serve(socket: Socket): void {
    const upstream = connect(this.port, '127.0.0.1');
    this.pipes.add(upstream);
    upstream.on('error', () => socket.destroy());
    upstream.once('close', () => {
      this.pipes.delete(upstream);
      socket.destroy();
    });
    socket.once('close', () => upstream.destroy());
    socket.pipe(upstream).pipe(socket);
  }

  stop(): void {
    for (const s of this.pipes) s.destroy();
    this.pipes.clear();
    this.server?.close();
    this.server = undefined;
  }
}
