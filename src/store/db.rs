//! One way to talk to the database, SQLite or PostgreSQL, so every query of the store is
//! written once. Values cross as rusqlite's types on both sides (its `ToSql` parameters and
//! `FromSql` columns), so a row reads the same from either server and the SQLite files stay
//! exactly as earlier versions wrote them. On PostgreSQL, `?N` placeholders become `$N`, each
//! parameter is sent as the type the server expects there, and each column is read back as
//! the SQLite value it stands for (a BIGINT as an integer, a boolean as 0 or 1).
//!
//! The SQL itself is kept to what both understand: `INSERT … ON CONFLICT`, `RETURNING id`,
//! `lower(name)` for case-blind names, times computed here rather than by the server.

use rusqlite::types::{FromSql, ToSql, ToSqlOutput, Value, ValueRef};
use std::cell::RefCell;

/// A query's parameters, as rusqlite's `params![]` makes them.
pub type Params<'a> = &'a [&'a dyn ToSql];

/// Why a statement failed: the server's own error, or a value that is not what kaizen wrote.
#[derive(Debug, thiserror::Error)]
pub enum DbError {
    #[error(transparent)]
    Sqlite(#[from] rusqlite::Error),
    #[error("PostgreSQL: {}", postgres_message(.0))]
    Postgres(#[from] postgres::Error),
    /// A column whose value is not what kaizen writes there.
    #[error("column {column}: {message}")]
    Value { column: usize, message: String },
    /// A query that must give one row gave none.
    #[error("no row")]
    NoRow,
}

pub type Result<T> = std::result::Result<T, DbError>;

/// The server's message and detail, without the protocol's prefix.
fn postgres_message(err: &postgres::Error) -> String {
    match err.as_db_error() {
        Some(db) => match db.detail() {
            Some(detail) => format!("{} ({detail})", db.message()),
            None => db.message().to_string(),
        },
        None => err.to_string(),
    }
}

/// Which server it is, for the few statements that differ.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Dialect {
    Sqlite,
    Postgres,
}

/// An open connection.
pub enum Db {
    Sqlite(rusqlite::Connection),
    Postgres(Box<Pg>),
}

/// A PostgreSQL connection that comes back: a call finding it closed (the server restarted,
/// the network dropped) connects again first; a call that fails for that reason leaves it
/// to the next, so the store worker's retry lands the change once the server is back.
pub struct Pg {
    /// Queries take `&self` as rusqlite's do; the client is borrowed for each call only.
    client: RefCell<Option<postgres::Client>>,
    connect: Box<dyn Fn() -> std::result::Result<postgres::Client, postgres::Error> + Send>,
}

impl Pg {
    /// Connects now (a first failure is the caller's to say), and again whenever needed.
    pub fn new(
        connect: Box<dyn Fn() -> std::result::Result<postgres::Client, postgres::Error> + Send>,
    ) -> Result<Pg> {
        let client = connect()?;
        Ok(Pg {
            client: RefCell::new(Some(client)),
            connect,
        })
    }

    /// Runs `call` on the client, connecting first if there is none or it closed; a failure
    /// that broke the connection drops it.
    fn with<T>(&self, call: impl FnOnce(&mut postgres::Client) -> Result<T>) -> Result<T> {
        let mut held = self.client.borrow_mut();
        // A closed client is dropped; one that cannot connect now leaves none, for next time.
        let client = match held.take() {
            Some(client) if !client.is_closed() => client,
            _ => (self.connect)()?,
        };
        let client = held.insert(client);
        let result = call(client);
        if let Err(DbError::Postgres(err)) = &result
            && (err.is_closed() || connection_lost(err))
        {
            *held = None;
        }
        result
    }
}

/// Whether a PostgreSQL error says the connection is gone or the server cannot serve now
/// (it shuts down, starts up, or was never reached): trying later can succeed.
pub fn connection_lost(err: &postgres::Error) -> bool {
    match err.code() {
        Some(code) => {
            let code = code.code();
            // 08: connection exceptions; 57P01-03: shutting down, crashed, starting up.
            code.starts_with("08") || matches!(code, "57P01" | "57P02" | "57P03")
        }
        // No SQLSTATE: the socket failed, or the server was never reached.
        None => err.as_db_error().is_none(),
    }
}

/// One row of an answer.
pub enum Row<'a> {
    Sqlite(&'a rusqlite::Row<'a>),
    Postgres(&'a postgres::Row),
}

impl Row<'_> {
    /// Column `index` as `T`, decoded as rusqlite decodes SQLite's value.
    pub fn get<T: FromSql>(&self, index: usize) -> Result<T> {
        match self {
            Row::Sqlite(row) => row.get(index).map_err(DbError::from),
            Row::Postgres(row) => {
                let value = pg_value(row, index)?;
                T::column_result(ValueRef::from(&value)).map_err(|err| DbError::Value {
                    column: index,
                    message: err.to_string(),
                })
            }
        }
    }

    /// Column `index` as the SQLite value it is (for the export).
    pub fn value(&self, index: usize) -> Result<Value> {
        match self {
            Row::Sqlite(row) => Ok(owned(row.get_ref(index)?)),
            Row::Postgres(row) => pg_value(row, index),
        }
    }

    pub fn len(&self) -> usize {
        match self {
            Row::Sqlite(row) => row.as_ref().column_count(),
            Row::Postgres(row) => row.len(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

impl Db {
    pub fn dialect(&self) -> Dialect {
        match self {
            Db::Sqlite(_) => Dialect::Sqlite,
            Db::Postgres(_) => Dialect::Postgres,
        }
    }

    /// The SQLite connection, for what only SQLite has (pragmas, its file checks).
    pub fn sqlite(&self) -> Option<&rusqlite::Connection> {
        match self {
            Db::Sqlite(conn) => Some(conn),
            Db::Postgres(_) => None,
        }
    }

    /// Runs one statement; how many rows it changed.
    pub fn execute(&self, sql: &str, params: Params) -> Result<usize> {
        match self {
            Db::Sqlite(conn) => Ok(conn.prepare_cached(sql)?.execute(params)?),
            Db::Postgres(pg) => pg.with(|client| {
                let statement = client.prepare(&placeholders(sql))?;
                let values = pg_params(params, statement.params())?;
                let refs: Vec<&(dyn postgres::types::ToSql + Sync)> = values
                    .iter()
                    .map(|v| v as &(dyn postgres::types::ToSql + Sync))
                    .collect();
                Ok(client.execute(&statement, &refs)? as usize)
            }),
        }
    }

    /// Statements without parameters, one after another (a migration).
    pub fn execute_batch(&self, sql: &str) -> Result<()> {
        match self {
            Db::Sqlite(conn) => Ok(conn.execute_batch(sql)?),
            Db::Postgres(pg) => pg.with(|client| Ok(client.batch_execute(sql)?)),
        }
    }

    /// Every row of the answer, each made into a `T` by `read`.
    pub fn query<T>(
        &self,
        sql: &str,
        params: Params,
        mut read: impl FnMut(&Row) -> Result<T>,
    ) -> Result<Vec<T>> {
        match self {
            Db::Sqlite(conn) => {
                let mut statement = conn.prepare_cached(sql)?;
                let mut rows = statement.query(params)?;
                let mut out = Vec::new();
                while let Some(row) = rows.next()? {
                    out.push(read(&Row::Sqlite(row))?);
                }
                Ok(out)
            }
            Db::Postgres(pg) => {
                let rows = pg.with(|client| {
                    let statement = client.prepare(&placeholders(sql))?;
                    let values = pg_params(params, statement.params())?;
                    let refs: Vec<&(dyn postgres::types::ToSql + Sync)> = values
                        .iter()
                        .map(|v| v as &(dyn postgres::types::ToSql + Sync))
                        .collect();
                    Ok(client.query(&statement, &refs)?)
                })?;
                rows.iter().map(|row| read(&Row::Postgres(row))).collect()
            }
        }
    }

    /// The first row of the answer, if there is one.
    pub fn query_opt<T>(
        &self,
        sql: &str,
        params: Params,
        read: impl FnMut(&Row) -> Result<T>,
    ) -> Result<Option<T>> {
        // kaizen's single-row queries name a key or aggregate: never more than one row.
        Ok(self.query(sql, params, read)?.into_iter().next())
    }

    /// The one row of the answer.
    pub fn query_row<T>(
        &self,
        sql: &str,
        params: Params,
        read: impl FnMut(&Row) -> Result<T>,
    ) -> Result<T> {
        self.query_opt(sql, params, read)?.ok_or(DbError::NoRow)
    }

    /// The answer's column names and every row as values (the export's `SELECT *`).
    pub fn query_table(&self, sql: &str) -> Result<(Vec<String>, Vec<Vec<Value>>)> {
        match self {
            Db::Sqlite(conn) => {
                let mut statement = conn.prepare(sql)?;
                let columns: Vec<String> = statement.column_names().map(str::to_string).collect();
                let mut rows = statement.query([])?;
                let mut out = Vec::new();
                while let Some(row) = rows.next()? {
                    let values = (0..columns.len())
                        .map(|index| row.get_ref(index).map(owned))
                        .collect::<rusqlite::Result<Vec<Value>>>()?;
                    out.push(values);
                }
                Ok((columns, out))
            }
            Db::Postgres(pg) => {
                let (columns, rows) = pg.with(|client| {
                    let statement = client.prepare(sql)?;
                    let columns: Vec<String> = statement
                        .columns()
                        .iter()
                        .map(|c| c.name().to_string())
                        .collect();
                    Ok((columns, client.query(&statement, &[])?))
                })?;
                let out = rows
                    .iter()
                    .map(|row| {
                        (0..columns.len())
                            .map(|index| pg_value(row, index))
                            .collect()
                    })
                    .collect::<Result<Vec<Vec<Value>>>>()?;
                Ok((columns, out))
            }
        }
    }

    /// A transaction that only reads, every table as of one moment.
    pub fn read_transaction(&self) -> Result<Tx<'_>> {
        match self {
            Db::Sqlite(_) => self.execute_batch("BEGIN")?,
            Db::Postgres(_) => {
                self.execute_batch("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")?
            }
        }
        Ok(Tx {
            db: self,
            open: true,
        })
    }

    /// Starts a transaction, ended by [`Tx::commit`] or, dropped, rolled back. On SQLite it
    /// takes the write lock at once (`BEGIN IMMEDIATE`), so it never fails half way for
    /// want of it.
    pub fn transaction(&self) -> Result<Tx<'_>> {
        match self {
            Db::Sqlite(_) => self.execute_batch("BEGIN IMMEDIATE")?,
            Db::Postgres(_) => self.execute_batch("BEGIN")?,
        }
        Ok(Tx {
            db: self,
            open: true,
        })
    }
}

/// A transaction on a [`Db`]; it reads and writes through `Deref`.
pub struct Tx<'a> {
    db: &'a Db,
    open: bool,
}

impl std::ops::Deref for Tx<'_> {
    type Target = Db;
    fn deref(&self) -> &Db {
        self.db
    }
}

impl Tx<'_> {
    /// Commits; a commit refused (a deferred key that does not hold) rolls everything back,
    /// as PostgreSQL does by itself, so nothing half done is left open.
    pub fn commit(mut self) -> Result<()> {
        self.open = false;
        let committed = self.db.execute_batch("COMMIT");
        if committed.is_err() {
            let _ = self.db.execute_batch("ROLLBACK");
        }
        committed
    }
}

impl Drop for Tx<'_> {
    fn drop(&mut self) {
        if self.open {
            // A failed rollback leaves the server to end the transaction with the session.
            let _ = self.db.execute_batch("ROLLBACK");
        }
    }
}

/// `?1` as PostgreSQL writes it, `$1`; a `?` inside a quoted string is left alone.
pub fn placeholders(sql: &str) -> String {
    let mut out = String::with_capacity(sql.len());
    let mut quoted = false;
    for c in sql.chars() {
        match c {
            '\'' => {
                quoted = !quoted;
                out.push(c);
            }
            '?' if !quoted => out.push('$'),
            _ => out.push(c),
        }
    }
    out
}

/// A borrowed SQLite value as an owned one.
fn owned(value: ValueRef<'_>) -> Value {
    match value {
        ValueRef::Null => Value::Null,
        ValueRef::Integer(i) => Value::Integer(i),
        ValueRef::Real(r) => Value::Real(r),
        ValueRef::Text(t) => Value::Text(String::from_utf8_lossy(t).into_owned()),
        ValueRef::Blob(b) => Value::Blob(b.to_vec()),
    }
}

/// A parameter on its way to PostgreSQL, sent as the type the server expects.
#[derive(Debug)]
struct PgParam(Value);

fn pg_params(params: Params, types: &[postgres::types::Type]) -> Result<Vec<PgParam>> {
    if params.len() != types.len() {
        return Err(DbError::Value {
            column: params.len(),
            message: format!(
                "{} parameters given, the statement has {}",
                params.len(),
                types.len()
            ),
        });
    }
    params
        .iter()
        .map(|param| {
            let value = match param.to_sql()? {
                ToSqlOutput::Borrowed(value) => owned(value),
                ToSqlOutput::Owned(value) => value,
                _ => {
                    return Err(DbError::Value {
                        column: 0,
                        message: "a parameter kind kaizen does not send".into(),
                    });
                }
            };
            Ok(PgParam(value))
        })
        .collect()
}

impl postgres::types::ToSql for PgParam {
    fn to_sql(
        &self,
        ty: &postgres::types::Type,
        out: &mut bytes::BytesMut,
    ) -> std::result::Result<postgres::types::IsNull, Box<dyn std::error::Error + Sync + Send>>
    {
        use postgres::types::{ToSql as Send, Type};
        let text = |value: &Value| -> Option<String> {
            match value {
                Value::Null => None,
                Value::Integer(i) => Some(i.to_string()),
                Value::Real(r) => Some(r.to_string()),
                Value::Text(t) => Some(t.clone()),
                Value::Blob(b) => Some(String::from_utf8_lossy(b).into_owned()),
            }
        };
        let integer = |value: &Value| -> std::result::Result<Option<i64>, String> {
            match value {
                Value::Null => Ok(None),
                Value::Integer(i) => Ok(Some(*i)),
                Value::Real(r) if r.fract() == 0.0 => Ok(Some(*r as i64)),
                Value::Text(t) => t
                    .parse()
                    .map(Some)
                    .map_err(|_| format!("{t:?} is no integer")),
                other => Err(format!("{other:?} is no integer")),
            }
        };
        let value = &self.0;
        match *ty {
            Type::INT8 => Send::to_sql(&integer(value)?, ty, out),
            Type::INT4 => Send::to_sql(&integer(value)?.map(i32::try_from).transpose()?, ty, out),
            Type::INT2 => Send::to_sql(&integer(value)?.map(i16::try_from).transpose()?, ty, out),
            Type::BOOL => Send::to_sql(&integer(value)?.map(|i| i != 0), ty, out),
            Type::FLOAT8 => match value {
                Value::Real(r) => Send::to_sql(&Some(*r), ty, out),
                other => Send::to_sql(&integer(other)?.map(|i| i as f64), ty, out),
            },
            _ => Send::to_sql(&text(value), ty, out),
        }
    }

    fn accepts(_: &postgres::types::Type) -> bool {
        true
    }

    postgres::types::to_sql_checked!();
}

/// Column `index` of a PostgreSQL row as the SQLite value it stands for.
fn pg_value(row: &postgres::Row, index: usize) -> Result<Value> {
    use postgres::types::Type;
    let column = row.columns().get(index).ok_or(DbError::Value {
        column: index,
        message: "no such column".into(),
    })?;
    let value = match *column.type_() {
        Type::INT8 => cell::<i64>(row, index)?.map(Value::Integer),
        Type::INT4 => cell::<i32>(row, index)?.map(|i| Value::Integer(i.into())),
        Type::INT2 => cell::<i16>(row, index)?.map(|i| Value::Integer(i.into())),
        Type::BOOL => cell::<bool>(row, index)?.map(|b| Value::Integer(b.into())),
        Type::FLOAT8 => cell::<f64>(row, index)?.map(Value::Real),
        Type::FLOAT4 => cell::<f32>(row, index)?.map(|r| Value::Real(r.into())),
        Type::NUMERIC => cell::<crate::sql::numeric::Number>(row, index)?.map(|n| match n.0 {
            r if r.fract() == 0.0 && r.abs() < 9.0e15 => Value::Integer(r as i64),
            r => Value::Real(r),
        }),
        _ => cell::<String>(row, index)?.map(Value::Text),
    };
    Ok(value.unwrap_or(Value::Null))
}

/// Column `index` as `T`, NULL as `None`.
fn cell<'a, T: postgres::types::FromSql<'a>>(
    row: &'a postgres::Row,
    index: usize,
) -> Result<Option<T>> {
    row.try_get(index).map_err(|err| DbError::Value {
        column: index,
        message: err.to_string(),
    })
}
