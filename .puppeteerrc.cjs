// puppeteer must never download a browser: the build uses a system Chrome/Chromium
// (see scripts/render/find-browser.ts). PUPPETEER_EXECUTABLE_PATH still wins when set.
module.exports = { skipDownload: true };
