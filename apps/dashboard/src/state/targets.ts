// What the overview says about a headline rate's target: its value and where it comes from. Pure.
import { formatPercent } from '../charts/options/format';

export interface HeadlineTargetLike {
  indicator: string;
  key: string;
  value: number | null;
  setting: {
    validFrom: string;
    districtCode: string | null;
    source: { kind: string; document: string | null; section: string | null; note: string | null };
  } | null;
}

export type TargetSourceKind = 'seed' | 'bureau' | 'document';

export interface TargetParts {
  /** the value as shown, null when no target is set */
  value: string | null;
  kind: TargetSourceKind | null;
  /** the document and section when the source is a document; otherwise the caption names the kind */
  sourceText: string | null;
  /** the tooltip's lines: document and section, the note, the date it applies from */
  detail: string[];
  validFrom: string | null;
  /** the district's own target rather than the city's */
  districtOwn: boolean;
}

const KINDS: readonly string[] = ['seed', 'bureau', 'document'];

export function targetParts(t: HeadlineTargetLike | null | undefined): TargetParts {
  const s = t?.setting;
  if (t == null || t.value == null || s == null) return { value: null, kind: null, sourceText: null, detail: [], validFrom: null, districtOwn: false };
  const kind = (KINDS.includes(s.source.kind) ? s.source.kind : 'bureau') as TargetSourceKind;
  const cited = [s.source.document, s.source.section].filter((x): x is string => x != null && x !== '').join(' ');
  return {
    value: formatPercent(t.value),
    kind,
    sourceText: kind === 'document' && cited !== '' ? cited : null,
    detail: [cited, s.source.note ?? ''].filter((x) => x !== ''),
    validFrom: s.validFrom,
    districtOwn: s.districtCode != null,
  };
}

/** The targets by indicator, for the cards and the trend lines. */
export function targetsByIndicator<T extends HeadlineTargetLike>(targets: readonly T[] | null | undefined): Record<string, T> {
  return Object.fromEntries((targets ?? []).map((t) => [t.indicator, t]));
}
