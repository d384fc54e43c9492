import { Arg, Ctx, Field, FieldResolver, Float, ID, Info, InputType, Int, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { notFound } from '../errors';
import { findPatient, listPatients, patientCursor, present, type PatientDetails, type PatientRecord } from '../modules/patients/patient.queries';
import { listClaims } from '../modules/claims/claim.queries';
import { FenScalar } from './scalars';
import { DiabetesTypeEnum, DiseaseEnum, SchemeEnum, SexEnum } from './enums';
import { Claim, Notice } from './claim.types';
import { claimView, DECISION_FIELDS } from './claim.resolver';
import { selectsAny } from './selection';
import type { GraphQLResolveInfo } from 'graphql';
import type { Context } from './context';
import { scopeOf } from './guard';
import { exec } from '../db/sql';

@InputType()
class PatientDiseaseInput {
  @Field(() => DiseaseEnum) disease!: 'hypertension' | 'diabetes';
  @Field(() => DiabetesTypeEnum, { nullable: true }) diabetesType?: 'type1' | 'type2' | 'other' | null;
  @Field(() => String) diagnosedOn!: string;
}

@InputType()
class RegisterPatientInput {
  @Field(() => ID) id!: string;
  @Field(() => String, { description: '18-character resident ID (GB 11643), check digit validated' }) residentId!: string;
  @Field(() => String) name!: string;
  @Field(() => String, { nullable: true }) phone?: string | null;
  @Field(() => SchemeEnum) scheme!: 'resident' | 'employee' | 'uninsured';
  @Field(() => String) streetCode!: string;
  @Field(() => Boolean) managed!: boolean;
  @Field(() => String, { nullable: true }) managedSince?: string | null;
  @Field(() => ID, { nullable: true }) managingInstitutionId?: string | null;
  @Field(() => [PatientDiseaseInput]) diseases!: PatientDiseaseInput[];
  @Field(() => [DiseaseEnum], { nullable: true }) chronicProgrammeDiseases?: ('hypertension' | 'diabetes')[] | null;
}

@InputType()
class FollowUpInput {
  @Field(() => ID) patientId!: string;
  @Field(() => ID) institutionId!: string;
  @Field(() => String) date!: string;
  @Field(() => Boolean) faceToFace!: boolean;
  @Field(() => Int, { nullable: true }) systolic?: number | null;
  @Field(() => Int, { nullable: true }) diastolic?: number | null;
  @Field(() => Float, { nullable: true }) fastingGlucoseMmol?: number | null;
}

@InputType()
class PatientFilter {
  @Field(() => String, { nullable: true }) regionCode?: string | null;
  @Field(() => DiseaseEnum, { nullable: true }) disease?: string | null;
  @Field(() => Boolean, { nullable: true }) certified?: boolean | null;
  @Field(() => Boolean, { nullable: true }) managed?: boolean | null;
  @Field(() => ID, { nullable: true }) designatedInstitutionId?: string | null;
}

@ObjectType()
class YearSummary {
  @Field(() => Int) year!: number;
  @Field(() => FenScalar) fundPaidFen!: number;
  @Field(() => FenScalar) generalOutpatientFundFen!: number;
  @Field(() => FenScalar, {
    nullable: true,
    description: 'the annual cap for the certified diseases (W-3 二(三)); null when no rule set is in force or the cap is not configured (G-4)',
  })
  capFen!: number | null;
  @Field(() => FenScalar, {
    nullable: true,
    description: 'what the fund may still pay this year, from the ledger as a claim would be paid (today within the year, else its last day); null with capFen',
  })
  capRemainingFen!: number | null;
  @Field(() => String, { nullable: true }) nextRefillDate!: string | null;
}

@ObjectType()
class FollowUp {
  @Field(() => ID) id!: string;
  @Field(() => String) date!: string;
  @Field(() => ID) institutionId!: string;
  @Field(() => Boolean) faceToFace!: boolean;
  @Field(() => Int, { nullable: true }) systolic!: number | null;
  @Field(() => Int, { nullable: true }) diastolic!: number | null;
  @Field(() => Float, { nullable: true }) fastingGlucoseMmol!: number | null;
}

@ObjectType()
export class Patient {
  @Field(() => ID) id!: string;
  @Field(() => String) districtCode!: string;
  @Field(() => String, { description: 'masked unless the viewer is an auditor (every unmasked read is audited)' }) residentId!: string;
  @Field(() => String) name!: string;
  @Field(() => SexEnum, { nullable: true, description: 'null unless the viewer is an auditor (every unmasked read is audited)' }) sex!: string | null;
  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD; null unless the viewer is an auditor (every unmasked read is audited)' }) birthDate!:
    string | null;
  @Field(() => String, { description: 'age in full years today, in a five-year band (“60–64”, “90+”): shown to every role in place of the birth date' })
  ageBand!: string;
  @Field(() => String, { nullable: true }) streetCode!: string | null;
  @Field(() => String, { nullable: true, description: 'masked unless the viewer is an auditor' }) phone!: string | null;
  @Field(() => SchemeEnum) scheme!: string;
  @Field(() => Boolean) managed!: boolean;
  @Field(() => [DiseaseEnum]) diseases!: string[];
  @Field(() => Boolean) certified!: boolean;
  @Field(() => String, { nullable: true }) certificateNo!: string | null;
  @Field(() => ID, { nullable: true }) designatedInstitutionId!: string | null;
}

@ObjectType()
class PatientConnection {
  @Field(() => [Patient]) nodes!: Patient[];
  @Field(() => Int) totalCount!: number;
  @Field(() => String, { nullable: true }) endCursor!: string | null;
  @Field(() => Boolean) hasNextPage!: boolean;
}

/** Fields of Patient a list reads only when one of them is selected (the rest come with the patient's row). */
const PATIENT_DETAIL_FIELDS = ['diseases', 'certified', 'certificateNo', 'designatedInstitutionId'] as const;

async function detailsOf(ctx: Context, p: PatientRecord): Promise<PatientDetails> {
  if (p.detailsLoaded) return p;
  const d = await ctx.loaders.patientDetails.load(`${p.districtCode}|${p.id}`);
  if (d === null) throw new Error(`patient ${p.id} vanished while its page was read`);
  return d;
}

@Resolver(() => Patient)
export class PatientResolver {
  @Mutation(() => Patient)
  async registerPatient(@Ctx() ctx: Context, @Arg('input', () => RegisterPatientInput) input: RegisterPatientInput): Promise<Patient> {
    const scope = scopeOf(ctx);
    const { id } = await ctx.services.patients.register(ctx.em, scope, input);
    return this.patient(ctx, id);
  }

  @Mutation(() => Patient, { description: '办证: issue the chronic-disease outpatient certificate (G-3)' })
  async certifyPatient(
    @Ctx() ctx: Context,
    @Arg('patientId', () => ID) patientId: string,
    @Arg('certificateNo', () => String) certificateNo: string,
    @Arg('certifiedOn', () => String) certifiedOn: string,
    @Arg('institutionId', () => ID) institutionId: string,
    @Arg('diseases', () => [DiseaseEnum]) diseases: ('hypertension' | 'diabetes')[],
  ): Promise<Patient> {
    await ctx.services.patients.certify(ctx.em, scopeOf(ctx), patientId, certificateNo, certifiedOn, institutionId, diseases);
    return this.patient(ctx, patientId);
  }

  @Mutation(() => Patient, { description: 'Designate the patient’s primary institution; the change rule (W-5) is enforced' })
  async designateInstitution(
    @Ctx() ctx: Context,
    @Arg('patientId', () => ID) patientId: string,
    @Arg('institutionId', () => ID) institutionId: string,
    @Arg('effectiveFrom', () => String) effectiveFrom: string,
    @Arg('atEnrolment', () => Boolean, { defaultValue: false }) atEnrolment: boolean,
  ): Promise<Patient> {
    await ctx.services.patients.designate(ctx.em, scopeOf(ctx), patientId, institutionId, effectiveFrom, atEnrolment);
    return this.patient(ctx, patientId);
  }

  @Mutation(() => ID)
  async recordFollowUp(@Ctx() ctx: Context, @Arg('input', () => FollowUpInput) input: FollowUpInput): Promise<string> {
    return ctx.services.patients.recordFollowUp(ctx.em, scopeOf(ctx), input);
  }

  @Mutation(() => Boolean, { description: 'The general-outpatient benefit used this year (W-3), from the outpatient system' })
  async recordGeneralOutpatient(
    @Ctx() ctx: Context,
    @Arg('patientId', () => ID) patientId: string,
    @Arg('year', () => Int) year: number,
    @Arg('fundPaidFen', () => FenScalar) fundPaidFen: number,
    @Arg('exhausted', () => Boolean) exhausted: boolean,
  ): Promise<boolean> {
    await ctx.services.patients.recordGeneralOutpatient(ctx.em, scopeOf(ctx), patientId, year, fundPaidFen, exhausted);
    return true;
  }

  @Query(() => Patient)
  async patient(@Ctx() ctx: Context, @Arg('id', () => ID) id: string): Promise<Patient> {
    const scope = scopeOf(ctx);
    const found = await findPatient(ctx.em, scope.readableDistricts(), id);
    if (found === null || (scope.institutionOnly !== null && found.designatedInstitutionId !== scope.institutionOnly)) throw notFound('patient', id);
    const [shown] = await present(ctx.em, scope, [found], 'patient.read', ctx.services.patients.today());
    return shown as Patient;
  }

  @Query(() => PatientConnection)
  async patients(
    @Ctx() ctx: Context,
    @Arg('filter', () => PatientFilter, { nullable: true }) filter: PatientFilter | null,
    @Arg('first', () => Int, { defaultValue: 50 }) first: number,
    @Arg('after', () => String, { nullable: true }) after: string | null,
    @Info() info: GraphQLResolveInfo,
  ): Promise<PatientConnection> {
    const scope = scopeOf(ctx);
    let districts: readonly string[] = scope.readableDistricts();
    let streetCode: string | null = null;
    if (filter?.regionCode != null) {
      const r = ctx.services.statistics.scopedRegion(scope, filter.regionCode);
      districts = r.districts;
      if (r.region.level === 'street') streetCode = r.region.code;
    }
    const listFilter = {
      districts,
      streetCode,
      disease: filter?.disease ?? null,
      certified: filter?.certified ?? null,
      managed: filter?.managed ?? null,
      institutionId: scope.institutionOnly ?? filter?.designatedInstitutionId ?? null,
    };
    const selected = { count: selectsAny(info, ['totalCount']), details: selectsAny(info, PATIENT_DETAIL_FIELDS, ['nodes']) };
    const page = await ctx.reads.run((em) => listPatients(em, listFilter, first, after ?? null, selected));
    // The page from the reads; presenting it audits an unmasked read, which is a write: the primary.
    const nodes = await present(ctx.em, scope, page.nodes, 'patient.list', ctx.services.patients.today());
    const last = page.nodes.at(-1);
    // totalCount is counted only when selected; unselected, the 0 is never sent.
    return { nodes: nodes as Patient[], totalCount: page.totalCount ?? 0, hasNextPage: page.hasNextPage, endCursor: last ? patientCursor(last) : null };
  }

  @FieldResolver(() => [DiseaseEnum])
  async diseases(@Ctx() ctx: Context, @Root() p: PatientRecord): Promise<string[]> {
    return (await detailsOf(ctx, p)).diseases;
  }

  @FieldResolver(() => Boolean)
  async certified(@Ctx() ctx: Context, @Root() p: PatientRecord): Promise<boolean> {
    return (await detailsOf(ctx, p)).certified;
  }

  @FieldResolver(() => String, { nullable: true })
  async certificateNo(@Ctx() ctx: Context, @Root() p: PatientRecord): Promise<string | null> {
    return (await detailsOf(ctx, p)).certificateNo;
  }

  @FieldResolver(() => ID, { nullable: true })
  async designatedInstitutionId(@Ctx() ctx: Context, @Root() p: PatientRecord): Promise<string | null> {
    return (await detailsOf(ctx, p)).designatedInstitutionId;
  }

  @FieldResolver(() => YearSummary)
  async yearSummary(@Ctx() ctx: Context, @Root() p: PatientRecord, @Arg('year', () => Int) year: number): Promise<YearSummary> {
    return ctx.services.claims.yearSummary(ctx.em, p.districtCode, p.id, year);
  }

  @FieldResolver(() => Notice, {
    description:
      'the year’s notice for the insured person: claims settled, drug cost, fund and own share, the cap used and left (from the ledger), the next refill; the person as this patient is shown to the viewer',
  })
  async yearNotice(@Ctx() ctx: Context, @Root() p: PatientRecord, @Arg('year', () => Int) year: number): Promise<Notice> {
    return (await ctx.services.claims.yearNotice(ctx.em, p, year)) as Notice;
  }

  @FieldResolver(() => [Claim])
  async claims(
    @Ctx() ctx: Context,
    @Root() p: PatientRecord,
    @Arg('first', () => Int, { defaultValue: 20 }) first: number,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Claim[]> {
    const scope = scopeOf(ctx);
    const page = await listClaims(ctx.em, { districts: [p.districtCode], patientId: p.id, institutionId: scope.institutionOnly }, first, null, {
      count: false,
      decision: selectsAny(info, DECISION_FIELDS),
    });
    return page.nodes.map(claimView);
  }

  @FieldResolver(() => [FollowUp])
  async followUps(@Ctx() ctx: Context, @Root() p: PatientRecord): Promise<FollowUp[]> {
    const rows = await exec<{
      id: string;
      date: string;
      institution_id: string;
      face_to_face: boolean;
      systolic: number | null;
      diastolic: number | null;
      fasting_glucose_tenths: number | null;
    }>(
      ctx.em,
      `select id, to_char(follow_up_date, 'YYYY-MM-DD') as date, institution_id, face_to_face, systolic, diastolic, fasting_glucose_tenths
         from follow_ups where district_code = ? and patient_id = ? order by follow_up_date desc limit 100`,
      [p.districtCode, p.id],
    );
    return rows.map((r) => ({
      id: r.id,
      date: r.date,
      institutionId: r.institution_id,
      faceToFace: r.face_to_face,
      systolic: r.systolic,
      diastolic: r.diastolic,
      fastingGlucoseMmol: r.fasting_glucose_tenths === null ? null : r.fasting_glucose_tenths / 10,
    }));
  }
}
