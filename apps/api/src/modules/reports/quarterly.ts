/** 附件5 调度表: per category and disease, managed, beneficiaries, benefit uses, drug cost, for a region and quarter. */
import type { EntityManager } from '@mikro-orm/postgresql';
import ExcelJS from 'exceljs';
import { exec } from '../../db/sql';

export interface ReportRow {
  category: 'special' | 'chronic_programme';
  disease: 'hypertension' | 'diabetes';
  managedPatients: number;
  beneficiaries: number;
  benefitUses: number;
  drugCostFen: number;
  fundPaidFen: number;
}

export async function quarterlyRows(em: EntityManager, districts: readonly string[], from: string, to: string): Promise<ReportRow[]> {
  const [managed, claims] = await Promise.all([
    exec<{ category: string; disease: string; n: string }>(
      em,
      `select case when d.disease = any(p.chronic_programme_diseases) then 'chronic_programme' else 'special' end as category, d.disease, count(*) as n
         from patients p join patient_diseases d on d.district_code = p.district_code and d.patient_id = p.id
        where p.district_code = any(?) and p.managed and p.managed_since <= ?::date and d.diagnosed_on <= ?::date
        group by 1, 2`,
      [districts, to, to],
    ),
    exec<{ category: string; disease: string; persons: string; uses: string; cost: string; fund: string }>(
      em,
      `select c.category, dis.disease, count(distinct c.patient_id) filter (where c.fund_fen > 0) as persons, count(*) filter (where c.fund_fen > 0) as uses,
              coalesce(sum(c.amount_fen), 0) as cost, coalesce(sum(c.fund_fen), 0) as fund
         from claims c cross join lateral unnest(c.diseases) as dis(disease)
        where c.district_code = any(?) and c.status = 'accepted' and c.service_date between ?::date and ?::date
        group by 1, 2`,
      [districts, from, to],
    ),
  ]);
  const rows: ReportRow[] = [];
  for (const category of ['special', 'chronic_programme'] as const) {
    for (const disease of ['hypertension', 'diabetes'] as const) {
      const m = managed.find((r) => r.category === category && r.disease === disease);
      const c = claims.find((r) => r.category === category && r.disease === disease);
      rows.push({ category, disease, managedPatients: Number(m?.n ?? 0), beneficiaries: Number(c?.persons ?? 0), benefitUses: Number(c?.uses ?? 0), drugCostFen: Number(c?.cost ?? 0), fundPaidFen: Number(c?.fund ?? 0) });
    }
  }
  return rows;
}

/** The table exactly as 附件5 lays it out, with the filler's fields, ready to send on. */
export async function quarterlyWorkbook(title: string, period: string, rows: ReportRow[], filler: string): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('调度表');
  ws.mergeCells('A1:I1');
  ws.getCell('A1').value = '贵阳贵安城乡居民“两病”门诊用药保障情况调度表';
  ws.getCell('A1').font = { bold: true, size: 14 };
  ws.getCell('A1').alignment = { horizontal: 'center' };
  ws.getCell('A2').value = `填报单位：${title}`;
  ws.getCell('F2').value = `报送时间：${period}`;
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
    return [label, h.managedPatients, h.beneficiaries, h.benefitUses, h.drugCostFen / 100, d.managedPatients, d.beneficiaries, d.benefitUses, d.drugCostFen / 100];
  };
  ws.addRow(line('special', '“两病”专项保障机制'));
  ws.addRow(line('chronic_programme', '门诊慢特病中“两病”用药患者'));
  ws.getColumn(5).numFmt = '0.00';
  ws.getColumn(9).numFmt = '0.00';
  ws.columns.forEach((c) => (c.width = 18));
  ws.addRow([]);
  ws.addRow([`报送人：${filler}`, '', '', '', `电话：`]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export async function ruleHitCounts(em: EntityManager, districts: readonly string[], from: string, to: string, institutionId: string | null) {
  return exec<{ code: string; institution_id: string; institution_name: string; month: string; count: string }>(
    em,
    `select h.code, c.institution_id, i.name as institution_name, to_char(c.service_date, 'YYYY-MM') as month, count(*) as count
       from claims c cross join lateral unnest(c.hit_codes) as h(code) join institutions i on i.id = c.institution_id
      where c.district_code = any(?) and c.hit_codes <> '{}' and c.service_date between ?::date and ?::date and (?::text is null or c.institution_id = ?)
      group by 1, 2, 3, 4 order by 4, 1, 2`,
    [districts, from, to, institutionId, institutionId],
  );
}
