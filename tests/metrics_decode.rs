//! Decoding Prometheus answers as recorded from a real server, and formatting their numbers.

use kaizen::metrics::FetchError;
use kaizen::metrics::decode::{decode, parse_value};
use kaizen::metrics::units::{Unit, format, format_delta};

#[test]
fn a_vector_keeps_labels_and_the_latest_value() {
    let body = br#"{"status":"success","data":{"resultType":"vector","result":[
        {"metric":{"__name__":"up","job":"api","instance":"10.0.0.1:9100"},"value":[1764316800.123,"1"]},
        {"metric":{"__name__":"up","job":"web","instance":"10.0.0.2:9100"},"value":[1764316800.123,"0"]}]}}"#;
    let data = decode(200, body).unwrap();
    assert_eq!(data.series.len(), 2);
    assert_eq!(data.series[0].labels["job"], "api");
    assert_eq!(data.series[0].points, vec![(1764316800.123, 1.0)]);
    assert_eq!(data.series[1].last(), Some(0.0));
}

#[test]
fn a_matrix_keeps_every_point_in_order() {
    let body = br#"{"status":"success","data":{"resultType":"matrix","result":[
        {"metric":{"job":"api"},"values":[[1764316800,"0.093"],[1764320400,"0.1"],[1764324000,"0.0871"]]}]}}"#;
    let data = decode(200, body).unwrap();
    assert_eq!(
        data.series[0].points,
        vec![
            (1764316800.0, 0.093),
            (1764320400.0, 0.1),
            (1764324000.0, 0.0871)
        ]
    );
}

#[test]
fn a_scalar_is_one_unlabelled_series() {
    let body = br#"{"status":"success","data":{"resultType":"scalar","result":[1764316800,"42"]}}"#;
    let data = decode(200, body).unwrap();
    assert_eq!(data.series.len(), 1);
    assert!(data.series[0].labels.is_empty());
    assert_eq!(data.series[0].last(), Some(42.0));
}

#[test]
fn an_empty_result_is_no_series_not_an_error() {
    let body = br#"{"status":"success","data":{"resultType":"vector","result":[]}}"#;
    assert!(decode(200, body).unwrap().series.is_empty());
}

#[test]
fn nan_and_infinities_arrive_as_strings() {
    let body = br#"{"status":"success","data":{"resultType":"matrix","result":[
        {"metric":{},"values":[[1,"NaN"],[2,"+Inf"],[3,"-Inf"],[4,"1e-3"]]}]}}"#;
    let points = &decode(200, body).unwrap().series[0].points;
    assert!(points[0].1.is_nan());
    assert_eq!(points[1].1, f64::INFINITY);
    assert_eq!(points[2].1, f64::NEG_INFINITY);
    assert_eq!(points[3].1, 0.001);
    assert!(parse_value("garbage").is_nan());
}

#[test]
fn prometheus_errors_are_read_from_the_body_whatever_the_status() {
    let body = br#"{"status":"error","errorType":"bad_data","error":"invalid parameter \"query\": 1:8: parse error: unexpected <by>"}"#;
    for status in [400, 422, 503] {
        assert_eq!(
            decode(status, body),
            Err(FetchError::Prometheus {
                kind: "bad_data".into(),
                message: "invalid parameter \"query\": 1:8: parse error: unexpected <by>".into()
            })
        );
    }
    let too_many = br#"{"status":"error","errorType":"bad_data","error":"exceeded maximum resolution of 11,000 points per timeseries. Try decreasing the query resolution (?step=XX)"}"#;
    let err = decode(400, too_many).unwrap_err();
    assert!(
        err.to_string().contains("exceeded maximum resolution"),
        "{err}"
    );
}

#[test]
fn warnings_are_kept() {
    let body = br#"{"status":"success","warnings":["partial data: store down"],"data":{"resultType":"vector","result":[]}}"#;
    assert_eq!(
        decode(200, body).unwrap().warnings,
        ["partial data: store down"]
    );
}

#[test]
fn a_body_that_is_not_json_is_named_by_its_status_or_its_start() {
    assert_eq!(
        decode(502, b"<html><body>Bad Gateway</body></html>\n"),
        Err(FetchError::Http {
            status: 502,
            body: "<html><body>Bad Gateway</body></html>".into()
        })
    );
    assert!(matches!(decode(200, b"hello"), Err(FetchError::NotJson(_))));
}

#[test]
fn units_scale_the_way_people_read_them() {
    let cases = [
        (0.0931, Unit::Seconds, "93.1 ms"),
        (0.00042, Unit::Seconds, "420 µs"),
        (4.2, Unit::Seconds, "4.20 s"),
        (750.0, Unit::Seconds, "12.5 min"),
        (0.9995, Unit::Ratio, "99.95%"),
        (0.0031, Unit::Ratio, "0.31%"),
        (0.5, Unit::Ratio, "50.0%"),
        (42.0, Unit::Percent, "42.0%"),
        (1536.0, Unit::Bytes, "1.50 KiB"),
        (3.2e9, Unit::Bytes, "2.98 GiB"),
        (123.4, Unit::RequestsPerSecond, "123 req/s"),
        (1234.0, Unit::RequestsPerSecond, "1.23k req/s"),
        (4310.5, Unit::Currency, "$4310.50"),
        (125000.0, Unit::Currency, "$125k"),
        (3.0, Unit::Number, "3"),
        (2_500_000.0, Unit::Number, "2.50M"),
        (f64::NAN, Unit::Seconds, "NaN"),
        (f64::INFINITY, Unit::Ratio, "+Inf"),
        (f64::NEG_INFINITY, Unit::Number, "-Inf"),
    ];
    for (value, unit, expected) in cases {
        assert_eq!(format(value, unit), expected, "{value} {unit:?}");
    }
    assert_eq!(format_delta(0.012, Unit::Seconds), "+12.0 ms");
    assert_eq!(format_delta(-0.0005, Unit::Ratio), "-0.05 pp");
    assert_eq!(format_delta(1.5, Unit::Percent), "+1.50 pp");
    // Beside a value, a change reads in the value's scale.
    use kaizen::metrics::units::format_delta_beside;
    assert_eq!(
        format_delta_beside(0.000_351, Unit::Seconds, 0.0982),
        "+0.35 ms"
    );
    assert_eq!(format_delta_beside(-0.012, Unit::Seconds, 1.5), "-0.01 s");
    assert_eq!(
        format_delta_beside(0.000_000_1, Unit::Seconds, 0.0982),
        "±0.00 ms"
    );
    assert_eq!(format_delta_beside(0.0005, Unit::Ratio, 0.99), "+0.05 pp");
}

/// The demo's last-month value must be the chart's point at that time, or the "vs last
/// meeting" figure contradicts the line the room is looking at.
#[test]
fn the_demo_answers_the_same_value_for_a_time_whatever_the_window() {
    use kaizen::metrics::demo::answer;
    use kaizen::metrics::{QueryKind, QueryRequest};
    let now = 1_795_000_000.0; // a Saturday in November 2026
    let month_ago = now - 28.0 * 86_400.0;
    for query in [
        "sum(node_total_hourly_cost) * 730",
        "1 - sum(node_filesystem_avail_bytes) / sum(node_filesystem_size_bytes)",
        "sum(rate(http_requests_total[5m]))",
    ] {
        let instant = answer(&QueryRequest {
            query: query.into(),
            kind: QueryKind::Instant { time: month_ago },
        })
        .unwrap();
        let range = answer(&QueryRequest {
            query: query.into(),
            kind: QueryKind::Range {
                start: now - 30.0 * 86_400.0,
                end: now,
                step: 3600.0,
            },
        })
        .unwrap();
        let on_chart = range.series[0]
            .points
            .iter()
            .find(|(t, _)| *t == month_ago)
            .expect("the chart has a point at that hour")
            .1;
        assert_eq!(instant.series[0].last(), Some(on_chart), "{query}");
    }
}

#[test]
fn huge_and_tiny_values_read_short_in_every_unit() {
    use kaizen::metrics::units::{Unit, format, format_delta};
    let units = [
        Unit::Seconds,
        Unit::Percent,
        Unit::Ratio,
        Unit::Bytes,
        Unit::RequestsPerSecond,
        Unit::Currency,
        Unit::Number,
    ];
    for unit in units {
        for value in [1e308, -1e308, 9.9e300, 1e-300, -4.2e-7, 1e18, 123456789.0] {
            let text = format(value, unit);
            assert!(text.len() <= 16, "{unit:?} {value:e} reads {text:?}");
            let delta = format_delta(value, unit);
            assert!(
                delta.len() <= 17,
                "{unit:?} change {value:e} reads {delta:?}"
            );
        }
    }
    assert_eq!(format(1e308, Unit::Number), "1.00e308");
    assert_eq!(format(1e308, Unit::Seconds), "1.16e303 d");
    // Ordinary values read as before.
    assert_eq!(format(0.0931, Unit::Seconds), "93.1 ms");
    assert_eq!(format(0.9995, Unit::Ratio), "99.95%");
    assert_eq!(format(4276.4, Unit::Currency), "$4276.40");
    assert_eq!(format(3.0, Unit::Number), "3");
}

#[test]
fn an_answer_of_more_series_than_a_panel_reads_is_refused_with_how_to_narrow_it() {
    let one = r#"{"metric":{"pod":"p"},"value":[1764316800,"1"]}"#;
    let many = vec![one; kaizen::metrics::decode::MAX_SERIES + 1].join(",");
    let body =
        format!(r#"{{"status":"success","data":{{"resultType":"vector","result":[{many}]}}}}"#);
    let error = decode(200, body.as_bytes()).unwrap_err();
    assert!(matches!(
        error,
        FetchError::TooManySeries {
            count: 1001,
            limit: 1000
        }
    ));
    assert_eq!(
        error.to_string(),
        "1001 series in the answer, more than the 1000 a panel reads: aggregate them, e.g. \
         sum by (job) (…), or filter with a label"
    );
}
