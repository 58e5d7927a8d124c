//! The one mapping from a design's security-group rule protocol to the
//! `IpProtocol` EC2 takes, used by both writers (CloudFormation's
//! `IpProtocol` property and the CLI's `--ip-permissions`), so the same rule
//! never becomes two different things.
//!
//! EC2 takes "the IP protocol name (`tcp`, `udp`, `icmp`, `icmpv6`) or number
//! (see Protocol Numbers)", and `-1` for all protocols, which then take no
//! ports (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_IpPermission.html;
//! the same words in the CloudFormation reference of
//! `AWS::EC2::SecurityGroupIngress`). Anything else, `all` included, is
//! refused: "InvalidParameterValue: Invalid value 'all' for IP protocol.
//! Unknown protocol." (as reported in
//! https://github.com/hashicorp/terraform-provider-aws/issues/1793).

/// An `IpProtocol` EC2 accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum IpProtocol {
    /// `-1`: every protocol, on every port.
    All,
    /// One of the names EC2 accepts.
    Named(&'static str),
    /// An IANA protocol number without a name EC2 accepts (such as 47, GRE).
    Number(u8),
}

/// The names EC2 accepts, with their protocol numbers: a rule written with
/// the number becomes the name, as EC2 itself reports it.
const NAMED: [(&str, u8); 4] = [("tcp", 6), ("udp", 17), ("icmp", 1), ("icmpv6", 58)];

impl IpProtocol {
    /// The protocol of a design rule (`tcp`, `all`, `-1`, `6`, …, in any
    /// case, with spaces around), or `None` when EC2 has no such protocol.
    pub(crate) fn of(design: &str) -> Option<IpProtocol> {
        let protocol = design.trim().to_ascii_lowercase();
        if protocol == "all" || protocol == "-1" {
            return Some(IpProtocol::All);
        }
        if let Some(&(name, _)) = NAMED.iter().find(|(name, _)| *name == protocol) {
            return Some(IpProtocol::Named(name));
        }
        if protocol.is_empty() || !protocol.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let number: u8 = protocol.parse().ok()?;
        Some(match NAMED.iter().find(|(_, known)| *known == number) {
            Some(&(name, _)) => IpProtocol::Named(name),
            None => IpProtocol::Number(number),
        })
    }

    /// The value of `IpProtocol`.
    pub(crate) fn value(self) -> String {
        match self {
            IpProtocol::All => "-1".to_owned(),
            IpProtocol::Named(name) => name.to_owned(),
            IpProtocol::Number(number) => number.to_string(),
        }
    }

    /// Whether the rule's ports go with it: not for all protocols, which
    /// cover every port.
    pub(crate) fn takes_ports(self) -> bool {
        self != IpProtocol::All
    }
}

#[cfg(test)]
mod tests {
    use super::IpProtocol;

    fn check(design: &str, expect: Option<&str>) {
        assert_eq!(
            IpProtocol::of(design).map(IpProtocol::value).as_deref(),
            expect,
            "{design:?}"
        );
    }

    #[test]
    fn all_becomes_minus_one_and_names_and_numbers_become_what_ec2_takes() {
        check("all", Some("-1"));
        check(" ALL ", Some("-1"));
        check("-1", Some("-1"));
        check("TCP", Some("tcp"));
        check("udp", Some("udp"));
        check("icmp", Some("icmp"));
        check("icmpv6", Some("icmpv6"));
        check("6", Some("tcp"));
        check("058", Some("icmpv6"));
        check("47", Some("47"));
        check("0", Some("0"));
        check("255", Some("255"));
    }

    #[test]
    fn what_ec2_refuses_has_no_mapping() {
        for refused in ["", "any", "gre", "256", "-2", "+6", "6.0", "tcp/udp"] {
            check(refused, None);
        }
    }

    #[test]
    fn only_all_protocols_drop_the_ports() {
        assert!(!IpProtocol::All.takes_ports());
        assert!(IpProtocol::Named("icmp").takes_ports());
        assert!(IpProtocol::Number(47).takes_ports());
    }
}
