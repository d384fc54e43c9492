/**
 * Prints the counts of a demo programme as JSON, streaming so that a million patients fit in memory:
 *   tsx src/cli.ts --seed 20240101 --scale 250 [--cities 320200,520100]
 */
import { generateRecords, generateReference, resolveOptions, type CityCode } from './index';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const seedArg = arg('seed');
const scaleArg = arg('scale');
const citiesArg = arg('cities');
const options = resolveOptions({
  ...(seedArg !== undefined ? { seed: Number(seedArg) } : {}),
  ...(scaleArg !== undefined ? { scale: Number(scaleArg) } : {}),
  ...(citiesArg !== undefined ? { cities: citiesArg.split(',') as CityCode[] } : {}),
});

const reference = generateReference(options);
const counts = { patients: 0, followUps: 0, claims: 0, claimLines: 0, injectedBreaches: 0 };
const byCity: Record<string, { patients: number; followUps: number; claims: number; injectedBreaches: number }> = {};
const breaches: Record<string, number> = {};
const started = performance.now();
for (const r of generateRecords(options)) {
  const c = (byCity[r.patient.cityCode] ??= { patients: 0, followUps: 0, claims: 0, injectedBreaches: 0 });
  counts.patients++;
  c.patients++;
  counts.followUps += r.followUps.length;
  c.followUps += r.followUps.length;
  counts.claims += r.claims.length;
  c.claims += r.claims.length;
  for (const claim of r.claims) {
    counts.claimLines += claim.claim.lines.length;
    if (claim.injectedBreach !== null) {
      counts.injectedBreaches++;
      c.injectedBreaches++;
      breaches[claim.injectedBreach] = (breaches[claim.injectedBreach] ?? 0) + 1;
    }
  }
}
const seconds = (performance.now() - started) / 1000;

console.log(
  JSON.stringify(
    {
      options,
      regions: reference.regions.length,
      populationFigures: reference.populations.length,
      institutions: reference.institutions.length,
      consortia: reference.consortia.length,
      ...counts,
      breachShare: counts.claims === 0 ? 0 : Number((counts.injectedBreaches / counts.claims).toFixed(4)),
      byCity,
      breaches,
      seconds: Number(seconds.toFixed(1)),
      heapUsedMb: Math.round(process.memoryUsage().heapUsed / 1e6),
    },
    null,
    2,
  ),
);
