/**
 * Patients' lives (issue #16): corrections and dated changes after registration, and the history
 * they leave. Mutations answer the patient as `patient(id)` shows it; the history and dated records
 * are fields of Patient, read by whoever may read the patient, with the same masking of personal
 * fields (name, phone) as the patient's own.
 */
import { Arg, Ctx, Field, FieldResolver, Float, ID, InputType, Int, Mutation, ObjectType, Resolver, Root } from 'type-graphql';
import type { Disease } from '@liangbing/policy';
import { badInput } from '../errors';
import { audit } from '../modules/audit/audit';
import { maskName, maskPhone, type PatientRecord } from '../modules/patients/patient.queries';
import * as repo from '../modules/patients/patient-life.repository';
import { exec } from '../db/sql';
import type { Context } from './context';
import { DiseaseEnum, SchemeEnum, SexEnum } from './enums';
import { scopeOf } from './guard';
import { Patient, PatientResolver } from './patient.resolver';
import type { Scheme } from '../modules/patients/patient-life.dates';

@InputType({ description: 'Only the fields given change; phone: null clears the number' })
class PatientChangesInput {
  @Field(() => String, { nullable: true }) name?: string | null;
  @Field(() => SexEnum, { nullable: true }) sex?: 'male' | 'female' | null;
  @Field(() => String, { nullable: true }) birthDate?: string | null;
  @Field(() => String, { nullable: true }) phone?: string | null;
  @Field(() => String, { nullable: true, description: 'a street of the patient’s own district' }) streetCode?: string | null;
}

@InputType({ description: 'Only the fields given change; null clears a measurement' })
class FollowUpChangesInput {
  @Field(() => String, { nullable: true }) date?: string | null;
  @Field(() => Boolean, { nullable: true }) faceToFace?: boolean | null;
  @Field(() => Int, { nullable: true }) systolic?: number | null;
  @Field(() => Int, { nullable: true }) diastolic?: number | null;
  @Field(() => Float, { nullable: true }) fastingGlucoseMmol?: number | null;
}

@ObjectType({ description: 'One change to a patient: a field old → new, or an event (death, scheme change, certificate, follow-up correction)' })
class PatientHistoryEntry {
  @Field(() => String) at!: string;
  @Field(() => String, { description: 'the user who made the change' }) by!: string;
  @Field(() => String) role!: string;
  @Field(() => String, {
    description:
      'update, scheme_change, residence_elsewhere, residence_elsewhere_end, death, move_away, undo_death, undo_move_away, certificate_revoke, certificate_renew, follow_up_correct, follow_up_delete',
  })
  action!: string;
  @Field(() => String, { nullable: true }) field!: string | null;
  @Field(() => String, { nullable: true, description: 'masked as the patient’s field is' }) old!: string | null;
  @Field(() => String, { nullable: true, description: 'masked as the patient’s field is' }) new!: string | null;
  @Field(() => String, { nullable: true, description: 'the date the change takes effect, where it has one' }) effectiveOn!: string | null;
  @Field(() => String, { nullable: true }) reason!: string | null;
}

@ObjectType()
class SchemeChange {
  @Field(() => String) effectiveFrom!: string;
  @Field(() => SchemeEnum) scheme!: string;
  @Field(() => SchemeEnum) previousScheme!: string;
  @Field(() => String, { nullable: true }) uninsuredReason!: string | null;
  @Field(() => String) reason!: string;
}

@ObjectType({ description: '异地长期居住 (W-7) for a period' })
class ResidenceElsewhere {
  @Field(() => ID) id!: string;
  @Field(() => String) from!: string;
  @Field(() => String, { nullable: true, description: 'inclusive last day; null while current' }) to!: string | null;
  @Field(() => String) place!: string;
  @Field(() => String) note!: string;
}

@ObjectType({
  description:
    'Death or moving away: from this date the patient is in no patient figure of a period ending on or after it, and claims dated after it are refused',
})
class Departure {
  @Field(() => String) on!: string;
  @Field(() => String, { description: 'death or moved_away' }) reason!: string;
  @Field(() => String, { nullable: true }) movedTo!: string | null;
  @Field(() => [ID], { description: 'accepted claims with a fund payment dated after it, for review' }) paidClaimsAfter!: string[];
}

@ObjectType()
class DepartureResult {
  @Field(() => Patient) patient!: Patient;
  @Field(() => [ID], {
    description: 'accepted claims with a fund payment dated after the departure: paid before it was known, for the bureau to review and reverse',
  })
  paidClaimsAfter!: string[];
}

const MASKED_FIELDS: Record<string, (v: string) => string> = { name: maskName, phone: maskPhone };
/** shown only to viewers who see the patient's birth date and sex; null to others */
const WITHHELD_FIELDS: Record<string, true> = { birthDate: true, sex: true };

@Resolver(() => Patient)
export class PatientLifeResolver {
  private readonly reader = new PatientResolver();

  @Mutation(() => Patient, { description: 'Correct demographics; one history row per field that differs (reason required)' })
  async updatePatient(
    @Ctx() ctx: Context,
    @Arg('patientId', () => ID) patientId: string,
    @Arg('changes', () => PatientChangesInput) changes: PatientChangesInput,
    @Arg('reason', () => String) reason: string,
  ): Promise<Patient> {
    await ctx.services.patientLife.updateDemographics(ctx.em, scopeOf(ctx), patientId, changes, reason);
    return this.reader.patient(ctx, patientId);
  }

  @Mutation(() => Patient, {
    description: '参保类型变更 from a date (not in the future, after the last change); claims are judged on the scheme in force on their service date (W-1)',
  })
  async changeInsuranceScheme(
    @Ctx() ctx: Context,
    @Arg('patientId', () => ID) patientId: string,
    @Arg('scheme', () => SchemeEnum) scheme: Scheme,
    @Arg('effectiveFrom', () => String) effectiveFrom: string,
    @Arg('reason', () => String) reason: string,
    @Arg('uninsuredReason', () => String, { nullable: true }) uninsuredReason: string | null,
  ): Promise<Patient> {
    await ctx.services.patientLife.changeScheme(ctx.em, scopeOf(ctx), patientId, scheme, effectiveFrom, reason, uninsuredReason ?? null);
    return this.reader.patient(ctx, patientId);
  }

  @Mutation(() => Patient, { description: '异地长期居住 (W-7) from a date, to an inclusive last day or open' })
  async recordResidenceElsewhere(
    @Ctx() ctx: Context,
    @Arg('patientId', () => ID) patientId: string,
    @Arg('from', () => String) from: string,
    @Arg('to', () => String, { nullable: true }) to: string | null,
    @Arg('place', () => String) place: string,
    @Arg('note', () => String) note: string,
  ): Promise<Patient> {
    await ctx.services.patientLife.recordResidence(ctx.em, scopeOf(ctx), patientId, from, to ?? null, place, note);
    return this.reader.patient(ctx, patientId);
  }

  @Mutation(() => Patient, { description: 'End an open residence elsewhere on its last day' })
  async endResidenceElsewhere(
    @Ctx() ctx: Context,
    @Arg('patientId', () => ID) patientId: string,
    @Arg('residenceId', () => ID) residenceId: string,
    @Arg('to', () => String) to: string,
    @Arg('reason', () => String) reason: string,
  ): Promise<Patient> {
    await ctx.services.patientLife.endResidence(ctx.em, scopeOf(ctx), patientId, residenceId, to, reason);
    return this.reader.patient(ctx, patientId);
  }

  @Mutation(() => DepartureResult, { description: 'Record a death on a date' })
  async recordDeath(
    @Ctx() ctx: Context,
    @Arg('patientId', () => ID) patientId: string,
    @Arg('on', () => String) on: string,
    @Arg('note', () => String, { nullable: true }) note: string | null,
  ): Promise<DepartureResult> {
    const r = await ctx.services.patientLife.recordDeparture(ctx.em, scopeOf(ctx), patientId, 'death', on, null, note ?? null);
    return { patient: await this.reader.patient(ctx, patientId), paidClaimsAfter: r.paidClaimsAfter };
  }

  @Mutation(() => DepartureResult, { description: 'Record moving away from the region on a date' })
  async recordMoveAway(
    @Ctx() ctx: Context,
    @Arg('patientId', () => ID) patientId: string,
    @Arg('on', () => String) on: string,
    @Arg('toRegion', () => String, { nullable: true }) toRegion: string | null,
    @Arg('note', () => String, { nullable: true }) note: string | null,
  ): Promise<DepartureResult> {
    const r = await ctx.services.patientLife.recordDeparture(ctx.em, scopeOf(ctx), patientId, 'moved_away', on, toRegion ?? null, note ?? null);
    return { patient: await this.reader.patient(ctx, patientId), paidClaimsAfter: r.paidClaimsAfter };
  }

  @Mutation(() => Patient, { description: 'Undo a wrongly recorded death or move away (the record stays in the history)' })
  async undoDeparture(@Ctx() ctx: Context, @Arg('patientId', () => ID) patientId: string, @Arg('reason', () => String) reason: string): Promise<Patient> {
    await ctx.services.patientLife.undoDeparture(ctx.em, scopeOf(ctx), patientId, reason);
    return this.reader.patient(ctx, patientId);
  }

  @Mutation(() => Patient, { description: '注销: the certificate ends on a date (not certified from that day on)' })
  async revokeCertificate(
    @Ctx() ctx: Context,
    @Arg('patientId', () => ID) patientId: string,
    @Arg('certificateNo', () => String) certificateNo: string,
    @Arg('on', () => String) on: string,
    @Arg('reason', () => String) reason: string,
  ): Promise<Patient> {
    await ctx.services.patientRecords.revokeCertificate(ctx.em, scopeOf(ctx), patientId, certificateNo, on, reason);
    return this.reader.patient(ctx, patientId);
  }

  @Mutation(() => Patient, { description: '换证: a new certificate from a date for a patient who held one; the active one ends that day' })
  async renewCertificate(
    @Ctx() ctx: Context,
    @Arg('patientId', () => ID) patientId: string,
    @Arg('certificateNo', () => String, { description: 'the new certificate’s number' }) certificateNo: string,
    @Arg('diseases', () => [DiseaseEnum]) diseases: Disease[],
    @Arg('on', () => String) on: string,
    @Arg('institutionId', () => ID) institutionId: string,
  ): Promise<Patient> {
    await ctx.services.patientRecords.renewCertificate(ctx.em, scopeOf(ctx), patientId, certificateNo, diseases, on, institutionId);
    return this.reader.patient(ctx, patientId);
  }

  @Mutation(() => ID, { description: 'Correct a follow-up; the row as it was is kept as a revision' })
  async correctFollowUp(
    @Ctx() ctx: Context,
    @Arg('id', () => ID) id: string,
    @Arg('changes', () => FollowUpChangesInput) changes: FollowUpChangesInput,
    @Arg('reason', () => String) reason: string,
  ): Promise<string> {
    await ctx.services.patientRecords.correctFollowUp(ctx.em, scopeOf(ctx), id, changes, reason);
    return id;
  }

  @Mutation(() => Boolean, { description: 'Delete a follow-up; the row is kept as a revision and no statistic counts it' })
  async deleteFollowUp(@Ctx() ctx: Context, @Arg('id', () => ID) id: string, @Arg('reason', () => String) reason: string): Promise<boolean> {
    await ctx.services.patientRecords.deleteFollowUp(ctx.em, scopeOf(ctx), id, reason);
    return true;
  }

  @FieldResolver(() => [PatientHistoryEntry], { description: 'Every change to the patient, oldest first' })
  async history(@Ctx() ctx: Context, @Root() p: PatientRecord, @Arg('first', () => Int, { defaultValue: 200 }) first: number): Promise<PatientHistoryEntry[]> {
    if (!Number.isInteger(first) || first < 1 || first > 1000) throw badInput('first', 'must be 1–1000', '须为1–1000');
    const scope = scopeOf(ctx);
    const rows = await repo.readHistory(ctx.em, p.districtCode, p.id, first);
    // identity fields masked unless `unmasked`; birth date and sex withheld (null) unless `unmaskedBirthAndSex`, as on the patient itself
    const shown = (field: string | null) =>
      field === null || (field in MASKED_FIELDS ? scope.unmasked : field in WITHHELD_FIELDS ? scope.unmaskedBirthAndSex : true);
    const personal = rows.filter((r) => r.field !== null && (r.field in MASKED_FIELDS || r.field in WITHHELD_FIELDS) && shown(r.field));
    if (personal.length > 0)
      await audit(ctx.em, scope.viewer, p.districtCode, 'patient.history.read', 'patient', p.id, {
        unmasked: true,
        fields: [...new Set(personal.map((r) => r.field))],
      });
    const mask = (field: string | null, v: string | null) => (v === null || shown(field) ? v : field! in MASKED_FIELDS ? MASKED_FIELDS[field!]!(v) : null);
    return rows.map((r) => ({
      at: new Date(r.at).toISOString(),
      by: r.user_id,
      role: r.role,
      action: r.action,
      field: r.field,
      old: mask(r.field, r.old_value),
      new: mask(r.field, r.new_value),
      effectiveOn: r.effective_on,
      reason: r.reason,
    }));
  }

  @FieldResolver(() => [SchemeChange], { description: 'Dated scheme changes, oldest first' })
  async schemeChanges(@Ctx() ctx: Context, @Root() p: PatientRecord): Promise<SchemeChange[]> {
    const rows = await repo.schemeChangeRows(ctx.em, p.districtCode, p.id);
    return rows.map((r) => ({
      effectiveFrom: r.effective_from,
      scheme: r.scheme,
      previousScheme: r.previous_scheme,
      uninsuredReason: r.uninsured_reason,
      reason: r.reason,
    }));
  }

  @FieldResolver(() => [ResidenceElsewhere])
  async residencesElsewhere(@Ctx() ctx: Context, @Root() p: PatientRecord): Promise<ResidenceElsewhere[]> {
    const rows = await repo.residences(ctx.em, p.districtCode, p.id);
    return rows.map((r) => ({ id: r.id, from: r.valid_from, to: r.valid_to, place: r.place, note: r.note }));
  }

  @FieldResolver(() => Departure, { nullable: true })
  async departure(@Ctx() ctx: Context, @Root() p: PatientRecord): Promise<Departure | null> {
    const [row] = await exec<{ left_on: string | null; left_reason: string | null; moved_to: string | null }>(
      ctx.em,
      `select to_char(left_on, 'YYYY-MM-DD') as left_on, left_reason, moved_to from patients where district_code = ? and id = ?`,
      [p.districtCode, p.id],
    );
    if (row?.left_on == null) return null;
    return {
      on: row.left_on,
      reason: row.left_reason!,
      movedTo: row.moved_to,
      paidClaimsAfter: await repo.paidClaimsAfter(ctx.em, p.districtCode, p.id, row.left_on),
    };
  }
}
