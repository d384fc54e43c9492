/** Clinical records (G-5 source prescriptions, W-6 referrals, restriction findings) and the general-outpatient feed (W-3). */
import { Arg, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import { CSV_FIELDS, MAX_FEED_ENTRIES } from '../modules/clinical/general-outpatient.service';
import { parseFeedCsv } from '../modules/clinical/general-outpatient.parse';
import type { Context } from './context';
import { scopeOf } from './guard';
import {
  ClinicalRecordType,
  FindingCodeType,
  FindingRecord,
  GeneralOutpatientBatchInput,
  GeneralOutpatientFeedResult,
  RecordFindingInput,
  RecordFindingResult,
  RecordPrescriptionInput,
  RecordPrescriptionResult,
  RecordReferralInput,
  RecordReferralResult,
} from './clinical.types';

@Resolver()
export class ClinicalResolver {
  @Mutation(() => RecordPrescriptionResult, {
    description: 'The level-2+ 两病 prescription an extension claim dispenses on (G-5 五(二)4); recorded in the patient’s district',
  })
  async recordPrescription(
    @Ctx() ctx: Context,
    @Arg('input', () => RecordPrescriptionInput) input: RecordPrescriptionInput,
  ): Promise<RecordPrescriptionResult> {
    return ctx.services.clinical.records.recordPrescription(ctx.em, scopeOf(ctx), input);
  }

  @Mutation(() => RecordReferralResult, {
    description: 'A referral by the designated primary institution to another designated hospital (W-6 三(三)); a referral claim there finds it',
  })
  async recordReferral(@Ctx() ctx: Context, @Arg('input', () => RecordReferralInput) input: RecordReferralInput): Promise<RecordReferralResult> {
    return ctx.services.clinical.records.recordReferral(ctx.em, scopeOf(ctx), input);
  }

  @Mutation(() => RecordFindingResult, { description: 'A clinical finding a catalogue restriction checks (限慢性心力衰竭 …), in force from recordedOn' })
  async recordFinding(@Ctx() ctx: Context, @Arg('input', () => RecordFindingInput) input: RecordFindingInput): Promise<RecordFindingResult> {
    return ctx.services.clinical.findings.record(ctx.em, scopeOf(ctx), input);
  }

  @Mutation(() => FindingRecord, { description: 'Ends a finding from retractedOn (on its own recordedOn: it was never in force); its history is kept' })
  async retractFinding(
    @Ctx() ctx: Context,
    @Arg('findingId', () => ID) findingId: string,
    @Arg('retractedOn', () => String) retractedOn: string,
    @Arg('reason', () => String) reason: string,
  ): Promise<FindingRecord> {
    return ctx.services.clinical.findings.retract(ctx.em, scopeOf(ctx), findingId, retractedOn, reason);
  }

  @Query(() => ClinicalRecordType, {
    description: 'A patient’s source prescriptions, referrals and findings, with the findings in force on `on` (today when absent)',
  })
  async clinicalRecord(
    @Ctx() ctx: Context,
    @Arg('patientId', () => ID) patientId: string,
    @Arg('on', () => String, { nullable: true }) on: string | null,
  ): Promise<ClinicalRecordType> {
    const r = await ctx.services.clinical.findings.recordOf(ctx.em, scopeOf(ctx), patientId, on);
    return { ...r, findingsInForce: [...r.findingsInForce] };
  }

  @Query(() => [FindingCodeType], {
    description:
      'The finding codes recordFinding accepts, with the drugs of the city’s catalogue in force on `date` each can unlock. Diabetes type is the diagnosis’s diabetesType, not a finding.',
  })
  async clinicalFindingCodes(
    @Ctx() ctx: Context,
    @Arg('cityCode', () => String) cityCode: string,
    @Arg('date', () => String) date: string,
  ): Promise<FindingCodeType[]> {
    scopeOf(ctx);
    return ctx.services.clinical.findings.codes(ctx.em, cityCode, date);
  }

  @Mutation(() => GeneralOutpatientFeedResult, {
    description: `The day’s general-outpatient benefit used (W-3 二(三)) for up to ${MAX_FEED_ENTRIES} patients at once`,
  })
  async recordGeneralOutpatientBatch(
    @Ctx() ctx: Context,
    @Arg('input', () => GeneralOutpatientBatchInput) input: GeneralOutpatientBatchInput,
  ): Promise<GeneralOutpatientFeedResult> {
    const entries = input.entries.map((e, i) => ({
      rowNo: i + 1,
      patientId: e.patientId ?? null,
      residentId: e.residentId ?? null,
      fundPaidFen: e.fundPaidFen,
      exhausted: e.exhausted,
    }));
    return ctx.services.clinical.generalOutpatient.record(ctx.em, scopeOf(ctx), { ...input, entries }, (column) => `input.entries[#].${column}`);
  }

  @Mutation(() => GeneralOutpatientFeedResult, { description: 'The same feed as CSV: columns 身份证号 or 患者编号, 普通门诊基金已支付(分), 是否用完 (是/否)' })
  async recordGeneralOutpatientCsv(
    @Ctx() ctx: Context,
    @Arg('year', () => Int) year: number,
    @Arg('asOf', () => String) asOf: string,
    @Arg('csv', () => String) csv: string,
    @Arg('districtCode', () => String, { nullable: true }) districtCode: string | null,
    @Arg('acceptValidRows', () => Boolean, { nullable: true }) acceptValidRows: boolean | null,
  ): Promise<GeneralOutpatientFeedResult> {
    const scope = scopeOf(ctx);
    const entries = parseFeedCsv(csv, MAX_FEED_ENTRIES);
    return ctx.services.clinical.generalOutpatient.record(
      ctx.em,
      scope,
      { districtCode, year, asOf, entries, acceptValidRows },
      (column) => CSV_FIELDS[column],
    );
  }
}
