/**
 * Capitation settlement parameters (W-8, Wuxi 四(一)): 实行总额控制下的按人头付费为主的医保支付方式；
 * 对联合体实行“总额包干、复合结算、超支适补、结余留用”的打包付费办法；2020年年内按月及时结付，
 * 年终结合实际确定“人头费”标准. The source fixes the method, not the numbers: the per-head rate is
 * set at year end from actual figures, and the compensated share of an overspend and the retained
 * share of a surplus are for the service agreement. Every value below is therefore configuration,
 * kind 'configuration', with the section that asks for it; the demo values are placeholders.
 */
import { wuxi, type Citation } from '@liangbing/policy';

export interface CapitationParameter {
  readonly name: string;
  readonly value: number;
  readonly kind: 'configuration';
  readonly citation: Citation;
}

export interface CapitationConfig {
  /** 人头费: fen per designated patient and month */
  readonly perHeadMonthlyFen: CapitationParameter;
  /** 超支适补: the share of a consortium's overspend the fund bears at year end, basis points */
  readonly overspendCompensationBp: CapitationParameter;
  /** 结余留用: the share of a consortium's surplus it keeps at year end, basis points */
  readonly surplusRetentionBp: CapitationParameter;
}

/** Per city: only Wuxi's rules settle by capitation (W-8); Guiyang's plan does not. */
export const CAPITATION_CONFIG: Readonly<Record<string, CapitationConfig>> = {
  '320200': {
    perHeadMonthlyFen: {
      name: 'perHeadMonthlyFen',
      value: 3000,
      kind: 'configuration',
      citation: wuxi('四(一)', '年终结合实际确定“人头费”标准: the rate is fixed at year end from actual figures; 30 yuan a month is a demo placeholder'),
    },
    overspendCompensationBp: {
      name: 'overspendCompensationBp',
      value: 5000,
      kind: 'configuration',
      citation: wuxi('四(一)', '超支适补: part of an overspend is compensated; the share (50 % here) is for the service agreement, a demo placeholder'),
    },
    surplusRetentionBp: {
      name: 'surplusRetentionBp',
      value: 10_000,
      kind: 'configuration',
      citation: wuxi('四(一)', '结余留用: the surplus is retained; in full here unless the service agreement sets a share'),
    },
  },
};
