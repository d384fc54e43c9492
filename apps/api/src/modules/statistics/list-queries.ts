/**
 * The API's main list and report queries, with arguments taken from the data (a district, one of
 * its streets, an institution, a patient, a hit code, the latest quarter), for the plan test and
 * the plan report (bench/plans.ts). Each runs the API's own repository function.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { exec } from '../../db/sql';
import { auditLogRows } from '../audit/audit-log';
import { listClaims } from '../claims/claim.queries';
import { listPatients, yearRecords } from '../patients/patient.queries';
import { quarterlyRows, ruleHitCounts } from '../reports/quarterly';
import { quarterEnd, quarterStart } from './counts';
import { windowOf } from './rollup.check';
import { countsByGroup } from './statistics.repository';

export interface NamedQuery {
  name: string;
  run: (em: EntityManager) => Promise<unknown>;
}

export async function mainListQueries(em: EntityManager, district: string | null): Promise<NamedQuery[]> {
  const [d] = await exec<{ district_code: string; street_code: string; institution_id: string; patient_id: string; hit: string; latest: string }>(
    em,
    `with d as (select coalesce(?::text, (select district_code from patients group by 1 order by count(*) desc limit 1)) as code)
     select d.code as district_code,
            (select street_code from patients p where p.district_code = d.code and street_code is not null group by 1 order by count(*) desc limit 1) as street_code,
            (select institution_id from claims c where c.district_code = d.code group by 1 order by count(*) desc limit 1) as institution_id,
            (select patient_id from claims c where c.district_code = d.code order by patient_id limit 1) as patient_id,
            (select h from claims c, unnest(c.hit_codes) h where c.district_code = d.code and c.hit_codes <> '{}' limit 1) as hit,
            (select to_char(max(service_date), 'YYYY-MM-DD') from claims c where c.district_code = d.code) as latest
       from d`,
    [district],
  );
  if (d === undefined || d.latest === null) throw new Error('no claims to plan against');
  const districts = [d.district_code];
  const year = Number(d.latest.slice(0, 4));
  const quarter = Math.floor((Number(d.latest.slice(5, 7)) - 1) / 3) + 1;
  const from = quarterStart(year, quarter);
  const to = quarterEnd(year, quarter);
  return [
    { name: 'patients (district)', run: (e) => listPatients(e, { districts }, 20, null) },
    { name: 'patients (street)', run: (e) => listPatients(e, { districts, streetCode: d.street_code }, 20, null) },
    { name: 'patients (disease, certified)', run: (e) => listPatients(e, { districts, disease: 'diabetes', certified: true }, 20, null) },
    { name: 'patients (not certified)', run: (e) => listPatients(e, { districts, certified: false }, 20, null) },
    { name: 'patients (managed)', run: (e) => listPatients(e, { districts, managed: true }, 20, null) },
    { name: 'patients (designated institution)', run: (e) => listPatients(e, { districts, institutionId: d.institution_id }, 20, null) },
    { name: 'claims (district)', run: (e) => listClaims(e, { districts }, 20, null) },
    { name: 'claims (institution)', run: (e) => listClaims(e, { districts, institutionId: d.institution_id }, 20, null) },
    { name: 'claims (patient)', run: (e) => listClaims(e, { districts, patientId: d.patient_id }, 20, null) },
    { name: 'claims (quarter)', run: (e) => listClaims(e, { districts, from, to }, 20, null) },
    { name: 'claims (hit code, quarter)', run: (e) => listClaims(e, { districts, hitCode: d.hit, from, to }, 20, null) },
    { name: 'claims (reversed)', run: (e) => listClaims(e, { districts, status: 'reversed' }, 20, null) },
    { name: 'patient year summary', run: (e) => yearRecords(e, d.district_code, d.patient_id, year, d.latest) },
    { name: 'ruleHitCounts (quarter)', run: (e) => ruleHitCounts(e, districts, from, to, null) },
    { name: 'quarterlyReport', run: (e) => quarterlyRows(e, districts, from, to) },
    { name: 'institutionStatistics (rollups)', run: (e) => countsByGroup(e, districts, windowOf(year, quarter), 'ALL', 'institution') },
    { name: 'auditLog (district)', run: (e) => auditLogRows(e, districts, {}, 50, null) },
    { name: 'auditLog (patient)', run: (e) => auditLogRows(e, districts, { patientId: d.patient_id }, 50, null) },
    { name: 'auditLog (user, period)', run: (e) => auditLogRows(e, districts, { userId: `bureau-${d.district_code}`, from, to }, 50, null) },
  ];
}
