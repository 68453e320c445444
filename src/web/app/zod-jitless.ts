import { z } from 'zod';

// The Content-Security-Policy allows no eval: without this, Zod probes `new Function` once
// (when the first object schema is built), which the browser reports as a policy violation
// even though Zod catches it. Imported first by main.tsx, so it runs before any schema is built.
z.config({ jitless: true });
