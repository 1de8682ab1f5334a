/**
 * A MySQL `DATABASE_URL`: `mysql://user:pass@host:3306/db`, optionally with
 * `?socketPath=/run/mysqld/mysqld.sock` to connect over the server's Unix socket when
 * it runs on the same machine (about a third less CPU per query than loopback TCP on
 * both sides, see docs/performance.md). Every MySQL connection this project opens is
 * configured from here.
 */
export interface MysqlTarget {
  /** The URL without its query string (what TypeORM parses). */
  url: string;
  host: string;
  port: number;
  user: string;
  password: string;
  database: string;
  socketPath?: string;
}

export function mysqlTargetOf(url: string): MysqlTarget {
  const u = new URL(url);
  const socketPath = u.searchParams.get('socketPath') ?? undefined;
  u.search = '';
  return {
    url: u.toString(),
    host: u.hostname,
    port: Number(u.port || 3306),
    user: decodeURIComponent(u.username),
    password: decodeURIComponent(u.password),
    database: decodeURIComponent(u.pathname.slice(1)),
    ...(socketPath ? { socketPath } : {}),
  };
}

/** mysql2 connection options for a target (the socket, when given, wins over host and port). */
export function mysql2Options(t: MysqlTarget, withDatabase = true) {
  return {
    ...(t.socketPath ? { socketPath: t.socketPath } : { host: t.host, port: t.port }),
    user: t.user,
    password: t.password,
    ...(withDatabase && t.database ? { database: t.database } : {}),
  };
}
