import type { Output, WrittenFile } from '../output/output.js';

/** The print edition: `<name>.pdf`, and with `--press` the printer's `<name>-press.pdf`. */
export const pdfOutput = {
  name: 'pdf',
  needs: { browser: 'always', others: false },
  write: (context, signal) => context.timer.time('pdf', async () => {
    const loading = performance.now();
    const { writePdf, writePressPdf } = await import('./write-pdf.js');
    context.timer.record('pdf.modules', performance.now() - loading);
    const result = await writePdf(context.root, context.brand, context.stagingDir, context.assembled, context.book, context.browser, context.cache, signal, context.timer.record);
    context.printLayout.settle(result.starts);
    const { formatPreflight } = await import('./preflight.js');
    // A fault with no reason named is a warning, so --strict fails on it.
    for (const f of result.preflight.findings) {
      if (!f.reason) context.warnings.warn(result.output.path, f.page, 1, `page ${f.page}: ${f.kind}: ${f.message}`, 'see the print preflight below the outputs; change the text or styles/print.css', 'print-preflight');
    }
    const files: WrittenFile[] = [result.output];
    const report = formatPreflight(result.preflight);
    if (context.press) {
      const press = await writePressPdf(context.stagingDir, result.output.path, context.book, context.brand);
      files.push(press.file);
      for (const f of press.preflight.findings) {
        if (!f.reason) context.warnings.warn(press.file.path, f.page, 1, `page ${f.page}: ${f.kind}: ${f.message}`, 'see the press preflight below the outputs (README: the printer\'s PDF)', 'press-preflight');
      }
      report.push('', ...press.report.split('\n'));
    }
    return { files, printUnits: result.units, report };
  }),
} as const satisfies Output<'pdf'>;
