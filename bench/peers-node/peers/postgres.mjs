import pg from 'pg';

/** PostgreSQL's version and the durability settings in force, read from the server, for the report. */
export async function describePostgres(connectionString) {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    const { rows } = await client.query(
      "SELECT current_setting('server_version') AS v, current_setting('synchronous_commit') AS s, current_setting('fsync') AS f",
    );
    return `PostgreSQL ${rows[0].v}, synchronous_commit=${rows[0].s}, fsync=${rows[0].f}`;
  } finally {
    await client.end();
  }
}

/** A schema name of letters, digits and underscores for a workload such as "e1-seq". */
export const schemaFor = (prefix, workload) => `${prefix}_${workload.replace(/[^a-z0-9]/gi, '_')}`;
