import { sql } from 'drizzle-orm';
import type pg from 'pg';
import type { Database } from '../../data/db.ts';
import { isNodePostgresPool } from '../../data/node-postgres.ts';
import { runPrepared } from './prepared-query.ts';
import { pgTextArray } from './snapshot.repository.ts';

/** A clinic found by its address, with the version of what its public pages show. */
export interface ClinicVersion {
  id: string;
  version: number;
}

interface VersionRow {
  slug: string | null;
  id: string | null;
  version: string | number;
  /** The network's directory version (the network row only). */
  directory?: string | null;
}

/** The versions of what pages listing every clinic show (see `network()` and `directory()`). */
interface NetworkVersions {
  page: string;
  directory: string;
}

/** Addresses kept at most (unknown ones too, as null), so odd addresses cannot grow it without end. */
const MAX_KEPT = 10_000;

/**
 * How the reads hand rows over: as arrays, every column (all cast to text) as the driver read
 * it, so no row object is built and no type parser looked up per column.
 */
const ROWS_AS_TEXT = { rowMode: 'array', types: { getTypeParser: () => (value: string) => value } } as const;
/**
 * The reads on PostgreSQL, as two small statements rather than one: a union of both with a
 * flag took PostgreSQL about three times as long to answer (measured in one session:
 * 190-230 µs against 70-80 µs for either alone), and a batch rarely needs both.
 */
const CLINIC_VERSIONS = { ...ROWS_AS_TEXT, name: 'yt_clinic_versions', text: 'select slug, id::text as id, page_version::text as version from clinics where slug = any($1::text[])' };
/**
 * The usual batch, one address: plain equality, which PostgreSQL answers with less work than
 * `= any(array)` (measured alternated in one session: its CPU per cached availability answer
 * went from 15-17 µs to 10-13 µs).
 */
const ONE_CLINIC_VERSION = { ...ROWS_AS_TEXT, name: 'yt_clinic_version', text: 'select slug, id::text as id, page_version::text as version from clinics where slug = $1' };
const NETWORK_VERSION = {
  ...ROWS_AS_TEXT,
  name: 'yt_network_version_2',
  text: "select coalesce(sum(page_version), 0)::text || '-' || count(*)::text as version, coalesce(sum(scheduling_version + directory_version), 0)::text || '-' || count(*)::text as directory from clinics",
};

/**
 * Reads `clinics.page_version` (bumped by triggers in the same transaction as any write
 * that changes a clinic's pages or free slots, migration 0023) for many requests at once.
 *
 * Every caller is answered by a read that STARTED after it asked, so it sees every write
 * committed before its request arrived, from any app instance: the version comes from the
 * database, never from a counter in this process. Requests that arrive while a read is in
 * flight wait for the next one, which answers all of them at once. Under load
 * that is one small query per round trip instead of one per request.
 *
 * On the embedded database (one process, one connection) the answers are also kept while
 * `database.clinicChanges()` stands still: it counts the commits that changed any clinic
 * row, from the notification PGlite hands over before the writer is answered, so a kept
 * answer is never older than the last commit. A cached page then costs no query at all.
 */
class VersionReader {
  private waiting = new Map<string, ((v: ClinicVersion | null) => void)[]>();
  private networkWaiting: ((v: NetworkVersions) => void)[] = [];
  private failures: ((e: unknown) => void)[] = [];
  private busy = false;
  private readonly read: (slugs: string[], network: boolean) => Promise<VersionRow[]>;
  /** Gives back a pooled connection held between reads (PostgreSQL). */
  private readonly idle: () => void = () => {};
  /** Answers read while `clinicChanges()` was `keptAt` (embedded database only). */
  private kept = new Map<string, ClinicVersion | null>();
  private keptNetwork: NetworkVersions | undefined;
  private keptAt = -1;

  constructor(private readonly database: Database) {
    const pool = (database.db as { $client?: unknown }).$client;
    if (isNodePostgresPool(pool)) {
      // Straight to the driver as named prepared statements (planned once per connection,
      // nothing built per read), on one pooled connection held while reads follow one
      // another: taking it from the pool and giving it back for every read cost more
      // of this process's time than the read itself.
      let held: pg.PoolClient | undefined;
      const query = async (statement: pg.QueryArrayConfig): Promise<(string | null)[][]> => {
        const client = held ??= await pool.connect();
        try {
          return (await client.query<(string | null)[]>(statement)).rows;
        } catch (error) {
          // A connection that failed is dropped, not kept nor given back for others.
          if (held === client) held = undefined;
          client.release(error as Error);
          throw error;
        }
      };
      this.idle = () => {
        held?.release();
        held = undefined;
      };
      this.read = async (slugs, network) => {
        const found = slugs.length === 0 ? [] : slugs.length === 1
          ? await query({ ...ONE_CLINIC_VERSION, values: slugs })
          : await query({ ...CLINIC_VERSIONS, values: [slugs] });
        const rows: VersionRow[] = found.map(([slug, id, version]) => ({ slug: slug!, id: id!, version: version! }));
        if (network) {
          const [version, directory] = (await query(NETWORK_VERSION))[0]!;
          rows.push({ slug: null, id: null, version: version!, directory });
        }
        return rows;
      };
    } else {
      this.read = (slugs, network) => runPrepared<VersionRow>(database.db, sql`
        select slug, id::text as id, page_version::text as version, null::text as directory from clinics where slug = any(${pgTextArray(slugs)}::text[])
        union all
        select null, null, coalesce(sum(page_version), 0)::text || '-' || count(*)::text,
          coalesce(sum(scheduling_version + directory_version), 0)::text || '-' || count(*)::text from clinics where ${network}`);
    }
  }

  /** Whether answers kept from an earlier read still hold. */
  private keptHold(): boolean {
    return this.database.clinicChanges !== undefined && this.database.clinicChanges() === this.keptAt;
  }

  /** The clinic at `slug` and its page version; null when there is none. */
  clinic(slug: string): Promise<ClinicVersion | null> {
    if (this.keptHold()) {
      const kept = this.kept.get(slug);
      if (kept !== undefined) return Promise.resolve(kept);
    }
    return new Promise((resolve, reject) => {
      const list = this.waiting.get(slug);
      if (list) list.push(resolve);
      else this.waiting.set(slug, [resolve]);
      this.failures.push(reject);
      this.kick();
    });
  }

  /**
   * One version for pages that list every clinic (home, directory): the sum and count of
   * the clinics' versions. Each version only grows, so any committed change, a new clinic
   * or a removed one changes it.
   */
  async network(): Promise<string> {
    return (await this.networkVersions()).page;
  }

  /**
   * The version of the directory's search fields over the network: the sum of the clinics'
   * scheduling and directory versions, and their count. A booking bumps neither (see
   * migration 0043), so the directory's index is read again only when what it holds changed.
   */
  async directory(): Promise<string> {
    return (await this.networkVersions()).directory;
  }

  /** Both network versions, from one read. */
  networkVersions(): Promise<NetworkVersions> {
    if (this.keptNetwork !== undefined && this.keptHold()) return Promise.resolve(this.keptNetwork);
    return new Promise((resolve, reject) => {
      this.networkWaiting.push(resolve);
      this.failures.push(reject);
      this.kick();
    });
  }

  private kick() {
    if (this.busy) return;
    this.busy = true;
    // Twice: the first turn ends the one that asked; the second polls the sockets once more
    // (without waiting), so requests the kernel already holds are parsed and join this read
    // too. Measured alternated on PostgreSQL, 7 days, 10 connections: 4.8-5.0 -> 6.5-7.2
    // requests per read; a third turn, or turns for as long as requests kept joining, or a
    // 1 ms timer, answered fewer requests per second.
    setImmediate(() => setImmediate(() => void this.run()));
  }

  private async run() {
    const waiting = this.waiting;
    const networkWaiting = this.networkWaiting;
    const failures = this.failures;
    this.waiting = new Map();
    this.networkWaiting = [];
    this.failures = [];
    // Read before the statement: a change committed while it runs makes the count move on,
    // so what this read found is never kept past it.
    const changesBefore = this.database.clinicChanges?.();
    try {
      const rows = await this.read([...waiting.keys()], networkWaiting.length > 0);
      const found = new Map<string, ClinicVersion>();
      let network: NetworkVersions = { page: '0', directory: '0' };
      for (const row of rows) {
        if (row.slug === null) network = { page: String(row.version), directory: String(row.directory) };
        else found.set(row.slug, { id: row.id!, version: Number(row.version) });
      }
      if (changesBefore !== undefined) {
        if (this.keptAt !== changesBefore || this.kept.size > MAX_KEPT) {
          this.kept.clear();
          this.keptNetwork = undefined;
          this.keptAt = changesBefore;
        }
        for (const slug of waiting.keys()) this.kept.set(slug, found.get(slug) ?? null);
        if (networkWaiting.length > 0) this.keptNetwork = network;
      }
      for (const [slug, resolvers] of waiting) for (const resolve of resolvers) resolve(found.get(slug) ?? null);
      for (const resolve of networkWaiting) resolve(network);
    } catch (error) {
      for (const reject of failures) reject(error);
    } finally {
      this.busy = false;
      if (this.waiting.size || this.networkWaiting.length) this.kick();
      else this.idle();
    }
  }
}

const readers = new WeakMap<Database, VersionReader>();

/** The version reader of `database` (one per database per process). */
export function clinicVersions(database: Database): VersionReader {
  let reader = readers.get(database);
  if (!reader) readers.set(database, (reader = new VersionReader(database)));
  return reader;
}
