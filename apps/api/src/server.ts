/**
 * The HTTP server: GraphQL at /graphql (Apollo Server 5 on Express 5), the explorer (Ruru,
 * served from the package's own static files: no CDN), the quarterly report as Excel, FHIR R4 at
 * /fhir (modules/fhir), and in
 * demo mode only the demo tokens and the explorer (a production deployment serves neither: they
 * answer 404 like any unknown path).
 */
import http from 'node:http';
import { ApolloServer } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import type { MikroORM } from '@mikro-orm/postgresql';
import express from 'express';
import { ruruHTML } from 'ruru/server';
import { serveStatic } from 'ruru/static';
import { requireScope, scopeOf, type ScopeOfHeader } from './auth/bearer';
import { Scope } from './auth/scope';
import { RequestReads, type ReadRouter } from './db/replica';
import { TokenCache, type TokenVerifier, type Viewer } from './auth/tokens';
import { demoTokens } from './auth/demo-users';
import { AppError, formatError, logUnexpected } from './errors';
import type { Context } from './graphql/context';
import { costPlugin } from './graphql/cost';
import { queryLimits } from './graphql/limits';
import { createLoaders } from './graphql/loaders';
import { schema } from './graphql/schema';
import { deploymentInfo, type DeploymentInfo } from './modules/deployment/deployment';
import { fhirRouter } from './modules/fhir/fhir.routes';
import { quarterlyFile } from './modules/reports/quarterly-file';
import { chinaToday, type Services } from './services';

export interface ServerOptions {
  orm: MikroORM;
  services: Services;
  /** the HS256 secret: signs /demo-tokens in demo mode, and verifies tokens when no `tokens` verifier is given */
  secret: Uint8Array | null;
  production: boolean;
  /** how bearer tokens are verified (verifier.ts: HS256 and/or a provider's JWKS); HS256 with `secret` when absent */
  tokens?: TokenVerifier;
  /** statistics, lists and reports on a read replica (DATABASE_REPLICA_URL); all on the primary when absent */
  reads?: ReadRouter | null;
  /** what the `deployment` query answers; when absent, derived from `production` and the services' overrides */
  deployment?: DeploymentInfo;
}

export interface RunningServer {
  url: string;
  port: number;
  httpServer: http.Server;
  stop: () => Promise<void>;
}

export async function createApp(opts: ServerOptions): Promise<{ app: express.Express; apollo: ApolloServer<Context> }> {
  const { orm, services, secret, production } = opts;
  const router = opts.reads ?? null;
  const deployment =
    opts.deployment ??
    deploymentInfo({
      mode: production ? 'production' : 'demo',
      overrides: services.overrides,
      tokenIssuer: null,
      developmentTokens: secret !== null,
      today: chinaToday,
    });
  await services.regions.load(orm.em.fork());
  // Each city's configuration starts from the code's seeds (idempotent: a second start writes nothing).
  await services.settings.seed(orm.em.fork());
  const apollo = new ApolloServer<Context>({
    schema: await schema(),
    introspection: !production,
    includeStacktraceInErrorResponses: !production,
    validationRules: [queryLimits],
    formatError: (formatted, error) => formatError(formatted, error, production),
    plugins: [ApolloServerPluginLandingPageDisabled(), costPlugin()],
  });
  await apollo.start();

  const app = express();
  app.disable('x-powered-by');
  app.use((req, res, next) => {
    res.setHeader('Access-Control-Allow-Origin', '*');
    res.setHeader('Access-Control-Allow-Headers', 'authorization, content-type');
    res.setHeader('Access-Control-Allow-Methods', 'GET, POST, OPTIONS');
    res.setHeader('Access-Control-Expose-Headers', 'Content-Disposition');
    if (req.method === 'OPTIONS') return void res.sendStatus(204);
    next();
  });

  const verifier = opts.tokens ?? (secret === null ? null : secret);
  if (verifier === null) throw new Error('createApp: neither a token verifier nor a secret');
  const tokens = new TokenCache(verifier);
  const viewerOf = async (header: string | undefined): Promise<Viewer | null> => {
    if (header === undefined || header === '') return null;
    const m = /^Bearer (.+)$/.exec(header);
    if (!m) throw new AppError('UNAUTHENTICATED', 'Authorization must be a Bearer token', '须使用 Bearer 令牌');
    return tokens.verify(m[1]!);
  };
  const scopeFor = (viewer: Viewer | null) => (viewer === null ? null : new Scope(viewer, (city) => services.regions.districtsOf(city).map((d) => d.code)));
  /** The routes beside /graphql check the token with one middleware (auth/bearer.ts). */
  const scopeOfHeader: ScopeOfHeader = async (header) => scopeFor(await viewerOf(header));

  app.post(
    '/graphql',
    express.json({ limit: '1mb' }),
    expressMiddleware(apollo, {
      context: async ({ req }) => {
        const em = orm.em.fork();
        const viewer = await viewerOf(req.headers.authorization);
        return { em, reads: new RequestReads(router, em), viewer, scope: scopeFor(viewer), services, loaders: createLoaders(em), deployment };
      },
    }),
  );
  app.use((err: unknown, _req: express.Request, res: express.Response, next: express.NextFunction) => {
    const e = err as { type?: string; status?: number };
    // Every refusal of the body parser (too large, malformed, an unknown charset or encoding, a corrupt gzip stream), not only the first two.
    if (e?.status !== undefined && e.status >= 400 && e.status < 500) {
      const message =
        e.type === 'entity.too.large' ? 'Request body too large' : e.type === 'entity.parse.failed' ? 'Malformed JSON' : 'Unreadable request body';
      res
        .status(e.status)
        .json({ errors: [{ message, extensions: { code: 'BAD_USER_INPUT', retryable: false, messageEn: message, messageZh: '请求体无效' } }] });
      return;
    }
    next(err);
  });

  // The demo's doors: only in demo mode, and only with the secret the demo tokens are signed with.
  if (deployment.mode === 'demo' && !production && secret !== null) {
    // Unmounted on purpose: ruru's handler looks for the /ruru-static/ prefix in req.url itself, and
    // app.use('/ruru-static/', …) would strip it, leaving every file a 404.
    app.use(serveStatic('/ruru-static/'));
    app.get(['/', '/graphql'], (_req, res) => {
      res.type('html').send(ruruHTML({ endpoint: '/graphql', staticPath: '/ruru-static/' }));
    });
    app.get('/demo-tokens', async (_req, res) => {
      res.json(await demoTokens(orm.em.fork(), secret));
    });
  }

  const exportFailed = (e: unknown, res: express.Response) => {
    const ext = e instanceof AppError ? e.extensions : { code: 'INTERNAL_SERVER_ERROR' };
    const status =
      ext.code === 'UNAUTHENTICATED' ? 401 : ext.code === 'FORBIDDEN' ? 403 : ext.code === 'NOT_FOUND' ? 404 : ext.code === 'BAD_USER_INPUT' ? 400 : 500;
    if (status === 500) logUnexpected('export', e);
    res.status(status).json({ errors: [{ message: e instanceof Error && status !== 500 ? e.message : 'Internal server error', extensions: ext }] });
  };
  app.get(
    '/reports/quarterly.xlsx',
    requireScope(scopeOfHeader),
    async (req: express.Request, res: express.Response) => {
      try {
        const { file, fileName } = await quarterlyFile(new RequestReads(router, orm.em.fork()), services, scopeOf(res), req.query);
        res.setHeader('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
        res.setHeader('Content-Disposition', `attachment; filename="${fileName}"`);
        res.send(file);
      } catch (e) {
        exportFailed(e, res);
      }
    },
    (err: unknown, _req: express.Request, res: express.Response, _next: express.NextFunction) => exportFailed(err, res),
  );
  // FHIR R4: the same tokens and scope, its own answers (OperationOutcome) for what it does not serve.
  app.use('/fhir', fhirRouter({ orm, services, scopeOf: scopeOfHeader }));
  // Liveness: the process answers. Readiness: it can also reach its database within a second — a load balancer sends it nothing until then.
  // The replica is reported, never required: without it the API answers everything from the primary.
  app.get('/livez', (_req, res) => void res.json({ ok: true }));
  app.get(['/healthz', '/readyz'], async (_req, res) => {
    const [database, replica] = await Promise.all([databaseReachable(orm), router === null ? null : router.current()]);
    const body: Record<string, unknown> = { ok: database === 'up', database };
    if (replica !== null)
      body.replica = {
        state: replica.state,
        lagSeconds: replica.lagSeconds,
        maxLagSeconds: router!.maxLagSeconds,
        reason: replica.reason,
        readsFrom: replica.state === 'serving' ? 'replica' : 'primary',
      };
    res.status(database === 'up' ? 200 : 503).json(body);
  });
  // Whatever no route answers is still a structured answer: Express's defaults are HTML pages, with a stack trace outside production.
  app.use(
    (_req, res) =>
      void res
        .status(404)
        .json({ errors: [{ message: 'Not found', extensions: { code: 'NOT_FOUND', retryable: false, messageEn: 'Not found', messageZh: '未找到' } }] }),
  );
  app.use((err: unknown, req: express.Request, res: express.Response, _next: express.NextFunction) => {
    logUnexpected(`${req.method} ${req.path}`, err);
    res.status(500).json({
      errors: [
        {
          message: 'Internal server error',
          extensions: { code: 'INTERNAL_SERVER_ERROR', retryable: false, messageEn: 'Internal server error', messageZh: '服务器内部错误' },
        },
      ],
    });
  });
  return { app, apollo };
}

async function databaseReachable(orm: MikroORM, timeoutMs = 1000): Promise<'up' | 'unreachable'> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'unreachable'>((resolve) => (timer = setTimeout(() => resolve('unreachable'), timeoutMs)));
  const probe = orm.em
    .getConnection()
    .execute('select 1')
    .then(
      () => 'up' as const,
      () => 'unreachable' as const,
    );
  try {
    return await Promise.race([probe, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

export async function listen(opts: ServerOptions, port: number, host = '127.0.0.1'): Promise<RunningServer> {
  const { app, apollo } = await createApp(opts);
  const httpServer = http.createServer(app);
  await new Promise<void>((resolve) => httpServer.listen(port, host, resolve));
  const address = httpServer.address();
  const actual = typeof address === 'object' && address ? address.port : port;
  return {
    url: `http://${host}:${actual}`,
    port: actual,
    httpServer,
    stop: async () => {
      await apollo.stop();
      await new Promise<void>((resolve) => httpServer.close(() => resolve()));
      await opts.services.whatIf.close();
    },
  };
}
