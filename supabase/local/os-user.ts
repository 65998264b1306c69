// PostgreSQL refuses to run as root. When Roost's tools run as root (CI, containers), the cluster
// runs as an unprivileged OS user instead: `postgres` when the distribution created it, else `roost`.
import { execFileSync, spawnSync } from 'node:child_process';
import { chownSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

export interface OsUser {
  name: string;
  uid: number;
  gid: number;
}

const CANDIDATES = ['postgres', 'roost'];

function lookup(name: string): OsUser | null {
  const uid = spawnSync('id', ['-u', name], { encoding: 'utf8' });
  const gid = spawnSync('id', ['-g', name], { encoding: 'utf8' });
  if (uid.status !== 0 || gid.status !== 0) return null;
  return { name, uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
}

/** The user the cluster runs as: the current one, or an unprivileged one when we are root. */
export function clusterOsUser(): OsUser | null {
  if (process.getuid?.() !== 0) return null;
  for (const name of CANDIDATES) {
    const user = lookup(name);
    if (user) return user;
  }
  execFileSync('useradd', ['--system', '--no-create-home', '--shell', '/usr/sbin/nologin', 'roost']);
  const created = lookup('roost');
  if (!created) throw new Error('could not create the unprivileged OS user "roost" for PostgreSQL');
  return created;
}

/** Whether `user` can write into `dir` (every ancestor must be traversable for that). */
export function canWrite(user: OsUser | null, dir: string): boolean {
  if (!user) return true;
  return spawnSync('test', ['-w', dir], { uid: user.uid, gid: user.gid }).status === 0;
}

/** Gives `path` (recursively) to `user`; a no-op when we are not root. */
export function chownTree(user: OsUser | null, path: string): void {
  if (!user) return;
  chownSync(path, user.uid, user.gid);
  if (!statSync(path).isDirectory()) return;
  for (const entry of readdirSync(path)) chownTree(user, join(path, entry));
}
