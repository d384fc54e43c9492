/**
 * The reliability suite's stack, independent of vitest so that the soak script runs the same
 * code: a throwaway database on a given PostgreSQL, migrated and seeded with the harness's Wuxi
 * programme plus as many extra patients as a load needs, and the API listening in-process.
 */
import { randomBytes } from 'node:crypto';
import type { MikroORM } from '@mikro-orm/postgresql';
import { signToken, type Viewer } from '../../../src/auth/tokens';
import { migrate, openOrm } from '../../../src/db/orm';
import { exec } from '../../../src/db/sql';
import { GUIYANG_DEMO_OVERRIDE } from '../../../src/policy-config';
import { listen, type RunningServer } from '../../../src/server';
import { createServices } from '../../../src/services';
import { SECRET, seedWuxi } from '../../harness';
import { postGraphql, type HttpAnswer } from './client';
import { createTestDatabase } from '../../../src/db/citus';

/** The last day of the seeded year: every 2025 date is in the past for the in-process API. */
export const STACK_TODAY = '2025-12-31';

export type Sql = <T = Record<string, unknown>>(text: string, params?: unknown[]) => Promise<T[]>;

export interface Database {
  name: string;
  url: string;
  drop: () => Promise<void>;
}

export async function createDatabase(adminUrl: string, prefix = 'rel'): Promise<Database> {
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  const db = await createTestDatabase(adminUrl, name);
  return { name, ...db };
}

/** GB 11643: the check character of a 17-digit resident ID body. */
export function residentId(body17: string): string {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...body17].reduce((s, d, i) => s + Number(d) * weights[i]!, 0);
  return body17 + '10X98765432'[sum % 11]!;
}

const pad2 = (n: number) => String(n).padStart(2, '0');

export interface ExtraPatient {
  id: string;
  districtCode: string;
  institutionId: string;
  residentId: string;
  name: string;
  phone: string;
}

/** Designated institution of the extra patients in each seeded district. */
export const DISTRICTS = [
  { code: '320213', street: '320213001', institution: 'I-LX-CHC', tag: 'LX' },
  { code: '320281', street: '320281001', institution: 'I-JY-THC', tag: 'JY' },
] as const;

/**
 * The harness's Wuxi programme, a second city (贵阳, so that city-wide roles have somewhere they
 * may not read), and `perDistrict` extra hypertension patients in each Wuxi district: certified,
 * designated, general-outpatient benefit used up, nothing paid yet (so each one's cap is 80 000 fen).
 */
export async function seedReliability(sql: Sql, perDistrict: number): Promise<ExtraPatient[]> {
  await seedWuxi(sql);
  await sql(`insert into regions (code, name, level, parent_code, city_code) values
    ('520100','贵阳市','city',null,'520100'), ('520102','南明区','district','520100','520100'), ('520102001','新华路街道','street','520102','520100')`);
  await sql(
    `insert into institutions values ('I-GY-CHC','新华路社区卫生服务中心','community_health_centre','520100','520102','520102001',null,true,true,true)`,
  );
  await sql(`insert into patients (district_code, id, resident_id, name, sex, birth_date, street_code, phone, scheme, managed, managed_since, managing_institution_id) values
    ('520102','G1','${residentId('52010219650303003')}','陈静','female','1965-03-03','520102001','13900000009','resident',true,'2021-01-01','I-GY-CHC')`);
  await sql(`insert into patient_diseases values ('520102','G1','hypertension',null,'2018-01-01')`);
  await sql(`insert into certifications values ('520102','G1','G-0001','2021-08-01','I-GY-CHC','{hypertension}',null)`);
  await sql(`insert into designations values ('520102','G1','2025-01-01',null,'I-GY-CHC',null,'2024-12-01',true)`);
  const extra: ExtraPatient[] = [];
  for (const d of DISTRICTS) {
    for (let i = 0; i < perDistrict; i++) {
      const n = String(i).padStart(5, '0');
      extra.push({
        id: `R-${d.tag}-${n}`,
        districtCode: d.code,
        institutionId: d.institution,
        residentId: residentId(
          `${d.code}1960${pad2(1 + (Math.floor(i / 28_000) % 12))}${pad2(1 + (Math.floor(i / 1000) % 28))}${String(i % 1000).padStart(3, '0')}`,
        ),
        name: `测试${n}`,
        phone: `137${String(i).padStart(8, '0')}`,
      });
    }
  }
  for (let i = 0; i < extra.length; i += 500) {
    const chunk = extra.slice(i, i + 500);
    const streetOf = (p: ExtraPatient) => DISTRICTS.find((d) => d.code === p.districtCode)!.street;
    await sql(
      `insert into patients (district_code, id, resident_id, name, sex, birth_date, street_code, phone, scheme, managed, managed_since, managing_institution_id)
       select * from unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::date[], ?::text[], ?::text[], ?::text[], ?::bool[], ?::date[], ?::text[])`,
      [
        chunk.map((p) => p.districtCode),
        chunk.map((p) => p.id),
        chunk.map((p) => p.residentId),
        chunk.map((p) => p.name),
        chunk.map(() => 'male'),
        chunk.map(() => '1960-01-15'),
        chunk.map(streetOf),
        chunk.map((p) => p.phone),
        chunk.map(() => 'resident'),
        chunk.map(() => true),
        chunk.map(() => '2020-01-01'),
        chunk.map((p) => p.institutionId),
      ],
    );
    const cols = (f: (p: ExtraPatient) => unknown) => chunk.map(f);
    await sql(`insert into patient_diseases select d, p, 'hypertension', null, '2015-01-01'::date from unnest(?::text[], ?::text[]) as t(d, p)`, [
      cols((p) => p.districtCode),
      cols((p) => p.id),
    ]);
    await sql(
      `insert into certifications select d, p, 'RC-' || p, '2020-01-10'::date, i, '{hypertension}', null from unnest(?::text[], ?::text[], ?::text[]) as t(d, p, i)`,
      [cols((p) => p.districtCode), cols((p) => p.id), cols((p) => p.institutionId)],
    );
    await sql(
      `insert into designations select d, p, '2025-01-01'::date, null, i, null, '2024-12-01'::date, true from unnest(?::text[], ?::text[], ?::text[]) as t(d, p, i)`,
      [cols((p) => p.districtCode), cols((p) => p.id), cols((p) => p.institutionId)],
    );
    await sql(
      `insert into benefit_ledger (district_code, patient_id, year, general_outpatient_fund_fen, general_outpatient_exhausted) select d, p, 2025, 0, true from unnest(?::text[], ?::text[]) as t(d, p)`,
      [cols((p) => p.districtCode), cols((p) => p.id)],
    );
  }
  return extra;
}

export interface Stack {
  db: Database;
  orm: MikroORM;
  server: RunningServer;
  url: string;
  sql: Sql;
  extra: ExtraPatient[];
  token: (v: Partial<Viewer> & Pick<Viewer, 'role'>) => Promise<string>;
  gql: (token: string | null, query: string, variables?: Record<string, unknown>) => Promise<HttpAnswer>;
  close: () => Promise<void>;
}

export const mintToken = (v: Partial<Viewer> & Pick<Viewer, 'role'>): Promise<string> =>
  signToken(SECRET, {
    userId: v.userId ?? `u-${v.role}`,
    role: v.role,
    cityCode: v.cityCode ?? '320200',
    districtCode: v.districtCode ?? null,
    institutionId: v.institutionId ?? null,
  });

export async function startStack(adminUrl: string, opts: { perDistrict?: number; production?: boolean; poolMax?: number } = {}): Promise<Stack> {
  const db = await createDatabase(adminUrl);
  const orm = await openOrm(db.url, opts.poolMax ?? 40);
  await migrate(orm);
  const sql: Sql = (text, params = []) => exec(orm.em.fork(), text, params);
  const extra = await seedReliability(sql, opts.perDistrict ?? 0);
  const services = createServices([GUIYANG_DEMO_OVERRIDE], () => STACK_TODAY);
  const server = await listen({ orm, services, secret: SECRET, production: opts.production ?? false }, 0);
  return {
    db,
    orm,
    server,
    url: server.url,
    sql,
    extra,
    token: mintToken,
    gql: (token, query, variables) => postGraphql(server.url, token, query, variables),
    close: async () => {
      await server.stop();
      await orm.close();
      await db.drop();
    },
  };
}
