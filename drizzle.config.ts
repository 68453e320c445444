import { defineConfig } from 'drizzle-kit';

// Migrations are generated from the schema (`npm run db:generate`) and applied from code at
// start and in tests; never edit a generated file by hand.
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/data/schema/index.ts',
  out: './src/data/migrations',
  casing: 'snake_case',
});
