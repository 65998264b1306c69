/// <reference lib="deno.window" />
// Preloaded into every function process: `deno run --preload bootstrap.ts … functions/<name>/index.ts`.
// It makes the function's `Deno.serve` listen on 127.0.0.1 at a port the OS picks (whatever the
// function asked for), tells the runtime that port on stdout, and turns an uncaught error of a
// request into upstream's 500 WORKER_ERROR. A preload, not a wrapper that imports index.ts: the
// function stays the main module, so its static imports load without read permissions, as in
// `deno run index.ts`. Not type-checked by tsc (Deno globals): `deno check` it.

/** The line the runtime waits for (stdout); the port follows it. */
const LISTENING = '\u001eroost-functions:listening:';

type Handler = (request: Request, info: Deno.ServeHandlerInfo<Deno.NetAddr>) => Response | Promise<Response>;

const serve = Deno.serve.bind(Deno);
let serving = false;

function workerError(error: unknown): Response {
  console.error(error);
  return Response.json(
    { code: 'WORKER_ERROR', message: 'Function exited due to an error (please check logs)' },
    { status: 500 },
  );
}

/** Deno.serve(handler) | Deno.serve(options, handler) | Deno.serve({ ...options, handler }). */
function handlerOf(args: unknown[]): Handler | undefined {
  const [first, second] = args;
  if (typeof first === 'function') return first as Handler;
  if (typeof second === 'function') return second as Handler;
  const handler = (first as { handler?: unknown } | undefined)?.handler;
  return typeof handler === 'function' ? (handler as Handler) : undefined;
}

function listen(handler: Handler): Deno.HttpServer<Deno.NetAddr> {
  if (serving) throw new Error('Deno.serve was called twice: a function serves one handler');
  serving = true;
  return serve(
    {
      hostname: '127.0.0.1',
      port: 0,
      onListen: ({ port }) => {
        // One write, so the marker never interleaves with the function's own output.
        Deno.stdout.writeSync(new TextEncoder().encode(`\n${LISTENING}${port}\n`));
      },
      onError: workerError,
    },
    async (request, info) => {
      try {
        return await handler(request, info);
      } catch (error) {
        return workerError(error);
      }
    },
  );
}

// biome-ignore lint/suspicious/noExplicitAny: replaces an overloaded built-in
(Deno as any).serve = (...args: unknown[]) => {
  const handler = handlerOf(args);
  if (!handler) throw new TypeError('Deno.serve needs a handler function');
  return listen(handler);
};

// A function that never serves exits once its event loop is empty (or hits the boot timeout).
globalThis.addEventListener('unload', () => {
  if (!serving) console.error('the function exited without calling Deno.serve(handler)');
});
