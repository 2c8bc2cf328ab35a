import { Injectable } from '@nestjs/common';
import { Subject, type Observable } from 'rxjs';

/** Access that just ended; whoever holds connections opened with it (the live gateway) cuts them. */
export type Revocation =
  | { kind: 'session'; sessionId: string }
  | { kind: 'user'; userId: string; exceptSessionId?: string }
  | { kind: 'kiosk'; tokenId: string };

/** The in-process stream of revocations: the auth services publish, the gateway subscribes. */
@Injectable()
export class AuthEventsService {
  private readonly subject = new Subject<Revocation>();

  get revocations(): Observable<Revocation> {
    return this.subject.asObservable();
  }

  revoke(r: Revocation): void {
    this.subject.next(r);
  }
}
