import { mkdir, mkdtemp, rename, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/**
 * Outputs are written to a staging folder beside `dist/` and moved into place only when
 * every requested output succeeded; a failure or Ctrl-C leaves `dist/` as it was.
 */
export interface Staging {
  readonly dir: string;
  /** Moves each named entry of the staging folder into the output folder, replacing the old one. */
  publish(entries: readonly string[]): Promise<void>;
  discard(): Promise<void>;
}

export async function createStaging(outDir: string): Promise<Staging> {
  const parent = dirname(outDir);
  await mkdir(parent, { recursive: true });
  const dir = await mkdtemp(join(parent, `.${basename(outDir)}-staging-`));
  return {
    dir,
    async publish(entries) {
      await mkdir(outDir, { recursive: true });
      for (const entry of entries) {
        const target = join(outDir, entry);
        if (existsSync(target)) await rm(target, { recursive: true, force: true });
        await rename(join(dir, entry), target);
      }
      await rm(dir, { recursive: true, force: true });
    },
    async discard() {
      await rm(dir, { recursive: true, force: true });
    },
  };
}
