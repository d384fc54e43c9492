/**
 * Writes the managed-patient list a district's health commission would send, built from the demo
 * database: every managed patient of the district with diseases and managing institution, and a
 * few residents the insurance rolls do not know (mobilise them). For the README's walkthrough:
 *   npx tsx src/modules/roster/demo-roster-cli.ts 520102 > roster-520102.csv
 */
import pg from 'pg';
import { makeResidentId } from '@liangbing/policy';
import { cliDatabase } from '../../demo/cli-database';

const district = process.argv[2];
if (district === undefined || !/^\d{6}$/.test(district)) {
  console.error('usage: demo-roster-cli.ts <district code> [--database-url URL]');
  process.exit(2);
}
const db = await cliDatabase(process.argv);
const client = new pg.Client({ connectionString: db.url });
await client.connect();
try {
  const { rows } = await client.query<{
    resident_id: string;
    name: string;
    diseases: string[];
    institution_id: string | null;
    institution_name: string | null;
  }>(
    `select p.resident_id, p.name, array_agg(d.disease order by d.disease) as diseases, p.managing_institution_id as institution_id, i.name as institution_name
       from patients p join patient_diseases d on d.district_code = p.district_code and d.patient_id = p.id
       left join institutions i on i.id = p.managing_institution_id
      where p.district_code = $1 and p.managed
      group by p.district_code, p.id, i.name order by p.id`,
    [district],
  );
  const any = rows.find((r) => r.institution_id !== null);
  const word = (d: string) => (d === 'hypertension' ? '高血压' : '糖尿病');
  const lines = ['身份证号,姓名,病种,管理机构编码,管理机构'];
  for (const r of rows) lines.push([r.resident_id, r.name, r.diseases.map(word).join('、'), r.institution_id ?? '', r.institution_name ?? ''].join(','));
  // residents the health commission manages but the insurance rolls do not know
  ['1958-03-03', '1962-07-07', '1971-11-11'].forEach((birth, i) =>
    lines.push(
      [makeResidentId(district, birth, 901 + i, i % 2 === 0 ? 'male' : 'female'), `未参保${i + 1}`, '高血压', any?.institution_id ?? '', ''].join(','),
    ),
  );
  process.stdout.write(`${lines.join('\r\n')}\r\n`);
} finally {
  await client.end();
  await db.stop();
}
