/**
 * The history imports' progress, refused rows and disagreements (modules/history), read-only:
 * an import runs from the CLI (history:import). Seen by the history_importer of the city (or of
 * its token's district), a district's bureau and the city-wide roles for their districts
 * (Scope.historyDistricts); institution operators see none. An import is visible when one of the
 * districts it wrote to, or the district it was scoped to, is the viewer's; a city-wide import
 * that has written nothing yet by the city's importer and city-wide roles.
 */
import { Arg, Ctx, Field, ID, Int, ObjectType, Query, Resolver } from 'type-graphql';
import type { Scope } from '../auth/scope';
import { exec } from '../db/sql';
import { badInput, forbidden, notFound } from '../errors';
import type { Context } from './context';
import { scopeOf } from './guard';

@ObjectType({ description: '历史数据导入: one run of history:import and its progress, committed chunk by chunk' })
class HistoryImport {
  @Field(() => ID) id!: string;
  @Field(() => String) cityCode!: string;
  @Field(() => String, { nullable: true, description: 'the district the importer’s token was scoped to; null for a city-wide import' }) districtCode!:
    string | null;
  @Field(() => String, { description: 'the file’s name and size' }) source!: string;
  @Field(() => String) startedBy!: string;
  @Field(() => String, { description: 'running | done | failed (a failed or killed import continues when run again)' }) status!: string;
  @Field(() => Int) rowsRead!: number;
  @Field(() => Int) rowsAccepted!: number;
  @Field(() => Int, { description: 'rows whose stable key was already stored (a rerun): written no second time' }) rowsAlreadyStored!: number;
  @Field(() => Int) rowsRejected!: number;
  @Field(() => Int) claimsStored!: number;
  @Field(() => Int, { description: 'claims where the old system’s fund amount differs from the policy core’s' }) disagreements!: number;
  @Field(() => Int, { description: 'the file’s last row committed: a rerun continues after it' }) lastCommittedRow!: number;
  @Field(() => [String], { description: 'the districts it wrote to' }) districts!: string[];
  @Field(() => String, { nullable: true }) error!: string | null;
  @Field(() => String) startedAt!: string;
  @Field(() => String) updatedAt!: string;
  @Field(() => String, { nullable: true }) finishedAt!: string | null;
}

@ObjectType({ description: 'a refused row: nothing of it was written' })
class HistoryImportProblem {
  @Field(() => Int, { description: 'the line’s number in the file, from 1' }) row!: number;
  @Field(() => String, { description: 'the field, e.g. lines[0].drugCode; empty for the whole line' }) field!: string;
  @Field(() => String, { description: 'the coded reason (docs/history-import.md), e.g. unknown_patient, bad_date' }) code!: string;
  @Field(() => String) message!: string;
  @Field(() => String, { nullable: true }) districtCode!: string | null;
}

@ObjectType()
class HistoryImportProblemConnection {
  @Field(() => [HistoryImportProblem]) nodes!: HistoryImportProblem[];
  @Field(() => String, { nullable: true }) endCursor!: string | null;
  @Field(() => Boolean) hasNextPage!: boolean;
}

@ObjectType({ description: 'an imported claim the policy core decides otherwise than the old system paid (the claim keeps the old amounts: it was settled)' })
class HistoryDisagreement {
  @Field(() => String) districtCode!: string;
  @Field(() => ID) claimId!: string;
  @Field(() => String, { description: 'the old system’s claim id' }) claimKey!: string;
  @Field(() => ID) patientId!: string;
  @Field(() => String) serviceDate!: string;
  @Field(() => Int, { description: 'fen' }) oldFundFen!: number;
  @Field(() => Int, { description: 'fen' }) coreFundFen!: number;
  @Field(() => String) coreOutcome!: string;
  @Field(() => [String]) coreHitCodes!: string[];
}

@ObjectType()
class HistoryDisagreementConnection {
  @Field(() => [HistoryDisagreement]) nodes!: HistoryDisagreement[];
  @Field(() => String, { nullable: true }) endCursor!: string | null;
  @Field(() => Boolean) hasNextPage!: boolean;
}

const IMPORT_COLUMNS = `id::text as id, city_code, district_code, source, started_by, status, rows_read, rows_accepted, rows_already_stored, rows_rejected, claims_stored, disagreements, last_committed_row, districts, error, started_at, updated_at, finished_at`;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MAX_PAGE = 500;

type ImportRow = Record<string, unknown> & { id: string; city_code: string; district_code: string | null; districts: string[] };
const iso = (v: unknown) => (v == null ? null : v instanceof Date ? v.toISOString() : String(v));

function toImport(r: ImportRow): HistoryImport {
  return {
    id: r.id,
    cityCode: r.city_code,
    districtCode: r.district_code,
    source: String(r.source),
    startedBy: String(r.started_by),
    status: String(r.status),
    rowsRead: Number(r.rows_read),
    rowsAccepted: Number(r.rows_accepted),
    rowsAlreadyStored: Number(r.rows_already_stored),
    rowsRejected: Number(r.rows_rejected),
    claimsStored: Number(r.claims_stored),
    disagreements: Number(r.disagreements),
    lastCommittedRow: Number(r.last_committed_row),
    districts: r.districts,
    error: (r.error as string | null) ?? null,
    startedAt: iso(r.started_at)!,
    updatedAt: iso(r.updated_at)!,
    finishedAt: iso(r.finished_at),
  };
}

function visibleTo(scope: Scope, r: ImportRow): boolean {
  const mine = new Set(scope.historyDistricts());
  if (r.districts.some((d) => mine.has(d)) || (r.district_code !== null && mine.has(r.district_code))) return true;
  const v = scope.viewer;
  const cityWide = v.role === 'city_leadership' || v.role === 'auditor' || (v.role === 'history_importer' && v.districtCode === null);
  return r.district_code === null && r.districts.length === 0 && cityWide && r.city_code === v.cityCode;
}

function pageSize(first: number): number {
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE) throw badInput('first', `must be 1–${MAX_PAGE}`, `须为1–${MAX_PAGE}`);
  return first;
}

function cursorOf(after: string | null | undefined, field = 'after'): string | null {
  if (after == null) return null;
  if (after.length > 200) throw badInput(field, 'not a cursor of this list', '游标无效');
  return after;
}

@Resolver()
export class HistoryResolver {
  @Query(() => HistoryImport, { description: 'One history import’s progress (rows read, accepted, rejected, last committed row).' })
  async historyImport(@Ctx() ctx: Context, @Arg('id', () => ID) id: string): Promise<HistoryImport> {
    return toImport(await this.visibleImport(ctx, id));
  }

  @Query(() => [HistoryImport], { description: 'The history imports that wrote to (or were scoped to) a district, newest first.' })
  async historyImports(
    @Ctx() ctx: Context,
    @Arg('districtCode', () => String) districtCode: string,
    @Arg('first', () => Int, { defaultValue: 20 }) first: number,
  ): Promise<HistoryImport[]> {
    const scope = scopeOf(ctx);
    if (!scope.historyDistricts().includes(districtCode)) throw forbidden();
    const rows = await exec<ImportRow>(
      ctx.em,
      `select ${IMPORT_COLUMNS} from history_imports where ? = any(districts) or district_code = ? order by started_at desc, id limit ?`,
      [districtCode, districtCode, pageSize(first)],
    );
    return rows.map(toImport);
  }

  @Query(() => HistoryImportProblemConnection, {
    description: 'The rows an import refused, by row number (the viewer’s districts’ rows, and the rows naming no district).',
  })
  async historyImportProblems(
    @Ctx() ctx: Context,
    @Arg('importId', () => ID) importId: string,
    @Arg('first', () => Int, { defaultValue: 100 }) first: number,
    @Arg('after', () => String, { nullable: true, description: 'endCursor of the page before' }) after: string | null,
  ): Promise<HistoryImportProblemConnection> {
    const scope = scopeOf(ctx);
    const n = pageSize(first);
    const from = cursorOf(after);
    const fromRow = from === null ? 0 : Number(from);
    if (!Number.isSafeInteger(fromRow) || fromRow < 0) throw badInput('after', 'not a cursor of this list', '游标无效');
    await this.visibleImport(ctx, importId);
    const mine = scope.historyDistricts();
    const rows = await exec<{ row_no: string; field: string; code: string; message: string; district_code: string | null }>(
      ctx.em,
      `select row_no, field, code, message, district_code from history_import_problems
        where import_id = ?::uuid and row_no > ? and (district_code is null or district_code = any(?)) order by row_no, field limit ?`,
      [importId, fromRow, [...mine], n + 1],
    );
    // A row's problems are never split over two pages: the page ends at a row boundary.
    let page = rows.slice(0, n);
    const more = rows.length > n;
    if (more && page.length > 0 && rows[n]!.row_no === page.at(-1)!.row_no) {
      const cut = page.findIndex((r) => r.row_no === page.at(-1)!.row_no);
      if (cut > 0) page = page.slice(0, cut);
    }
    return {
      nodes: page.map((r) => ({ row: Number(r.row_no), field: r.field, code: r.code, message: r.message, districtCode: r.district_code })),
      hasNextPage: more,
      endCursor: page.length === 0 ? null : String(page.at(-1)!.row_no),
    };
  }

  @Query(() => HistoryDisagreementConnection, {
    description: 'An import’s disagreements in one district (old fund amount ≠ the policy core’s), paged by claim.',
  })
  async historyDisagreements(
    @Ctx() ctx: Context,
    @Arg('importId', () => ID) importId: string,
    @Arg('districtCode', () => String) districtCode: string,
    @Arg('first', () => Int, { defaultValue: 50 }) first: number,
    @Arg('after', () => String, { nullable: true, description: 'endCursor of the page before' }) after: string | null,
  ): Promise<HistoryDisagreementConnection> {
    const scope = scopeOf(ctx);
    const n = pageSize(first);
    const from = cursorOf(after);
    if (from !== null && !UUID.test(from)) throw badInput('after', 'not a cursor of this list', '游标无效');
    if (!scope.historyDistricts().includes(districtCode)) throw forbidden();
    await this.visibleImport(ctx, importId);
    const rows = await exec<{
      district_code: string;
      claim_id: string;
      claim_key: string;
      patient_id: string;
      service_date: string;
      old_fund_fen: string;
      core_fund_fen: string;
      core_outcome: string;
      core_hit_codes: string[];
    }>(
      ctx.em,
      `select district_code, claim_id::text as claim_id, claim_key, patient_id, to_char(service_date, 'YYYY-MM-DD') as service_date, old_fund_fen, core_fund_fen, core_outcome, core_hit_codes
         from history_disagreements where import_id = ?::uuid and district_code = ? and (?::uuid is null or claim_id > ?::uuid) order by claim_id limit ?`,
      [importId, districtCode, from, from, n + 1],
    );
    const page = rows.slice(0, n);
    return {
      nodes: page.map((r) => ({
        districtCode: r.district_code,
        claimId: r.claim_id,
        claimKey: r.claim_key,
        patientId: r.patient_id,
        serviceDate: r.service_date,
        oldFundFen: Number(r.old_fund_fen),
        coreFundFen: Number(r.core_fund_fen),
        coreOutcome: r.core_outcome,
        coreHitCodes: r.core_hit_codes,
      })),
      hasNextPage: rows.length > n,
      endCursor: page.length === 0 ? null : page.at(-1)!.claim_id,
    };
  }

  private async visibleImport(ctx: Context, id: string): Promise<ImportRow> {
    const scope = scopeOf(ctx);
    if (!UUID.test(id)) throw notFound('history import', id);
    const [row] = await exec<ImportRow>(ctx.em, `select ${IMPORT_COLUMNS} from history_imports where id = ?::uuid`, [id]);
    if (row === undefined || !visibleTo(scope, row)) throw notFound('history import', id);
    return row;
  }
}
