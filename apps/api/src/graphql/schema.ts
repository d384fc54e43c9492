import 'reflect-metadata';
import type { GraphQLSchema } from 'graphql';
import { buildSchema } from 'type-graphql';
import { ClaimResolver } from './claim.resolver';
import { PatientResolver } from './patient.resolver';
import { ReportResolver } from './report.resolver';
import { RegionResolver, StatisticsResolver } from './statistics.resolver';

export const RESOLVERS = [RegionResolver, StatisticsResolver, ClaimResolver, PatientResolver, ReportResolver] as const;

let cached: GraphQLSchema | null = null;

export async function schema(): Promise<GraphQLSchema> {
  cached ??= await buildSchema({ resolvers: RESOLVERS, validate: false, emitSchemaFile: false });
  return cached;
}
