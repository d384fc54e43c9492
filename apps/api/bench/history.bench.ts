/**
 * The history import's rate (issue 16, "History"):
 *   npx tsx bench/history.bench.ts [--claims 1000000] [--seed 20261207] [--keep]
 * Generates, deterministically from the seed, a history file of N claims over the demo programme's
 * patients (each patient's records, certification, designations, general-outpatient position and
 * follow-ups before its claims; each claim with the amount an old system paid: the policy core's
 * own decision for most, a different amount for one claim in 200), imports it into a fresh database
 * on the benchmark PostgreSQL through the CLI (`history:import`, a child process whose peak RSS is
 * its own), and prints claims/s, rows accepted and rejected, disagreements and peak RSS. FAILS
 * (exit 1) unless the claims stored equal the claims in the file.
 */
import { createWriteStream } from 'node:fs';
import { mkdir, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import pg from 'pg';
import { addDays, adjudicate, certificationOn, type DispensingRecord, type PatientYear } from '@liangbing/policy';
import { DEMO_YEARS, generateRecords, generateReference, resolveOptions } from '@liangbing/demo';
import { argOf } from '../src/demo/cli-database';
import { migrate, openOrm } from '../src/db/orm';
import { exec } from '../src/db/sql';
import { loadReference } from '../src/demo/load';
import { HISTORY_DAYS } from '../src/modules/claims/patient-year.repository';
import { checkRollups } from '../src/modules/statistics/rollup.check';
import { materialise } from '../src/modules/statistics/rollup.build';
import { loadPolicyOverrides } from '../src/policy-config';
import { createDatabase, startBenchServer } from './pg';
import { API_DIR } from './tools';

const argv = process.argv.slice(2);
const N = Number(argOf(argv, 'claims') ?? 1_000_000);
const seed = Number(argOf(argv, 'seed') ?? 20261207);
const say = (m: string) => console.error(`[history bench] ${m}`);

/** Writes the file; returns the claims and rows written. */
async function generate(file: string): Promise<{ claims: number; rows: number; patients: number }> {
  // The demo yields about 45 000 claims per unit of scale, Wuxi about half of them; a little more so that N is reached.
  const options = resolveOptions({ seed, scale: Math.max(0.1, (N / 45_000) * 2.4) });
  const overrides = loadPolicyOverrides(undefined, 'demo');
  const out = createWriteStream(file, { encoding: 'utf8' });
  let buffer = '';
  const put = async (o: unknown) => {
    buffer += `${JSON.stringify(o)}\n`;
    rows++;
    if (buffer.length > 1 << 20) {
      if (!out.write(buffer)) await new Promise<void>((r) => out.once('drain', () => r()));
      buffer = '';
    }
  };
  let claims = 0;
  let rows = 0;
  let patients = 0;
  // Wuxi's history: the import runs as Wuxi's history_importer.
  const wuxi = new Set(
    generateReference(options)
      .regions.filter((x) => x.level === 'district' && x.cityCode === '320200')
      .map((x) => x.code),
  );
  for (const r of generateRecords(options)) {
    if (claims >= N) break;
    const p = r.patient;
    if (!wuxi.has(p.districtCode)) continue;
    const d = p.districtCode;
    patients++;
    await put({
      kind: 'patient',
      districtCode: d,
      id: p.id,
      residentId: p.residentId,
      name: p.name,
      streetCode: p.streetCode,
      phone: p.phone,
      scheme: p.scheme,
      managed: p.managed,
      managedSince: p.managedFrom,
      managingInstitutionId: p.homeInstitutionId,
      chronicProgrammeDiseases: p.chronicProgrammeDiseases,
      diseases: p.diseases,
    });
    const c = p.certification;
    if (c !== null)
      await put({
        kind: 'certification',
        districtCode: d,
        patientId: p.id,
        certificateNo: c.certificateNo,
        certifiedOn: c.certifiedOn,
        institutionId: c.certifyingInstitutionId,
        diseases: c.diseases,
        revokedOn: c.revokedOn,
      });
    for (const g of p.designations)
      await put({
        kind: 'designation',
        districtCode: d,
        patientId: p.id,
        institutionId: g.institutionId,
        validFrom: g.from,
        validTo: g.to,
        requestedOn: g.from,
        atEnrolment: true,
      });
    for (const g of p.generalOutpatient)
      await put({ kind: 'generalOutpatient', districtCode: d, patientId: p.id, year: g.year, fundPaidFen: g.fundPaidFen, exhausted: g.exhaustedOn !== null });
    for (const [i, f] of r.followUps.entries()) {
      await put({
        kind: 'followUp',
        districtCode: d,
        key: `${p.id}-F${i}`,
        patientId: p.id,
        institutionId: f.institutionId,
        date: f.date,
        faceToFace: f.faceToFace,
        systolic: f.systolic,
        diastolic: f.diastolic,
        fastingGlucoseTenths: f.fastingGlucose === null ? null : Math.round(f.fastingGlucose * 10),
      });
    }
    // The old system's amounts: decided as the import re-decides (the format carries no source prescription, finding or W-7 period), one in 200 paid otherwise.
    const ledgers = new Map<number, { fund: number; compliant: number }>();
    const history: DispensingRecord[] = [];
    const prior = new Map<string, string>();
    const certs = c === null ? [] : [{ certifiedOn: c.certifiedOn, diseases: c.diseases, revokedOn: c.revokedOn }];
    for (const dc of r.claims) {
      if (claims >= N) break;
      const claim = { ...dc.claim, sourcePrescription: null, referral: null };
      const year = Number(claim.serviceDate.slice(0, 4));
      const l = ledgers.get(year) ?? { fund: 0, compliant: 0 };
      ledgers.set(year, l);
      const go = p.generalOutpatient.find((g) => g.year === year);
      const from = addDays(claim.serviceDate, -HISTORY_DAYS);
      const py: PatientYear = {
        scheme: p.scheme,
        districtCode: d,
        diseases: p.diseases,
        certification: certificationOn(certs, claim.serviceDate),
        designations: p.designations.map((x) => ({ institutionId: x.institutionId, consortiumId: x.consortiumId, from: x.from, to: x.to })),
        chronicProgrammeDiseases: p.chronicProgrammeDiseases,
        longTermResidenceElsewhere: false,
        generalOutpatient: { exhausted: go?.exhaustedOn != null, fundPaidFen: go?.fundPaidFen ?? 0 },
        fundPaidFen: l.fund,
        compliantFenYtd: l.compliant,
        findings: [],
        priorDrugCodes: [...prior].filter(([, first]) => first <= claim.serviceDate).map(([drug]) => drug),
        history: history.filter((h) => h.date >= from && h.date <= claim.serviceDate),
      };
      const decision = adjudicate(claim, py, { trace: false, overrides });
      const paid = claims % 200 === 199 ? Math.min(decision.amountFen, decision.fundFen + 100) : decision.fundFen;
      l.fund += paid;
      l.compliant += decision.compliantFen;
      decision.lines.forEach((x, i) => {
        if (x.compliantFen <= 0) return;
        history.push({ date: claim.serviceDate, drugCode: x.drugCode, daysSupply: claim.lines[i]!.daysSupply, institutionId: claim.institution.id });
        if (!prior.has(x.drugCode)) prior.set(x.drugCode, claim.serviceDate);
      });
      await put({
        kind: 'claim',
        districtCode: d,
        key: dc.claimId,
        patientId: p.id,
        institutionId: claim.institution.id,
        serviceDate: claim.serviceDate,
        pathway: claim.pathway,
        conditionStable: claim.conditionStable,
        lines: claim.lines.map((x) => ({ drugCode: x.drugCode, form: x.form, quantity: x.quantity, daysSupply: x.daysSupply, amountFen: x.amountFen })),
        fundFen: paid,
      });
      claims++;
    }
  }
  out.write(buffer);
  await new Promise<void>((resolve, reject) => out.end((e?: Error | null) => (e ? reject(e) : resolve())));
  return { claims, rows, patients };
}

const server = await startBenchServer();
try {
  const dir = path.join(os.tmpdir(), 'liangbing-history-bench');
  await mkdir(dir, { recursive: true });
  const file = path.join(dir, `history-${seed}-${N}.ndjson`);
  let t = performance.now();
  const written = await generate(file);
  say(
    `generated ${file}: ${written.rows.toLocaleString('en')} rows, ${written.patients.toLocaleString('en')} patients, ${written.claims.toLocaleString('en')} claims, ${((await stat(file)).size / 1e6).toFixed(0)} MB in ${((performance.now() - t) / 1000).toFixed(1)} s`,
  );

  const url = await createDatabase('lb_history_bench');
  const orm = await openOrm(url, 4);
  try {
    await migrate(orm);
    const reference = generateReference(resolveOptions({ seed, scale: 1 }));
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await loadReference(client, reference);
    await client.end();
    // The programme's years materialised beforehand (empty), so that the import must rebuild them: its rate includes the rebuild.
    for (const r of reference.regions.filter((x) => x.level === 'district')) for (const y of DEMO_YEARS) await materialise(orm.em.fork(), r.code, y);

    say(`importing ${written.claims.toLocaleString('en')} claims through history:import`);
    t = performance.now();
    const run = spawnSync(
      process.execPath,
      ['--import', 'tsx', 'src/modules/history/history-cli.ts', file, '--database-url', url, '--city', '320200', '--today', '2026-12-07'],
      { cwd: API_DIR, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 26 },
    );
    const seconds = (performance.now() - t) / 1000;
    if (run.status !== 0) throw new Error(`history:import exited ${run.status}`);
    const summary = JSON.parse(run.stdout.trim().split('\n').at(-1)!) as {
      rowsRead: number;
      rowsAccepted: number;
      rowsRejected: number;
      rowsAlreadyStored: number;
      claimsStored: number;
      disagreements: number;
      peakRssMb: number;
      rebuildSeconds: number;
      rebuilt: unknown[];
      seconds: number;
    };
    const [stored] = await exec<{ n: string }>(orm.em.fork(), `select count(*) as n from claims where submitted_by like 'history-import:%'`);
    const check = await checkRollups(orm.em.fork(), { years: [2025], quarters: [4], diseases: ['ALL'], groupings: ['district'] });
    const storedClaims = Number(stored!.n);
    const f = (x: number, d = 0) => x.toLocaleString('en', { maximumFractionDigits: d, minimumFractionDigits: d });
    console.log(
      [
        `history import of ${f(written.claims)} claims (${f(written.rows)} rows, ${f(written.patients)} patients), 2 cores, ${os.cpus()[0]?.model ?? ''}`,
        `  rate                     ${f(written.claims / summary.seconds)} claims/s (the import's ${f(summary.seconds, 1)} s, of which ${f(summary.rebuildSeconds, 1)} s rebuilding ${summary.rebuilt.length} district-years of rollups)`,
        `  rate with start-up       ${f(written.claims / seconds)} claims/s (${f(seconds, 1)} s from starting the CLI to its exit: tsx, migrations, the import)`,
        `  rows                     ${f(summary.rowsRead)} read, ${f(summary.rowsAccepted)} accepted, ${f(summary.rowsRejected)} rejected, ${f(summary.rowsAlreadyStored)} already stored`,
        `  claims                   ${f(storedClaims)} stored of ${f(written.claims)} in the file`,
        `  disagreements            ${f(summary.disagreements)} (old system's fund amount ≠ the policy core's)`,
        `  importer peak RSS        ${f(summary.peakRssMb)} MB`,
        `  stats:check 2025 Q4      ${check.comparisons} comparisons, ${check.mismatches.length} differences`,
      ].join('\n'),
    );
    if (storedClaims !== written.claims || summary.claimsStored !== written.claims) {
      console.error(`FAIL: the file holds ${written.claims} claims but ${storedClaims} are stored (the importer counted ${summary.claimsStored})`);
      process.exitCode = 1;
    }
    if (check.mismatches.length > 0) {
      console.error(`FAIL: ${check.mismatches.length} rollup differences after the import`);
      for (const m of check.mismatches.slice(0, 10)) console.error(`  ${JSON.stringify(m)}`);
      process.exitCode = 1;
    }
  } finally {
    await orm.close();
  }
} finally {
  if (!argv.includes('--keep')) await server.stop();
}
