/**
 * Structured errors: a code (BAD_USER_INPUT, FORBIDDEN, NOT_FOUND, CONFLICT, UNAUTHENTICATED,
 * RETRYABLE), the field path for bad input, and a message in Chinese and English. No stack
 * traces leave the server outside development.
 */
import { GraphQLError, type GraphQLFormattedError } from 'graphql';

export type ErrorCode = 'BAD_USER_INPUT' | 'FORBIDDEN' | 'NOT_FOUND' | 'CONFLICT' | 'UNAUTHENTICATED' | 'RETRYABLE' | 'INTERNAL_SERVER_ERROR';

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
      },
    });
  }
}

export const badInput = (field: string, en: string, zh: string) => new AppError('BAD_USER_INPUT', `${field}: ${en}`, `${field}：${zh}`, { field });
export const forbidden = (en = 'Not allowed for this role or district', zh = '当前角色或辖区无权访问') => new AppError('FORBIDDEN', en, zh);
export const notFound = (what: string, id: string) => new AppError('NOT_FOUND', `${what} ${id} not found`, `未找到${what} ${id}`);
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
  throwIfAny(): void {
    const first = this.problems[0];
    if (first === undefined) return;
    throw new AppError('BAD_USER_INPUT', this.problems.map((p) => `${p.field}: ${p.en}`).join('; '), this.problems.map((p) => `${p.field}：${p.zh}`).join('；'), {
      field: first.field,
      detail: this.problems,
    });
  }
}

const PG_RETRYABLE = new Set(['40001', '40P01', '57P01', '57P02', '57P03', '08000', '08003', '08006', '08001', '08004']);

/** Maps errors from the database and elsewhere onto the structured codes; hides internals in production. */
export function formatError(formatted: GraphQLFormattedError, error: unknown, production: boolean): GraphQLFormattedError {
  const original = (error as { originalError?: unknown })?.originalError ?? error;
  if (original instanceof AppError) return { ...formatted, extensions: { ...original.extensions } };
  const code = (formatted.extensions?.code as string | undefined) ?? 'INTERNAL_SERVER_ERROR';
  if (code === 'GRAPHQL_VALIDATION_FAILED' || code === 'GRAPHQL_PARSE_FAILED' || code === 'BAD_USER_INPUT' || code === 'BAD_REQUEST') {
    return { message: formatted.message, ...(formatted.locations ? { locations: formatted.locations } : {}), extensions: { code: code === 'BAD_REQUEST' ? 'BAD_USER_INPUT' : code, messageEn: formatted.message, messageZh: '请求格式不正确', retryable: false } };
  }
  const pgCode = (original as { code?: string })?.code;
  if (pgCode !== undefined && PG_RETRYABLE.has(pgCode)) {
    return { message: 'Temporary database condition; retry the request', path: formatted.path, extensions: { code: 'RETRYABLE', retryable: true, messageEn: 'Temporary database condition; retry the request', messageZh: '数据库暂时不可用，请重试' } };
  }
  const connectionLost = original instanceof Error && /ECONNREFUSED|Connection terminated|connection.*closed|terminating connection/i.test(original.message);
  if (connectionLost) {
    return { message: 'Database unavailable; retry the request', path: formatted.path, extensions: { code: 'RETRYABLE', retryable: true, messageEn: 'Database unavailable; retry the request', messageZh: '数据库暂时不可用，请重试' } };
  }
  if (production) {
    return { message: 'Internal server error', path: formatted.path, extensions: { code: 'INTERNAL_SERVER_ERROR', retryable: false, messageEn: 'Internal server error', messageZh: '服务器内部错误' } };
  }
  return { ...formatted, extensions: { ...formatted.extensions, code: 'INTERNAL_SERVER_ERROR', retryable: false } };
}
