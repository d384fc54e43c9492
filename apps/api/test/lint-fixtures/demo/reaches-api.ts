import { ENTITIES } from '../../../src/db/entities';
export const count = ENTITIES.length;
