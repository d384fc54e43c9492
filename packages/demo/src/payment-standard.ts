/**
 * The demo's payment standard for Wuxi (W 四(一) 按照国家和省对“两病”用药确定的支付标准，进行动态维护): a few
 * procured generics at the demo's own unit prices (prices.ts), in force from the demo period's start, so
 * that every demo claim — priced at exactly these prices — is within its standard and the demo's figures
 * stay as they were, while the claims' explanations show the standard they were checked against and a
 * what-if on a standard has something to change. Made-up values, not a published standard.
 */
import type { PaymentStandardVersion } from '@liangbing/policy';
import { dosingOf } from './prices';
import { DEMO_PERIOD } from './types';

/** The drugs and strengths the demo's standard prices: generics of national volume-based procurement at a common strength. */
const PRICED: readonly [drugCode: string, strength: string][] = [
  ['amlodipine', '5mg'],
  ['valsartan', '80mg'],
  ['irbesartan', '150mg'],
  ['metoprolol', '25mg'],
  ['metformin', '0.5g'],
];

export const DEMO_PAYMENT_STANDARD_WUXI: PaymentStandardVersion = {
  id: `320200-${DEMO_PERIOD.from}`,
  city: '320200',
  title: '无锡市“两病”用药医保支付标准（演示数据）',
  effectiveFrom: DEMO_PERIOD.from,
  source: { document: '演示数据：按演示价格表设定，非公布的支付标准', section: '—' },
  rows: PRICED.map(([drugCode, strength]) => ({ drugCode, form: 'oral', strength, unitPriceFen: dosingOf(drugCode, 'oral').priceFen })),
};
