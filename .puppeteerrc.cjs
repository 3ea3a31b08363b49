// puppeteer must never download a browser (its postinstall would reach outside the npm registry):
// the build finds one itself, or uses the Chromium embedded in @sparticuz/chromium
// (see scripts/render/find-browser.ts). PUPPETEER_EXECUTABLE_PATH still wins when set.
module.exports = { skipDownload: true };
