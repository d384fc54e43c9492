/**
 * On the Citus cluster only (TEST_CLUSTER=1; vitest.config.ts leaves this file out otherwise):
 * the migrations distributed what they must, and the plans stay within one district's shards where
 * they can — a claim's statements and a district's statistic are single-shard router plans, a
 * city's statistic fans out to the shards of its districts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REFERENCE_TABLES } from '../../migrations/Migration20261207900000_distribute_on_citus';
import { startHarness, type Harness } from '../../test/harness';
import { exec } from './sql';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

/** The plan's text; `Task Count: N` is how many shards Citus sends the statement to. */
async function plan(text: string, params: unknown[] = []): Promise<string> {
  const rows = await h.sql<{ 'QUERY PLAN': string }>(`explain ${text}`, params);
  return rows.map((r) => r['QUERY PLAN']).join('\n');
}
const tasks = (p: string) => Number(/Task Count: (\d+)/.exec(p)?.[1] ?? NaN);

// the districts of 无锡 (a city-level statistic reads them all)
const WUXI = ['320205', '320206', '320211', '320213', '320214', '320281', '320282'];

const DISTRICT_STATISTIC = `select 'p' as part, street_code as key, array[sum(known), sum(managed)] as v
       from stat_patient_counts where district_code = any(?) and year = ? and quarter = ? and disease_filter = ? group by 2
     union all
     select 'c', street_code, array[sum(claims), sum(fund_fen)]
       from stat_claims_by_street where district_code = any(?) and month between ?::date and ?::date and diseases = any(?) group by 2
     union all
     select 'b', nullif(group_key, ''), array[sum(patients)]
       from stat_beneficiaries where district_code = any(?) and year = ? and quarter = ? and disease_filter = ? and kind = ? group by 2`;
const statisticParams = (districts: string[]) => [
  districts,
  2025,
  2,
  'all',
  districts,
  '2025-01-01',
  '2025-06-30',
  ['hypertension'],
  districts,
  2025,
  2,
  'all',
  'institution',
];

describe('the schema on Citus', () => {
  it('distributes every table with a non-null district_code by it, co-located with patients, and makes the master data reference tables', async () => {
    const tables = await h.sql<{ name: string; type: string; colocated: boolean; column: string | null }>(
      `select c.relname as name, t.citus_table_type as type, t.colocation_id = (select colocation_id from citus_tables where table_name = 'patients'::regclass) as colocated,
              t.distribution_column as column
         from pg_class c join pg_namespace n on n.oid = c.relnamespace and n.nspname = 'public'
         join pg_attribute a on a.attrelid = c.oid and a.attname = 'district_code' and a.attnotnull and not a.attisdropped
         left join citus_tables t on t.table_name = c.oid
        where c.relkind in ('r', 'p') order by 1`,
    );
    const reference = new Set<string>(REFERENCE_TABLES);
    const large = tables.filter((t) => !reference.has(t.name));
    expect(large.length).toBeGreaterThanOrEqual(30);
    expect(large.filter((t) => t.type !== 'distributed' || t.column !== 'district_code' || !t.colocated).map((t) => t.name)).toEqual([]);
    const kinds = await h.sql<{ name: string; type: string | null }>(
      `select x as name, t.citus_table_type as type from unnest(?::text[]) x left join citus_tables t on t.table_name = x::regclass`,
      [[...REFERENCE_TABLES]],
    );
    expect(kinds.filter((k) => k.type !== 'reference').map((k) => k.name)).toEqual([]);
  });

  it("a claim's statements of one district are single-shard router plans", async () => {
    const d = '320213';
    const statements: [string, string, unknown[]][] = [
      [
        'the ledger row',
        `update benefit_ledger set fund_paid_fen = fund_paid_fen + ? where district_code = ? and patient_id = ? and year = ?`,
        [100, d, 'P1', 2025],
      ],
      [
        'the claim',
        `insert into claims (id, district_code, patient_id, institution_id, city_code, service_date, year, pathway, idempotency_key, request_hash, outcome, category, rational_use, amount_fen, compliant_fen, fund_fen, patient_fen, rule_set_id, rule_set_version, catalogue_version, submitted_by)
         values (gen_random_uuid(), ?, 'P1', 'I-LX-CHC', '320200', '2025-05-01', 2025, 'designated', 'k-plan', 'h', 'paid', 'c', true, 1000, 1000, 500, 500, 'r', 'v', 'c', 'u')`,
        [d],
      ],
      [
        "the patient's dispensing history (claim_context)",
        `select c.service_date, l.drug_code, l.days_supply from claims c join claim_lines l on l.district_code = c.district_code and l.claim_id = c.id
          where c.district_code = ? and l.district_code = ? and c.patient_id = ? and c.status = 'accepted' and c.service_date between ?::date and ?::date and l.compliant_fen > 0`,
        [d, d, 'P1', '2025-01-01', '2025-06-30'],
      ],
      [
        "the patient's facts for the rollups (stat_patient_facts_core)",
        `select p.id, (select count(*) from follow_ups f where f.district_code = ? and f.patient_id = p.id) from patients p where p.district_code = ? and p.id = ?`,
        [d, d, 'P1'],
      ],
    ];
    for (const [what, text, params] of statements) {
      const p = await plan(text, params);
      expect({ what, router: p.includes('Citus Adaptive') && tasks(p) === 1 }).toEqual({ what, router: true });
    }
  });

  it("a district's statistic is a router plan; the city's fans out to its districts' shards", async () => {
    const district = await plan(DISTRICT_STATISTIC, statisticParams(['320213']));
    expect(tasks(district)).toBe(1);
    const city = await plan(DISTRICT_STATISTIC, statisticParams(WUXI));
    const shards = await h.sql<{ n: string }>(`select count(distinct get_shard_id_for_distribution_column('patients', x)) as n from unnest(?::text[]) x`, [
      WUXI,
    ]);
    expect(Number(shards[0]!.n)).toBeGreaterThan(1);
    expect(city).toMatch(/Citus Adaptive/);
    expect(tasks(city)).toBeGreaterThan(1);
  });

  it("the what-if's watermark and its check of ended transactions run on the worker of the district's shard, in a transaction block too", async () => {
    const [shard] = await h.sql<{ port: number }>(
      `select nodeport as port from citus_shards where table_name = 'audit_log'::regclass and shardid = get_shard_id_for_distribution_column('audit_log', ?::text)`,
      ['320213'],
    );
    const [coordinator] = await h.sql<{ port: number }>(`select inet_server_port() as port`);
    expect(shard!.port).not.toBe(coordinator!.port);
    const [w] = await h.sql<{ w: { node: number; snapshot: string } }>(`select whatif_watermark(?::text) as w`, ['320213']);
    expect(w!.w.node).toBe(shard!.port);
    expect(w!.w.snapshot).toMatch(/^\d+:\d+:/);
    const inBlock = await h.orm.em.fork().transactional(async (em) => {
      const [r] = await exec<{ r: { node: number; ended: string[] } }>(
        em,
        `select whatif_ended_writes(?::text, ?::bigint, ?::text[], ?::text[], ?::date) as r`,
        ['320213', '0', ['1'], [], '2025-12-31'],
      );
      return r!.r;
    });
    expect(inBlock.node).toBe(shard!.port);
    expect(inBlock.ended).toEqual(['1']);
  });
});
