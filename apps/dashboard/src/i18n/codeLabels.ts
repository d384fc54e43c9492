// The names of the codes the API returns (rule hits, monitoring case kinds, rule parameters), for
// display: a code is an identifier, kept in data-code attributes; the reader sees its name in the
// chosen locale (zh-codes.ts / en-codes.ts). An unknown code is shown as it is.
import { useI18n } from 'vue-i18n';

type Te = (key: string) => boolean;
type T = (key: string) => string;

export function codeLabels(t: T, te: Te) {
  const named = (prefix: string, code: string) => (te(`${prefix}.${code}`) ? t(`${prefix}.${code}`) : code);
  return {
    hit: (code: string) => named('hitCodes', code),
    /** a case kind: a pattern (cases.kinds) or a rule-hit code */
    alertKind: (kind: string) => (te(`cases.kinds.${kind}`) ? t(`cases.kinds.${kind}`) : named('hitCodes', kind)),
    param: (name: string) => named('params', name),
    outcome: (outcome: string) => named('outcomes', outcome),
    rosterField: (field: string) => named('rosterFields', field),
    rosterCode: (code: string) => named('rosterCodes', code),
    /** an evidence value that is a code: an institution level, a claim's pathway or a monitoring metric */
    evidenceValue: (key: string, text: string) =>
      key === 'level' && te(`levels.${text.toUpperCase()}`)
        ? t(`levels.${text.toUpperCase()}`)
        : key === 'pathway' && te(`claims.pathways.${text.toUpperCase()}`)
          ? t(`claims.pathways.${text.toUpperCase()}`)
          : key === 'metric'
            ? named('metrics', text)
            : text,
    value: (value: string | null | undefined) => (value === 'true' || value === 'false' ? t(`values.${value}`) : (value ?? '')),
    rubricBasis: (metric: string, fallback: string) => (te(`rubric.basis.${metric}`) ? t(`rubric.basis.${metric}`) : fallback),
  };
}

export function useCodeLabels() {
  const { t, te } = useI18n();
  return codeLabels(t, te);
}
