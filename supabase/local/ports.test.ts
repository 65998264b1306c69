// Configured ports (issue 12, item 17): the worker's metrics port comes from supabase/roost.toml
// beside config.toml (whose sections the Supabase CLI checks), two settings on one port are refused, and a port someone else holds stops the
// start with a message that names the setting.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'smol-toml';
import { afterEach, describe, expect, it } from 'vitest';
import { configuredPorts, readProjectConfig, SUPABASE_CLI_SECTIONS } from './config.ts';
import { supabaseDir } from './paths.ts';
import { assertPortsFree, PortTakenError, portIsFree } from './ports.ts';
import { freePort } from './throwaway.ts';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

/** The project's config.toml and roost.toml with `edit` applied, written to a temporary folder. */
function configWith(edit: (text: string) => string): string {
  const folder = mkdtempSync(join(tmpdir(), 'roost-config-'));
  cleanups.push(() => rmSync(folder, { recursive: true, force: true }));
  for (const name of ['config.toml', 'roost.toml']) {
    writeFileSync(join(folder, name), edit(readFileSync(join(supabaseDir, name), 'utf8')));
  }
  return join(folder, 'config.toml');
}

async function occupy(port: number): Promise<Server> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  cleanups.push(() => server.close());
  return server;
}

describe('configured ports', () => {
  it("keeps config.toml to sections the Supabase CLI knows (Roost's own live in roost.toml)", () => {
    const sections = Object.keys(parse(readFileSync(join(supabaseDir, 'config.toml'), 'utf8')));
    expect(
      sections.filter((name) => !SUPABASE_CLI_SECTIONS.includes(name)),
      'unknown to the CLI',
    ).toEqual([]);
  });

  it("lists the worker's metrics port with the others, from config.toml", () => {
    const ports = configuredPorts(readProjectConfig());
    expect(ports, 'every port npm start listens on').toEqual(
      expect.arrayContaining([
        { name: '[api] port', port: 54321 },
        { name: '[db] port', port: 54322 },
        { name: '[inbucket] port', port: 54324 },
        { name: '[worker] metrics_port', port: 9464 },
      ]),
    );
    const moved = readProjectConfig(configWith((text) => text.replace('metrics_port = 9464', 'metrics_port = 19464')));
    expect(moved.worker.metrics_port, 'a second installation can move it').toBe(19464);
  });

  it('refuses a file that puts two parts on one port, or an invalid port', () => {
    const clash = configWith((text) => text.replace('metrics_port = 9464', 'metrics_port = 54321'));
    expect(() => readProjectConfig(clash), 'the clash is named').toThrow(
      /\[worker\] metrics_port and \[api\] port are both 54321/,
    );
    const invalid = configWith((text) => text.replace('metrics_port = 9464', 'metrics_port = 70000'));
    expect(() => readProjectConfig(invalid), 'out of range').toThrow(/worker/);
  });

  it('stops with a clear message when a configured port is taken by someone else', async () => {
    const port = await freePort();
    expect(await portIsFree(port), 'free before').toBe(true);
    await assertPortsFree([{ name: '[worker] metrics_port', port }]);
    await occupy(port);
    expect(await portIsFree(port), 'taken once something listens').toBe(false);
    const refusal = assertPortsFree([{ name: '[worker] metrics_port', port }]);
    await expect(refusal, 'a PortTakenError').rejects.toBeInstanceOf(PortTakenError);
    await expect(
      assertPortsFree([{ name: '[worker] metrics_port', port }]),
      'naming the port and its setting',
    ).rejects.toThrow(`Port ${port} ([worker] metrics_port) is in use by another program`);
  });
});
