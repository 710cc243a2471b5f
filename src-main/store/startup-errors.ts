/**
 * Reasons the kiosk refuses to start that a technician must act on. Each message is one line
 * that says what is wrong and what to do; the hosts print it as it is, without a stack trace.
 */
export class StartupError extends Error {
  override readonly name = 'StartupError';
}

/** The data folder cannot be created or written. */
export class DataFolderError extends StartupError {}

/** The kiosk database failed its integrity check; it was left untouched for recovery. */
export class DamagedDatabaseError extends StartupError {}
