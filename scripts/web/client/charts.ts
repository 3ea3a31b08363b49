import { chartDataId } from '../../assemble/page-ids.js';

/**
 * The web edition's chart script: tooltips with each bar's share and respondents, by mouse,
 * touch and keyboard (Tab to a chart, then the arrow keys). The bars are the static SVG's
 * `.mark-rect path` elements; their numbers come from the figure's own data table (just after
 * it), whose rows are in the same order. Without this script the chart, its alt text and the
 * table still work.
 */

interface BarData {
  readonly label: string;
  readonly share: string;
  readonly count: string;
}

/** The rows of the figure's data table, which follows the figure (chart-data-after-figure.ts). */
function rowsOf(figure: HTMLElement): BarData[] {
  const table = document.getElementById(chartDataId(figure.id));
  return [...(table?.querySelectorAll('tbody tr') ?? [])].map((tr) => {
    const cells = tr.querySelectorAll('td');
    return {
      label: tr.querySelector('th')?.textContent?.trim() ?? '',
      share: cells[0]?.textContent?.trim() ?? '',
      count: cells[1]?.textContent?.trim() ?? '',
    };
  });
}

function describe(bar: BarData): string {
  const count = /^\d+$/.test(bar.count) ? `, ${bar.count} respondent${bar.count === '1' ? '' : 's'}` : '';
  return `${bar.label}: ${bar.share}${count}`;
}

interface Drawing {
  readonly svg: SVGSVGElement;
  readonly bars: SVGGraphicsElement[];
  /** The printed share beside each bar: the tooltip goes past it rather than over it. */
  readonly shares: SVGGraphicsElement[];
}

/** A chart SVG's bars and shares (the first text layer with one text per bar: the phone layout also writes its labels). */
function drawingOf(svg: SVGSVGElement): Drawing {
  const bars = [...svg.querySelectorAll<SVGGraphicsElement>('.mark-rect path')];
  const layers = [...svg.querySelectorAll('.mark-text.role-mark')].map((g) => [...g.querySelectorAll<SVGGraphicsElement>('text')]);
  return { svg, bars, shares: layers.find((t) => t.length === bars.length) ?? bars };
}

function enhance(figure: HTMLElement): void {
  const graphic = figure.querySelector<HTMLElement>('.chart-graphic');
  const rows = rowsOf(figure);
  // The wide chart and its phone layout: the one the style sheet shows is the one in use.
  const drawings = graphic ? [...graphic.querySelectorAll<SVGSVGElement>(':scope > svg')].map(drawingOf).filter((d) => d.bars.length === rows.length) : [];
  if (!graphic || rows.length === 0 || drawings.length === 0) return;
  const shown = () => drawings.find((d) => d.svg.getBoundingClientRect().width > 0) ?? drawings[0]!;
  const allBars = drawings.flatMap((d) => d.bars);

  const tooltip = document.createElement('div');
  tooltip.className = 'chart-tooltip';
  tooltip.hidden = true;
  tooltip.setAttribute('aria-hidden', 'true');
  const live = document.createElement('p');
  live.className = 'visually-hidden';
  live.setAttribute('role', 'status');
  const hint = document.createElement('p');
  hint.className = 'visually-hidden';
  hint.id = `${figure.id}-hint`;
  hint.textContent = 'Use the arrow keys to read each bar’s share and number of respondents.';
  figure.classList.add('chart-enhanced');
  figure.append(tooltip, live, hint);
  graphic.tabIndex = 0;
  graphic.setAttribute('aria-describedby', hint.id);

  let active = -1;
  const show = (i: number, announce: boolean) => {
    active = i;
    const { bars, shares } = shown();
    allBars.forEach((b) => b.classList.toggle('is-active', b === bars[i]));
    const row = rows[i]!;
    tooltip.replaceChildren();
    const label = document.createElement('strong');
    label.textContent = row.label;
    tooltip.append(label, document.createElement('br'), describe(row).slice(row.label.length + 2));
    tooltip.hidden = false;
    place(figure, bars[i]!, shares[i]!, tooltip);
    if (announce) live.textContent = `${describe(row)}. Bar ${i + 1} of ${rows.length}.`;
  };
  const hide = () => {
    allBars.forEach((b) => b.classList.remove('is-active'));
    tooltip.hidden = true;
  };

  for (const d of drawings) {
    d.bars.forEach((bar, i) => {
      bar.addEventListener('pointerenter', () => show(i, false));
      bar.addEventListener('click', () => show(i, false));
    });
  }
  graphic.addEventListener('pointerleave', () => {
    if (document.activeElement === graphic) show(Math.max(active, 0), false);
    else hide();
  });
  graphic.addEventListener('focus', () => show(Math.max(active, 0), true));
  graphic.addEventListener('blur', hide);
  graphic.addEventListener('keydown', (e) => {
    const last = rows.length - 1;
    const next: Record<string, number> = {
      ArrowDown: Math.min(last, active + 1), ArrowRight: Math.min(last, active + 1),
      ArrowUp: Math.max(0, active - 1), ArrowLeft: Math.max(0, active - 1), Home: 0, End: last,
    };
    if (e.key === 'Escape') hide();
    else if (e.key in next) show(next[e.key]!, true);
    else return;
    e.preventDefault();
  });
}

/** Past the bar's printed share, or above the bar when the figure is too narrow for that. */
function place(figure: HTMLElement, bar: SVGGraphicsElement, share: SVGGraphicsElement, tooltip: HTMLElement): void {
  const box = figure.getBoundingClientRect();
  const b = bar.getBoundingClientRect();
  const width = tooltip.offsetWidth;
  const height = tooltip.offsetHeight;
  let left = Math.max(b.right, share.getBoundingClientRect().right) - box.left + 8;
  let top = b.top - box.top + b.height / 2 - height / 2;
  if (left + width > figure.clientWidth) {
    left = Math.max(0, Math.min(b.right - box.left - width, figure.clientWidth - width));
    top = b.top - box.top - height - 6;
  }
  tooltip.style.left = `${Math.round(left)}px`;
  tooltip.style.top = `${Math.round(top)}px`;
}

document.querySelectorAll<HTMLElement>('figure.chart[data-question]').forEach(enhance);
