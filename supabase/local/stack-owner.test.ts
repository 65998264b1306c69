// A second `npm start` and the first (issue 12, item 16): a healthy stack is left alone, one
// whose parts are dead is stopped and taken over. The owner here is a stand-in process whose
// command line names cli.ts, as npm start's does.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { claimStack, isLiveStart } from './stack-owner.ts';

const folders: string[] = [];
const owners: ChildProcess[] = [];
afterEach(() => {
  for (const owner of owners.splice(0)) if (owner.exitCode === null && owner.signalCode === null) owner.kill('SIGKILL');
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

/** A process that looks like a running npm start, recorded as the owner. */
async function fakeOwner(): Promise<{ ownerFile: string; owner: ChildProcess }> {
  const folder = mkdtempSync(join(tmpdir(), 'roost-owner-'));
  folders.push(folder);
  const owner = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1 << 30)', 'cli.ts'], { stdio: 'ignore' });
  owners.push(owner);
  const ownerFile = join(folder, 'owner.pid');
  writeFileSync(ownerFile, String(owner.pid));
  for (let i = 0; i < 50 && !isLiveStart(owner.pid as number); i++) await new Promise((r) => setTimeout(r, 50));
  return { ownerFile, owner };
}

describe('claiming the stack', () => {
  it('is free without a live owner', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'roost-owner-'));
    folders.push(folder);
    const claim = await claimStack({
      ownerFile: join(folder, 'owner.pid'),
      healthy: async () => false,
      onEvent: () => {},
    });
    expect(claim, 'no owner file: free').toEqual({ kind: 'free' });
  });

  it('leaves a stack that answers to its owner', async () => {
    const { ownerFile, owner } = await fakeOwner();
    const claim = await claimStack({ ownerFile, healthy: async () => true, onEvent: () => {} });
    expect(claim, 'the running stack is reported').toEqual({ kind: 'running', pid: owner.pid });
    expect(isLiveStart(owner.pid as number), 'and its owner keeps running').toBe(true);
  });

  it('stops an owner whose stack does not answer and takes over', async () => {
    const { ownerFile, owner } = await fakeOwner();
    const events: string[] = [];
    const exited = new Promise((resolve) => owner.once('exit', (_code, signal) => resolve(signal)));
    const claim = await claimStack({
      ownerFile,
      healthy: async () => false,
      graceMs: 300,
      onEvent: (line) => events.push(line),
    });
    expect(claim, 'taken over').toEqual({ kind: 'taken-over', pid: owner.pid });
    expect(await exited, 'the old owner was asked to stop').toBe('SIGTERM');
    expect(events.join('\n'), 'and the takeover is reported').toContain('taking over');
  });
});
