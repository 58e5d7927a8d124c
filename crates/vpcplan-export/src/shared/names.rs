//! What both exports call the resources the design does not name itself,
//! and the tags every resource carries: a `Name` tag (the design's name, or
//! the one made here) and `vpcplan:id` (the design's id), each value cut to
//! the 256 characters AWS allows in a tag value ("Tag value: 256 Unicode
//! characters in UTF-8", EC2 User Guide, "Tag restrictions"). The CLI script
//! adds `vpcplan:design` and `vpcplan:key` for its teardown; CloudFormation
//! adds its own `aws:cloudformation:*` tags.

use vpcplan_core::design::Vpc;

/// The longest tag value EC2 and IAM accept, in characters.
pub(crate) const TAG_VALUE_MAX: usize = 256;

/// `text` cut to at most `max` characters.
pub(crate) fn truncate_chars(text: &str, max: usize) -> String {
    // No more bytes than `max` means no more characters either.
    if text.len() <= max {
        return text.to_owned();
    }
    text.chars().take(max).collect()
}

/// A tag value AWS accepts: `text` cut to 256 characters.
pub(crate) fn tag_value(text: &str) -> String {
    truncate_chars(text, TAG_VALUE_MAX)
}

/// The Name of a peering connection: "`<requester>` to `<accepter>`".
pub(crate) fn peering_name(requester: &Vpc, accepter: &Vpc) -> String {
    format!("{} to {}", requester.name, accepter.name)
}

/// A security group's description from its design name: the characters
/// EC2 accepts in a description (ASCII letters, digits, spaces and
/// `._-:/()#,@[]+=&;{}!$*`), others as spaces, runs of spaces as one, at
/// most 255 characters; `fallback` when nothing is left.
pub(crate) fn group_description(name: &str, fallback: &str) -> String {
    let kept: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || " ._-:/()#,@[]+=&;{}!$*".contains(c) {
                c
            } else {
                ' '
            }
        })
        .collect();
    let collapsed = kept.split_whitespace().collect::<Vec<_>>().join(" ");
    if collapsed.is_empty() {
        fallback.to_owned()
    } else {
        truncate_chars(&collapsed, 255)
    }
}
