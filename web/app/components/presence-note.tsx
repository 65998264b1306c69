// "Sam Desk and Ana Night are also looking at this booking": a small, always-visible line (not
// a tooltip) in a polite live region, so a screen reader hears when someone opens or leaves the
// same booking, folio or table. The region stays in the page while empty: a region added
// together with its text is often not announced.
import type { LinksFunction } from '@remix-run/node';
import presenceStyles from '../styles/presence.css?url';
import { type PresenceScreen, type PresentPerson, presenceSentence } from '../utils/presence.ts';

export const presenceLinks: LinksFunction = () => [{ rel: 'stylesheet', href: presenceStyles }];

export function PresenceNote({ people, screen }: { people: readonly PresentPerson[]; screen: PresenceScreen }) {
  const sentence = presenceSentence(
    people.map((person) => person.name),
    screen,
  );
  return (
    <p className="presence-note" role="status" aria-live="polite" data-testid="presence-note">
      {sentence ? (
        <>
          <span className="presence-dot" aria-hidden="true" />
          {sentence}
        </>
      ) : null}
    </p>
  );
}
