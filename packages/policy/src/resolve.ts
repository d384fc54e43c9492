/**
 * Which rule set is in force for a city on a date, with its parameters resolved to that date
 * and its catalogue compiled. A city and date that no rule set covers resolve to an explicit
 * 'not_in_force', never to a rule set with zeros. Compilations are cached per rule set,
 * period between parameter changes, and overrides, so resolving per claim is a map lookup; the
 * adjudication's own path (resolveOnDay) first asks the last few resolutions, each with the span of
 * days over which it holds, which is a few comparisons.
 */
import { compileCatalogue, compileVersion, type CompiledCatalogue } from './catalogue/compile';
import { toDay, type IsoDate } from './dates';
import type { RuleSetOverride } from './overrides';
import { compilePaymentStandards, emptyStandards, type CompiledPaymentStandards } from './payment-standards/compile';
import type { PaymentStandardChange, PaymentStandardVersion } from './payment-standards/types';
import { changeDates, valueOn, type ParameterHistory, type ParameterName, type ResolvedParameter, type ResolvedParameters } from './params';
import { GUIYANG_2021 } from './rulesets/guiyang-2021';
import type { RuleSetDefinition } from './rulesets/types';
import { WUXI_2019 } from './rulesets/wuxi-2019';

/** Every rule set the platform knows, oldest first. A new city's rule set is added here. */
export const RULE_SETS: readonly RuleSetDefinition[] = [WUXI_2019, GUIYANG_2021];

export interface CompiledRuleSet {
  readonly definition: RuleSetDefinition;
  readonly parameters: ResolvedParameters;
  readonly catalogue: CompiledCatalogue;
  /**
   * the payment standard in force (W 四(一)): the last applicable override's version, with a what-if's
   * changes on top; null where none is in force or the rule set pays no standard (then the submitted price is paid)
   */
  readonly paymentStandards: CompiledPaymentStandards | null;
  readonly overrideNames: readonly string[];
  /** the override names joined with '+', as reported on a decision; null without overrides */
  readonly overrideName: string | null;
  /** districts where the designated institution may not change within the year (W-5) */
  readonly lockedDistricts: ReadonlySet<string>;
}

export type Resolution =
  | { readonly status: 'in_force'; readonly ruleSet: CompiledRuleSet }
  | {
      readonly status: 'not_in_force';
      readonly cityCode: string;
      readonly date: IsoDate;
      readonly reason: string;
      /** the city's rule set nearest the date (the next to start, else the last to end), whose text says when it is in force; null for a city without one */
      readonly nearest: RuleSetDefinition | null;
    };

export interface ResolveOptions {
  readonly overrides?: readonly RuleSetOverride[];
  readonly ruleSets?: readonly RuleSetDefinition[];
}

export function findRuleSet(cityCode: string, date: IsoDate, ruleSets: readonly RuleSetDefinition[] = RULE_SETS): RuleSetDefinition | null {
  let found: RuleSetDefinition | null = null;
  for (const rs of ruleSets) {
    if (rs.cityCode !== cityCode || rs.effectiveFrom > date) continue;
    if (rs.effectiveTo !== null && rs.effectiveTo < date) continue;
    if (found === null || rs.effectiveFrom > found.effectiveFrom) found = rs;
  }
  return found;
}

const NO_OVERRIDES: readonly RuleSetOverride[] = [];
const cache = new WeakMap<RuleSetDefinition, Map<string, CompiledRuleSet>>();
const overrideIds = new WeakMap<RuleSetOverride, number>();
let nextOverrideId = 0;
function overrideId(o: RuleSetOverride): number {
  let id = overrideIds.get(o);
  if (id === undefined) {
    id = nextOverrideId++;
    overrideIds.set(o, id);
  }
  return id;
}

/**
 * The city's rule set for what is not judged on one claim's date (capitation, reporting): the one
 * in force on `date`, else the latest of the city; null for a city no rule set covers.
 */
export function ruleSetOfCity(cityCode: string, date: IsoDate | null = null, ruleSets: readonly RuleSetDefinition[] = RULE_SETS): RuleSetDefinition | null {
  const inForce = date === null ? null : findRuleSet(cityCode, date, ruleSets);
  if (inForce !== null) return inForce;
  let latest: RuleSetDefinition | null = null;
  for (const r of ruleSets) if (r.cityCode === cityCode && (latest === null || r.effectiveFrom > latest.effectiveFrom)) latest = r;
  return latest;
}

export function resolveRuleSet(cityCode: string, date: IsoDate, options: ResolveOptions = {}): Resolution {
  const definition = findRuleSet(cityCode, date, options.ruleSets);
  if (definition === null) {
    const known = (options.ruleSets ?? RULE_SETS).filter((r) => r.cityCode === cityCode);
    const reason =
      known.length === 0
        ? `no rule set for city ${cityCode}`
        : `no rule set for city ${cityCode} in force on ${date}; in force: ${known.map((r) => `${r.id} from ${r.effectiveFrom}${r.effectiveTo ? ` to ${r.effectiveTo}` : ''}`).join(', ')}`;
    const next = known.filter((r) => r.effectiveFrom > date).sort((a, b) => (a.effectiveFrom < b.effectiveFrom ? -1 : 1))[0];
    const last = known.filter((r) => r.effectiveTo !== null && r.effectiveTo < date).sort((a, b) => (a.effectiveTo! > b.effectiveTo! ? -1 : 1))[0];
    return { status: 'not_in_force', cityCode, date, reason, nearest: next ?? last ?? null };
  }
  // Resolving is on the path of every claim: the usual cases (no override, or the deployment's one)
  // are found without building a list and answered from a cache of resolutions.
  const overrides = options.overrides ?? NO_OVERRIDES;
  let single: RuleSetOverride | null = null;
  let applicable = 0;
  for (let i = 0; i < overrides.length; i++) {
    const o = overrides[i]!;
    if (o.ruleSetId === definition.id && (o.from === undefined || o.from <= date)) {
      single = o;
      applicable++;
    }
  }
  if (applicable <= 1) return resolvedWith(definition, date, single);
  return {
    status: 'in_force',
    ruleSet: compiled(
      definition,
      date,
      overrides.filter((o) => o.ruleSetId === definition.id && (o.from === undefined || o.from <= date)),
    ),
  };
}

/**
 * The last resolutions with the days over which each holds, for resolveOnDay: a claim's city and
 * options are nearly always those of a recent claim, and then the rule set in force is found by
 * comparing identities and two day numbers. Eight entries, the oldest replaced first.
 */
interface Recent {
  readonly cityCode: string;
  readonly overrides: readonly RuleSetOverride[];
  readonly ruleSets: readonly RuleSetDefinition[];
  /** the days [fromDay, untilDay) on which nothing that resolution depends on changes */
  readonly fromDay: number;
  readonly untilDay: number;
  readonly resolution: Resolution;
}
const RECENT = 8;
const recent: Recent[] = [];
let nextRecent = 0;

/**
 * resolveRuleSet for a date whose day number the caller has (toDay(date)): the same resolution,
 * answered from the recent ones when the city, the options' lists and the span of days match.
 */
export function resolveOnDay(cityCode: string, date: IsoDate, day: number, options: ResolveOptions = {}): Resolution {
  const overrides = options.overrides ?? NO_OVERRIDES;
  const ruleSets = options.ruleSets ?? RULE_SETS;
  for (let i = 0; i < recent.length; i++) {
    const r = recent[i]!;
    if (r.cityCode === cityCode && r.overrides === overrides && r.ruleSets === ruleSets && day >= r.fromDay && day < r.untilDay) return r.resolution;
  }
  const resolution = resolveRuleSet(cityCode, date, options);
  // Not-in-force answers name their date, so each is built afresh; they are rare.
  if (resolution.status === 'not_in_force') return resolution;
  const [fromDay, untilDay] = spanOf(cityCode, day, overrides, ruleSets);
  recent[nextRecent] = { cityCode, overrides, ruleSets, fromDay, untilDay, resolution };
  nextRecent = (nextRecent + 1) % RECENT;
  return resolution;
}

/**
 * The days around `day` over which the city's resolution cannot change: between the nearest of the
 * dates on which any of its rule sets starts or ends, any parameter or catalogue of one changes,
 * or an override takes effect.
 */
function spanOf(cityCode: string, day: number, overrides: readonly RuleSetOverride[], ruleSets: readonly RuleSetDefinition[]): [number, number] {
  const boundaries: number[] = [];
  for (const rs of ruleSets) {
    if (rs.cityCode !== cityCode) continue;
    // changeDatesOf includes the rule set's start.
    for (const d of changeDatesOf(rs)) boundaries.push(toDay(d));
    if (rs.effectiveTo !== null) boundaries.push(toDay(rs.effectiveTo) + 1);
  }
  for (const o of overrides) if (o.from !== undefined) boundaries.push(toDay(o.from));
  let fromDay = -Infinity;
  let untilDay = Infinity;
  for (const b of boundaries) {
    if (b <= day && b > fromDay) fromDay = b;
    if (b > day && b < untilDay) untilDay = b;
  }
  return [fromDay, untilDay];
}

/** A rule set's resolutions by period: period i starts on changeDatesOf(definition)[i]. */
interface ResolutionCache {
  /** resolutions without an override, by period */
  readonly plain: (Resolution | undefined)[];
  /** by override object, so that a caller's short-lived overrides are collected with it; by period */
  readonly byOverride: WeakMap<RuleSetOverride, (Resolution | undefined)[]>;
}
const resolutions = new WeakMap<RuleSetDefinition, ResolutionCache>();

/** The resolution under no override or one, per period between parameter changes. */
function resolvedWith(definition: RuleSetDefinition, date: IsoDate, override: RuleSetOverride | null): Resolution {
  let c = resolutions.get(definition);
  if (c === undefined) {
    c = { plain: [], byOverride: new WeakMap() };
    resolutions.set(definition, c);
  }
  let byPeriod = c.plain;
  if (override !== null) {
    const found = c.byOverride.get(override);
    if (found === undefined) {
      byPeriod = [];
      c.byOverride.set(override, byPeriod);
    } else {
      byPeriod = found;
    }
  }
  const changes = changeDatesOf(definition);
  let period = 0;
  for (let i = 1; i < changes.length; i++) if (changes[i]! <= date) period = i;
  let r = byPeriod[period];
  if (r === undefined) {
    // Compiled here and held only here, so that it is collected with the override object.
    r = { status: 'in_force', ruleSet: compile(definition, changes[period]!, override === null ? NO_OVERRIDES : [override]) };
    byPeriod[period] = r;
  }
  return r;
}

function compiled(definition: RuleSetDefinition, date: IsoDate, overrides: readonly RuleSetOverride[]): CompiledRuleSet {
  const periodStart = latestChangeOnOrBefore(definition, date);
  const key = `${periodStart}|${overrides.map(overrideId).join(',')}`;
  let perDefinition = cache.get(definition);
  if (perDefinition === undefined) {
    perDefinition = new Map();
    cache.set(definition, perDefinition);
  }
  let result = perDefinition.get(key);
  if (result === undefined) {
    result = compile(definition, periodStart, overrides);
    perDefinition.set(key, result);
  }
  return result;
}

const changeCache = new WeakMap<RuleSetDefinition, readonly IsoDate[]>();
/** The rule set's start and every date on which a parameter or the catalogue changes, ascending; worked out once a rule set. */
function changeDatesOf(definition: RuleSetDefinition): readonly IsoDate[] {
  let dates = changeCache.get(definition);
  if (dates === undefined) {
    const set = new Set(changeDates(definition.parameters));
    set.add(definition.effectiveFrom);
    if (definition.catalogue.kind === 'list') for (const v of definition.catalogue.versions) set.add(v.effectiveFrom);
    dates = [...set].sort();
    changeCache.set(definition, dates);
  }
  return dates;
}

function latestChangeOnOrBefore(definition: RuleSetDefinition, date: IsoDate): IsoDate {
  let latest = definition.effectiveFrom;
  for (const d of changeDatesOf(definition)) if (d <= date) latest = d;
  return latest;
}

function compile(definition: RuleSetDefinition, date: IsoDate, overrides: readonly RuleSetOverride[]): CompiledRuleSet {
  const resolved: Record<string, ResolvedParameter<unknown>> = {};
  for (const name of Object.keys(definition.parameters) as ParameterName[]) {
    const value = valueOn<unknown>(name, definition.parameters[name] as ParameterHistory<unknown>, date);
    if (value === null) throw new Error(`rule set ${definition.id}: parameter ${name} has no value on ${date}`);
    resolved[name] = value;
  }
  let catalogue: CompiledCatalogue | null = null;
  let standards: PaymentStandardVersion | null = null;
  const changes: PaymentStandardChange[] = [];
  let changedBy: string | null = null;
  for (const o of overrides) {
    if (o.paymentStandards) standards = o.paymentStandards;
    if (o.paymentStandardChanges && o.paymentStandardChanges.length > 0) {
      changes.push(...o.paymentStandardChanges);
      changedBy = o.name;
    }
    for (const [name, value] of Object.entries(o.parameters)) {
      if (value === undefined) continue;
      resolved[name] = { name, value, kind: 'override', citation: { ...o.source, note: `override “${o.name}”: ${o.source.note ?? o.description}` } };
    }
    if (o.catalogue) catalogue = compileVersion(o.catalogue);
  }
  if (catalogue === null) {
    let versionIndex = 0;
    if (definition.catalogue.kind === 'list') {
      definition.catalogue.versions.forEach((v, i) => {
        if (v.effectiveFrom <= date) versionIndex = i;
      });
    }
    catalogue = compileCatalogue(definition.catalogue, versionIndex);
  }
  const parameters = resolved as unknown as ResolvedParameters;
  const locked = parameters.designationLockedDistricts.value ?? '';
  return {
    definition,
    parameters,
    catalogue,
    paymentStandards:
      !definition.paymentStandard.applies || (standards === null && changes.length === 0)
        ? null
        : compilePaymentStandards(standards ?? emptyStandards(definition.cityCode), changes, changedBy),
    overrideNames: overrides.map((o) => o.name),
    overrideName: overrides.length === 0 ? null : overrides.map((o) => o.name).join('+'),
    lockedDistricts: new Set(locked.split(',').filter((s) => s !== '')),
  };
}
