// The managed-patient list the roster test uploads, built from the API as a district's health
// commission would send it: insured patients (uncertified and certified, their resident IDs read
// with an auditor's token, the only role that sees them unmasked), residents the insurance rolls do
// not know, and one row with an invalid ID.
import { InstitutionsDocument, RosterPatientsDocument } from '../src/graphql/generated';
import { apiAs } from './helpers';

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

/** GB 11643 check digit of the first 17 digits. */
export function residentId(first17: string): string {
  const sum = [...first17].reduce((s, d, i) => s + Number(d) * (WEIGHTS[i] ?? 0), 0);
  return `${first17}${CHECK[sum % 11]}`;
}

export interface RosterFile {
  csv: string;
  /** 1-based row numbers as the API reports them (the header is row 1) */
  badRow: number;
  unknownRows: number[];
}

/** `stamp`: digits that make this run's file and people its own. */
export async function rosterFile(apiUrl: string, auditorToken: string, districtCode: string, stamp: string): Promise<RosterFile> {
  const asAuditor = apiAs(apiUrl, auditorToken);
  const patients = (certified: boolean, first: number) => asAuditor(RosterPatientsDocument, { regionCode: districtCode, certified, first });
  const [uncertified, certified, { institutions }] = await Promise.all([
    patients(false, 3),
    patients(true, 2),
    asAuditor(InstitutionsDocument, { regionCode: districtCode }),
  ]);
  const institution = institutions.find((i) => i.level === 'COMMUNITY_HEALTH_CENTRE' || i.level === 'TOWNSHIP_HEALTH_CENTRE') ?? institutions[0];
  if (!institution) throw new Error(`no institution in ${districtCode}`);
  const word = (d: string) => (d === 'HYPERTENSION' ? '高血压' : '糖尿病');
  const lines = ['身份证号,姓名,病种,管理机构编码'];
  for (const p of [...uncertified.patients.nodes, ...certified.patients.nodes])
    lines.push([p.residentId, p.name, p.diseases.map(word).join('、'), institution.id].join(','));
  // Unknown to the insurance rolls: born in 1930 (older than any demo patient), a sequence number
  // from the stamp so that a second run against the same database lists new people.
  const unknownRows: number[] = [];
  ['19300303', '19310707'].forEach((birth, i) => {
    const seq = String(100 + ((Number(stamp) + i) % 900)).padStart(3, '0');
    lines.push([residentId(`${districtCode}${birth}${seq}`), `未参保${stamp}${i + 1}`, '高血压', institution.id].join(','));
    unknownRows.push(lines.length);
  });
  lines.push(['320205199901011234', `错号${stamp}`, '高血压', institution.id].join(','));
  return { csv: `${lines.join('\r\n')}\r\n`, badRow: lines.length, unknownRows };
}
