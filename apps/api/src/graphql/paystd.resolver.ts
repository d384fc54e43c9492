/** Payment standards (W 四(一)): the city bureau loads a dated, cited version; everyone of the city lists versions and compares two. */
import { Arg, Ctx, Field, InputType, Int, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import { DRUG_FACTS, type PaymentStandardRow } from '@liangbing/policy';
import type { StandardVersionSummary } from '../modules/paystd/paystd.service';
import type { Context } from './context';
import { DosageFormEnum } from './enums';
import { scopeOf } from './guard';
import { FenScalar } from './scalars';

@InputType()
class PaymentStandardRowInput {
  @Field(() => String, { description: 'the generic: a drug reference code (amlodipine) or its Chinese name (氨氯地平)' }) drugCode!: string;
  @Field(() => DosageFormEnum) form!: 'oral' | 'injection';
  @Field(() => String, { description: '规格, e.g. 5mg; compared without spaces or case' }) strength!: string;
  @Field(() => FenScalar, { description: 'the standard per dispensing unit (片、粒、支), fen' }) unitPriceFen!: number;
}

@InputType()
class LoadPaymentStandardInput {
  @Field(() => String) cityCode!: string;
  @Field(() => String, { description: 'YYYY-MM-DD; claims on or after it are paid against this version' }) effectiveFrom!: string;
  @Field(() => String, { description: 'the document that sets the standard (国家和省对“两病”用药确定的支付标准)' }) sourceDocument!: string;
  @Field(() => String, { description: 'its section or item' }) sourceSection!: string;
  @Field(() => String, { nullable: true }) title?: string | null;
  @Field(() => [PaymentStandardRowInput], { nullable: true, description: 'the list as rows; or csv, or excelBase64' }) rows?: PaymentStandardRowInput[] | null;
  @Field(() => String, {
    nullable: true,
    description: 'CSV text with the columns 通用名, 剂型 (口服/注射), 规格 and 支付标准（元） or 支付标准（分）',
  })
  csv?: string | null;
  @Field(() => String, { nullable: true, description: 'an .xlsx workbook, base64, with the same columns on its first sheet' }) excelBase64?: string | null;
}

@ObjectType()
class PaymentStandardEntry {
  @Field(() => String) drugCode!: string;
  @Field(() => String) drugName!: string;
  @Field(() => DosageFormEnum) form!: string;
  @Field(() => String) strength!: string;
  @Field(() => FenScalar, { description: 'fen per dispensing unit' }) unitPriceFen!: number;
}

@ObjectType()
class PaymentStandardVersionInfo {
  @Field(() => String) id!: string;
  @Field(() => String) cityCode!: string;
  @Field(() => String) title!: string;
  @Field(() => String) effectiveFrom!: string;
  @Field(() => String) sourceDocument!: string;
  @Field(() => String) sourceSection!: string;
  @Field(() => Int) rowCount!: number;
  @Field(() => String) loadedBy!: string;
  @Field(() => String) loadedAt!: string;
  @Field(() => String) contentHash!: string;
  @Field(() => [PaymentStandardEntry]) rows!: PaymentStandardEntry[];
}

@ObjectType()
class PaymentStandardProblem {
  @Field(() => Int, { description: 'the row number in the file (its header is row 1), or the row’s position in rows from 1; 0 for the list as a whole' })
  rowNo!: number;
  @Field(() => String, { description: 'the column by its Chinese header, or the input field' }) column!: string;
  @Field(() => String, { description: 'REQUIRED, UNKNOWN_DRUG, INVALID_FORM, FORM_NOT_MARKETED, TOO_LONG, INVALID_PRICE, PRICE_NOT_WHOLE_FEN, …' })
  code!: string;
  @Field(() => String) messageEn!: string;
  @Field(() => String) messageZh!: string;
}

@ObjectType()
class LoadPaymentStandardResult {
  @Field(() => Boolean, { description: 'false when problems refused the list: nothing was stored' }) applied!: boolean;
  @Field(() => Boolean, { description: 'true when the same version had been loaded before: nothing changed' }) replayed!: boolean;
  @Field(() => PaymentStandardVersionInfo, { nullable: true }) version!: PaymentStandardVersionInfo | null;
  @Field(() => [PaymentStandardProblem]) problems!: PaymentStandardProblem[];
}

@ObjectType()
class PaymentStandardChange {
  @Field(() => String) key!: string;
  @Field(() => PaymentStandardEntry) before!: PaymentStandardEntry;
  @Field(() => PaymentStandardEntry) after!: PaymentStandardEntry;
  @Field(() => FenScalar, { description: 'after − before, fen a unit; negative when the standard fell' }) differenceFen!: number;
}

@ObjectType()
class PaymentStandardDiff {
  @Field(() => PaymentStandardVersionInfo) from!: PaymentStandardVersionInfo;
  @Field(() => PaymentStandardVersionInfo) to!: PaymentStandardVersionInfo;
  @Field(() => [PaymentStandardEntry]) added!: PaymentStandardEntry[];
  @Field(() => [PaymentStandardEntry]) removed!: PaymentStandardEntry[];
  @Field(() => [PaymentStandardChange]) changed!: PaymentStandardChange[];
}

const entryView = (r: PaymentStandardRow): PaymentStandardEntry => ({ ...r, drugName: DRUG_FACTS.get(r.drugCode)?.drug.nameZh ?? r.drugCode });

const versionView = (v: StandardVersionSummary): PaymentStandardVersionInfo => ({
  id: v.id,
  cityCode: v.cityCode,
  title: v.title,
  effectiveFrom: v.effectiveFrom,
  sourceDocument: v.sourceDocument,
  sourceSection: v.sourceSection,
  rowCount: v.rowCount,
  loadedBy: v.loadedBy,
  loadedAt: new Date(v.loadedAt).toISOString(),
  contentHash: v.contentHash,
  rows: v.rows.map(entryView),
});

@Resolver()
export class PaymentStandardResolver {
  @Mutation(() => LoadPaymentStandardResult, {
    description:
      'Load a payment standard version (W 四(一)): generic × form × strength → fen a unit, with its effective date and source. ' +
      'The fund pays on min(submitted, standard × quantity) for claims on or after the date; every problem of a row is listed and nothing stored while there is one.',
  })
  async loadPaymentStandard(
    @Ctx() ctx: Context,
    @Arg('input', () => LoadPaymentStandardInput) input: LoadPaymentStandardInput,
  ): Promise<LoadPaymentStandardResult> {
    const r = await ctx.services.paymentStandards.load(ctx.em, scopeOf(ctx), input);
    return { applied: r.applied, replayed: r.replayed, version: r.version === null ? null : versionView(r.version), problems: r.problems };
  }

  @Query(() => [PaymentStandardVersionInfo], { description: 'The payment standard versions of a city, oldest first' })
  async paymentStandardVersions(@Ctx() ctx: Context, @Arg('cityCode', () => String) cityCode: string): Promise<PaymentStandardVersionInfo[]> {
    return (await ctx.services.paymentStandards.versions(ctx.em, scopeOf(ctx), cityCode)).map(versionView);
  }

  @Query(() => PaymentStandardDiff, { description: 'Rows added, removed and repriced between two payment standard versions' })
  async paymentStandardDiff(
    @Ctx() ctx: Context,
    @Arg('cityCode', () => String) cityCode: string,
    @Arg('fromVersion', () => String) fromVersion: string,
    @Arg('toVersion', () => String) toVersion: string,
  ): Promise<PaymentStandardDiff> {
    const d = await ctx.services.paymentStandards.diff(ctx.em, scopeOf(ctx), cityCode, fromVersion, toVersion);
    return {
      from: versionView(d.from),
      to: versionView(d.to),
      added: d.added.map(entryView),
      removed: d.removed.map(entryView),
      changed: d.changed.map((c) => ({ key: c.key, before: entryView(c.before), after: entryView(c.after), differenceFen: c.differenceFen })),
    };
  }
}
