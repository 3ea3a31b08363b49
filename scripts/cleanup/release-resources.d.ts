/** A resource a build holds until it ends it; `what` says how it is released (release-resources.js). */
export type HeldResource =
  /** A browser's process group (its leader's pid) and the temporary profile it was started with. */
  | { readonly what: 'browser'; readonly pid: number; readonly profile?: string }
  /** A staging folder beside the output folder, with the old outputs a publish moved aside in it. */
  | { readonly what: 'staging'; readonly dir: string; readonly outDir: string }
  /** A temporary folder. */
  | { readonly what: 'folder'; readonly path: string };

export function releaseSync(resource: HeldResource): void;
