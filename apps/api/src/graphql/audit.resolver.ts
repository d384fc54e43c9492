import { GraphQLJSONObject } from 'graphql-scalars';
import { Arg, Ctx, Field, ID, InputType, Int, ObjectType, Query, Resolver } from 'type-graphql';
import { auditCursor, readAuditLog } from '../modules/audit/audit-log';
import type { Context } from './context';
import { RoleEnum } from './enums';
import { scopeOf } from './guard';

@InputType()
class AuditLogFilter {
  @Field(() => ID, { nullable: true, description: 'rows about this patient: its own, a list read that showed it, its claims, follow-ups and cases' })
  patientId?: string | null;
  @Field(() => String, { nullable: true }) userId?: string | null;
  @Field(() => String, { nullable: true, description: 'e.g. patient.read, patient.list, claim.submit, audit_log.read' }) action?: string | null;
  @Field(() => String, { nullable: true, description: 'first day (YYYY-MM-DD, China time), inclusive' }) from?: string | null;
  @Field(() => String, { nullable: true, description: 'last day (YYYY-MM-DD, China time), inclusive' }) to?: string | null;
  @Field(() => String, { nullable: true, description: 'one district of the viewer’s city; all of them when absent' }) districtCode?: string | null;
}

@ObjectType({ description: '审计日志: one write, or one read of unmasked personal data' })
class AuditEntry {
  @Field(() => ID) id!: string;
  @Field(() => String) districtCode!: string;
  @Field(() => String, { description: 'ISO 8601, China time (+08:00)' }) at!: string;
  @Field(() => String) userId!: string;
  @Field(() => RoleEnum) role!: string;
  @Field(() => String) action!: string;
  @Field(() => String) entity!: string;
  @Field(() => String, { nullable: true }) entityId!: string | null;
  @Field(() => [String], { description: 'the patients the row is about' }) patientIds!: string[];
  @Field(() => GraphQLJSONObject) detail!: Record<string, unknown>;
}

@ObjectType()
class AuditEntryConnection {
  @Field(() => [AuditEntry]) nodes!: AuditEntry[];
  @Field(() => String, { nullable: true }) endCursor!: string | null;
  @Field(() => Boolean) hasNextPage!: boolean;
}

@Resolver()
export class AuditResolver {
  @Query(() => AuditEntryConnection, {
    description: 'The audit log of the viewer’s districts, newest first: who read or wrote which patient’s data. Auditors only; each read is itself audited.',
  })
  async auditLog(
    @Ctx() ctx: Context,
    @Arg('filter', () => AuditLogFilter, { nullable: true }) filter: AuditLogFilter | null,
    @Arg('first', () => Int, { defaultValue: 50 }) first: number,
    @Arg('after', () => String, { nullable: true }) after: string | null,
  ): Promise<AuditEntryConnection> {
    const page = await readAuditLog(ctx.em, scopeOf(ctx), filter ?? {}, first, after ?? null);
    const last = page.nodes.at(-1);
    return { nodes: page.nodes, hasNextPage: page.hasNextPage, endCursor: last ? auditCursor(last) : null };
  }
}
