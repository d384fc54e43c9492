/** The root fields of the schema the server runs: what "every query and mutation" means today. */
import { schema } from '../../../src/graphql/schema';

export async function rootFields(): Promise<{ query: string[]; mutation: string[] }> {
  const s = await schema();
  return { query: Object.keys(s.getQueryType()?.getFields() ?? {}).sort(), mutation: Object.keys(s.getMutationType()?.getFields() ?? {}).sort() };
}
