//! Incidents in SQLite: saved whole (with their timeline and prevention measures), loaded
//! whole, and the alert episodes the room dismissed.

use super::db::{self, Db};
use crate::incidents::{Incident, Measure, Moment, TimelineEntry};
use rusqlite::params;

/// Inserts a new incident (id 0) or replaces an existing one; returns its id.
pub fn save(tx: &Db, team: i64, incident: &Incident) -> db::Result<i64> {
    let factors = serde_json::to_string(&incident.factors).unwrap_or_else(|_| "[]".into());
    let values = params![
        incident.title.trim(),
        incident.severity,
        incident.service,
        incident.started_at,
        incident.ended_at,
        incident.detected_at,
        incident.summary,
        incident.impact,
        factors,
        incident.went_well,
        incident.alert,
        incident.created_at,
        incident.outage,
    ];
    let id =
        if incident.id <= 0 {
            let inserted: i64 = tx.query_row(
            "INSERT INTO incidents (title, severity, service, started_at, ended_at, detected_at,
                                    summary, impact, factors, went_well, alert, created_at,
                                    outage)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13) RETURNING id",
            values, |row| row.get(0))?;
            tx.execute(
                "UPDATE incidents SET team_id = ?2 WHERE id = ?1",
                params![inserted, team],
            )?;
            inserted
        } else {
            tx.execute(
                "UPDATE incidents SET title = ?1, severity = ?2, service = ?3, started_at = ?4,
                    ended_at = ?5, detected_at = ?6, summary = ?7, impact = ?8, factors = ?9,
                    went_well = ?10, alert = ?11, created_at = ?12, outage = ?13
             WHERE id = ?14",
                &values
                    .iter()
                    .copied()
                    .chain(std::iter::once(&incident.id as &dyn rusqlite::ToSql))
                    .collect::<Vec<_>>(),
            )?;
            incident.id
        };
    tx.execute(
        "DELETE FROM incident_timeline WHERE incident_id = ?1",
        params![id],
    )?;
    for entry in &incident.timeline {
        tx.execute(
            "INSERT INTO incident_timeline (incident_id, at, kind, note) VALUES (?1, ?2, ?3, ?4)",
            params![id, entry.at, entry.moment.name(), entry.note],
        )?;
    }
    tx.execute(
        "DELETE FROM incident_measures WHERE incident_id = ?1",
        params![id],
    )?;
    for measure in &incident.measures {
        let (action, opportunity) = match measure {
            Measure::Action(item) => (Some(*item), None),
            Measure::Opportunity(item) => (None, Some(*item)),
        };
        tx.execute(
            "INSERT INTO incident_measures (incident_id, action_item_id, opportunity_id)
             VALUES (?1, ?2, ?3)",
            params![id, action, opportunity],
        )?;
    }
    Ok(id)
}

/// Every incident, oldest first, with its timeline and measures.
pub fn all(conn: &Db, team: i64) -> db::Result<Vec<Incident>> {
    let mut incidents: Vec<Incident> = conn.query(
        "SELECT id, title, severity, service, started_at, ended_at, detected_at, summary,
                impact, factors, went_well, alert, created_at, outage
         FROM incidents WHERE team_id = ?1 ORDER BY started_at, id",
        params![team],
        |row| {
            let factors: String = row.get(9)?;
            Ok(Incident {
                id: row.get(0)?,
                title: row.get(1)?,
                severity: row.get(2)?,
                service: row.get(3)?,
                started_at: row.get(4)?,
                ended_at: row.get(5)?,
                detected_at: row.get(6)?,
                summary: row.get(7)?,
                impact: row.get(8)?,
                factors: super::json_column(9, &factors)?,
                went_well: row.get(10)?,
                timeline: Vec::new(),
                measures: Vec::new(),
                alert: row.get(11)?,
                created_at: row.get(12)?,
                outage: row.get(13)?,
            })
        },
    )?;
    let entries = conn.query(
        "SELECT incident_id, at, kind, note FROM incident_timeline ORDER BY at, rowid",
        params![],
        |row| {
            let kind: String = row.get(2)?;
            Ok((
                row.get::<i64>(0)?,
                TimelineEntry {
                    at: row.get(1)?,
                    moment: super::known(2, Moment::parse(&kind), &kind)?,
                    note: row.get(3)?,
                },
            ))
        },
    )?;
    for entry in entries {
        let (id, entry) = entry;
        if let Some(incident) = incidents.iter_mut().find(|i| i.id == id) {
            incident.timeline.push(entry);
        }
    }
    let rows = conn.query(
        "SELECT incident_id, action_item_id, opportunity_id FROM incident_measures ORDER BY rowid",
        params![],
        |row| {
            Ok((
                row.get::<i64>(0)?,
                row.get::<Option<i64>>(1)?,
                row.get::<Option<i64>>(2)?,
            ))
        },
    )?;
    for row in rows {
        let (id, action, opportunity) = row;
        let measure = match (action, opportunity) {
            (Some(item), _) => Measure::Action(item),
            (None, Some(item)) => Measure::Opportunity(item),
            (None, None) => continue,
        };
        if let Some(incident) = incidents.iter_mut().find(|i| i.id == id) {
            incident.measures.push(measure);
        }
    }
    Ok(incidents)
}

/// Remembers an alert episode as not an incident.
pub fn dismiss(conn: &Db, team: i64, fingerprint: &str, start: f64) -> db::Result<()> {
    conn.execute(
        "INSERT INTO dismissed_alerts (fingerprint, start, team_id) VALUES (?1, ?2, ?3)
         ON CONFLICT DO NOTHING",
        params![fingerprint, start, team],
    )?;
    Ok(())
}

/// Takes back a dismissal: the episode is offered again.
pub fn undismiss(conn: &Db, team: i64, fingerprint: &str, start: f64) -> db::Result<()> {
    conn.execute(
        "DELETE FROM dismissed_alerts WHERE fingerprint = ?1 AND start = ?2 AND team_id = ?3",
        params![fingerprint, start, team],
    )?;
    Ok(())
}

/// Every dismissed episode: fingerprint and start.
pub fn dismissed(conn: &Db, team: i64) -> db::Result<Vec<(String, f64)>> {
    conn.query(
        "SELECT fingerprint, start FROM dismissed_alerts WHERE team_id = ?1",
        params![team],
        |row| Ok((row.get(0)?, row.get(1)?)),
    )
}
