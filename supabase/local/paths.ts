// Folders of the project that the local stack reads and writes.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const projectRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const supabaseDir = join(projectRoot, 'supabase');
export const bootstrapDir = join(supabaseDir, 'local', 'bootstrap');
export const migrationsDir = join(supabaseDir, 'migrations');
export const seedFile = join(supabaseDir, 'seed.sql');
/** Gitignored home of everything the local stack writes (clusters, generated secrets, files). */
export const stateDir = join(projectRoot, '.roost');
