//! Planning a VPC's CIDRs: parsing and checking what the inspector typed,
//! carrying subnets along when a CIDR is replaced, and keeping every subnet
//! inside its VPC.

use std::fmt;

use ipnet::{Ipv4Net, Ipv6Net};
use vpcplan_core::design::*;
use vpcplan_core::diagnostic::{Localized, Subject};

use super::{EditError, Field, Planner, Result, vpc};
use crate::patch::Record;

impl Planner<'_> {
    pub(super) fn set_ipv4_cidrs(&mut self, id: &VpcId, cidrs: &[String]) -> Result<()> {
        let mut vpc = vpc(self.design, id)?.clone();
        let cidrs = parse_vpc_ipv4(id, cidrs)?;
        carry_subnets(&vpc.ipv4_cidrs.clone(), &cidrs, &mut vpc.subnets);
        vpc.ipv4_cidrs = cidrs;
        check_subnets_inside(&vpc)?;
        self.changes.update(Record::Vpc(vpc));
        Ok(())
    }

    pub(super) fn set_ipv6_cidrs(&mut self, id: &VpcId, cidrs: &[String]) -> Result<()> {
        let mut vpc = vpc(self.design, id)?.clone();
        vpc.ipv6_cidrs = parse_vpc_ipv6(id, cidrs)?;
        check_subnets_inside(&vpc)?;
        self.changes.update(Record::Vpc(vpc));
        Ok(())
    }
}

/// What differs between a VPC's IPv4 and IPv6 CIDRs.
struct Family {
    name: &'static str,
    prefixes: std::ops::RangeInclusive<u8>,
    size_rule: Localized,
    field: fn(usize) -> Field,
}

fn parse_vpc_ipv4(id: &VpcId, cidrs: &[String]) -> Result<Vec<Ipv4Net>> {
    if cidrs.iter().all(|c| c.trim().is_empty()) {
        return Err(EditError::new(
            Some(Subject::Vpc(id.clone())),
            Field::Ipv4Cidr(0),
            format!("VPC {id} needs an IPv4 CIDR (the primary one)."),
            format!("VPC {id}にはIPv4 CIDR (プライマリ) が必要です。"),
        ));
    }
    let family = Family {
        name: "IPv4",
        prefixes: 16..=28,
        size_rule: Localized::new(
            "a VPC CIDR must be between /16 and /28",
            "VPCのCIDRは/16から/28の範囲でなければなりません",
        ),
        field: Field::Ipv4Cidr,
    };
    parse_vpc_cidrs(id, cidrs, &family)
}

fn parse_vpc_ipv6(id: &VpcId, cidrs: &[String]) -> Result<Vec<Ipv6Net>> {
    let family = Family {
        name: "IPv6",
        prefixes: 44..=60,
        size_rule: Localized::new(
            "a VPC IPv6 CIDR is between /44 and /60 (/56 when Amazon provides it)",
            "VPCのIPv6 CIDRは/44から/60 (Amazon提供の場合は/56) です",
        ),
        field: Field::Ipv6Cidr,
    };
    parse_vpc_cidrs(id, cidrs, &family)
}

/// Parses a VPC's CIDRs of one family, skipping empty fields: each must be
/// a network address of an allowed size, overlapping none before it.
fn parse_vpc_cidrs<T: Cidr>(id: &VpcId, cidrs: &[String], family: &Family) -> Result<Vec<T>> {
    let subject = || Some(Subject::Vpc(id.clone()));
    let name = family.name;
    let mut parsed: Vec<T> = Vec::new();
    for (index, text) in cidrs.iter().enumerate() {
        let text = text.trim();
        if text.is_empty() {
            continue;
        }
        let field = (family.field)(index);
        let number = index + 1;
        let cidr: T = parse_cidr(text, subject(), field.clone(), name)?;
        let prefix = cidr.prefix_len();
        if !family.prefixes.contains(&prefix) {
            return Err(EditError::new(
                subject(),
                field,
                format!(
                    "{name} CIDR {number} of VPC {id}: {cidr} is a /{prefix}; {}.",
                    family.size_rule.en
                ),
                format!(
                    "VPC {id}の{name} CIDR {number}: {cidr}は/{prefix}です。{}。",
                    family.size_rule.ja
                ),
            ));
        }
        if let Some(other) = parsed.iter().find(|p| p.overlaps(&cidr)) {
            return Err(EditError::new(
                subject(),
                field,
                format!(
                    "{name} CIDR {number} of VPC {id}: {cidr} overlaps {other}, already a CIDR of this VPC."
                ),
                format!(
                    "VPC {id}の{name} CIDR {number}: {cidr}はこのVPCの{other}と重複しています。"
                ),
            ));
        }
        parsed.push(cidr);
    }
    Ok(parsed)
}

pub(super) trait Cidr: std::str::FromStr + fmt::Display + Copy + PartialEq {
    fn trunc(&self) -> Self;
    fn prefix_len(&self) -> u8;
    fn overlaps(&self, other: &Self) -> bool;
}

macro_rules! cidr_family {
    ($net:ty) => {
        impl Cidr for $net {
            fn trunc(&self) -> Self {
                <$net>::trunc(self)
            }

            fn prefix_len(&self) -> u8 {
                <$net>::prefix_len(self)
            }

            fn overlaps(&self, other: &Self) -> bool {
                self.contains(other) || other.contains(self)
            }
        }
    };
}

cidr_family!(Ipv4Net);
cidr_family!(Ipv6Net);

/// Parses a CIDR and insists on a network address without host bits.
pub(super) fn parse_cidr<T: Cidr>(
    text: &str,
    subject: Option<Subject>,
    field: Field,
    family: &str,
) -> Result<T> {
    let Ok(cidr) = text.parse::<T>() else {
        return Err(EditError::new(
            subject,
            field,
            format!(
                "{text:?} is not an {family} CIDR (such as {}).",
                example(family)
            ),
            format!(
                "{text:?}は{family} CIDRではありません (例: {})。",
                example(family)
            ),
        ));
    };
    if cidr.trunc() != cidr {
        let network = cidr.trunc();
        return Err(EditError::new(
            subject,
            field,
            format!("{cidr} has host bits set: the network is {network}."),
            format!("{cidr}にはホスト部のビットがあります。ネットワークは{network}です。"),
        ));
    }
    Ok(cidr)
}

fn example(family: &str) -> &'static str {
    if family == "IPv4" {
        "10.0.0.0/16"
    } else {
        "2600:1f18:abcd:1200::/56"
    }
}

/// Moves each subnet that none of `new` contains from `old[i]` to the same
/// offset in `new[i]`, when it fits there.
fn carry_subnets(old: &[Ipv4Net], new: &[Ipv4Net], subnets: &mut [Subnet]) {
    for subnet in subnets {
        let Some(cidr) = subnet.ipv4_cidr else {
            continue;
        };
        if new.iter().any(|n| n.contains(&cidr)) {
            continue;
        }
        let Some((from, to)) = old.iter().zip(new).find(|(from, _)| from.contains(&cidr)) else {
            continue;
        };
        let offset = u64::from(u32::from(cidr.network()) - u32::from(from.network()));
        let size = |net: &Ipv4Net| 1u64 << (32 - net.prefix_len());
        if offset + size(&cidr) <= size(to) {
            let address = u32::from(to.network()) + offset as u32;
            if let Ok(moved) = Ipv4Net::new(address.into(), cidr.prefix_len()) {
                subnet.ipv4_cidr = Some(moved);
            }
        }
    }
}

/// Every subnet's CIDRs must lie inside one of its VPC's CIDRs.
pub(super) fn check_subnets_inside(vpc: &Vpc) -> Result<()> {
    for subnet in &vpc.subnets {
        if let Some(cidr) = subnet.ipv4_cidr
            && !vpc.ipv4_cidrs.iter().any(|v| v.contains(&cidr))
        {
            let ranges = list(&vpc.ipv4_cidrs);
            return Err(EditError::new(
                Some(Subject::Subnet(subnet.id.clone())),
                Field::SubnetIpv4Cidr,
                format!(
                    "Subnet {} ({cidr}) would lie outside VPC {} ({ranges}).",
                    subnet.id, vpc.id
                ),
                format!(
                    "サブネット{} ({cidr}) がVPC {} ({ranges}) の範囲外になります。",
                    subnet.id, vpc.id
                ),
            ));
        }
        if let Some(cidr) = subnet.ipv6_cidr
            && !vpc.ipv6_cidrs.iter().any(|v| v.contains(&cidr))
        {
            let ranges = if vpc.ipv6_cidrs.is_empty() {
                "no IPv6 CIDR".to_owned()
            } else {
                list(&vpc.ipv6_cidrs)
            };
            return Err(EditError::new(
                Some(Subject::Subnet(subnet.id.clone())),
                Field::SubnetIpv6Cidr,
                format!(
                    "Subnet {} ({cidr}) would lie outside VPC {} ({ranges}).",
                    subnet.id, vpc.id
                ),
                format!(
                    "サブネット{} ({cidr}) がVPC {} ({ranges}) の範囲外になります。",
                    subnet.id, vpc.id
                ),
            ));
        }
    }
    Ok(())
}

fn list<T: fmt::Display>(items: &[T]) -> String {
    items
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}
