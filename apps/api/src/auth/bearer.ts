/**
 * The bearer-token check of the HTTP routes beside /graphql (the Excel export, FHIR): one Express
 * middleware that resolves the viewer's Scope from the Authorization header as /graphql does and
 * hands it to the route (`scopeOf(res)`). A missing token is refused like a bad one: the route's
 * error handler gets UNAUTHENTICATED (401) and answers it in its own format.
 */
import type express from 'express';
import { AppError } from '../errors';
import type { Scope } from './scope';

/** The viewer's scope from the Authorization header; null without one; throws UNAUTHENTICATED for a bad token. */
export type ScopeOfHeader = (authorization: string | undefined) => Promise<Scope | null>;

export function requireScope(scopeOfHeader: ScopeOfHeader): express.RequestHandler {
  return async (req, res, next) => {
    try {
      const scope = await scopeOfHeader(req.headers.authorization);
      if (scope === null) throw new AppError('UNAUTHENTICATED', 'A bearer token is required', '需要提供令牌');
      res.locals.scope = scope;
      next();
    } catch (e) {
      next(e);
    }
  };
}

/** The scope requireScope put on the response; a route without it is a programming error. */
export function scopeOf(res: express.Response): Scope {
  const scope = res.locals.scope as Scope | undefined;
  if (scope === undefined) throw new Error('scopeOf: the route is not behind requireScope');
  return scope;
}
