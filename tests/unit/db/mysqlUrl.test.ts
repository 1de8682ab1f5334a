import { describe, expect, it } from 'vitest';
import { mysql2Options, mysqlTargetOf } from '../../../server/db/mysqlUrl.js';

describe('MySQL URLs', () => {
  it('reads host, port, credentials and database, decoding what was escaped', () => {
    const t = mysqlTargetOf('mysql://duty%40roster:p%3Ass@db.example.cn:3307/dutyroster');
    expect(t).toEqual({ url: 'mysql://duty%40roster:p%3Ass@db.example.cn:3307/dutyroster', host: 'db.example.cn', port: 3307, user: 'duty@roster', password: 'p:ss', database: 'dutyroster' });
    expect(mysql2Options(t)).toEqual({ host: 'db.example.cn', port: 3307, user: 'duty@roster', password: 'p:ss', database: 'dutyroster' });
    expect(mysql2Options(t, false)).not.toHaveProperty('database');
  });

  it('defaults the port to 3306', () => {
    expect(mysqlTargetOf('mysql://root@127.0.0.1/test').port).toBe(3306);
  });

  it('connects over the Unix socket when ?socketPath= is given, and hands TypeORM the URL without it', () => {
    const t = mysqlTargetOf('mysql://root@localhost/dutyroster?socketPath=%2Frun%2Fmysqld%2Fmysqld.sock');
    expect(t.url).toBe('mysql://root@localhost/dutyroster');
    expect(t.socketPath).toBe('/run/mysqld/mysqld.sock');
    expect(mysql2Options(t)).toEqual({ socketPath: '/run/mysqld/mysqld.sock', user: 'root', password: '', database: 'dutyroster' });
  });
});
