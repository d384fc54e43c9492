/** Family-doctor signings (家庭医生签约): recorded, ended, and shown on the patient. */
import { Arg, Ctx, Field, FieldResolver, ID, InputType, Mutation, ObjectType, Resolver, Root } from 'type-graphql';
import { isIsoDate } from '@liangbing/policy';
import { badInput } from '../errors';
import type { PatientRecord } from '../modules/patients/patient.queries';
import { signingOn, type SigningRow } from '../modules/signing/signing.repository';
import type { Context } from './context';
import { scopeOf } from './guard';
import { Patient } from './patient.resolver';

@InputType()
export class RecordSigningInput {
  @Field(() => ID) patientId!: string;
  @Field(() => ID, { description: 'the institution the family-doctor team belongs to (an institution of the patient’s city)' }) institutionId!: string;
  @Field(() => String, { description: 'the team’s code (1–32 letters, digits or . _ -)' }) teamCode!: string;
  @Field(() => String, { description: 'the team’s name, e.g. 东亭街道家庭医生一组' }) teamName!: string;
  @Field(() => String, { description: 'first day in force (YYYY-MM-DD, not in the future)' }) validFrom!: string;
  @Field(() => String, { nullable: true, description: 'last day in force (the signing period, e.g. one year); absent: open-ended' }) validTo?: string | null;
}

@ObjectType()
export class FamilyDoctorSigning {
  @Field(() => ID) id!: string;
  @Field(() => String, { description: 'the patient’s district, which the record belongs to' }) districtCode!: string;
  @Field(() => ID) patientId!: string;
  @Field(() => ID) institutionId!: string;
  @Field(() => String) institutionName!: string;
  @Field(() => String) teamCode!: string;
  @Field(() => String) teamName!: string;
  @Field(() => String) validFrom!: string;
  @Field(() => String, { nullable: true, description: 'last day in force; null: open-ended' }) validTo!: string | null;
  @Field(() => Boolean, { description: 'ended early (解约); validTo is then the last day it was in force' }) ended!: boolean;
  @Field(() => String, { nullable: true }) endedReason!: string | null;
}

@ObjectType()
class RecordSigningResult {
  @Field(() => FamilyDoctorSigning) signing!: FamilyDoctorSigning;
  @Field(() => Boolean, { description: 'the same signing was recorded before: nothing new was written' }) replayed!: boolean;
}

const view = (s: SigningRow): FamilyDoctorSigning => ({ ...s, ended: s.endedReason !== null });

@Resolver(() => Patient)
export class SigningResolver {
  @Mutation(() => RecordSigningResult, {
    description:
      'A patient’s signing with a family-doctor team (家庭医生签约; Guiyang 二、五(三)6, Wuxi 四(一)(三)): by the district bureau, or by the operator of the patient’s designated institution for its own team. At most one signing in force on a day.',
  })
  async recordSigning(@Ctx() ctx: Context, @Arg('input', () => RecordSigningInput) input: RecordSigningInput): Promise<RecordSigningResult> {
    const r = await ctx.services.signing.record(ctx.em, scopeOf(ctx), input);
    return { signing: view(r.signing), replayed: r.replayed };
  }

  @Mutation(() => FamilyDoctorSigning, { description: '解约: the signing ends on endedOn (its last day in force); its history is kept' })
  async endSigning(
    @Ctx() ctx: Context,
    @Arg('signingId', () => ID) signingId: string,
    @Arg('endedOn', () => String) endedOn: string,
    @Arg('reason', () => String) reason: string,
  ): Promise<FamilyDoctorSigning> {
    return view(await ctx.services.signing.end(ctx.em, scopeOf(ctx), signingId, endedOn, reason));
  }

  @FieldResolver(() => [FamilyDoctorSigning], { description: 'every family-doctor signing of the patient, ended ones too, the latest first' })
  async signings(@Ctx() ctx: Context, @Root() p: PatientRecord): Promise<FamilyDoctorSigning[]> {
    return (await ctx.services.signing.signings(ctx.em, p.districtCode, p.id)).map(view);
  }

  @FieldResolver(() => FamilyDoctorSigning, { nullable: true, description: 'the signing in force on `on` (today when absent), or null' })
  async currentSigning(
    @Ctx() ctx: Context,
    @Root() p: PatientRecord,
    @Arg('on', () => String, { nullable: true }) on: string | null,
  ): Promise<FamilyDoctorSigning | null> {
    if (on !== null && !isIsoDate(on)) throw badInput('on', 'must be a calendar date YYYY-MM-DD', '须为有效日期 YYYY-MM-DD');
    const found = signingOn(await ctx.services.signing.signings(ctx.em, p.districtCode, p.id), on ?? ctx.services.patients.today());
    return found === null ? null : view(found);
  }
}
