import { createI18n } from 'vue-i18n';
import type { Locale } from '../api/types';
import zh from './zh';
import en from './en';

const LOCALE_KEY = 'liangbing.locale';

function savedLocale(): Locale {
  try {
    return localStorage.getItem(LOCALE_KEY) === 'en' ? 'en' : 'zh';
  } catch {
    return 'zh';
  }
}

export const i18n = createI18n<[typeof zh], Locale, false>({
  legacy: false,
  locale: savedLocale(),
  fallbackLocale: 'zh',
  messages: { zh, en },
});

export function setLocale(locale: Locale): void {
  i18n.global.locale.value = locale;
  document.documentElement.lang = locale === 'zh' ? 'zh-CN' : 'en';
  try {
    localStorage.setItem(LOCALE_KEY, locale);
  } catch {
    // private mode: the choice lasts for this page only
  }
}
