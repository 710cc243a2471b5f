/**
 * Versioned schema migrations, applied in order and recorded in `PRAGMA user_version`.
 * Never edit a released migration: add the next one.
 */
export interface Migration {
  version: number;
  description: string;
  sql: string;
}

export const migrations: readonly Migration[] = [
  {
    version: 1,
    description:
      'cache of site, services and appointments; tickets, counters, outbox, sync state, config',
    sql: `
      CREATE TABLE site (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        time_zone TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;

      CREATE TABLE services (
        id TEXT PRIMARY KEY,
        prefix TEXT NOT NULL,
        names_json TEXT NOT NULL,
        walk_ins_allowed INTEGER NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;

      CREATE TABLE appointments (
        id TEXT PRIMARY KEY,
        code TEXT NOT NULL,
        service_id TEXT NOT NULL,
        starts_at TEXT NOT NULL,
        local_day TEXT NOT NULL,
        local_time TEXT NOT NULL,
        status TEXT NOT NULL,
        version INTEGER NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX appointments_by_code ON appointments (code, local_day, starts_at);
      CREATE INDEX appointments_by_day ON appointments (local_day);

      CREATE TABLE ticket_counters (
        local_day TEXT NOT NULL,
        service_id TEXT NOT NULL,
        last_counter INTEGER NOT NULL,
        PRIMARY KEY (local_day, service_id)
      ) STRICT;

      CREATE TABLE tickets (
        id TEXT PRIMARY KEY,
        number TEXT NOT NULL,
        local_day TEXT NOT NULL,
        service_id TEXT NOT NULL,
        appointment_id TEXT UNIQUE,
        appointment_time TEXT,
        issued_at TEXT NOT NULL,
        print_status TEXT NOT NULL,
        print_failure TEXT,
        print_attempts INTEGER NOT NULL DEFAULT 0,
        UNIQUE (local_day, number)
      ) STRICT;

      CREATE TABLE outbox (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        ticket_id TEXT NOT NULL UNIQUE REFERENCES tickets (id),
        kind TEXT NOT NULL,
        payload_json TEXT NOT NULL,
        created_at TEXT NOT NULL,
        attempts INTEGER NOT NULL DEFAULT 0,
        last_error TEXT,
        delivered_at TEXT
      ) STRICT;
      CREATE INDEX outbox_pending ON outbox (delivered_at, seq);

      CREATE TABLE sync_state (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
      ) STRICT;

      CREATE TABLE config (
        key TEXT PRIMARY KEY,
        value_json TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;
    `,
  },
  {
    version: 2,
    description: 'outbox rows the town hall refused for good are closed, not delivered',
    sql: `
      ALTER TABLE outbox ADD COLUMN rejected_at TEXT;
      DROP INDEX outbox_pending;
      CREATE INDEX outbox_pending ON outbox (delivered_at, rejected_at, seq);
    `,
  },
  {
    version: 3,
    description: 'one reprint per unprinted ticket; print failures kept for diagnostics',
    sql: `
      ALTER TABLE tickets ADD COLUMN reprints INTEGER NOT NULL DEFAULT 0;

      CREATE TABLE print_failures (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        ticket_id TEXT NOT NULL REFERENCES tickets (id),
        failure TEXT NOT NULL,
        detail TEXT NOT NULL,
        at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX print_failures_by_time ON print_failures (at);
    `,
  },
  {
    version: 4,
    description:
      'identification: site ID-hash salt and published booking keys; appointments by salted ' +
      'citizen ID hash; appointments learnt from a signed token',
    sql: `
      ALTER TABLE site ADD COLUMN id_hash_salt TEXT;
      ALTER TABLE site ADD COLUMN booking_keys_json TEXT;

      -- Only the salted hash of an ID number is ever stored, never the number.
      ALTER TABLE appointments ADD COLUMN citizen_id_hash TEXT;
      -- 'townhall' (pulled from the API) or 'token' (checked in offline from a signed token).
      ALTER TABLE appointments ADD COLUMN source TEXT NOT NULL DEFAULT 'townhall';
      CREATE INDEX appointments_by_citizen ON appointments (citizen_id_hash, local_day, starts_at);
    `,
  },
  {
    version: 5,
    description:
      "ticket numbers from leased blocks and the kiosk's reserved range; the site's numbering; " +
      'sync conflicts kept for staff (no personal data)',
    sql: `
      -- The site's numbering (leaseCeiling, defaultBlockSize) as the town hall publishes it;
      -- NULL: the town hall leases no numbers and the kiosk counts 1..999 itself.
      ALTER TABLE site ADD COLUMN numbering_json TEXT;

      -- Blocks of counters this kiosk may hand out, per service and site-local day: leases from
      -- the town hall (source 'lease') and the kiosk's own reserved range ('reserved').
      -- next_counter is the next one to give; the block is spent when it passes last_counter.
      CREATE TABLE number_blocks (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        local_day TEXT NOT NULL,
        service_id TEXT NOT NULL,
        source TEXT NOT NULL CHECK (source IN ('lease', 'reserved')),
        lease_id TEXT,
        first_counter INTEGER NOT NULL,
        last_counter INTEGER NOT NULL,
        next_counter INTEGER NOT NULL,
        obtained_at TEXT NOT NULL,
        UNIQUE (local_day, service_id, source, first_counter)
      ) STRICT;
      CREATE INDEX number_blocks_by_day ON number_blocks (local_day, service_id, source, id);

      -- What the town hall refused or changed under a ticket, for staff: the ticket number, never a
      -- name or an ID number.
      CREATE TABLE sync_conflicts (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        ticket_id TEXT NOT NULL,
        ticket_number TEXT NOT NULL,
        kind TEXT NOT NULL,
        reason TEXT NOT NULL,
        at TEXT NOT NULL,
        UNIQUE (ticket_id, kind)
      ) STRICT;
      CREATE INDEX sync_conflicts_by_time ON sync_conflicts (at);
    `,
  },
  {
    version: 6,
    description: 'the number a booking got at another kiosk, as the town hall reports it',
    sql: `ALTER TABLE appointments ADD COLUMN ticket_number TEXT;`,
  },
  {
    version: 7,
    description: 'outbox rows count the failures the town hall answered, apart from outages',
    sql: `ALTER TABLE outbox ADD COLUMN answered_failures INTEGER NOT NULL DEFAULT 0;`,
  },
  {
    version: 8,
    description:
      "services' daily caps, and the tickets the other kiosks gave today as the town hall " +
      'counted them; priority tickets',
    sql: `
      -- Most tickets (appointments and walk-ins) the service gives a day; NULL: no cap.
      ALTER TABLE services ADD COLUMN daily_cap INTEGER;

      -- Per service and site-local day: the town hall's count of the day's tickets, less this
      -- kiosk's tickets it had received by then (see service-tally-repository.ts).
      CREATE TABLE service_tallies (
        local_day TEXT NOT NULL,
        service_id TEXT NOT NULL,
        issued_elsewhere INTEGER NOT NULL,
        updated_at TEXT NOT NULL,
        PRIMARY KEY (local_day, service_id)
      ) STRICT;

      ALTER TABLE tickets ADD COLUMN priority INTEGER NOT NULL DEFAULT 0;
      CREATE INDEX tickets_by_day_and_service ON tickets (local_day, service_id);
    `,
  },
  {
    version: 9,
    description: "the technician mode's audit log and its PIN lockout (docs/technician.md)",
    sql: `
      -- Who did what in the technician mode: entries, wrong PINs, lockouts, exits, setting
      -- changes (old and new values as JSON text). Never a PIN, a PIN hash or a secret.
      CREATE TABLE technician_audit (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        at TEXT NOT NULL,
        actor TEXT NOT NULL,
        action TEXT NOT NULL,
        path TEXT,
        old_value TEXT,
        new_value TEXT,
        detail TEXT
      ) STRICT;
      CREATE INDEX technician_audit_by_time ON technician_audit (at);

      -- Wrong PINs in a row and the end of a lockout, so a restart does not reset the count.
      CREATE TABLE technician_lockout (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        failures INTEGER NOT NULL,
        locked_until TEXT
      ) STRICT;
    `,
  },
  {
    version: 10,
    description:
      "technician diagnostics and statistics: refused check-ins per day and reason, the printer's " +
      'faults, the paper roll in place (no personal data)',
    sql: `
      -- Refused check-ins counted per site-local day and reason code: no scan, no time, no person.
      CREATE TABLE refusal_counts (
        local_day TEXT NOT NULL,
        code TEXT NOT NULL,
        count INTEGER NOT NULL,
        PRIMARY KEY (local_day, code)
      ) STRICT;

      -- The printer's faults as the kiosk saw them: each change into paper-out, cover-open…
      CREATE TABLE printer_faults (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        state TEXT NOT NULL,
        local_day TEXT NOT NULL,
        at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX printer_faults_by_day ON printer_faults (local_day);

      -- The roll in the printer: when the technician last changed it (NULL: never recorded) and
      -- what was printed on it since.
      CREATE TABLE paper_roll (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        changed_at TEXT,
        tickets INTEGER NOT NULL,
        used_mm REAL NOT NULL
      ) STRICT;
      INSERT INTO paper_roll (id, changed_at, tickets, used_mm) VALUES (1, NULL, 0, 0);
    `,
  },
  {
    version: 11,
    description:
      "each ticket's follow-page token; the town hall's last wait estimate per service " +
      '(docs/sync.md, "Estimated wait")',
    sql: `
      -- The unguessable token of the ticket's public follow page (printed in its QR).
      ALTER TABLE tickets ADD COLUMN follow_token TEXT;

      -- Per service, the town hall's estimate when it was last heard: its waiting count (and
      -- appointments among them) plus this kiosk's tickets it did not have yet, and the minutes
      -- a turn takes (see wait-estimate-repository.ts).
      CREATE TABLE wait_estimates (
        service_id TEXT PRIMARY KEY,
        local_day TEXT NOT NULL,
        waiting_before INTEGER NOT NULL,
        appointments_before INTEGER NOT NULL,
        minutes_per_turn REAL NOT NULL,
        computed_at TEXT NOT NULL,
        received_at TEXT NOT NULL
      ) STRICT;
    `,
  },
];
