import type { Server as NetServer } from 'node:net';
import dimse from 'dcmjs-dimse';
import { loopbackPort, withLoopbackListen } from './loopback-listen.js';

const { Server, Scp, responses, constants } = dimse;
const { PresentationContextResult, RejectReason, RejectResult, RejectSource, SopClass, Status, TransferSyntax } = constants;

/** How the SCP behaves; switch it between tests. */
export type DimsePeerMode =
  | 'ok'
  | 'echo-fails' // C-ECHO answered with 0x0110 (processing failure)
  | 'no-verification' // association accepted, Verification presentation context rejected
  | 'congested' // association rejected: transient, service provider (presentation), temporary congestion
  | 'silent'; // reads the association request, never answers

export interface DimsePeer {
  port: number;
  mode: DimsePeerMode;
  /** The one called AE title it answers to; any other is rejected (called AE title not recognized). */
  aeTitle: string;
  stop(): void;
}

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

/**
 * dcmjs-dimse's own Server and Scp (a third-party DIMSE implementation) as a C-ECHO SCP on
 * 127.0.0.1: its `listen(port)` has no host, so it is pinned to loopback while it starts.
 */
export async function startDimsePeer(aeTitle = 'PACS'): Promise<DimsePeer> {
  const peer: DimsePeer = { port: 0, mode: 'ok', aeTitle, stop: () => undefined };

  class TestScp extends Scp {
    override associationRequested(association: Assoc): void {
      if (peer.mode === 'silent') return;
      if (peer.mode === 'congested') {
        return this.sendAssociationReject(RejectResult.Transient, RejectSource.ServiceProviderPresentation, RejectReason.TemporaryCongestion);
      }
      if (association.getCalledAeTitle() !== peer.aeTitle) {
        return this.sendAssociationReject(RejectResult.Permanent, RejectSource.ServiceUser, RejectReason.CalledAeNotRecognized);
      }
      for (const { id } of association.getPresentationContexts()) {
        const context = association.getPresentationContext(id);
        const verification = context.getAbstractSyntaxUid() === SopClass.Verification && peer.mode !== 'no-verification';
        if (!verification) context.setResult(PresentationContextResult.RejectAbstractSyntaxNotSupported);
        else context.setResult(PresentationContextResult.Accept, context.getTransferSyntaxUids().find((t) => t === TransferSyntax.ImplicitVRLittleEndian) ?? context.getTransferSyntaxUids()[0]);
      }
      this.sendAssociationAccept();
    }

    override cEchoRequest(request: Parameters<InstanceType<typeof Scp>['cEchoRequest']>[0], callback: (r: InstanceType<typeof responses.CEchoResponse>) => void): void {
      const response = responses.CEchoResponse.fromRequest(request);
      response.setStatus(peer.mode === 'echo-fails' ? Status.ProcessingFailure : Status.Success);
      callback(response);
    }

    override associationReleaseRequested(): void {
      this.sendAssociationReleaseResponse();
    }
  }

  const server = new Server(TestScp as unknown as typeof Scp);
  server.on('networkError', () => undefined); // a client that hangs up is not a test failure
  withLoopbackListen(() => server.listen(0));
  peer.port = await loopbackPort((server as unknown as { server: NetServer }).server);
  peer.stop = () => server.close();
  return peer;
}
