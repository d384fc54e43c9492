/**
 * FHIR R4 over HTTP at /fhir (JSON, application/fhir+json): read a decided claim as Claim,
 * ClaimResponse or ExplanationOfBenefit, its patient as Patient, the patient's benefit as Coverage,
 * the hit codes' CodeSystem; search ExplanationOfBenefit for a period as a paged searchset Bundle.
 * The same bearer tokens and scope as /graphql; every error is an OperationOutcome with its HTTP
 * status (401 no or bad token, 400 bad input, 403 refused, 404 not found or out of scope).
 */
import type { MikroORM } from '@mikro-orm/postgresql';
import express from 'express';
import { requireScope, scopeOf, type ScopeOfHeader } from '../../auth/bearer';
import type { Scope } from '../../auth/scope';
import { AppError, logUnexpected } from '../../errors';
import type { Services } from '../../services';
import {
  capabilityStatement,
  claimResource,
  claimResponseResource,
  coverageResource,
  explanationOfBenefitResource,
  FHIR_CONTENT_TYPE,
  HIT_CODE_SYSTEM_ID,
  hitCodeSystem,
  operationOutcome,
  patientResource,
  searchBundle,
  type Problem,
} from './fhir.map';
import { FhirReader, parseSearch } from './fhir.service';
import type { Resource } from './fhir.types';

export interface FhirDeps {
  orm: MikroORM;
  services: Services;
  /** the viewer's scope from the Authorization header, as /graphql builds it (auth/bearer.ts, shared with the Excel export) */
  scopeOf: ScopeOfHeader;
}

const STATUS: Record<string, number> = { UNAUTHENTICATED: 401, BAD_USER_INPUT: 400, FORBIDDEN: 403, NOT_FOUND: 404, NOT_CONFIGURED: 501 };

function send(res: express.Response, status: number, body: Resource): void {
  res.status(status).type(FHIR_CONTENT_TYPE).send(JSON.stringify(body));
}

function fail(res: express.Response, e: unknown): void {
  const x = e instanceof AppError ? (e.extensions as { code: string; messageEn: string; messageZh: string; field?: string }) : null;
  const p: Problem =
    x === null
      ? { code: 'INTERNAL_SERVER_ERROR', messageEn: 'Internal server error', messageZh: '服务器内部错误' }
      : { code: x.code, messageEn: x.messageEn, messageZh: x.messageZh, ...(x.field === undefined ? {} : { field: x.field }) };
  const status = STATUS[p.code] ?? 500;
  if (status === 500) logUnexpected('fhir', e);
  if (status === 401) res.setHeader('WWW-Authenticate', 'Bearer');
  send(res, status, operationOutcome(p));
}

export function fhirRouter(deps: FhirDeps): express.Router {
  const reader = new FhirReader(deps.services);
  const router = express.Router();
  const base = (req: express.Request) => `${req.protocol}://${req.get('host') ?? 'localhost'}${req.baseUrl}`;

  /** A route that needs a viewer: behind the token check the export shares (a missing token is 401 like a bad one, as an OperationOutcome). */
  const viewer = requireScope(deps.scopeOf);
  const answer = (handler: (scope: Scope, req: express.Request) => Promise<Resource>) => async (req: express.Request, res: express.Response) => {
    try {
      send(res, 200, await handler(scopeOf(res), req));
    } catch (e) {
      fail(res, e);
    }
  };
  const read = (handler: (scope: Scope, req: express.Request) => Promise<Resource>): express.RequestHandler[] => [viewer, answer(handler)];
  const em = () => deps.orm.em.fork();
  const id = (req: express.Request) => String(req.params.id);

  // The capability statement is what a client reads before it has a token.
  router.get('/metadata', (_req, res) => send(res, 200, capabilityStatement(reader.today())));
  router.get(
    '/Claim/:id',
    read(async (scope, req) => claimResource(await reader.claim(em(), scope, id(req)))),
  );
  router.get(
    '/ClaimResponse/:id',
    read(async (scope, req) => claimResponseResource(await reader.claim(em(), scope, id(req)))),
  );
  router.get(
    '/ExplanationOfBenefit/:id',
    read(async (scope, req) => explanationOfBenefitResource(await reader.claim(em(), scope, id(req)))),
  );
  router.get(
    '/ExplanationOfBenefit',
    read(async (scope, req) => {
      const q = parseSearch(req.query as Record<string, unknown>);
      const page = await reader.claims(em(), scope, q);
      const url = (cursor: string | null) => {
        const params = new URLSearchParams();
        for (const [k, v] of Object.entries(req.query as Record<string, string | string[]>))
          if (k !== '_page') for (const one of Array.isArray(v) ? v : [v]) params.append(k, one);
        if (!params.has('_count')) params.set('_count', String(q.count));
        if (cursor !== null) params.set('_page', cursor);
        return `${base(req)}/ExplanationOfBenefit?${params.toString()}`;
      };
      const entries = page.claims.map((c) => ({
        fullUrl: `${base(req)}/ExplanationOfBenefit/${c.claim.id}`,
        resource: explanationOfBenefitResource(c),
        mode: 'match' as const,
      }));
      return searchBundle(entries, page.total, url(q.page), page.next === null ? null : url(page.next));
    }),
  );
  router.get(
    '/Patient/:id',
    read(async (scope, req) => patientResource(await reader.patient(em(), scope, id(req)))),
  );
  router.get(
    '/Coverage/:id',
    read(async (scope, req) => coverageResource(await reader.coverage(em(), scope, id(req)))),
  );
  router.get(
    `/CodeSystem/${HIT_CODE_SYSTEM_ID}`,
    read(async () => hitCodeSystem()),
  );
  router.use((req, res) =>
    fail(res, new AppError('NOT_FOUND', `${req.method} ${req.baseUrl}${req.path.slice(0, 64)} is not served`, '未提供该 FHIR 资源或操作')),
  );
  // The token check's refusal (and anything else thrown before a handler answers), as an OperationOutcome.
  router.use((err: unknown, _req: express.Request, res: express.Response, _next: express.NextFunction) => fail(res, err));
  return router;
}
