import { describe, expect, it } from 'vitest';
import { navViews, nextRotatingView } from './views';

describe('large-screen rotation', () => {
  it('cycles through the rotating views and skips the report table', () => {
    expect(nextRotatingView('overview')).toBe('map');
    expect(nextRotatingView('cascade')).toBe('alerts');
    expect(nextRotatingView('alerts')).toBe('overview');
    expect(nextRotatingView('report')).toBe('overview');
    expect(navViews.find((v) => v.name === 'report')?.rotate).toBe(false);
  });
});
