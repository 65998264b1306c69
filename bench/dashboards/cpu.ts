// CPU time by process group over a phase of the bench, from /proc (Linux): which of the machine's
// cores went to the browser's renderers, its other processes, PostgreSQL, this process (the stack's
// services, the publisher and the writer) and the web server. Elsewhere (no /proc) it reports nothing.
import { readdirSync, readFileSync } from 'node:fs';

/** USER_HZ: the unit of utime and stime in /proc/<pid>/stat on Linux. */
const TICKS_PER_SECOND = 100;

export type CpuGroup = 'chromium_renderers' | 'chromium_other' | 'postgres' | 'bench_process' | 'web_server' | 'other';

function groupOf(pid: number, cmdline: string): CpuGroup {
  if (pid === process.pid) return 'bench_process';
  if (/chrom/.test(cmdline)) return cmdline.includes('--type=renderer') ? 'chromium_renderers' : 'chromium_other';
  if (/^postgres/.test(cmdline) || cmdline.includes('/bin/postgres')) return 'postgres';
  if (cmdline.includes('web/server.ts')) return 'web_server';
  return 'other';
}

/** A process as a snapshot saw it: its group, its command line and its CPU ticks so far. */
interface ProcessTicks {
  group: CpuGroup;
  cmdline: string;
  ticks: number;
}

/** Ticks of CPU per process now (pid → group, command line and ticks). */
export function cpuSnapshot(): Map<number, ProcessTicks> {
  const snapshot = new Map<number, ProcessTicks>();
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return snapshot;
  }
  for (const entry of entries) {
    const pid = Number(entry);
    if (!Number.isInteger(pid)) continue;
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      // Fields after the command's closing parenthesis: utime and stime are the 12th and 13th.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const ticks = Number(fields[11]) + Number(fields[12]);
      const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
      snapshot.set(pid, { group: groupOf(pid, cmdline), cmdline, ticks });
    } catch {
      // The process ended meanwhile.
    }
  }
  return snapshot;
}

/** Cores used per group between two snapshots `seconds` apart (processes that ended are not counted). */
export function coresBetween(
  before: ReturnType<typeof cpuSnapshot>,
  after: ReturnType<typeof cpuSnapshot>,
  seconds: number,
): Record<CpuGroup, number> {
  const cores: Record<CpuGroup, number> = {
    chromium_renderers: 0,
    chromium_other: 0,
    postgres: 0,
    bench_process: 0,
    web_server: 0,
    other: 0,
  };
  for (const [pid, now] of after) {
    const ticks = now.ticks - (before.get(pid)?.ticks ?? 0);
    cores[now.group] += ticks / TICKS_PER_SECOND / seconds;
  }
  return cores;
}

/** Ticks of CPU per thread of the browser's processes now, keyed `<pid>/<tid>` with the thread's name. */
export function browserThreadSnapshot(): Map<string, { name: string; ticks: number }> {
  const snapshot = new Map<string, { name: string; ticks: number }>();
  for (const [pid, process] of cpuSnapshot()) {
    if (!process.group.startsWith('chromium')) continue;
    let tids: string[];
    try {
      tids = readdirSync(`/proc/${pid}/task`);
    } catch {
      continue;
    }
    for (const tid of tids) {
      try {
        const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
        const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
        const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        const kind = process.group === 'chromium_renderers' ? 'renderer' : 'browser';
        snapshot.set(`${pid}/${tid}`, { name: `${kind}:${name}`, ticks: Number(fields[11]) + Number(fields[12]) });
      } catch {
        // The thread ended meanwhile.
      }
    }
  }
  return snapshot;
}

/** Cores per thread name between two browser thread snapshots, busiest first. */
export function browserThreadCores(
  before: ReturnType<typeof browserThreadSnapshot>,
  after: ReturnType<typeof browserThreadSnapshot>,
  seconds: number,
): [string, number][] {
  const cores = new Map<string, number>();
  for (const [key, now] of after) {
    const ticks = now.ticks - (before.get(key)?.ticks ?? 0);
    cores.set(now.name, (cores.get(now.name) ?? 0) + ticks / TICKS_PER_SECOND / seconds);
  }
  return [...cores].sort((a, b) => b[1] - a[1]);
}

/** Cores per kind of PostgreSQL process (its title: a backend's user and database, walsender, autovacuum…). */
export function postgresCores(
  before: ReturnType<typeof cpuSnapshot>,
  after: ReturnType<typeof cpuSnapshot>,
  seconds: number,
): [string, number][] {
  const cores = new Map<string, number>();
  for (const [pid, now] of after) {
    if (now.group !== 'postgres') continue;
    const ticks = now.ticks - (before.get(pid)?.ticks ?? 0);
    // A backend's title: "postgres: <user> <database> <client> <state>"; keep what says its kind.
    const title = now.cmdline.trim().split(/\s+/).slice(0, 3).join(' ') || 'postgres';
    cores.set(title, (cores.get(title) ?? 0) + ticks / TICKS_PER_SECOND / seconds);
  }
  return [...cores].sort((a, b) => b[1] - a[1]);
}
