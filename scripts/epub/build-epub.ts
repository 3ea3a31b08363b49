import type { AssembledBook } from '../assemble/assemble-book.js';
export async function buildEpub(_root: string, _book: AssembledBook, _signal?: AbortSignal): Promise<Uint8Array> {
  throw new Error('ePub not implemented yet');
}
