/** `npm run server`'s choice of database: `--database`, `--db`, TURNERO_DATABASE_URL. */
import { describe, expect, it } from 'vitest';
import { parseServerArgs } from '../../server/cli-options';
import { databaseTarget } from '../../server/store/database';

const databaseOf = (argv: string[], env: Record<string, string> = {}) => {
  const parsed = parseServerArgs(argv, env);
  return parsed.help ? 'help' : parsed.options.database;
};

describe('npm run server: the database', () => {
  it('takes --database, then --db, then TURNERO_DATABASE_URL; memory without any', () => {
    const url = 'postgres://turnero@db.example/turnero';
    expect(databaseOf(['--database', url], { TURNERO_DATABASE_URL: 'other.sqlite' })).toBe(url);
    expect(databaseOf(['--db', 'townhall.sqlite'], { TURNERO_DATABASE_URL: url })).toBe(
      'townhall.sqlite',
    );
    expect(databaseOf([], { TURNERO_DATABASE_URL: url })).toBe(url);
    expect(databaseOf([])).toBeUndefined();
    expect(() => parseServerArgs(['--db', 'a.sqlite', '--database', url])).toThrow(/not both/);
  });

  it('tells PostgreSQL URLs from SQLite files', () => {
    expect(databaseTarget('postgresql://u@h/d')).toEqual({
      dialect: 'postgres',
      url: 'postgresql://u@h/d',
    });
    expect(databaseTarget('/var/lib/turnero/townhall.sqlite')).toEqual({
      dialect: 'sqlite',
      file: '/var/lib/turnero/townhall.sqlite',
    });
  });
});
