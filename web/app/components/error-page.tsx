import { isRouteErrorResponse, Link, useRouteError } from '@remix-run/react';

/** A full-page error: 403 and 404 say what happened; anything else stays vague. */
function describe(error: unknown) {
  const known = isRouteErrorResponse(error);
  const status = known ? error.status : 500;
  const titles: Record<number, string> = { 403: 'Not allowed', 404: 'Not found' };
  const message =
    known && typeof error.data === 'object' && error.data && 'message' in error.data
      ? String(error.data.message)
      : 'Something went wrong on our side. Try again in a moment.';
  return { status, title: titles[status] ?? 'Something went wrong', message };
}

/** Inside the portal shell: a screen's error keeps the navigation around it. */
export function ScreenErrorBoundary() {
  const { status, title, message } = describe(useRouteError());
  return (
    <div className="error-panel">
      <p className="status-code">{status}</p>
      <h1>{title}</h1>
      <p>{message}</p>
    </div>
  );
}

export function ErrorPage({ error }: { error: unknown }) {
  const { status, title, message } = describe(error);
  return (
    <main className="centered">
      <div className="card">
        <p className="status-code">{status}</p>
        <h1>{title}</h1>
        <p>{message}</p>
        <p>
          <Link to="/">Back to your organizations</Link>
        </p>
      </div>
    </main>
  );
}
