import { epubOutput } from './epub/epub-output.js';
import { pdfOutput } from './print/pdf-output.js';
import { webOutput } from './web/web-output.js';

/** Every output the build can write, in the order `--help` lists them. Adding one: a line here. */
export const OUTPUTS = [pdfOutput, epubOutput, webOutput] as const;

export type OutputName = (typeof OUTPUTS)[number]['name'];
export const ALL_OUTPUTS: readonly OutputName[] = OUTPUTS.map((o) => o.name);
