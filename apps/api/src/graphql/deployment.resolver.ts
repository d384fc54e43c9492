/**
 * `deployment`: which mode the API runs in, readable without a token (the dashboard's sign-in page
 * says "demo" before anyone signs in); the rest (overrides, unset benefit levels, the token issuer)
 * only to a signed-in viewer, like everything else.
 */
import { Ctx, Field, FieldResolver, ObjectType, Query, registerEnumType, Resolver } from 'type-graphql';
import type { Context } from './context';
import { scopeOf } from './guard';

const DeploymentModeEnum = { DEMO: 'demo', PRODUCTION: 'production' } as const;
registerEnumType(DeploymentModeEnum, { name: 'DeploymentMode', description: 'DEMO: demo data and placeholder Guiyang rates; PRODUCTION: a real deployment' });

@ObjectType({ description: 'A named override of a rule set’s parameters that claims are decided under' })
class DeploymentOverride {
  @Field(() => String) name!: string;
  @Field(() => String) description!: string;
  @Field(() => String, { description: 'the rule set it applies to (wuxi-2019, guiyang-2021)' }) ruleSetId!: string;
  @Field(() => String, { description: 'who set the values and where they are written down: document, section' }) source!: string;
  @Field(() => String, { nullable: true, description: 'applies from this date; the rule set’s start when null' }) from!: string | null;
  @Field(() => [String], { description: 'the parameters it sets' }) parameters!: string[];
}

@ObjectType({ description: 'A rule set in force whose benefit levels are unset: its claims are refused NOT_CONFIGURED until they are set' })
class UnconfiguredBenefitLevels {
  @Field(() => String) ruleSetId!: string;
  @Field(() => String) cityCode!: string;
  @Field(() => [String], { description: 'the unset parameters (ratioDesignatedBp, capOneDiseaseFen …)' }) parameters!: string[];
  @Field(() => String, { description: 'the documents that set them' }) documents!: string;
  @Field(() => String, { description: 'the setting that supplies them' }) setting!: string;
}

@ObjectType()
class Deployment {
  @Field(() => DeploymentModeEnum) mode!: string;
  @Field(() => Boolean, { description: 'an empty database is loaded with the demo programme and /demo-tokens is served (demo mode only)' }) demoData!: boolean;
  @Field(() => Boolean, { description: 'Guiyang claims are paid at the demo’s placeholder rates, not policy (demo mode without POLICY_OVERRIDES_FILE)' })
  placeholderRates!: boolean;
}

@Resolver(() => Deployment)
export class DeploymentResolver {
  // Not behind scopeOf on purpose: the mode is no data of anyone's, and a client must know it before signing in.
  @Query(() => Deployment, { description: 'The deployment’s mode (without a token) and, for a signed-in viewer, its policy overrides and token issuer' })
  deployment(@Ctx() ctx: Context): Deployment {
    const d = ctx.deployment;
    return { mode: d.mode, demoData: d.demoData, placeholderRates: d.placeholderRates };
  }

  @FieldResolver(() => [DeploymentOverride], { description: 'the deployment’s overrides, in the order they apply (signed-in viewers)' })
  overrides(@Ctx() ctx: Context): DeploymentOverride[] {
    scopeOf(ctx);
    return ctx.deployment.overrides.map((o) => ({
      name: o.name,
      description: o.description,
      ruleSetId: o.ruleSetId,
      source: `${o.source.document}, ${o.source.section}`,
      from: o.from ?? null,
      parameters: Object.keys(o.parameters),
    }));
  }

  @FieldResolver(() => [UnconfiguredBenefitLevels], { description: 'rule sets in force today whose ratio, cap or deductible is unset (signed-in viewers)' })
  notConfigured(@Ctx() ctx: Context): UnconfiguredBenefitLevels[] {
    scopeOf(ctx);
    return ctx.deployment.notConfigured().map((u) => ({ ...u, parameters: [...u.parameters], setting: 'POLICY_OVERRIDES_FILE' }));
  }

  @FieldResolver(() => String, {
    nullable: true,
    description: 'the identity provider (iss) whose RS256/ES256 tokens are accepted; null when none (signed-in viewers)',
  })
  tokenIssuer(@Ctx() ctx: Context): string | null {
    scopeOf(ctx);
    return ctx.deployment.tokenIssuer;
  }

  @FieldResolver(() => Boolean, { description: 'the API’s own HS256 tokens are accepted (a JWT_SECRET is set; signed-in viewers)' })
  developmentTokens(@Ctx() ctx: Context): boolean {
    scopeOf(ctx);
    return ctx.deployment.developmentTokens;
  }
}
