/**
 * Mints a development token: `pnpm --filter @liangbing/api tokens -- --role district_bureau --district 320213`
 * (with --institution for an operator; --city for a city-wide role, or it is the district's city).
 * Signs with JWT_SECRET or the development secret, as the API does.
 */
import { parseArgs } from 'node:util';
import { loadConfig } from '../config';
import { tokenCity } from './mint-city';
import { ROLES, signToken, type Role } from './tokens';

const { values } = parseArgs({
  options: {
    role: { type: 'string' },
    city: { type: 'string' },
    district: { type: 'string' },
    institution: { type: 'string' },
    user: { type: 'string' },
    hours: { type: 'string', default: '8' },
  },
});
const role = values.role as Role | undefined;
if (role === undefined || !ROLES.includes(role)) {
  console.error(`--role must be one of ${ROLES.join(', ')}`);
  process.exit(2);
}
const city = tokenCity(values.city, values.district);
if ('error' in city) {
  console.error(city.error);
  process.exit(2);
}
const config = loadConfig();
if (config.secret === null) {
  console.error('JWT_SECRET is not set: this deployment takes its identity provider’s tokens only, and mints none');
  process.exit(2);
}
const token = await signToken(
  config.secret,
  { userId: values.user ?? `cli-${role}`, role, cityCode: city.cityCode, districtCode: values.district ?? null, institutionId: values.institution ?? null },
  Number(values.hours) * 3600,
);
console.log(token);
