//! Dependencies between opportunities: refusing one that would make a cycle.

use std::collections::{HashMap, HashSet};

/// Whether adding "`from` depends on `to`" would close a cycle, given each opportunity's
/// dependencies. Returns the cycle as a path (`to` ... `from`) when it would.
pub fn cycle_if_added(edges: &HashMap<i64, Vec<i64>>, from: i64, to: i64) -> Option<Vec<i64>> {
    if from == to {
        return Some(vec![from]);
    }
    // A cycle exists if `from` is reachable from `to`.
    let mut stack = vec![vec![to]];
    let mut seen = HashSet::new();
    while let Some(path) = stack.pop() {
        let &node = path.last()?;
        if node == from {
            return Some(path);
        }
        if !seen.insert(node) {
            continue;
        }
        for &next in edges.get(&node).into_iter().flatten() {
            let mut longer = path.clone();
            longer.push(next);
            stack.push(longer);
        }
    }
    None
}
