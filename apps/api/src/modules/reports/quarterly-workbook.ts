/**
 * The 附件5 table as an Excel file a district can send on as it is: the form's title, 填报单位 and
 * 报送时间 above, the two-level header (类别; 高血压 / 糖尿病 × 规范化管理人数, 待遇享受人数, 待遇享受人次,
 * 药品费用), the two category rows, and 报送人 and 电话 below — the layout of the plan's 附件5.
 */
import ExcelJS from 'exceljs';
import { isIsoDate } from '@liangbing/policy';
import { InputProblems } from '../../errors';
import type { ReportRow } from './quarterly';

export interface Filler {
  /** 填报单位; the region's medical-insurance bureau when absent */
  unit?: string | null;
  /** 报送人 */
  name?: string | null;
  /** 电话 */
  phone?: string | null;
  /** 报送时间, YYYY-MM-DD; today when absent */
  date?: string | null;
}

export function validateFiller(f: Filler): void {
  const p = new InputProblems();
  if (f.unit != null && (f.unit.trim() === '' || f.unit.length > 60)) p.add('fillerUnit', 'must be 1–60 characters', '须为1–60个字符');
  if (f.name != null && (f.name.trim() === '' || f.name.length > 30)) p.add('fillerName', 'must be 1–30 characters', '须为1–30个字符');
  if (f.phone != null && !/^[0-9+\-() ]{5,20}$/.test(f.phone)) p.add('fillerPhone', 'must be a telephone number', '须为电话号码');
  if (f.date != null && !isIsoDate(f.date)) p.add('reportDate', 'must be YYYY-MM-DD', '须为有效日期');
  p.throwIfAny();
}

const thin = { style: 'thin' as const };
const BORDER = { top: thin, left: thin, bottom: thin, right: thin };

export async function quarterlyWorkbook(
  title: string,
  periodLabel: string,
  regionName: string,
  rows: readonly ReportRow[],
  filler: Filler,
  today: string,
): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('调度表', { pageSetup: { orientation: 'landscape', fitToPage: true } });
  ws.mergeCells('A1:I1');
  ws.getCell('A1').value = `${title}（${periodLabel}）`;
  ws.getCell('A1').font = { bold: true, size: 14 };
  ws.getCell('A1').alignment = { horizontal: 'center' };
  ws.mergeCells('A2:E2');
  ws.getCell('A2').value = `填报单位：${filler.unit ?? `${regionName}医疗保障局`}`;
  ws.mergeCells('F2:I2');
  ws.getCell('F2').value = `报送时间：${formatDate(filler.date ?? today)}`;
  ws.mergeCells('A3:A4');
  ws.getCell('A3').value = '类别';
  ws.mergeCells('B3:E3');
  ws.getCell('B3').value = '高血压';
  ws.mergeCells('F3:I3');
  ws.getCell('F3').value = '糖尿病';
  const heads = ['规范化管理人数(人)', '待遇享受人数(人)', '待遇享受人次(次)'];
  ws.getRow(4).values = ['', ...heads, '降血压药品费用(元)', ...heads, '降血糖药品费用(元)'];
  const line = (category: ReportRow['category'], label: string) => {
    const h = rows.find((r) => r.category === category && r.disease === 'hypertension')!;
    const d = rows.find((r) => r.category === category && r.disease === 'diabetes')!;
    return [
      label,
      h.managedPatients,
      h.beneficiaries,
      h.benefitUses,
      h.drugCostFen / 100,
      d.managedPatients,
      d.beneficiaries,
      d.benefitUses,
      d.drugCostFen / 100,
    ];
  };
  ws.getRow(5).values = line('special', '“两病”专项保障机制');
  ws.getRow(6).values = line('chronic_programme', '门诊慢特病中“两病”用药患者');
  for (let r = 3; r <= 6; r++) {
    for (let c = 1; c <= 9; c++) {
      const cell = ws.getCell(r, c);
      cell.border = BORDER;
      cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
      if (r <= 4) cell.font = { bold: true };
    }
  }
  for (const r of [5, 6]) for (const c of [5, 9]) ws.getCell(r, c).numFmt = '#,##0.00';
  ws.getColumn(1).width = 30;
  for (let c = 2; c <= 9; c++) ws.getColumn(c).width = 16;
  ws.getCell('A8').value = `报送人：${filler.name ?? ''}`;
  ws.getCell('F8').value = `电话：${filler.phone ?? ''}`;
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const formatDate = (iso: string) => `${iso.slice(0, 4)}年${Number(iso.slice(5, 7))}月${Number(iso.slice(8, 10))}日`;
