//! Planning the subnet commands: adding, editing and removing a subnet, and
//! what a removed subnet takes with it (associations, intents from it,
//! endpoint placements).

use ipnet::{Ipv4Net, Ipv6Net};
use vpcplan_core::design::*;
use vpcplan_core::diagnostic::Subject;

use super::cidrs::{check_subnets_inside, parse_cidr};
use super::nodes::az_letter;
use super::{EditError, Field, Planner, Result, SubnetFields, vpc};
use crate::patch::{Record, RecordId};

impl Planner<'_> {
    pub(super) fn add_subnet(&mut self, id: &VpcId, subnet: &SubnetFields) -> Result<()> {
        let mut vpc = vpc(self.design, id)?.clone();
        let new = Subnet {
            id: SubnetId::new(self.ids.next("subnet")),
            name: String::new(),
            ipv4_cidr: None,
            ipv6_cidr: None,
            availability_zone: String::new(),
            availability_zone_id: None,
        };
        let new = fill_subnet(&vpc, new, subnet)?;
        vpc.subnets.push(new);
        self.changes.update(Record::Vpc(vpc));
        Ok(())
    }

    pub(super) fn edit_subnet(
        &mut self,
        id: &VpcId,
        subnet: &SubnetId,
        fields: &SubnetFields,
    ) -> Result<()> {
        let mut vpc = vpc(self.design, id)?.clone();
        let index = subnet_index(&vpc, subnet)?;
        let old = vpc.subnets.remove(index);
        let edited = fill_subnet(&vpc, old, fields)?;
        vpc.subnets.insert(index, edited);
        self.changes.update(Record::Vpc(vpc));
        Ok(())
    }

    pub(super) fn remove_subnet(&mut self, id: &VpcId, subnet: &SubnetId) -> Result<()> {
        let mut vpc = vpc(self.design, id)?.clone();
        let index = subnet_index(&vpc, subnet)?;
        vpc.subnets.remove(index);
        for table in &mut vpc.route_tables {
            table.subnets.retain(|s| s != subnet);
        }
        for acl in &mut vpc.network_acls {
            acl.subnets.retain(|s| s != subnet);
        }
        self.changes.update(Record::Vpc(vpc));
        for intent in &self.design.intents {
            if matches!(&intent.from, IntentSource::Subnet { subnet: s, .. } if s == subnet) {
                self.changes.remove(RecordId::Intent(intent.id.clone()));
            }
        }
        for link in &self.design.links {
            let mut edited = link.clone();
            match &mut edited.spec {
                LinkSpec::InterfaceEndpoint(e) if &e.vpc == id => e.subnets.retain(|s| s != subnet),
                LinkSpec::GatewayEndpoint(e) if &e.vpc == id => e.subnets.retain(|s| s != subnet),
                _ => continue,
            }
            self.changes.update(Record::Link(edited));
        }
        Ok(())
    }
}

fn subnet_index(vpc: &Vpc, subnet: &SubnetId) -> Result<usize> {
    vpc.subnets
        .iter()
        .position(|s| &s.id == subnet)
        .ok_or_else(|| {
            EditError::new(
                Some(Subject::Subnet(subnet.clone())),
                Field::Command,
                format!("There is no subnet {subnet} in VPC {}.", vpc.id),
                format!("VPC {}にサブネット{subnet}がありません。", vpc.id),
            )
        })
}

pub(super) fn check_subnets_exist(vpc: &Vpc, subnets: &[SubnetId], subject: Subject) -> Result<()> {
    match subnets
        .iter()
        .find(|s| !vpc.subnets.iter().any(|own| &own.id == *s))
    {
        Some(unknown) => Err(EditError::new(
            Some(subject),
            Field::Subnets,
            format!("Subnet {unknown} is not in VPC {}.", vpc.id),
            format!("サブネット{unknown}はVPC {}にありません。", vpc.id),
        )),
        None => Ok(()),
    }
}

/// Fills `subnet` from the inspector's fields, checked against its VPC
/// (whose `subnets` must not contain the subnet being edited).
fn fill_subnet(vpc: &Vpc, mut subnet: Subnet, fields: &SubnetFields) -> Result<Subnet> {
    let subject = || Some(Subject::Subnet(subnet.id.clone()));
    let ipv4 = match fields.ipv4_cidr.trim() {
        "" => None,
        text => {
            let cidr: Ipv4Net = parse_cidr(text, subject(), Field::SubnetIpv4Cidr, "IPv4")?;
            if !(16..=28).contains(&cidr.prefix_len()) {
                return Err(EditError::new(
                    subject(),
                    Field::SubnetIpv4Cidr,
                    format!(
                        "Subnet {cidr} is a /{}; a subnet must be between /16 and /28.",
                        cidr.prefix_len()
                    ),
                    format!(
                        "サブネット{cidr}は/{}です。サブネットは/16から/28の範囲でなければなりません。",
                        cidr.prefix_len()
                    ),
                ));
            }
            Some(cidr)
        }
    };
    let ipv6 = match fields.ipv6_cidr.trim() {
        "" => None,
        text => Some(parse_cidr::<Ipv6Net>(
            text,
            subject(),
            Field::SubnetIpv6Cidr,
            "IPv6",
        )?),
    };
    if ipv4.is_none() && ipv6.is_none() {
        return Err(EditError::new(
            subject(),
            Field::SubnetIpv4Cidr,
            "A subnet needs an IPv4 CIDR, an IPv6 CIDR or both.",
            "サブネットにはIPv4 CIDR、IPv6 CIDR、またはその両方が必要です。",
        ));
    }
    let az = fields.availability_zone.trim();
    if az_letter(&vpc.region, az).is_none() {
        return Err(EditError::new(
            subject(),
            Field::AvailabilityZone,
            format!(
                "{az:?} is not an Availability Zone of {}: use the Region followed by a letter, such as {}a.",
                vpc.region, vpc.region
            ),
            format!(
                "{az:?}は{}のアベイラビリティーゾーンではありません。{}aのようにリージョンの後に英字を付けてください。",
                vpc.region, vpc.region
            ),
        ));
    }
    subnet.ipv4_cidr = ipv4;
    subnet.ipv6_cidr = ipv6;
    if subnet.availability_zone != az {
        subnet.availability_zone = az.to_owned();
        subnet.availability_zone_id = None;
    }
    subnet.name = fields.name.trim().to_owned();
    let mut with_subnet = vpc.clone();
    with_subnet.subnets.push(subnet.clone());
    check_subnets_inside(&with_subnet)?;
    if let Some(cidr) = ipv4
        && let Some(other) = vpc.subnets.iter().find(|s| {
            s.ipv4_cidr
                .is_some_and(|o| o.contains(&cidr) || cidr.contains(&o))
        })
    {
        return Err(EditError::new(
            subject(),
            Field::SubnetIpv4Cidr,
            format!(
                "Subnet {cidr} overlaps subnet {} ({}) of VPC {}.",
                other.id,
                other.ipv4_cidr.expect("found by its CIDR"),
                vpc.id
            ),
            format!(
                "サブネット{cidr}はVPC {}のサブネット{} ({}) と重複しています。",
                vpc.id,
                other.id,
                other.ipv4_cidr.expect("found by its CIDR")
            ),
        ));
    }
    Ok(subnet)
}
