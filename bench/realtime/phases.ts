// One measured phase: a worker of subscribers joins, then (1) latency: messages sent one at a
// time at a steady pace, each stamped with its send time; (2) throughput: a burst sent by four
// concurrent producers, timed from the first send to the last arrival at every subscriber.
import { Worker } from 'node:worker_threads';
import type { SubscriberReport, SubscriberSetup } from './subscribers.ts';

export const now = () => performance.timeOrigin + performance.now();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface PhasePlan {
  latencyMessages: number;
  latencyIntervalMs: number;
  burstMessages: number;
  producers: number;
}

export interface PhaseResult {
  latenciesMs: number[];
  burstMs: number;
  delivered: number;
}

type Produce = (sentAt: number) => Promise<unknown>;

/** Sends `count` messages with `producers` concurrent loops; resolves when all were committed. */
export async function burst(produce: Produce, count: number, producers: number): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: producers }, async () => {
      while (next < count) {
        next += 1;
        await produce(now());
      }
    }),
  );
}

/** Sends `count` messages one at a time, one every `intervalMs`. */
export async function paced(produce: Produce, count: number, intervalMs: number): Promise<void> {
  for (let i = 0; i < count; i += 1) {
    const started = now();
    await produce(started);
    await sleep(Math.max(0, intervalMs - (now() - started)));
  }
}

class Subscribers {
  readonly #worker: Worker;
  constructor(setup: SubscriberSetup) {
    this.#worker = new Worker(new URL('./subscribers.ts', import.meta.url), { workerData: setup });
  }
  ask<T>(command: string): Promise<T> {
    return new Promise((resolve, reject) => {
      const failed = (error: Error) => reject(error);
      this.#worker.once('error', failed);
      this.#worker.once('message', (value) => {
        this.#worker.off('error', failed);
        resolve(value);
      });
      if (command !== 'ready') this.#worker.postMessage(command);
    });
  }
  async waitFor(expected: number, timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while ((await this.ask<number>('count')) < expected) {
      if (Date.now() > deadline) throw new Error(`only ${await this.ask<number>('count')} of ${expected} arrived`);
      await sleep(20);
    }
  }
  async stop(): Promise<void> {
    await this.ask('stop');
    await this.#worker.terminate();
  }
}

export async function measurePhase(setup: SubscriberSetup, produce: Produce, plan: PhasePlan): Promise<PhaseResult> {
  const subscribers = new Subscribers(setup);
  const ready = await subscribers.ask<unknown>('ready');
  if (ready !== 'ready') throw new Error(`subscribers failed to join: ${JSON.stringify(ready)}`);
  const n = setup.tokens.length;
  try {
    await paced(produce, plan.latencyMessages, plan.latencyIntervalMs);
    await subscribers.waitFor(n * plan.latencyMessages, 60_000);
    const { latenciesMs } = await subscribers.ask<SubscriberReport>('report');
    await subscribers.ask('reset');
    const started = now();
    await burst(produce, plan.burstMessages, plan.producers);
    await subscribers.waitFor(n * plan.burstMessages, 120_000);
    const report = await subscribers.ask<SubscriberReport>('report');
    return { latenciesMs, burstMs: report.lastArrival - started, delivered: report.received };
  } finally {
    await subscribers.stop();
  }
}
