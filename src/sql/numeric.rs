//! Reading a row's number whatever its SQL type: integers, floats and NUMERIC (whose binary
//! form tokio-postgres leaves to a decimal crate; a decimal crate cannot hold NUMERIC's NaN
//! and infinities, so it is read here, to the nearest f64 as psql's text would parse).

use tokio_postgres::types::{FromSql, Type};

/// A number from a column of any numeric type; NULL is read as `Option::None`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Number(pub f64);

impl<'a> FromSql<'a> for Number {
    fn from_sql(
        ty: &Type,
        raw: &'a [u8],
    ) -> Result<Number, Box<dyn std::error::Error + Sync + Send>> {
        let value = match *ty {
            Type::INT2 => f64::from(i16::from_sql(ty, raw)?),
            Type::INT4 => f64::from(i32::from_sql(ty, raw)?),
            Type::INT8 => i64::from_sql(ty, raw)? as f64,
            Type::OID => f64::from(u32::from_sql(ty, raw)?),
            Type::FLOAT4 => f64::from(f32::from_sql(ty, raw)?),
            Type::FLOAT8 => f64::from_sql(ty, raw)?,
            Type::NUMERIC => numeric(raw)?,
            _ => return Err(format!("{ty} is not a number").into()),
        };
        Ok(Number(value))
    }

    fn accepts(ty: &Type) -> bool {
        is_number(ty)
    }
}

/// Whether a column of this type is read as a number.
pub fn is_number(ty: &Type) -> bool {
    matches!(
        *ty,
        Type::INT2
            | Type::INT4
            | Type::INT8
            | Type::OID
            | Type::FLOAT4
            | Type::FLOAT8
            | Type::NUMERIC
    )
}

/// NUMERIC's binary form: digit count, weight (of the first base-10000 digit), sign, display
/// scale, then the digits. Written out as decimal text and parsed, so it rounds as psql's
/// text does.
fn numeric(raw: &[u8]) -> Result<f64, Box<dyn std::error::Error + Sync + Send>> {
    let word = |at: usize| -> Result<u16, String> {
        raw.get(at..at + 2)
            .map(|b| u16::from_be_bytes([b[0], b[1]]))
            .ok_or_else(|| "a NUMERIC cut short".to_string())
    };
    let count = usize::from(word(0)?);
    let weight = i64::from(word(2)? as i16);
    let sign = word(4)?;
    match sign {
        0xC000 => return Ok(f64::NAN),
        0xD000 => return Ok(f64::INFINITY),
        0xF000 => return Ok(f64::NEG_INFINITY),
        0x0000 | 0x4000 => {}
        other => return Err(format!("a NUMERIC with sign {other:#x}").into()),
    }
    if count == 0 {
        return Ok(0.0);
    }
    let mut text = String::with_capacity(count * 4 + 8);
    if sign == 0x4000 {
        text.push('-');
    }
    for index in 0..count {
        let digit = word(8 + 2 * index)?;
        if digit > 9999 {
            return Err(format!("a NUMERIC digit of {digit}").into());
        }
        text.push_str(&format!("{digit:04}"));
    }
    // The digits read as an integer; each base-10000 digit after the weight's is 4 places.
    let exponent = 4 * (weight + 1 - count as i64);
    text.push_str(&format!("e{exponent}"));
    Ok(text.parse::<f64>()?)
}

#[cfg(test)]
mod tests {
    use super::numeric;

    fn raw(weight: i16, sign: u16, digits: &[u16]) -> Vec<u8> {
        let mut out = Vec::new();
        for word in [digits.len() as u16, weight as u16, sign, 0] {
            out.extend(word.to_be_bytes());
        }
        for digit in digits {
            out.extend(digit.to_be_bytes());
        }
        out
    }

    #[test]
    fn numerics_read_as_their_decimal_text_would() {
        let read = |weight, sign, digits: &[u16]| numeric(&raw(weight, sign, digits)).ok();
        assert_eq!(read(0, 0, &[12, 3450]), Some(12.345));
        assert_eq!(read(1, 0, &[1, 2]), Some(10_002.0));
        assert_eq!(read(-1, 0x4000, &[5]), Some(-0.0005));
        assert_eq!(read(0, 0, &[]), Some(0.0));
        assert_eq!(read(0, 0xD000, &[]), Some(f64::INFINITY));
        assert!(read(0, 0xC000, &[]).is_some_and(f64::is_nan));
        assert_eq!(read(0, 0, &[10_000]), None);
        assert_eq!(numeric(&[0, 1]).ok(), None);
    }
}
