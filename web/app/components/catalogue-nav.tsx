// The catalogue's pages, as tabs under its heading on each of them.
import { NavLink } from '@remix-run/react';

const SECTIONS = [
  { to: '', label: 'Categories and items' },
  { to: '/modifiers', label: 'Modifier groups' },
  { to: '/stations', label: 'Stations and routing' },
] as const;

export function CatalogueNav({ base }: { base: string }) {
  return (
    <nav className="subnav" aria-label="Catalogue sections">
      <ul>
        {SECTIONS.map((section) => (
          <li key={section.label}>
            <NavLink to={`${base}${section.to}`} end={!section.to}>
              {section.label}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
