/**
 * The overrides every adjudication runs under: the deployment's (policy-config.ts) and, after
 * them, one per loaded catalogue version, oldest first, each applying from its effective date,
 * then one per loaded payment standard version (W 四(一), modules/paystd), oldest first likewise.
 * The policy core applies the overrides in force on a claim's date in order and the last one with
 * a catalogue wins (resolve.ts), so a claim is judged by the latest version in force on its date.
 *
 * Loaded versions are read from the database and kept for a short while: another API instance
 * that loads a version is seen here within `ttlMs`. Override objects are reused while a version is
 * unchanged, because the policy core caches its compilations per override object.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import type { CatalogueRow, RuleSetOverride } from '@liangbing/policy';
import { exec } from '../../db/sql';
import { allStandardVersions } from '../paystd/paystd.repository';
import { toStandardOverride } from '../paystd/paystd.override';

interface VersionRow {
  id: string;
  city_code: string;
  rule_set_id: string;
  title: string;
  effective_from: string;
  source_document: string;
  source_section: string;
  content_hash: string;
  rows: CatalogueRow[];
}

export class PolicyOverrides {
  private loaded: readonly RuleSetOverride[] = [];
  private combined: readonly RuleSetOverride[];
  private readonly byId = new Map<string, { hash: string; override: RuleSetOverride }>();
  private fetchedAt = Number.NEGATIVE_INFINITY;
  private inFlight: Promise<void> | null = null;

  constructor(
    readonly base: readonly RuleSetOverride[],
    private readonly ttlMs = 30_000,
    private readonly now: () => number = Date.now,
  ) {
    this.combined = base;
  }

  /** The overrides to adjudicate with, refreshed from the database when older than the TTL. */
  async current(em: EntityManager): Promise<readonly RuleSetOverride[]> {
    if (this.now() - this.fetchedAt > this.ttlMs) await this.refresh(em);
    return this.combined;
  }

  /** Re-reads the loaded versions now (after a load, and when the TTL has passed). */
  async refresh(em: EntityManager): Promise<void> {
    this.inFlight ??= this.read(em).finally(() => {
      this.inFlight = null;
    });
    await this.inFlight;
  }

  private async read(em: EntityManager): Promise<void> {
    const rows = await exec<VersionRow>(
      em,
      `select id, city_code, rule_set_id, title, to_char(effective_from, 'YYYY-MM-DD') as effective_from, source_document, source_section, content_hash, rows
         from catalogue_versions order by effective_from, id`,
    );
    const next: RuleSetOverride[] = [];
    for (const r of rows) {
      let entry = this.byId.get(r.id);
      if (entry === undefined || entry.hash !== r.content_hash) {
        entry = { hash: r.content_hash, override: toOverride(r) };
        this.byId.set(r.id, entry);
      }
      next.push(entry.override);
    }
    for (const v of await allStandardVersions(em)) {
      const key = `standard:${v.id}`;
      let entry = this.byId.get(key);
      if (entry === undefined || entry.hash !== v.contentHash) {
        entry = { hash: v.contentHash, override: toStandardOverride(v) };
        this.byId.set(key, entry);
      }
      next.push(entry.override);
    }
    this.loaded = next;
    this.combined = [...this.base, ...next];
    this.fetchedAt = this.now();
  }

  /** The loaded versions' overrides only (for listing). */
  get loadedOverrides(): readonly RuleSetOverride[] {
    return this.loaded;
  }
}

function toOverride(r: VersionRow): RuleSetOverride {
  const source = { document: r.source_document, section: r.source_section };
  return {
    name: `catalogue-${r.id}`,
    description: `catalogue version ${r.title}, in force from ${r.effective_from}`,
    ruleSetId: r.rule_set_id,
    source,
    from: r.effective_from,
    parameters: {},
    catalogue: { id: r.id, city: r.city_code, title: r.title, effectiveFrom: r.effective_from, source, rows: r.rows },
  };
}
