// Whether the screen is following other devices' changes (a staff screen's live state).
import type { LiveState } from '../../utils/use-live-changes.ts';

const TEXT: Record<LiveState, string> = {
  connecting: 'Connecting…',
  live: 'Live',
  offline: 'Offline: showing the last loaded state',
};

export function LiveBadge({ state }: { state: LiveState }) {
  return (
    <p className={`live-badge live-${state}`} role="status">
      <span className="live-dot" aria-hidden="true" />
      {TEXT[state]}
    </p>
  );
}
