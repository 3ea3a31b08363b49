/** The parts of `hyphen` (no types of its own) the print stage uses. */
declare module 'hyphen/en-us/index.js' {
  interface HyphenateOptions {
    readonly hyphenChar?: string;
    readonly minWordLength?: number;
  }
  const hyphen: { hyphenateSync(text: string, options?: HyphenateOptions): string };
  export default hyphen;
}
