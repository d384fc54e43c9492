import { describe, expect, it } from 'vitest';
import { navViews, nextRotatingView, viewsFor } from './views';

describe('large-screen rotation', () => {
  it('cycles through the rotating views and skips the report table and the forms', () => {
    expect(nextRotatingView('overview')).toBe('map');
    expect(nextRotatingView('cascade')).toBe('alerts');
    expect(nextRotatingView('alerts')).toBe('fund');
    expect(nextRotatingView('fund')).toBe('overview');
    expect(nextRotatingView('report')).toBe('overview');
    expect(navViews.find((v) => v.name === 'report')?.rotate).toBe(false);
    expect(navViews.find((v) => v.name === 'whatIf')?.rotate).toBe(false);
  });
});

describe('navigation by role', () => {
  it('shows the bureau’s views to the bureau and the leadership, not to institutions', () => {
    const names = (role: Parameters<typeof viewsFor>[0]) => viewsFor(role).map((v) => v.name);
    expect(names('CITY_LEADERSHIP')).toEqual(expect.arrayContaining(['alerts', 'roster', 'scorecards', 'availability', 'fund', 'whatIf']));
    expect(names('DISTRICT_BUREAU')).toContain('roster');
    expect(names('INSTITUTION_OPERATOR')).toEqual(['overview', 'map', 'districts', 'cascade', 'report', 'claims']);
    expect(names(null)).not.toContain('alerts');
  });
});
