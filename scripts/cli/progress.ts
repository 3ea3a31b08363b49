import type { StageState } from '../publish/timer.js';
import type { Terminal } from './terminal.js';

const SPINNER = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

/**
 * Shows the build's stages as they run. On a terminal, one status line names the running
 * stages with their elapsed time (the PDF takes many seconds: the author sees it is alive);
 * each finished stage is printed above it. In a log, one line per finished stage.
 */
export function createProgress(terminal: Terminal) {
  const running = new Map<string, number>();
  let frame = 0;
  const redraw = () => {
    if (running.size === 0) return terminal.status('');
    const now = performance.now();
    const parts = [...running].map(([stage, t]) => `${stage} ${((now - t) / 1000).toFixed(1)} s`);
    terminal.status(`${terminal.paint('cyan', SPINNER[frame++ % SPINNER.length]!)} ${parts.join(' · ')}`);
  };
  const ticker = terminal.interactive ? setInterval(redraw, 100) : undefined;
  ticker?.unref();
  return {
    onStage(stage: string, state: StageState, ms?: number) {
      if (state === 'start') {
        running.set(stage, performance.now());
        terminal.detail(terminal.paint('dim', `… ${stage}`));
      } else {
        running.delete(stage);
        const mark = state === 'end' ? terminal.paint('green', '✓') : terminal.paint('red', '✗');
        terminal.info(`${mark} ${stage} ${terminal.paint('dim', `(${state === 'end' ? '' : 'stopped, '}${Math.round(ms ?? 0)} ms)`)}`);
      }
      redraw();
    },
    stop() {
      if (ticker) clearInterval(ticker);
      running.clear();
      terminal.status('');
    },
  };
}
