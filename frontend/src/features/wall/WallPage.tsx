import { useLiveState } from '../../live/use-live-state';
import { Wall } from './Wall';

/** The wall at `/` and `/wall`, fed by the app's live store. */
export function WallPage({ kiosk = true }: { kiosk?: boolean }) {
  return <Wall state={useLiveState()} kiosk={kiosk} />;
}
