// Checks a Dockerfile without a Docker engine (decision 040): reads it, checks the rules every
// Roost image keeps (several stages, a non-root user, an exec-form CMD, no secret in ENV or ARG,
// a HEALTHCHECK), then runs its build in a clean folder: each stage gets a folder of its own,
// COPY copies from the repository as the build context filtered by .dockerignore (or from an
// earlier stage), RUN runs with bash in the stage's WORKDIR on the local pinned Node, and the
// final stage's CMD can then be started there. What cannot run here is stood in for, and said:
// `npm ci` installs the lockfile's packages for the flags given (--omit=dev, --workspace,
// --include-workspace-root) by hard-linking them from this checkout's node_modules (no registry
// here), base image files are absent except /usr/local/bin/node (the local Node), and RUN steps
// marked `# network: …` (apt-get, downloads) or `# system: …` (users) are skipped.
import { type ChildProcess, execFileSync, spawn, spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, posix, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..');

export interface Instruction {
  op: string;
  args: string;
  line: number;
}

/** Instructions with line continuations joined and comments dropped. */
export function parseDockerfile(text: string): Instruction[] {
  const out: Instruction[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const start = i;
    let line = lines[i] ?? '';
    if (/^\s*(#|$)/.test(line)) continue;
    while (/\\\s*$/.test(line) && i + 1 < lines.length) {
      i += 1;
      const next = lines[i] ?? '';
      if (/^\s*#/.test(next)) continue;
      line = `${line.replace(/\\\s*$/, '')} ${next.trim()}`;
    }
    const match = /^\s*([A-Za-z]+)\s+(.*)$/.exec(line);
    if (!match) throw new Error(`line ${start + 1}: not an instruction: ${line}`);
    out.push({ op: (match[1] ?? '').toUpperCase(), args: (match[2] ?? '').trim(), line: start + 1 });
  }
  return out;
}

export interface Stage {
  name: string | undefined;
  base: string;
  instructions: Instruction[];
}

/** The stages, with global ARG defaults substituted into FROM. */
export function stagesOf(instructions: Instruction[]): Stage[] {
  const args: Record<string, string> = {};
  const stages: Stage[] = [];
  for (const instruction of instructions) {
    if (instruction.op === 'ARG' && stages.length === 0) {
      const [name, value = ''] = instruction.args.split('=');
      args[name?.trim() ?? ''] = value.trim();
    } else if (instruction.op === 'FROM') {
      const expanded = instruction.args.replace(/\$\{(\w+)\}|\$(\w+)/g, (_, a, b) => args[a ?? b] ?? '');
      const match = /^(?:--platform=\S+\s+)?(\S+)(?:\s+AS\s+(\S+))?$/i.exec(expanded);
      if (!match) throw new Error(`line ${instruction.line}: FROM ${instruction.args}`);
      stages.push({ base: match[1] ?? '', name: match[2], instructions: [] });
    } else {
      const stage = stages.at(-1);
      if (!stage) throw new Error(`line ${instruction.line}: ${instruction.op} before FROM`);
      stage.instructions.push(instruction);
    }
  }
  return stages;
}

const SECRET_NAME = /(KEY|SECRET|PASSWORD|TOKEN|DB_URL|DATABASE_URL)/i;

/** The rules every Roost image keeps; each broken one is a sentence. */
export function imageProblems(dockerfile: string, dockerignore: string): string[] {
  const problems: string[] = [];
  const stages = stagesOf(parseDockerfile(dockerfile));
  if (stages.length < 2) problems.push('not multi-stage: build tools would ship in the image');
  const final = stages.at(-1);
  const users = final?.instructions.filter((i) => i.op === 'USER') ?? [];
  const user = users.at(-1)?.args;
  if (!user || /^(root|0)(:|$)/.test(user)) problems.push('the final stage does not switch to a non-root USER');
  const cmd = final?.instructions.filter((i) => i.op === 'CMD' || i.op === 'ENTRYPOINT').at(-1);
  if (!cmd?.args.startsWith('[')) problems.push('no exec-form CMD (a shell would not pass SIGTERM on)');
  if (!final?.instructions.some((i) => i.op === 'HEALTHCHECK')) problems.push('no HEALTHCHECK');
  for (const stage of stages) {
    for (const instruction of stage.instructions) {
      if (instruction.op === 'ENV' || instruction.op === 'ARG') {
        for (const [, name] of instruction.args.matchAll(/(?:^|\s)([A-Za-z_][A-Za-z0-9_]*)=/g)) {
          if (name && SECRET_NAME.test(name)) problems.push(`line ${instruction.line}: ${name} is set in the image`);
        }
      }
      if (instruction.op === 'COPY' && /(^|\s)\S*\.env(\s|$)/.test(instruction.args)) {
        problems.push(`line ${instruction.line}: copies an env file`);
      }
    }
  }
  for (const required of ['.git', '.roost', '**/.env', '**/.env.*', '**/node_modules']) {
    if (!dockerignore.split('\n').some((line) => line.trim() === required)) {
      problems.push(`.dockerignore does not exclude ${required}`);
    }
  }
  return problems;
}

/** .dockerignore as a predicate on context-relative paths (patterns with * and **, ! to re-include). */
export function dockerignoreFilter(text: string): (path: string) => boolean {
  const rules = text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'))
    .map((line) => {
      const negate = line.startsWith('!');
      const pattern = posix.normalize(negate ? line.slice(1) : line).replace(/^\/+|\/+$/g, '');
      const source = pattern
        .split('/')
        .map((part) => (part === '**' ? '.*' : part.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*')))
        .join('/')
        .replace(/\.\*\//g, '(?:.*/)?');
      return { negate, regex: new RegExp(`^${source}(?:/.*)?$`) };
    });
  return (path) => {
    let ignored = false;
    for (const rule of rules) if (rule.regex.test(path)) ignored = !rule.negate;
    return ignored;
  };
}

interface LockPackage {
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
  bin?: Record<string, string> | string;
  link?: boolean;
  resolved?: string;
  name?: string;
}

/** The lockfile paths `npm ci` would install for these flags (node_modules/… entries). */
export function lockClosure(
  lock: { packages: Record<string, LockPackage> },
  options: { workspaces: string[]; includeRoot: boolean; omitDev: boolean },
): string[] {
  const packages = lock.packages;
  const found = new Set<string>();
  const missing: string[] = [];
  const resolve = (from: string, name: string): string | undefined => {
    let dir = from;
    for (;;) {
      const candidate = dir ? `${dir}/node_modules/${name}` : `node_modules/${name}`;
      if (packages[candidate]) return candidate;
      if (!dir) return undefined;
      const at = dir.lastIndexOf('/node_modules/');
      dir = at >= 0 ? dir.slice(0, at) : '';
    }
  };
  const visit = (from: string, name: string, optional: boolean) => {
    let path = resolve(from, name);
    if (!path) {
      if (!optional) missing.push(`${name} (from ${from || 'the root'})`);
      return;
    }
    const entry = packages[path];
    if (entry?.link && entry.resolved) {
      path = entry.resolved;
      if (found.has(path)) return;
      found.add(path);
      walk(path, false);
      return;
    }
    if (found.has(path)) return;
    found.add(path);
    walk(path, false);
  };
  const walk = (path: string, withDev: boolean) => {
    const entry = packages[path] ?? {};
    for (const name of Object.keys(entry.dependencies ?? {})) visit(path, name, false);
    for (const name of Object.keys(entry.optionalDependencies ?? {})) visit(path, name, true);
    for (const name of Object.keys(entry.peerDependencies ?? {})) {
      visit(path, name, entry.peerDependenciesMeta?.[name]?.optional === true);
    }
    if (withDev) for (const name of Object.keys(entry.devDependencies ?? {})) visit(path, name, false);
  };
  if (options.includeRoot) walk('', !options.omitDev);
  for (const workspace of options.workspaces) walk(workspace, !options.omitDev);
  if (missing.length > 0) throw new Error(`the lockfile lacks ${missing.join(', ')}`);
  return [...found].filter((path) => path.includes('node_modules/'));
}

export interface EmulatedImage {
  /** The final stage's folder; its WORKDIR inside it. */
  root: string;
  workdir: string;
  env: Record<string, string>;
  cmd: string[];
  /** What was stood in for or skipped, one line each. */
  notes: string[];
}

/** Runs the Dockerfile's build in a clean folder (see the file comment for what is stood in for). */
export function emulateBuild(dockerfilePath: string, options: { context?: string; into?: string } = {}): EmulatedImage {
  const context = options.context ?? repoRoot;
  const ignored = dockerignoreFilter(readFileSync(join(context, '.dockerignore'), 'utf8'));
  const stages = stagesOf(parseDockerfile(readFileSync(dockerfilePath, 'utf8')));
  const base = options.into ?? mkdtempSync(join(tmpdir(), 'roost-image-'));
  const notes: string[] = [];
  const roots: Record<string, string> = {};
  const stageState: Record<string, { workdir: string; env: Record<string, string> }> = {};
  let final: EmulatedImage | undefined;

  try {
    stages.forEach((stage, index) => {
      const root = join(base, `stage-${index}`);
      mkdirSync(root, { recursive: true });
      let workdir = '/';
      let env: Record<string, string> = {};
      let cmd: string[] = [];
      const parent = stages.findIndex((other) => other.name === stage.base);
      if (parent >= 0 && parent < index) {
        cpSync(roots[String(parent)] ?? '', root, { recursive: true, verbatimSymlinks: true });
        workdir = stageState[String(parent)]?.workdir ?? '/';
        env = { ...stageState[String(parent)]?.env };
      }
      const inRoot = (path: string) => join(root, posix.resolve(workdir, path));
      for (const { op, args, line } of stage.instructions) {
        if (op === 'WORKDIR') {
          workdir = posix.resolve(workdir, args);
          mkdirSync(join(root, workdir), { recursive: true });
        } else if (op === 'ENV') {
          for (const [, name, value] of args.matchAll(/([A-Za-z_][A-Za-z0-9_]*)=("[^"]*"|\S*)/g)) {
            env[name ?? ''] = (value ?? '').replace(/^"|"$/g, '');
          }
        } else if (op === 'COPY') {
          const words = args.split(/\s+/);
          const from = words.find((word) => word.startsWith('--from='))?.slice(7);
          const paths = words.filter((word) => !word.startsWith('--'));
          const dest = paths.pop() ?? '';
          const target = inRoot(dest);
          const intoDir = dest.endsWith('/') || paths.length > 1;
          for (const source of paths) {
            if (from !== undefined) {
              const fromIndex = stages.findIndex((other) => other.name === from);
              const fromStage = stages[fromIndex];
              const fromRoot = roots[String(fromIndex)];
              const path = fromRoot ? join(fromRoot, source) : '';
              if (fromRoot && existsSync(path)) copyInto(path, target, intoDir, true);
              else if (source === '/usr/local/bin/node' && fromStage && fromStage.instructions.length === 0) {
                copyInto(process.execPath, target, intoDir, false);
                notes.push(
                  `line ${line}: /usr/local/bin/node of ${fromStage.base} is the local Node ${process.version}`,
                );
              } else throw new Error(`line ${line}: COPY --from=${from} ${source}: not there`);
            } else {
              const path = join(context, source);
              if (!existsSync(path) || ignored(source.replace(/\/+$/, ''))) {
                throw new Error(`line ${line}: COPY ${source}: not in the build context`);
              }
              copyContext(path, source.replace(/\/+$/, ''), target, intoDir, ignored);
            }
          }
        } else if (op === 'RUN') {
          const marker = /#\s*(network|system):\s*(.*)$/.exec(args);
          if (marker) {
            notes.push(`line ${line}: skipped (${marker[1]}: ${marker[2]})`);
            continue;
          }
          const cwd = join(root, workdir);
          if (/^npm ci\b/.test(args)) {
            installFromLock(cwd, args);
            notes.push(`line ${line}: npm ci stood in for by the lockfile's packages from this checkout`);
            continue;
          }
          // As Docker runs a shell-form RUN: /bin/sh -c.
          const result = spawnSync('/bin/sh', ['-c', args], {
            cwd,
            env: { PATH: `${dirname(process.execPath)}:/usr/local/bin:/usr/bin:/bin`, HOME: tmpdir(), ...env },
            encoding: 'utf8',
          });
          if (result.status !== 0)
            throw new Error(`line ${line}: RUN ${args} failed:\n${result.stdout}\n${result.stderr}`);
        } else if (op === 'CMD' || op === 'ENTRYPOINT') {
          cmd = JSON.parse(args) as string[];
        }
      }
      roots[String(index)] = root;
      stageState[String(index)] = { workdir, env };
      final = { root, workdir, env, cmd, notes };
    });
  } catch (error) {
    // A failed build leaves nothing behind (a folder given by the caller is the caller's).
    if (!options.into) rmSync(base, { recursive: true, force: true });
    throw error;
  }
  if (!final) throw new Error('no stage');
  return final;
}

/** Copies a context path (recursively, minus what .dockerignore excludes): Docker copies a folder's contents. */
function copyContext(
  path: string,
  relativePath: string,
  target: string,
  intoDir: boolean,
  ignored: (path: string) => boolean,
) {
  if (lstatSync(path).isDirectory()) {
    mkdirSync(target, { recursive: true });
    for (const entry of readdirSync(path)) {
      const child = `${relativePath}/${entry}`;
      if (!ignored(child)) copyContext(join(path, entry), child, join(target, entry), false, ignored);
    }
  } else {
    const file = intoDir ? join(target, posix.basename(relativePath)) : target;
    mkdirSync(dirname(file), { recursive: true });
    cpSync(path, file);
  }
}

function copyInto(path: string, target: string, intoDir: boolean, link: boolean) {
  const isDir = lstatSync(path).isDirectory();
  const destination = !isDir && intoDir ? join(target, posix.basename(path)) : target;
  mkdirSync(isDir ? destination : dirname(destination), { recursive: true });
  // Hard links: node_modules is large and nothing here writes into the copies.
  execFileSync('cp', [link ? '-al' : '-a', isDir ? `${path}/.` : path, destination]);
}

/** `npm ci` with its flags, from the lockfile in `cwd`, packages hard-linked from this checkout. */
function installFromLock(cwd: string, command: string) {
  const lock = JSON.parse(readFileSync(join(cwd, 'package-lock.json'), 'utf8')) as {
    packages: Record<string, LockPackage>;
  };
  const workspaces = [...command.matchAll(/--workspace(?:=|\s+)(\S+)/g)].map((match) => match[1] ?? '');
  const paths = lockClosure(lock, {
    workspaces,
    includeRoot: workspaces.length === 0 || /--include-workspace-root\b/.test(command),
    omitDev: /--omit=dev\b/.test(command),
  });
  const wanted = new Set(paths.filter((path) => existsSync(join(repoRoot, path)))); // others: another platform's
  // One `cp -al --parents` per batch of outermost packages (hard links: fast, nothing here writes
  // into them), then the nested packages the flags leave out are removed again.
  const outermost = [...wanted].filter((path) => ![...ancestorsOf(path)].some((above) => wanted.has(above)));
  for (let at = 0; at < outermost.length; at += 400) {
    execFileSync('cp', ['-al', '--parents', ...outermost.slice(at, at + 400), cwd], { cwd: repoRoot });
  }
  for (const path of outermost) pruneNested(cwd, path, wanted);
  for (const path of wanted) {
    const bin = lock.packages[path]?.bin;
    const bins = typeof bin === 'string' ? { [posix.basename(path)]: bin } : (bin ?? {});
    for (const [name, file] of Object.entries(bins)) {
      const binDir = join(cwd, path.slice(0, path.lastIndexOf('node_modules/') + 'node_modules'.length), '.bin');
      mkdirSync(binDir, { recursive: true });
      const link = join(binDir, name);
      if (!existsSync(link)) symlinkSync(relative(binDir, join(cwd, path, file)), link);
    }
  }
  unpatch(cwd, wanted);
  // Workspace links (node_modules/@roost/web → ../../web), as npm makes them.
  for (const [path, entry] of Object.entries(lock.packages)) {
    if (!entry.link || !entry.resolved || !workspaces.includes(entry.resolved)) continue;
    const link = join(cwd, path);
    if (existsSync(link)) continue;
    mkdirSync(dirname(link), { recursive: true });
    symlinkSync(relative(dirname(link), join(cwd, entry.resolved)), link);
  }
}

/** `node_modules/a/node_modules/b` → node_modules/a. */
function* ancestorsOf(path: string): Generator<string> {
  let at = path.lastIndexOf('/node_modules/');
  while (at > 0) {
    const above = path.slice(0, at);
    yield above;
    at = above.lastIndexOf('/node_modules/');
  }
}

/** Removes packages under `path`'s own node_modules that the install leaves out (dev ones). */
function pruneNested(cwd: string, path: string, wanted: Set<string>) {
  const nested = join(cwd, path, 'node_modules');
  if (!existsSync(nested)) return;
  for (const entry of readdirSync(nested)) {
    if (entry === '.bin') continue;
    const names = entry.startsWith('@') ? readdirSync(join(nested, entry)).map((name) => `${entry}/${name}`) : [entry];
    for (const name of names) {
      const child = `${path}/node_modules/${name}`;
      if (wanted.has(child)) pruneNested(cwd, child, wanted);
      else rmSync(join(cwd, child), { recursive: true, force: true });
    }
  }
}

/**
 * This checkout's packages carry scripts/patches already (postinstall); the image applies them
 * itself, so the stand-in gives it the registry's files: the patched files become copies of their
 * own (a hard link would carry the reversal into this checkout) and the patch is reversed on them.
 */
function unpatch(cwd: string, wanted: Set<string>) {
  const dir = join(repoRoot, 'scripts', 'patches');
  for (const file of readdirSync(dir).filter((name) => name.endsWith('.patch'))) {
    const text = readFileSync(join(dir, file), 'utf8');
    const touched = [...text.matchAll(/^\+\+\+ b\/(\S+)/gm)].map((match) => match[1] ?? '');
    if (!touched.every((path) => [...wanted].some((pkg) => path.startsWith(`${pkg}/`)))) continue;
    for (const path of touched) {
      // Unlink first: writing onto the hard link would write into this checkout's file.
      rmSync(join(cwd, path), { force: true });
      cpSync(join(repoRoot, path), join(cwd, path));
    }
    const result = spawnSync('patch', ['-R', '-p1', '--silent', '-i', join(dir, file)], { cwd, encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`could not reverse ${file}: ${result.stdout}${result.stderr}`);
  }
}

/** Starts the image's CMD in its WORKDIR with its ENV plus `env` (what `docker run -e` adds), on the local Node. */
export function startImage(image: EmulatedImage, env: Record<string, string>): ChildProcess {
  const [command = '', ...args] = image.cmd;
  return spawn(command === 'node' ? process.execPath : command, args, {
    cwd: join(image.root, image.workdir),
    env: { PATH: '/usr/local/bin:/usr/bin:/bin', ...image.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}
