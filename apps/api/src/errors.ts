/**
 * Structured errors: a code (BAD_USER_INPUT, FORBIDDEN, NOT_FOUND, CONFLICT, UNAUTHENTICATED,
 * RETRYABLE, NOT_CONFIGURED: the deployment lacks a setting the request needs), the field path for bad input, and a message in Chinese and English. No stack
 * traces leave the server outside development.
 */
import { GraphQLError, type GraphQLFormattedError } from 'graphql';

export type ErrorCode =
  'BAD_USER_INPUT' | 'FORBIDDEN' | 'NOT_FOUND' | 'CONFLICT' | 'UNAUTHENTICATED' | 'RETRYABLE' | 'NOT_CONFIGURED' | 'INTERNAL_SERVER_ERROR';

export class AppError extends GraphQLError {
  constructor(code: ErrorCode, messageEn: string, messageZh: string, extra: { field?: string; detail?: unknown } = {}) {
    super(messageEn, {
      extensions: {
        code,
        messageZh,
        messageEn,
        ...(extra.field !== undefined ? { field: extra.field } : {}),
        ...(extra.detail !== undefined ? { detail: extra.detail } : {}),
        retryable: code === 'RETRYABLE',
        // Read by Apollo for the response's status (a bad token is refused while the context is built, which would otherwise answer 500); never sent.
        ...(code === 'UNAUTHENTICATED' ? { http: { status: 401 } } : {}),
      },
    });
  }
}

export const badInput = (field: string, en: string, zh: string) => new AppError('BAD_USER_INPUT', `${field}: ${en}`, `${field}：${zh}`, { field });
export const forbidden = (en = 'Not allowed for this role or district', zh = '当前角色或辖区无权访问') => new AppError('FORBIDDEN', en, zh);
// The id is echoed at most 64 characters long: a 900 kB id would otherwise come back in the message.
export const notFound = (what: string, id: string) => new AppError('NOT_FOUND', `${what} ${id.slice(0, 64)} not found`, `未找到${what} ${id.slice(0, 64)}`);
export const conflict = (en: string, zh: string, detail?: unknown) => new AppError('CONFLICT', en, zh, detail === undefined ? {} : { detail });

/** Collects several input problems and throws them as one error listing each field. */
export class InputProblems {
  private readonly problems: { field: string; en: string; zh: string }[] = [];
  add(field: string, en: string, zh: string): void {
    this.problems.push({ field, en, zh });
  }
  get empty(): boolean {
    return this.problems.length === 0;
  }
  /** the problems so far, for callers that report them per row instead of throwing (the institution import) */
  get list(): readonly { field: string; en: string; zh: string }[] {
    return this.problems;
  }
  throwIfAny(): void {
    const first = this.problems[0];
    if (first === undefined) return;
    throw new AppError(
      'BAD_USER_INPUT',
      this.problems.map((p) => `${p.field}: ${p.en}`).join('; '),
      this.problems.map((p) => `${p.field}：${p.zh}`).join('；'),
      {
        field: first.field,
        detail: this.problems,
      },
    );
  }
}

/** Apollo's codes for a request it could not run as sent (an unknown operation name, a persisted query it does not hold): the client's to fix. */
const REQUEST_CODES = new Set(['BAD_REQUEST', 'OPERATION_RESOLUTION_FAILURE', 'PERSISTED_QUERY_NOT_FOUND', 'PERSISTED_QUERY_NOT_SUPPORTED']);
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH']);
const PG_RETRYABLE = new Set(['40001', '40P01', '57P01', '57P02', '57P03', '08000', '08003', '08006', '08001', '08004']);

const mapped = (formatted: GraphQLFormattedError, code: ErrorCode, en: string, zh: string): GraphQLFormattedError => ({
  message: en,
  path: formatted.path,
  extensions: { code, retryable: false, messageEn: en, messageZh: zh },
});

/** Maps errors from the database and elsewhere onto the structured codes; hides internals in production. */
/**
 * An error no rule expected (a bug, a statement the database refused): written to stderr with its
 * stack, once, where it is turned into a 500, so that the operator's log holds what the client is
 * not shown. Errors the API raises on purpose (AppError) are not logged.
 */
export function logUnexpected(where: string, e: unknown): void {
  if (e instanceof AppError) return;
  const text = e instanceof Error ? (e.stack ?? e.message) : String(e);
  console.error(`[api] unexpected error in ${where}: ${text}`);
}

export function formatError(formatted: GraphQLFormattedError, error: unknown, production: boolean): GraphQLFormattedError {
  const original = (error as { originalError?: unknown })?.originalError ?? error;
  if (original instanceof AppError) {
    const { http: _http, ...extensions } = original.extensions;
    return { ...formatted, extensions };
  }
  const code = (formatted.extensions?.code as string | undefined) ?? 'INTERNAL_SERVER_ERROR';
  // Refused before it ran for what it would cost (graphql/cost.ts): its cost and the limit go back as they are.
  if (code === 'QUERY_TOO_COSTLY') return { message: formatted.message, extensions: formatted.extensions };
  if (code === 'GRAPHQL_VALIDATION_FAILED' || code === 'GRAPHQL_PARSE_FAILED' || code === 'BAD_USER_INPUT' || REQUEST_CODES.has(code)) {
    return {
      message: formatted.message,
      ...(formatted.locations ? { locations: formatted.locations } : {}),
      extensions: { code: REQUEST_CODES.has(code) ? 'BAD_USER_INPUT' : code, messageEn: formatted.message, messageZh: '请求格式不正确', retryable: false },
    };
  }
  // graphql-js and Apollo refuse some requests with an error that has neither a code nor a path (a subscription to a schema
  // without subscriptions, a persisted-query hash that does not match its query): the request's fault, not a failure of ours.
  if (error instanceof GraphQLError && error.originalError == null && error.path === undefined && error.extensions.code === undefined) {
    return { message: formatted.message, extensions: { code: 'BAD_USER_INPUT', messageEn: formatted.message, messageZh: '请求格式不正确', retryable: false } };
  }
  const pgCode = (original as { code?: string })?.code;
  // A unique key refused a row another request stored first (two registrations of one patient at once): the client's conflict, not ours.
  if (pgCode === '23505') {
    return mapped(formatted, 'CONFLICT', 'This record already exists', '该记录已存在');
  }
  // A reference to a row that does not exist (an unknown institution) that validation let through.
  if (pgCode === '23503') {
    return mapped(formatted, 'BAD_USER_INPUT', 'A referenced record does not exist', '引用的记录不存在');
  }
  // Class 22 (data exception): a value the database cannot hold, such as the date 0000-01-01, reached it past validation.
  if (pgCode !== undefined && pgCode.startsWith('22')) {
    return mapped(formatted, 'BAD_USER_INPUT', 'A value is outside the range the system accepts', '输入值超出系统允许的范围');
  }
  if (pgCode !== undefined && PG_RETRYABLE.has(pgCode)) {
    return {
      message: 'Temporary database condition; retry the request',
      path: formatted.path,
      extensions: { code: 'RETRYABLE', retryable: true, messageEn: 'Temporary database condition; retry the request', messageZh: '数据库暂时不可用，请重试' },
    };
  }
  // While PostgreSQL restarts, pg reports a lost connection in several ways: a socket code, or only a message.
  const connectionLost =
    original instanceof Error &&
    (NETWORK_CODES.has(pgCode ?? '') ||
      /ECONNREFUSED|ECONNRESET|EPIPE|Connection terminated|connection.*closed|terminating connection|not queryable/i.test(original.message));
  if (connectionLost) {
    return {
      message: 'Database unavailable; retry the request',
      path: formatted.path,
      extensions: { code: 'RETRYABLE', retryable: true, messageEn: 'Database unavailable; retry the request', messageZh: '数据库暂时不可用，请重试' },
    };
  }
  logUnexpected(formatted.path === undefined ? 'graphql' : `graphql ${formatted.path.join('.')}`, original);
  if (production) {
    return {
      message: 'Internal server error',
      path: formatted.path,
      extensions: { code: 'INTERNAL_SERVER_ERROR', retryable: false, messageEn: 'Internal server error', messageZh: '服务器内部错误' },
    };
  }
  return { ...formatted, extensions: { ...formatted.extensions, code: 'INTERNAL_SERVER_ERROR', retryable: false } };
}
