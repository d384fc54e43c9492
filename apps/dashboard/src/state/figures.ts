// The definitions of the counts and sums beside the rates (the API's FigureDefinition): one name,
// one definition, shown beside the figure (tooltip) and as a note under the tables that carry it.
import type { FigureFieldsFragment } from '../graphql/generated';
import type { Locale } from '../api/types';

export type Figure = FigureFieldsFragment;

export interface FigureWords {
  definition: string;
  window: string;
  source: string;
}

export function figureName(def: Figure | undefined, locale: Locale, fallback: string): string {
  if (!def) return fallback;
  return locale === 'zh' ? def.nameZh : def.nameEn;
}

/** The figure's definition as a tooltip: name, what it counts, its window and source. */
export function figureText(def: Figure | undefined, locale: Locale, words: FigureWords): string {
  if (!def) return '';
  const zh = locale === 'zh';
  const sep = zh ? '：' : ': ';
  return [
    `${figureName(def, locale, def.key)}${sep}${zh ? def.definitionZh : def.definitionEn}`,
    `${words.window}${sep}${zh ? def.windowZh : def.windowEn}`,
    `${words.source}${sep}${def.source}`,
  ].join('\n');
}

export function figuresByKey(defs: readonly Figure[] | undefined | null): ReadonlyMap<string, Figure> {
  return new Map((defs ?? []).map((d) => [d.key, d]));
}
