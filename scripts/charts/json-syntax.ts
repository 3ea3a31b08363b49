/**
 * Where a JSON text first breaks the grammar (RFC 8259), and what is wrong there. JSON.parse
 * says what is wrong but, depending on the error, not where (`Unexpected token ']', "[1,]" is
 * not valid JSON`); the YAML parser, which keeps positions, accepts much that JSON does not
 * (trailing commas, comments, single quotes). A recursive descent over the text, iterative in
 * depth so a deeply nested text cannot overflow the stack.
 */
export function jsonSyntaxError(text: string): { offset: number; message: string } | undefined {
  let i = 0;
  const blank = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i]!)) i += 1;
  };
  const fail = (message: string) => ({ offset: Math.min(i, text.length), message });
  const found = () => (i >= text.length ? 'the end of the file' : `"${text[i]}"`);
  /** After `{` or `,` in an object: a key, then `:`. */
  const key = () => {
    blank();
    if (text[i] !== '"') return fail(`expected a property name in double quotes, found ${found()}`);
    const bad = string();
    if (bad) return bad;
    blank();
    if (text[i] !== ':') return fail(`expected ":" after the property name, found ${found()}`);
    i += 1;
    return undefined;
  };
  const string = () => {
    i += 1;
    while (i < text.length && text[i] !== '"') {
      const c = text.charCodeAt(i);
      if (c < 0x20) return fail('a control character (a line break, a tab) inside a string: write it as an escape sequence (backslash-n for a line break, backslash-t for a tab)');
      if (text[i] === '\\') {
        const e = text[i + 1];
        if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) i += 6;
        else if (e !== undefined && '"\\/bfnrt'.includes(e)) i += 2;
        else return fail(`an invalid escape in a string: \\${e ?? ''}`);
      } else i += 1;
    }
    if (i >= text.length) return fail('a string that is never closed: a " is missing');
    i += 1;
    return undefined;
  };
  const scalar = () => {
    const c = text[i];
    if (c === '"') return string();
    for (const word of ['true', 'false', 'null']) {
      if (text.startsWith(word, i)) {
        i += word.length;
        return undefined;
      }
    }
    const number = /^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?/.exec(text.slice(i, i + 400));
    if (number && number[0] !== '-' && number[0].length > 0) {
      i += number[0].length;
      return undefined;
    }
    return fail(`expected a value (a string in double quotes, a number, true, false, null, an object or an array), found ${found()}`);
  };
  // The open containers, innermost last: '}' or ']' is what closes each.
  const open: string[] = [];
  blank();
  for (;;) {
    // A value is expected here.
    blank();
    if (text[i] === '{' || text[i] === '[') {
      const closing = text[i] === '{' ? '}' : ']';
      i += 1;
      blank();
      if (text[i] === closing) i += 1;
      else {
        open.push(closing);
        if (closing === '}') {
          const bad = key();
          if (bad) return bad;
        }
        continue;
      }
    } else {
      const bad = scalar();
      if (bad) return bad;
    }
    // After a value: a comma and the next, or the end of its container.
    for (;;) {
      blank();
      const closing = open.at(-1);
      if (closing === undefined) {
        return i < text.length ? fail(`unexpected ${found()} after the end of the JSON value`) : undefined;
      }
      if (text[i] === ',') {
        const comma = i;
        i += 1;
        blank();
        if (text[i] === closing) return { offset: comma, message: `a comma before "${closing}": JSON allows no trailing comma` };
        if (closing === '}') {
          const bad = key();
          if (bad) return bad;
        }
        break;
      }
      if (text[i] === closing) {
        i += 1;
        open.pop();
        continue;
      }
      return fail(`expected "," or "${closing}", found ${found()}`);
    }
  }
}
