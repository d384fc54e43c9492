/**
 * The access matrix of the payment standards (W 四(一), modules/paystd): master data of the city.
 * Everyone of the city reads the versions; another city is not found. Only the city's leadership
 * group (the city bureau) loads one (scope.ts assertCityWrite); the load sent here has no rows, so
 * past the access check it is answered with its problem and nothing is stored.
 */
import type { Spec, Target } from './access';
import { PLACE } from './access';

const ownCity = (t: Target) => t !== 'other city';

export function paystdSpecs(): Spec[] {
  return [
    {
      op: 'paymentStandardVersions',
      label: 'paymentStandardVersions(city)',
      expect: (_r, t) => (ownCity(t) ? 'data' : 'NOT_FOUND'),
      request: (_f, t) => ({ query: `query($c: String!) { paymentStandardVersions(cityCode: $c) { id } }`, variables: { c: PLACE[t].city } }),
    },
    {
      op: 'paymentStandardDiff',
      label: 'paymentStandardDiff(city)',
      expect: () => 'NOT_FOUND', // another city's: the city is not found; its own: the versions named are not
      request: (_f, t) => ({
        query: `query($c: String!) { paymentStandardDiff(cityCode: $c, fromVersion: "a", toVersion: "b") { added { drugCode } } }`,
        variables: { c: PLACE[t].city },
      }),
    },
    {
      op: 'loadPaymentStandard',
      label: 'loadPaymentStandard',
      expect: (r, t) => (r === 'city_leadership' && ownCity(t) ? 'data' : 'FORBIDDEN'),
      request: (_f, t) => ({
        query: `mutation($i: LoadPaymentStandardInput!) { loadPaymentStandard(input: $i) { applied problems { code } } }`,
        variables: { i: { cityCode: PLACE[t].city, effectiveFrom: '2025-09-01', sourceDocument: 'matrix', sourceSection: '—', rows: [] } },
      }),
      check: (data) =>
        (data as { loadPaymentStandard?: { applied: boolean } }).loadPaymentStandard?.applied === false ? null : 'a list without rows was stored',
    },
  ];
}
