import { Migration } from '@mikro-orm/migrations';

/**
 * The what-if's watermark and its look at transactions that were open (whatif.snapshot.ts) as
 * functions that run where the district's audit rows are (issue 18).
 *
 * The watermark is the district's highest audit id and the transactions then still open, read in
 * one statement; the check later asks which of those transactions have ended and counts their
 * audit rows under the watermark by their xmin. Transaction ids are a node's own: on Citus the
 * audit rows sit in a shard on a worker, written by the worker's local transaction of each
 * distributed one, so the coordinator's pg_current_snapshot() cannot see a write still open there,
 * and its pg_xact_status() does not know the xmin of a shard's row. Each function is distributed
 * by its district argument, co-located with audit_log, and delegated to the node that holds the
 * district's shard even inside a transaction block (force_delegation): its snapshot, transaction
 * statuses and xmins are then all of that node. On plain PostgreSQL they are ordinary functions of
 * the one node, and answer what the queries they replace answered.
 *
 * `node` says which server answered (inet_server_port), so that a test on the cluster can prove
 * the call was delegated to a worker.
 */
const WATERMARK = `create or replace function whatif_watermark(p_district text) returns jsonb language plpgsql volatile as $$
declare
  v jsonb;
begin
  -- one statement: the highest id and the open transactions come from the same snapshot
  select jsonb_build_object('auditId', coalesce(max(a.id), 0)::text, 'snapshot', pg_current_snapshot()::text, 'node', inet_server_port())
    into v from audit_log a where a.district_code = p_district;
  return v;
end $$;`;

const ENDED = `create or replace function whatif_ended_writes(p_district text, p_audit_id bigint, p_xids text[], p_unrelated text[], p_period_to date) returns jsonb language plpgsql volatile as $$
declare
  v_ended text[];
  v_relevant bigint;
begin
  select coalesce(array_agg(x), '{}') into v_ended from unnest(p_xids) x where pg_xact_status(x::xid8) is distinct from 'in progress';
  if cardinality(v_ended) = 0 then
    return jsonb_build_object('ended', '[]'::jsonb, 'relevant', 0, 'node', inet_server_port());
  end if;
  -- a transaction found ended above has committed or rolled back: this statement's snapshot sees its rows or none
  select count(*) filter (where not (a.action = any(p_unrelated))
                            and not (a.action in ('claim.submit', 'claim.reverse') and coalesce(c.service_date > p_period_to, false)))
    into v_relevant
    from audit_log a
    left join claims c on c.district_code = p_district
     and c.id = (case when a.entity = 'claim' and a.entity_id ~ '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' then a.entity_id::uuid end)
   where a.district_code = p_district and a.id <= p_audit_id
     and a.xmin::text = any(array(select (x::numeric % 4294967296)::text from unnest(v_ended) x));
  return jsonb_build_object('ended', to_jsonb(v_ended), 'relevant', v_relevant, 'node', inet_server_port());
end $$;`;

const DISTRIBUTE = `do $citus$ begin if exists (select 1 from pg_extension where extname = 'citus') then
  perform create_distributed_function('whatif_watermark(text)', 'p_district', colocate_with := 'audit_log', force_delegation := true);
  perform create_distributed_function('whatif_ended_writes(text,bigint,text[],text[],date)', 'p_district', colocate_with := 'audit_log', force_delegation := true);
end if; end $citus$`;

export class Migration20261208800000WhatifWatermark extends Migration {
  override up(): void {
    this.addSql(WATERMARK);
    this.addSql(ENDED);
    this.addSql(DISTRIBUTE);
  }

  override down(): void {
    this.addSql(`drop function whatif_ended_writes(text, bigint, text[], text[], date);`);
    this.addSql(`drop function whatif_watermark(text);`);
  }
}
