/**
 * A throwaway database per suite on the run's PostgreSQL, migrated, with a small fixed programme
 * (two Wuxi districts), and the API listening on a free loopback port.
 */
import { randomBytes } from 'node:crypto';
import type { MikroORM } from '@mikro-orm/postgresql';
import { signToken, type Viewer } from '../src/auth/tokens';
import { migrate, openOrm } from '../src/db/orm';
import { exec } from '../src/db/sql';
import { GUIYANG_DEMO_OVERRIDE } from '../src/policy-config';
import { listen, type RunningServer } from '../src/server';
import { createServices, type Services } from '../src/services';
import { emptyDatabase, gqlClient, type Gql } from './common';

export const SECRET = new TextEncoder().encode('test-secret-test-secret-test-secret-0123');
export const TODAY = '2025-06-30';

export interface Harness {
  orm: MikroORM;
  server: RunningServer;
  services: Services;
  token: (v: Partial<Viewer> & Pick<Viewer, 'role'>) => Promise<string>;
  gql: Gql;
  sql: <T = Record<string, unknown>>(text: string, params?: unknown[]) => Promise<T[]>;
  close: () => Promise<void>;
}

export async function startHarness(seed: (sql: Harness['sql']) => Promise<void> = seedWuxi): Promise<Harness> {
  const db = await emptyDatabase();
  const orm = await openOrm(db.url, 60);
  await migrate(orm);
  const sql: Harness['sql'] = (text, params = []) => exec(orm.em.fork(), text, params);
  await seed(sql);
  const services = createServices([GUIYANG_DEMO_OVERRIDE], () => TODAY);
  const server = await listen({ orm, services, secret: SECRET, production: false }, 0);
  return {
    orm,
    server,
    services,
    sql,
    token: (v) =>
      signToken(SECRET, {
        userId: v.userId ?? `u-${v.role}`,
        role: v.role,
        cityCode: v.cityCode ?? '320200',
        districtCode: v.districtCode ?? null,
        institutionId: v.institutionId ?? null,
      }),
    gql: gqlClient(server.url),
    close: async () => {
      await server.stop();
      await orm.close();
      await db.drop();
    },
  };
}

/** 梁溪区 (320213) and 江阴市 (320281) of Wuxi, a few institutions, three patients. */
export async function seedWuxi(sql: Harness['sql']): Promise<void> {
  await sql(`insert into regions (code, name, level, parent_code, city_code) values
    ('320200','无锡市','city',null,'320200'),
    ('320213','梁溪区','district','320200','320200'), ('320281','江阴市','district','320200','320200'),
    ('320213001','崇安寺街道','street','320213','320200'), ('320281001','澄江街道','street','320281','320200')`);
  await sql(
    `insert into population_figures values ('320213', 2025, 10000, 3000, 1200, null, null, 'test figure'), ('320281', 2025, 20000, 3000, 1200, null, null, 'test figure')`,
  );
  await sql(`insert into institutions values
    ('I-LX-CHC','崇安寺社区卫生服务中心','community_health_centre','320200','320213','320213001','C1',true,true,true),
    ('I-LX-H2','梁溪区人民医院','level2_hospital','320200','320213','320213001','C1',true,true,true),
    ('I-LX-H3','无锡市第一人民医院','level3_hospital','320200','320213','320213001',null,true,true,false),
    ('I-JY-THC','澄江街道社区卫生服务中心','community_health_centre','320200','320281','320281001',null,true,true,true)`);
  // P1: hypertension only, certified, designated at I-LX-CHC; P2: both diseases; P3 in 江阴.
  await sql(`insert into patients (district_code, id, resident_id, name, sex, birth_date, street_code, phone, scheme, managed, managed_since, managing_institution_id) values
    ('320213','P1','320213195001010013','王建国','male','1950-01-01','320213001','13800000001','resident',true,'2020-01-01','I-LX-CHC'),
    ('320213','P2','32021319700101002X','李秀英','female','1970-01-01','320213001','13800000002','resident',true,'2020-01-01','I-LX-CHC'),
    ('320281','P3','320281196005050015','张伟','male','1960-05-05','320281001','13800000003','resident',false,null,'I-JY-THC')`);
  await sql(`insert into patient_diseases values
    ('320213','P1','hypertension',null,'2015-03-01'),
    ('320213','P2','hypertension',null,'2016-03-01'), ('320213','P2','diabetes','type2','2018-03-01'),
    ('320281','P3','hypertension',null,'2019-03-01')`);
  await sql(`insert into certifications values
    ('320213','P1','W-0001','2020-01-10','I-LX-CHC','{hypertension}',null),
    ('320213','P2','W-0002','2020-01-10','I-LX-CHC','{hypertension,diabetes}',null),
    ('320281','P3','W-0003','2020-01-10','I-JY-THC','{hypertension}',null)`);
  await sql(`insert into designations values
    ('320213','P1','2025-01-01',null,'I-LX-CHC','C1','2024-12-01',true),
    ('320213','P2','2025-01-01',null,'I-LX-CHC','C1','2024-12-01',true),
    ('320281','P3','2025-01-01',null,'I-JY-THC',null,'2024-12-01',true)`);
  await sql(`insert into benefit_ledger (district_code, patient_id, year, general_outpatient_fund_fen, general_outpatient_exhausted) values
    ('320213','P1',2025,20000,true), ('320213','P2',2025,0,true), ('320281','P3',2025,0,true)`);
  await sql(`insert into follow_ups (district_code, patient_id, institution_id, follow_up_date, face_to_face, systolic, diastolic, fasting_glucose_tenths) values
    ('320213','P1','I-LX-CHC','2025-01-10',true,150,95,null), ('320213','P1','I-LX-CHC','2025-02-10',true,145,88,null),
    ('320213','P1','I-LX-CHC','2025-03-10',true,142,85,null), ('320213','P1','I-LX-CHC','2025-04-10',true,138,84,null),
    ('320213','P2','I-LX-CHC','2025-01-12',true,130,80,75), ('320213','P2','I-LX-CHC','2025-04-12',false,128,79,null)`);
}

export const SUBMIT = `mutation($input: SubmitClaimInput!) { submitClaim(input: $input) { replayed claim { id status outcome amountFen compliantFen fundFen patientFen capFen capRemainingFen ratioBp hits { code ruleId } lines { lineNo fundFen patientFen } explanation { ruleId section step } } } }`;

export function claimInput(over: Record<string, unknown> = {}, line: Record<string, unknown> = {}) {
  return {
    idempotencyKey: `k-${randomBytes(6).toString('hex')}`,
    patientId: 'P1',
    institutionId: 'I-LX-CHC',
    serviceDate: '2025-05-01',
    pathway: 'DESIGNATED',
    lines: [{ drugCode: 'amlodipine', form: 'ORAL', quantity: 30, daysSupply: 30, amountFen: 1000, ...line }],
    ...over,
  };
}
