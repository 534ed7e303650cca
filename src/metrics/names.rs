//! The metric names a PromQL query reads (parsed with `promql-parser`), and the names a server
//! has closest to one it lacks: so a panel with no data can say "http_requests_total is not
//! on the server; it has http_request_total".

use promql_parser::parser::{Expr, VectorSelector};
use promql_parser::util::{ExprVisitor, walk_expr};

/// The metric names `query` selects, in order of first use; an error when it is not PromQL.
/// A selector by `{__name__="x"}` counts; one by a regular expression names nothing.
pub fn metric_names(query: &str) -> Result<Vec<String>, String> {
    let expr = promql_parser::parser::parse(query)?;
    let mut names = Names(Vec::new());
    let _ = walk_expr(&mut names, &expr);
    Ok(names.0)
}

struct Names(Vec<String>);

impl Names {
    fn add(&mut self, selector: &VectorSelector) {
        let exact = selector
            .matchers
            .matchers
            .iter()
            .find(|m| m.name == "__name__" && matches!(m.op, promql_parser::label::MatchOp::Equal))
            .map(|m| m.value.clone());
        if let Some(name) = selector.name.clone().or(exact)
            && !self.0.contains(&name)
        {
            self.0.push(name);
        }
    }
}

impl ExprVisitor for Names {
    type Error = std::convert::Infallible;

    fn pre_visit(&mut self, expr: &Expr) -> Result<bool, Self::Error> {
        match expr {
            Expr::VectorSelector(selector) => self.add(selector),
            Expr::MatrixSelector(matrix) => self.add(&matrix.vs),
            _ => {}
        }
        Ok(true)
    }
}

/// The `most` names of `known` closest to `name` (fewest edits), nearest first; none that
/// differ in more than half their letters.
pub fn closest<'a>(name: &str, known: &'a [String], most: usize) -> Vec<&'a str> {
    let mut scored: Vec<(usize, &str)> = known
        .iter()
        .map(|k| (edits(name, k), k.as_str()))
        .filter(|(distance, k)| *distance <= name.len().max(k.len()) / 2)
        .collect();
    scored.sort();
    scored.into_iter().take(most).map(|(_, k)| k).collect()
}

/// Levenshtein distance over characters.
fn edits(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = (above + 1)
                .min(row[j] + 1)
                .min(diagonal + usize::from(ca != *cb));
            diagonal = above;
        }
    }
    row[b.len()]
}
