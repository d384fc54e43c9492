import type { EntityManager } from '@mikro-orm/postgresql';
import type { Scope } from '../auth/scope';
import type { RequestReads } from '../db/replica';
import type { Viewer } from '../auth/tokens';
import type { DeploymentInfo } from '../modules/deployment/deployment';
import type { Services } from '../services';
import type { Loaders } from './loaders';

/** One per request: its own EntityManager fork, the caller, and the one Scope every path uses. */
export interface Context {
  /** the primary: writes, a mutation's own answer, single records, every transaction */
  em: EntityManager;
  /** statistics, reports and lists: the read replica while it serves, else the primary (db/replica.ts) */
  reads: RequestReads;
  viewer: Viewer | null;
  scope: Scope | null;
  services: Services;
  loaders: Loaders;
  /** the deployment's mode and settings, for the `deployment` query */
  deployment: DeploymentInfo;
}
