//! Incidents for the monthly Incident Review: what happened, told blamelessly (contributing
//! factors, not a culprit), and the prevention measures that leave the room owned and dated.

pub mod episodes;
