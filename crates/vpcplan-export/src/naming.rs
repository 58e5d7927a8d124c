//! CloudFormation logical ids derived from the names users give things:
//! alphanumeric (CloudFormation allows nothing else), at most 255 characters,
//! unique within a template, and stable — the same design always gives the
//! same ids, so re-exporting never renames (and so replaces) resources.

use std::fmt::Write;

use vpcplan_core::collections::{HashMap, HashSet};

#[derive(Debug, Default)]
pub struct LogicalIds {
    taken: HashSet<String>,
    /// For each id base numbered before, the number to try next: every
    /// lower number is taken (ids are never released), so a base shared by
    /// thousands of resources costs one probe, not thousands.
    next_number: HashMap<String, usize>,
}

const MAX_LEN: usize = 255;

impl LogicalIds {
    pub fn new() -> LogicalIds {
        LogicalIds::default()
    }

    /// A fresh logical id for a thing of `kind` (`Vpc`, `Subnet`, …) named
    /// `name`: the kind, then the name's ASCII letters and digits in
    /// PascalCase, with a number appended when that id is taken. Names made
    /// only of other characters (such as Japanese) fall back to the kind and
    /// a number.
    pub fn allocate(&mut self, kind: &str, name: &str) -> String {
        let mut base = String::with_capacity(kind.len() + name.len());
        base.extend(kind.chars().filter(char::is_ascii_alphanumeric));
        for word in name
            .split(|c: char| !c.is_ascii_alphanumeric())
            .filter(|word| !word.is_empty())
        {
            let mut chars = word.chars();
            if let Some(first) = chars.next() {
                base.push(first.to_ascii_uppercase());
                base.push_str(chars.as_str());
            }
        }
        if base.is_empty() || !base.starts_with(|c: char| c.is_ascii_alphabetic()) {
            base.insert(0, 'R');
        }
        base.truncate(MAX_LEN - 6);
        if !self.taken.contains(base.as_str()) {
            self.taken.insert(base.clone());
            return base;
        }
        let mut number = self.next_number.get(base.as_str()).copied().unwrap_or(2);
        let stem = base.len();
        loop {
            base.truncate(stem);
            // Writing a number into a `String` cannot fail.
            let _ = write!(base, "{number}");
            number += 1;
            if !self.taken.contains(base.as_str()) {
                break;
            }
        }
        self.taken.insert(base.clone());
        match self.next_number.get_mut(&base[..stem]) {
            Some(next) => *next = number,
            None => {
                self.next_number.insert(base[..stem].to_owned(), number);
            }
        }
        base
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_alphanumeric_pascal_case_and_unique() {
        let mut ids = LogicalIds::new();
        assert_eq!(ids.allocate("Vpc", "app-prod"), "VpcAppProd");
        assert_eq!(ids.allocate("Vpc", "app prod"), "VpcAppProd2");
        assert_eq!(ids.allocate("Vpc", "アプリ"), "Vpc");
        assert_eq!(ids.allocate("Vpc", "本番"), "Vpc2");
        assert_eq!(
            ids.allocate("Subnet", "$(rm -rf /)`x`\n: #{}"),
            "SubnetRmRfX"
        );
    }

    #[test]
    fn long_names_are_cut_to_the_cloudformation_limit() {
        let mut ids = LogicalIds::new();
        let long = "a".repeat(300);
        let first = ids.allocate("Vpc", &long);
        let second = ids.allocate("Vpc", &long);
        assert!(first.len() <= MAX_LEN && second.len() <= MAX_LEN);
        assert_ne!(first, second);
    }

    #[test]
    fn the_same_sequence_of_names_gives_the_same_ids() {
        let names = ["a", "b", "a", "日本"];
        let run = || {
            let mut ids = LogicalIds::new();
            names.map(|name| ids.allocate("Vpc", name))
        };
        assert_eq!(run(), run());
    }
}
