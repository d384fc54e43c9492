/**
 * What a query costs, worked out before it runs (with its variables), so that one request cannot
 * ask for megabytes: `patients(first: 100) { nodes { claims(first: 100) { explanation { … } } } }`
 * is ten thousand claims with their traces.
 *
 * The model, in the spirit of GitHub's and Shopify's:
 * - a field that returns an object costs 1, a scalar or enum 0;
 * - a list's items each cost their selection (and 1 if they are objects); a list sized by an
 *   argument (`first`, `quarters`) is that many items — the value given, from a variable, the
 *   operation's default or the schema's — capped at the most the field ever returns (a larger
 *   value is the resolver's to refuse as bad input, not a cost); `nodes` of a connection is
 *   already counted by the connection's `first`; any other list is taken to hold DEFAULT_LIST items;
 * - a field that reads or computes much (a claim's stored decision and trace, a replay) carries
 *   its own weight on top (WEIGHTS).
 * Fragments and inline fragments are expanded where they are spread; every alias is a field of
 * its own. `@skip`/`@include` are ignored (the cost is an upper bound).
 */
import {
  getNamedType,
  GraphQLError,
  isCompositeType,
  SchemaMetaFieldDef,
  TypeMetaFieldDef,
  isInterfaceType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  Kind,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLSchema,
  type GraphQLType,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValueNode,
} from 'graphql';
import type { ApolloServerPlugin } from '@apollo/server';
import type { Context } from './context';

/**
 * The most one query may cost (configuration: no source gives it). The dashboard's largest
 * operation, its claims page at the most it may ask for (100 claims with lines, hits and traces),
 * costs 18 201 (cost.test.ts), the explorer's introspection query about 16 400; a hundred
 * patients with a hundred traced claims each costs 360 101.
 */
export const COST_LIMIT = 25_000;

/** Items assumed in a list that no argument sizes. */
export const DEFAULT_LIST = 10;

/** Lists sized by an argument: the argument and the most items the field returns (the bound its resolver enforces). */
export const SIZED: Readonly<Record<string, { arg: string; max: number }>> = {
  'Query.claims': { arg: 'first', max: 100 },
  'Query.patients': { arg: 'first', max: 100 },
  'Query.alerts': { arg: 'first', max: 100 },
  'Query.creditRecords': { arg: 'first', max: 200 },
  'Query.auditLog': { arg: 'first', max: 100 },
  'Query.statisticsTrend': { arg: 'quarters', max: 20 },
  'Patient.claims': { arg: 'first', max: 100 },
  'RosterImport.rows': { arg: 'first', max: 500 },
};

/** Lists of a known size that no argument of their own sizes. */
export const LIST_SIZES: Readonly<Record<string, number>> = {
  // at most eventsPerRecord (≤ 100, credit.resolver.ts)
  'CreditRecord.events': 100,
  // the latest 100 (patient.resolver.ts)
  'Patient.followUps': 100,
};

/**
 * Fields that read or compute much, on top of what they return. A claim's decision fields read its
 * stored decision (about 5 kB with the trace, claim_documents); the explanation is the trace
 * itself. A what-if replays every claim of the period; scorecards and drug availability read every
 * claim line of the quarter; a year summary reads the ledger and the claims.
 */
export const WEIGHTS: Readonly<Record<string, number>> = {
  'Claim.explanation': 25,
  // the stored decision and trace, the claim's lines, the patient and the year's ledger
  'Claim.notice': 30,
  // the year's claims and ledger
  'Patient.yearNotice': 10,
  'Claim.hits': 5,
  'Claim.capFen': 5,
  'Claim.capRemainingFen': 5,
  'Claim.ratioBp': 5,
  'Claim.rounding': 5,
  'Patient.yearSummary': 5,
  'Query.whatIf': 2_000,
  'Query.institutionScorecards': 200,
  'Query.drugAvailability': 200,
  'Query.statistics': 5,
  'Query.institutionStatistics': 20,
  'Query.quarterlyReport': 20,
  'Query.ruleHitCounts': 20,
  'Query.fundWatch': 20,
  'Query.capitationSettlement': 20,
  'Query.auditLog': 5,
};

export interface CostOptions {
  /** Size a list whose size variable was not given by its most (for a static check of documents without their variables). */
  worstCase?: boolean;
}

const isList = (t: GraphQLType): boolean => isListType(isNonNullType(t) ? t.ofType : t);

function literal(node: ValueNode, variables: Readonly<Record<string, unknown>>, defaults: ReadonlyMap<string, unknown>): unknown {
  if (node.kind === Kind.INT) return Number(node.value);
  if (node.kind === Kind.VARIABLE) {
    const name = node.name.value;
    return name in variables ? variables[name] : defaults.get(name);
  }
  return undefined;
}

/** The cost of one operation of `document` with these variables. */
export function operationCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Readonly<Record<string, unknown>> = {},
  opts: CostOptions = {},
): number {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  const defaults = new Map<string, unknown>();
  for (const v of operation.variableDefinitions ?? []) if (v.defaultValue?.kind === Kind.INT) defaults.set(v.variable.name.value, Number(v.defaultValue.value));
  const root =
    operation.operation === 'mutation'
      ? schema.getMutationType()
      : operation.operation === 'subscription'
        ? schema.getSubscriptionType()
        : schema.getQueryType();
  if (!root) return 0;

  const sizeOf = (key: string, def: GraphQLField<unknown, unknown>, args: readonly { name: { value: string }; value: ValueNode }[]): number => {
    const sized = SIZED[key];
    if (sized === undefined) return LIST_SIZES[key] ?? (def.name === 'nodes' ? 1 : DEFAULT_LIST);
    const given = args.find((a) => a.name.value === sized.arg);
    const worst =
      opts.worstCase === true && given?.value.kind === Kind.VARIABLE && !(given.value.name.value in variables) && !defaults.has(given.value.name.value);
    const raw = worst ? sized.max : given === undefined ? def.args.find((a) => a.name === sized.arg)?.defaultValue : literal(given.value, variables, defaults);
    const n =
      typeof raw === 'number' && Number.isFinite(raw)
        ? Math.trunc(raw)
        : ((def.args.find((a) => a.name === sized.arg)?.defaultValue as number | undefined) ?? sized.max);
    return Math.min(sized.max, Math.max(1, n));
  };

  const cost = (set: SelectionSetNode, parent: GraphQLCompositeType, spread: Set<string>): number => {
    let total = 0;
    for (const s of set.selections) {
      if (s.kind === Kind.INLINE_FRAGMENT) {
        const on = s.typeCondition ? schema.getType(s.typeCondition.name.value) : parent;
        total += cost(s.selectionSet, on && isCompositeType(on) ? on : parent, spread);
      } else if (s.kind === Kind.FRAGMENT_SPREAD) {
        const f = fragments.get(s.name.value);
        if (f === undefined || spread.has(f.name.value)) continue; // an unknown or cyclic fragment: validation refuses the document
        const on = schema.getType(f.typeCondition.name.value);
        spread.add(f.name.value);
        total += cost(f.selectionSet, on && isCompositeType(on) ? on : parent, spread);
        spread.delete(f.name.value);
      } else {
        if (s.name.value === '__typename') continue;
        // The meta-fields are not in the query type's map; graphql-js keeps their definitions apart.
        const meta = s.name.value === '__schema' ? SchemaMetaFieldDef : s.name.value === '__type' ? TypeMetaFieldDef : undefined;
        const def = meta ?? (isObjectType(parent) || isInterfaceType(parent) ? parent.getFields()[s.name.value] : undefined);
        if (def === undefined) continue; // validation refuses an unknown field
        const named = getNamedType(def.type);
        const key = `${parent.name}.${def.name}`;
        const children = s.selectionSet && isCompositeType(named) ? cost(s.selectionSet, named, spread) : 0;
        const item = isLeafType(named) ? 0 : 1;
        const weight = WEIGHTS[key] ?? 0;
        if (isList(def.type)) total += weight + sizeOf(key, def, s.arguments ?? []) * (item + children);
        else total += weight + item + (SIZED[key] === undefined ? children : sizeOf(key, def, s.arguments ?? []) * children);
      }
    }
    return total;
  };
  return cost(operation.selectionSet, root, new Set());
}

/** The refusal of a query over the limit, before anything of it runs. */
export function queryTooCostly(cost: number, limit: number): GraphQLError {
  const en = `Query too costly: it would cost ${cost}, the limit is ${limit}; ask for fewer items (first) or fewer traces`;
  return new GraphQLError(en, {
    extensions: {
      code: 'QUERY_TOO_COSTLY',
      cost,
      limit,
      retryable: false,
      messageEn: en,
      messageZh: `查询代价过高：估算为${cost}，上限为${limit}；请减少每页条数或明细`,
      http: { status: 400 },
    },
  });
}

/**
 * Apollo plugin: the cost of the operation once it is resolved (variables known), before it runs;
 * over the limit it is refused whole, under it the answer says what it cost in `extensions.cost`.
 */
export function costPlugin(limit = COST_LIMIT): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      let cost: number | null = null;
      return {
        async didResolveOperation({ schema, document, operation, request }) {
          if (operation === undefined) return;
          cost = operationCost(schema, document, operation, request.variables ?? {});
          if (cost > limit) throw queryTooCostly(cost, limit);
        },
        async willSendResponse({ response }) {
          if (cost === null || response.body.kind !== 'single') return;
          response.body.singleResult.extensions = { ...response.body.singleResult.extensions, cost, costLimit: limit };
        },
      };
    },
  };
}
