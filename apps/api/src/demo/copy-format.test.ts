import { describe, expect, it } from 'vitest';
import { copyLine } from './copy-format';

describe('COPY text format', () => {
  it('escapes what COPY reads specially and writes NULL, booleans and quoted array elements', () => {
    expect(copyLine(['a\tb', 'line\nbreak', 'back\\slash', null, true, 12, ['x', 'y"z']])).toBe(
      'a\\tb\tline\\nbreak\tback\\\\slash\t\\N\tt\t12\t{"x","y\\\\"z"}\n',
    );
    expect(copyLine([JSON.stringify({ m: 'a "q" \\ b' })])).toBe('{"m":"a \\\\"q\\\\" \\\\\\\\ b"}\n');
  });
});
