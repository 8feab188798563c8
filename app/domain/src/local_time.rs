//! Yuzhou's local time (UTC+8, no daylight saving). Timestamps are stored in UTC; dates and
//! times that people type or read are local.

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveTime, TimeZone, Utc};

pub fn beijing() -> FixedOffset {
    FixedOffset::east_opt(8 * 3600).expect("UTC+8")
}

/// `2027-03-01 09:00`
pub fn format_time(t: DateTime<Utc>) -> String {
    t.with_timezone(&beijing())
        .format("%Y-%m-%d %H:%M")
        .to_string()
}

/// `2027-03-01`
pub fn format_date(t: DateTime<Utc>) -> String {
    t.with_timezone(&beijing()).format("%Y-%m-%d").to_string()
}

/// Today's date in Yuzhou.
pub fn today() -> NaiveDate {
    Utc::now().with_timezone(&beijing()).date_naive()
}

/// A local date and time as a UTC instant.
pub fn at(date: NaiveDate, time: NaiveTime) -> DateTime<Utc> {
    beijing()
        .from_local_datetime(&date.and_time(time))
        .single()
        .expect("a fixed offset has no gaps")
        .with_timezone(&Utc)
}

/// The first instant of a local day.
pub fn start_of_day(date: NaiveDate) -> DateTime<Utc> {
    at(date, NaiveTime::MIN)
}

/// The first instant after a local day (so "until the end of 3 March" is `< end_of_day`).
pub fn end_of_day(date: NaiveDate) -> DateTime<Utc> {
    start_of_day(date + chrono::Duration::days(1))
}

/// The local date of an instant.
pub fn local_date(t: DateTime<Utc>) -> NaiveDate {
    t.with_timezone(&beijing()).date_naive()
}

/// The local time of day of an instant.
pub fn local_time(t: DateTime<Utc>) -> NaiveTime {
    t.with_timezone(&beijing()).time()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn local_days_are_utc_plus_8() {
        let d = NaiveDate::from_ymd_opt(2027, 3, 1).unwrap();
        assert_eq!(start_of_day(d).to_rfc3339(), "2027-02-28T16:00:00+00:00");
        assert_eq!(end_of_day(d).to_rfc3339(), "2027-03-01T16:00:00+00:00");
        let nine = at(d, NaiveTime::from_hms_opt(9, 0, 0).unwrap());
        assert_eq!(format_time(nine), "2027-03-01 09:00");
        assert_eq!(local_date(nine), d);
        assert_eq!(local_time(nine), NaiveTime::from_hms_opt(9, 0, 0).unwrap());
    }
}
