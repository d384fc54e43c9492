// Number and tooltip formatting shared by the chart builders and the views. Pure: no Vue, no DOM.
import type { IndicatorDefinition, Locale, Rate } from '../../api/types';

const FEN_PER_YUAN = 100;
/** Amounts from 10万元 up are shown in 万元; smaller ones in 元. */
const WAN_THRESHOLD_FEN = 10_000_000;
const FEN_PER_WAN = 1_000_000;

function groupThousands(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** Exact yuan with two decimals from integer fen, without floating-point rounding: 123456 → "1,234.56". */
export function formatYuan(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(Math.trunc(fen));
  const yuan = Math.floor(abs / FEN_PER_YUAN);
  const cents = abs % FEN_PER_YUAN;
  return `${sign}${groupThousands(String(yuan))}.${String(cents).padStart(2, '0')}`;
}

/** Money for headline figures: 元 with 2 decimals, or 万元 with 2 decimals from 10万元 up. */
export function formatMoney(fen: number, locale: Locale): { value: string; unit: string } {
  if (Math.abs(fen) >= WAN_THRESHOLD_FEN) {
    const wanHundredths = Math.round(fen / (FEN_PER_WAN / 100));
    return { value: formatYuan(wanHundredths), unit: locale === 'zh' ? '万元' : '×10k yuan' };
  }
  return { value: formatYuan(fen), unit: locale === 'zh' ? '元' : 'yuan' };
}

export function formatCount(n: number): string {
  return Number.isInteger(n) ? groupThousands(String(n)) : groupThousands(n.toFixed(1));
}

/** A rate as a percentage with one decimal; "—" when the denominator is zero. */
export function formatPercent(rate: number | null | undefined): string {
  return rate == null ? '—' : `${(rate * 100).toFixed(1)}%`;
}

/** Chart value for a rate: percent with one decimal, null when undefined (ECharts leaves a gap). */
export function ratePercentValue(rate: Rate): number | null {
  return rate.rate == null ? null : Math.round(rate.rate * 1000) / 10;
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
}

/** Words the tooltip needs, taken from the i18n messages by the caller. */
export interface TooltipLabels {
  numerator: string;
  denominator: string;
  definition: string;
  window: string;
  source: string;
  noDefinition: string;
  /** shown instead of a rate whose denominator is unknown: 无人口数据 (awareness without a population figure) */
  unavailable: string;
}

/** The rate as shown: the percentage, or the "unavailable" label (无人口数据) when the API says why there is no denominator, never 0 %. */
export function rateText(rate: Rate, unavailable: string): string {
  return rate.unavailableReason != null ? unavailable : formatPercent(rate.rate);
}

/** A denominator as shown: "—" when it is unknown. */
export function denominatorText(rate: Rate, formatValue: (n: number) => string = formatCount): string {
  return rate.denominator == null ? '—' : formatValue(rate.denominator);
}

export function definitionName(def: IndicatorDefinition | undefined, locale: Locale, fallback: string): string {
  if (!def) return fallback;
  return locale === 'zh' ? def.nameZh : def.nameEn;
}

/** Lines of a rate's explanation: value, numerator and denominator with what they count, definition. */
export function rateExplanation(
  title: string,
  rate: Rate,
  def: IndicatorDefinition | undefined,
  labels: TooltipLabels,
  locale: Locale,
  formatValue: (n: number) => string = formatCount,
): string[] {
  const numeratorText = def ? (locale === 'zh' ? def.numeratorZh : def.numeratorEn) : '';
  const denominatorText = def ? (locale === 'zh' ? def.denominatorZh : def.denominatorEn) : '';
  const lines = [
    `${title}: ${rateText(rate, labels.unavailable)}`,
    `${labels.numerator}: ${formatValue(rate.numerator)}${numeratorText ? ` — ${numeratorText}` : ''}`,
    rate.denominator == null
      ? `${labels.denominator}: ${labels.unavailable}${rate.unavailableReason ? ` (${rate.unavailableReason})` : ''}`
      : `${labels.denominator}: ${formatValue(rate.denominator)}${denominatorText ? ` — ${denominatorText}` : ''}`,
  ];
  if (def) {
    lines.push(`${labels.definition}: ${definitionName(def, locale, title)} (${def.id})`);
    lines.push(`${labels.window}: ${locale === 'zh' ? def.windowZh : def.window} · ${labels.source}: ${def.source}`);
  } else {
    lines.push(`${labels.definition}: ${rate.definitionId} (${labels.noDefinition})`);
  }
  return lines;
}

/** Plain-text explanation for `title` attributes in tables and cards. */
export function rateTooltipText(...args: Parameters<typeof rateExplanation>): string {
  return rateExplanation(...args).join('\n');
}

/** HTML explanation for ECharts tooltips; every API-provided string is escaped. */
export function rateTooltipHtml(...args: Parameters<typeof rateExplanation>): string {
  const [head, ...rest] = rateExplanation(...args);
  return [`<b>${escapeHtml(head ?? '')}</b>`, ...rest.map((l) => `<span style="font-size:12px">${escapeHtml(l)}</span>`)].join('<br/>');
}

/** Numerator/denominator formatter for money ratios (fen / fen), shown in yuan. */
export function formatFenAsYuan(fen: number): string {
  return `¥${formatYuan(fen)}`;
}

/**
 * Whether anything happened in the period: a claim or a follow-up that met the standard. A period
 * without (a year not yet begun, a quarter before the programme) has patients on the roll but no
 * activity, and its activity rates read “no data” (暂无数据), never 0.0 %.
 */
export function periodHasActivity(ind: { benefitUses: number; drugCostFen: number; standardManagedPatients: number }): boolean {
  return ind.benefitUses > 0 || ind.drugCostFen > 0 || ind.standardManagedPatients > 0;
}

/** True when a set has no counts at all: nothing was recorded for the scope and period. */
export function isEmptyIndicatorSet(ind: {
  estimatedPatients: number | null;
  knownPatients: number;
  managedPatients: number;
  beneficiaries: number;
  benefitUses: number;
  drugCostFen: number;
}): boolean {
  return [ind.estimatedPatients, ind.knownPatients, ind.managedPatients, ind.beneficiaries, ind.benefitUses, ind.drugCostFen].every(
    (n) => n === 0 || n === null,
  );
}

export function definitionsById(defs: readonly IndicatorDefinition[]): ReadonlyMap<string, IndicatorDefinition> {
  return new Map(defs.map((d) => [d.id, d]));
}

/** "2024Q3", or "2024" for a whole year. */
export function periodLabel(period: { year: number; quarter: number | null }): string {
  return period.quarter == null ? String(period.year) : `${period.year}Q${period.quarter}`;
}

/**
 * A timestamp from the API (ISO 8601, UTC) as "YYYY-MM-DD HH:mm" in the given time zone — the
 * city's (both cities are on China Standard Time), not the browser's.
 */
export function formatDateTime(iso: string | null | undefined, timeZone = 'Asia/Shanghai'): string {
  if (!iso) return '—';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(date);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')} ${part('hour')}:${part('minute')}`;
}
