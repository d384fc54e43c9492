/** Renders a decision and its trace as text a bureau clerk can check against the sources. */
import { formatRatio, formatYuan } from './money';
import type { Decision, ParameterUse } from './types';

function param(p: ParameterUse): string {
  const where = `${p.citation.document} ${p.citation.section}`.trim();
  return `      ${p.name} = ${p.value === null ? '(not set)' : String(p.value)} [${p.kind}] — ${where}${p.citation.note ? `: ${p.citation.note}` : ''}`;
}

export function renderDecision(d: Decision): string {
  const out: string[] = [];
  out.push(
    `Outcome: ${d.outcome}   rule set: ${d.ruleSetId ?? '—'} ${d.ruleSetVersion ?? ''}   catalogue: ${d.catalogueVersionId ?? '—'}${d.overrideName ? `   override: ${d.overrideName}` : ''}`,
  );
  out.push(
    `Pathway: ${d.pathway}   ratio: ${formatRatio(d.ratioBp)}   cap: ¥${formatYuan(d.capFen)} (used before ¥${formatYuan(d.capUsedBeforeFen)}, left after ¥${formatYuan(d.capRemainingFen)})`,
  );
  out.push(
    `Amount ¥${formatYuan(d.amountFen)}   compliant ¥${formatYuan(d.compliantFen)}   fund ¥${formatYuan(d.fundFen)}   patient ¥${formatYuan(d.patientFen)}   rational use: ${d.rationalUse ? 'yes' : 'no'}`,
  );
  out.push('');
  out.push('Lines:');
  for (const l of d.lines) {
    out.push(
      `  #${l.lineNo} ${l.drugCode}: amount ¥${formatYuan(l.amountFen)}, compliant ¥${formatYuan(l.compliantFen)}, fund ¥${formatYuan(l.fundFen)}, patient ¥${formatYuan(l.patientFen)}${l.hitCodes.length ? `  [${l.hitCodes.join(', ')}]` : ''}`,
    );
  }
  if (d.hits.length > 0) {
    out.push('');
    out.push('Rule hits:');
    for (const h of d.hits) {
      out.push(`  ${h.code} (${h.ruleId} ${h.section}, ${h.severity}${h.lineNo === null ? '' : `, line ${h.lineNo}`}): ${h.messageZh} / ${h.messageEn}`);
    }
  }
  if (d.trace) {
    out.push('');
    out.push('Explanation:');
    d.trace.forEach((s, i) => {
      out.push(`  ${String(i + 1).padStart(2)}. [${s.ruleId} ${s.section}]${s.lineNo === null ? '' : ` line ${s.lineNo}:`} ${s.step} → ${s.result}`);
      for (const p of s.parameters) out.push(param(p));
    });
  }
  out.push('');
  out.push(`Rounding: ${d.rounding}`);
  return out.join('\n');
}
