import { z } from 'zod';

/**
 * Every setting Yintang reads from the environment, validated once at start so a typo
 * fails loudly with a clear message instead of misbehaving later.
 */
const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  /** Public address used in e-mail links; defaults to http://localhost:PORT. */
  PUBLIC_URL: z.url().optional(),
  /** PostgreSQL connection string; when absent the embedded PGlite database is used. */
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, 'must start with postgres://').optional(),
  /** Folder for the embedded database and the local e-mail outbox. */
  DATA_DIR: z.string().default('./data'),
  /** Load the demo clinics on an empty embedded database (never on PostgreSQL). */
  DEMO_ON_EMPTY: z.enum(['true', 'false']).default('true').transform((v) => v === 'true'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /**
   * Tests only (NODE_ENV=test): a file holding `{"offsetMs": n}` that moves the diary's
   * clock (the front desk's "now") by n milliseconds, so end-to-end tests can stand on an
   * appointment's day whatever time they run. Ignored outside tests.
   */
  TEST_CLOCK_FILE: z.string().optional(),
  SMTP_URL: z.string().regex(/^smtps?:\/\//, 'must start with smtp:// or smtps://').optional(),
  MAIL_FROM: z.string().default('Yintang <no-reply@yintang.local>'),
  /**
   * Trust X-Forwarded-For from a reverse proxy. Off by default: otherwise anyone could
   * forge their address and step around the per-IP rate limits.
   */
  TRUST_PROXY: z.enum(['true', 'false']).default('false').transform((v) => v === 'true'),
  /** Mark cookies Secure; on by default when PUBLIC_URL is https. */
  COOKIE_SECURE: z.enum(['true', 'false']).optional().transform((v) => (v === undefined ? undefined : v === 'true')),
  /** Session time-outs in minutes: staff sessions are shorter because they open clinical records. */
  STAFF_SESSION_IDLE_MIN: z.coerce.number().int().positive().default(30),
  STAFF_SESSION_MAX_HOURS: z.coerce.number().int().positive().default(12),
  CLIENT_SESSION_IDLE_MIN: z.coerce.number().int().positive().default(60 * 24 * 7),
  CLIENT_SESSION_MAX_HOURS: z.coerce.number().int().positive().default(24 * 30),
  /**
   * Failed sign-ins allowed for one account from one IP address (and from one trusted
   * browser) in 15 minutes: only that pair is held back, never the account's owner elsewhere.
   */
  SIGNIN_MAX_FAILURES: z.coerce.number().int().positive().default(10),
  /** Failed sign-ins allowed from one IP address across all accounts in 15 minutes. */
  SIGNIN_IP_MAX_FAILURES: z.coerce.number().int().positive().default(30),
  /**
   * Failed sign-ins allowed for one account per hour from browsers it has not signed in on
   * before: the ceiling against spread-out guessing. Trusted browsers are not held by it.
   */
  SIGNIN_ACCOUNT_MAX_PER_HOUR: z.coerce.number().int().positive().default(100),
  /** Days a browser stays trusted after a complete sign-in on it (the trusted-browser cookie). */
  TRUSTED_BROWSER_DAYS: z.coerce.number().int().positive().max(400).default(180),
  /** Wrong 6-digit codes (at most 5) before the second factor is locked for a while. */
  TWO_FACTOR_MAX_FAILURES: z.coerce.number().int().min(1).max(5).default(5),
  /** Minutes the second factor stays locked after too many wrong codes. */
  TWO_FACTOR_LOCK_MINUTES: z.coerce.number().int().min(1).max(1440).default(15),
  /** Sign-ups and password-reset requests allowed per IP address per hour. */
  SIGNUP_PER_HOUR: z.coerce.number().int().positive().default(20),
  RESET_PER_HOUR: z.coerce.number().int().positive().default(10),
  /** How often the outbox worker looks for e-mails to send, in milliseconds. */
  OUTBOX_POLL_MS: z.coerce.number().int().positive().default(1000),
  /** Minutes an online booking by someone not signed in holds its slot until they confirm their e-mail address. */
  BOOKING_HOLD_MINUTES: z.coerce.number().int().min(1).max(1440).default(30),
  /** Online booking attempts (and waitlist joins) allowed per IP address per hour. */
  BOOKING_PER_IP_PER_HOUR: z.coerce.number().int().positive().default(30),
  /** Online booking attempts allowed per e-mail address per hour. */
  BOOKING_PER_EMAIL_PER_HOUR: z.coerce.number().int().positive().default(5),
  /**
   * Requests to /media (practitioner photos) allowed per IP address (IPv6: per /64) per
   * minute, counted in each instance's memory: generous, a guard against floods only.
   */
  MEDIA_PER_IP_PER_MIN: z.coerce.number().int().positive().default(3000),
  /** Days the embedded database's automatic daily backups are kept (DATA_DIR/backups). */
  BACKUP_KEEP_DAYS: z.coerce.number().int().min(1).max(3650).default(14),
  /** How often the booking jobs run (reminders, expired holds), in milliseconds. */
  /**
   * Tests only (NODE_ENV=test): where the Stripe SDK sends its requests, e.g.
   * http://127.0.0.1:4010 for a local server that answers as Stripe's API does. Ignored
   * outside tests: real clinics always talk to api.stripe.com.
   */
  STRIPE_API_BASE: z.url().optional(),
  /**
   * The 256-bit key (base64) that encrypts stored secrets such as the clinics' Stripe keys.
   * When absent, DATA_DIR/secrets.key is made on first use; several instances on one
   * PostgreSQL database must share one key, so set it there.
   */
  SECRETS_KEY: z.string().refine((v) => Buffer.from(v, 'base64').length === 32, 'must be 32 bytes in base64 (openssl rand -base64 32)').optional(),
  BOOKING_JOBS_POLL_MS: z.coerce.number().int().positive().default(60_000),
  /**
   * Let webhook endpoints be private, loopback or link-local addresses (and plain http).
   * Off by default so webhooks cannot reach the server's own network; for tests, or a
   * clinic whose receiving system runs on its own network. Outside production plain http
   * is allowed anyway; in production https is required unless this is on.
   */
  WEBHOOK_ALLOW_PRIVATE_ADDRESSES: z.enum(['true', 'false']).default('false').transform((v) => v === 'true'),
  /** How often the webhook worker looks for deliveries that are due, in milliseconds. */
  WEBHOOK_POLL_MS: z.coerce.number().int().positive().default(1000),
  /** How often practitioners' outside calendars (busy times) are fetched again, in minutes. */
  BUSY_CALENDAR_REFRESH_MIN: z.coerce.number().int().min(1).max(1440).default(5),
  /** How often the busy-calendar job looks for calendars due a fetch, in milliseconds. */
  BUSY_CALENDAR_POLL_MS: z.coerce.number().int().positive().default(30_000),
  /**
   * Tests only (NODE_ENV=test): let calendar feeds be fetched from loopback and private
   * addresses (a local test server). Ignored outside tests: feeds are never fetched from the
   * server's own network.
   */
  BUSY_CALENDAR_ALLOW_PRIVATE: z.enum(['true', 'false']).default('false').transform((v) => v === 'true'),
});

export type Config = z.infer<typeof envSchema> & { publicUrl: string; cookieSecure: boolean };

/** Reads and validates the configuration; throws a readable error naming each bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const c = parsed.data;
  const publicUrl = (c.PUBLIC_URL ?? `http://localhost:${c.PORT}`).replace(/\/$/, '');
  return { ...c, publicUrl, cookieSecure: c.COOKIE_SECURE ?? publicUrl.startsWith('https://') };
}

export class ConfigError extends Error {}
