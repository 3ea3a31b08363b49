import { describe, expect, it } from 'vitest';
import { csvField } from '../../scripts/web/chart-csv.js';

/** The web edition's CSV cells a spreadsheet would run (moved from hostile-faults: no build). */
describe('spreadsheet formulas in the CSV downloads', () => {
  it('defuses every cell a spreadsheet would run, as OWASP recommends', () => {
    for (const cell of ['=1+2', '+1', '-2', '@SUM(A1)', '\tx', '\rx', '=HYPERLINK("http://evil.example","Yes")']) {
      expect(csvField(cell)).toBe(`"'${cell.replace(/"/g, '""')}"`);
    }
    expect(csvField('Yes, a lot')).toBe('"Yes, a lot"');
    expect(csvField('54.9%')).toBe('54.9%');
  });

});
