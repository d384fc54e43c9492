import type { EntityManager } from '@mikro-orm/postgresql';
import type { Scope } from '../auth/scope';
import type { Viewer } from '../auth/tokens';
import type { DeploymentInfo } from '../modules/deployment/deployment';
import type { Services } from '../services';
import type { Loaders } from './loaders';

/** One per request: its own EntityManager fork, the caller, and the one Scope every path uses. */
export interface Context {
  em: EntityManager;
  viewer: Viewer | null;
  scope: Scope | null;
  services: Services;
  loaders: Loaders;
  /** the deployment's mode and settings, for the `deployment` query */
  deployment: DeploymentInfo;
}
