/** SQL for the fund watch: budgets, fund paid per district and month, patients who reached their cap. */
import type { EntityManager } from '@mikro-orm/postgresql';
import { exec } from '../../db/sql';

export interface StoredBudget {
  districtCode: string;
  year: number;
  budgetFen: number;
  source: string;
  note: string | null;
  setBy: string;
  setAt: Date;
  /** every figure set for the district and year, oldest first (fund_budget_history): a new figure never erases an old one */
  history: BudgetRevision[];
}

export interface BudgetRevision {
  budgetFen: number;
  source: string;
  note: string | null;
  setBy: string;
  setAt: Date;
}

interface BudgetRow {
  district_code: string;
  year: number;
  budget_fen: string;
  source: string;
  note: string | null;
  set_by: string;
  set_at: Date;
}

const toBudget = (r: BudgetRow, history: BudgetRevision[]): StoredBudget => ({
  districtCode: r.district_code,
  year: r.year,
  budgetFen: Number(r.budget_fen),
  source: r.source,
  note: r.note,
  setBy: r.set_by,
  setAt: r.set_at,
  history,
});

async function historyOf(em: EntityManager, districts: readonly string[], year: number): Promise<Map<string, BudgetRevision[]>> {
  const rows = await exec<BudgetRow>(
    em,
    `select district_code, year, budget_fen, source, note, set_by, set_at from fund_budget_history where district_code = any(?) and year = ? order by district_code, id`,
    [districts, year],
  );
  const out = new Map<string, BudgetRevision[]>();
  for (const r of rows)
    out.set(r.district_code, [
      ...(out.get(r.district_code) ?? []),
      { budgetFen: Number(r.budget_fen), source: r.source, note: r.note, setBy: r.set_by, setAt: r.set_at },
    ]);
  return out;
}

export async function budgetsOf(em: EntityManager, districts: readonly string[], year: number): Promise<Map<string, StoredBudget>> {
  const [rows, history] = await Promise.all([
    exec<BudgetRow>(em, `select district_code, year, budget_fen, source, note, set_by, set_at from fund_budgets where district_code = any(?) and year = ?`, [
      districts,
      year,
    ]),
    historyOf(em, districts, year),
  ]);
  return new Map(rows.map((r) => [r.district_code, toBudget(r, history.get(r.district_code) ?? [])]));
}

/** The year's figure as it stands, locked until the caller's transaction ends (what a change replaces, for its audit row); null when none is set. */
export async function currentBudgetForUpdate(em: EntityManager, districtCode: string, year: number): Promise<BudgetRevision | null> {
  const [r] = await exec<BudgetRow>(
    em,
    `select district_code, year, budget_fen, source, note, set_by, set_at from fund_budgets where district_code = ? and year = ? for update`,
    [districtCode, year],
  );
  return r === undefined ? null : { budgetFen: Number(r.budget_fen), source: r.source, note: r.note, setBy: r.set_by, setAt: r.set_at };
}

/** Sets the year's figure and appends it to the history, in the caller's transaction. */
export async function upsertBudget(em: EntityManager, b: Omit<StoredBudget, 'setAt' | 'history'>): Promise<StoredBudget> {
  const [row] = await exec<BudgetRow>(
    em,
    `insert into fund_budgets (district_code, year, budget_fen, source, note, set_by) values (?, ?, ?, ?, ?, ?)
     on conflict (district_code, year) do update set budget_fen = excluded.budget_fen, source = excluded.source, note = excluded.note, set_by = excluded.set_by, set_at = excluded.set_at
     returning district_code, year, budget_fen, source, note, set_by, set_at`,
    [b.districtCode, b.year, b.budgetFen, b.source, b.note, b.setBy],
  );
  await exec(em, `insert into fund_budget_history (district_code, year, budget_fen, source, note, set_by, set_at) values (?, ?, ?, ?, ?, ?, ?)`, [
    row!.district_code,
    row!.year,
    row!.budget_fen,
    row!.source,
    row!.note,
    row!.set_by,
    row!.set_at,
  ]);
  return toBudget(row!, (await historyOf(em, [b.districtCode], b.year)).get(b.districtCode) ?? []);
}

/** Fund paid by accepted claims per district and month (1–12) from 1 January to `to`. */
export async function fundByMonth(em: EntityManager, districts: readonly string[], year: number, to: string): Promise<Map<string, number[]>> {
  const rows = await exec<{ district_code: string; month: number; fund: string }>(
    em,
    `select district_code, extract(month from service_date)::int as month, sum(fund_fen) as fund
       from claims where district_code = any(?) and service_date between ?::date and ?::date and status = 'accepted'
      group by 1, 2`,
    [districts, `${year}-01-01`, to],
  );
  const out = new Map<string, number[]>();
  for (const r of rows) {
    let months = out.get(r.district_code);
    if (months === undefined) {
      months = new Array<number>(12).fill(0);
      out.set(r.district_code, months);
    }
    months[r.month - 1] = Number(r.fund);
  }
  return out;
}

/** Patients whose benefit ledger for the year reached the cap, per district and month of benefit_ledger.cap_reached_on, up to `to`. */
export async function capReachedByMonth(em: EntityManager, districts: readonly string[], year: number, to: string): Promise<Map<string, number[]>> {
  const rows = await exec<{ district_code: string; month: number; patients: string }>(
    em,
    `select district_code, extract(month from cap_reached_on)::int as month, count(*) as patients
       from benefit_ledger where district_code = any(?) and year = ? and cap_reached_on <= ?::date
      group by 1, 2`,
    [districts, year, to],
  );
  const out = new Map<string, number[]>();
  for (const r of rows) {
    let months = out.get(r.district_code);
    if (months === undefined) {
      months = new Array<number>(12).fill(0);
      out.set(r.district_code, months);
    }
    months[r.month - 1] = Number(r.patients);
  }
  return out;
}
