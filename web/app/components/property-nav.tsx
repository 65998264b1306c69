// The sections of one property's admin pages, shown under its name on each of them.
import { NavLink } from '@remix-run/react';

const SECTIONS = [
  { to: '', label: 'Property and rooms' },
  { to: '/rates', label: 'Rate plans' },
  { to: '/taxes', label: 'Taxes and fees' },
  { to: '/workflows', label: 'Workflows' },
] as const;

export function PropertyNav({ base }: { base: string }) {
  return (
    <nav className="subnav" aria-label="Property sections">
      <ul>
        {SECTIONS.map((section) => (
          <li key={section.label}>
            <NavLink to={`${base}${section.to}`} end>
              {section.label}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
