import 'reflect-metadata';
import type { GraphQLSchema } from 'graphql';
import { buildSchema } from 'type-graphql';
import { ClaimResolver } from './claim.resolver';
import { PatientResolver } from './patient.resolver';
import { ReportResolver } from './report.resolver';
import { RegionResolver, StatisticsResolver } from './statistics.resolver';
import { CapitationResolver } from './capitation.resolver';
import { CatalogueResolver } from './catalogue.resolver';
import { MonitoringResolver } from './monitoring.resolver';
import { RosterResolver } from './roster.resolver';
import { AvailabilityResolver } from './availability.resolver';
import { CreditResolver } from './credit.resolver';
import { FundResolver } from './fund.resolver';
import { ScorecardResolver } from './scorecard.resolver';
import { WhatIfResolver } from './whatif.resolver';
import { AuditResolver } from './audit.resolver';
import { DeploymentResolver } from './deployment.resolver';
import { PatientLifeResolver } from './patient-life.resolver';
import { ClinicalResolver } from './clinical.resolver';
import { SettingsResolver } from './settings.resolver';
import { MasterDataResolver } from './masterdata.resolver';
import { HistoryResolver } from './history.resolver';
import { SigningResolver } from './signing.resolver';
import { PaymentStandardResolver } from './paystd.resolver';

export const RESOLVERS = [
  RegionResolver,
  StatisticsResolver,
  ClaimResolver,
  PatientResolver,
  ReportResolver,
  RosterResolver,
  MonitoringResolver,
  CapitationResolver,
  CatalogueResolver,
  ScorecardResolver,
  AvailabilityResolver,
  CreditResolver,
  FundResolver,
  WhatIfResolver,
  AuditResolver,
  DeploymentResolver,
  PatientLifeResolver,
  ClinicalResolver,
  SettingsResolver,
  MasterDataResolver,
  HistoryResolver,
  SigningResolver,
  PaymentStandardResolver,
] as const;

let cached: GraphQLSchema | null = null;

export async function schema(): Promise<GraphQLSchema> {
  cached ??= await buildSchema({ resolvers: RESOLVERS, validate: false, emitSchemaFile: false });
  return cached;
}
