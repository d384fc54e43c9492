/**
 * The drug reference table: every generic the 两病 programme deals with, classified by WHO ATC
 * code so that Wuxi's rule (最新版国家基本医疗保险药品目录内直接用于降血压、降血糖的治疗性药品,
 * W-2) can be decided by ATC group (C02, C03, C07, C08, C09, A10), and keyed by a stable code that
 * Guiyang's catalogue rows (附件3 / 附件4) point to.
 *
 * It holds every generic name of Guiyang's two lists (one entry per substance or fixed
 * combination; the three human-insulin rows 6/7/8 of 附件4 are separate entries) and the common
 * antihypertensive and antidiabetic generics that Wuxi's rule implies and Guiyang's list lacks.
 * Some Guiyang rows are not antihypertensives by ATC (terazosin G04CA03, phentolamine C04AB01,
 * glyceryl trinitrate C01DA02, magnesium sulfate B05XA05): they carry their true codes.
 *
 * Ordered by disease (hypertension, then diabetes) and, within each, by ATC code.
 *
 * Every flag (nrdlClass, essential, centrallyProcured) carries its source. Flags taken from
 * Guiyang's list cite the row; flags the project added from the national lists say so in a note
 * and must be checked against the published list. A flag is omitted where we were not confident.
 *
 * firstLine (satisfies 限二线用药 for later drugs of the same disease):
 * - hypertension: the five classes of the Chinese hypertension guideline (2018 revision) —
 *   ACE inhibitors, ARBs, dihydropyridine CCBs, thiazide-type diuretics, beta-blockers (incl.
 *   the alpha/beta-blockers labetalol and carvedilol) — and the guideline's single-pill combinations
 *   (of those classes, and amiloride/hydrochlorothiazide);
 *   not sotalol (antiarrhythmic), esmolol (parenteral, acute), nimodipine (subarachnoid
 *   haemorrhage), non-dihydropyridine CCBs, loop or potassium-sparing diuretics, alpha-blockers,
 *   central agents, vasodilators or sacubitril/valsartan;
 * - diabetes: metformin, and — because the Chinese T2DM guideline (CDS 2020) names α-glucosidase
 *   inhibitors or insulin secretagogues as first-line where metformin is unsuitable — the
 *   sulfonylureas, α-glucosidase inhibitors and glinides; not DPP-4 / SGLT2 inhibitors, GLP-1
 *   agonists, thiazolidinediones, insulins or metformin combinations.
 *
 * maxUnitsPerDay is a generous clinical reference value to catch gross over-quantity: tablets or
 * capsules a day at the smallest common strength for oral drugs; for injectables, ampoules, vials
 * or pens a day (an insulin pen of 300 IU: 0.5 a day is 150 IU). A drug marketed in both forms
 * takes the larger of the two.
 */
import type { Citation, DrugReference, SourcedFlag } from './types';

const GUIYANG_HT = '筑医保发〔2021〕13号 附件3';
const GUIYANG_DM = '筑医保发〔2021〕13号 附件4';
const MERGED = 'the 基药 and 医保 columns are merged in the source text';
const CHECK = 'transcribed by the project; check against the published list';

function cite(document: string, rows: string, note?: string): Citation {
  return note === undefined ? { document, section: `序号 ${rows}` } : { document, section: `序号 ${rows}`, note };
}

/** A class (甲类 A / 乙类 B) as printed in a row of 附件3 (ht) or 附件4 (dm). */
const htClass = (value: 'A' | 'B', rows: string, note?: string): SourcedFlag<'A' | 'B'> => ({ value, source: cite(GUIYANG_HT, rows, note) });
const dmClass = (value: 'A' | 'B', rows: string, note?: string): SourcedFlag<'A' | 'B'> => ({ value, source: cite(GUIYANG_DM, rows, note) });
/** The √ of the 基药 column of a row. */
const htEssential = (rows: string, note?: string): SourcedFlag<boolean> => ({ value: true, source: cite(GUIYANG_HT, rows, note) });
const dmEssential = (rows: string, note?: string): SourcedFlag<boolean> => ({ value: true, source: cite(GUIYANG_DM, rows, note) });

/** The class in the national reimbursement list, 2019 edition, transcribed by the project. */
const nrdl = (value: 'A' | 'B', note?: string): SourcedFlag<'A' | 'B'> => ({
  value,
  source: { document: '国家医保药品目录（2019年版）', section: '西药部分', note: note === undefined ? CHECK : `${CHECK}; ${note}` },
});

/** Listed in the national essential drug list, 2018 edition, transcribed by the project. */
const eml2018 = (note: string): SourcedFlag<boolean> => ({
  value: true,
  source: { document: '国家基本药物目录（2018年版）', section: '化学药品和生物制品', note: `${CHECK}; ${note}` },
});

/** A winning generic of national volume-based procurement (国家组织药品集中采购), by batch. */
const vbp = (batch: '第一批' | '第二批' | '第三批' | '第四批' | '第五批', note: string): SourcedFlag<string> => ({
  value: batch,
  source: { document: `国家组织药品集中采购和使用 ${batch} 中选结果`, section: '品种目录', note },
});

const VBP_1 =
  'batch 1 is the “4+7” pilot (2018-12) and its national expansion (2019-09); from memory (also named in the project brief): ' +
  'a search confirmed only that “4+7” included seven antihypertensives (BMC Health Serv Res 2021, Shenzhen interrupted-time-series study), not which';
const VBP_DM =
  'confirmed by search: ChemLinked/BaiPharm, “How China’s Volume-based Procurements (VBPs) Impact Diabetes Medicine Market” (2022-08-11), ' +
  'and BMC Health Serv Res 2024 (Gansu antidiabetic drug use 2012–21), table 2';

export const DRUGS: readonly DrugReference[] = [
  // ───────────────────────────── hypertension ─────────────────────────────
  // B05 — magnesium sulfate as a parenteral electrolyte (附件3 序号 27); not in a Wuxi group.
  {
    code: 'magnesium-sulfate', nameZh: '硫酸镁', nameEn: 'Magnesium sulfate', atc: 'B05XA05', components: ['magnesium-sulfate'],
    disease: 'hypertension', forms: ['injection'], firstLine: false, maxUnitsPerDay: 12,
    nrdlClass: htClass('A', '27', MERGED), essential: htEssential('27', MERGED),
  },
  // C01 — glyceryl trinitrate (nitroglycerin) injection (附件3 序号 48); not in a Wuxi group.
  {
    code: 'glyceryl-trinitrate', nameZh: '硝酸甘油', nameEn: 'Glyceryl trinitrate (nitroglycerin)', atc: 'C01DA02', components: ['glyceryl-trinitrate'],
    disease: 'hypertension', forms: ['injection'], firstLine: false, maxUnitsPerDay: 20,
    nrdlClass: htClass('A', '48'), essential: htEssential('48'),
  },
  // C02 — antiadrenergic agents and vasodilators
  {
    code: 'methyldopa', nameZh: '甲基多巴', nameEn: 'Methyldopa', atc: 'C02AB01', components: ['methyldopa'],
    disease: 'hypertension', forms: ['oral'], firstLine: false, maxUnitsPerDay: 12,
  },
  {
    code: 'clonidine', nameZh: '可乐定', nameEn: 'Clonidine', atc: 'C02AC01', components: ['clonidine'],
    disease: 'hypertension', forms: ['oral'], firstLine: false, maxUnitsPerDay: 12,
  },
  {
    code: 'prazosin', nameZh: '哌唑嗪', nameEn: 'Prazosin', atc: 'C02CA01', components: ['prazosin'],
    disease: 'hypertension', forms: ['oral'], firstLine: false, maxUnitsPerDay: 20,
  },
  {
    code: 'doxazosin', nameZh: '多沙唑嗪', nameEn: 'Doxazosin', atc: 'C02CA04', components: ['doxazosin'],
    disease: 'hypertension', forms: ['oral'], firstLine: false, maxUnitsPerDay: 8,
  },
  {
    code: 'urapidil', nameZh: '乌拉地尔', nameEn: 'Urapidil', atc: 'C02CA06', components: ['urapidil'],
    disease: 'hypertension', forms: ['oral', 'injection'], firstLine: false, maxUnitsPerDay: 10,
  },
  {
    code: 'hydralazine', nameZh: '肼屈嗪', nameEn: 'Hydralazine', atc: 'C02DB02', components: ['hydralazine'],
    disease: 'hypertension', forms: ['oral'], firstLine: false, maxUnitsPerDay: 12,
  },
  {
    code: 'nitroprusside', nameZh: '硝普钠', nameEn: 'Sodium nitroprusside', atc: 'C02DD01', components: ['nitroprusside'],
    disease: 'hypertension', forms: ['injection'], firstLine: false, maxUnitsPerDay: 10,
    nrdlClass: htClass('A', '28', MERGED), essential: htEssential('28', MERGED),
  },
  // C03 — diuretics
  {
    code: 'hydrochlorothiazide', nameZh: '氢氯噻嗪', nameEn: 'Hydrochlorothiazide', atc: 'C03AA03', components: ['hydrochlorothiazide'],
    disease: 'hypertension', forms: ['oral'], firstLine: true, maxUnitsPerDay: 8,
    nrdlClass: htClass('A', '30', MERGED), essential: htEssential('30', MERGED),
  },
  {
    code: 'indapamide', nameZh: '吲达帕胺', nameEn: 'Indapamide', atc: 'C03BA11', components: ['indapamide'],
    disease: 'hypertension', forms: ['oral'], firstLine: true, maxUnitsPerDay: 3,
    nrdlClass: htClass('A', '32', MERGED), essential: htEssential('32', MERGED),
  },
  {
    code: 'furosemide', nameZh: '呋塞米', nameEn: 'Furosemide', atc: 'C03CA01', components: ['furosemide'],
    disease: 'hypertension', forms: ['oral', 'injection'], firstLine: false, maxUnitsPerDay: 10,
    nrdlClass: htClass('A', '29', MERGED), essential: htEssential('29', MERGED),
  },
  {
    code: 'torasemide', nameZh: '托拉塞米', nameEn: 'Torasemide', atc: 'C03CA04', components: ['torasemide'],
    disease: 'hypertension', forms: ['oral', 'injection'], firstLine: false, maxUnitsPerDay: 10,
    nrdlClass: htClass('B', '33', MERGED),
  },
  {
    code: 'spironolactone', nameZh: '螺内酯', nameEn: 'Spironolactone', atc: 'C03DA01', components: ['spironolactone'],
    disease: 'hypertension', forms: ['oral'], firstLine: false, maxUnitsPerDay: 10,
    nrdlClass: htClass('A', '31', MERGED), essential: htEssential('31', MERGED),
  },
  {
    code: 'amiloride', nameZh: '阿米洛利', nameEn: 'Amiloride', atc: 'C03DB01', components: ['amiloride'],
    disease: 'hypertension', forms: ['oral'], firstLine: false, maxUnitsPerDay: 4,
  },
  {
    // 复方盐酸阿米洛利片 (amiloride 2.5 mg + hydrochlorothiazide 25 mg); WHO: hydrochlorothiazide and potassium-sparing agents
    code: 'hydrochlorothiazide+amiloride', nameZh: '复方盐酸阿米洛利', nameEn: 'Hydrochlorothiazide and amiloride', atc: 'C03EA01',
    components: ['hydrochlorothiazide', 'amiloride'], disease: 'hypertension', forms: ['oral'], firstLine: true, maxUnitsPerDay: 4,
  },
  {
    // 附件3 序号 11; C03XA01 lies inside Wuxi's group C03 (a vasopressin antagonist, not an antihypertensive).
    code: 'tolvaptan', nameZh: '托伐普坦', nameEn: 'Tolvaptan', atc: 'C03XA01', components: ['tolvaptan'],
    disease: 'hypertension', forms: ['oral'], firstLine: false, maxUnitsPerDay: 4,
    // no nrdlClass: the 医保 column of 序号 11 is empty and we do not guess
  },
  // C04 — peripheral vasodilators: phentolamine (附件3 序号 47); not in a Wuxi group.
  {
    code: 'phentolamine', nameZh: '酚妥拉明', nameEn: 'Phentolamine', atc: 'C04AB01', components: ['phentolamine'],
    disease: 'hypertension', forms: ['injection'], firstLine: false, maxUnitsPerDay: 10,
    nrdlClass: htClass('A', '47'), essential: htEssential('47'),
  },
  // C07 — beta-blockers
  {
    code: 'propranolol', nameZh: '普萘洛尔', nameEn: 'Propranolol', atc: 'C07AA05', components: ['propranolol'],
    disease: 'hypertension', forms: ['oral'], firstLine: true, maxUnitsPerDay: 20,
    nrdlClass: htClass('A', '19', MERGED), essential: htEssential('19', MERGED),
  },
  {
    code: 'sotalol', nameZh: '索他洛尔', nameEn: 'Sotalol', atc: 'C07AA07', components: ['sotalol'],
    disease: 'hypertension', forms: ['oral'], firstLine: false, maxUnitsPerDay: 8,
    nrdlClass: htClass('B', '21', MERGED), essential: htEssential('21', MERGED),
  },
  {
    code: 'metoprolol', nameZh: '美托洛尔', nameEn: 'Metoprolol', atc: 'C07AB02', components: ['metoprolol'],
    disease: 'hypertension', forms: ['oral'], firstLine: true, maxUnitsPerDay: 12,
    nrdlClass: htClass('A', '22', MERGED), essential: htEssential('22', MERGED),
  },
  {
    code: 'atenolol', nameZh: '阿替洛尔', nameEn: 'Atenolol', atc: 'C07AB03', components: ['atenolol'],
    disease: 'hypertension', forms: ['oral'], firstLine: true, maxUnitsPerDay: 8,
    nrdlClass: htClass('A', '23', MERGED), essential: htEssential('23', MERGED),
  },
  {
    code: 'bisoprolol', nameZh: '比索洛尔', nameEn: 'Bisoprolol', atc: 'C07AB07', components: ['bisoprolol'],
    disease: 'hypertension', forms: ['oral'], firstLine: true, maxUnitsPerDay: 8,
    nrdlClass: htClass('A', '20', MERGED), essential: htEssential('20', MERGED),
  },
  {
    code: 'esmolol', nameZh: '艾司洛尔', nameEn: 'Esmolol', atc: 'C07AB09', components: ['esmolol'],
    disease: 'hypertension', forms: ['injection'], firstLine: false, maxUnitsPerDay: 30,
    nrdlClass: htClass('B', '24', MERGED),
  },
  {
    code: 'labetalol', nameZh: '拉贝洛尔', nameEn: 'Labetalol', atc: 'C07AG01', components: ['labetalol'],
    disease: 'hypertension', forms: ['oral'], firstLine: true, maxUnitsPerDay: 24,
    nrdlClass: htClass('B', '25', MERGED), essential: htEssential('25', MERGED),
  },
  {
    code: 'carvedilol', nameZh: '卡维地洛', nameEn: 'Carvedilol', atc: 'C07AG02', components: ['carvedilol'],
    disease: 'hypertension', forms: ['oral'], firstLine: true, maxUnitsPerDay: 8,
    nrdlClass: htClass('B', '26', MERGED),
  },
  // C08 — calcium channel blockers
  {
    code: 'amlodipine', nameZh: '氨氯地平', nameEn: 'Amlodipine', atc: 'C08CA01', components: ['amlodipine'],
    disease: 'hypertension', forms: ['oral'], firstLine: true, maxUnitsPerDay: 4,
    nrdlClass: htClass('A', '13', MERGED), essential: htEssential('13', MERGED),
    centrallyProcured: vbp('第一批', VBP_1),
  },
  {
    code: 'felodipine', nameZh: '非洛地平', nameEn: 'Felodipine', atc: 'C08CA02', components: ['felodipine'],
    disease: 'hypertension', forms: ['oral'], firstLine: true, maxUnitsPerDay: 8,
    nrdlClass: htClass('B', '15', MERGED), essential: htEssential('15', MERGED),
  },
  {
    code: 'nicardipine', nameZh: '尼卡地平', nameEn: 'Nicardipine', atc: 'C08CA04', components: ['nicardipine'],
    disease: 'hypertension', forms: ['oral', 'injection'], firstLine: true, maxUnitsPerDay: 12,
  },
  {
    code: 'nifedipine', nameZh: '硝苯地平', nameEn: 'Nifedipine', atc: 'C08CA05', components: ['nifedipine'],
    disease: 'hypertension', forms: ['oral'], firstLine: true, maxUnitsPerDay: 12,
    nrdlClass: htClass('A', '12', `${MERGED}; the row shows “甲类” and no √`),
    essential: eml2018('listed by generic name; 附件3 序号 12 shows no √ (its 基药 and 医保 columns are merged)'),
  },
  {
    // 附件3 序号 18, injection only; C08CA06 lies inside Wuxi's group C08.
    code: 'nimodipine', nameZh: '尼莫地平', nameEn: 'Nimodipine', atc: 'C08CA06', components: ['nimodipine'],
    disease: 'hypertension', forms: ['injection'], firstLine: false, maxUnitsPerDay: 25,
    nrdlClass: htClass('B', '18', MERGED),
  },
  {
    code: 'nitrendipine', nameZh: '尼群地平', nameEn: 'Nitrendipine', atc: 'C08CA08', components: ['nitrendipine'],
    disease: 'hypertension', forms: ['oral'], firstLine: true, maxUnitsPerDay: 6,
    nrdlClass: htClass('A', '16', MERGED), essential: htEssential('16', MERGED),
  },
  {
    code: 'lacidipine', nameZh: '拉西地平', nameEn: 'Lacidipine', atc: 'C08CA09', components: ['lacidipine'],
    disease: 'hypertension', forms: ['oral'], firstLine: true, maxUnitsPerDay: 4,
    nrdlClass: htClass('B', '17', MERGED),
  },
  {
    code: 'lercanidipine', nameZh: '乐卡地平', nameEn: 'Lercanidipine', atc: 'C08CA13', components: ['lercanidipine'],
    disease: 'hypertension', forms: ['oral'], firstLine: true, maxUnitsPerDay: 4,
    nrdlClass: nrdl('B'),
  },
  {
    code: 'cilnidipine', nameZh: '西尼地平', nameEn: 'Cilnidipine', atc: 'C08CA14', components: ['cilnidipine'],
    disease: 'hypertension', forms: ['oral'], firstLine: true, maxUnitsPerDay: 4,
  },
  {
    code: 'benidipine', nameZh: '贝尼地平', nameEn: 'Benidipine', atc: 'C08CA15', components: ['benidipine'],
    disease: 'hypertension', forms: ['oral'], firstLine: true, maxUnitsPerDay: 4,
    nrdlClass: nrdl('B'),
  },
  {
    code: 'levamlodipine', nameZh: '左旋氨氯地平', nameEn: 'Levamlodipine', atc: 'C08CA17', components: ['levamlodipine'],
    disease: 'hypertension', forms: ['oral'], firstLine: true, maxUnitsPerDay: 4,
    nrdlClass: htClass('B', '14', MERGED), essential: htEssential('14', MERGED),
  },
  {
    code: 'verapamil', nameZh: '维拉帕米', nameEn: 'Verapamil', atc: 'C08DA01', components: ['verapamil'],
    disease: 'hypertension', forms: ['oral'], firstLine: false, maxUnitsPerDay: 12,
    nrdlClass: nrdl('A', 'class of 口服常释剂型'),
  },
  {
    code: 'diltiazem', nameZh: '地尔硫䓬', nameEn: 'Diltiazem', atc: 'C08DB01', components: ['diltiazem'],
    disease: 'hypertension', forms: ['oral'], firstLine: false, maxUnitsPerDay: 12,
    nrdlClass: nrdl('A', 'class of 口服常释剂型'),
  },
  // C09A — ACE inhibitors
  {
    code: 'captopril', nameZh: '卡托普利', nameEn: 'Captopril', atc: 'C09AA01', components: ['captopril'],
    disease: 'hypertension', forms: ['oral'], firstLine: true, maxUnitsPerDay: 12,
    nrdlClass: htClass('A', '4'), essential: htEssential('4'),
  },
  {
    code: 'enalapril', nameZh: '依那普利', nameEn: 'Enalapril', atc: 'C09AA02', components: ['enalapril'],
    disease: 'hypertension', forms: ['oral'], firstLine: true, maxUnitsPerDay: 8,
    nrdlClass: htClass('A', '5'), essential: htEssential('5'),
    centrallyProcured: vbp('第一批', VBP_1),
  },
  {
    code: 'lisinopril', nameZh: '赖诺普利', nameEn: 'Lisinopril', atc: 'C09AA03', components: ['lisinopril'],
    disease: 'hypertension', forms: ['oral'], firstLine: true, maxUnitsPerDay: 8,
    nrdlClass: htClass('B', '3'), essential: htEssential('3'),
    centrallyProcured: vbp('第一批', VBP_1),
  },
  {
    code: 'perindopril', nameZh: '培哚普利', nameEn: 'Perindopril', atc: 'C09AA04', components: ['perindopril'],
    disease: 'hypertension', forms: ['oral'], firstLine: true, maxUnitsPerDay: 4,
    nrdlClass: htClass('B', '2'),
  },
  {
    code: 'ramipril', nameZh: '雷米普利', nameEn: 'Ramipril', atc: 'C09AA05', components: ['ramipril'],
    disease: 'hypertension', forms: ['oral'], firstLine: true, maxUnitsPerDay: 4,
    nrdlClass: nrdl('B'),
  },
  {
    code: 'benazepril', nameZh: '贝那普利', nameEn: 'Benazepril', atc: 'C09AA07', components: ['benazepril'],
    disease: 'hypertension', forms: ['oral'], firstLine: true, maxUnitsPerDay: 8,
    nrdlClass: htClass('B', '1'),
  },
  {
    code: 'fosinopril', nameZh: '福辛普利', nameEn: 'Fosinopril', atc: 'C09AA09', components: ['fosinopril'],
    disease: 'hypertension', forms: ['oral'], firstLine: true, maxUnitsPerDay: 4,
    nrdlClass: htClass('B', '50'),
    centrallyProcured: vbp('第一批', VBP_1),
  },
  {
    code: 'imidapril', nameZh: '咪达普利', nameEn: 'Imidapril', atc: 'C09AA16', components: ['imidapril'],
    disease: 'hypertension', forms: ['oral'], firstLine: true, maxUnitsPerDay: 4,
  },
  // C09B — ACE inhibitor combinations
  {
    code: 'lisinopril+hydrochlorothiazide', nameZh: '赖诺普利氢氯噻嗪', nameEn: 'Lisinopril and hydrochlorothiazide', atc: 'C09BA03',
    components: ['lisinopril', 'hydrochlorothiazide'], disease: 'hypertension', forms: ['oral'], firstLine: true, maxUnitsPerDay: 3,
    nrdlClass: htClass('B', '40'),
  },
  {
    code: 'perindopril+indapamide', nameZh: '培哚普利吲达帕胺', nameEn: 'Perindopril and indapamide', atc: 'C09BA04',
    components: ['perindopril', 'indapamide'], disease: 'hypertension', forms: ['oral'], firstLine: true, maxUnitsPerDay: 3,
    nrdlClass: htClass('B', '49'),
  },
  {
    code: 'benazepril+hydrochlorothiazide', nameZh: '贝那普利氢氯噻嗪', nameEn: 'Benazepril and hydrochlorothiazide', atc: 'C09BA07',
    components: ['benazepril', 'hydrochlorothiazide'], disease: 'hypertension', forms: ['oral'], firstLine: true, maxUnitsPerDay: 3,
    nrdlClass: htClass('B', '39'),
  },
  {
    code: 'perindopril+amlodipine', nameZh: '培哚普利氨氯地平', nameEn: 'Perindopril and amlodipine', atc: 'C09BB04',
    components: ['perindopril', 'amlodipine'], disease: 'hypertension', forms: ['oral'], firstLine: true, maxUnitsPerDay: 3,
    nrdlClass: htClass('B', '41'),
  },
  {
    code: 'benazepril+amlodipine', nameZh: '氨氯地平贝那普利', nameEn: 'Benazepril and amlodipine', atc: 'C09BB13',
    components: ['benazepril', 'amlodipine'], disease: 'hypertension', forms: ['oral'], firstLine: true, maxUnitsPerDay: 3,
    nrdlClass: htClass('B', '38'),
  },
  // C09C — ARBs. Allisartan isoproxil has no WHO ATC code of its own: it carries the group C09CA.
  {
    code: 'allisartan', nameZh: '阿利沙坦酯', nameEn: 'Allisartan isoproxil', atc: 'C09CA', components: ['allisartan'],
    disease: 'hypertension', forms: ['oral'], firstLine: true, maxUnitsPerDay: 2,
  },
  {
    code: 'losartan', nameZh: '氯沙坦钾', nameEn: 'Losartan', atc: 'C09CA01', components: ['losartan'],
    disease: 'hypertension', forms: ['oral'], firstLine: true, maxUnitsPerDay: 4,
    nrdlClass: htClass('B', '8'),
    centrallyProcured: vbp('第一批', VBP_1),
  },
  {
    code: 'valsartan', nameZh: '缬沙坦', nameEn: 'Valsartan', atc: 'C09CA03', components: ['valsartan'],
    disease: 'hypertension', forms: ['oral'], firstLine: true, maxUnitsPerDay: 4,
    nrdlClass: htClass('A', '6'),
  },
  {
    code: 'irbesartan', nameZh: '厄贝沙坦', nameEn: 'Irbesartan', atc: 'C09CA04', components: ['irbesartan'],
    disease: 'hypertension', forms: ['oral'], firstLine: true, maxUnitsPerDay: 4,
    nrdlClass: htClass('B', '9'),
    centrallyProcured: vbp('第一批', VBP_1),
  },
  {
    code: 'candesartan', nameZh: '坎地沙坦酯', nameEn: 'Candesartan cilexetil', atc: 'C09CA06', components: ['candesartan'],
    disease: 'hypertension', forms: ['oral'], firstLine: true, maxUnitsPerDay: 8,
    nrdlClass: htClass('B', '10'),
  },
  {
    code: 'telmisartan', nameZh: '替米沙坦', nameEn: 'Telmisartan', atc: 'C09CA07', components: ['telmisartan'],
    disease: 'hypertension', forms: ['oral'], firstLine: true, maxUnitsPerDay: 4,
    nrdlClass: htClass('B', '7'),
  },
  {
    code: 'olmesartan', nameZh: '奥美沙坦酯', nameEn: 'Olmesartan medoxomil', atc: 'C09CA08', components: ['olmesartan'],
    disease: 'hypertension', forms: ['oral'], firstLine: true, maxUnitsPerDay: 4,
    nrdlClass: nrdl('B'),
  },
  // C09D — ARB combinations and ARNI
  {
    code: 'losartan+hydrochlorothiazide', nameZh: '氯沙坦钾氢氯噻嗪', nameEn: 'Losartan and hydrochlorothiazide', atc: 'C09DA01',
    components: ['losartan', 'hydrochlorothiazide'], disease: 'hypertension', forms: ['oral'], firstLine: true, maxUnitsPerDay: 3,
    // no nrdlClass: the 医保 column of 附件3 序号 35 is empty and we do not guess
  },
  {
    code: 'valsartan+hydrochlorothiazide', nameZh: '缬沙坦氢氯噻嗪', nameEn: 'Valsartan and hydrochlorothiazide', atc: 'C09DA03',
    components: ['valsartan', 'hydrochlorothiazide'], disease: 'hypertension', forms: ['oral'], firstLine: true, maxUnitsPerDay: 3,
    nrdlClass: htClass('B', '43', 'printed 缬沙坦氨氯噻嗪 (OCR)'),
  },
  {
    code: 'irbesartan+hydrochlorothiazide', nameZh: '厄贝沙坦氢氯噻嗪', nameEn: 'Irbesartan and hydrochlorothiazide', atc: 'C09DA04',
    components: ['irbesartan', 'hydrochlorothiazide'], disease: 'hypertension', forms: ['oral'], firstLine: true, maxUnitsPerDay: 3,
    nrdlClass: htClass('B', '34', MERGED),
    centrallyProcured: vbp('第一批', VBP_1),
  },
  {
    code: 'telmisartan+hydrochlorothiazide', nameZh: '替米沙坦氢氯噻嗪', nameEn: 'Telmisartan and hydrochlorothiazide', atc: 'C09DA07',
    components: ['telmisartan', 'hydrochlorothiazide'], disease: 'hypertension', forms: ['oral'], firstLine: true, maxUnitsPerDay: 3,
    nrdlClass: htClass('B', '42', 'printed 替米沙坦氨氯噻嗪 (OCR)'),
  },
  {
    code: 'olmesartan+hydrochlorothiazide', nameZh: '奥美沙坦酯氢氯噻嗪', nameEn: 'Olmesartan medoxomil and hydrochlorothiazide', atc: 'C09DA08',
    components: ['olmesartan', 'hydrochlorothiazide'], disease: 'hypertension', forms: ['oral'], firstLine: true, maxUnitsPerDay: 3,
  },
  {
    code: 'valsartan+amlodipine', nameZh: '缬沙坦氨氯地平', nameEn: 'Valsartan and amlodipine', atc: 'C09DB01',
    components: ['valsartan', 'amlodipine'], disease: 'hypertension', forms: ['oral'], firstLine: true, maxUnitsPerDay: 3,
    nrdlClass: htClass('B', '36、37'), essential: htEssential('36', '√ printed on 序号 36 (I) only, not on 序号 37 (II)'),
  },
  {
    code: 'olmesartan+amlodipine', nameZh: '奥美沙坦酯氨氯地平', nameEn: 'Olmesartan medoxomil and amlodipine', atc: 'C09DB02',
    components: ['olmesartan', 'amlodipine'], disease: 'hypertension', forms: ['oral'], firstLine: true, maxUnitsPerDay: 3,
  },
  {
    code: 'telmisartan+amlodipine', nameZh: '替米沙坦氨氯地平', nameEn: 'Telmisartan and amlodipine', atc: 'C09DB04',
    components: ['telmisartan', 'amlodipine'], disease: 'hypertension', forms: ['oral'], firstLine: true, maxUnitsPerDay: 3,
    nrdlClass: htClass('B', '44'),
  },
  {
    // 'sacubitril' is a component only: it is not marketed alone
    code: 'sacubitril+valsartan', nameZh: '沙库巴曲缬沙坦', nameEn: 'Sacubitril and valsartan', atc: 'C09DX04',
    components: ['sacubitril', 'valsartan'], disease: 'hypertension', forms: ['oral'], firstLine: false, maxUnitsPerDay: 8,
    nrdlClass: htClass('B', '45'),
  },
  // G04 — terazosin is classed as a urological alpha-blocker (附件3 序号 46); not in a Wuxi group.
  {
    code: 'terazosin', nameZh: '特拉唑嗪', nameEn: 'Terazosin', atc: 'G04CA03', components: ['terazosin'],
    disease: 'hypertension', forms: ['oral'], firstLine: false, maxUnitsPerDay: 20,
    nrdlClass: htClass('A', '46'), essential: htEssential('46'),
  },

  // ───────────────────────────── diabetes ─────────────────────────────
  // A10A — insulins. Pens and vials: 0.5 a day is 150 IU from a 300 IU pen.
  {
    // 附件4 序号 6 prints 胰岛素注射液 (regular insulin); the programme treats it as human insulin
    code: 'insulin-human', nameZh: '人胰岛素', nameEn: 'Insulin (human), fast-acting', atc: 'A10AB01', components: ['insulin-human'],
    disease: 'diabetes', forms: ['injection'], firstLine: false, maxUnitsPerDay: 0.5,
    nrdlClass: dmClass('A', '6'), essential: dmEssential('6'),
  },
  {
    code: 'insulin-lispro', nameZh: '赖脯胰岛素', nameEn: 'Insulin lispro', atc: 'A10AB04', components: ['insulin-lispro'],
    disease: 'diabetes', forms: ['injection'], firstLine: false, maxUnitsPerDay: 0.5,
    nrdlClass: nrdl('B'),
  },
  {
    code: 'insulin-aspart', nameZh: '门冬胰岛素', nameEn: 'Insulin aspart', atc: 'A10AB05', components: ['insulin-aspart'],
    disease: 'diabetes', forms: ['injection'], firstLine: false, maxUnitsPerDay: 0.5,
    nrdlClass: nrdl('B'),
  },
  {
    code: 'insulin-human-isophane', nameZh: '精蛋白人胰岛素', nameEn: 'Insulin (human), intermediate-acting (isophane, NPH)', atc: 'A10AC01',
    components: ['insulin-human-isophane'], disease: 'diabetes', forms: ['injection'], firstLine: false, maxUnitsPerDay: 0.5,
  },
  {
    code: 'insulin-human-30-70', nameZh: '30/70混合重组人胰岛素', nameEn: 'Insulin (human) 30/70, biphasic', atc: 'A10AD01',
    components: ['insulin-human-30-70'], disease: 'diabetes', forms: ['injection'], firstLine: false, maxUnitsPerDay: 0.5,
    nrdlClass: dmClass('A', '7'), essential: dmEssential('7'),
  },
  {
    code: 'insulin-human-50-50', nameZh: '50/50混合重组人胰岛素', nameEn: 'Insulin (human) 50/50, biphasic', atc: 'A10AD01',
    components: ['insulin-human-50-50'], disease: 'diabetes', forms: ['injection'], firstLine: false, maxUnitsPerDay: 0.5,
    nrdlClass: dmClass('A', '8'), essential: dmEssential('8'),
  },
  {
    code: 'insulin-aspart-30', nameZh: '门冬胰岛素30', nameEn: 'Biphasic insulin aspart 30', atc: 'A10AD05', components: ['insulin-aspart-30'],
    disease: 'diabetes', forms: ['injection'], firstLine: false, maxUnitsPerDay: 0.5,
    // 附件4 序号 10 prints 限制药, not a class
    nrdlClass: nrdl('B', '附件4 序号 10 prints 限制药 in the 医保 column'),
  },
  {
    code: 'insulin-glargine', nameZh: '甘精胰岛素', nameEn: 'Insulin glargine', atc: 'A10AE04', components: ['insulin-glargine'],
    disease: 'diabetes', forms: ['injection'], firstLine: false, maxUnitsPerDay: 0.5,
    nrdlClass: dmClass('B', '5'), essential: dmEssential('5'),
  },
  {
    code: 'insulin-detemir', nameZh: '地特胰岛素', nameEn: 'Insulin detemir', atc: 'A10AE05', components: ['insulin-detemir'],
    disease: 'diabetes', forms: ['injection'], firstLine: false, maxUnitsPerDay: 0.5,
    nrdlClass: nrdl('B'),
  },
  {
    code: 'insulin-degludec', nameZh: '德谷胰岛素', nameEn: 'Insulin degludec', atc: 'A10AE06', components: ['insulin-degludec'],
    disease: 'diabetes', forms: ['injection'], firstLine: false, maxUnitsPerDay: 0.5,
  },
  // A10B — blood glucose lowering drugs, excluding insulins
  {
    code: 'metformin', nameZh: '二甲双胍', nameEn: 'Metformin', atc: 'A10BA02', components: ['metformin'],
    disease: 'diabetes', forms: ['oral'], firstLine: true, maxUnitsPerDay: 10,
    nrdlClass: dmClass('A', '3'),
    essential: eml2018('listed by generic name; 附件4 序号 3 prints no √'),
    centrallyProcured: vbp('第三批', `${VBP_DM}; tablets and sustained-release tablets`),
  },
  {
    code: 'glibenclamide', nameZh: '格列本脲', nameEn: 'Glibenclamide', atc: 'A10BB01', components: ['glibenclamide'],
    disease: 'diabetes', forms: ['oral'], firstLine: true, maxUnitsPerDay: 8,
    nrdlClass: nrdl('A'),
  },
  {
    code: 'glipizide', nameZh: '格列吡嗪', nameEn: 'Glipizide', atc: 'A10BB07', components: ['glipizide'],
    disease: 'diabetes', forms: ['oral'], firstLine: true, maxUnitsPerDay: 12,
    nrdlClass: nrdl('A', 'class of 口服常释剂型'),
    centrallyProcured: vbp('第五批', `${VBP_DM}; tablets and controlled-release tablets`),
  },
  {
    code: 'gliquidone', nameZh: '格列喹酮', nameEn: 'Gliquidone', atc: 'A10BB08', components: ['gliquidone'],
    disease: 'diabetes', forms: ['oral'], firstLine: true, maxUnitsPerDay: 6,
  },
  {
    code: 'gliclazide', nameZh: '格列齐特', nameEn: 'Gliclazide', atc: 'A10BB09', components: ['gliclazide'],
    disease: 'diabetes', forms: ['oral'], firstLine: true, maxUnitsPerDay: 6,
    nrdlClass: nrdl('A', 'class of 口服常释剂型'),
    centrallyProcured: vbp('第四批', `${VBP_DM}; sustained-release tablets only`),
  },
  {
    code: 'glimepiride', nameZh: '格列美脲', nameEn: 'Glimepiride', atc: 'A10BB12', components: ['glimepiride'],
    disease: 'diabetes', forms: ['oral'], firstLine: true, maxUnitsPerDay: 8,
    nrdlClass: dmClass('A', '2'), essential: dmEssential('2'),
    centrallyProcured: vbp('第二批', `${VBP_DM}; tablets`),
  },
  {
    code: 'metformin+sitagliptin', nameZh: '西格列汀二甲双胍', nameEn: 'Metformin and sitagliptin', atc: 'A10BD07',
    components: ['metformin', 'sitagliptin'], disease: 'diabetes', forms: ['oral'], firstLine: false, maxUnitsPerDay: 3,
  },
  {
    code: 'acarbose', nameZh: '阿卡波糖', nameEn: 'Acarbose', atc: 'A10BF01', components: ['acarbose'],
    disease: 'diabetes', forms: ['oral'], firstLine: true, maxUnitsPerDay: 12,
    nrdlClass: dmClass('A', '1'), essential: dmEssential('1'),
    centrallyProcured: vbp('第二批', `${VBP_DM}; tablets and capsules`),
  },
  {
    code: 'miglitol', nameZh: '米格列醇', nameEn: 'Miglitol', atc: 'A10BF02', components: ['miglitol'],
    disease: 'diabetes', forms: ['oral'], firstLine: true, maxUnitsPerDay: 6,
    centrallyProcured: vbp('第五批', `${VBP_DM}; tablets`),
  },
  {
    code: 'voglibose', nameZh: '伏格列波糖', nameEn: 'Voglibose', atc: 'A10BF03', components: ['voglibose'],
    disease: 'diabetes', forms: ['oral'], firstLine: true, maxUnitsPerDay: 6,
    nrdlClass: nrdl('B'),
  },
  {
    code: 'rosiglitazone', nameZh: '罗格列酮', nameEn: 'Rosiglitazone', atc: 'A10BG02', components: ['rosiglitazone'],
    disease: 'diabetes', forms: ['oral'], firstLine: false, maxUnitsPerDay: 4,
  },
  {
    code: 'pioglitazone', nameZh: '吡格列酮', nameEn: 'Pioglitazone', atc: 'A10BG03', components: ['pioglitazone'],
    disease: 'diabetes', forms: ['oral'], firstLine: false, maxUnitsPerDay: 4,
    nrdlClass: dmClass('B', '12'), essential: dmEssential('12'),
  },
  {
    code: 'sitagliptin', nameZh: '西格列汀', nameEn: 'Sitagliptin', atc: 'A10BH01', components: ['sitagliptin'],
    disease: 'diabetes', forms: ['oral'], firstLine: false, maxUnitsPerDay: 4,
    nrdlClass: nrdl('B', 'with the remark 限二线用药'),
  },
  {
    code: 'vildagliptin', nameZh: '维格列汀', nameEn: 'Vildagliptin', atc: 'A10BH02', components: ['vildagliptin'],
    disease: 'diabetes', forms: ['oral'], firstLine: false, maxUnitsPerDay: 4,
    nrdlClass: nrdl('B', 'with the remark 限二线用药'),
    centrallyProcured: vbp('第三批', `${VBP_DM}; tablets`),
  },
  {
    code: 'saxagliptin', nameZh: '沙格列汀', nameEn: 'Saxagliptin', atc: 'A10BH03', components: ['saxagliptin'],
    disease: 'diabetes', forms: ['oral'], firstLine: false, maxUnitsPerDay: 4,
    nrdlClass: nrdl('B', 'with the remark 限二线用药'),
    centrallyProcured: vbp('第五批', `${VBP_DM}; tablets`),
  },
  {
    code: 'alogliptin', nameZh: '阿格列汀', nameEn: 'Alogliptin', atc: 'A10BH04', components: ['alogliptin'],
    disease: 'diabetes', forms: ['oral'], firstLine: false, maxUnitsPerDay: 4,
    nrdlClass: nrdl('B', 'with the remark 限二线用药'),
  },
  {
    code: 'linagliptin', nameZh: '利格列汀', nameEn: 'Linagliptin', atc: 'A10BH05', components: ['linagliptin'],
    disease: 'diabetes', forms: ['oral'], firstLine: false, maxUnitsPerDay: 2,
    // 附件4 序号 9 prints 限制药, not a class
    nrdlClass: nrdl('B', 'with the remark 限二线用药; 附件4 序号 9 prints 限制药 in the 医保 column'),
    essential: dmEssential('9'),
  },
  {
    code: 'exenatide', nameZh: '艾塞那肽', nameEn: 'Exenatide', atc: 'A10BJ01', components: ['exenatide'],
    disease: 'diabetes', forms: ['injection'], firstLine: false, maxUnitsPerDay: 0.2,
  },
  {
    code: 'liraglutide', nameZh: '利拉鲁肽', nameEn: 'Liraglutide', atc: 'A10BJ02', components: ['liraglutide'],
    disease: 'diabetes', forms: ['injection'], firstLine: false, maxUnitsPerDay: 0.2,
  },
  {
    code: 'dulaglutide', nameZh: '度拉糖肽', nameEn: 'Dulaglutide', atc: 'A10BJ05', components: ['dulaglutide'],
    disease: 'diabetes', forms: ['injection'], firstLine: false, maxUnitsPerDay: 0.3,
  },
  {
    code: 'semaglutide', nameZh: '司美格鲁肽', nameEn: 'Semaglutide', atc: 'A10BJ06', components: ['semaglutide'],
    disease: 'diabetes', forms: ['injection'], firstLine: false, maxUnitsPerDay: 0.15,
  },
  {
    code: 'dapagliflozin', nameZh: '达格列净', nameEn: 'Dapagliflozin', atc: 'A10BK01', components: ['dapagliflozin'],
    disease: 'diabetes', forms: ['oral'], firstLine: false, maxUnitsPerDay: 2,
  },
  {
    code: 'canagliflozin', nameZh: '卡格列净', nameEn: 'Canagliflozin', atc: 'A10BK02', components: ['canagliflozin'],
    disease: 'diabetes', forms: ['oral'], firstLine: false, maxUnitsPerDay: 3,
    centrallyProcured: vbp('第四批', `${VBP_DM}; tablets`),
  },
  {
    code: 'empagliflozin', nameZh: '恩格列净', nameEn: 'Empagliflozin', atc: 'A10BK03', components: ['empagliflozin'],
    disease: 'diabetes', forms: ['oral'], firstLine: false, maxUnitsPerDay: 3,
    nrdlClass: dmClass('B', '4'),
    centrallyProcured: vbp('第四批', `${VBP_DM}; tablets`),
  },
  {
    code: 'repaglinide', nameZh: '瑞格列奈', nameEn: 'Repaglinide', atc: 'A10BX02', components: ['repaglinide'],
    disease: 'diabetes', forms: ['oral'], firstLine: true, maxUnitsPerDay: 16,
    nrdlClass: dmClass('B', '11'), essential: dmEssential('11'),
    centrallyProcured: vbp('第四批', `${VBP_DM}; tablets`),
  },
  {
    code: 'nateglinide', nameZh: '那格列奈', nameEn: 'Nateglinide', atc: 'A10BX03', components: ['nateglinide'],
    disease: 'diabetes', forms: ['oral'], firstLine: true, maxUnitsPerDay: 10,
    nrdlClass: nrdl('B'),
    centrallyProcured: vbp('第四批', `${VBP_DM}; tablets`),
  },
];
