import { a } from './a';
export const b = (): number => (a.length > 0 ? 0 : 1);
