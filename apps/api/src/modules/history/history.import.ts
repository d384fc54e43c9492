/**
 * The history import (docs/history-import.md). Streams the lines (a file never sits in memory),
 * in chunks of `chunkRows` rows; each chunk is one transaction on one connection:
 *   1. every row parsed and checked (history.rows.ts), then against the database and the file so
 *      far (scope, institutions, streets, patients, keys already stored, closed quarters);
 *   2. the patients, diagnoses, certifications, designations and follow-ups COPYed in;
 *   3. the claims' patient-years locked (ledger upsert in key order, as the claim path does), their
 *      patients' years read by claim_context (which sees step 2), each claim re-decided by the
 *      policy core in file order against what the earlier ones left;
 *   4. claims, lines, documents (the decision without its trace) and disagreements COPYed in, the
 *      ledgers moved by the old system's amounts, the problems, an audit row per district and the
 *      progress (last committed row) written — and committed together.
 * A rerun continues after the last committed row; a row whose stable key is already stored
 * (patient id, certificate number, designation start, follow-up and claim keys) is counted as
 * such and written no second time. Rollups are not maintained row by row: at the end the import
 * rebuilds each affected district's materialised years from the raw tables, as stats:rebuild does.
 */
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { EntityManager } from '@mikro-orm/postgresql';
import { onCitus } from '../../db/sql';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { addDays, type RuleSetOverride } from '@liangbing/policy';
import type { Viewer } from '../../auth/tokens';
import { AppError, forbidden } from '../../errors';
import { copyLine, type CopyValue } from '../../demo/copy-format';
import { COPY_COLUMNS, type CopyTable } from '../../db/copy-columns';
import type { PatientContext } from '../claims/claim-batch.repository';
import { patientYearOf, requestClaimInput, requestHash } from '../claims/claim.input';
import { HISTORY_DAYS, type LedgerRow } from '../claims/patient-year.repository';
import { withReferralOnRecord } from '../clinical/claim-referral';
import { institutionOnDate, type InstitutionContext } from '../masterdata/institution-on-date';
import { quarterOf } from '../statistics/counts';
import { materialise } from '../statistics/rollup.build';
import { redecide, settledDecision, stateOf, type DispensingState } from './history.decide';
import { parseHistoryLine, type ClaimRow, type HistoryRow, type PatientRow, type ProblemCode, type RowProblem } from './history.rows';

export interface HistoryImportOptions {
  viewer: Viewer;
  /** names the file (its name and size): a rerun of the same source continues the unfinished import */
  source: string;
  today: string;
  overrides: readonly RuleSetOverride[];
  chunkRows?: number;
  progress?: (p: HistoryImportSummary) => void;
  /** continue the last unfinished import of this source (default true) */
  resume?: boolean;
}

export interface HistoryImportSummary {
  id: string;
  rowsRead: number;
  rowsAccepted: number;
  rowsAlreadyStored: number;
  rowsRejected: number;
  claimsStored: number;
  disagreements: number;
  lastCommittedRow: number;
  resumedFrom: number;
  rebuilt: { districtCode: string; year: number; skipped?: string }[];
  rebuildSeconds: number;
  seconds: number;
}

/** A stable UUID for a history row's key (name-based: a rerun gives the same id). */
export function historyUuid(name: string): string {
  const h = createHash('sha1').update(`liangbing-history:${name}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${((parseInt(h.slice(16, 18), 16) & 0x3f) | 0x80).toString(16)}${h.slice(18, 20)}-${h.slice(20, 32)}`;
}

export const claimKeyOf = (key: string) => `history:${key}`;

async function copy(client: pg.Client, table: CopyTable, text: string): Promise<number> {
  if (text.length === 0) return 0;
  const stream = client.query(copyFrom(`copy ${table} (${COPY_COLUMNS[table].join(', ')}) from stdin`));
  await pipeline(Readable.from([text]), stream);
  return stream.rowCount;
}

interface Reference {
  /** district → city */
  districts: Map<string, string>;
  /** street → district */
  streets: Map<string, string>;
  institutions: Map<string, InstitutionContext>;
  /** `district|year*10+quarter` */
  closed: Set<string>;
}

async function loadReference(client: pg.Client): Promise<Reference> {
  const regions = (
    await client.query<{ code: string; level: string; parent_code: string | null; city_code: string }>(
      `select code, level, parent_code, city_code from regions`,
    )
  ).rows;
  const [ctx] = (
    await client.query<{ r: { institutions: InstitutionContext[] | null } }>(
      `select claim_context('[]'::jsonb, '[]'::jsonb, array(select id from institutions), '{}'::text[]) as r`,
    )
  ).rows;
  const closed = (await client.query<{ district_code: string; year: number; quarter: number }>(`select district_code, year, quarter from stat_closed_periods`))
    .rows;
  return {
    districts: new Map(regions.filter((r) => r.level === 'district').map((r) => [r.code, r.city_code])),
    streets: new Map(regions.filter((r) => r.level === 'street').map((r) => [r.code, r.parent_code!])),
    institutions: new Map((ctx!.r.institutions ?? []).map((i) => [i.id, i])),
    closed: new Set(closed.map((c) => `${c.district_code}|${c.year * 10 + c.quarter}`)),
  };
}

/** Only the import role imports; a city's importer, or a district's when its token names one. */
export function assertImporter(viewer: Viewer): void {
  if (viewer.role !== 'history_importer') throw forbidden('Only the history_importer role imports a history', '仅历史数据导入角色可导入历史数据');
}

export async function runHistoryImport(em: EntityManager, lines: AsyncIterable<string>, o: HistoryImportOptions): Promise<HistoryImportSummary> {
  assertImporter(o.viewer);
  // Taken before the first await: a readline interface read later would have emitted (and lost) its lines meanwhile.
  const iterator = lines[Symbol.asyncIterator]();
  const started = performance.now();
  const client = new pg.Client({ connectionString: String(em.config.get('clientUrl')) });
  await client.connect();
  let importId: string | null = null;
  let second: pg.Client | null = null;
  const inFlight: InFlight[] = [];
  try {
    const ref = await loadReference(client);
    const scopeDistricts = new Set(
      [...ref.districts].filter(([d, city]) => city === o.viewer.cityCode && (o.viewer.districtCode === null || o.viewer.districtCode === d)).map(([d]) => d),
    );
    const found =
      o.resume === false
        ? []
        : (
            await client.query<{
              id: string;
              rows_read: string;
              rows_accepted: string;
              rows_already_stored: string;
              rows_rejected: string;
              claims_stored: string;
              disagreements: string;
              last_committed_row: string;
              districts: string[];
            }>(
              `select * from history_imports where city_code = $1 and coalesce(district_code, '') = $2 and source = $3 and status <> 'done' order by started_at desc limit 1`,
              [o.viewer.cityCode, o.viewer.districtCode ?? '', o.source],
            )
          ).rows;
    const s: HistoryImportSummary = {
      id: '',
      rowsRead: 0,
      rowsAccepted: 0,
      rowsAlreadyStored: 0,
      rowsRejected: 0,
      claimsStored: 0,
      disagreements: 0,
      lastCommittedRow: 0,
      resumedFrom: 0,
      rebuilt: [],
      rebuildSeconds: 0,
      seconds: 0,
    };
    const districts = new Set<string>();
    if (found[0] !== undefined) {
      const f = found[0];
      Object.assign(s, {
        id: f.id,
        rowsRead: Number(f.rows_read),
        rowsAccepted: Number(f.rows_accepted),
        rowsAlreadyStored: Number(f.rows_already_stored),
        rowsRejected: Number(f.rows_rejected),
        claimsStored: Number(f.claims_stored),
        disagreements: Number(f.disagreements),
        lastCommittedRow: Number(f.last_committed_row),
        resumedFrom: Number(f.last_committed_row),
      });
      for (const d of f.districts) districts.add(d);
      await client.query(`update history_imports set status = 'running', error = null, updated_at = now() where id = $1`, [f.id]);
    } else {
      const [row] = (
        await client.query<{ id: string }>(`insert into history_imports (city_code, district_code, source, started_by) values ($1, $2, $3, $4) returning id`, [
          o.viewer.cityCode,
          o.viewer.districtCode,
          o.source,
          o.viewer.userId,
        ])
      ).rows;
      s.id = row!.id;
    }
    importId = s.id;
    const chunkRows = o.chunkRows ?? 10_000;
    // Two connections, a chunk on each in turn: chunk n+1 is parsed, checked and decided while
    // chunk n is written (Chunk.execute: commits in file order, shared keys wait). On Citus one chunk
    // at a time: with two in flight the rerun suite did not finish on the cluster (not diagnosed yet).
    if (!(await onCitus(em))) {
      second = new pg.Client({ connectionString: String(em.config.get('clientUrl')) });
      await second.connect();
    }
    const chunks = [client, ...(second === null ? [] : [second])].map((c) => new Chunk(c, ref, scopeDistricts, o, s, districts));
    let submitted = 0;
    let lastSubmittedRow = s.lastCommittedRow;
    const submit = async (items: { rowNo: number; line: string }[], lastRow: number) => {
      const chunk = chunks[submitted++ % chunks.length]!;
      const parsed = chunk.parse(items);
      const before = inFlight.at(-1) ?? null;
      const committed = chunk.execute(parsed, lastRow, before);
      committed.catch(() => undefined);
      inFlight.push({ committed, touched: parsed.touched });
      lastSubmittedRow = lastRow;
      // At most one chunk a connection: the earlier one's commit before the next is read.
      const settled = chunks.length === 1 ? committed : before?.committed;
      if (settled !== undefined) {
        await settled;
        inFlight.shift();
        o.progress?.(s);
      }
    };
    lap('start');
    const slack = Math.floor(chunkRows / 10);
    let rowNo = 0;
    let pending: { rowNo: number; line: string }[] = [];
    for (let next = await iterator.next(); next.done !== true; next = await iterator.next()) {
      const line = next.value;
      rowNo++;
      if (rowNo <= s.lastCommittedRow || line.trim().length === 0) continue;
      // A full chunk ends before a patient's first line if one comes soon: its neighbour then shares no patient with it and is written alongside.
      if (pending.length >= chunkRows && (pending.length >= chunkRows + slack || PATIENT_LINE.test(line))) {
        await submit(pending, rowNo - 1);
        pending = [];
      }
      pending.push({ rowNo, line });
    }
    if (pending.length > 0 || rowNo > lastSubmittedRow) await submit(pending, rowNo);
    for (const f of inFlight.splice(0)) {
      await f.committed;
      o.progress?.(s);
    }
    const r0 = performance.now();
    lap('read');
    s.rebuilt = await rebuild(em, client, [...districts]);
    lap('rebuild');
    if (PROFILE) console.error(`[history] where the time went:\n${profileReport()}`);
    s.rebuildSeconds = (performance.now() - r0) / 1000;
    s.seconds = (performance.now() - started) / 1000;
    await client.query(`update history_imports set status = 'done', rebuilt = $2::jsonb, finished_at = now(), updated_at = now() where id = $1`, [
      s.id,
      JSON.stringify(s.rebuilt),
    ]);
    return s;
  } catch (e) {
    // Every chunk settled (each rolls itself back on a failure) before the import is marked failed on the first connection.
    await Promise.allSettled(inFlight.map((f) => f.committed));
    await client.query('rollback').catch(() => undefined);
    if (importId !== null)
      await client
        .query(`update history_imports set status = 'failed', error = $2, updated_at = now() where id = $1`, [
          importId,
          String((e as Error).message ?? e).slice(0, 2000),
        ])
        .catch(() => undefined);
    throw e;
  } finally {
    await second?.end().catch(() => undefined);
    await client.end();
  }
}

/** Districts rebuilt at once at the end of an import. */
const REBUILD_PARALLEL = 2;

/** Each affected district's materialised years built again from the raw tables (stats:rebuild's materialise); a year with a closed quarter is left as it is, and said so. */
async function rebuild(em: EntityManager, client: pg.Client, districts: string[]): Promise<HistoryImportSummary['rebuilt']> {
  if (districts.length === 0) return [];
  // The imported patients' stored records (stat_patient_facts_cache) go, a year with closed quarters included: the next write reads the raw tables
  await client.query(`delete from stat_patient_facts_cache where district_code = any($1)`, [districts]);
  const years = (
    await client.query<{ district_code: string; year: number; closed: boolean }>(
      `select m.district_code, m.year, exists (select 1 from stat_closed_periods c where c.district_code = m.district_code and c.year = m.year) as closed
       from stat_materialised m where m.district_code = any($1) order by 1, 2`,
      [districts],
    )
  ).rows;
  // A district's years one after the other (materialise locks the district), two districts at a time: the machine's two cores.
  const out: HistoryImportSummary['rebuilt'] = years.map((y) =>
    y.closed
      ? { districtCode: y.district_code, year: y.year, skipped: 'the year has closed quarters: its rollups are immutable' }
      : { districtCode: y.district_code, year: y.year },
  );
  const queue = [...new Set(years.map((y) => y.district_code))];
  const worker = async () => {
    for (let d = queue.shift(); d !== undefined; d = queue.shift())
      for (const y of years) if (y.district_code === d && !y.closed) await materialise(em.fork(), d, y.year, true);
  };
  await Promise.all(Array.from({ length: REBUILD_PARALLEL }, worker));
  return out;
}

type Parsed = { rowNo: number; row: HistoryRow };

/**
 * claim_context's answer for a patient stored by the chunk itself: nothing on record but the
 * chunk's own rows (its diseases here; its certifications and designations added as they are
 * stored): no scheme change, residence, finding, referral, dispensing or exit.
 */
function freshContext(r: PatientRow): PatientContext {
  return {
    scheme: r.scheme,
    chronicProgrammeDiseases: [...r.chronicProgrammeDiseases],
    longTermResidenceElsewhere: false,
    findings: [],
    referrals: [],
    diseases: r.diseases.map((d) => ({ disease: d.disease, diabetesType: d.diabetesType, diagnosedOn: d.diagnosedOn })),
    certifications: [],
    designations: [],
    history: [],
    priorDrugs: [],
    schemes: [],
    residences: [],
    leftOn: null,
    leftReason: null,
  };
}

/** Patients per claim_context call (its cost grows with the square of the patients of one call). */
const CONTEXT_SLICE = 50;

/** Where a chunk's time goes (HISTORY_PROFILE=1 prints it at the end on stderr). */
const PROFILE = process.env.HISTORY_PROFILE === '1';
const spent = new Map<string, number>();
let mark = 0;
function lap(name: string): void {
  if (!PROFILE) return;
  const now = performance.now();
  spent.set(name, (spent.get(name) ?? 0) + now - mark);
  mark = now;
}
export function profileReport(): string {
  const total = [...spent.values()].reduce((a, b) => a + b, 0);
  return [...spent].map(([k, v]) => `${k.padEnd(24)} ${(v / 1000).toFixed(2).padStart(8)} s ${((100 * v) / total).toFixed(1).padStart(5)} %`).join('\n');
}

interface ParsedChunk {
  items: { rowNo: number; line: string }[];
  problems: (RowProblem & { districtCode: string | null })[];
  good: Parsed[];
  /** the patients and stable keys the chunk's rows name (history.import touchedKeys) */
  touched: Set<string>;
}

/** A chunk being written: its commit, and what it touches. */
interface InFlight {
  committed: Promise<void>;
  touched: ReadonlySet<string>;
}

/**
 * What a row reads and writes of the database that another chunk's rows could also: its patient
 * (every record of a patient — certifications, designations, ledgers, claim_context — hangs off
 * it), a new patient's resident ID, a follow-up's or claim's stable key.
 */
export function touchedKeys(r: HistoryRow): string[] {
  const d = r.districtCode;
  switch (r.kind) {
    case 'patient':
      return [`p|${d}|${r.id}`, `r|${d}|${r.residentId}`];
    case 'followUp':
      return [`p|${d}|${r.patientId}`, `f|${d}|${r.key}`];
    case 'claim':
      return [`p|${d}|${r.patientId}`, `c|${d}|${r.key}`];
    default:
      return [`p|${d}|${r.patientId}`];
  }
}

export function overlaps(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  for (const k of small) if (large.has(k)) return true;
  return false;
}

/** A line that begins a patient's records: a chunk that is full is cut before one (up to a tenth of the chunk later). */
const PATIENT_LINE = /"kind"\s*:\s*"patient"/;

class Chunk {
  constructor(
    private readonly client: pg.Client,
    private readonly ref: Reference,
    private readonly scope: Set<string>,
    private readonly o: HistoryImportOptions,
    private readonly s: HistoryImportSummary,
    private readonly districts: Set<string>,
  ) {}

  /** Step 1 of a chunk, in Node alone: its rows parsed and checked against the reference data, and what it touches. */
  parse(items: { rowNo: number; line: string }[]): ParsedChunk {
    lap('read');
    const problems: (RowProblem & { districtCode: string | null })[] = [];
    const good: Parsed[] = [];
    const touched = new Set<string>();
    for (const it of items) {
      const r = parseHistoryLine(it.line, it.rowNo, this.o.today);
      if (!r.ok) problems.push(...r.problems.map((p) => ({ ...p, districtCode: r.districtCode })));
      else {
        const p = this.referenceProblem(r.row, it.rowNo);
        if (p === null) {
          good.push({ rowNo: it.rowNo, row: r.row });
          for (const k of touchedKeys(r.row)) touched.add(k);
        } else problems.push({ ...p, districtCode: r.row.districtCode });
      }
    }
    lap('parse');
    return { items, problems, good, touched };
  }

  /**
   * Steps 2–4 of a chunk, in its own transaction on this chunk's connection. `before` is the
   * previous chunk (on the other connection), still being written: this one reads the database
   * only once that one has committed when the two touch a common patient or key (its snapshot
   * would miss the other's rows), and it writes its progress and commits only after that one
   * committed — commits stay in file order, so a restart continues after a row every earlier
   * row of which is stored; a failure of the previous chunk rolls this one back.
   */
  async execute(chunk: ParsedChunk, lastRow: number, before: InFlight | null): Promise<void> {
    const c = this.client;
    try {
      if (before !== null && overlaps(chunk.touched, before.touched)) {
        await before.committed;
        lap('wait (shared keys)');
      }
      await this.transact(chunk, lastRow, before);
    } catch (e) {
      await c.query('rollback').catch(() => undefined);
      throw e;
    }
  }

  private async transact({ items, problems, good }: ParsedChunk, lastRow: number, before: InFlight | null): Promise<void> {
    const rejectedRows = new Set(problems.map((p) => p.row));
    const c = this.client;
    await c.query('begin');
    await c.query(`set local synchronous_commit = off`);
    lap('begin');
    const w = await this.write(good, (rowNo, field, code, message, districtCode) => {
      problems.push({ row: rowNo, field, code, message, districtCode });
      rejectedRows.add(rowNo);
    });
    lap('tail');
    if (before !== null) {
      await before.committed;
      lap('wait (commit order)');
    }
    let text = '';
    for (const p of problems) text += copyLine([this.s.id, p.row, p.field, p.code, p.message.slice(0, 500), p.districtCode]);
    // One row may have a problem per field; a second with the same field (a nested list's) is kept once.
    if (text.length > 0) {
      await c.query(`create temporary table if not exists history_problems_stage (like history_import_problems) on commit delete rows`);
      const stream = c.query(copyFrom(`copy history_problems_stage (${COPY_COLUMNS.history_import_problems.join(', ')}) from stdin`));
      await pipeline(Readable.from([text]), stream);
      await c.query(`insert into history_import_problems select * from history_problems_stage on conflict do nothing`);
    }
    for (const d of w.districts) {
      this.districts.add(d);
      await c.query(
        `insert into audit_log (district_code, user_id, role, action, entity, entity_id, detail) values ($1, $2, $3, 'history.import', 'history_import', $4, $5::jsonb)`,
        [d, this.o.viewer.userId, this.o.viewer.role, this.s.id, JSON.stringify({ fromRow: items[0]?.rowNo ?? lastRow, toRow: lastRow })],
      );
    }
    const s = this.s;
    s.rowsRead += items.length;
    s.rowsRejected += rejectedRows.size;
    s.rowsAccepted += w.accepted;
    s.rowsAlreadyStored += w.already;
    s.claimsStored += w.claims;
    s.disagreements += w.disagreements;
    s.lastCommittedRow = lastRow;
    if (s.rowsAccepted + s.rowsAlreadyStored + s.rowsRejected !== s.rowsRead)
      throw new Error(
        `history import: ${s.rowsRead} rows read but ${s.rowsAccepted} accepted + ${s.rowsAlreadyStored} already stored + ${s.rowsRejected} rejected`,
      );
    await c.query(
      `update history_imports set rows_read = $2, rows_accepted = $3, rows_already_stored = $4, rows_rejected = $5, claims_stored = $6, disagreements = $7, last_committed_row = $8, districts = $9, updated_at = now() where id = $1`,
      [s.id, s.rowsRead, s.rowsAccepted, s.rowsAlreadyStored, s.rowsRejected, s.claimsStored, s.disagreements, s.lastCommittedRow, [...this.districts]],
    );
    lap('problems, audit');
    await c.query('commit');
    lap('commit');
  }

  /** What the database and the file's reference data refuse before anything is read. */
  private referenceProblem(row: HistoryRow, rowNo: number): RowProblem | null {
    const p = (field: string, code: ProblemCode, message: string): RowProblem => ({ row: rowNo, field, code, message });
    if (!this.ref.districts.has(row.districtCode)) return p('districtCode', 'unknown_district', `no district ${row.districtCode}`);
    if (!this.scope.has(row.districtCode)) return p('districtCode', 'outside_scope', 'outside the importer’s city or district');
    const inst = (field: string, id: string | null) =>
      id !== null && !this.ref.institutions.has(id) ? p(field, 'unknown_institution', `no institution ${id}`) : null;
    const closed = (field: string, date: string) =>
      this.ref.closed.has(`${row.districtCode}|${Number(date.slice(0, 4)) * 10 + quarterOf(date)}`)
        ? p(field, 'period_closed', `${date.slice(0, 4)} Q${quarterOf(date)} of ${row.districtCode} is closed`)
        : null;
    switch (row.kind) {
      case 'patient':
        if (row.streetCode !== null && this.ref.streets.get(row.streetCode) !== row.districtCode)
          return p('streetCode', 'unknown_street', `no street ${row.streetCode} in ${row.districtCode}`);
        return inst('managingInstitutionId', row.managingInstitutionId);
      case 'certification':
        return inst('institutionId', row.institutionId);
      case 'designation':
        return inst('institutionId', row.institutionId);
      case 'generalOutpatient':
        return null;
      case 'followUp':
        return inst('institutionId', row.institutionId) ?? closed('date', row.date);
      case 'claim':
        return (
          inst('institutionId', row.institutionId) ?? inst('referralFromInstitutionId', row.referralFromInstitutionId) ?? closed('serviceDate', row.serviceDate)
        );
    }
  }

  private async existing(sql: string, cols: (string | number)[][]): Promise<Set<string>> {
    if (cols[0]!.length === 0) return new Set();
    const rows = (await this.client.query<{ k: string }>(sql, cols)).rows;
    return new Set(rows.map((r) => r.k));
  }

  private async write(good: Parsed[], reject: (rowNo: number, field: string, code: ProblemCode, message: string, districtCode: string) => void) {
    const c = this.client;
    const byKind = <K extends HistoryRow['kind']>(k: K) => good.filter((g) => g.row.kind === k) as { rowNo: number; row: Extract<HistoryRow, { kind: K }> }[];
    const patientRows = byKind('patient');
    const refs = new Map<string, [string, string]>();
    for (const g of good) {
      const pid = g.row.kind === 'patient' ? g.row.id : g.row.patientId;
      refs.set(`${g.row.districtCode}|${pid}`, [g.row.districtCode, pid]);
    }
    const ds = [...refs.values()].map((r) => r[0]);
    const ps = [...refs.values()].map((r) => r[1]);
    const patientsKnown = await this.existing(
      `select district_code || '|' || id as k from patients p join unnest($1::text[], $2::text[]) k(d, p) on p.district_code = k.d and p.id = k.p`,
      [ds, ps],
    );
    const residents = await this.existing(
      `select p.district_code || '|' || p.resident_id as k from patients p join unnest($1::text[], $2::text[]) k(d, r) on p.district_code = k.d and p.resident_id = k.r`,
      [patientRows.map((g) => g.row.districtCode), patientRows.map((g) => g.row.residentId)],
    );
    const certs = (
      await c.query<{ k: string; active: boolean }>(
        `select x.district_code || '|' || x.patient_id || '|' || x.certificate_no as k, x.revoked_on is null as active from certifications x join unnest($1::text[], $2::text[]) k(d, p) on x.district_code = k.d and x.patient_id = k.p`,
        [ds, ps],
      )
    ).rows;
    const certKeys = new Set(certs.map((r) => r.k));
    const activeCert = new Set(certs.filter((r) => r.active).map((r) => r.k.slice(0, r.k.lastIndexOf('|'))));
    const desigKeys = await this.existing(
      `select x.district_code || '|' || x.patient_id || '|' || to_char(x.valid_from, 'YYYY-MM-DD') as k from designations x join unnest($1::text[], $2::text[]) k(d, p) on x.district_code = k.d and x.patient_id = k.p`,
      [ds, ps],
    );
    const fu = byKind('followUp');
    const fuKeys = await this.existing(
      `select x.district_code || '|' || x.id as k from follow_ups x join unnest($1::text[], $2::uuid[]) k(d, i) on x.district_code = k.d and x.id = k.i`,
      [fu.map((g) => g.row.districtCode), fu.map((g) => historyUuid(`followUp:${g.row.districtCode}:${g.row.key}`))],
    );
    const cl = byKind('claim');
    const claimKeys = await this.existing(
      `select x.district_code || '|' || x.idempotency_key as k from claims x join unnest($1::text[], $2::text[]) k(d, key) on x.district_code = k.d and x.idempotency_key = k.key`,
      [cl.map((g) => g.row.districtCode), cl.map((g) => claimKeyOf(g.row.key))],
    );
    lap('keys stored');

    const t: Record<'patients' | 'patient_diseases' | 'certifications' | 'designations' | 'follow_ups', string> = {
      patients: '',
      patient_diseases: '',
      certifications: '',
      designations: '',
      follow_ups: '',
    };
    const go: { d: string; p: string; y: number; f: number; e: boolean }[] = [];
    const claims: { rowNo: number; row: ClaimRow }[] = [];
    const districts = new Set<string>();
    let accepted = 0;
    let already = 0;
    const seen = new Set<string>();
    // What claim_context would read of a patient first stored by this chunk: only what the chunk wrote (freshContext).
    const fresh = new Map<string, PatientContext>();
    for (const g of good) {
      const r = g.row;
      const pk = `${r.districtCode}|${r.kind === 'patient' ? r.id : r.patientId}`;
      const ok = () => {
        accepted++;
        districts.add(r.districtCode);
      };
      if (r.kind === 'patient') {
        if (patientsKnown.has(pk)) {
          already++;
          continue;
        }
        if (residents.has(`${r.districtCode}|${r.residentId}`)) {
          reject(g.rowNo, 'residentId', 'resident_id_taken', 'another patient of the district has this resident ID', r.districtCode);
          continue;
        }
        patientsKnown.add(pk);
        residents.add(`${r.districtCode}|${r.residentId}`);
        t.patients += copyLine([
          r.districtCode,
          r.id,
          r.residentId,
          r.name,
          r.sex,
          r.birthDate,
          r.streetCode,
          r.phone,
          r.scheme,
          null,
          r.managed,
          r.managedSince,
          r.managingInstitutionId,
          r.chronicProgrammeDiseases,
          false,
        ]);
        for (const d of r.diseases) t.patient_diseases += copyLine([r.districtCode, r.id, d.disease, d.diabetesType, d.diagnosedOn]);
        fresh.set(pk, freshContext(r));
        ok();
        continue;
      }
      if (!patientsKnown.has(pk)) {
        reject(
          g.rowNo,
          'patientId',
          'unknown_patient',
          `no patient ${r.patientId} in ${r.districtCode} (in the database or earlier in the file)`,
          r.districtCode,
        );
        continue;
      }
      switch (r.kind) {
        case 'certification': {
          const k = `${pk}|${r.certificateNo}`;
          if (certKeys.has(k)) {
            already++;
            continue;
          }
          if (r.revokedOn === null && activeCert.has(pk)) {
            reject(
              g.rowNo,
              'revokedOn',
              'active_certificate_exists',
              'the patient already holds an unrevoked certificate: give the older one its revokedOn',
              r.districtCode,
            );
            continue;
          }
          certKeys.add(k);
          if (r.revokedOn === null) activeCert.add(pk);
          t.certifications += copyLine([r.districtCode, r.patientId, r.certificateNo, r.certifiedOn, r.institutionId, r.diseases, r.revokedOn]);
          fresh.get(pk)?.certifications.push({ certifiedOn: r.certifiedOn, diseases: [...r.diseases], revokedOn: r.revokedOn });
          ok();
          break;
        }
        case 'designation': {
          const k = `${pk}|${r.validFrom}`;
          if (desigKeys.has(k)) {
            already++;
            continue;
          }
          desigKeys.add(k);
          const consortiumId = this.ref.institutions.get(r.institutionId)!.consortiumId;
          t.designations += copyLine([r.districtCode, r.patientId, r.validFrom, r.validTo, r.institutionId, consortiumId, r.requestedOn, r.atEnrolment]);
          fresh.get(pk)?.designations.push({ institutionId: r.institutionId, consortiumId, from: r.validFrom, to: r.validTo });
          ok();
          break;
        }
        case 'generalOutpatient':
          go.push({ d: r.districtCode, p: r.patientId, y: r.year, f: r.fundPaidFen, e: r.exhausted });
          ok();
          break;
        case 'followUp': {
          const id = historyUuid(`followUp:${r.districtCode}:${r.key}`);
          if (fuKeys.has(`${r.districtCode}|${id}`)) {
            already++;
            continue;
          }
          fuKeys.add(`${r.districtCode}|${id}`);
          t.follow_ups += copyLine([r.districtCode, id, r.patientId, r.institutionId, r.date, r.faceToFace, r.systolic, r.diastolic, r.fastingGlucoseTenths]);
          ok();
          break;
        }
        case 'claim': {
          const k = `${r.districtCode}|${claimKeyOf(r.key)}`;
          if (claimKeys.has(k) || seen.has(k)) {
            already++;
            continue;
          }
          seen.add(k);
          claims.push({ rowNo: g.rowNo, row: r });
          break;
        }
      }
    }
    lap('rows');
    for (const table of ['patients', 'patient_diseases', 'certifications', 'designations', 'follow_ups'] as const) {
      await copy(c, table, t[table]);
      lap(`copy ${table}`);
    }
    if (go.length > 0) {
      go.sort((a, b) => (`${a.d}|${a.p}|${a.y}` < `${b.d}|${b.p}|${b.y}` ? -1 : 1));
      await c.query(
        `insert into benefit_ledger (district_code, patient_id, year, general_outpatient_fund_fen, general_outpatient_exhausted)
         select * from unnest($1::text[], $2::text[], $3::int[], $4::bigint[], $5::boolean[])
         on conflict (district_code, patient_id, year) do update set general_outpatient_fund_fen = excluded.general_outpatient_fund_fen, general_outpatient_exhausted = excluded.general_outpatient_exhausted, updated_at = excluded.updated_at`,
        [go.map((x) => x.d), go.map((x) => x.p), go.map((x) => x.y), go.map((x) => x.f), go.map((x) => x.e)],
      );
    }
    lap('generalOutpatient');
    const decided = claims.length === 0 ? { accepted: 0, disagreements: 0 } : await this.claims(claims, reject, districts, fresh);
    return { accepted: accepted + decided.accepted, already, claims: decided.accepted, disagreements: decided.disagreements, districts };
  }

  private async claims(
    claims: { rowNo: number; row: ClaimRow }[],
    reject: (rowNo: number, field: string, code: ProblemCode, message: string, districtCode: string) => void,
    districts: Set<string>,
    fresh: ReadonlyMap<string, PatientContext>,
  ): Promise<{ accepted: number; disagreements: number }> {
    const c = this.client;
    const ledgerKeys = new Map<string, [string, string, number]>();
    const span = new Map<string, { d: string; p: string; f: string; t: string }>();
    for (const { row } of claims) {
      const y = Number(row.serviceDate.slice(0, 4));
      ledgerKeys.set(`${row.districtCode}|${row.patientId}|${y}`, [row.districtCode, row.patientId, y]);
      const k = `${row.districtCode}|${row.patientId}`;
      const e = span.get(k) ?? { d: row.districtCode, p: row.patientId, f: row.serviceDate, t: row.serviceDate };
      if (row.serviceDate < e.f) e.f = row.serviceDate;
      if (row.serviceDate > e.t) e.t = row.serviceDate;
      span.set(k, e);
    }
    const sorted = [...ledgerKeys.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1)).map((e) => e[1]);
    // The claim path's lock (claim-batch.repository lockLedgers): created if missing, locked in key order.
    const locked = (
      await c.query<LedgerRow & { district_code: string; patient_id: string; year: number; inserted: boolean }>(
        `insert into benefit_ledger (district_code, patient_id, year)
       select k.d, k.p, k.y from unnest($1::text[], $2::text[], $3::int[]) with ordinality k(d, p, y, n) order by k.n
       on conflict (district_code, patient_id, year) do update set updated_at = benefit_ledger.updated_at
       returning district_code, patient_id, year, fund_paid_fen, compliant_fen, general_outpatient_fund_fen, general_outpatient_exhausted, (xmax = 0) as inserted`,
        [sorted.map((k) => k[0]), sorted.map((k) => k[1]), sorted.map((k) => k[2])],
      )
    ).rows;
    lap('ledger lock');
    const ledgers = new Map(
      locked.map((l) => [
        `${l.district_code}|${l.patient_id}|${l.year}`,
        {
          row: l,
          inserted: l.inserted,
          fund: 0,
          compliant: 0,
          amount: 0,
          paid: 0,
          reached: null as string | null,
        },
      ]),
    );
    // A patient first stored by this chunk has on record only what the chunk wrote: its context is
    // built here (freshContext, as claim_context would answer), and claim_context (2 ms a patient)
    // reads the others' — in slices of CONTEXT_SLICE: it gathers its answer by appending to a jsonb
    // array, which costs the square of the patients of one call.
    const contexts = new Map<string, PatientContext>();
    const spans: { d: string; p: string; f: string; t: string }[] = [];
    for (const [k, e] of span) {
      const ctx = fresh.get(k);
      if (ctx === undefined) spans.push(e);
      else
        contexts.set(k, {
          ...ctx,
          certifications: ctx.certifications.filter((x) => x.certifiedOn <= e.t),
          designations: [...ctx.designations].sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0)),
        });
    }
    for (let i = 0; i < spans.length; i += CONTEXT_SLICE) {
      const slice = spans.slice(i, i + CONTEXT_SLICE);
      const [ctxRow] = (
        await c.query<{ r: { patients: (PatientContext & { d: string; p: string })[] | null } }>(
          `select claim_context($1::jsonb, '[]'::jsonb, '{}'::text[], $2::text[]) as r`,
          [JSON.stringify(slice.map((e) => ({ d: e.d, p: e.p, f: addDays(e.f, -HISTORY_DAYS), t: e.t }))), '{}'],
        )
      ).rows;
      for (const p of ctxRow!.r.patients ?? []) contexts.set(`${p.d}|${p.p}`, p);
    }
    lap('claim_context');
    const states = new Map<string, DispensingState>();
    let claimsText = '';
    let docsText = '';
    let linesText = '';
    let disText = '';
    let accepted = 0;
    let disagreements = 0;
    const submittedBy = `history-import:${this.s.id}`;
    for (const { rowNo, row } of claims) {
      const pk = `${row.districtCode}|${row.patientId}`;
      const ctx = contexts.get(pk)!;
      if (ctx.leftOn !== null && ctx.leftOn <= row.serviceDate) {
        reject(rowNo, 'serviceDate', 'patient_left', `the patient left the programme on ${ctx.leftOn} (${ctx.leftReason})`, row.districtCode);
        continue;
      }
      const year = Number(row.serviceDate.slice(0, 4));
      const ledger = ledgers.get(`${pk}|${year}`)!;
      let decision;
      let input;
      let req;
      try {
        const institution = institutionOnDate(this.ref.institutions.get(row.institutionId)!, row.serviceDate, 'institutionId');
        req = {
          idempotencyKey: claimKeyOf(row.key),
          patientId: row.patientId,
          institutionId: row.institutionId,
          serviceDate: row.serviceDate,
          pathway: row.pathway,
          referralFromInstitutionId: row.referralFromInstitutionId,
          referralIssuedOn: row.referralIssuedOn,
          sourcePrescriptionId: null,
          conditionStable: row.conditionStable,
          lines: row.lines,
        };
        req = withReferralOnRecord({ req, prefix: '' }, ctx.referrals).req;
        const state = states.get(pk) ?? stateOf(ctx);
        states.set(pk, state);
        input = requestClaimInput(req, this.ref.districts.get(row.districtCode)!, institution, null);
        const patientYear = patientYearOf(
          ctx,
          row.districtCode,
          row.serviceDate,
          ledger.row,
          { fund_fen: ledger.fund, compliant_fen: ledger.compliant },
          state,
        );
        decision = redecide(input, patientYear, this.o.overrides);
      } catch (e) {
        if (!(e instanceof AppError)) throw e;
        reject(rowNo, String(e.extensions.field ?? '').replace(/^\./, '') || 'claim', 'claim_refused', e.message, row.districtCode);
        continue;
      }
      const state = states.get(pk)!;
      const stored = settledDecision(decision, row.fundFen);
      const id = historyUuid(`claim:${row.districtCode}:${row.key}`);
      const hits = [...new Set(decision.hits.map((h) => h.code))];
      const diseases = ctx.diseases.map((d) => d.disease);
      claimsText += copyLine([
        row.districtCode,
        id,
        row.patientId,
        row.institutionId,
        input.cityCode,
        row.serviceDate,
        year,
        row.pathway,
        req.idempotencyKey,
        requestHash(req),
        stored.outcome,
        stored.category,
        stored.rationalUse,
        stored.amountFen,
        stored.compliantFen,
        stored.fundFen,
        stored.patientFen,
        hits,
        stored.ruleSetId,
        stored.ruleSetVersion,
        stored.catalogueVersionId,
        stored.overrideName,
        diseases,
        req.referralFromInstitutionId ?? null,
        req.referralIssuedOn ?? null,
        null,
        row.conditionStable,
        submittedBy,
      ] as CopyValue[]);
      docsText += copyLine([row.districtCode, id, JSON.stringify(req), JSON.stringify(stored)]);
      stored.lines.forEach((l, i) => {
        const line = row.lines[i]!;
        linesText += copyLine([
          row.districtCode,
          id,
          l.lineNo,
          l.drugCode,
          line.form,
          line.quantity,
          line.daysSupply,
          l.amountFen,
          l.compliantFen,
          l.fundFen,
          l.patientFen,
          [...l.hitCodes],
          row.patientId,
          row.serviceDate,
          row.institutionId,
        ]);
        if (l.compliantFen > 0) {
          state.history.push({ date: row.serviceDate, drugCode: l.drugCode, daysSupply: line.daysSupply, institutionId: row.institutionId });
          const first = state.prior.get(l.drugCode);
          if (first === undefined || row.serviceDate < first) state.prior.set(l.drugCode, row.serviceDate);
        }
      });
      if (decision.fundFen !== row.fundFen) {
        disText += copyLine([row.districtCode, id, this.s.id, row.key, row.patientId, row.serviceDate, row.fundFen, decision.fundFen, decision.outcome, hits]);
        disagreements++;
      }
      ledger.fund += stored.fundFen;
      ledger.compliant += stored.compliantFen;
      ledger.amount += stored.amountFen;
      if (stored.fundFen > 0) ledger.paid += 1;
      if (stored.fundFen > 0 && stored.capRemainingFen === 0) ledger.reached ??= row.serviceDate;
      accepted++;
      districts.add(row.districtCode);
    }
    lap('decide');
    const stored = await copy(c, 'claims', claimsText);
    if (stored !== accepted) throw new Error(`history import: ${accepted} claims decided but ${stored} stored`);
    lap('copy claims');
    await copy(c, 'claim_documents', docsText);
    lap('copy claim_documents');
    await copy(c, 'claim_lines', linesText);
    lap('copy claim_lines');
    await copy(c, 'history_disagreements', disText);
    lap('copy disagreements');
    const moved = [...ledgers.entries()].filter(([, l]) => l.amount > 0 || l.paid > 0);
    const unused = [...ledgers.entries()].filter(([, l]) => l.inserted && l.amount === 0 && l.paid === 0).map(([k]) => k.split('|'));
    if (moved.length > 0) {
      await c.query(
        `update benefit_ledger b set fund_paid_fen = b.fund_paid_fen + r.f, compliant_fen = b.compliant_fen + r.c, drug_cost_fen = b.drug_cost_fen + r.a,
            claims_paid = b.claims_paid + r.n, cap_reached_on = coalesce(b.cap_reached_on, r.reached), updated_at = now()
           from unnest($1::text[], $2::text[], $3::int[], $4::bigint[], $5::bigint[], $6::bigint[], $7::int[], $8::date[]) r(d, p, y, f, c, a, n, reached)
          where b.district_code = r.d and b.patient_id = r.p and b.year = r.y`,
        [
          moved.map(([k]) => k.split('|')[0]),
          moved.map(([k]) => k.split('|')[1]),
          moved.map(([k]) => Number(k.split('|')[2])),
          moved.map(([, l]) => l.fund),
          moved.map(([, l]) => l.compliant),
          moved.map(([, l]) => l.amount),
          moved.map(([, l]) => l.paid),
          moved.map(([, l]) => l.reached),
        ],
      );
    }
    if (unused.length > 0) {
      await c.query(
        `delete from benefit_ledger b using unnest($1::text[], $2::text[], $3::int[]) k(d, p, y) where b.district_code = k.d and b.patient_id = k.p and b.year = k.y and b.claims_paid = 0 and b.fund_paid_fen = 0 and b.general_outpatient_fund_fen = 0 and not b.general_outpatient_exhausted`,
        [unused.map((k) => k[0]), unused.map((k) => k[1]), unused.map((k) => Number(k[2]))],
      );
    }
    lap('ledger move');
    return { accepted, disagreements };
  }
}
