/** Roster matching (G-1, G-2; 附件2 item 3): import the managed-patient list, certify in bulk, keep the uninsured ledger. */
import { Arg, Ctx, Field, FieldResolver, ID, Int, Mutation, ObjectType, Query, registerEnumType, Resolver, Root } from 'type-graphql';
import type { RosterProblem as Problem, StoredImport, StoredRow } from '../modules/roster/roster.repository';
import { OUTCOMES } from '../modules/roster/roster.repository';
import type { Context } from './context';
import { DiseaseEnum } from './enums';
import { scopeOf } from './guard';

const RosterOutcomeEnum = {
  CERTIFIED: 'certified',
  TO_CERTIFY: 'to_certify',
  DIAGNOSIS_MISSING: 'diagnosis_missing',
  EMPLOYEE_SCHEME: 'employee_scheme',
  TO_MOBILISE: 'to_mobilise',
  EXEMPT: 'exempt',
} as const;
const UninsuredReasonEnum = { SERVING_SENTENCE: 'serving_sentence', MILITARY_SERVICE: 'military_service', INSURED_ELSEWHERE: 'insured_elsewhere' } as const;
registerEnumType(RosterOutcomeEnum, {
  name: 'RosterOutcome',
  description:
    'CERTIFIED insured and certified; TO_CERTIFY insured, not certified (certify in bulk); DIAGNOSIS_MISSING insured, listed disease not on record; ' +
    'EMPLOYEE_SCHEME under 职工医保; TO_MOBILISE not insured or unknown to the rolls; EXEMPT legitimately not insured (ledger entry)',
});
registerEnumType(UninsuredReasonEnum, { name: 'UninsuredReason', description: '附件2 item 3: 服刑 / 参军 / 外地参保' });

@ObjectType()
class RosterProblem {
  @Field(() => Int, { description: 'the row number in the file' }) rowNo!: number;
  @Field(() => String) code!: string;
  @Field(() => String) field!: string;
  @Field(() => String) messageEn!: string;
  @Field(() => String) messageZh!: string;
}

@ObjectType()
class RosterRow {
  @Field(() => Int) rowNo!: number;
  @Field(() => String, { description: 'masked unless the viewer is an auditor' }) residentId!: string;
  @Field(() => String) name!: string;
  @Field(() => [DiseaseEnum]) diseases!: string[];
  @Field(() => ID) institutionId!: string;
  @Field(() => ID, { nullable: true, description: 'the matched patient; null when unknown to the insurance rolls' }) patientId!: string | null;
  @Field(() => RosterOutcomeEnum) outcome!: string;
  @Field(() => [DiseaseEnum], { description: 'the diseases a bulk certification covers' }) certifyDiseases!: string[];
  @Field(() => String, { nullable: true }) certificateNo!: string | null;
  @Field(() => UninsuredReasonEnum, { nullable: true }) exemptReason!: string | null;
}

@ObjectType()
class RosterRowPage {
  @Field(() => [RosterRow]) nodes!: RosterRow[];
  @Field(() => Boolean) hasNextPage!: boolean;
  @Field(() => Int, { nullable: true, description: 'pass as `after` for the next page' }) endCursor!: number | null;
}

@ObjectType()
class RosterOutcomeCount {
  @Field(() => RosterOutcomeEnum) outcome!: string;
  @Field(() => Int) count!: number;
}

@ObjectType()
class RosterImport {
  @Field(() => ID) id!: string;
  @Field(() => String) districtCode!: string;
  @Field(() => Int, { description: 'the district’s import number' }) seq!: number;
  @Field(() => String, { nullable: true }) fileName!: string | null;
  @Field(() => String) format!: string;
  @Field(() => String) contentHash!: string;
  @Field(() => Boolean) acceptValidRows!: boolean;
  @Field(() => Int) totalRows!: number;
  @Field(() => Int) acceptedRows!: number;
  @Field(() => Int) rejectedRows!: number;
  @Field(() => [RosterProblem], { description: 'rows left out (only with acceptValidRows)' }) problems!: Problem[];
  @Field(() => String) importedBy!: string;
  @Field(() => String) importedAt!: string;
  @Field(() => String, { nullable: true }) certifiedAt!: string | null;
  @Field(() => String, { nullable: true }) certifiedBy!: string | null;
  // field resolvers below read these
  stored!: StoredImport;
}

@ObjectType()
class ImportRosterResult {
  @Field(() => RosterImport, { nullable: true, description: 'null when nothing was imported: the file had bad rows and acceptValidRows was not set' })
  import!: RosterImport | null;
  @Field(() => [RosterProblem], { description: 'every bad row with its reason' }) problems!: Problem[];
  @Field(() => Boolean, { description: 'true when the same file had been imported before: nothing changed' }) replayed!: boolean;
}

@ObjectType()
class CertifyInBulkResult {
  @Field(() => RosterImport) import!: RosterImport;
  @Field(() => Int) certified!: number;
  @Field(() => Int, { description: 'certified by other means since the import: marked, not certified again' }) alreadyCertified!: number;
}

const view = (i: StoredImport): RosterImport => ({
  ...i,
  importedAt: new Date(i.importedAt).toISOString(),
  certifiedAt: i.certifiedAt === null ? null : new Date(i.certifiedAt).toISOString(),
  stored: i,
});
const rowView = (r: StoredRow): RosterRow => ({ ...r });

@Resolver(() => RosterImport)
export class RosterResolver {
  @Mutation(() => ImportRosterResult, {
    description:
      'Import the health commission’s managed-patient list for a district (CSV text or a base64 .xlsx; columns 身份证号, 姓名, 病种, 管理机构编码 or 管理机构). ' +
      'All or nothing: with any bad row nothing is imported unless acceptValidRows is true. The same file again returns the earlier import.',
  })
  async importRoster(
    @Ctx() ctx: Context,
    @Arg('districtCode', () => String) districtCode: string,
    @Arg('csv', () => String, { nullable: true }) csv: string | null,
    @Arg('excelBase64', () => String, { nullable: true }) excelBase64: string | null,
    @Arg('fileName', () => String, { nullable: true }) fileName: string | null,
    @Arg('acceptValidRows', () => Boolean, { defaultValue: false }) acceptValidRows: boolean,
  ): Promise<ImportRosterResult> {
    const r = await ctx.services.roster.importRoster(ctx.em, scopeOf(ctx), { districtCode, csv, excelBase64, fileName, acceptValidRows });
    return { import: r.import === null ? null : view(r.import), problems: r.problems, replayed: r.replayed };
  }

  @Mutation(() => CertifyInBulkResult, { description: '附件2 item 3 一: certify everyone of the import who is insured but not certified, in one transaction' })
  async certifyInBulk(@Ctx() ctx: Context, @Arg('importId', () => ID) importId: string): Promise<CertifyInBulkResult> {
    const r = await ctx.services.roster.certifyInBulk(ctx.em, scopeOf(ctx), importId);
    return { import: view(r.import), certified: r.certified, alreadyCertified: r.alreadyCertified };
  }

  @Mutation(() => RosterRow, { description: '附件2 item 3 二: record why a person on the list is legitimately not insured (a ledger entry)' })
  async recordUninsuredReason(
    @Ctx() ctx: Context,
    @Arg('importId', () => ID) importId: string,
    @Arg('rowNo', () => Int) rowNo: number,
    @Arg('reason', () => UninsuredReasonEnum) reason: 'serving_sentence' | 'military_service' | 'insured_elsewhere',
    @Arg('note', () => String, { nullable: true }) note: string | null,
  ): Promise<RosterRow> {
    return rowView(await ctx.services.roster.recordUninsuredReason(ctx.em, scopeOf(ctx), importId, rowNo, reason, note));
  }

  @Query(() => RosterImport)
  async rosterImport(@Ctx() ctx: Context, @Arg('id', () => ID) id: string): Promise<RosterImport> {
    return view(await ctx.services.roster.findImport(ctx.em, scopeOf(ctx), id));
  }

  @Query(() => [RosterImport], { description: 'The latest imports of the viewer’s districts (or one district), newest first' })
  async rosterImports(@Ctx() ctx: Context, @Arg('districtCode', () => String, { nullable: true }) districtCode: string | null): Promise<RosterImport[]> {
    return (await ctx.services.roster.imports(ctx.em, scopeOf(ctx), districtCode)).map(view);
  }

  @FieldResolver(() => [RosterOutcomeCount], { description: 'rows per outcome, every outcome listed' })
  async counts(@Ctx() ctx: Context, @Root() imp: RosterImport): Promise<RosterOutcomeCount[]> {
    const counts = await ctx.services.roster.counts(ctx.em, imp.stored);
    return OUTCOMES.map((outcome) => ({ outcome, count: counts.get(outcome) ?? 0 }));
  }

  @FieldResolver(() => RosterRowPage)
  async rows(
    @Ctx() ctx: Context,
    @Root() imp: RosterImport,
    @Arg('outcome', () => RosterOutcomeEnum, { nullable: true }) outcome: (typeof OUTCOMES)[number] | null,
    @Arg('first', () => Int, { defaultValue: 100 }) first: number,
    @Arg('after', () => Int, { nullable: true }) after: number | null,
  ): Promise<RosterRowPage> {
    const page = await ctx.services.roster.rows(ctx.em, scopeOf(ctx), imp.stored, outcome, first, after);
    return { nodes: page.rows.map(rowView), hasNextPage: page.hasNextPage, endCursor: page.rows.at(-1)?.rowNo ?? null };
  }
}
