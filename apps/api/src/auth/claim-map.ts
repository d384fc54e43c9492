/**
 * How a token from the bureau's identity provider becomes a viewer: which claim holds the user,
 * the role, the city, the district and the institution, and which of the provider's role names
 * or groups is which of our roles. Set by JWT_CLAIM_MAP (JSON); pure, so that it is tested alone.
 *
 * A claim is named by a string (the claim's exact name: "https://example.org/role" is one name),
 * by an array (a path into nested claims: ["realm_access", "roles"]), or given as a fixed value
 * ({ "value": "520100" }: a city-wide provider whose tokens do not carry the city).
 */
import { ROLES, viewerProblem, type Role, type Viewer } from './tokens';

export type ClaimSource = string | readonly string[] | { readonly value: string };

export interface ClaimMap {
  readonly userId: ClaimSource;
  readonly role: ClaimSource;
  readonly city: ClaimSource;
  readonly district: ClaimSource;
  readonly institution: ClaimSource;
  /** the provider's role names or groups → our roles; empty: the role claim holds our role names */
  readonly roles: Readonly<Record<string, Role>>;
}

/** Our own claim names (the HS256 tokens'), so that a provider configured to issue them needs no map. */
export const DEFAULT_CLAIM_MAP: ClaimMap = { userId: 'sub', role: 'role', city: 'city', district: 'district', institution: 'institution', roles: {} };

const FIELDS = ['userId', 'role', 'city', 'district', 'institution'] as const;

/** A token whose claims do not make a viewer; the message names the claim and the setting. */
export class ClaimMappingError extends Error {
  constructor(
    readonly messageEn: string,
    readonly messageZh: string,
  ) {
    super(messageEn);
  }
}

/** JWT_CLAIM_MAP parsed and checked; returns the map or the problems, each naming its place in the setting. */
export function parseClaimMap(text: string | undefined): { map: ClaimMap; problems: readonly string[] } {
  if (text === undefined || text.trim() === '') return { map: DEFAULT_CLAIM_MAP, problems: [] };
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    return { map: DEFAULT_CLAIM_MAP, problems: [`JWT_CLAIM_MAP is not valid JSON: ${e instanceof Error ? e.message : String(e)}`] };
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { map: DEFAULT_CLAIM_MAP, problems: ['JWT_CLAIM_MAP must be a JSON object'] };
  const obj = raw as Record<string, unknown>;
  const problems: string[] = [];
  for (const key of Object.keys(obj)) {
    if (key !== 'roles' && !(FIELDS as readonly string[]).includes(key))
      problems.push(`JWT_CLAIM_MAP.${key}: unknown key (known: ${[...FIELDS, 'roles'].join(', ')})`);
  }
  const fields: Partial<Record<(typeof FIELDS)[number], ClaimSource>> = {};
  for (const f of FIELDS) {
    const v = obj[f];
    if (v === undefined) continue;
    if (isSource(v)) fields[f] = v;
    else problems.push(`JWT_CLAIM_MAP.${f}: a claim name, an array of names (a path) or { "value": "…" }`);
  }
  const roles: Record<string, Role> = {};
  if (obj.roles !== undefined) {
    if (typeof obj.roles !== 'object' || obj.roles === null || Array.isArray(obj.roles))
      problems.push('JWT_CLAIM_MAP.roles: an object from the provider’s role names to ours');
    else
      for (const [name, role] of Object.entries(obj.roles as Record<string, unknown>)) {
        if (typeof role === 'string' && (ROLES as readonly string[]).includes(role)) roles[name] = role as Role;
        else problems.push(`JWT_CLAIM_MAP.roles.${name}: ${JSON.stringify(role)} is not a role (roles: ${ROLES.join(', ')})`);
      }
  }
  return { map: { ...DEFAULT_CLAIM_MAP, ...fields, roles }, problems };
}

function isSource(v: unknown): v is ClaimSource {
  if (typeof v === 'string') return v !== '';
  if (Array.isArray(v)) return v.length > 0 && v.every((s) => typeof s === 'string' && s !== '');
  return typeof v === 'object' && v !== null && Object.keys(v).length === 1 && typeof (v as { value?: unknown }).value === 'string';
}

function describe(source: ClaimSource): string {
  if (typeof source === 'string') return `claim "${source}"`;
  if (Array.isArray(source)) return `claim path ${source.join('.')}`;
  return 'fixed value';
}

function read(payload: Readonly<Record<string, unknown>>, source: ClaimSource): unknown {
  if (typeof source === 'string') return payload[source];
  if (!Array.isArray(source)) return (source as { value: string }).value;
  let at: unknown = payload;
  for (const key of source as readonly string[]) {
    if (typeof at !== 'object' || at === null || !Object.hasOwn(at, key)) return undefined;
    at = (at as Record<string, unknown>)[key];
  }
  return at;
}

/** A claim as text: strings as they are, integers (a district code sent as a number) written out; anything else is absent. */
function text(v: unknown): string | null {
  if (typeof v === 'string' && v !== '') return v;
  if (typeof v === 'number' && Number.isSafeInteger(v)) return String(v);
  return null;
}

function roleOf(payload: Readonly<Record<string, unknown>>, map: ClaimMap): Role {
  const v = read(payload, map.role);
  const values = (Array.isArray(v) ? v : [v]).map(text).filter((s): s is string => s !== null);
  const mapped = Object.keys(map.roles).length > 0;
  const found = new Set<Role>();
  for (const name of values) {
    const role = mapped
      ? Object.hasOwn(map.roles, name)
        ? map.roles[name]
        : undefined
      : (ROLES as readonly string[]).includes(name)
        ? (name as Role)
        : undefined;
    if (role !== undefined) found.add(role);
  }
  const where = `${describe(map.role)} (JWT_CLAIM_MAP.role${mapped ? ', JWT_CLAIM_MAP.roles' : ''})`;
  if (found.size === 0) {
    const shown =
      values.length === 0
        ? 'nothing'
        : values
            .slice(0, 5)
            .map((s) => JSON.stringify(s))
            .join(', ');
    throw new ClaimMappingError(`Token maps to no role: ${where} holds ${shown}`, `令牌未对应任何角色：${where} 的值为 ${shown}`);
  }
  // Two roles would be a guess at which one the bureau meant: refused, the provider's groups are to be fixed.
  if (found.size > 1) {
    const list = [...found].join(', ');
    throw new ClaimMappingError(`Token maps to several roles (${list}): ${where} must give one`, `令牌对应多个角色（${list}）：${where} 只能对应一个角色`);
  }
  return [...found][0]!;
}

/** The viewer a verified token's claims describe, or a ClaimMappingError saying which claim is missing or wrong. */
export function viewerFromClaims(payload: Readonly<Record<string, unknown>>, map: ClaimMap): Viewer {
  const need = (field: 'userId' | 'city'): string => {
    const v = text(read(payload, map[field]));
    if (v === null)
      throw new ClaimMappingError(
        `Token lacks the ${field}: ${describe(map[field])} is missing (JWT_CLAIM_MAP.${field})`,
        `令牌缺少${field === 'userId' ? '用户标识' : '城市'}：${describe(map[field])} 不存在（JWT_CLAIM_MAP.${field}）`,
      );
    return v;
  };
  const userId = need('userId');
  const role = roleOf(payload, map);
  const viewer: Viewer = {
    userId,
    role,
    cityCode: need('city'),
    districtCode: text(read(payload, map.district)),
    institutionId: text(read(payload, map.institution)),
  };
  const problem = viewerProblem(viewer);
  if (problem !== null) {
    const field = problem === 'district' ? map.district : map.institution;
    throw new ClaimMappingError(
      `Role ${role} needs ${problem === 'district' ? 'a district' : 'an institution'}: ${describe(field)} is missing (JWT_CLAIM_MAP.${problem})`,
      `角色 ${role} 须有${problem === 'district' ? '区县' : '机构'}：${describe(field)} 不存在（JWT_CLAIM_MAP.${problem}）`,
    );
  }
  return viewer;
}
