import type { Code, Root } from 'mdast';
import type { VFile } from 'vfile';
import { visit } from 'unist-util-visit';

/** Longer code lines wrap in every edition (print sets listings in 8 pt, wide ones smaller). */
export const MAX_CODE_LINE = 100;

/**
 * Checks fenced code. A fence left open swallows the rest of the chapter as code (Markdown
 * allows it silently): the code then runs to the end of the file and its last line is not a
 * closing fence. A very long line is only a warning: it still prints, wrapped.
 */
export default function remarkCheckCode() {
  return (tree: Root, file: VFile) => {
    const text = String(file);
    visit(tree, 'code', (node: Code) => {
      const start = node.position?.start;
      const end = node.position?.end;
      if (!start || !end || start.offset === undefined || end.offset === undefined) return;
      const source = text.slice(start.offset, end.offset);
      const fence = /^[ \t]*(`{3,}|~{3,})/.exec(source)?.[1];
      if (fence && text.slice(end.offset).trim() === '' && !closes(source, fence)) {
        const m = file.message(`code fence ${fence} opened here is never closed`, { place: start, ruleId: 'code-fence', source: 'ptr' });
        m.fatal = true;
        m.note = `the rest of the chapter became code: close the listing with ${fence} on a line of its own`;
      }
      node.value.split('\n').forEach((line, i) => {
        if (line.length <= MAX_CODE_LINE) return;
        // Fenced code starts one line below its fence; indented code on the node's first line.
        const at = { line: start.line + (fence ? 1 : 0) + i, column: 1 };
        file.message(`code line is ${line.length} characters long (more than ${MAX_CODE_LINE})`, { place: at, ruleId: 'code-line', source: 'ptr' })
          .note = 'it wraps in print and on small screens: break it (e.g. after an opening bracket)';
      });
    });
  };
}

function closes(source: string, fence: string): boolean {
  const lines = source.trimEnd().split('\n');
  if (lines.length < 2) return false;
  const last = lines[lines.length - 1]!.trim();
  return last.length >= fence.length && [...last].every((c) => c === fence[0]);
}
