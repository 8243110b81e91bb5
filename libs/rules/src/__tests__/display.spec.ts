import { shown } from '../display';

describe('shown', () => {
  it.each<[string, unknown, string]>([
    ['a string as it is', 'zj-ff-2024', 'zj-ff-2024'],
    ['a number', 3.5, '3.5'],
    ['null', null, 'null'],
    ['undefined', undefined, 'undefined'],
    ['a symbol', Symbol('x'), 'Symbol(x)'],
    ['a function by its kind', () => 1, 'function'],
    ['an object as JSON, even one String() cannot convert', JSON.parse('{"toString":null}'), '{"toString":null}'],
    ['an array as JSON', [1, 'a'], '[1,"a"]'],
    ['a long value cut short', 'x'.repeat(100), `${'x'.repeat(64)}…`],
  ])('shows %s', (_, value, expected) => {
    expect(shown(value)).toBe(expected);
  });

  it('shows an object JSON cannot write by its kind', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(shown(cyclic)).toBe('object');
    const list: unknown[] = [];
    list.push(list);
    expect(shown(list)).toBe('array');
    expect(shown({ toJSON: () => undefined })).toBe('object');
  });
});
