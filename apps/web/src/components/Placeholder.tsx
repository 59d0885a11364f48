import type { ReactNode } from 'react';

/** A dashboard page that is not built yet: its heading, and a line saying so. */
export function Placeholder({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <section aria-labelledby="page-title">
      <h1 id="page-title">{title}</h1>
      {children ?? <p className="muted">Nothing here yet.</p>}
    </section>
  );
}
