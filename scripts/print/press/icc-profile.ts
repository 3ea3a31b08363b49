import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

/** A CMYK output profile, checked: the output intent of the press PDF embeds it. */
export interface OutputProfile {
  readonly bytes: Uint8Array;
  /** The profile's own description (its `desc` tag): "Artifex CMYK SWOP Profile". */
  readonly description: string;
  /** Where it came from, for messages and the README's "which profile". */
  readonly from: string;
}

/** Why bytes are not a CMYK output profile, or undefined when they are one (ICC.1:2010, 7.2 and 9.2.41). */
export function profileFault(bytes: Uint8Array): string | undefined {
  if (bytes.length < 132) return 'it is too short to be an ICC profile';
  const ascii = (at: number, n: number) => Buffer.from(bytes.subarray(at, at + n)).toString('latin1');
  if (ascii(36, 4) !== 'acsp') return 'it is not an ICC profile (no "acsp" signature at byte 36)';
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.getUint32(0) !== bytes.length) return `its header says ${view.getUint32(0)} bytes but the file has ${bytes.length}`;
  if (ascii(16, 4) !== 'CMYK') return `it is a ${ascii(16, 4).trim()} profile, not a CMYK one`;
  if (ascii(12, 4) !== 'prtr') return `it is a "${ascii(12, 4)}" profile, not an output (printer) profile`;
  return undefined;
}

/** The profile's description: a v2 `desc` (ASCII) or v4 `mluc` (UTF-16) tag; '' when it has none. */
export function profileDescription(bytes: Uint8Array): string {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const ascii = (at: number, n: number) => Buffer.from(bytes.subarray(at, at + n)).toString('latin1');
  const count = view.getUint32(128);
  for (let i = 0; i < count && 132 + 12 * i + 12 <= bytes.length; i++) {
    const entry = 132 + 12 * i;
    if (ascii(entry, 4) !== 'desc') continue;
    const at = view.getUint32(entry + 4);
    const size = view.getUint32(entry + 8);
    if (at + size > bytes.length || size < 12) return '';
    const type = ascii(at, 4);
    if (type === 'desc') return ascii(at + 12, Math.min(view.getUint32(at + 8), size - 12)).replace(/\0.*$/s, '').trim();
    if (type === 'mluc' && view.getUint32(at + 8) > 0) {
      const length = view.getUint32(at + 20);
      const offset = view.getUint32(at + 24);
      const utf16 = bytes.subarray(at + offset, at + offset + length);
      return Buffer.from(utf16).swap16().toString('utf16le').replace(/\0.*$/s, '').trim();
    }
  }
  return '';
}

/** Ghostscript's CMYK profile, where Debian's libgs-common puts it under a data folder. */
export const SYSTEM_PROFILE = join('color', 'icc', 'ghostscript', 'default_cmyk.icc');

/**
 * The system's CMYK profile: Ghostscript's default_cmyk.icc ("Artifex CMYK SWOP Profile") in
 * the first of the XDG data folders that has it (XDG_DATA_DIRS, by default /usr/local/share and
 * /usr/share). It is not shipped with the pipeline: Artifex licenses it with Ghostscript (AGPL).
 */
export async function systemProfile(env: NodeJS.ProcessEnv = process.env): Promise<OutputProfile | undefined> {
  const dirs = (env.XDG_DATA_DIRS || '/usr/local/share:/usr/share').split(':').filter(Boolean);
  for (const dir of dirs) {
    const path = join(dir, SYSTEM_PROFILE);
    const bytes = await readFile(path).catch(() => undefined);
    if (bytes && !profileFault(bytes)) return { bytes: new Uint8Array(bytes), description: profileDescription(bytes) || 'CMYK output profile', from: path };
  }
  return undefined;
}
