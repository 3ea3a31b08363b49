// tar-fs ships no types; the embedded browser uses only extract(dir) as a writable stream.
declare module 'tar-fs' {
  import type { Writable } from 'node:stream';
  export function extract(dir: string): Writable;
}
