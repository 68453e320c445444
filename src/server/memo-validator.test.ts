import { describe, expect, it } from 'vitest';
import { validatorCompiler } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { rememberingValidatorCompiler } from './memo-validator.ts';

const schema = z.object({ serviceId: z.uuid(), from: z.string().trim().min(10), to: z.string().trim().min(10).optional() });
const route = { schema, method: 'GET', url: '/x', httpPart: 'querystring' } as const;
const ID = '8b5e0d0e-2f3a-4c55-9a0b-6d1f2e3c4b5a';

describe('rememberingValidatorCompiler', () => {
  it('answers what the app validator answers, the same kept answer for the same input, frozen', () => {
    const remembering = rememberingValidatorCompiler(route);
    const plain = validatorCompiler(route);
    const input = { serviceId: ID, from: ' 2030-01-01 ', extra: 'dropped' };
    const first = remembering({ ...input });
    expect(first).toEqual(plain({ ...input }));
    expect(first.value).toEqual({ serviceId: ID, from: '2030-01-01' });
    expect(remembering({ ...input })).toBe(first);
    expect(Object.isFrozen(first.value)).toBe(true);
    // A different input is a different answer, repeated keys included.
    expect(remembering({ ...input, to: '2030-01-07' }).value).toEqual({ serviceId: ID, from: '2030-01-01', to: '2030-01-07' });
    expect(remembering({ ...input, to: ['2030-01-07', '2030-01-08'] }).error).toBeDefined();
  });

  it('keeps no refusal: each bad input is checked and refused as before', () => {
    const remembering = rememberingValidatorCompiler(route);
    const plain = validatorCompiler(route);
    const bad = { serviceId: 'nope', from: '2030-01-01' };
    const first = remembering({ ...bad });
    expect(first.error).toBeDefined();
    expect(first).toEqual(plain({ ...bad }));
    const again = remembering({ ...bad });
    expect(again).not.toBe(first);
    expect(again).toEqual(first);
  });
});
