// The frame of the signed-out pages: the product's name and one card.
import type { ReactNode } from 'react';

export function AuthPage({ title, children }: { title: string; children: ReactNode }) {
  return (
    <main className="centered">
      <div className="card auth-card">
        <p className="brand" aria-hidden="true">
          Roost
        </p>
        <h1>{title}</h1>
        {children}
      </div>
    </main>
  );
}
