export * from './accounts.ts';
export * from './clinics.ts';
export * from './audit.ts';
export * from './outbox.ts';
export * from './scheduling.ts';
export * from './reviews.ts';
export * from './content.ts';
export * from './photos.ts';
