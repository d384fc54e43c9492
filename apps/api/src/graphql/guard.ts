import { AppError } from '../errors';
import type { Scope } from '../auth/scope';
import type { Context } from './context';

/** Deny by default: every resolver that reads or writes data asks for the caller's scope here. */
export function scopeOf(ctx: Context): Scope {
  if (ctx.scope === null) throw new AppError('UNAUTHENTICATED', 'A bearer token is required', '需要提供令牌');
  return ctx.scope;
}
