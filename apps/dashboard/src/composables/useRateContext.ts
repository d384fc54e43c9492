import { computed } from 'vue';
import { useI18n } from 'vue-i18n';
import type { Locale } from '../api/types';
import type { RateContext } from '../charts/options/types';
import { definitions } from '../state/context';
import { localDefinitions } from '../config/localDefinitions';

/** Locale, tooltip words and indicator definitions, as the chart builders want them. */
export function useRateContext() {
  const { t, locale } = useI18n();
  return computed<RateContext>(() => ({
    locale: locale.value as Locale,
    // The API's definitions win over the local ones for the same id.
    definitions: new Map([...localDefinitions.map((d) => [d.id, d] as const), ...definitions.value]),
    labels: {
      numerator: t('tooltip.numerator'),
      denominator: t('tooltip.denominator'),
      definition: t('tooltip.definition'),
      window: t('tooltip.window'),
      source: t('tooltip.source'),
      noDefinition: t('tooltip.noDefinition'),
      unavailable: t('tooltip.unavailable'),
    },
  }));
}
