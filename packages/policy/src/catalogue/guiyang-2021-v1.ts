/**
 * 贵阳贵安基层医疗卫生机构“两病”门诊用药目录（第一版）: 筑医保发〔2021〕13号 附件3 (hypertension,
 * 50 rows) and 附件4 (diabetes, 12 rows), transcribed row by row from the OCR'd text.
 *
 * Columns of the source: 序号, 药品名称, 剂型, 基药, 医保, 备注, 使用范围. The OCR lost column
 * boundaries in some blocks, and each row is read as printed:
 * - 附件3 rows 1–10 and 附件4 rows 1–12 keep all seven columns.
 * - 附件3 row 11 has one cell fewer: 基药 and 医保 are both empty (no class: kept as null).
 * - 附件3 rows 12–23 print 基药 and 医保 in one cell ("√ 甲类", or "甲类" / "乙类" alone, read
 *   as no √ with that class). Row 12 (硝苯地平) thus shows "甲类" and no √.
 * - 附件3 rows 24–35 print 基药+医保 in one cell and have a single last column, which holds either
 *   the 使用范围 (可延伸至村级) or, in row 33, the 备注; row 35's merged cell is empty (no class).
 * - 附件3 rows 36–50 have separate 基药 and 医保 cells and a single last column holding either
 *   使用范围 or, in rows 44 and 45, the 备注.
 * Where the last column holds a 备注 (附件3 rows 33, 44, 45) no 使用范围 is printed, so those rows
 * are not extended to village level (villageLevel false, scopeAsPrinted null): the print gives
 * no village scope, and we do not assume one the OCR may have dropped.
 * Injection rows print no 使用范围: not at village level. Row 29 (呋塞米) limits the village
 * scope to its oral form (口服剂型可延伸至村级).
 *
 * `name` differs from `nameAsPrinted` only where the print is an OCR misreading (see
 * `correction`); presentation words in the print (预填充, 注射液, (笔芯), the salt 盐酸) are kept
 * as printed, the generic identity being carried by `drugCode`.
 */
import type { CatalogueForm, CatalogueVersion } from './types';

const VILLAGE = '可延伸至村级';
const ORAL_VILLAGE: readonly CatalogueForm[] = [{ form: 'oral', villageLevel: true }];
const ORAL_NOT_VILLAGE: readonly CatalogueForm[] = [{ form: 'oral', villageLevel: false }];
const INJECTION: readonly CatalogueForm[] = [{ form: 'injection', villageLevel: false }];

export const GUIYANG_2021_V1: CatalogueVersion = {
  id: 'guiyang-2021-v1',
  city: '520100',
  title: '贵阳贵安基层医疗卫生机构"两病"门诊用药目录（第一版）',
  effectiveFrom: '2021-07-01',
  source: { document: '筑医保发〔2021〕13号', section: '附件3、附件4' },
  rows: [
    // ─────────── 附件3 贵阳贵安基层医疗卫生机构高血压门诊用药目录（第一版） ───────────
    // rows 1–10: all seven columns
    { sourceRow: 1, disease: 'hypertension', drugCode: 'benazepril', nameAsPrinted: '贝那普利', name: '贝那普利', formsAsPrinted: '口服剂型', forms: ORAL_VILLAGE, essential: false, insuranceClass: 'B', restriction: null, scopeAsPrinted: VILLAGE },
    { sourceRow: 2, disease: 'hypertension', drugCode: 'perindopril', nameAsPrinted: '培哚普利', name: '培哚普利', formsAsPrinted: '口服剂型', forms: ORAL_VILLAGE, essential: false, insuranceClass: 'B', restriction: null, scopeAsPrinted: VILLAGE },
    { sourceRow: 3, disease: 'hypertension', drugCode: 'lisinopril', nameAsPrinted: '赖诺普利', name: '赖诺普利', formsAsPrinted: '口服剂型', forms: ORAL_VILLAGE, essential: true, insuranceClass: 'B', restriction: null, scopeAsPrinted: VILLAGE },
    { sourceRow: 4, disease: 'hypertension', drugCode: 'captopril', nameAsPrinted: '卡托普利', name: '卡托普利', formsAsPrinted: '口服剂型', forms: ORAL_VILLAGE, essential: true, insuranceClass: 'A', restriction: null, scopeAsPrinted: VILLAGE },
    { sourceRow: 5, disease: 'hypertension', drugCode: 'enalapril', nameAsPrinted: '依那普利', name: '依那普利', formsAsPrinted: '口服剂型', forms: ORAL_VILLAGE, essential: true, insuranceClass: 'A', restriction: null, scopeAsPrinted: VILLAGE },
    { sourceRow: 6, disease: 'hypertension', drugCode: 'valsartan', nameAsPrinted: '缬沙坦', name: '缬沙坦', formsAsPrinted: '口服剂型', forms: ORAL_VILLAGE, essential: false, insuranceClass: 'A', restriction: null, scopeAsPrinted: VILLAGE },
    { sourceRow: 7, disease: 'hypertension', drugCode: 'telmisartan', nameAsPrinted: '替米沙坦', name: '替米沙坦', formsAsPrinted: '口服剂型', forms: ORAL_VILLAGE, essential: false, insuranceClass: 'B', restriction: null, scopeAsPrinted: VILLAGE },
    { sourceRow: 8, disease: 'hypertension', drugCode: 'losartan', nameAsPrinted: '氯沙坦钾', name: '氯沙坦钾', formsAsPrinted: '口服剂型', forms: ORAL_VILLAGE, essential: false, insuranceClass: 'B', restriction: null, scopeAsPrinted: VILLAGE },
    { sourceRow: 9, disease: 'hypertension', drugCode: 'irbesartan', nameAsPrinted: '厄贝沙坦', name: '厄贝沙坦', formsAsPrinted: '口服剂型', forms: ORAL_VILLAGE, essential: false, insuranceClass: 'B', restriction: null, scopeAsPrinted: VILLAGE },
    { sourceRow: 10, disease: 'hypertension', drugCode: 'candesartan', nameAsPrinted: '坎地沙坦酯', name: '坎地沙坦酯', formsAsPrinted: '口服剂型', forms: ORAL_VILLAGE, essential: false, insuranceClass: 'B', restriction: null, scopeAsPrinted: VILLAGE },
    // row 11: one cell fewer; 基药 and 医保 both empty — the missing class is kept visible as null
    { sourceRow: 11, disease: 'hypertension', drugCode: 'tolvaptan', nameAsPrinted: '托伐普坦', name: '托伐普坦', formsAsPrinted: '口服剂型', forms: ORAL_VILLAGE, essential: false, insuranceClass: null, restriction: null, scopeAsPrinted: VILLAGE },
    // rows 12–23: 基药 and 医保 merged into one cell ("√ 甲类"); row 12 prints "甲类" alone: no √
    { sourceRow: 12, disease: 'hypertension', drugCode: 'nifedipine', nameAsPrinted: '硝苯地平', name: '硝苯地平', formsAsPrinted: '口服剂型', forms: ORAL_VILLAGE, essential: false, insuranceClass: 'A', restriction: null, scopeAsPrinted: VILLAGE },
    { sourceRow: 13, disease: 'hypertension', drugCode: 'amlodipine', nameAsPrinted: '氨氯地平', name: '氨氯地平', formsAsPrinted: '口服剂型', forms: ORAL_VILLAGE, essential: true, insuranceClass: 'A', restriction: null, scopeAsPrinted: VILLAGE },
    { sourceRow: 14, disease: 'hypertension', drugCode: 'levamlodipine', nameAsPrinted: '左旋氨氯地平', name: '左旋氨氯地平', formsAsPrinted: '口服剂型', forms: ORAL_VILLAGE, essential: true, insuranceClass: 'B', restriction: null, scopeAsPrinted: VILLAGE },
    { sourceRow: 15, disease: 'hypertension', drugCode: 'felodipine', nameAsPrinted: '非洛地平', name: '非洛地平', formsAsPrinted: '口服剂型', forms: ORAL_VILLAGE, essential: true, insuranceClass: 'B', restriction: null, scopeAsPrinted: VILLAGE },
    { sourceRow: 16, disease: 'hypertension', drugCode: 'nitrendipine', nameAsPrinted: '尼群地平', name: '尼群地平', formsAsPrinted: '口服剂型', forms: ORAL_VILLAGE, essential: true, insuranceClass: 'A', restriction: null, scopeAsPrinted: VILLAGE },
    { sourceRow: 17, disease: 'hypertension', drugCode: 'lacidipine', nameAsPrinted: '拉西地平', name: '拉西地平', formsAsPrinted: '口服剂型', forms: ORAL_VILLAGE, essential: false, insuranceClass: 'B', restriction: null, scopeAsPrinted: VILLAGE },
    { sourceRow: 18, disease: 'hypertension', drugCode: 'nimodipine', nameAsPrinted: '尼莫地平', name: '尼莫地平', formsAsPrinted: '注射剂', forms: INJECTION, essential: false, insuranceClass: 'B', restriction: null, scopeAsPrinted: null },
    {
      sourceRow: 19, disease: 'hypertension', drugCode: 'propranolol', nameAsPrinted: '普蔡洛尔', name: '普萘洛尔',
      correction: '普蔡洛尔 → 普萘洛尔 (propranolol): OCR misreading of 萘 as 蔡',
      formsAsPrinted: '口服剂型', forms: ORAL_VILLAGE, essential: true, insuranceClass: 'A', restriction: null, scopeAsPrinted: VILLAGE,
    },
    { sourceRow: 20, disease: 'hypertension', drugCode: 'bisoprolol', nameAsPrinted: '比索洛尔', name: '比索洛尔', formsAsPrinted: '口服剂型', forms: ORAL_VILLAGE, essential: true, insuranceClass: 'A', restriction: null, scopeAsPrinted: VILLAGE },
    { sourceRow: 21, disease: 'hypertension', drugCode: 'sotalol', nameAsPrinted: '索他洛尔', name: '索他洛尔', formsAsPrinted: '口服剂型', forms: ORAL_VILLAGE, essential: true, insuranceClass: 'B', restriction: null, scopeAsPrinted: VILLAGE },
    { sourceRow: 22, disease: 'hypertension', drugCode: 'metoprolol', nameAsPrinted: '美托洛尔', name: '美托洛尔', formsAsPrinted: '口服剂型', forms: ORAL_VILLAGE, essential: true, insuranceClass: 'A', restriction: null, scopeAsPrinted: VILLAGE },
    { sourceRow: 23, disease: 'hypertension', drugCode: 'atenolol', nameAsPrinted: '阿替洛尔', name: '阿替洛尔', formsAsPrinted: '口服剂型', forms: ORAL_VILLAGE, essential: true, insuranceClass: 'A', restriction: null, scopeAsPrinted: VILLAGE },
    // rows 24–35: 基药+医保 merged, and one last column holding either 使用范围 or (row 33) 备注
    { sourceRow: 24, disease: 'hypertension', drugCode: 'esmolol', nameAsPrinted: '艾司洛尔', name: '艾司洛尔', formsAsPrinted: '注射剂', forms: INJECTION, essential: false, insuranceClass: 'B', restriction: null, scopeAsPrinted: null },
    { sourceRow: 25, disease: 'hypertension', drugCode: 'labetalol', nameAsPrinted: '拉贝洛尔', name: '拉贝洛尔', formsAsPrinted: '口服剂型', forms: ORAL_VILLAGE, essential: true, insuranceClass: 'B', restriction: null, scopeAsPrinted: VILLAGE },
    { sourceRow: 26, disease: 'hypertension', drugCode: 'carvedilol', nameAsPrinted: '卡维地洛', name: '卡维地洛', formsAsPrinted: '口服剂型', forms: ORAL_VILLAGE, essential: false, insuranceClass: 'B', restriction: null, scopeAsPrinted: VILLAGE },
    { sourceRow: 27, disease: 'hypertension', drugCode: 'magnesium-sulfate', nameAsPrinted: '硫酸镁', name: '硫酸镁', formsAsPrinted: '注射剂', forms: INJECTION, essential: true, insuranceClass: 'A', restriction: null, scopeAsPrinted: null },
    { sourceRow: 28, disease: 'hypertension', drugCode: 'nitroprusside', nameAsPrinted: '硝普钠', name: '硝普钠', formsAsPrinted: '注射剂', forms: INJECTION, essential: true, insuranceClass: 'A', restriction: null, scopeAsPrinted: null },
    {
      // the village scope names the oral form only
      sourceRow: 29, disease: 'hypertension', drugCode: 'furosemide', nameAsPrinted: '呋塞米', name: '呋塞米',
      formsAsPrinted: '口服剂型和注射剂',
      forms: [
        { form: 'oral', villageLevel: true },
        { form: 'injection', villageLevel: false },
      ],
      essential: true, insuranceClass: 'A', restriction: null, scopeAsPrinted: '口服剂型可延伸至村级',
    },
    { sourceRow: 30, disease: 'hypertension', drugCode: 'hydrochlorothiazide', nameAsPrinted: '氢氯噻嗪', name: '氢氯噻嗪', formsAsPrinted: '口服剂型', forms: ORAL_VILLAGE, essential: true, insuranceClass: 'A', restriction: null, scopeAsPrinted: VILLAGE },
    { sourceRow: 31, disease: 'hypertension', drugCode: 'spironolactone', nameAsPrinted: '螺内酯', name: '螺内酯', formsAsPrinted: '口服剂型', forms: ORAL_VILLAGE, essential: true, insuranceClass: 'A', restriction: null, scopeAsPrinted: VILLAGE },
    { sourceRow: 32, disease: 'hypertension', drugCode: 'indapamide', nameAsPrinted: '吲达帕胺', name: '吲达帕胺', formsAsPrinted: '口服剂型', forms: ORAL_VILLAGE, essential: true, insuranceClass: 'A', restriction: null, scopeAsPrinted: VILLAGE },
    {
      // ambiguous: the last column holds the 备注, so no 使用范围 is printed; neither form is extended to village level
      sourceRow: 33, disease: 'hypertension', drugCode: 'torasemide', nameAsPrinted: '托拉塞米', name: '托拉塞米',
      formsAsPrinted: '口服剂型和注射剂',
      forms: [
        { form: 'oral', villageLevel: false },
        { form: 'injection', villageLevel: false },
      ],
      essential: false, insuranceClass: 'B',
      restriction: { text: '限需迅速利尿或不能口服利尿剂的充血性心力衰竭患者', anyOf: [[{ kind: 'finding', finding: 'chf_needs_rapid_or_parenteral_diuresis' }]] },
      scopeAsPrinted: null,
    },
    { sourceRow: 34, disease: 'hypertension', drugCode: 'irbesartan+hydrochlorothiazide', nameAsPrinted: '厄贝沙坦氢氯噻嗪', name: '厄贝沙坦氢氯噻嗪', formsAsPrinted: '口服剂型', forms: ORAL_VILLAGE, essential: false, insuranceClass: 'B', restriction: null, scopeAsPrinted: VILLAGE },
    // row 35: the merged 基药+医保 cell is empty — no √ and no class (kept visible as null)
    { sourceRow: 35, disease: 'hypertension', drugCode: 'losartan+hydrochlorothiazide', nameAsPrinted: '氯沙坦钾氢氯噻嗪', name: '氯沙坦钾氢氯噻嗪', formsAsPrinted: '口服剂型', forms: ORAL_VILLAGE, essential: false, insuranceClass: null, restriction: null, scopeAsPrinted: VILLAGE },
    // rows 36–50: separate 基药 and 医保, one last column holding either 使用范围 or (rows 44, 45) 备注
    {
      sourceRow: 36, disease: 'hypertension', drugCode: 'valsartan+amlodipine', nameAsPrinted: '缬沙坦氨氯地平[1]', name: '缬沙坦氨氯地平I',
      correction: '缬沙坦氨氯地平[1] → 缬沙坦氨氯地平I: OCR rendered the Roman numeral I (缬沙坦氨氯地平片(I), cf. II in row 37) as [1]',
      formsAsPrinted: '口服剂型', forms: ORAL_VILLAGE, essential: true, insuranceClass: 'B', restriction: null, scopeAsPrinted: VILLAGE,
    },
    { sourceRow: 37, disease: 'hypertension', drugCode: 'valsartan+amlodipine', nameAsPrinted: '缬沙坦氨氯地平II', name: '缬沙坦氨氯地平II', formsAsPrinted: '口服剂型', forms: ORAL_VILLAGE, essential: false, insuranceClass: 'B', restriction: null, scopeAsPrinted: VILLAGE },
    { sourceRow: 38, disease: 'hypertension', drugCode: 'benazepril+amlodipine', nameAsPrinted: '氨氯地平贝那普利', name: '氨氯地平贝那普利', formsAsPrinted: '口服剂型', forms: ORAL_VILLAGE, essential: false, insuranceClass: 'B', restriction: null, scopeAsPrinted: VILLAGE },
    { sourceRow: 39, disease: 'hypertension', drugCode: 'benazepril+hydrochlorothiazide', nameAsPrinted: '贝那普利氢氯噻嗪', name: '贝那普利氢氯噻嗪', formsAsPrinted: '口服剂型', forms: ORAL_VILLAGE, essential: false, insuranceClass: 'B', restriction: null, scopeAsPrinted: VILLAGE },
    { sourceRow: 40, disease: 'hypertension', drugCode: 'lisinopril+hydrochlorothiazide', nameAsPrinted: '赖诺普利氢氯噻嗪', name: '赖诺普利氢氯噻嗪', formsAsPrinted: '口服剂型', forms: ORAL_VILLAGE, essential: false, insuranceClass: 'B', restriction: null, scopeAsPrinted: VILLAGE },
    {
      sourceRow: 41, disease: 'hypertension', drugCode: 'perindopril+amlodipine', nameAsPrinted: '培哚普利氢氯地平III', name: '培哚普利氨氯地平III',
      correction: '培哚普利氢氯地平III → 培哚普利氨氯地平III: OCR misreading of 氨 as 氢 (there is no 氢氯地平; 培哚普利氨氯地平片(III) is the perindopril/amlodipine combination)',
      formsAsPrinted: '口服剂型', forms: ORAL_VILLAGE, essential: false, insuranceClass: 'B', restriction: null, scopeAsPrinted: VILLAGE,
    },
    {
      sourceRow: 42, disease: 'hypertension', drugCode: 'telmisartan+hydrochlorothiazide', nameAsPrinted: '替米沙坦氨氯噻嗪', name: '替米沙坦氢氯噻嗪',
      correction: '替米沙坦氨氯噻嗪 → 替米沙坦氢氯噻嗪: OCR misreading of 氢 as 氨 (there is no 氨氯噻嗪)',
      formsAsPrinted: '口服剂型', forms: ORAL_VILLAGE, essential: false, insuranceClass: 'B', restriction: null, scopeAsPrinted: VILLAGE,
    },
    {
      sourceRow: 43, disease: 'hypertension', drugCode: 'valsartan+hydrochlorothiazide', nameAsPrinted: '缬沙坦氨氯噻嗪', name: '缬沙坦氢氯噻嗪',
      correction: '缬沙坦氨氯噻嗪 → 缬沙坦氢氯噻嗪: OCR misreading of 氢 as 氨 (there is no 氨氯噻嗪)',
      formsAsPrinted: '口服剂型', forms: ORAL_VILLAGE, essential: false, insuranceClass: 'B', restriction: null, scopeAsPrinted: VILLAGE,
    },
    {
      // ambiguous: the last column holds the 备注, so no 使用范围 is printed: not at village level
      sourceRow: 44, disease: 'hypertension', drugCode: 'telmisartan+amlodipine', nameAsPrinted: '替米沙坦氨氯地平', name: '替米沙坦氨氯地平',
      formsAsPrinted: '口服剂型', forms: ORAL_NOT_VILLAGE, essential: false, insuranceClass: 'B',
      restriction: { text: '限对其它血管紧张素II拮抗剂治疗不能耐受或疗效不佳的患者', anyOf: [[{ kind: 'finding', finding: 'arb_intolerant_or_ineffective' }]] },
      scopeAsPrinted: null,
    },
    {
      // ambiguous: the last column holds the 备注, so no 使用范围 is printed: not at village level
      sourceRow: 45, disease: 'hypertension', drugCode: 'sacubitril+valsartan', nameAsPrinted: '沙库巴曲缬沙坦', name: '沙库巴曲缬沙坦',
      formsAsPrinted: '口服剂型', forms: ORAL_NOT_VILLAGE, essential: false, insuranceClass: 'B',
      restriction: {
        text: '限慢性心力衰竭（NYHA II-IV级）患者，首次处方时应有射血分数降低的证据',
        anyOf: [[{ kind: 'finding', finding: 'chronic_heart_failure_nyha_2_4' }, { kind: 'at_first_fill', finding: 'reduced_ejection_fraction_evidence' }]],
      },
      scopeAsPrinted: null,
    },
    { sourceRow: 46, disease: 'hypertension', drugCode: 'terazosin', nameAsPrinted: '特拉唑嗪', name: '特拉唑嗪', formsAsPrinted: '口服剂型', forms: ORAL_VILLAGE, essential: true, insuranceClass: 'A', restriction: null, scopeAsPrinted: VILLAGE },
    { sourceRow: 47, disease: 'hypertension', drugCode: 'phentolamine', nameAsPrinted: '酚妥拉明', name: '酚妥拉明', formsAsPrinted: '注射剂', forms: INJECTION, essential: true, insuranceClass: 'A', restriction: null, scopeAsPrinted: null },
    { sourceRow: 48, disease: 'hypertension', drugCode: 'glyceryl-trinitrate', nameAsPrinted: '硝酸甘油', name: '硝酸甘油', formsAsPrinted: '注射剂', forms: INJECTION, essential: true, insuranceClass: 'A', restriction: null, scopeAsPrinted: null },
    { sourceRow: 49, disease: 'hypertension', drugCode: 'perindopril+indapamide', nameAsPrinted: '培哚普利吲达帕胺', name: '培哚普利吲达帕胺', formsAsPrinted: '口服剂型', forms: ORAL_VILLAGE, essential: false, insuranceClass: 'B', restriction: null, scopeAsPrinted: VILLAGE },
    { sourceRow: 50, disease: 'hypertension', drugCode: 'fosinopril', nameAsPrinted: '福辛普利', name: '福辛普利', formsAsPrinted: '口服剂型', forms: ORAL_VILLAGE, essential: false, insuranceClass: 'B', restriction: null, scopeAsPrinted: VILLAGE },

    // ─────────── 附件4 贵阳贵安基层医疗卫生机构糖尿病门诊用药目录(第一版) ───────────
    // all seven columns in every row
    { sourceRow: 1, disease: 'diabetes', drugCode: 'acarbose', nameAsPrinted: '阿卡波糖', name: '阿卡波糖', formsAsPrinted: '口服制剂', forms: ORAL_VILLAGE, essential: true, insuranceClass: 'A', restriction: null, scopeAsPrinted: VILLAGE },
    { sourceRow: 2, disease: 'diabetes', drugCode: 'glimepiride', nameAsPrinted: '格列美脲', name: '格列美脲', formsAsPrinted: '口服制剂', forms: ORAL_VILLAGE, essential: true, insuranceClass: 'A', restriction: null, scopeAsPrinted: VILLAGE },
    { sourceRow: 3, disease: 'diabetes', drugCode: 'metformin', nameAsPrinted: '二甲双胍', name: '二甲双胍', formsAsPrinted: '口服制剂', forms: ORAL_VILLAGE, essential: false, insuranceClass: 'A', restriction: null, scopeAsPrinted: VILLAGE },
    {
      sourceRow: 4, disease: 'diabetes', drugCode: 'empagliflozin', nameAsPrinted: '恩格列净', name: '恩格列净', formsAsPrinted: '口服制剂', forms: ORAL_VILLAGE,
      essential: false, insuranceClass: 'B', restriction: { text: '限二线用药', anyOf: [[{ kind: 'second_line' }]] }, scopeAsPrinted: VILLAGE,
    },
    {
      sourceRow: 5, disease: 'diabetes', drugCode: 'insulin-glargine', nameAsPrinted: '甘精胰岛素预填充', name: '甘精胰岛素预填充', formsAsPrinted: '注射剂', forms: INJECTION,
      essential: true, insuranceClass: 'B',
      restriction: {
        text: '限 1 型糖尿病患者；限中长效胰岛素难以控制的 2 型糖尿病患者',
        anyOf: [
          [{ kind: 'diabetes_type', type: 'type1' }],
          [{ kind: 'diabetes_type', type: 'type2' }, { kind: 'finding', finding: 't2_uncontrolled_on_intermediate_long_insulin' }],
        ],
      },
      scopeAsPrinted: null,
    },
    { sourceRow: 6, disease: 'diabetes', drugCode: 'insulin-human', nameAsPrinted: '胰岛素注射液', name: '胰岛素注射液', formsAsPrinted: '注射剂', forms: INJECTION, essential: true, insuranceClass: 'A', restriction: null, scopeAsPrinted: null },
    { sourceRow: 7, disease: 'diabetes', drugCode: 'insulin-human-30-70', nameAsPrinted: '30/70 混合重组人胰岛素注射液', name: '30/70 混合重组人胰岛素注射液', formsAsPrinted: '注射剂', forms: INJECTION, essential: true, insuranceClass: 'A', restriction: null, scopeAsPrinted: null },
    { sourceRow: 8, disease: 'diabetes', drugCode: 'insulin-human-50-50', nameAsPrinted: '50/50 混合重组人胰岛素注射液', name: '50/50 混合重组人胰岛素注射液', formsAsPrinted: '注射剂', forms: INJECTION, essential: true, insuranceClass: 'A', restriction: null, scopeAsPrinted: null },
    {
      sourceRow: 9, disease: 'diabetes', drugCode: 'linagliptin', nameAsPrinted: '利格列汀', name: '利格列汀', formsAsPrinted: '口服剂型', forms: ORAL_VILLAGE,
      essential: true, insuranceClass: 'restricted', restriction: { text: '限二线用药', anyOf: [[{ kind: 'second_line' }]] }, scopeAsPrinted: VILLAGE,
    },
    {
      sourceRow: 10, disease: 'diabetes', drugCode: 'insulin-aspart-30', nameAsPrinted: '门冬胰岛素 30(笔芯)', name: '门冬胰岛素 30(笔芯)', formsAsPrinted: '注射剂', forms: INJECTION,
      essential: false, insuranceClass: 'restricted',
      restriction: {
        text: '限 1 型糖尿病患者；限其他短效胰岛素或者口服药难以控制的 2 型糖尿病患者',
        anyOf: [
          [{ kind: 'diabetes_type', type: 'type1' }],
          [{ kind: 'diabetes_type', type: 'type2' }, { kind: 'finding', finding: 't2_uncontrolled_on_short_insulin_or_oral' }],
        ],
      },
      scopeAsPrinted: null,
    },
    { sourceRow: 11, disease: 'diabetes', drugCode: 'repaglinide', nameAsPrinted: '瑞格列奈', name: '瑞格列奈', formsAsPrinted: '口服剂型', forms: ORAL_VILLAGE, essential: true, insuranceClass: 'B', restriction: null, scopeAsPrinted: VILLAGE },
    { sourceRow: 12, disease: 'diabetes', drugCode: 'pioglitazone', nameAsPrinted: '盐酸吡格列酮', name: '盐酸吡格列酮', formsAsPrinted: '口服剂型', forms: ORAL_VILLAGE, essential: true, insuranceClass: 'B', restriction: null, scopeAsPrinted: VILLAGE },
  ],
};
