/**
 * Makes sure the real validators the tests use are installed: Chromium, Java + EPUBCheck,
 * poppler (pdftotext, pdffonts, pdfinfo) and qpdf. As root on Debian it installs what is
 * missing with apt-get; elsewhere it says what to install. Under CI=true a missing
 * validator fails the run instead of letting its tests be skipped.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { VALIDATORS, missingValidators } from '../../tests/helpers/validators.js';

const missing = missingValidators();
if (missing.length > 0) {
  const packages = [...new Set(missing.map((v) => v.apt))];
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (isRoot && existsSync('/usr/bin/apt-get')) {
    process.stderr.write(`installing test validators: ${packages.join(' ')}\n`);
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
    const r = spawnSync('apt-get', ['install', '-y', '-qq', ...packages], { stdio: 'inherit', env });
    if (r.status !== 0) process.stderr.write('apt-get install failed\n');
  } else {
    process.stderr.write(`missing test validators: ${missing.map((v) => v.name).join(', ')}\n  install: apt-get install ${packages.join(' ')}\n`);
  }
}
const still = missingValidators();
if (still.length > 0) {
  const message = `validators not available: ${still.map((v) => v.name).join(', ')}; their tests will be reported as skipped`;
  if (process.env.CI === 'true') {
    process.stderr.write(`error: ${message} (CI=true requires them)\n`);
    process.exit(1);
  }
  process.stderr.write(`warning: ${message}\n`);
} else {
  const java = execFileSync('java', ['-version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  process.stderr.write(`validators ready: ${VALIDATORS.map((v) => v.name).join(', ')}${java ? '' : ''}\n`);
}
