/** The commands' help, kept apart from them so that `--help` loads nothing heavy. */
import { ALL_OUTPUTS } from '../outputs.js';

const ONLY = `--only <${ALL_OUTPUTS.join('|')}>`.padEnd(23);

export const BUILD_HELP = `Usage: npm run build -- [options]     (or: tsx scripts/cli.ts build [options])

Publishes the report from manuscript/, charts/ and styles/ into dist/:
  dist/<name>.pdf, dist/<name>.epub, dist/web/, dist/data-report.md
Outputs are moved into place only when every one succeeded: on an error dist/ is unchanged.

Options:
  ${ONLY} build only these outputs (repeat or comma-separate)
  --out <dir>             output folder (default: dist)
  --strict                warnings fail the build (exit status 1)
  --no-cache              a cold build: ignore and do not update .cache/
  --press                 also write <name>-press.pdf for a printer: 3 mm bleed, crop marks
  -q, --quiet             print only errors
  --verbose               print every stage as it starts, and what the cache reused
  -h, --help              show this help

Browser: PUPPETEER_EXECUTABLE_PATH, else a system Chrome/Chromium, else puppeteer's cache, else
the Chromium embedded in @sparticuz/chromium (Linux x64). PTR_BROWSER=embedded or =system picks
one kind; --verbose prints which was used.

Errors are printed as file:line:col: error: message, with a hint, all of them at once.
Exit status: 0 built, 1 errors (or warnings with --strict), 2 bad options, 130 interrupted.
Colours are used on a terminal only, never when NO_COLOR is set.
`;

export const DEV_HELP = `Usage: npm run dev -- [options]     (or: tsx scripts/cli.ts dev [options])

Builds the web edition, serves it on http://127.0.0.1:<port>/ (this machine only) and
rebuilds it whenever a file in manuscript/, charts/ or styles/ changes; open pages reload by
themselves. A build error shows as an overlay (file:line:col, the message, the source line)
over the last good page until it is fixed. Only the changed chapters and charts are rebuilt.

  http://127.0.0.1:<port>/                   the web edition
  http://127.0.0.1:<port>/__dev/pdf?token=…  the PDF of the current sources, built on demand
                                             (the link printed at start: the token is this run's)

Options:
  --port <n>      port to listen on (default: 4173; 0 picks a free one)
  --out <dir>     where the web edition is written (default: dist)
  --no-cache      do not read or write .cache/ (every rebuild is a cold one)
  -q, --quiet     print only errors and the address
  --verbose       print what each rebuild reused
  -h, --help      show this help

Stop with Ctrl-C: the watcher, the server and any Chromium of a PDF preview are stopped.
`;

export const EDITION_HELP = `Usage: npm run edition -- <year> <export>     (or: tsx scripts/cli.ts edition <year> <export>)

Wires a survey tool's export (CSV inside the project, e.g. responses/2024.csv) to the question
files in charts/data/: finds its shape (one column per question; SurveyMonkey's two header rows;
LimeSurvey's option columns, with its answer-text row when there is one), matches each column to
a question by its title and each answer by its label, match: or code, and writes survey.yaml and
each question's responses:, match:, previous: (the printed shares) and new answers. It prints
what it matched and what not, then counts the export as the build will: every bad cell is listed
as file:line:col. Running it again with the same export changes nothing.

Options:
  -q, --quiet     print only errors
  -h, --help      show this help

Exit status: 0 wired, 1 errors to fix (listed), 2 bad arguments.
`;
