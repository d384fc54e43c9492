/**
 * Drug availability settings (G-7 五(三)7: 配得齐、开得出). The source sets no number: the threshold
 * below which an institution is listed for its district is deployment configuration, versioned by id.
 */
export interface AvailabilityConfig {
  readonly id: string;
  /** share of the drugs allowed at the institution's level it dispensed at least once in the quarter */
  readonly coverageThreshold: number;
}

export const AVAILABILITY_CONFIG: AvailabilityConfig = {
  id: 'drug-availability.v1',
  coverageThreshold: 0.2,
};
