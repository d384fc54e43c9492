import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';

/** Integer amount in fen (分): a JSON number within the safe-integer range, never a float. */
export const FenScalar = new GraphQLScalarType({
  name: 'Fen',
  description: 'Integer amount in fen (分); a JSON number within the safe-integer range',
  serialize(value) {
    const n = typeof value === 'string' ? Number(value) : value;
    if (typeof n !== 'number' || !Number.isSafeInteger(n)) throw new GraphQLError(`Fen must be a safe integer, got ${String(value)}`);
    return n;
  },
  parseValue(value) {
    if (typeof value !== 'number' || !Number.isSafeInteger(value))
      throw new GraphQLError('Fen must be an integer number of fen', { extensions: { code: 'BAD_USER_INPUT' } });
    return value;
  },
  parseLiteral(ast) {
    if (ast.kind !== Kind.INT) throw new GraphQLError('Fen must be an integer number of fen', { extensions: { code: 'BAD_USER_INPUT' } });
    const n = Number(ast.value);
    if (!Number.isSafeInteger(n)) throw new GraphQLError('Fen is out of range', { extensions: { code: 'BAD_USER_INPUT' } });
    return n;
  },
});
