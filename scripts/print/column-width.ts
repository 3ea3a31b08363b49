import type { Page } from 'puppeteer';

/**
 * Sets the print page's body to the printed column's width (`--print-text-width`, from the
 * brand's page): the layout the print stage measures lines, heights and overflows in before it
 * prints. Returns what puts the body's width back as it was (a setting inside another keeps the
 * outer width), to be called before printing: Chromium prints each page at its own width, and a
 * cover has no margins. A page closed without printing needs no putting back.
 */
export async function atColumnWidth(page: Page): Promise<() => Promise<void>> {
  const before = await page.evaluate(() => {
    const width = document.body.style.width;
    document.body.style.width = getComputedStyle(document.documentElement).getPropertyValue('--print-text-width');
    return width;
  });
  return async () => {
    await page.evaluate((width) => {
      if (width) document.body.style.width = width;
      else document.body.style.removeProperty('width');
    }, before);
  };
}
