// Parses the API's development-only GET /demo-tokens answer. Its shape is not in the GraphQL
// contract, so a list of objects and a name → token map are both accepted.
export interface DemoToken {
  label: string;
  token: string;
  role: string | null;
  districtCode: string | null;
}

function text(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}

function fromObject(entry: Record<string, unknown>, fallbackLabel: string): DemoToken | null {
  const token = text(entry.token) ?? text(entry.jwt) ?? text(entry.accessToken);
  if (!token) return null;
  const role = text(entry.role);
  const districtCode = text(entry.districtCode);
  const label = text(entry.label) ?? text(entry.name) ?? text(entry.description) ?? [role, districtCode].filter(Boolean).join(' ');
  return { label: label || fallbackLabel, token, role, districtCode };
}

export function parseDemoTokens(body: unknown): DemoToken[] {
  const list = typeof body === 'object' && body !== null && 'tokens' in body ? (body as { tokens: unknown }).tokens : body;
  if (Array.isArray(list)) {
    return list.flatMap((entry, i) => (typeof entry === 'object' && entry !== null ? (fromObject(entry as Record<string, unknown>, `#${i + 1}`) ?? []) : []));
  }
  if (typeof list === 'object' && list !== null) {
    return Object.entries(list as Record<string, unknown>).flatMap(([key, value]) => {
      if (typeof value === 'string') return [{ label: key, token: value, role: null, districtCode: null }];
      if (typeof value === 'object' && value !== null) return fromObject(value as Record<string, unknown>, key) ?? [];
      return [];
    });
  }
  return [];
}
