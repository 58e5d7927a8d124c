//! `create-security-group` (names AWS accepts, unique in their VPC) and
//! `authorize-security-group-ingress`, after the peerings.

use serde_json::Value;
use vpcplan_core::design::{RuleSource, SecurityGroupRule, Vpc, VpcId};

use super::Deploy;
use crate::cli_script::header::log_text;
use crate::cli_script::shell::{AwsCall, Json, Word};
use crate::ip_protocol::IpProtocol;

impl Deploy<'_, '_> {
    pub(super) fn security_groups(&mut self) {
        let vpcs = self.plan.exported_vpcs();
        if vpcs.iter().all(|vpc| vpc.security_groups.is_empty()) {
            return;
        }
        self.section("Security groups (their rules come after the peerings)");
        for vpc in vpcs {
            for group in &vpc.security_groups {
                let Some(group_plan) = self.plan.security_groups.get(&group.id) else {
                    continue;
                };
                let (var, key) = (group_plan.var.clone(), group_plan.key.clone());
                self.create_group(vpc, &group.name, &group.name, &var, &key);
            }
        }
    }

    /// A security group name AWS accepts (letters, digits, spaces and
    /// `._-:/()#,@[]+=&;{}!$*`, at most 255 characters, not starting with
    /// `sg-`), unique in the VPC. The design's own name goes in the Name tag.
    /// When little of the design's name is left, the group is named after
    /// its variable (`vpcplan sg-app` for `SG_APP`).
    fn group_name(&mut self, vpc: &VpcId, wanted: &str, var: &str) -> String {
        let mut name: String = wanted
            .chars()
            .filter(|c| c.is_ascii_alphanumeric() || GROUP_NAME_PUNCTUATION.contains(*c))
            .collect();
        name = name.trim().to_owned();
        if name.chars().filter(char::is_ascii_alphanumeric).count() < 3 {
            name = format!("vpcplan {}", var.to_ascii_lowercase().replace('_', "-"));
        } else if name.to_ascii_lowercase().starts_with("sg-") {
            name = format!("vpcplan {name}");
        }
        name.truncate(240);
        let taken = self.group_names.entry(vpc.clone()).or_default();
        let mut candidate = name.clone();
        let mut number = 2;
        while !taken.insert(candidate.to_ascii_lowercase()) {
            candidate = format!("{name} {number}");
            number += 1;
        }
        candidate
    }

    pub(super) fn create_group(
        &mut self,
        vpc: &Vpc,
        name: &str,
        description: &str,
        var: &str,
        key: &str,
    ) {
        let Some(vpc_plan) = self.plan.vpcs.get(&vpc.id) else {
            return;
        };
        let group_name = self.group_name(&vpc.id, name, var);
        // ASCII only after the filter, so truncating cannot split a character.
        let description: String = format!("vpcplan: {description}")
            .chars()
            .filter(|c| c.is_ascii_alphanumeric() || GROUP_NAME_PUNCTUATION.contains(*c))
            .collect();
        let mut description = description.trim_end().to_owned();
        description.truncate(255);
        self.log("", format!("creating security group \"{name}\""));
        self.line(
            AwsCall::ec2(
                "create-security-group",
                self.plan.profile(&vpc.account),
                &vpc.region,
            )
            .arg_var("--vpc-id", &vpc_plan.var)
            .text("--group-name", "GroupName", &group_name)
            .text("--description", "Description", &description)
            .arg(
                "--tag-specifications",
                self.tag_specifications("security-group", name, key),
            )
            .query("GroupId")
            .capture_id(var),
        );
        self.created.push(var.to_owned());
    }

    pub(super) fn security_group_rules(&mut self) {
        let vpcs = self.plan.exported_vpcs();
        if vpcs.iter().all(|vpc| {
            vpc.security_groups
                .iter()
                .all(|group| group.ingress.is_empty())
        }) {
            return;
        }
        self.section("Security group rules");
        for vpc in vpcs {
            for group in &vpc.security_groups {
                let Some(group_plan) = self.plan.security_groups.get(&group.id) else {
                    continue;
                };
                let var = group_plan.var.clone();
                for rule in &group.ingress {
                    self.ingress(vpc, &group.name, &var, rule);
                }
            }
        }
    }

    fn ingress(&mut self, vpc: &Vpc, group_name: &str, group_var: &str, rule: &SecurityGroupRule) {
        let plan = self.plan;
        let Some(protocol) = IpProtocol::of(&rule.protocol) else {
            self.note(format!(
                "a rule of security group \"{group_name}\" has protocol {:?}, which EC2 does not know (use tcp, udp, icmp, icmpv6, a protocol number or -1 for all)",
                rule.protocol
            ));
            return;
        };
        let profile = plan.profile(&vpc.account);
        let source = match &rule.source {
            RuleSource::Cidr(ipnet::IpNet::V4(net)) => (
                "IpRanges",
                Json::Array(vec![Json::Object(vec![(
                    "CidrIp",
                    Json::string(net.to_string()),
                )])]),
            ),
            RuleSource::Cidr(ipnet::IpNet::V6(net)) => (
                "Ipv6Ranges",
                Json::Array(vec![Json::Object(vec![(
                    "CidrIpv6",
                    json_word(plan.ipv6(net)),
                )])]),
            ),
            RuleSource::SecurityGroup {
                vpc: source_vpc,
                group,
            } => {
                let source = plan.exported_vpc(source_vpc);
                match (plan.security_groups.get(group), source) {
                    (Some(source_plan), Some(source)) => {
                        let mut pair =
                            vec![("GroupId", Json::Runtime(Word::var(&source_plan.var)))];
                        if source.account != vpc.account {
                            pair.push(("UserId", Json::str(&source.account.0)));
                        }
                        ("UserIdGroupPairs", Json::Array(vec![Json::Object(pair)]))
                    }
                    _ => {
                        self.note(format!(
                            "a rule of security group \"{group_name}\" refers to group {group} that is not in the design"
                        ));
                        return;
                    }
                }
            }
            RuleSource::PrefixList(list) => {
                let id = if list.starts_with("pl-") {
                    Json::str(list)
                } else {
                    let filter = Json::Array(vec![Json::Object(vec![
                        ("Name", Json::str("prefix-list-name")),
                        ("Values", Json::Array(vec![Json::str(list)])),
                    ])]);
                    self.line(
                        AwsCall::ec2(
                            "describe-managed-prefix-lists",
                            profile.clone(),
                            &vpc.region,
                        )
                        .arg("--filters", filter.to_word())
                        .query("PrefixLists[0].PrefixListId")
                        .capture("prefix_list"),
                    );
                    self.line(format!(
                        "[[ $prefix_list == pl-* ]] || die 'no managed prefix list named' {}",
                        log_text(list)
                    ));
                    Json::Runtime(Word::var("prefix_list"))
                };
                (
                    "PrefixListIds",
                    Json::Array(vec![Json::Object(vec![("PrefixListId", id)])]),
                )
            }
        };
        let mut permission = vec![("IpProtocol", Json::string(protocol.value()))];
        if protocol.takes_ports() {
            permission.push(("FromPort", Json::Value(Value::from(rule.from_port))));
            permission.push(("ToPort", Json::Value(Value::from(rule.to_port))));
        }
        permission.push(source);
        let permission = Json::Array(vec![Json::Object(permission)]);
        self.line(
            AwsCall::ec2("authorize-security-group-ingress", profile, &vpc.region)
                .arg_var("--group-id", group_var)
                .arg("--ip-permissions", permission.to_word())
                .run(),
        );
    }
}

/// What AWS allows in security group names and descriptions besides ASCII
/// letters and digits.
const GROUP_NAME_PUNCTUATION: &str = " ._-:/()#,@[]+=&;{}!$*";

/// A JSON string from a shell word: static when the word is design text.
fn json_word(word: Word) -> Json<'static> {
    match word.as_literal() {
        Some(text) => Json::string(text.to_owned()),
        None => Json::Runtime(word),
    }
}
