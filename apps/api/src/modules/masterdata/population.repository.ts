/** Population figures per district and year (a reference table) and every value ever set for them. */
import type { EntityManager } from '@mikro-orm/postgresql';
import { exec } from '../../db/sql';

export interface PopulationValues {
  population35Plus: number;
  hypertensionPrevalenceBp: number;
  diabetesPrevalenceBp: number;
  surveyAwarenessHypertensionBp: number | null;
  surveyAwarenessDiabetesBp: number | null;
  source: string;
  surveyAwarenessSource: string | null;
}

export interface PopulationFigureRecord extends PopulationValues {
  districtCode: string;
  year: number;
  setBy: string | null;
  setAt: string;
  /** 1 for the first value set; the current figure is the highest */
  revision: number;
}

interface Row {
  district_code: string;
  year: number;
  revision: number;
  population_35_plus: number;
  hypertension_prevalence_bp: number;
  diabetes_prevalence_bp: number;
  survey_awareness_hypertension_bp: number | null;
  survey_awareness_diabetes_bp: number | null;
  source: string;
  survey_awareness_source: string | null;
  set_by: string | null;
  set_at: string;
}

const toRecord = (r: Row): PopulationFigureRecord => ({
  districtCode: r.district_code,
  year: r.year,
  revision: r.revision,
  population35Plus: r.population_35_plus,
  hypertensionPrevalenceBp: r.hypertension_prevalence_bp,
  diabetesPrevalenceBp: r.diabetes_prevalence_bp,
  surveyAwarenessHypertensionBp: r.survey_awareness_hypertension_bp,
  surveyAwarenessDiabetesBp: r.survey_awareness_diabetes_bp,
  source: r.source,
  surveyAwarenessSource: r.survey_awareness_source,
  setBy: r.set_by,
  setAt: r.set_at,
});

const VALUE_COLUMNS = `district_code, year, population_35_plus, hypertension_prevalence_bp, diabetes_prevalence_bp, survey_awareness_hypertension_bp, survey_awareness_diabetes_bp,
  source, survey_awareness_source, set_by, to_char(set_at at time zone 'Asia/Shanghai', 'YYYY-MM-DD"T"HH24:MI:SS"+08:00"') as set_at`;
const COLUMNS = `${VALUE_COLUMNS}, revision`;
const LATEST_REVISION = `coalesce((select max(r.revision) from population_figure_revisions r where r.district_code = f.district_code and r.year = f.year), 0) as revision`;

/** Stores the figure as the district-year's current one and appends it to the revisions; answers the stored revision. */
export async function storeFigure(em: EntityManager, districtCode: string, year: number, v: PopulationValues, setBy: string): Promise<PopulationFigureRecord> {
  // The upsert locks the district-year's row, so the revision number below is taken one writer at a time.
  await exec(
    em,
    `insert into population_figures (district_code, year, population_35_plus, hypertension_prevalence_bp, diabetes_prevalence_bp, survey_awareness_hypertension_bp, survey_awareness_diabetes_bp, source, survey_awareness_source, set_by, set_at)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, now())
     on conflict (district_code, year) do update set population_35_plus = excluded.population_35_plus, hypertension_prevalence_bp = excluded.hypertension_prevalence_bp,
       diabetes_prevalence_bp = excluded.diabetes_prevalence_bp, survey_awareness_hypertension_bp = excluded.survey_awareness_hypertension_bp,
       survey_awareness_diabetes_bp = excluded.survey_awareness_diabetes_bp, source = excluded.source, survey_awareness_source = excluded.survey_awareness_source,
       set_by = excluded.set_by, set_at = excluded.set_at`,
    [
      districtCode,
      year,
      v.population35Plus,
      v.hypertensionPrevalenceBp,
      v.diabetesPrevalenceBp,
      v.surveyAwarenessHypertensionBp,
      v.surveyAwarenessDiabetesBp,
      v.source,
      v.surveyAwarenessSource,
      setBy,
    ],
  );
  // The next revision first, then the row, then its reading: on Citus (reference tables) an insert may
  // not select from its own table, nor return a non-IMMUTABLE function's value (to_char).
  const [next] = await exec<{ n: number }>(
    em,
    `select coalesce(max(revision), 0) + 1 as n from population_figure_revisions where district_code = ? and year = ?`,
    [districtCode, year],
  );
  await exec(
    em,
    `insert into population_figure_revisions
       select f.district_code, f.year, ?::int,
              f.population_35_plus, f.hypertension_prevalence_bp, f.diabetes_prevalence_bp, f.survey_awareness_hypertension_bp, f.survey_awareness_diabetes_bp,
              f.source, f.survey_awareness_source, f.set_by, f.set_at
         from population_figures f where f.district_code = ? and f.year = ?`,
    [next!.n, districtCode, year],
  );
  const [row] = await exec<Row>(em, `select ${COLUMNS} from population_figure_revisions where district_code = ? and year = ? and revision = ?`, [
    districtCode,
    year,
    next!.n,
  ]);
  return toRecord(row!);
}

/**
 * The current figure of each district-year, optionally of one year. Read from population_figures
 * (what the statistics use): a figure loaded directly (the demo loader) has no revision, shown as 0.
 */
export async function currentFigures(em: EntityManager, districts: readonly string[], year: number | null): Promise<PopulationFigureRecord[]> {
  const rows = await exec<Row>(
    em,
    `select ${VALUE_COLUMNS}, ${LATEST_REVISION}
       from population_figures f where district_code = any(?) and (?::int is null or year = ?::int) order by district_code, year`,
    [districts, year, year],
  );
  return rows.map(toRecord);
}

export async function revisionsOf(em: EntityManager, districtCode: string, year: number): Promise<PopulationFigureRecord[]> {
  const rows = await exec<Row>(em, `select ${COLUMNS} from population_figure_revisions where district_code = ? and year = ? order by revision`, [
    districtCode,
    year,
  ]);
  return rows.map(toRecord);
}
